// The decks part of the Storage contract (decks, immutable versions, rooms pinning a version), run against SQLite;
// a PostgreSQL backend runs it too.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewDeck, SaveResult } from '../../server/deck-store.js';
import type { RoomRecord, Storage } from '../../server/storage.js';
import { SqliteStorage } from '../../server/storage-sqlite.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Backend {
  name: string;
  /** Open the store at a location; the same location again reopens the same data. */
  open(location: string): Storage;
  location(): string;
  dispose(location: string): void;
  /**
   * `count` separate processes open the store at `location`, wait until all are ready, then save on top of
   * `baseVersion` at the same moment; answers what each save said.
   */
  racingSaves(location: string, deckId: string, baseVersion: number, count: number): Promise<SaveResult[]>;
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

function room(id: string, deckId: string, deckVersion: number, joinCode: string): RoomRecord {
  return { id, deck: deckId, deckVersion, joinCode, facilitatorKeyHash: `hash-${id}`, createdAt: 1 };
}

function decksContract(backend: Backend): void {
  describe(`decks storage contract: ${backend.name}`, () => {
    let where: string;
    let s: Storage;
    let open: Storage[];

    const reopen = async (): Promise<Storage> => {
      await s.close();
      s = backend.open(where);
      open.push(s);
      return s;
    };

    beforeEach(async () => {
      where = backend.location();
      s = backend.open(where);
      open = [s];
      expect(await s.decks.createDeck(deck('budget-abc'))).toBe('created');
    });

    afterEach(async () => {
      for (const x of open) await x.close().catch(() => undefined);
      backend.dispose(where);
    });

    it('creates a deck with its version 1', async () => {
      expect(await s.decks.getDeck('budget-abc')).toEqual({
        id: 'budget-abc',
        title: 'Deck budget-abc',
        template: false,
        editorKeyHash: 'hash-budget-abc',
        createdAt: 1_000,
        updatedAt: 1_000,
        latestVersion: 1,
        deletedAt: null,
      });
      const v1 = {
        deckId: 'budget-abc',
        version: 1,
        source: '# Deck budget-abc\n',
        title: 'Deck budget-abc',
        images: {},
        createdAt: 1_000,
      };
      expect(await s.decks.getVersion('budget-abc', 1)).toEqual(v1);
      expect(await s.decks.getLatestVersion('budget-abc')).toEqual(v1);
      expect(await s.decks.getDeck('nope')).toBeUndefined();
      expect(await s.decks.getVersion('budget-abc', 2)).toBeUndefined();
      expect(await s.decks.getLatestVersion('nope')).toBeUndefined();
    });

    it('refuses a second deck with the same id and writes nothing of it', async () => {
      expect(await s.decks.createDeck(deck('budget-abc', { title: 'Another', source: 'other' }))).toBe('taken');
      expect((await s.decks.getDeck('budget-abc'))?.title).toBe('Deck budget-abc');
      expect((await s.decks.getLatestVersion('budget-abc'))?.source).toBe('# Deck budget-abc\n');
    });

    it('saves versions 2, 3 … on top of the latest; the deck takes the latest title', async () => {
      expect(await s.decks.saveVersion('budget-abc', 1, 'two', 'Title two', {}, 2_000)).toEqual({ status: 'saved', version: 2 });
      expect(await s.decks.saveVersion('budget-abc', 2, 'three', 'Title three', { 'kort.png': 'sha256-aa' }, 3_000)).toEqual({
        status: 'saved',
        version: 3,
      });
      expect(await s.decks.getDeck('budget-abc')).toMatchObject({
        latestVersion: 3,
        title: 'Title three',
        createdAt: 1_000,
        updatedAt: 3_000,
      });
      expect(await s.decks.getLatestVersion('budget-abc')).toEqual({
        deckId: 'budget-abc',
        version: 3,
        source: 'three',
        title: 'Title three',
        images: { 'kort.png': 'sha256-aa' },
        createdAt: 3_000,
      });
    });

    it('keeps every version as it was saved: a later save changes no earlier version', async () => {
      const before = await s.decks.getVersion('budget-abc', 1);
      await s.decks.saveVersion('budget-abc', 1, 'two', 'Title two', {}, 2_000);
      await s.decks.saveVersion('budget-abc', 2, 'three', 'Title three', {}, 3_000);
      expect(await s.decks.getVersion('budget-abc', 1)).toEqual(before);
      expect(await s.decks.getVersion('budget-abc', 2)).toMatchObject({ source: 'two', title: 'Title two', createdAt: 2_000 });
    });

    it('refuses a save based on a stale version, says which is current, and loses nothing', async () => {
      await s.decks.saveVersion('budget-abc', 1, 'mine', 'Mine', {}, 2_000);
      expect(await s.decks.saveVersion('budget-abc', 1, 'theirs', 'Theirs', {}, 2_500)).toEqual({ status: 'stale', currentVersion: 2 });
      // A base ahead of the latest is no better.
      expect(await s.decks.saveVersion('budget-abc', 7, 'theirs', 'Theirs', {}, 2_500)).toEqual({ status: 'stale', currentVersion: 2 });
      expect(await s.decks.getLatestVersion('budget-abc')).toMatchObject({ version: 2, source: 'mine', title: 'Mine' });
      expect(await s.decks.getVersion('budget-abc', 3)).toBeUndefined();
      expect(await s.decks.getDeck('budget-abc')).toMatchObject({ latestVersion: 2, title: 'Mine', updatedAt: 2_000 });
    });

    it('of several saves on the same base in one process, exactly one is stored', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => s.decks.saveVersion('budget-abc', 1, `save ${i}`, `Save ${i}`, {}, 2_000 + i)),
      );
      const saved = results.filter((r) => r.status === 'saved');
      expect(saved).toEqual([{ status: 'saved', version: 2 }]);
      expect(results.filter((r) => r.status === 'stale')).toHaveLength(7);
      expect(await s.decks.getVersion('budget-abc', 3)).toBeUndefined();
    });

    it('of saves on the same base from separate processes at the same moment, exactly one is stored', async () => {
      const results = await backend.racingSaves(where, 'budget-abc', 1, 6);
      expect(results).toHaveLength(6);
      expect(results.filter((r) => r.status === 'saved')).toEqual([{ status: 'saved', version: 2 }]);
      expect(results.filter((r) => r.status === 'stale')).toEqual(
        Array.from({ length: 5 }, () => ({ status: 'stale', currentVersion: 2 })),
      );
      const latest = await s.decks.getLatestVersion('budget-abc');
      expect(latest?.version).toBe(2);
      expect(await s.decks.getVersion('budget-abc', 3)).toBeUndefined();
    }, 30_000);

    it('lists decks that are not deleted, oldest first, templates or stored decks apart', async () => {
      await s.decks.createDeck(deck('frisaettelse', { template: true, editorKeyHash: null, at: 500 }));
      await s.decks.createDeck(deck('plan-xyz', { at: 2_000 }));
      await s.decks.createDeck(deck('gone-xyz', { at: 3_000 }));
      await s.decks.deleteDeck('gone-xyz', 4_000);
      expect((await s.decks.listDecks()).map((d) => d.id)).toEqual(['frisaettelse', 'budget-abc', 'plan-xyz']);
      expect((await s.decks.listDecks({ template: true })).map((d) => d.id)).toEqual(['frisaettelse']);
      expect((await s.decks.listDecks({ template: false })).map((d) => d.id)).toEqual(['budget-abc', 'plan-xyz']);
      expect((await s.decks.getDeck('frisaettelse'))?.editorKeyHash).toBeNull();
    });

    it('deletes softly: gone from lists, no latest and no new versions, the id never given again', async () => {
      expect(await s.decks.deleteDeck('budget-abc', 5_000)).toBe(true);
      expect(await s.decks.deleteDeck('budget-abc', 6_000)).toBe(false);
      expect(await s.decks.deleteDeck('nope', 6_000)).toBe(false);
      expect(await s.decks.getDeck('budget-abc')).toMatchObject({ deletedAt: 5_000 });
      expect(await s.decks.listDecks()).toEqual([]);
      expect(await s.decks.getLatestVersion('budget-abc')).toBeUndefined();
      expect(await s.decks.saveVersion('budget-abc', 1, 'x', 'X', {}, 7_000)).toEqual({ status: 'gone' });
      expect(await s.decks.saveVersion('nope', 1, 'x', 'X', {}, 7_000)).toEqual({ status: 'gone' });
      expect(await s.decks.createDeck(deck('budget-abc'))).toBe('taken');
    });

    it('keeps the versions rooms pin after a delete until those rooms are deleted; the others go at once', async () => {
      await s.decks.saveVersion('budget-abc', 1, 'two', 'Two', {}, 2_000);
      await s.decks.saveVersion('budget-abc', 2, 'three', 'Three', {}, 3_000);
      await s.createRoom(room('r1', 'budget-abc', 1, '111111'));
      await s.createRoom(room('r3', 'budget-abc', 3, '333333'));
      await s.decks.deleteDeck('budget-abc', 4_000);
      expect((await s.decks.getVersion('budget-abc', 1))?.source).toBe('# Deck budget-abc\n');
      expect(await s.decks.getVersion('budget-abc', 2)).toBeUndefined();
      expect((await s.decks.getVersion('budget-abc', 3))?.source).toBe('three');
      await s.deleteRoom('r1');
      expect(await s.decks.getVersion('budget-abc', 1)).toBeUndefined();
      expect((await s.decks.getVersion('budget-abc', 3))?.source).toBe('three');
      await s.deleteRooms(['r3']);
      expect(await s.decks.getVersion('budget-abc', 3)).toBeUndefined();
      // A deck that is not deleted keeps every version whatever happens to rooms.
      await s.decks.createDeck(deck('plan-xyz'));
      await s.createRoom(room('r4', 'plan-xyz', 1, '444444'));
      await s.deleteRoom('r4');
      expect(await s.decks.getVersion('plan-xyz', 1)).toBeDefined();
    });

    it('stores the version a room pins, and pins rooms from before versions to their deck latest', async () => {
      await s.decks.saveVersion('budget-abc', 1, 'two', 'Two', {}, 2_000);
      await s.createRoom(room('pinned', 'budget-abc', 1, '111111'));
      await s.createRoom(room('older', 'budget-abc', 0, '222222'));
      await s.createRoom(room('orphan', 'not-stored', 0, '333333'));
      expect((await s.getRoom('pinned'))?.deckVersion).toBe(1);
      expect((await s.getRoom('older'))?.deckVersion).toBe(0);
      expect(await s.pinRoomsToLatest()).toBe(1);
      expect((await s.getRoom('older'))?.deckVersion).toBe(2);
      expect((await s.getRoom('pinned'))?.deckVersion).toBe(1);
      // A room whose deck is not in the store waits for it.
      expect((await s.getRoom('orphan'))?.deckVersion).toBe(0);
      expect(await s.pinRoomsToLatest()).toBe(0);
    });

    it('keeps decks, versions and pins after close and reopen', async () => {
      await s.decks.saveVersion('budget-abc', 1, 'two', 'Two', { 'a.png': 'h1' }, 2_000);
      await s.decks.createDeck(deck('frisaettelse', { template: true, editorKeyHash: null }));
      await s.decks.createDeck(deck('gone-xyz'));
      await s.decks.deleteDeck('gone-xyz', 3_000);
      await s.createRoom(room('r1', 'budget-abc', 2, '111111'));
      const x = await reopen();
      expect(await x.decks.getDeck('budget-abc')).toMatchObject({ latestVersion: 2, title: 'Two', editorKeyHash: 'hash-budget-abc' });
      expect(await x.decks.getVersion('budget-abc', 1)).toMatchObject({ source: '# Deck budget-abc\n' });
      expect(await x.decks.getLatestVersion('budget-abc')).toMatchObject({ version: 2, source: 'two', images: { 'a.png': 'h1' } });
      expect(await x.decks.getDeck('frisaettelse')).toMatchObject({ template: true, editorKeyHash: null });
      expect(await x.decks.getDeck('gone-xyz')).toMatchObject({ deletedAt: 3_000 });
      expect((await x.getRoom('r1'))?.deckVersion).toBe(2);
      // And it goes on from there.
      expect(await x.decks.saveVersion('budget-abc', 1, 'late', 'Late', {}, 4_000)).toEqual({ status: 'stale', currentVersion: 2 });
      expect(await x.decks.saveVersion('budget-abc', 2, 'three', 'Three', {}, 4_000)).toEqual({ status: 'saved', version: 3 });
    });
  });
}

/** A save from a process of its own, started when its parent writes a line. */
const RACER = `
const { SqliteStorage } = await import(process.env.RS_MODULE);
const store = new SqliteStorage(process.env.RS_DB);
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  const result = await store.decks.saveVersion(process.env.RS_DECK, Number(process.env.RS_BASE), 'from ' + process.pid, 'Race', {}, Date.now());
  process.stdout.write(JSON.stringify(result) + '\\n');
  await store.close();
});
`;

async function racingSqliteSaves(file: string, deckId: string, baseVersion: number, count: number): Promise<SaveResult[]> {
  const procs = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RACER], {
      cwd: ROOT,
      env: {
        ...process.env,
        RS_MODULE: join(ROOT, 'server/storage-sqlite.ts'),
        RS_DB: file,
        RS_DECK: deckId,
        RS_BASE: String(baseVersion),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const lines = procs.map((p) => {
    let out = '';
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const ready = new Promise<void>((res, rej) => {
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready\n')) res();
      });
      p.once('exit', (code) => rej(new Error(`racer exited ${code}: ${err}`)));
    });
    const done = new Promise<SaveResult>((res, rej) => {
      p.once('exit', () => {
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) res(JSON.parse(line) as SaveResult);
        else rej(new Error(`racer said nothing: ${err}`));
      });
    });
    return { p, ready, done };
  });
  await Promise.all(lines.map((l) => l.ready));
  // Every process has the database open and waits: all are told to save in the same tick.
  for (const l of lines) l.p.stdin.end('go\n');
  return Promise.all(lines.map((l) => l.done));
}

const sqlite: Backend = {
  name: 'sqlite',
  open: (dir) => new SqliteStorage(join(dir, 'db.sqlite')),
  location: () => mkdtempSync(join(tmpdir(), 'radslag-decks-')),
  dispose: (dir) => rmSync(dir, { recursive: true, force: true }),
  racingSaves: (dir, deckId, base, count) => racingSqliteSaves(join(dir, 'db.sqlite'), deckId, base, count),
};

decksContract(sqlite);

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
      await s.createRoom(room('fresh', 'frisaettelse', 1, '222222'));
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
