// What the PostgreSQL stores share: one pool, calls turned into StorageErrors, and transactions that run the fence first.
import pg from 'pg';
import { StorageError } from '../storage.js';

/**
 * Called first inside every transaction that writes a loaded room's data, on that transaction's client: when it
 * throws, the transaction is rolled back and its error reaches the caller unchanged. Room ownership
 * (server/cluster/) uses it to refuse writes from a process that no longer serves the room.
 */
export type Fence = (client: pg.PoolClient, roomId: string) => Promise<void>;

export interface PgOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  connectionString: string;
  /** Connections the pool opens at most (DATABASE_POOL). */
  poolSize?: number;
  log?: (message: string) => void;
  fence?: Fence;
}

const INT8 = 20;

/**
 * This pool's own type parsers: BIGINT (the ms timestamps, COUNT and SUM) as a Number. Every value stored is far
 * below 2^53; pg's global parsers stay as they are for any other pool in the process.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export function createPool(options: PgOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    types,
    application_name: 'radslag',
    // A database that does not answer, or a pool busy for this long, is a 503 the phone retries, not a request
    // left hanging; keepalive notices a connection whose server went away while it was idle.
    connectionTimeoutMillis: 15_000,
    keepAlive: true,
  });
  // An idle connection the server drops (restart, failover) is reported here; without a listener it would end the process.
  pool.on('error', (err) => options.log?.(`en forbindelse til PostgreSQL gik tabt: ${err.message}`));
  return pool;
}

export function storageError(what: string, err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  return new StorageError(`Databasen kunne ikke ${what}: ${(err as Error).message}`, { cause: err });
}

export type Rows<T> = Promise<T[]>;

/** Something to run statements on: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export async function rows<T extends pg.QueryResultRow>(on: Queryable, sql: string, params: readonly unknown[] = []): Rows<T> {
  return (await on.query<T>(sql, params as unknown[])).rows;
}

export async function changes(on: Queryable, sql: string, params: readonly unknown[] = []): Promise<number> {
  return (await on.query(sql, params as unknown[])).rowCount ?? 0;
}

/** The pool, the fence and the error guard, shared by PgStorage and its parts. */
export class PgDb {
  constructor(
    readonly pool: pg.Pool,
    private readonly fence: Fence | undefined,
  ) {}

  /** One call outside a transaction; its failure becomes a StorageError (503 at the HTTP layer). */
  async run<T>(what: string, fn: (on: Queryable) => Promise<T>): Promise<T> {
    try {
      return await fn(this.pool);
    } catch (err) {
      throw storageError(what, err);
    }
  }

  /**
   * `fn` inside BEGIN … COMMIT on one pooled client. With `roomId` (a write of a loaded room) the fence runs first
   * on the same client; its error passes through unchanged, every other failure becomes a StorageError.
   */
  async tx<T>(what: string, roomId: string | undefined, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw storageError(what, err);
    }
    let fenced: { error: unknown } | undefined;
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      if (roomId !== undefined && this.fence) {
        try {
          await this.fence(client, roomId);
        } catch (err) {
          fenced = { error: err };
          throw err;
        }
      }
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable (it was lost mid-transaction): it leaves the pool instead of going back.
        broken = rollbackError as Error;
      }
      if (fenced) throw fenced.error;
      throw storageError(what, err);
    } finally {
      client.release(broken);
    }
  }

  /**
   * A single-statement write of a loaded room: a transaction of its own when there is a fence to run first,
   * otherwise one statement (PostgreSQL commits it on its own).
   */
  write<T>(what: string, roomId: string, fn: (on: Queryable) => Promise<T>): Promise<T> {
    return this.fence ? this.tx(what, roomId, fn) : this.run(what, fn);
  }
}
