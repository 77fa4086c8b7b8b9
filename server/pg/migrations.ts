// PostgreSQL's schema as numbered migrations, applied in order at start under one advisory lock (docs/storage.md).
import { LEASES_SCHEMA } from '../cluster/leases.js';
import type pg from 'pg';

export interface PgMigration {
  /** 1, 2, 3 … never reused, never changed once released: a database that ran it will not run it again. */
  version: number;
  /** What it does, for the log. */
  name: string;
  sql: string;
}

/**
 * The key of the transaction-level advisory lock migrations run under, so that of several processes starting at
 * once one migrates and the others wait and then find nothing left to do. The two-key form (two int4s) keeps it
 * apart from every single-key (bigint) advisory lock, whatever those are used for.
 */
export const MIGRATION_LOCK: readonly [number, number] = [0x52c3a5, 1];

// Timestamps are ms since the epoch (BIGINT, read back as Number); JSON is stored as the TEXT the server wrote.
// Ids compare and order byte by byte in SQL (COLLATE "C" where a query orders by them), as in SQLite.
const V1 = `
CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  deck TEXT NOT NULL,
  deck_version INTEGER,
  join_code TEXT NOT NULL UNIQUE,
  facilitator_key_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX rooms_created ON rooms(created_at);
CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE INDEX participants_room ON participants(room_id);
CREATE TABLE ballots (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  ballot TEXT NOT NULL,
  intent_id TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (room_id, activity, participant_id)
);
CREATE TABLE intents (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL,
  intent_id TEXT NOT NULL,
  activity TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (room_id, participant_id, intent_id)
);
CREATE INDEX intents_activity ON intents(room_id, activity);
CREATE TABLE activity_states (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (room_id, activity)
);
CREATE TABLE doc_updates (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  doc TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX doc_updates_room ON doc_updates(room_id, doc, seq);
CREATE TABLE notes (
  id TEXT NOT NULL,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  board TEXT NOT NULL,
  zone TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL,
  participant_id TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (room_id, id)
);
CREATE TABLE dots (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  board TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  dots TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (room_id, board, participant_id)
);
-- Ids of deleted and withdrawn notes, and nothing else of them: a note id is never given out twice.
CREATE TABLE note_tombstones (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  PRIMARY KEY (room_id, id)
);
CREATE TABLE board_states (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  board TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (room_id, board)
);

-- Members, voting cards, turnout and secret ballots (server/members-sqlite.ts says why the tables look as they do).
CREATE TABLE members (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  party TEXT NOT NULL,
  position INTEGER NOT NULL,
  card_hash TEXT NOT NULL,
  generation INTEGER NOT NULL,
  participant_id TEXT,
  checked_in_at BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (room_id, id),
  UNIQUE (room_id, card_hash)
);
CREATE TABLE turnout (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  member_id TEXT NOT NULL,
  PRIMARY KEY (room_id, activity, member_id)
);
CREATE TABLE secret_ballots (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  id TEXT NOT NULL,
  ballot TEXT NOT NULL,
  PRIMARY KEY (room_id, activity, id)
);

-- Decks and their versions (server/deck-store.ts). deck_versions is append-only: the trigger refuses any UPDATE.
CREATE TABLE decks (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template BOOLEAN NOT NULL,
  editor_key_hash TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  latest_version INTEGER NOT NULL,
  deleted_at BIGINT
);
CREATE TABLE deck_versions (
  deck_id TEXT NOT NULL REFERENCES decks(id),
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  images TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (deck_id, version)
);
CREATE FUNCTION deck_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a deck version is never changed';
END;
$$;
CREATE TRIGGER deck_versions_immutable BEFORE UPDATE ON deck_versions
  FOR EACH ROW EXECUTE FUNCTION deck_versions_immutable();

-- Deck images (server/deck-images.ts): the bytes by hash, never changed, and each deck's current name → hash map.
CREATE TABLE image_blobs (
  hash TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  data BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE deck_image_names (
  deck_id TEXT NOT NULL REFERENCES decks(id),
  name TEXT NOT NULL,
  hash TEXT NOT NULL REFERENCES image_blobs(hash),
  PRIMARY KEY (deck_id, name)
);
CREATE INDEX deck_image_names_hash ON deck_image_names(hash);
`;

/** Every migration, oldest first. Add new ones at the end (docs/storage.md). */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: 'rum, deltagere, stemmer, tavler, medlemmer, decks og billeder', sql: V1 },
  // Which process serves each loaded room (server/cluster/leases.ts).
  { version: 2, name: 'rummenes lejemål mellem serverprocesser', sql: LEASES_SCHEMA },
];

/**
 * Applies the migrations this database has not run, in order, in one transaction that holds the migration lock:
 * a failure leaves the database as it was. Answers the versions applied now, and those the database ran that this
 * version does not know (a newer version of Rådslag used it).
 */
export async function migrate(
  client: pg.PoolClient,
  migrations: readonly PgMigration[],
  now: number,
): Promise<{ applied: number[]; unknown: number[] }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, now]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    const known = new Set(migrations.map((m) => m.version));
    return { applied, unknown: [...done].filter((v) => !known.has(v)).sort((a, b) => a - b) };
  } catch (err) {
    // The migration's own error is the one to report; a rollback that fails too means the connection is gone,
    // and the caller releases it as broken either way.
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
