// The rows both storage backends read, and the records they become: one mapping for SQLite and PostgreSQL.
import type { DeckImages, DeckRecord, DeckVersion } from './deck-store.js';
import type { MemberRecord } from './members-store.js';
import type { NoteRecord, RoomRecord } from './storage.js';

export interface RoomRow {
  id: string;
  deck: string;
  deck_version: number | null;
  join_code: string;
  facilitator_key_hash: string;
  created_at: number;
}

export interface NoteRow {
  id: string;
  room_id: string;
  board: string;
  zone: string;
  text: string;
  status: string;
  participant_id: string | null;
  created_at: number;
  updated_at: number;
}

export function toRoom(r: RoomRow | undefined): RoomRecord | undefined {
  return (
    r && {
      id: r.id,
      deck: r.deck,
      // NULL: a room stored before rooms pinned a deck version (RoomRecord.deckVersion).
      deckVersion: r.deck_version ?? 0,
      joinCode: r.join_code,
      facilitatorKeyHash: r.facilitator_key_hash,
      createdAt: r.created_at,
    }
  );
}

export function toNote(r: NoteRow): NoteRecord {
  return {
    id: r.id,
    roomId: r.room_id,
    board: r.board,
    zone: r.zone,
    text: r.text,
    status: r.status as NoteRecord['status'],
    participantId: r.participant_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface DeckRow {
  id: string;
  title: string;
  /** SQLite stores 0/1, PostgreSQL a boolean. */
  template: number | boolean;
  editor_key_hash: string | null;
  created_at: number;
  updated_at: number;
  latest_version: number;
  deleted_at: number | null;
}

export interface VersionRow {
  deck_id: string;
  version: number;
  source: string;
  title: string;
  images: string;
  created_at: number;
}

export function toDeck(r: DeckRow | undefined): DeckRecord | undefined {
  return (
    r && {
      id: r.id,
      title: r.title,
      template: r.template === true || r.template === 1,
      editorKeyHash: r.editor_key_hash,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      latestVersion: r.latest_version,
      deletedAt: r.deleted_at,
    }
  );
}

export function toVersion(r: VersionRow | undefined): DeckVersion | undefined {
  return (
    r && {
      deckId: r.deck_id,
      version: r.version,
      source: r.source,
      title: r.title,
      images: JSON.parse(r.images) as DeckImages,
      createdAt: r.created_at,
    }
  );
}

export interface MemberRow {
  room_id: string;
  id: string;
  name: string;
  party: string;
  position: number;
  card_hash: string;
  generation: number;
  participant_id: string | null;
  checked_in_at: number | null;
  created_at: number;
}

export function toMember(r: MemberRow | undefined): MemberRecord | undefined {
  return (
    r && {
      id: r.id,
      roomId: r.room_id,
      name: r.name,
      party: r.party,
      position: r.position,
      cardHash: r.card_hash,
      generation: r.generation,
      participantId: r.participant_id,
      checkedInAt: r.checked_in_at,
      createdAt: r.created_at,
    }
  );
}
