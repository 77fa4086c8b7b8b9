// Settings from the environment, with the defaults a local install wants.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  slidesDir: string;
  distDir: string;
  /** When set, creating a room needs `Authorization: Bearer <ADMIN_TOKEN>`. */
  adminToken: string | undefined;
  /** The address phones use, e.g. https://raadslag.kommune.dk; otherwise the LAN address is guessed. */
  publicUrl: string | undefined;
  maxBodyBytes: number;
  maxFrameBytes: number;
  publishIntervalMs: number;
  heartbeatMs: number;
  compactAfter: number;
  /** Intents a participant may send: burst size and sustained rate per second. */
  intentBurst: number;
  intentRate: number;
  /** Whiteboard intents (notes, edits, dots) one participant may send: burst, then per minute. */
  noteBurst: number;
  notesPerMinute: number;
  /** API requests one address may send: burst and per second. Generous, because a whole room may sit behind one NAT. */
  addressBurst: number;
  addressRate: number;
  /** Join attempts with an unknown code one address may make: burst, then this many per minute (guessing codes). */
  joinFailureBurst: number;
  joinFailuresPerMinute: number;
  /** WebSocket connections one room accepts (participants and facilitators, both documents). */
  maxConnectionsPerRoom: number;
  /** WebSocket upgrades waiting for authentication at once, server-wide. */
  maxPendingUpgrades: number;
  /** Time a client has to send its request headers, and its whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
  /** Rooms are deleted this many days after they were created; 0 keeps them. */
  retentionDays: number;
  dev: boolean;
  quiet: boolean;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} skal være et helt tal (fik "${raw}").`);
  return n;
}

export function configFromEnv(root: string, overrides: Partial<Config> = {}): Config {
  return {
    port: int('PORT', 8080),
    host: process.env.HOST || '0.0.0.0',
    dataDir: resolve(root, process.env.DATA_DIR || 'data'),
    slidesDir: resolve(root, process.env.SLIDES_DIR || 'slides'),
    distDir: resolve(root, 'dist'),
    adminToken: process.env.ADMIN_TOKEN || undefined,
    publicUrl: process.env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    maxBodyBytes: int('MAX_BODY_BYTES', 64 * 1024),
    maxFrameBytes: int('MAX_FRAME_BYTES', 2 * 1024 * 1024),
    publishIntervalMs: int('PUBLISH_INTERVAL_MS', 200),
    heartbeatMs: int('HEARTBEAT_MS', 10_000),
    compactAfter: int('COMPACT_AFTER', 500),
    intentBurst: int('INTENT_BURST', 20),
    intentRate: int('INTENT_RATE', 5),
    noteBurst: int('NOTE_BURST', 10),
    notesPerMinute: int('NOTES_PER_MINUTE', 20),
    addressBurst: int('ADDRESS_BURST', 3000),
    addressRate: int('ADDRESS_RATE', 300),
    joinFailureBurst: int('JOIN_FAILURE_BURST', 30),
    joinFailuresPerMinute: int('JOIN_FAILURES_PER_MINUTE', 30),
    maxConnectionsPerRoom: int('MAX_CONNECTIONS_PER_ROOM', 5000),
    maxPendingUpgrades: int('MAX_PENDING_UPGRADES', 1000),
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000),
    trustProxy: process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true',
    retentionDays: int('RETENTION_DAYS', 30),
    dev: false,
    quiet: false,
    ...overrides,
  };
}
