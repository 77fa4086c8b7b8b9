// The Storage contract (test/contract/) run against SQLite in a temp dir, and what only SQLite does: memory
// databases, WAL readers, migrations of files made by earlier versions, a full disk at start.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewDeck } from '../../server/deck-store.js';
import { migrateSqlite, SQLITE_MIGRATIONS, type SqliteMigration } from '../../server/sqlite-migrations.js';
import { StorageError, type RoomRecord, type StoreBallotInput } from '../../server/storage.js';
import { SqliteStorage } from '../../server/storage-sqlite.js';
import { racingSaves } from '../contract/racing-saves.js';
import { decksContract, imagesContract, membersContract, storageContract, type Backend } from '../contract/storage-contract.js';

const sqlite: Backend = {
  name: 'SqliteStorage (file in a temp dir)',
  location: async () => join(mkdtempSync(join(tmpdir(), 'radslag-unit-db-')), 'nested', 'radslag.db'),
  open: async (file) => {
    const s = new SqliteStorage(file);
    await s.ready();
    return s;
  },
  dispose: async (file) => rmSync(join(file, '..', '..'), { recursive: true, force: true }),
  racingSaves: (file, deckId, base, count) => racingSaves('sqlite', file, deckId, base, count),
};

storageContract(sqlite);
membersContract(sqlite);
decksContract(sqlite);
imagesContract(sqlite);

function room(id: string, joinCode: string, createdAt = 1_000): RoomRecord {
  return { id, deck: 'frisaettelse', deckVersion: 1, joinCode, facilitatorKeyHash: `hash-${id}`, createdAt };
}

function deckRoom(id: string, deckId: string, deckVersion: number, joinCode: string): RoomRecord {
  return { id, deck: deckId, deckVersion, joinCode, facilitatorKeyHash: `hash-${id}`, createdAt: 1 };
}

function deck(id: string, over: Partial<NewDeck> = {}): NewDeck {
  return {
    id,
    title: `Deck ${id}`,
    template: false,
    editorKeyHash: `hash-${id}`,
    source: `# Deck ${id}\n`,
    images: {},
    at: 1_000,
    ...over,
  };
}

function ballotInput(over: Partial<StoreBallotInput> = {}): StoreBallotInput {
  return {
    roomId: 'r1',
    activity: 'valg',
    participantId: 'p1',
    ballot: { option: 'a' },
    intentId: 'i-1',
    answer: { status: 200, body: { ok: true } },
    at: 5_000,
    ...over,
  };
}

describe('SqliteStorage specifics', () => {
  it('works in memory too', async () => {
    const s = new SqliteStorage(':memory:');
    await s.ready();
    await s.createRoom(room('m', '123456'));
    expect((await s.getRoomByCode('123456'))?.id).toBe('m');
    await s.close();
  });

  it('a second store on the same file sees committed writes (WAL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radslag-unit-db-'));
    const file = join(dir, 'r.db');
    const a = new SqliteStorage(file);
    const b = new SqliteStorage(file);
    try {
      await a.createRoom(room('r1', '111111'));
      await a.createParticipant({ id: 'p1', roomId: 'r1', tokenHash: 't', createdAt: 1 });
      await a.storeBallot(ballotInput());
      expect((await b.listBallots('r1')).map((x) => x.ballot)).toEqual([{ option: 'a' }]);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radslag-migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const versions = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    } finally {
      db.close();
    }
  };

  it('records every migration once: a new file runs them, opening it again runs none', async () => {
    const file = join(dir, 'db.sqlite');
    const logged: string[] = [];
    await new SqliteStorage(file, (m) => logged.push(m)).close();
    expect(versions(file)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(logged.filter((m) => m.includes('migration'))).toHaveLength(1);
    logged.length = 0;
    const again = new SqliteStorage(file, (m) => logged.push(m));
    await again.ready();
    await again.close();
    expect(logged).toEqual([]);
    expect(versions(file)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
  });

  it('applies the migrations a file lacks in order, each once, and a failing one leaves the file as it was', () => {
    const db = new Database(join(dir, 'db.sqlite'));
    try {
      const ran: number[] = [];
      const step = (version: number, sql: string): SqliteMigration => ({
        version,
        name: `trin ${version}`,
        up: (d) => {
          ran.push(version);
          d.exec(sql);
        },
      });
      const first = [step(2, 'CREATE TABLE b (x INTEGER)'), step(1, 'CREATE TABLE a (x INTEGER)')];
      expect(migrateSqlite(db, first, 7, () => undefined)).toEqual({ applied: [1, 2], unknown: [] });
      expect(ran).toEqual([1, 2]);
      const broken = [...first, step(3, 'CREATE TABLE c (x INTEGER)'), step(4, 'CREATE TABLE a (x INTEGER)')];
      expect(() => migrateSqlite(db, broken, 8, () => undefined)).toThrow(StorageError);
      // Neither 3 nor 4 is recorded, and 3's table went with the rollback.
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'c'").get()).toBeUndefined();
      expect(db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all()).toEqual([
        { version: 1, applied_at: 7 },
        { version: 2, applied_at: 7 },
      ]);
      expect(migrateSqlite(db, first.slice(1), 9, () => undefined)).toEqual({ applied: [], unknown: [2] });
    } finally {
      db.close();
    }
  });

  it('a full disk at start: a file with every table starts without recording migration 1, one that lacks a table stops', () => {
    const file = join(dir, 'db.sqlite');
    // A file as the version before versioned migrations left it: every table, no schema_migrations.
    const made = new Database(file);
    SQLITE_MIGRATIONS[0]!.up(made);
    made.close();
    const full = (f: string) => {
      const db = new Database(f);
      // SQLite's own limit on the file size makes writes fail exactly as a full disk does (SQLITE_FULL).
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      return db;
    };
    const db = full(file);
    const logged: string[] = [];
    try {
      expect(migrateSqlite(db, SQLITE_MIGRATIONS, 1, (m) => logged.push(m))).toEqual({ applied: [], unknown: [] });
      expect(logged.join('\n')).toMatch(/alle tabeller findes, så serveren starter/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'schema_migrations'").get()).toBeUndefined();
    } finally {
      db.close();
    }
    // A file without one of the tables, shrunk to what it holds, on a disk just as full.
    const shrink = new Database(file);
    shrink.exec('DROP TABLE board_states');
    shrink.exec('VACUUM');
    shrink.close();
    const lacking = full(file);
    try {
      expect(() => migrateSqlite(lacking, SQLITE_MIGRATIONS, 1, () => undefined)).toThrow(/frigør plads og start igen/);
    } finally {
      lacking.close();
    }
  });
});

describe('SqliteStorage and decks: specifics', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radslag-decks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a database made before decks were stored: its rooms stay, get the new column, and are pinned later', async () => {
    const file = join(dir, 'db.sqlite');
    // The rooms table as it was before rooms pinned a deck version.
    const old = new Database(file);
    old.exec(`CREATE TABLE rooms (id TEXT PRIMARY KEY, deck TEXT NOT NULL, join_code TEXT NOT NULL UNIQUE,
      facilitator_key_hash TEXT NOT NULL, created_at INTEGER NOT NULL)`);
    old.prepare('INSERT INTO rooms VALUES (?, ?, ?, ?, ?)').run('legacy', 'frisaettelse', '123456', 'h', 5);
    old.close();

    const s = new SqliteStorage(file);
    try {
      expect(await s.getRoom('legacy')).toEqual({
        id: 'legacy',
        deck: 'frisaettelse',
        deckVersion: 0,
        joinCode: '123456',
        facilitatorKeyHash: 'h',
        createdAt: 5,
      });
      await s.decks.createDeck(deck('frisaettelse', { template: true, editorKeyHash: null }));
      await s.decks.saveVersion('frisaettelse', 1, 'new', 'New', {}, 2_000);
      expect(await s.pinRoomsToLatest()).toBe(1);
      expect((await s.getRoom('legacy'))?.deckVersion).toBe(2);
      await s.createRoom(deckRoom('fresh', 'frisaettelse', 1, '222222'));
      expect((await s.getRoom('fresh'))?.deckVersion).toBe(1);
    } finally {
      await s.close();
    }
    // Opening it again changes nothing.
    const again = new SqliteStorage(file);
    expect((await again.getRoom('legacy'))?.deckVersion).toBe(2);
    await again.close();
  });

  it('refuses to change a stored version, even by hand in SQL', async () => {
    const file = join(dir, 'db.sqlite');
    const s = new SqliteStorage(file);
    await s.decks.createDeck(deck('budget-abc'));
    await s.close();
    const raw = new Database(file);
    try {
      expect(() => raw.prepare("UPDATE deck_versions SET source = 'changed' WHERE deck_id = 'budget-abc'").run()).toThrow(/never changed/);
      expect(raw.prepare("SELECT source FROM deck_versions WHERE deck_id = 'budget-abc'").get()).toEqual({ source: '# Deck budget-abc\n' });
    } finally {
      raw.close();
    }
  });
});
