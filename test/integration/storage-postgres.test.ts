// The Storage contract (test/contract/) run against PostgreSQL on one throwaway server, and what only PostgreSQL does: the fence inside every write of a loaded room, migrations under an advisory lock,
// commits another connection sees at once.
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialActivityState } from '../../core/room-doc.js';
import { migrate, PG_MIGRATIONS } from '../../server/pg/migrations.js';
import { PgStorage } from '../../server/pg/storage-pg.js';
import { StorageError, type Storage, type StoreBallotInput } from '../../server/storage.js';
import { racingSaves } from '../contract/racing-saves.js';
import { decksContract, imagesContract, membersContract, storageContract, type Backend } from '../contract/storage-contract.js';
import { postgresMissing, startPostgres } from '../helpers/postgres.js';

const server = await startPostgres();
/**
 * One database for the file. Tests of migrations get a schema of their own, new and empty; every other test starts
 * from one migrated schema with every table emptied (migrating anew costs a quarter of a second a test).
 */
const database = await server?.createDatabase();
afterAll(async () => {
  await server?.stop();
});

async function onDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function open(url: string, options: Partial<ConstructorParameters<typeof PgStorage>[0]> = {}): Promise<PgStorage> {
  const s = new PgStorage({ connectionString: url, poolSize: 4, ...options });
  await s.ready();
  return s;
}

let schemas = 0;

/** The database's URL with settings for every connection made through it (libpq's `options`). */
function withOptions(settings: Record<string, string>): string {
  const url = new URL(database!);
  url.searchParams.set(
    'options',
    Object.entries(settings)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' '),
  );
  return url.toString();
}

const schemaOf = (url: string) => /search_path=(\w+)/.exec(new URL(url).searchParams.get('options') ?? '')![1]!;

async function freshSchema(): Promise<string> {
  const schema = `t${++schemas}`;
  await onDatabase((c) => c.query(`CREATE SCHEMA ${schema}`));
  return withOptions({ search_path: schema });
}

let migrated: Promise<string> | undefined;

/** The migrated schema, with nothing in its tables. */
async function emptySchema(): Promise<string> {
  migrated ??= freshSchema().then(async (url) => {
    await (await open(url)).close();
    return url;
  });
  const url = await migrated;
  await onDatabase(async (c) => {
    const tables = await c.query<{ t: string }>('SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 AND tablename <> $2', [
      schemaOf(url),
      'schema_migrations',
    ]);
    await c.query(`TRUNCATE ${tables.rows.map((r) => `${schemaOf(url)}.${r.t}`).join(', ')}`);
  });
  return url;
}

const postgres: Backend = {
  name: 'PgStorage (one migrated schema, emptied for each test)',
  location: emptySchema,
  open: (url) => open(url),
  dispose: async () => undefined,
  racingSaves: (url, deckId, base, count) => racingSaves('postgres', url, deckId, base, count),
};

function ballot(over: Partial<StoreBallotInput> = {}): StoreBallotInput {
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

/** A room with two participants and two members, as the fence and durability tests start from. */
async function seed(s: Storage): Promise<void> {
  await s.createRoom({ id: 'r1', deck: 'd', deckVersion: 1, joinCode: '111111', facilitatorKeyHash: 'h', createdAt: 1 });
  await s.createParticipant({ id: 'p1', roomId: 'r1', tokenHash: 'tok-p1', createdAt: 2 });
  await s.createParticipant({ id: 'p2', roomId: 'r1', tokenHash: 'tok-p2', createdAt: 3 });
}

describe.skipIf(!server)(`PostgreSQL${server ? '' : `: ${postgresMissing()}`}`, () => {
  storageContract(postgres);
  membersContract(postgres);
  decksContract(postgres);
  imagesContract(postgres);

  describe('PgStorage specifics', () => {
    let url: string;
    const stores: PgStorage[] = [];
    const track = (s: PgStorage) => {
      stores.push(s);
      return s;
    };

    beforeEach(async () => {
      url = await emptySchema();
    });

    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close();
    });

    describe('the fence', () => {
      const intent = (intentId: string, scope = 'tavle:notes') => ({
        participantId: 'p1',
        intentId,
        scope,
        answer: { status: 200, body: {} },
        at: 3,
      });
      const note = { id: 'n1', roomId: 'r1', board: 'tavle', zone: 'z', text: 'T', status: 'visible' as const, participantId: 'p1' };
      /** Every write of a loaded room, each once. */
      const writes: [string, (s: Storage) => Promise<unknown>][] = [
        ['storeBallot', (s) => s.storeBallot(ballot({ intentId: 'i-fence' }))],
        ['deleteBallots', (s) => s.deleteBallots('r1', 'valg')],
        ['resetActivity', (s) => s.resetActivity('r1', 'valg', initialActivityState())],
        ['putActivityState', (s) => s.putActivityState('r1', 'valg', initialActivityState())],
        ['storeNote', (s) => s.storeNote({ ...note, id: 'n2', createdAt: 3, updatedAt: 3 }, intent('i-note'))],
        ['deleteNote', (s) => s.deleteNote('r1', 'n1', intent('i-del'))],
        [
          'storeDots',
          (s) => s.storeDots('r1', { board: 'tavle', participantId: 'p1', dots: { n1: 1 }, updatedAt: 4 }, intent('i-dots', 'tavle:dots')),
        ],
        ['deleteDots', (s) => s.deleteDots('r1', 'tavle')],
        ['putBoardState', (s) => s.putBoardState('r1', 'tavle', { phase: 'dots', revealed: true })],
        ['appendDocUpdate', (s) => s.appendDocUpdate('r1', 'public', new Uint8Array([1, 2]))],
        ['replaceDocUpdates', (s) => s.replaceDocUpdates('r1', 'public', new Uint8Array([3]))],
        ['members.addMembers', (s) => s.members.addMembers('r1', [{ id: 'm3', name: 'C', party: '', cardHash: 'c3' }], 5)],
        ['members.updateMember', (s) => s.members.updateMember('r1', 'm1', { name: 'A2', party: 'V' })],
        ['members.removeMember', (s) => s.members.removeMember('r1', 'm2')],
        ['members.reissueCard', (s) => s.members.reissueCard('r1', 'm1', 'c1b')],
        ['members.claimCard', (s) => s.members.claimCard('r1', 'm1', 'p2', 6)],
        [
          'members.castSecret',
          (s) =>
            s.members.castSecret({
              roomId: 'r1',
              activity: 'motion',
              memberId: 'm1',
              participantId: 'p1',
              intentId: 'i-secret',
              ballot: { option: 'for' },
              receipt: { status: 200, body: {} },
              at: 7,
            }),
        ],
      ];

      /** A store whose fence marks its transaction (a row in fence_marks) and then does what `then` says. */
      async function fencedStore(
        then: (roomId: string) => void,
      ): Promise<{ store: PgStorage; calls: string[]; marks: () => Promise<number> }> {
        const plain = track(await open(url));
        await seed(plain);
        await plain.pool.query('CREATE TABLE IF NOT EXISTS fence_marks (room TEXT NOT NULL)');
        await plain.members.addMembers(
          'r1',
          [
            { id: 'm1', name: 'A', party: 'V', cardHash: 'c1' },
            { id: 'm2', name: 'B', party: 'A', cardHash: 'c2' },
          ],
          4,
        );
        await plain.storeNote({ ...note, createdAt: 3, updatedAt: 3 });
        const calls: string[] = [];
        const store = track(
          await open(url, {
            fence: async (client, roomId) => {
              calls.push(roomId);
              await client.query('INSERT INTO fence_marks (room) VALUES ($1)', [roomId]);
              then(roomId);
            },
          }),
        );
        const marks = async () => Number((await plain.pool.query('SELECT COUNT(*) AS n FROM fence_marks')).rows[0].n);
        return { store, calls, marks };
      }

      it('runs first in every write of a loaded room, with its room id, inside that write’s transaction', async () => {
        const { store, calls, marks } = await fencedStore(() => undefined);
        for (const [name, write] of writes) {
          calls.length = 0;
          const before = await marks();
          await write(store);
          expect([name, calls]).toEqual([name, ['r1']]);
          // The mark the fence wrote was committed with the write.
          expect([name, await marks()]).toEqual([name, before + 1]);
        }
      });

      it('a fence that throws rolls every write back, and its error reaches the caller unchanged', async () => {
        const refusal = new StorageError('Rummet køres af en anden server nu.');
        const { store, calls, marks } = await fencedStore(() => {
          throw refusal;
        });
        for (const [name, write] of writes) {
          calls.length = 0;
          const error = await write(store).then(
            () => undefined,
            (err: unknown) => err,
          );
          expect([name, error === refusal, calls]).toEqual([name, true, ['r1']]);
        }
        // Not one mark stayed: each fence ran inside the transaction it rolled back.
        expect(await marks()).toBe(0);
      });

      it('a refused ballot is not stored, and an error of another kind passes through as it is too', async () => {
        const refusal = new Error('ejerskab tabt');
        const { store } = await fencedStore(() => {
          throw refusal;
        });
        await expect(store.storeBallot(ballot())).rejects.toBe(refusal);
        expect(await store.listBallots('r1')).toEqual([]);
        expect(await store.getIntentAnswer('r1', 'p1', 'i-1')).toBeUndefined();
      });

      it('writes that are no loaded room’s own do not run it', async () => {
        const { store, calls } = await fencedStore(() => {
          throw new Error('should not run');
        });
        await store.createRoom({ id: 'r2', deck: 'd', deckVersion: 0, joinCode: '222222', facilitatorKeyHash: 'h', createdAt: 1 });
        await store.createParticipant({ id: 'q1', roomId: 'r2', tokenHash: 'tok-q1', createdAt: 2 });
        await store.decks.createDeck({ id: 'd', title: 'D', template: false, editorKeyHash: null, source: '# D', images: {}, at: 1 });
        await store.decks.saveVersion('d', 1, '# D2', 'D2', {}, 2);
        await store.images.putBytes([], 1);
        await store.images.adopt('d', {});
        await store.images.sweep(0);
        expect(await store.pinRoomsToLatest()).toBe(1);
        expect(await store.retireJoinCodes(2)).toBe(2);
        expect(await store.deleteRooms(['r2'])).toBe(1);
        await store.decks.deleteDeck('d', 3);
        expect(await store.deleteRoom('r1')).toBe(true);
        expect(calls).toEqual([]);
      });
    });

    describe('durability', () => {
      it('a ballot is committed when storeBallot resolves: a fresh store on the same database sees it at once', async () => {
        const a = track(await open(url));
        await seed(a);
        for (let i = 0; i < 20; i++) {
          await a.storeBallot(ballot({ participantId: i % 2 ? 'p2' : 'p1', intentId: `i-${i}`, ballot: { option: `o${i}` }, at: 10 + i }));
          // A new pool, new connections: only what is committed can be seen.
          const b = new PgStorage({ connectionString: url, poolSize: 1 });
          try {
            expect((await b.listBallots('r1')).find((x) => x.intentId === `i-${i}`)?.ballot).toEqual({ option: `o${i}` });
          } finally {
            await b.close();
          }
        }
      });

      it('commits wait for the disk (synchronous_commit on), and the server says so at start when they do not', async () => {
        const logged: string[] = [];
        const s = track(await open(url, { log: (m) => logged.push(m) }));
        expect((await s.pool.query('SHOW synchronous_commit')).rows[0].synchronous_commit).toBe('on');
        expect(logged.filter((m) => m.includes('synchronous_commit'))).toEqual([]);
        const careless = track(
          await open(withOptions({ search_path: schemaOf(url), synchronous_commit: 'off' }), { log: (m) => logged.push(m) }),
        );
        expect(logged.filter((m) => m.includes('synchronous_commit = off'))).toHaveLength(1);
        await careless.close();
      });
    });

    describe('migrations', () => {
      it('several stores starting at once, each on its own connection, migrate once; a later start finds nothing to do', async () => {
        url = await freshSchema();
        const logged: string[] = [];
        const starting = Array.from({ length: 6 }, () =>
          track(new PgStorage({ connectionString: url, poolSize: 1, log: (m) => logged.push(m) })),
        );
        await Promise.all(starting.map((s) => s.ready()));
        expect(logged.filter((m) => m.includes('skemaet er opdateret'))).toHaveLength(1);
        const recorded = await starting[0]!.pool.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(recorded.rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
        logged.length = 0;
        await track(await open(url, { log: (m) => logged.push(m) })).ready();
        expect(logged).toEqual([]);
      });

      it('applies what is missing in order; a failing migration leaves the database as it was', async () => {
        const pool = new pg.Pool({ connectionString: await freshSchema(), max: 1 });
        const client = await pool.connect();
        try {
          const first = [
            { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER)' },
            { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
          ];
          expect(await migrate(client, first, 7)).toEqual({ applied: [1, 2], unknown: [] });
          const broken = [
            ...first,
            { version: 3, name: 'c', sql: 'CREATE TABLE c (x INTEGER)' },
            { version: 4, name: 'd', sql: 'CREATE TABLE a (x INTEGER)' },
          ];
          await expect(migrate(client, broken, 8)).rejects.toThrow(/already exists/);
          expect((await client.query("SELECT to_regclass('c') AS c")).rows[0].c).toBeNull();
          expect((await client.query('SELECT version, applied_at FROM schema_migrations ORDER BY version')).rows).toEqual([
            { version: 1, applied_at: '7' },
            { version: 2, applied_at: '7' },
          ]);
          expect(await migrate(client, first.slice(1), 9)).toEqual({ applied: [], unknown: [2] });
        } finally {
          client.release();
          await pool.end();
        }
      });
    });

    describe('values and errors', () => {
      it('reads BIGINT as numbers through its own pool only: pg’s global parsers are left alone', async () => {
        const s = track(await open(url));
        expect((await s.pool.query('SELECT 9007199254740991::bigint AS n')).rows[0].n).toBe(9_007_199_254_740_991);
        expect(pg.types.getTypeParser(20, 'text')('42')).toBe('42');
        const other = new pg.Pool({ connectionString: url, max: 1 });
        try {
          expect((await other.query('SELECT 42::bigint AS n')).rows[0].n).toBe('42');
        } finally {
          await other.end();
        }
      });

      it('a database that does not answer: ready() and every call reject with a StorageError', async () => {
        const nowhere = new URL(url);
        nowhere.port = '1';
        const s = new PgStorage({ connectionString: nowhere.toString(), poolSize: 1 });
        await expect(s.ready()).rejects.toBeInstanceOf(StorageError);
        await expect(s.ready()).rejects.toThrow(/Databasen kunne ikke gøres klar/);
        await expect(s.storeBallot(ballot())).rejects.toThrow(/Databasen kunne ikke gemme stemmen/);
        await expect(s.getRoom('r1')).rejects.toBeInstanceOf(StorageError);
        await s.close();
      });

      it('refuses to change a stored deck version, even by hand in SQL', async () => {
        const s = track(await open(url));
        await s.decks.createDeck({ id: 'd', title: 'D', template: false, editorKeyHash: null, source: '# D', images: {}, at: 1 });
        await expect(s.pool.query("UPDATE deck_versions SET source = 'changed'")).rejects.toThrow(/never changed/);
        expect((await s.decks.getVersion('d', 1))?.source).toBe('# D');
      });

      it('a deleted room leaves no row behind in any table', async () => {
        const s = track(await open(url));
        await seed(s);
        await s.storeBallot(ballot());
        await s.members.addMembers('r1', [{ id: 'm1', name: 'A', party: '', cardHash: 'c1' }], 1);
        await s.members.castSecret({
          roomId: 'r1',
          activity: 'motion',
          memberId: 'm1',
          participantId: 'p1',
          intentId: 'i-s',
          ballot: { option: 'for' },
          receipt: { status: 200, body: {} },
          at: 1,
        });
        await s.storeNote({
          id: 'n1',
          roomId: 'r1',
          board: 'b',
          zone: 'z',
          text: 't',
          status: 'visible',
          participantId: 'p1',
          createdAt: 1,
          updatedAt: 1,
        });
        await s.deleteNote('r1', 'n1');
        await s.storeDots(
          'r1',
          { board: 'b', participantId: 'p1', dots: { x: 1 }, updatedAt: 1 },
          {
            participantId: 'p1',
            intentId: 'i-d',
            scope: 'b:dots',
            answer: { status: 200, body: {} },
            at: 1,
          },
        );
        await s.putBoardState('r1', 'b', { phase: 'dots', revealed: false });
        await s.putActivityState('r1', 'valg', initialActivityState());
        await s.appendDocUpdate('r1', 'public', new Uint8Array([1]));
        const tables = (
          await s.pool.query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'room_id' ORDER BY table_name",
          )
        ).rows.map((r) => r.table_name);
        // Every table that names a room, those later migrations add included.
        expect(tables).toEqual(expect.arrayContaining(['ballots', 'intents', 'members', 'secret_ballots', 'turnout', 'participants']));
        const left = async () => {
          let n = 0;
          for (const t of tables) n += Number((await s.pool.query(`SELECT COUNT(*) AS n FROM ${t} WHERE room_id = 'r1'`)).rows[0].n);
          return n;
        };
        expect(await left()).toBeGreaterThan(10);
        expect(await s.deleteRoom('r1')).toBe(true);
        expect(await left()).toBe(0);
        expect(await s.getRoom('r1')).toBeUndefined();
      });

      it('secret ballots carry no trace of whose they are: one transaction id for all, none of them a turnout row’s', async () => {
        const s = track(await open(url));
        await seed(s);
        const members = ['m1', 'm2', 'm3', 'm4'];
        await s.members.addMembers(
          'r1',
          members.map((id) => ({ id, name: id, party: '', cardHash: `c-${id}` })),
          1,
        );
        for (const [i, m] of members.entries()) {
          await s.members.castSecret({
            roomId: 'r1',
            activity: 'motion',
            memberId: m,
            participantId: `p-${m}`,
            intentId: `i-${m}`,
            ballot: { option: i % 2 ? 'for' : 'imod' },
            receipt: { status: 200, body: {} },
            at: 1,
          });
        }
        const xmins = (await s.pool.query<{ x: string }>("SELECT xmin::text AS x FROM secret_ballots WHERE activity = 'motion'")).rows.map(
          (r) => r.x,
        );
        expect(xmins).toHaveLength(4);
        expect(new Set(xmins).size).toBe(1);
        const turnout = (await s.pool.query<{ x: string }>("SELECT xmin::text AS x FROM turnout WHERE activity = 'motion'")).rows.map(
          (r) => r.x,
        );
        // Only the last cast's turnout row shares the id, and that says nothing of which ballot was cast then.
        expect(turnout.filter((x) => x === xmins[0])).toHaveLength(1);
        // Stored in key order, not in the order they came.
        const ids = (await s.pool.query<{ id: string }>("SELECT id FROM secret_ballots WHERE activity = 'motion'")).rows.map((r) => r.id);
        expect(ids).toEqual([...ids].sort());
      });
    });
  });
});
