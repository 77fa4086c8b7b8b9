// SQLite's schema as numbered migrations, applied in order when a SqliteStorage opens its file (docs/storage.md).
import type Database from 'better-sqlite3';
import { diskFull } from './sqlite.js';
import { StorageError } from './storage.js';

export interface SqliteMigration {
  /** 1, 2, 3 … never reused, never changed once released: a database that ran it will not run it again. */
  version: number;
  /** What it does, for the log. */
  name: string;
  up(db: Database.Database): void;
  /**
   * Whether the database has everything this migration makes already, though it never recorded running it: a
   * database from before migrations were versioned. Only then may a full disk, which cannot take the record,
   * still let the server start (it serves what is stored and answers writes with 503 until there is room).
   */
  presentAlready?(db: Database.Database): boolean;
}

// Version 1 is the schema as it stood when migrations became versioned, written so that it also accepts every
// database made before: CREATE … IF NOT EXISTS leaves a table that is there as it is, and the columns later
// versions added to such tables are added when missing (rows from before get NULL).
//
// Members (docs/voting-cards.md):
// - turnout names the member and the activity, nothing else: who voted, for "7 af 9" and the attendance.
// - secret_ballots names nobody and has no time: its key is random and the table is WITHOUT ROWID, so neither
//   a rowid nor the key's order says in which order ballots came, and no column can be joined to turnout.
// - intents rows for a secret ballot (in the shared intents table) carry a receipt without the choice.
// Decks: deck_versions is append-only; the trigger refuses any UPDATE, so a version a room pins reads the same for
// as long as it exists. Rows leave only when their deck is deleted and no room pins them (see deck-store.ts).
// Images: image_blobs rows never change (the hash is the bytes'); a row goes only when nothing names it (sweep).
const V1 = `
CREATE TABLE IF NOT EXISTS rooms (
  id TEXT PRIMARY KEY,
  deck TEXT NOT NULL,
  deck_version INTEGER,
  join_code TEXT NOT NULL UNIQUE,
  facilitator_key_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_room ON participants(room_id);
CREATE TABLE IF NOT EXISTS ballots (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  ballot TEXT NOT NULL,
  intent_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, activity, participant_id)
);
CREATE TABLE IF NOT EXISTS intents (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL,
  intent_id TEXT NOT NULL,
  activity TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, participant_id, intent_id)
);
CREATE TABLE IF NOT EXISTS activity_states (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (room_id, activity)
);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  doc TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_room ON doc_updates(room_id, doc, seq);
CREATE TABLE IF NOT EXISTS notes (
  id TEXT NOT NULL,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  board TEXT NOT NULL,
  zone TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL,
  participant_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, id)
);
CREATE TABLE IF NOT EXISTS dots (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  board TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  dots TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, board, participant_id)
);
-- Ids of deleted and withdrawn notes, and nothing else of them: a note id is never given out twice.
CREATE TABLE IF NOT EXISTS note_tombstones (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  PRIMARY KEY (room_id, id)
);
CREATE TABLE IF NOT EXISTS board_states (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  board TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (room_id, board)
);
CREATE TABLE IF NOT EXISTS members (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  party TEXT NOT NULL,
  position INTEGER NOT NULL,
  card_hash TEXT NOT NULL,
  generation INTEGER NOT NULL,
  participant_id TEXT,
  checked_in_at INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, id),
  UNIQUE (room_id, card_hash)
);
CREATE TABLE IF NOT EXISTS turnout (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  member_id TEXT NOT NULL,
  PRIMARY KEY (room_id, activity, member_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS secret_ballots (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  id TEXT NOT NULL,
  ballot TEXT NOT NULL,
  PRIMARY KEY (room_id, activity, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS decks (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template INTEGER NOT NULL,
  editor_key_hash TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  latest_version INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE TABLE IF NOT EXISTS deck_versions (
  deck_id TEXT NOT NULL REFERENCES decks(id),
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  images TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (deck_id, version)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS deck_versions_immutable BEFORE UPDATE ON deck_versions
BEGIN
  SELECT RAISE(ABORT, 'a deck version is never changed');
END;
CREATE TABLE IF NOT EXISTS image_blobs (
  hash TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deck_image_names (
  deck_id TEXT NOT NULL REFERENCES decks(id),
  name TEXT NOT NULL,
  hash TEXT NOT NULL REFERENCES image_blobs(hash),
  PRIMARY KEY (deck_id, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deck_image_names_hash ON deck_image_names(hash);
`;

const V1_ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  // Rooms pin a deck version; rooms from before are pinned at start (pinRoomsToLatest).
  { table: 'rooms', column: 'deck_version', type: 'INTEGER' },
];

function tables(db: Database.Database): Set<string> {
  return new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
}

function missingColumns(db: Database.Database): typeof V1_ADDED_COLUMNS {
  return V1_ADDED_COLUMNS.filter(
    ({ table, column }) => !(db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column),
  );
}

/** Every migration, oldest first. Add new ones at the end (docs/storage.md). */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'rum, deltagere, stemmer, tavler, medlemmer, decks og billeder',
    up(db) {
      db.exec(V1);
      for (const { table, column, type } of missingColumns(db)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    },
    presentAlready(db) {
      const have = tables(db);
      const made = [...V1.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map((m) => m[1]!);
      return made.every((t) => have.has(t)) && missingColumns(db).length === 0;
    },
  },
];

const TRACK = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)';

function recorded(db: Database.Database): Set<number> {
  if (!tables(db).has('schema_migrations')) return new Set();
  return new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
}

/**
 * Applies the migrations this database has not run, in order, in one IMMEDIATE transaction (another process
 * opening the same file waits, then finds nothing left to do); a failure leaves the file as it was.
 *
 * On a full disk nothing can be written, not even the record of a migration. The server still starts when every
 * migration it lacks is one whose tables and columns are all there already (presentAlready); otherwise it stops
 * with a message that says to free space.
 */
export function migrateSqlite(
  db: Database.Database,
  migrations: readonly SqliteMigration[],
  now: number,
  log: (message: string) => void,
): { applied: number[]; unknown: number[] } {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const known = new Set(ordered.map((m) => m.version));
  const done = recorded(db);
  const pending = ordered.filter((m) => !done.has(m.version));
  const unknown = [...done].filter((v) => !known.has(v)).sort((a, b) => a - b);
  if (pending.length === 0) return { applied: [], unknown };
  try {
    const applied = db
      .transaction(() => {
        db.exec(TRACK);
        const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
        // Read again under the write lock: another process may have migrated meanwhile.
        const doneNow = recorded(db);
        const ran: number[] = [];
        for (const m of pending) {
          if (doneNow.has(m.version)) continue;
          m.up(db);
          record.run(m.version, now);
          ran.push(m.version);
        }
        return ran;
      })
      .immediate();
    return { applied, unknown };
  } catch (err) {
    if (!diskFull(err) || !pending.every((m) => m.presentAlready?.(db) === true)) {
      throw new StorageError(
        `Databasen kunne ikke gøres klar (${(err as Error).message}). Er disken fuld, så frigør plads og start igen.`,
        { cause: err },
      );
    }
    log(`databasens skema kunne ikke skrives (${(err as Error).message}); alle tabeller findes, så serveren starter`);
    return { applied: [], unknown };
  }
}
