// The storage contract: every backend (SQLite today, PostgreSQL later) passes the same contract tests.
import type { Ballot } from '../core/activity.js';
import type { ActivityState } from '../core/room-doc.js';

export interface RoomRecord {
  id: string;
  deck: string;
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
  ballot: Ballot;
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
  ballot: Ballot;
  intentId: string;
  answer: StoredAnswer;
  at: number;
}

/** Documents a room keeps: the public shared document. */
export type DocName = 'public';

export interface Storage {
  createRoom(room: RoomRecord): Promise<void>;
  getRoom(id: string): Promise<RoomRecord | undefined>;
  getRoomByCode(code: string): Promise<RoomRecord | undefined>;
  joinCodeTaken(code: string): Promise<boolean>;

  createParticipant(p: ParticipantRecord): Promise<void>;
  getParticipantByTokenHash(hash: string): Promise<ParticipantRecord | undefined>;
  countParticipants(roomId: string): Promise<number>;

  /** The earlier answer to an intent, so a retry is answered as before and counted once. */
  getIntentAnswer(roomId: string, participantId: string, intentId: string): Promise<StoredAnswer | undefined>;
  /** Replace the participant's ballot and record the intent's answer in one durable transaction. */
  storeBallot(input: StoreBallotInput): Promise<void>;
  listBallots(roomId: string): Promise<BallotRecord[]>;
  deleteBallots(roomId: string, activity: string): Promise<void>;

  getActivityStates(roomId: string): Promise<Map<string, ActivityState>>;
  putActivityState(roomId: string, activity: string, state: ActivityState): Promise<void>;

  appendDocUpdate(roomId: string, doc: DocName, update: Uint8Array): Promise<void>;
  loadDocUpdates(roomId: string, doc: DocName): Promise<Uint8Array[]>;
  /** Replace the whole log with one snapshot (compaction). */
  replaceDocUpdates(roomId: string, doc: DocName, snapshot: Uint8Array): Promise<void>;

  close(): Promise<void>;
}

export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}
