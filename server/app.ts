// Assembles a Rådslag server from its parts; used by `npm start`, `npm run dev` and the tests.
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { loadDecks } from './deck-manifest.js';
import { createHttp, staticPages, type PageServer } from './http.js';
import { Rooms } from './rooms.js';
import { clearRunning, markRunning } from './running.js';
import { SqliteStorage } from './storage-sqlite.js';
import type { Storage } from './storage.js';

export interface Radslag {
  config: Config;
  storage: Storage;
  rooms: Rooms;
  listen(): Promise<{ port: number; url: string }>;
  /** Stop accepting, disconnect clients, flush and close storage. */
  close(): Promise<void>;
}

export interface CreateOptions {
  pages?: PageServer;
  storage?: Storage;
}

export function createRadslag(config: Config, options: CreateOptions = {}): Radslag {
  const log = config.quiet ? () => undefined : (m: string) => console.error(`[rådslag] ${m}`);
  const decks = loadDecks(config.slidesDir);
  const storage = options.storage ?? new SqliteStorage(join(config.dataDir, 'radslag.sqlite'));
  const rooms = new Rooms(storage, decks, {
    publishIntervalMs: config.publishIntervalMs,
    compactAfter: config.compactAfter,
    log,
  });
  const http = createHttp({ config, rooms, decks, pages: options.pages ?? staticPages(config.distDir), log });

  // Rooms older than RETENTION_DAYS are deleted at start and every hour after.
  const expire = () =>
    rooms.expire(config.retentionDays).then(
      (ids) => ids.length > 0 && log(`slettede ${ids.length} rum ældre end ${config.retentionDays} dage`),
      (err: unknown) => log(`oprydning: ${(err as Error).message}`),
    );
  void expire();
  const expiry = setInterval(() => void expire(), 3600_000);
  expiry.unref();

  return {
    config,
    storage,
    rooms,
    listen() {
      return new Promise((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(config.port, config.host, () => {
          const { port } = http.server.address() as AddressInfo;
          if (!options.storage) markRunning(config.dataDir, port);
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          resolve({ port, url: `http://${host}:${port}` });
        });
      });
    },
    async close() {
      clearInterval(expiry);
      http.closeSockets();
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
      rooms.closeAll();
      await storage.close();
      if (!options.storage) clearRunning(config.dataDir);
    },
  };
}
