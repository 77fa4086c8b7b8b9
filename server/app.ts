// Assembles a Rådslag server from its parts; used by `npm start`, `npm run dev` and the tests.
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { SWEEP_GRACE_MS } from './deck-images.js';
import { DeckLibrary } from './deck-library.js';
import type { DeckError } from './deck-manifest.js';
import { compileDeck } from './decks/compile.js';
import { loadDeckFolder } from './decks/templates.js';
import { createHttp } from './http.js';
import { staticPages, type PageServer } from './http/pages.js';
import { listensEverywhere } from './http/site.js';
import { Rooms } from './rooms.js';
import { sharedDatabase } from './cluster/index.js';
import type { RoomLeases } from './cluster/leases.js';
import { clearRunning, markRunning } from './running.js';
import { SqliteStorage } from './storage-sqlite.js';
import type { Storage } from './storage.js';

export interface Radslag {
  config: Config;
  storage: Storage;
  rooms: Rooms;
  /** Templates and stored decks, each version compiled once. */
  decks: DeckLibrary;
  /** Templates left out for a mistake (each names its deck, slide and line); the others serve. Complete once listening. */
  brokenDecks: readonly DeckError[];
  listen(): Promise<{ port: number; url: string }>;
  /** Stop accepting, disconnect clients, flush and close storage. */
  close(): Promise<void>;
}

export interface CreateOptions {
  pages?: PageServer;
  storage?: Storage;
}

/**
 * PostgreSQL when DATABASE_URL is set, with a lease per loaded room so that several processes can share it
 * (docs/deploy.md); SQLite in the data folder otherwise, with nothing else to install.
 */
function openStorage(config: Config, log: (message: string) => void): { storage: Storage; leases?: RoomLeases } {
  if (config.databaseUrl) {
    return sharedDatabase(
      { connectionString: config.databaseUrl, poolSize: config.databasePool, leaseMs: config.roomLeaseSeconds * 1000 },
      log,
    );
  }
  return { storage: new SqliteStorage(join(config.dataDir, 'radslag.sqlite'), log) };
}

export function createRadslag(config: Config, options: CreateOptions = {}): Radslag {
  const log = config.quiet ? () => undefined : (m: string) => console.error(`[rådslag] ${m}`);
  // A template with a mistake is left out and shown with its error on the start page; the others serve.
  const { storage, leases } = options.storage ? { storage: options.storage, leases: undefined } : openStorage(config, log);
  const decks = new DeckLibrary(storage.decks, compileDeck, loadDeckFolder(config.slidesDir));
  const rooms = new Rooms(storage, decks, {
    publishIntervalMs: config.publishIntervalMs,
    liveIntervalMs: config.livePublishIntervalMs,
    compactAfter: config.compactAfter,
    idleMs: config.roomIdleSeconds * 1000,
    log,
    ...(leases ? { ownership: leases, joinsElsewhere: true } : {}),
  });
  const http = createHttp({ config, rooms, decks, pages: options.pages ?? staticPages(config.distDir), log });

  // Rooms older than RETENTION_DAYS are deleted at start and every hour after, and join codes older than
  // JOIN_CODE_DAYS are freed; both sweeps give the event loop back between rooms.
  const expire = async () => {
    try {
      // The first sweep runs while listen() starts: the schema must be there first.
      await storage.ready();
      const retired = await rooms.retireCodes(config.joinCodeDays);
      if (retired > 0) log(`frigav ${retired} deltagerkoder ældre end ${config.joinCodeDays} dage`);
      const ids = await rooms.expire(config.retentionDays);
      if (ids.length > 0) log(`slettede ${ids.length} rum ældre end ${config.retentionDays} dage`);
      // Images that no deck and no kept version names any longer (their decks deleted, their rooms expired).
      const images = await storage.images.sweep(Date.now() - SWEEP_GRACE_MS);
      if (images > 0) log(`slettede ${images} billeder, som intet deck bruger længere`);
    } catch (err) {
      log(`oprydning: ${(err as Error).message}`);
    }
  };
  void expire();
  const expiry = setInterval(() => void expire(), 3600_000);
  expiry.unref();

  // Rooms without connections leave memory after ROOM_IDLE_SECONDS, once their writes are on disk.
  let sweeping = false;
  const idleSweep = setInterval(
    () => {
      if (sweeping) return;
      sweeping = true;
      rooms
        .unloadIdle()
        .catch((err: unknown) => log(`rum i hukommelsen: ${(err as Error).message}`))
        .finally(() => {
          sweeping = false;
        });
    },
    Math.max(250, Math.min(30_000, (config.roomIdleSeconds * 1000) / 2)),
  );
  idleSweep.unref();

  return {
    config,
    storage,
    rooms,
    decks,
    brokenDecks: decks.broken,
    async listen() {
      // The templates are decks in the store like any other; rooms from before rooms pinned a version are pinned
      // to their deck's latest once the templates are there. All after the schema is migrated, before the first request.
      await storage.ready();
      await leases?.start();
      await decks.recordTemplates();
      const pinned = await storage.pinRoomsToLatest();
      if (pinned > 0) log(`${pinned} rum fra før deck-versioner bruger nu deres decks seneste version`);
      return new Promise((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(config.port, config.host, () => {
          const { port } = http.server.address() as AddressInfo;
          if (!options.storage) markRunning(config.dataDir, port);
          const host = listensEverywhere(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
          resolve({ port, url: `http://${host}:${port}` });
        });
      });
    },
    async close() {
      clearInterval(expiry);
      clearInterval(idleSweep);
      http.closeSockets();
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
      // Writes under way are stored before the rooms close, and before their leases end (a write after that is refused).
      await rooms.settleAll();
      rooms.closeAll();
      // The rooms' leases end now: other processes take them at once instead of waiting for them to run out.
      await leases?.stop();
      await storage.close();
      if (!options.storage) clearRunning(config.dataDir);
    },
  };
}
