// What both SQLite stores share: opening the file in WAL mode (also on a full disk), and turning a failed call into a StorageError.
import Database from 'better-sqlite3';
import { StorageError } from './storage.js';

/** SQLite's answers to a disk with no room left: SQLITE_FULL, and the I/O errors of a WAL index that cannot grow. */
export function diskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR'));
}

/**
 * Opens the database in WAL mode. A full disk leaves no room for WAL's shared-memory index (SQLITE_IOERR_SHMSIZE),
 * and then nothing at all could be read; in exclusive locking mode SQLite keeps that index in this process's memory
 * instead, so the server starts, serves what is stored, and answers writes with 503 until there is room again.
 * The price: the command-line tools cannot open the database while this server runs.
 */
export function openWal(file: string, log: (message: string) => void): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    return db;
  } catch (err) {
    db.close();
    if (!diskFull(err)) throw err;
    log(`databasen åbnes i eksklusiv tilstand, fordi disken er fuld (${(err as Error).message}); ændringer afvises, til der er plads`);
  }
  const exclusive = new Database(file);
  exclusive.pragma('locking_mode = EXCLUSIVE');
  exclusive.pragma('journal_mode = WAL');
  return exclusive;
}

/** Runs a synchronous database call and turns its failure into a StorageError the HTTP layer answers with 503. */
export function guard<T>(what: string, fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    if (err instanceof StorageError) return Promise.reject(err);
    return Promise.reject(new StorageError(`Databasen kunne ikke ${what}: ${(err as Error).message}`, { cause: err }));
  }
}

/** Rows of (id, JSON state) as a map; the JSON was written by this server. */
export function stateMap<T>(rows: [string, string][]): Map<string, T> {
  return new Map(rows.map(([id, json]) => [id, JSON.parse(json) as T]));
}
