// Settings from the environment, with the defaults a local install wants.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… : store everything in this PostgreSQL database instead of SQLite in dataDir (docs/storage.md). */
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL the server opens at most. */
  databasePool: number;
  /**
   * With PostgreSQL: how long a room's lease lasts without renewal (renewed every third of it). A dead process's
   * rooms move at once (docs/deploy.md); this is how long a frozen one keeps them.
   */
  roomLeaseSeconds: number;
  slidesDir: string;
  distDir: string;
  /** When set, creating a room needs `Authorization: Bearer <ADMIN_TOKEN>`. */
  adminToken: string | undefined;
  /** The address phones use, e.g. https://raadslag.kommune.dk; otherwise the LAN address is guessed. */
  publicUrl: string | undefined;
  maxBodyBytes: number;
  maxFrameBytes: number;
  publishIntervalMs: number;
  /** How often at most live tallies and presence reach the facilitators' document (never longer than publishIntervalMs). */
  livePublishIntervalMs: number;
  heartbeatMs: number;
  compactAfter: number;
  /** Intents a participant may send: burst size and sustained rate per second. */
  intentBurst: number;
  intentRate: number;
  /** Whiteboard intents (notes, edits, dots) one participant may send: burst, then per minute. */
  noteBurst: number;
  notesPerMinute: number;
  /** Whiteboard intents from one address (all its participants together): burst, then per minute. */
  addressNoteBurst: number;
  addressNotesPerMinute: number;
  /** API requests one address may send: burst and per second. Generous, because a whole room may sit behind one NAT. */
  addressBurst: number;
  addressRate: number;
  /** Join attempts with an unknown code one address may make: burst, then this many per minute (guessing codes). */
  joinFailureBurst: number;
  joinFailuresPerMinute: number;
  /** Wrong join codes the whole server answers: burst, then this many per minute (guessing from many addresses). */
  serverJoinFailureBurst: number;
  serverJoinFailuresPerMinute: number;
  /** Participants one address may create by joining: burst, then per minute (a phone that rejoins is not counted). */
  joinBurst: number;
  joinsPerMinute: number;
  /** Rooms one address may create without ADMIN_TOKEN: burst, then per hour; and the whole server per hour. */
  roomCreateBurst: number;
  roomsPerHourPerAddress: number;
  roomsPerHour: number;
  /** Largest deck source (bytes of Markdown) a save or a new deck may carry. */
  maxDeckBytes: number;
  /** Decks one address may create without ADMIN_TOKEN: burst, then per hour; and the whole server per hour. */
  deckCreateBurst: number;
  decksPerHourPerAddress: number;
  decksPerHour: number;
  /** Deck versions one address may save: burst, then per hour; and the whole server per hour (each is a stored copy). */
  deckSaveBurst: number;
  deckSavesPerHourPerAddress: number;
  deckSavesPerHour: number;
  /** Largest image (bytes), images in one deck, and bytes of one deck's images together. */
  maxImageBytes: number;
  maxImagesPerDeck: number;
  maxDeckImageBytes: number;
  /** Images one address may upload: burst, then per hour; and the whole server per hour. */
  imageUploadBurst: number;
  imageUploadsPerHourPerAddress: number;
  imageUploadsPerHour: number;
  /** Wrong voting-card codes one phone may try: burst, then per minute (twice that per address, twenty times server-wide). */
  cardFailureBurst: number;
  cardFailuresPerMinute: number;
  /** A room leaves memory this many seconds after its last connection closed and its writes are on disk. */
  roomIdleSeconds: number;
  /** A join code opens its room for this many days after the room was made; then the code is free again. */
  joinCodeDays: number;
  /** WebSocket connections one room accepts (participants and facilitators, both documents). */
  maxConnectionsPerRoom: number;
  /** WebSocket upgrades waiting for authentication at once, server-wide. */
  maxPendingUpgrades: number;
  /** WebSocket connections one participant token may hold open in its room at once (a few tabs; 0 = no limit). */
  /** WebSocket connections the room's facilitator key may hold at once (every window, both documents). */
  maxFacilitatorSockets: number;
  maxSocketsPerParticipant: number;
  /** Messages one socket may send: per second, and a burst (a sync step 1 counts as 25; 0 = no limit). */
  syncMessagesPerSecond: number;
  syncMessageBurst: number;
  /** Bytes queued for one socket that is not reading: beyond it the socket is dropped instead of queued to. */
  maxSocketBufferBytes: number;
  /** Largest single update a facilitator may write, and largest shared document (bytes of Yjs encoding; 0 = no limit). */
  maxUpdateBytes: number;
  maxDocBytes: number;
  /** Time a client has to send its request headers, and its whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Proxies in front of the server whose X-Forwarded-For entries are trusted (true = 1); the address is the entry the nearest one appended. */
  trustProxy: boolean | number;
  /** Rooms are deleted this many days after they were created; 0 keeps them. */
  retentionDays: number;
  /** PDF and PNG exports (each a headless Chromium) running at once server-wide, 0 turns them off; how many may wait; the longest wait or render (ms). */
  exportConcurrency: number;
  exportQueue: number;
  exportTimeoutMs: number;
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

/** DATABASE_URL: unset for SQLite, or a PostgreSQL connection URL. */
function databaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new Error(
      'DATABASE_URL skal være en PostgreSQL-adresse, fx postgres://radslag:kode@localhost:5432/radslag (eller ikke sat: SQLite).',
    );
  }
  return raw;
}

/** TRUST_PROXY: unset or 0 none; 1 or true one proxy in front (nginx, Caddy); N that many in a chain. */
function proxyHops(raw: string | undefined): number {
  if (raw === undefined || raw === '' || raw === 'false') return 0;
  if (raw === 'true') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`TRUST_PROXY skal være 0, 1, true eller antallet af proxyer foran serveren (fik "${raw}").`);
  return n;
}

export function configFromEnv(root: string, overrides: Partial<Config> = {}): Config {
  return {
    port: int('PORT', 8080),
    host: process.env.HOST || '0.0.0.0',
    dataDir: resolve(root, process.env.DATA_DIR || 'data'),
    databaseUrl: databaseUrl(process.env.DATABASE_URL),
    databasePool: Math.max(1, int('DATABASE_POOL', 10)),
    roomLeaseSeconds: Math.max(1, int('ROOM_LEASE_SECONDS', 15)),
    slidesDir: resolve(root, process.env.SLIDES_DIR || 'slides'),
    distDir: resolve(root, 'dist'),
    adminToken: process.env.ADMIN_TOKEN || undefined,
    publicUrl: process.env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    maxBodyBytes: int('MAX_BODY_BYTES', 64 * 1024),
    maxFrameBytes: int('MAX_FRAME_BYTES', 2 * 1024 * 1024),
    publishIntervalMs: int('PUBLISH_INTERVAL_MS', 200),
    livePublishIntervalMs: int('LIVE_PUBLISH_INTERVAL_MS', 50),
    heartbeatMs: int('HEARTBEAT_MS', 10_000),
    compactAfter: int('COMPACT_AFTER', 500),
    intentBurst: int('INTENT_BURST', 20),
    intentRate: int('INTENT_RATE', 5),
    noteBurst: int('NOTE_BURST', 10),
    notesPerMinute: int('NOTES_PER_MINUTE', 20),
    addressNoteBurst: int('ADDRESS_NOTE_BURST', 300),
    addressNotesPerMinute: int('ADDRESS_NOTES_PER_MINUTE', 300),
    addressBurst: int('ADDRESS_BURST', 3000),
    addressRate: int('ADDRESS_RATE', 300),
    joinFailureBurst: int('JOIN_FAILURE_BURST', 30),
    joinFailuresPerMinute: int('JOIN_FAILURES_PER_MINUTE', 30),
    serverJoinFailureBurst: int('SERVER_JOIN_FAILURE_BURST', 300),
    serverJoinFailuresPerMinute: int('SERVER_JOIN_FAILURES_PER_MINUTE', 300),
    joinBurst: int('JOIN_BURST', 300),
    joinsPerMinute: int('JOINS_PER_MINUTE', 300),
    roomCreateBurst: int('ROOM_CREATE_BURST', 20),
    roomsPerHourPerAddress: int('ROOMS_PER_HOUR_PER_ADDRESS', 30),
    roomsPerHour: int('ROOMS_PER_HOUR', 500),
    maxDeckBytes: int('MAX_DECK_BYTES', 200 * 1024),
    deckCreateBurst: int('DECK_CREATE_BURST', 10),
    decksPerHourPerAddress: int('DECKS_PER_HOUR_PER_ADDRESS', 20),
    decksPerHour: int('DECKS_PER_HOUR', 200),
    deckSaveBurst: int('DECK_SAVE_BURST', 30),
    deckSavesPerHourPerAddress: int('DECK_SAVES_PER_HOUR_PER_ADDRESS', 120),
    deckSavesPerHour: int('DECK_SAVES_PER_HOUR', 1000),
    maxImageBytes: int('MAX_IMAGE_BYTES', 5 * 1024 * 1024),
    maxImagesPerDeck: int('MAX_IMAGES_PER_DECK', 40),
    maxDeckImageBytes: int('MAX_DECK_IMAGE_BYTES', 25 * 1024 * 1024),
    imageUploadBurst: int('IMAGE_UPLOAD_BURST', 40),
    imageUploadsPerHourPerAddress: int('IMAGE_UPLOADS_PER_HOUR_PER_ADDRESS', 120),
    imageUploadsPerHour: int('IMAGE_UPLOADS_PER_HOUR', 600),
    cardFailureBurst: int('CARD_FAILURE_BURST', 5),
    cardFailuresPerMinute: int('CARD_FAILURES_PER_MINUTE', 5),
    roomIdleSeconds: int('ROOM_IDLE_SECONDS', 300),
    joinCodeDays: int('JOIN_CODE_DAYS', 7),
    maxConnectionsPerRoom: int('MAX_CONNECTIONS_PER_ROOM', 5000),
    maxPendingUpgrades: int('MAX_PENDING_UPGRADES', 1000),
    maxSocketsPerParticipant: int('MAX_SOCKETS_PER_PARTICIPANT', 4),
    maxFacilitatorSockets: int('MAX_FACILITATOR_SOCKETS', 40),
    syncMessagesPerSecond: int('SYNC_MESSAGES_PER_SECOND', 200),
    syncMessageBurst: int('SYNC_MESSAGE_BURST', 500),
    maxSocketBufferBytes: int('MAX_SOCKET_BUFFER_BYTES', 8 * 1024 * 1024),
    maxUpdateBytes: int('MAX_UPDATE_BYTES', 512 * 1024),
    maxDocBytes: int('MAX_DOC_BYTES', 8 * 1024 * 1024),
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000),
    trustProxy: proxyHops(process.env.TRUST_PROXY),
    retentionDays: int('RETENTION_DAYS', 30),
    exportConcurrency: int('EXPORT_CONCURRENCY', 2),
    exportQueue: int('EXPORT_QUEUE', 4),
    exportTimeoutMs: int('EXPORT_TIMEOUT_MS', 20_000),
    dev: false,
    quiet: false,
    ...overrides,
  };
}
