// SQLite storage (WAL, synchronous=FULL): an acknowledged write is on disk before the answer leaves.
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WireBallot } from '../core/activity.js';
import type { BoardState } from '../core/board.js';
import type { ActivityState } from '../core/room-doc.js';
import { SqliteDeckImageStore } from './deck-images-sqlite.js';
import { SqliteDeckStore } from './decks-sqlite.js';
import { SqliteMemberStore } from './members-sqlite.js';
import { migrateSqlite, SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { diskFull, guard, openWal, stateMap } from './sqlite.js';
import type {
  BallotRecord,
  DotsRecord,
  IntentRecord,
  NoteRecord,
  DocName,
  ParticipantRecord,
  RoomRecord,
  Storage,
  StoreBallotInput,
  StoredAnswer,
} from './storage.js';
import { JoinCodeTakenError } from './storage.js';
import { type NoteRow, type RoomRow, toNote, toRoom } from './storage-rows.js';

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmt;
  readonly members: SqliteMemberStore;
  readonly decks: SqliteDeckStore;
  readonly images: SqliteDeckImageStore;

  constructor(file: string, log: (message: string) => void = () => undefined) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = openWal(file, log);
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten, not left in free pages: a deleted room is gone from the file.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    const { applied, unknown } = migrateSqlite(this.db, SQLITE_MIGRATIONS, Date.now(), log);
    if (applied.length > 0) log(`databasens skema er opdateret (migration ${applied.join(', ')})`);
    if (unknown.length > 0)
      log(`databasen har migration ${unknown.join(', ')}, som denne version ikke kender: den er brugt af en nyere Rådslag`);
    const db = this.db;
    this.stmt = {
      insertRoom: db.prepare(
        'INSERT INTO rooms (id, deck, deck_version, join_code, facilitator_key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      roomById: db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE id = ?'),
      roomByCode: db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE join_code = ?'),
      insertParticipant: db.prepare('INSERT INTO participants (id, room_id, token_hash, created_at) VALUES (?, ?, ?, ?)'),
      participantByToken: db.prepare<[string], { id: string; room_id: string; token_hash: string; created_at: number }>(
        'SELECT * FROM participants WHERE token_hash = ?',
      ),
      countParticipants: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM participants WHERE room_id = ?'),
      intent: db.prepare<[string, string, string], { status: number; body: string }>(
        'SELECT status, body FROM intents WHERE room_id = ? AND participant_id = ? AND intent_id = ?',
      ),
      upsertBallot: db.prepare(
        `INSERT INTO ballots (room_id, activity, participant_id, ballot, intent_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (room_id, activity, participant_id) DO UPDATE SET ballot = excluded.ballot, intent_id = excluded.intent_id, updated_at = excluded.updated_at`,
      ),
      insertIntent: db.prepare(
        'INSERT INTO intents (room_id, participant_id, intent_id, activity, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      ballots: db.prepare<[string], { activity: string; participant_id: string; ballot: string; intent_id: string; updated_at: number }>(
        'SELECT activity, participant_id, ballot, intent_id, updated_at FROM ballots WHERE room_id = ? ORDER BY updated_at, participant_id',
      ),
      deleteBallots: db.prepare('DELETE FROM ballots WHERE room_id = ? AND activity = ?'),
      deleteIntents: db.prepare('DELETE FROM intents WHERE room_id = ? AND activity = ?'),
      states: db.prepare<[string], { activity: string; state: string }>('SELECT activity, state FROM activity_states WHERE room_id = ?'),
      putState: db.prepare(
        `INSERT INTO activity_states (room_id, activity, state) VALUES (?, ?, ?)
         ON CONFLICT (room_id, activity) DO UPDATE SET state = excluded.state`,
      ),
      appendUpdate: db.prepare('INSERT INTO doc_updates (room_id, doc, data) VALUES (?, ?, ?)'),
      loadUpdates: db.prepare<[string, string], { data: Buffer }>(
        'SELECT data FROM doc_updates WHERE room_id = ? AND doc = ? ORDER BY seq',
      ),
      deleteUpdates: db.prepare('DELETE FROM doc_updates WHERE room_id = ? AND doc = ?'),
      upsertNote: db.prepare(
        `INSERT INTO notes (id, room_id, board, zone, text, status, participant_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (room_id, id) DO UPDATE SET zone = excluded.zone, text = excluded.text, status = excluded.status, updated_at = excluded.updated_at`,
      ),
      deleteNote: db.prepare('DELETE FROM notes WHERE room_id = ? AND id = ?'),
      insertTombstone: db.prepare('INSERT OR IGNORE INTO note_tombstones (room_id, id) VALUES (?, ?)'),
      tombstones: db.prepare<[string], { id: string }>('SELECT id FROM note_tombstones WHERE room_id = ?'),
      notes: db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE room_id = ? ORDER BY created_at, id'),
      dotsOfRoom: db.prepare<[string], { board: string; participant_id: string; dots: string; updated_at: number }>(
        'SELECT board, participant_id, dots, updated_at FROM dots WHERE room_id = ? ORDER BY updated_at, participant_id',
      ),
      upsertDots: db.prepare(
        `INSERT INTO dots (room_id, board, participant_id, dots, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (room_id, board, participant_id) DO UPDATE SET dots = excluded.dots, updated_at = excluded.updated_at`,
      ),
      removeDots: db.prepare('DELETE FROM dots WHERE room_id = ? AND board = ? AND participant_id = ?'),
      deleteBoardDots: db.prepare('DELETE FROM dots WHERE room_id = ? AND board = ?'),
      boardStates: db.prepare<[string], { board: string; state: string }>('SELECT board, state FROM board_states WHERE room_id = ?'),
      putBoardState: db.prepare(
        `INSERT INTO board_states (room_id, board, state) VALUES (?, ?, ?)
         ON CONFLICT (room_id, board) DO UPDATE SET state = excluded.state`,
      ),
    };
    this.decks = new SqliteDeckStore(db);
    this.images = new SqliteDeckImageStore(db);
    this.members = new SqliteMemberStore(db, (roomId, participantId, intentId, activity, answer, at) =>
      this.stmt.insertIntent.run(roomId, participantId, intentId, activity, answer.status, JSON.stringify(answer.body), at),
    );
  }

  /** The schema is migrated when the file opens (synchronously, as every SQLite call is): nothing is left to wait for. */
  ready(): Promise<void> {
    return Promise.resolve();
  }

  createRoom(r: RoomRecord): Promise<void> {
    return guard('oprette rummet', () => {
      try {
        // 0 is "not pinned" (RoomRecord.deckVersion), stored as NULL so that pinRoomsToLatest pins it.
        this.stmt.insertRoom.run(r.id, r.deck, r.deckVersion || null, r.joinCode, r.facilitatorKeyHash, r.createdAt);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message?.includes('rooms.join_code'))
          throw new JoinCodeTakenError(r.joinCode, { cause: err });
        throw err;
      }
    });
  }

  getRoom(id: string): Promise<RoomRecord | undefined> {
    return guard('læse rummet', () => toRoom(this.stmt.roomById.get(id)));
  }

  getRoomByCode(code: string): Promise<RoomRecord | undefined> {
    return guard('slå koden op', () => toRoom(this.stmt.roomByCode.get(code)));
  }

  async joinCodeTaken(code: string): Promise<boolean> {
    return (await this.getRoomByCode(code)) !== undefined;
  }

  pinRoomsToLatest(): Promise<number> {
    return guard('knytte rummene til deres decks version', () =>
      Number(
        this.db
          .prepare(
            `UPDATE rooms SET deck_version = (SELECT latest_version FROM decks WHERE decks.id = rooms.deck)
             WHERE deck_version IS NULL AND EXISTS (SELECT 1 FROM decks WHERE decks.id = rooms.deck)`,
          )
          .run().changes,
      ),
    );
  }

  createParticipant(p: ParticipantRecord): Promise<void> {
    return guard('gemme deltageren', () => {
      this.stmt.insertParticipant.run(p.id, p.roomId, p.tokenHash, p.createdAt);
    });
  }

  getParticipantByTokenHash(hash: string): Promise<ParticipantRecord | undefined> {
    return guard('slå deltageren op', () => {
      const r = this.stmt.participantByToken.get(hash);
      return r && { id: r.id, roomId: r.room_id, tokenHash: r.token_hash, createdAt: r.created_at };
    });
  }

  countParticipants(roomId: string): Promise<number> {
    return guard('tælle deltagere', () => this.stmt.countParticipants.get(roomId)?.n ?? 0);
  }

  getIntentAnswer(roomId: string, participantId: string, intentId: string): Promise<StoredAnswer | undefined> {
    return guard('slå handlingen op', () => {
      const r = this.stmt.intent.get(roomId, participantId, intentId);
      return r && { status: r.status, body: JSON.parse(r.body) as unknown };
    });
  }

  private readonly storeBallotTx = (i: StoreBallotInput): void => {
    this.db.transaction(() => {
      this.stmt.upsertBallot.run(i.roomId, i.activity, i.participantId, JSON.stringify(i.ballot), i.intentId, i.at);
      this.stmt.insertIntent.run(i.roomId, i.participantId, i.intentId, i.activity, i.answer.status, JSON.stringify(i.answer.body), i.at);
    })();
  };

  storeBallot(input: StoreBallotInput): Promise<void> {
    return guard('gemme stemmen', () => this.storeBallotTx(input));
  }

  listBallots(roomId: string): Promise<BallotRecord[]> {
    return guard('læse stemmer', () =>
      this.stmt.ballots.all(roomId).map((r) => ({
        activity: r.activity,
        participantId: r.participant_id,
        ballot: JSON.parse(r.ballot) as WireBallot,
        intentId: r.intent_id,
        updatedAt: r.updated_at,
      })),
    );
  }

  deleteBallots(roomId: string, activity: string): Promise<void> {
    return guard('nulstille aktiviteten', () => {
      this.db.transaction(() => {
        this.stmt.deleteBallots.run(roomId, activity);
        this.stmt.deleteIntents.run(roomId, activity);
      })();
    });
  }

  resetActivity(roomId: string, activity: string, state: ActivityState): Promise<void> {
    return guard('nulstille aktiviteten', () => {
      this.db.transaction(() => {
        this.stmt.deleteBallots.run(roomId, activity);
        this.stmt.deleteIntents.run(roomId, activity);
        this.members.clearActivitySync(roomId, activity);
        this.stmt.putState.run(roomId, activity, JSON.stringify(state));
      })();
    });
  }

  getActivityStates(roomId: string): Promise<Map<string, ActivityState>> {
    return guard('læse aktiviteternes tilstand', () =>
      stateMap<ActivityState>(this.stmt.states.all(roomId).map((r) => [r.activity, r.state])),
    );
  }

  putActivityState(roomId: string, activity: string, state: ActivityState): Promise<void> {
    return guard('gemme aktivitetens tilstand', () => {
      this.stmt.putState.run(roomId, activity, JSON.stringify(state));
    });
  }

  private recordIntent(roomId: string, i: IntentRecord): void {
    this.stmt.insertIntent.run(roomId, i.participantId, i.intentId, i.scope, i.answer.status, JSON.stringify(i.answer.body), i.at);
  }

  storeNote(n: NoteRecord, intent?: IntentRecord): Promise<void> {
    return guard('gemme sedlen', () => {
      this.db.transaction(() => {
        this.stmt.upsertNote.run(n.id, n.roomId, n.board, n.zone, n.text, n.status, n.participantId, n.createdAt, n.updatedAt);
        if (intent) this.recordIntent(n.roomId, intent);
      })();
    });
  }

  deleteNote(roomId: string, noteId: string, intent?: IntentRecord): Promise<void> {
    return guard('slette sedlen', () => {
      this.db.transaction(() => {
        this.stmt.deleteNote.run(roomId, noteId);
        this.stmt.insertTombstone.run(roomId, noteId);
        // Dots on the note go with it: every allocation that named it loses that entry.
        for (const r of this.stmt.dotsOfRoom.all(roomId)) {
          const dots = JSON.parse(r.dots) as Record<string, number>;
          if (!(noteId in dots)) continue;
          delete dots[noteId];
          if (Object.keys(dots).length === 0) this.stmt.removeDots.run(roomId, r.board, r.participant_id);
          else this.stmt.upsertDots.run(roomId, r.board, r.participant_id, JSON.stringify(dots), r.updated_at);
        }
        if (intent) this.recordIntent(roomId, intent);
      })();
    });
  }

  listNotes(roomId: string): Promise<NoteRecord[]> {
    return guard('læse sedler', () => this.stmt.notes.all(roomId).map(toNote));
  }

  listDeletedNoteIds(roomId: string): Promise<string[]> {
    return guard('læse slettede sedler', () => this.stmt.tombstones.all(roomId).map((r) => r.id));
  }

  storeDots(roomId: string, d: DotsRecord, intent: IntentRecord): Promise<void> {
    return guard('gemme prikkerne', () => {
      this.db.transaction(() => {
        if (Object.keys(d.dots).length === 0) this.stmt.removeDots.run(roomId, d.board, d.participantId);
        else this.stmt.upsertDots.run(roomId, d.board, d.participantId, JSON.stringify(d.dots), d.updatedAt);
        this.recordIntent(roomId, intent);
      })();
    });
  }

  listDots(roomId: string): Promise<DotsRecord[]> {
    return guard('læse prikker', () =>
      this.stmt.dotsOfRoom.all(roomId).map((r) => ({
        board: r.board,
        participantId: r.participant_id,
        dots: JSON.parse(r.dots) as Record<string, number>,
        updatedAt: r.updated_at,
      })),
    );
  }

  deleteDots(roomId: string, board: string): Promise<void> {
    return guard('nulstille prikkerne', () => {
      this.db.transaction(() => {
        this.stmt.deleteBoardDots.run(roomId, board);
        this.stmt.deleteIntents.run(roomId, `${board}:dots`);
      })();
    });
  }

  getBoardStates(roomId: string): Promise<Map<string, BoardState>> {
    return guard('læse tavlernes tilstand', () => stateMap<BoardState>(this.stmt.boardStates.all(roomId).map((r) => [r.board, r.state])));
  }

  putBoardState(roomId: string, board: string, state: BoardState): Promise<void> {
    return guard('gemme tavlens tilstand', () => {
      this.stmt.putBoardState.run(roomId, board, JSON.stringify(state));
    });
  }

  appendDocUpdate(roomId: string, doc: DocName, update: Uint8Array): Promise<void> {
    return guard('gemme dokumentet', () => {
      this.stmt.appendUpdate.run(roomId, doc, Buffer.from(update));
    });
  }

  loadDocUpdates(roomId: string, doc: DocName): Promise<Uint8Array[]> {
    return guard('læse dokumentet', () =>
      this.stmt.loadUpdates.all(roomId, doc).map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
    );
  }

  replaceDocUpdates(roomId: string, doc: DocName, snapshot: Uint8Array): Promise<void> {
    return guard('komprimere dokumentet', () => {
      this.db.transaction(() => {
        this.stmt.deleteUpdates.run(roomId, doc);
        this.stmt.appendUpdate.run(roomId, doc, Buffer.from(snapshot));
      })();
    });
  }

  async deleteRoom(roomId: string): Promise<boolean> {
    return (await this.deleteRooms([roomId])) > 0;
  }

  deleteRooms(roomIds: readonly string[]): Promise<number> {
    return guard('slette rummet', () => {
      // One transaction (one sync to disk) for the whole batch: a retention sweep of thousands of rooms
      // costs a few batches, not thousands of syncs.
      const deleted = this.db.transaction(() => {
        let n = 0;
        for (const roomId of roomIds) {
          for (const table of [
            'ballots',
            'intents',
            'activity_states',
            'doc_updates',
            'notes',
            'note_tombstones',
            'dots',
            'board_states',
            'participants',
          ]) {
            this.db.prepare(`DELETE FROM ${table} WHERE room_id = ?`).run(roomId);
          }
          n += this.db.prepare('DELETE FROM rooms WHERE id = ?').run(roomId).changes;
        }
        this.decks.purgeUnpinnedSync();
        return n;
      })();
      // Move the write-ahead log into the file and empty it, so no copy of the rooms' pages stays behind. On a full
      // disk that can fail after the rooms are gone; the next checkpoint (at the latest when the server stops) does it.
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch (err) {
        if (!diskFull(err)) throw err;
      }
      return deleted;
    });
  }

  retireJoinCodes(before: number): Promise<number> {
    // join_code stays NOT NULL UNIQUE: a retired room holds a value no six-digit code can ever match.
    return guard('frigive gamle koder', () =>
      Number(
        this.db.prepare(`UPDATE rooms SET join_code = 'retired:' || id WHERE created_at < ? AND join_code NOT LIKE 'retired:%'`).run(before)
          .changes,
      ),
    );
  }

  listRoomsCreatedBefore(before: number): Promise<string[]> {
    return guard('finde gamle rum', () =>
      (this.db.prepare('SELECT id FROM rooms WHERE created_at < ? ORDER BY created_at').all(before) as { id: string }[]).map((r) => r.id),
    );
  }

  close(): Promise<void> {
    return guard('lukkes', () => {
      this.db.close();
    });
  }
}
