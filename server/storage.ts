// The storage contract: every backend (SQLite, PostgreSQL) passes the same contract tests (test/contract/).
import type { WireBallot } from '../core/activity.js';
import type { BoardState, NoteStatus } from '../core/board.js';
import type { ActivityState } from '../core/room-doc.js';
import type { DeckImageStore } from './deck-images.js';
import type { DeckStore } from './deck-store.js';
import type { MemberStore } from './members-store.js';

export interface RoomRecord {
  id: string;
  deck: string;
  /**
   * The deck version the room was created with (server/deck-store.ts): what it shows and counts, whatever is
   * saved to the deck later. 0 only for a room stored before rooms pinned a version whose deck was not in
   * the store at the last start (pinRoomsToLatest); such a room loads its deck's latest version.
   */
  deckVersion: number;
  joinCode: string;
  /** SHA-256 of the facilitator key; the key itself is never stored. */
  facilitatorKeyHash: string;
  createdAt: number;
}

export interface ParticipantRecord {
  id: string;
  roomId: string;
  tokenHash: string;
  createdAt: number;
}

export interface BallotRecord {
  activity: string;
  participantId: string;
  ballot: WireBallot;
  intentId: string;
  updatedAt: number;
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface StoreBallotInput {
  roomId: string;
  activity: string;
  participantId: string;
  ballot: WireBallot;
  intentId: string;
  answer: StoredAnswer;
  at: number;
}

/** A whiteboard note; `participantId` is null for a facilitator's note and never leaves the server. */
export interface NoteRecord {
  id: string;
  roomId: string;
  board: string;
  zone: string;
  text: string;
  status: NoteStatus;
  participantId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The intent that caused a write, stored in the same transaction so a retry is answered as before. */
export interface IntentRecord {
  participantId: string;
  intentId: string;
  /** What a reset clears: e.g. "<board>:dots". */
  scope: string;
  answer: StoredAnswer;
  at: number;
}

export interface DotsRecord {
  board: string;
  participantId: string;
  dots: Record<string, number>;
  updatedAt: number;
}

/** Documents a room keeps: the public shared document. */
export type DocName = 'public';

export interface Storage {
  /** Committee members, voting cards and secret ballots (docs/voting-cards.md). */
  readonly members: MemberStore;
  /** Decks and their versions, templates included (server/deck-store.ts). */
  readonly decks: DeckStore;
  /** Images uploaded with decks: bytes by hash, each deck's current name → hash map (server/deck-images.ts). */
  readonly images: DeckImageStore;

  /**
   * Makes the store ready for calls: runs the schema migrations the database lacks (docs/storage.md). Called once
   * before the first request; calling it again is harmless. SQLite migrates as the file opens and resolves at once.
   */
  ready(): Promise<void>;

  /** Stores a new room; a join code that another room holds is refused with JoinCodeTakenError. */
  createRoom(room: RoomRecord): Promise<void>;
  getRoom(id: string): Promise<RoomRecord | undefined>;
  getRoomByCode(code: string): Promise<RoomRecord | undefined>;
  joinCodeTaken(code: string): Promise<boolean>;
  /**
   * Rooms stored before rooms pinned a deck version get their deck's latest stored version. Run at start,
   * once the templates are recorded; rooms whose deck is not in the store stay as they are. Answers how many.
   */
  pinRoomsToLatest(): Promise<number>;

  createParticipant(p: ParticipantRecord): Promise<void>;
  getParticipantByTokenHash(hash: string): Promise<ParticipantRecord | undefined>;
  countParticipants(roomId: string): Promise<number>;

  /** The earlier answer to an intent, so a retry is answered as before and counted once. */
  getIntentAnswer(roomId: string, participantId: string, intentId: string): Promise<StoredAnswer | undefined>;
  /** Replace the participant's ballot and record the intent's answer in one durable transaction. */
  storeBallot(input: StoreBallotInput): Promise<void>;
  listBallots(roomId: string): Promise<BallotRecord[]>;
  deleteBallots(roomId: string, activity: string): Promise<void>;

  /** Remove an activity's ballots and intents and store its new state, all in one transaction. */
  resetActivity(roomId: string, activity: string, state: ActivityState): Promise<void>;
  getActivityStates(roomId: string): Promise<Map<string, ActivityState>>;
  putActivityState(roomId: string, activity: string, state: ActivityState): Promise<void>;

  /** Insert or replace a note, with the intent that caused it when a participant did. */
  storeNote(note: NoteRecord, intent?: IntentRecord): Promise<void>;
  /**
   * Remove a note for good, and every dot placed on it. Its id stays reserved (a tombstone with nothing but
   * the id), so nobody can post a new note under it and inherit its place and group on the board.
   */
  deleteNote(roomId: string, noteId: string, intent?: IntentRecord): Promise<void>;
  listNotes(roomId: string): Promise<NoteRecord[]>;
  /** Ids of the room's deleted and withdrawn notes: never to be used again. */
  listDeletedNoteIds(roomId: string): Promise<string[]>;
  /** Replace a participant's dots on a board (an empty allocation removes them). */
  storeDots(roomId: string, dots: DotsRecord, intent: IntentRecord): Promise<void>;
  listDots(roomId: string): Promise<DotsRecord[]>;
  /** Remove every dot on a board and the intents that placed them. */
  deleteDots(roomId: string, board: string): Promise<void>;
  getBoardStates(roomId: string): Promise<Map<string, BoardState>>;
  putBoardState(roomId: string, board: string, state: BoardState): Promise<void>;

  appendDocUpdate(roomId: string, doc: DocName, update: Uint8Array): Promise<void>;
  loadDocUpdates(roomId: string, doc: DocName): Promise<Uint8Array[]>;
  /** Replace the whole log with one snapshot (compaction). */
  replaceDocUpdates(roomId: string, doc: DocName, snapshot: Uint8Array): Promise<void>;

  /**
   * Remove a room and everything in it so that nothing of it remains in the database file. Versions of deleted
   * decks that no remaining room pins go with it (server/deck-store.ts).
   */
  deleteRoom(roomId: string): Promise<boolean>;
  /** The same for several rooms at once (the retention sweep); answers how many existed. */
  deleteRooms(roomIds: readonly string[]): Promise<number>;
  /** Free the join codes of rooms created before `before`: afterwards no code opens them. Answers how many. */
  retireJoinCodes(before: number): Promise<number>;
  /** Rooms created before `before` (ms since epoch). */
  listRoomsCreatedBefore(before: number): Promise<string[]>;

  close(): Promise<void>;
}

export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/**
 * A write for a room this process no longer serves: another process took it over (server/cluster/leases.ts), or
 * this copy of the room was closed while a request held it. Refused before anything is stored.
 */
export class RoomMovedError extends StorageError {
  constructor(roomId: string) {
    super(`Rummet ${roomId} bliver ikke længere betjent af denne serverproces; skrivningen er afvist.`);
    this.name = 'RoomMovedError';
  }
}

/**
 * `createRoom` with a join code another room holds: with several processes, two may draw the same free code at
 * the same moment; the one that stores second draws again (server/rooms.ts).
 */
export class JoinCodeTakenError extends StorageError {
  constructor(code: string, options?: { cause?: unknown }) {
    super(`Deltagerkoden ${code} blev taget af et andet rum i samme øjeblik.`, options);
    this.name = 'JoinCodeTakenError';
  }
}
