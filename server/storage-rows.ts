// The rows both storage backends read, and the records they become: one mapping for SQLite and PostgreSQL.
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
