// PostgreSQL storage (DATABASE_URL): the same contract as SQLite; a write is committed (synchronous_commit on) before it is answered.
import type pg from 'pg';
import type { WireBallot } from '../../core/activity.js';
import type { BoardState } from '../../core/board.js';
import type { ActivityState } from '../../core/room-doc.js';
import type {
  BallotRecord,
  DocName,
  DotsRecord,
  IntentRecord,
  NoteRecord,
  ParticipantRecord,
  RoomRecord,
  Storage,
  StoreBallotInput,
  StoredAnswer,
} from '../storage.js';
import { JoinCodeTakenError } from '../storage.js';
import { PgDeckImageStore } from './deck-images-pg.js';
import { PgDeckStore, purgeUnpinned } from './decks-pg.js';
import { changes, createPool, PgDb, rows, storageError, type PgOptions, type Queryable } from './db.js';
import { PgMemberStore } from './members-pg.js';
import { migrate, PG_MIGRATIONS } from './migrations.js';
import { type NoteRow, type RoomRow, toNote, toRoom } from '../storage-rows.js';

interface DotsRow {
  board: string;
  participant_id: string;
  dots: string;
  updated_at: number;
}

function stateMap<T>(list: { key: string; state: string }[]): Map<string, T> {
  return new Map(list.map((r) => [r.key, JSON.parse(r.state) as T]));
}

/** Tables that hold a room's data, children before the room itself. */
const ROOM_TABLES = [
  'ballots',
  'intents',
  'activity_states',
  'doc_updates',
  'notes',
  'note_tombstones',
  'dots',
  'board_states',
  'turnout',
  'secret_ballots',
  'members',
  'participants',
] as const;

const INSERT_INTENT =
  'INSERT INTO intents (room_id, participant_id, intent_id, activity, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)';
const DELETE_BALLOTS = 'DELETE FROM ballots WHERE room_id = $1 AND activity = $2';
const DELETE_INTENTS = 'DELETE FROM intents WHERE room_id = $1 AND activity = $2';
const PUT_STATE = `INSERT INTO activity_states (room_id, activity, state) VALUES ($1, $2, $3)
  ON CONFLICT (room_id, activity) DO UPDATE SET state = excluded.state`;
const APPEND_UPDATE = 'INSERT INTO doc_updates (room_id, doc, data) VALUES ($1, $2, $3)';
const UPSERT_DOTS = `INSERT INTO dots (room_id, board, participant_id, dots, updated_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (room_id, board, participant_id) DO UPDATE SET dots = excluded.dots, updated_at = excluded.updated_at`;
const REMOVE_DOTS = 'DELETE FROM dots WHERE room_id = $1 AND board = $2 AND participant_id = $3';

function bytes(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

export class PgStorage implements Storage {
  /** The pool every call uses; room ownership (server/cluster/) takes its connections from it too. */
  readonly pool: pg.Pool;
  readonly members: PgMemberStore;
  readonly decks: PgDeckStore;
  readonly images: PgDeckImageStore;
  private readonly db: PgDb;
  private readonly log: (message: string) => void;
  private readying: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: PgOptions) {
    this.log = options.log ?? (() => undefined);
    this.pool = createPool(options);
    this.db = new PgDb(this.pool, options.fence);
    this.members = new PgMemberStore(this.db, (on, roomId, participantId, intentId, activity, answer, at) =>
      this.insertIntent(on, roomId, participantId, intentId, activity, answer, at),
    );
    this.decks = new PgDeckStore(this.db);
    this.images = new PgDeckImageStore(this.db);
  }

  /** Runs the migrations this database lacks (several processes starting at once migrate once). */
  ready(): Promise<void> {
    this.readying ??= this.start().catch((err: unknown) => {
      // A database that was not up yet may be there on the next try.
      this.readying = undefined;
      throw storageError('gøres klar', err);
    });
    return this.readying;
  }

  private async start(): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const { applied, unknown } = await migrate(client, PG_MIGRATIONS, Date.now());
      if (applied.length > 0) this.log(`PostgreSQL-skemaet er opdateret (migration ${applied.join(', ')})`);
      if (unknown.length > 0) {
        this.log(`databasen har migration ${unknown.join(', ')}, som denne version ikke kender: den er brugt af en nyere Rådslag`);
      }
      // An acknowledged ballot must survive a crash of the database server: that needs the commit flushed first.
      const sync = (await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit;
      if (sync === 'off') {
        this.log(
          'PostgreSQL har synchronous_commit = off: en bekræftet stemme kan gå tabt, hvis databaseserveren går ned. Sæt den til on.',
        );
      }
    } catch (err) {
      broken = err as Error;
      throw err;
    } finally {
      client.release(broken);
    }
  }

  private async insertIntent(
    on: Queryable,
    roomId: string,
    participantId: string,
    intentId: string,
    activity: string,
    answer: StoredAnswer,
    at: number,
  ): Promise<void> {
    await on.query(INSERT_INTENT, [roomId, participantId, intentId, activity, answer.status, JSON.stringify(answer.body), at]);
  }

  private recordIntent(on: Queryable, roomId: string, i: IntentRecord): Promise<void> {
    return this.insertIntent(on, roomId, i.participantId, i.intentId, i.scope, i.answer, i.at);
  }

  createRoom(r: RoomRecord): Promise<void> {
    return this.db.run('oprette rummet', async (on) => {
      try {
        // 0 is "not pinned" (RoomRecord.deckVersion), stored as NULL so that pinRoomsToLatest pins it.
        await on.query(
          'INSERT INTO rooms (id, deck, deck_version, join_code, facilitator_key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [r.id, r.deck, r.deckVersion || null, r.joinCode, r.facilitatorKeyHash, r.createdAt],
        );
      } catch (err) {
        // 23505: unique_violation, here on the join code (another process drew the same code at the same moment).
        const e = err as { code?: string; constraint?: string };
        if (e.code === '23505' && e.constraint === 'rooms_join_code_key') throw new JoinCodeTakenError(r.joinCode, { cause: err });
        throw err;
      }
    });
  }

  getRoom(id: string): Promise<RoomRecord | undefined> {
    return this.db.run('læse rummet', async (on) => toRoom((await rows<RoomRow>(on, 'SELECT * FROM rooms WHERE id = $1', [id]))[0]));
  }

  getRoomByCode(code: string): Promise<RoomRecord | undefined> {
    return this.db.run('slå koden op', async (on) =>
      toRoom((await rows<RoomRow>(on, 'SELECT * FROM rooms WHERE join_code = $1', [code]))[0]),
    );
  }

  async joinCodeTaken(code: string): Promise<boolean> {
    return (await this.getRoomByCode(code)) !== undefined;
  }

  pinRoomsToLatest(): Promise<number> {
    return this.db.run('knytte rummene til deres decks version', (on) =>
      changes(
        on,
        `UPDATE rooms SET deck_version = (SELECT latest_version FROM decks WHERE decks.id = rooms.deck)
         WHERE deck_version IS NULL AND EXISTS (SELECT 1 FROM decks WHERE decks.id = rooms.deck)`,
      ),
    );
  }

  createParticipant(p: ParticipantRecord): Promise<void> {
    return this.db.run('gemme deltageren', async (on) => {
      await on.query('INSERT INTO participants (id, room_id, token_hash, created_at) VALUES ($1, $2, $3, $4)', [
        p.id,
        p.roomId,
        p.tokenHash,
        p.createdAt,
      ]);
    });
  }

  getParticipantByTokenHash(hash: string): Promise<ParticipantRecord | undefined> {
    return this.db.run('slå deltageren op', async (on) => {
      const [r] = await rows<{ id: string; room_id: string; token_hash: string; created_at: number }>(
        on,
        'SELECT * FROM participants WHERE token_hash = $1',
        [hash],
      );
      return r && { id: r.id, roomId: r.room_id, tokenHash: r.token_hash, createdAt: r.created_at };
    });
  }

  countParticipants(roomId: string): Promise<number> {
    return this.db.run(
      'tælle deltagere',
      async (on) => (await rows<{ n: number }>(on, 'SELECT COUNT(*) AS n FROM participants WHERE room_id = $1', [roomId]))[0]?.n ?? 0,
    );
  }

  getIntentAnswer(roomId: string, participantId: string, intentId: string): Promise<StoredAnswer | undefined> {
    return this.db.run('slå handlingen op', async (on) => {
      const [r] = await rows<{ status: number; body: string }>(
        on,
        'SELECT status, body FROM intents WHERE room_id = $1 AND participant_id = $2 AND intent_id = $3',
        [roomId, participantId, intentId],
      );
      return r && { status: r.status, body: JSON.parse(r.body) as unknown };
    });
  }

  storeBallot(i: StoreBallotInput): Promise<void> {
    // COMMIT returns once the commit record is flushed (synchronous_commit on): only then is the ballot answered.
    return this.db.tx('gemme stemmen', i.roomId, async (c) => {
      await c.query(
        `INSERT INTO ballots (room_id, activity, participant_id, ballot, intent_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (room_id, activity, participant_id)
         DO UPDATE SET ballot = excluded.ballot, intent_id = excluded.intent_id, updated_at = excluded.updated_at`,
        [i.roomId, i.activity, i.participantId, JSON.stringify(i.ballot), i.intentId, i.at],
      );
      await this.insertIntent(c, i.roomId, i.participantId, i.intentId, i.activity, i.answer, i.at);
    });
  }

  listBallots(roomId: string): Promise<BallotRecord[]> {
    return this.db.run('læse stemmer', async (on) =>
      (
        await rows<{ activity: string; participant_id: string; ballot: string; intent_id: string; updated_at: number }>(
          on,
          `SELECT activity, participant_id, ballot, intent_id, updated_at FROM ballots WHERE room_id = $1
           ORDER BY updated_at, participant_id COLLATE "C"`,
          [roomId],
        )
      ).map((r) => ({
        activity: r.activity,
        participantId: r.participant_id,
        ballot: JSON.parse(r.ballot) as WireBallot,
        intentId: r.intent_id,
        updatedAt: r.updated_at,
      })),
    );
  }

  deleteBallots(roomId: string, activity: string): Promise<void> {
    return this.db.tx('nulstille aktiviteten', roomId, async (c) => {
      await c.query(DELETE_BALLOTS, [roomId, activity]);
      await c.query(DELETE_INTENTS, [roomId, activity]);
    });
  }

  resetActivity(roomId: string, activity: string, state: ActivityState): Promise<void> {
    return this.db.tx('nulstille aktiviteten', roomId, async (c) => {
      await c.query(DELETE_BALLOTS, [roomId, activity]);
      await c.query(DELETE_INTENTS, [roomId, activity]);
      await this.members.clearActivity(c, roomId, activity);
      await c.query(PUT_STATE, [roomId, activity, JSON.stringify(state)]);
    });
  }

  getActivityStates(roomId: string): Promise<Map<string, ActivityState>> {
    return this.db.run('læse aktiviteternes tilstand', async (on) =>
      stateMap<ActivityState>(
        await rows<{ key: string; state: string }>(on, 'SELECT activity AS key, state FROM activity_states WHERE room_id = $1', [roomId]),
      ),
    );
  }

  putActivityState(roomId: string, activity: string, state: ActivityState): Promise<void> {
    return this.db.write('gemme aktivitetens tilstand', roomId, async (on) => {
      await on.query(PUT_STATE, [roomId, activity, JSON.stringify(state)]);
    });
  }

  storeNote(n: NoteRecord, intent?: IntentRecord): Promise<void> {
    return this.db.tx('gemme sedlen', n.roomId, async (c) => {
      await c.query(
        `INSERT INTO notes (id, room_id, board, zone, text, status, participant_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (room_id, id) DO UPDATE SET zone = excluded.zone, text = excluded.text, status = excluded.status, updated_at = excluded.updated_at`,
        [n.id, n.roomId, n.board, n.zone, n.text, n.status, n.participantId, n.createdAt, n.updatedAt],
      );
      if (intent) await this.recordIntent(c, n.roomId, intent);
    });
  }

  deleteNote(roomId: string, noteId: string, intent?: IntentRecord): Promise<void> {
    return this.db.tx('slette sedlen', roomId, async (c) => {
      await c.query('DELETE FROM notes WHERE room_id = $1 AND id = $2', [roomId, noteId]);
      await c.query('INSERT INTO note_tombstones (room_id, id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [roomId, noteId]);
      // Dots on the note go with it: every allocation that named it loses that entry.
      const placed = await rows<DotsRow>(c, 'SELECT board, participant_id, dots, updated_at FROM dots WHERE room_id = $1 FOR UPDATE', [
        roomId,
      ]);
      for (const r of placed) {
        const dots = JSON.parse(r.dots) as Record<string, number>;
        if (!(noteId in dots)) continue;
        delete dots[noteId];
        if (Object.keys(dots).length === 0) await c.query(REMOVE_DOTS, [roomId, r.board, r.participant_id]);
        else await c.query(UPSERT_DOTS, [roomId, r.board, r.participant_id, JSON.stringify(dots), r.updated_at]);
      }
      if (intent) await this.recordIntent(c, roomId, intent);
    });
  }

  listNotes(roomId: string): Promise<NoteRecord[]> {
    return this.db.run('læse sedler', async (on) =>
      (await rows<NoteRow>(on, 'SELECT * FROM notes WHERE room_id = $1 ORDER BY created_at, id COLLATE "C"', [roomId])).map(toNote),
    );
  }

  listDeletedNoteIds(roomId: string): Promise<string[]> {
    return this.db.run('læse slettede sedler', async (on) =>
      (await rows<{ id: string }>(on, 'SELECT id FROM note_tombstones WHERE room_id = $1', [roomId])).map((r) => r.id),
    );
  }

  storeDots(roomId: string, d: DotsRecord, intent: IntentRecord): Promise<void> {
    return this.db.tx('gemme prikkerne', roomId, async (c) => {
      if (Object.keys(d.dots).length === 0) await c.query(REMOVE_DOTS, [roomId, d.board, d.participantId]);
      else await c.query(UPSERT_DOTS, [roomId, d.board, d.participantId, JSON.stringify(d.dots), d.updatedAt]);
      await this.recordIntent(c, roomId, intent);
    });
  }

  listDots(roomId: string): Promise<DotsRecord[]> {
    return this.db.run('læse prikker', async (on) =>
      (
        await rows<DotsRow>(
          on,
          'SELECT board, participant_id, dots, updated_at FROM dots WHERE room_id = $1 ORDER BY updated_at, participant_id COLLATE "C"',
          [roomId],
        )
      ).map((r) => ({
        board: r.board,
        participantId: r.participant_id,
        dots: JSON.parse(r.dots) as Record<string, number>,
        updatedAt: r.updated_at,
      })),
    );
  }

  deleteDots(roomId: string, board: string): Promise<void> {
    return this.db.tx('nulstille prikkerne', roomId, async (c) => {
      await c.query('DELETE FROM dots WHERE room_id = $1 AND board = $2', [roomId, board]);
      await c.query(DELETE_INTENTS, [roomId, `${board}:dots`]);
    });
  }

  getBoardStates(roomId: string): Promise<Map<string, BoardState>> {
    return this.db.run('læse tavlernes tilstand', async (on) =>
      stateMap<BoardState>(
        await rows<{ key: string; state: string }>(on, 'SELECT board AS key, state FROM board_states WHERE room_id = $1', [roomId]),
      ),
    );
  }

  putBoardState(roomId: string, board: string, state: BoardState): Promise<void> {
    return this.db.write('gemme tavlens tilstand', roomId, async (on) => {
      await on.query(
        `INSERT INTO board_states (room_id, board, state) VALUES ($1, $2, $3)
         ON CONFLICT (room_id, board) DO UPDATE SET state = excluded.state`,
        [roomId, board, JSON.stringify(state)],
      );
    });
  }

  appendDocUpdate(roomId: string, doc: DocName, update: Uint8Array): Promise<void> {
    return this.db.write('gemme dokumentet', roomId, async (on) => {
      await on.query(APPEND_UPDATE, [roomId, doc, bytes(update)]);
    });
  }

  loadDocUpdates(roomId: string, doc: DocName): Promise<Uint8Array[]> {
    return this.db.run('læse dokumentet', async (on) =>
      (await rows<{ data: Buffer }>(on, 'SELECT data FROM doc_updates WHERE room_id = $1 AND doc = $2 ORDER BY seq', [roomId, doc])).map(
        (r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
      ),
    );
  }

  replaceDocUpdates(roomId: string, doc: DocName, snapshot: Uint8Array): Promise<void> {
    return this.db.tx('komprimere dokumentet', roomId, async (c) => {
      await c.query('DELETE FROM doc_updates WHERE room_id = $1 AND doc = $2', [roomId, doc]);
      await c.query(APPEND_UPDATE, [roomId, doc, bytes(snapshot)]);
    });
  }

  async deleteRoom(roomId: string): Promise<boolean> {
    return (await this.deleteRooms([roomId])) > 0;
  }

  deleteRooms(roomIds: readonly string[]): Promise<number> {
    // One transaction for the whole batch, as in SQLite. PostgreSQL keeps deleted rows' bytes in its files until
    // VACUUM reuses the space, and in its write-ahead log until that is recycled (docs/storage.md).
    return this.db.tx('slette rummet', undefined, async (c) => {
      const ids = [...roomIds];
      for (const table of ROOM_TABLES) await c.query(`DELETE FROM ${table} WHERE room_id = ANY($1::text[])`, [ids]);
      const n = await changes(c, 'DELETE FROM rooms WHERE id = ANY($1::text[])', [ids]);
      await purgeUnpinned(c);
      return n;
    });
  }

  retireJoinCodes(before: number): Promise<number> {
    // join_code stays NOT NULL UNIQUE: a retired room holds a value no six-digit code can ever match.
    return this.db.run('frigive gamle koder', (on) =>
      changes(on, `UPDATE rooms SET join_code = 'retired:' || id WHERE created_at < $1 AND join_code NOT LIKE 'retired:%'`, [before]),
    );
  }

  listRoomsCreatedBefore(before: number): Promise<string[]> {
    return this.db.run('finde gamle rum', async (on) =>
      (await rows<{ id: string }>(on, 'SELECT id FROM rooms WHERE created_at < $1 ORDER BY created_at', [before])).map((r) => r.id),
    );
  }

  close(): Promise<void> {
    this.closing ??= this.pool.end().catch((err: unknown) => {
      throw storageError('lukkes', err);
    });
    return this.closing;
  }
}
