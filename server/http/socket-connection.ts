// One admitted WebSocket as a document peer: its message allowance, its send buffer, its heartbeat and its way out.
import type { RawData, WebSocket } from 'ws';
import type { Config } from '../config.js';
import type { Room } from '../room.js';
import type { SocketStats } from '../socket.js';
import { CLOSE_TOO_LARGE, ProtocolError, messageCost, type DocChannel, type Peer, type Role } from '../sync.js';

/** A socket that passed authentication and holds its slot: whose it is, and which document it reads. */
export type Admitted = { room: Room; channel: DocChannel; role: Role; id: string };

export interface ConnectionDeps {
  config: Config;
  log: (message: string) => void;
  /** The counts this connection adds to. */
  stats: Pick<SocketStats, 'closedForRate' | 'droppedNotReading'>;
}

/** A close reason fits the protocol's 123 bytes of UTF-8 (Danish letters take two). */
function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= 123) return text;
  let cut = text;
  while (Buffer.byteLength(cut) > 120) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function asBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** How long a socket that was told to close may take to finish the closing handshake before it is cut. */
const CLOSE_GRACE_MS = 2000;
/** Ping interval; a socket that did not answer the previous ping is terminated. */
const PING_MS = 30_000;

/** Carries the room's document to and from the socket until either side ends it; `release` frees its slot. */
export function connectSocket(
  ws: WebSocket,
  { room, channel, role, id }: Admitted,
  release: () => void,
  { config, log, stats }: ConnectionDeps,
): void {
  channel.setWriteLimits({ maxUpdateBytes: config.maxUpdateBytes, maxDocBytes: config.maxDocBytes });
  let alive = true;
  /** Set once the socket is on its way out: nothing more is sent to it or read from it. */
  let leaving = false;
  let graceTimer: ReturnType<typeof setTimeout> | null = null;
  // The socket's allowance of messages (token bucket): refilled continuously up to the burst.
  const rate = config.syncMessagesPerSecond;
  const burst = Math.max(config.syncMessageBurst, 25);
  let tokens = burst;
  let refilledAt = Date.now();

  const take = (cost: number): boolean => {
    if (rate <= 0) return true;
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - refilledAt) * rate) / 1000);
    refilledAt = now;
    if (tokens < cost) return false;
    tokens -= cost;
    return true;
  };

  /** Detaches at once, so the document stops queueing to this socket while the close handshake runs. */
  const leave = () => {
    if (leaving) return;
    leaving = true;
    room.detach(peer, channel);
  };

  const shut = (code: number, reason: string) => {
    if (leaving) return;
    leave();
    ws.close(code, closeReason(reason));
    // A client that never answers the close frame would hold the socket for ws's own 30 s.
    graceTimer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    graceTimer.unref();
  };

  const peer: Peer = {
    role,
    id,
    send(data) {
      if (leaving || ws.readyState !== ws.OPEN) return;
      // Checked before sending: a socket that stopped reading is dropped rather than queued to. A message onto
      // an empty queue always goes (a new client of a big document needs its first answer whole).
      const queued = ws.bufferedAmount;
      if (queued > 0 && queued + data.byteLength > config.maxSocketBufferBytes) {
        stats.droppedNotReading++;
        leave();
        ws.terminate();
        return;
      }
      ws.send(data);
    },
    close(code, reason) {
      shut(code, reason);
    },
  };
  room.attach(peer, channel);

  ws.on('pong', () => {
    alive = true;
  });
  const pinger = setInterval(() => {
    if (!alive) {
      leave();
      ws.terminate();
      return;
    }
    alive = false;
    ws.ping();
  }, PING_MS);

  ws.on('message', (data, isBinary) => {
    if (leaving) return;
    if (!isBinary) {
      shut(1003, 'Kun binære y-websocket-beskeder.');
      return;
    }
    const bytes = asBytes(data);
    if (!take(messageCost(bytes))) {
      stats.closedForRate++;
      shut(1008, 'For mange beskeder på kort tid; forbindelsen oprettes igen.');
      return;
    }
    try {
      channel.receive(peer, bytes);
    } catch (err) {
      const e = err instanceof ProtocolError ? err : new ProtocolError(1011, 'Intern fejl.');
      if (!(err instanceof ProtocolError)) log(`sync ${room.id}: ${(err as Error).message}`);
      if (e.closeCode === CLOSE_TOO_LARGE) log(`rum ${room.id}: ${e.message}`);
      shut(e.closeCode, e.message);
    }
  });
  ws.on('error', () => {
    leave();
    ws.terminate();
  });
  // Everything the socket held goes with it: its place in the document, its awareness, its timers, its slot.
  ws.on('close', () => {
    clearInterval(pinger);
    if (graceTimer) clearTimeout(graceTimer);
    leave();
    release();
  });
}
