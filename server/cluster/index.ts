// PostgreSQL storage with room leases: what a process uses when DATABASE_URL is set, so that any number of processes
// can share the database and each room is served by one of them at a time (docs/deploy.md).
import { PgStorage } from '../pg/storage-pg.js';
import { RoomLeases } from './leases.js';

export interface SharedDatabase {
  storage: PgStorage;
  leases: RoomLeases;
}

export function sharedDatabase(
  options: { connectionString: string; poolSize: number; leaseMs: number },
  log: (message: string) => void,
): SharedDatabase {
  // The fence is the leases'; the leases need the storage's pool. Both exist before the first write.
  let leases: RoomLeases | undefined;
  const storage = new PgStorage({
    connectionString: options.connectionString,
    poolSize: options.poolSize,
    log,
    fence: (client, roomId) => leases!.fence(client, roomId),
  });
  leases = new RoomLeases(storage.pool, { ttlMs: options.leaseMs, log });
  return { storage, leases };
}
