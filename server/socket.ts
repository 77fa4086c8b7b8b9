// The /sync WebSocket endpoint: authenticates upgrades and admits sockets within their limits; each socket is then a peer (server/http/socket-connection.ts).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { LIVE_SUFFIX } from '../core/room-doc.js';
import { ambiguousRoomAddress } from './cluster/routing.js';
import type { Config } from './config.js';
import { RoomElsewhereError, type Rooms } from './rooms.js';
import { connectSocket, type Admitted } from './http/socket-connection.js';

export interface SyncSocketDeps {
  config: Config;
  rooms: Rooms;
  log: (message: string) => void;
  /** The per-address allowance the HTTP API uses too; false when this upgrade's address has spent it. */
  admitAddress: (req: IncomingMessage) => boolean;
}

/** What sockets cost the server right now; read by tests and scripts/hostile-sockets.ts. */
export interface SocketStats {
  /** Sockets open or being opened. */
  open: number;
  /** Upgrades refused because the token already held MAX_SOCKETS_PER_PARTICIPANT sockets (the key MAX_FACILITATOR_SOCKETS). */
  refusedPerParticipant: number;
  /** Sockets closed for sending more than SYNC_MESSAGES_PER_SECOND allows. */
  closedForRate: number;
  /** Sockets dropped because they stopped reading (MAX_SOCKET_BUFFER_BYTES). */
  droppedNotReading: number;
}

export interface SyncSockets {
  /** The server's 'upgrade' handler. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Disconnects every WebSocket client. */
  closeAll(): void;
  /** Stops the heartbeat (the HTTP server closed). */
  stop(): void;
  readonly stats: SocketStats;
}

export function createSyncSockets(deps: SyncSocketDeps): SyncSockets {
  const { config, rooms, log, admitAddress } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes, perMessageDeflate: false });
  const stats: SocketStats = { open: 0, refusedPerParticipant: 0, closedForRate: 0, droppedNotReading: 0 };
  /** Sockets open or being opened per participant, keyed "<roomId> <participantId>": reserved before the handshake. */
  const held = new Map<string, number>();
  let pendingUpgrades = 0;

  function refuse(socket: Duplex, status: number, text: string): void {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  async function authenticate(req: IncomingMessage): Promise<Admitted | { status: number; text: string }> {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'sync' || parts.length < 2 || parts.length > 3) return { status: 404, text: 'Not Found' };
    if (parts.length === 3 && parts[2] !== LIVE_SUFFIX) return { status: 404, text: 'Not Found' };
    const token = url.searchParams.get('token') ?? undefined;
    if (!token) return { status: 401, text: 'Unauthorized' };
    const live = parts.length === 3;
    const who = await rooms.authorise(parts[1]!, token, live);
    if ('status' in who) return who;
    const room = await rooms.get(parts[1]!);
    if (!room) return { status: 404, text: 'Not Found' };
    return { room, channel: live ? room.live : room.public, role: who.role, id: who.id };
  }

  /**
   * Reserves a socket for the participant, synchronously after authentication, so 300 upgrades in flight at once
   * cannot all pass the check. Returns the release, or a refusal.
   */
  function reserve(auth: Admitted, socket: Duplex): (() => void) | { status: number; text: string } {
    const key = `${auth.room.id} ${auth.id}`;
    const mine = held.get(key) ?? 0;
    if (auth.role === 'participant') {
      // A full room still lets its facilitators in, and a participant already inside adds no person.
      if (mine === 0 && !auth.room.isConnected(auth.id) && auth.room.connectionCount >= config.maxConnectionsPerRoom) {
        log(`rum ${auth.room.id}: fuldt (${config.maxConnectionsPerRoom} forbundne)`);
        return { status: 503, text: 'Service Unavailable' };
      }
    }
    // A participant needs a few sockets (two tabs, a reconnect overlapping its old socket); the room's key a
    // few dozen (projector, console and speaker-view windows on several laptops, two documents each). A
    // leaked key or token can hold no more.
    const cap = auth.role === 'participant' ? config.maxSocketsPerParticipant : config.maxFacilitatorSockets;
    if (cap > 0 && mine >= cap) {
      stats.refusedPerParticipant++;
      return { status: 429, text: 'Too Many Requests' };
    }
    held.set(key, mine + 1);
    stats.open++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      stats.open--;
      const left = (held.get(key) ?? 1) - 1;
      if (left > 0) held.set(key, left);
      else held.delete(key);
    };
    // The raw socket closes whether or not the handshake completes, so the slot is never lost.
    if (socket.destroyed) {
      release();
      return { status: 503, text: 'Service Unavailable' };
    }
    socket.once('close', release);
    return release;
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (pendingUpgrades >= config.maxPendingUpgrades || !admitAddress(req)) {
      refuse(socket, 429, 'Too Many Requests');
      return;
    }
    if (rooms.clustered && ambiguousRoomAddress(req.url ?? '/')) {
      refuse(socket, 400, 'Bad Request');
      return;
    }
    pendingUpgrades++;
    authenticate(req)
      .then(
        (auth) => {
          if ('status' in auth) return refuse(socket, auth.status, auth.text);
          const slot = reserve(auth, socket);
          if (typeof slot !== 'function') return refuse(socket, slot.status, slot.text);
          wss.handleUpgrade(req, socket, head, (ws) => connectSocket(ws, auth, slot, { config, log, stats }));
        },
        (err: unknown) => {
          // A room on its way to another process is no fault: the client tries again through the proxy.
          if (!(err instanceof RoomElsewhereError)) log(`upgrade: ${(err as Error).message}`);
          refuse(socket, 503, 'Service Unavailable');
        },
      )
      .finally(() => {
        pendingUpgrades--;
      });
  }

  const heartbeat = setInterval(() => {
    rooms.forEach((r) => {
      r.heartbeat();
    });
  }, config.heartbeatMs);
  heartbeat.unref();

  return {
    upgrade,
    closeAll() {
      for (const ws of wss.clients) ws.terminate();
    },
    stop() {
      clearInterval(heartbeat);
    },
    stats,
  };
}
