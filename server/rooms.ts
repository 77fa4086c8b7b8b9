// The registry of rooms: creation, join codes, keys and tokens, lazy loading from storage.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_PATTERN } from '../core/wire.js';
import type { Acquired } from './cluster/leases.js';
import type { DeckLibrary } from './deck-library.js';
import { HttpError } from './http/errors.js';
import { Room, type RoomOptions } from './room.js';
import { JoinCodeTakenError, type ParticipantRecord, type RoomRecord, type Storage } from './storage.js';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** 256 bits for facilitator keys, 192 for participant tokens: far past guessing. */
function secret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export interface CreatedRoom {
  record: RoomRecord;
  facilitatorKey: string;
}

/** Every join code is taken: answered 503 with a message, never a crash. */
export class NoFreeCodeError extends Error {
  constructor() {
    super('Der er ingen ledige deltagerkoder lige nu. Prøv igen senere.');
    this.name = 'NoFreeCodeError';
  }
}

/**
 * Who may serve a room when several processes share one database (server/cluster/leases.ts). Without it, as with
 * SQLite, this process serves every room.
 */
export interface RoomOwnership {
  acquire(roomId: string): Promise<Acquired>;
  release(roomId: string): Promise<void>;
  /** A room wanted elsewhere that could not be let go (its writes failed): keep it, and ask again later. */
  keep(roomId: string): void;
  /** False while the process can take no room (no liveness lock): /healthz fails so the proxy sends rooms elsewhere. */
  readonly healthy: boolean;
  /** Set by Rooms: a room whose lease was lost (its writes already fail) or is wanted by another process. */
  onLost: (roomId: string, why: 'lost' | 'wanted') => void;
}

/** Another process serves the room right now: the proxy's view is changing; the client tries again shortly. */
export class RoomElsewhereError extends HttpError {
  constructor() {
    super(503, 'room_moving', 'Rummet flyttes mellem servere lige nu. Prøv igen om et øjeblik.', 1);
  }
}

/** The close code a room's sockets get when it moves to another process: clients reconnect through the proxy. */
const MOVED = { code: 1012, reason: 'Rummet flyttes til en anden server.' };

export interface RoomsOptions extends RoomOptions {
  /** A room with no connection for this long, and its writes on disk, leaves memory. */
  idleMs: number;
  /** Set when several processes share the database: rooms are loaded only under a lease. */
  ownership?: RoomOwnership;
}

/** Rooms deleted in one transaction by the retention sweep: small enough that the server answers in between. */
const EXPIRE_BATCH = 10;

/** Lets the event loop answer other requests between two pieces of a long job. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Rooms {
  private readonly live = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | undefined>>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(
    readonly storage: Storage,
    /** Where a room finds the deck version it pinned. */
    private readonly decks: Pick<DeckLibrary, 'pinned'>,
    private readonly options: RoomsOptions,
  ) {
    if (options.ownership) {
      options.ownership.onLost = (roomId, why) => {
        this.letGo(roomId, why).catch((err: unknown) => options.log(`rum ${roomId} kunne ikke gives videre: ${(err as Error).message}`));
      };
    }
  }

  /** Whether this process can serve rooms: always on one process; with several, while it holds its liveness lock. */
  get healthy(): boolean {
    return this.options.ownership?.healthy ?? true;
  }

  /** Whether rooms are shared out between several processes (a lease per loaded room). */
  get clustered(): boolean {
    return this.options.ownership !== undefined;
  }

  /**
   * A room this process may no longer serve leaves memory and its clients reconnect through the proxy to the
   * process that serves it now. A lost lease: nothing more can be written, so the room goes at once. A room
   * wanted elsewhere: its writes under way land first, then the lease is handed back.
   */
  private async letGo(roomId: string, why: 'lost' | 'wanted'): Promise<void> {
    const ownership = this.options.ownership;
    const pending = this.loading.get(roomId);
    if (pending) await pending.catch(() => undefined);
    const unloading = this.unloading.get(roomId);
    if (unloading) await unloading.catch(() => undefined);
    const room = this.live.get(roomId);
    if (!room) {
      await ownership?.release(roomId);
      return;
    }
    const done = (async () => {
      if (why === 'wanted') {
        try {
          await room.settled();
        } catch (err) {
          // Its writes did not all reach the database: the copy in memory is the only whole one. It stays, and
          // the next request elsewhere asks for it again.
          ownership?.keep(roomId);
          this.options.log(`rum ${roomId} bliver her, for dets ændringer er ikke gemt: ${(err as Error).message}`);
          return;
        }
      }
      room.close(MOVED);
      this.live.delete(roomId);
      await ownership?.release(roomId);
      this.options.log(`rum ${roomId} ${why === 'wanted' ? 'givet videre til en anden proces' : 'mistet til en anden proces'}`);
    })().finally(() => this.unloading.delete(roomId));
    this.unloading.set(roomId, done);
    await done;
  }

  /** A new room showing `deckVersion` of `deck`, whatever is saved to the deck afterwards. */
  async create(deck: string, deckVersion: number): Promise<CreatedRoom> {
    const facilitatorKey = secret(32);
    const id = secret(9);
    for (let attempt = 0; attempt < 50; attempt++) {
      const joinCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (await this.storage.joinCodeTaken(joinCode)) continue;
      const record: RoomRecord = {
        id,
        deck,
        deckVersion,
        joinCode,
        facilitatorKeyHash: hashSecret(facilitatorKey),
        createdAt: Date.now(),
      };
      try {
        await this.storage.createRoom(record);
        return { record, facilitatorKey };
      } catch (err) {
        // Another process stored the same code a moment ago (the database's unique column decides): draw again.
        if (!(err instanceof JoinCodeTakenError)) throw err;
      }
    }
    // Codes retire after JOIN_CODE_DAYS and creation is limited per hour, so the space stays mostly free; if
    // it is full all the same, the answer says so instead of failing with a 500.
    throw new NoFreeCodeError();
  }

  /** The loaded room, loading it from storage on first use. Only for callers that have authenticated. */
  async get(roomId: string): Promise<Room | undefined> {
    const unloading = this.unloading.get(roomId);
    if (unloading) await unloading;
    const room = this.live.get(roomId);
    if (room) {
      room.lastUsed = Date.now();
      return room;
    }
    let pending = this.loading.get(roomId);
    if (!pending) {
      pending = this.load(roomId).finally(() => this.loading.delete(roomId));
      this.loading.set(roomId, pending);
    }
    return pending;
  }

  private async load(roomId: string): Promise<Room | undefined> {
    const record = await this.storage.getRoom(roomId);
    if (!record) return undefined;
    const pinned = await this.decks.pinned(record);
    if (!pinned)
      throw new Error(`Rummet ${roomId} bruger decket "${record.deck}" (version ${record.deckVersion}), som ikke længere findes.`);
    // With several processes, a room is loaded only under its lease, so it is served by one process at a time.
    const ownership = this.options.ownership;
    if (ownership && !(await ownership.acquire(roomId)).ok) throw new RoomElsewhereError();
    try {
      // A room from before pinning shows its deck's latest version and says which (RoomInfo.deckVersion).
      const room = await Room.load({ ...record, deckVersion: pinned.version }, pinned.deck.manifest, this.storage, this.options);
      this.live.set(roomId, room);
      return room;
    } catch (err) {
      await ownership?.release(roomId);
      throw err;
    }
  }

  /** The room's record without loading the room: what a credential is checked against. */
  async record(roomId: string): Promise<RoomRecord | undefined> {
    return this.live.get(roomId)?.record ?? (await this.storage.getRoom(roomId));
  }

  isFacilitator(room: Room | RoomRecord, key: string | undefined): boolean {
    if (!key) return false;
    const record = 'record' in room ? room.record : room;
    const a = Buffer.from(hashSecret(key), 'hex');
    const b = Buffer.from(record.facilitatorKeyHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * The record a join code opens, if any, without loading the room. Callers go through the code brake
   * (server/code-brake.ts) first: this is the lookup it guards.
   */
  async byCode(code: string): Promise<RoomRecord | undefined> {
    if (!JOIN_CODE_PATTERN.test(code)) return undefined;
    return this.storage.getRoomByCode(code);
  }

  /**
   * A new participant of a room whose code the caller has looked up. With several processes any of them takes a
   * join without loading the room (the room's own process counts the newcomer when they connect).
   */
  async join(roomId: string): Promise<{ participantToken: string; participant: ParticipantRecord } | undefined> {
    const room = this.clustered ? this.live.get(roomId) : await this.get(roomId);
    if (!room && !(await this.storage.getRoom(roomId))) return undefined;
    const participantToken = secret(24);
    const participant: ParticipantRecord = {
      id: secret(9),
      roomId,
      tokenHash: hashSecret(participantToken),
      createdAt: Date.now(),
    };
    await this.storage.createParticipant(participant);
    room?.participantJoined();
    return { participantToken, participant };
  }

  /**
   * Who a WebSocket token is in a room, checked against storage before the room is loaded, so a socket with
   * a wrong token costs a lookup and never a room in memory. The live document is for facilitators only.
   */
  async authorise(
    roomId: string,
    token: string,
    live: boolean,
  ): Promise<{ role: 'facilitator' | 'participant'; id: string } | { status: number; text: string }> {
    const record = await this.record(roomId);
    if (!record) return { status: 404, text: 'Not Found' };
    if (this.isFacilitator(record, token)) return { role: 'facilitator', id: 'facilitator' };
    if (live) return { status: 403, text: 'Forbidden' };
    const p = await this.participant(token);
    if (!p) return { status: 401, text: 'Unauthorized' };
    if (p.roomId !== roomId) return { status: 403, text: 'Forbidden' };
    return { role: 'participant', id: p.id };
  }

  participant(token: string | undefined): Promise<ParticipantRecord | undefined> {
    if (!token || token.length > 128) return Promise.resolve(undefined);
    return this.storage.getParticipantByTokenHash(hashSecret(token));
  }

  get loaded(): number {
    return this.live.size;
  }

  forEach(fn: (room: Room) => void): void {
    for (const room of this.live.values()) fn(room);
  }

  /**
   * Unload every room that has had no connection and no request for `idleMs`, once its queued writes are on
   * disk. A request that arrives meanwhile waits for the unload and then loads the room afresh from storage.
   */
  async unloadIdle(now = Date.now()): Promise<string[]> {
    const unloaded: string[] = [];
    for (const [id, room] of [...this.live]) {
      if (room.connectionCount > 0 || now - room.lastUsed < this.options.idleMs || this.unloading.has(id)) continue;
      const done = (async () => {
        await room.settled();
        // A connection may have come while the writes settled: then the room stays.
        if (room.connectionCount > 0) return;
        room.close();
        this.live.delete(id);
        await this.options.ownership?.release(id);
        unloaded.push(id);
      })().finally(() => this.unloading.delete(id));
      this.unloading.set(id, done);
      await done.catch((err: unknown) => this.options.log(`rum ${id} kunne ikke lægges væk: ${(err as Error).message}`));
      await yieldToOthers();
    }
    return unloaded;
  }

  /** Delete a room for good: its clients are disconnected and nothing of it stays in the database. */
  async delete(roomId: string): Promise<boolean> {
    await this.forget(roomId);
    return this.storage.deleteRoom(roomId);
  }

  /** Drop a room that is about to be deleted from memory, disconnecting its clients. */
  private async forget(roomId: string): Promise<void> {
    const pending = this.loading.get(roomId);
    if (pending) await pending.catch(() => undefined);
    const unloading = this.unloading.get(roomId);
    if (unloading) await unloading.catch(() => undefined);
    const room = this.live.get(roomId);
    if (room) {
      room.close({ code: 4404, reason: 'Rummet er slettet.' });
      this.live.delete(roomId);
    }
    await this.options.ownership?.release(roomId);
  }

  /**
   * Delete every room older than the retention period; answers the ids deleted. One room at a time with the
   * event loop free in between, so a sweep of thousands of rooms never stops the server answering.
   */
  async expire(retentionDays: number, now = Date.now()): Promise<string[]> {
    if (retentionDays <= 0) return [];
    const ids = await this.storage.listRoomsCreatedBefore(now - retentionDays * 24 * 3600 * 1000);
    for (let i = 0; i < ids.length; i += EXPIRE_BATCH) {
      const batch = ids.slice(i, i + EXPIRE_BATCH);
      for (const id of batch) await this.forget(id);
      await this.storage.deleteRooms(batch);
      await yieldToOthers();
    }
    return ids;
  }

  /** Free the join codes of rooms made more than `days` ago: the rooms stay (exports), their codes open nothing. */
  retireCodes(days: number, now = Date.now()): Promise<number> {
    if (days <= 0) return Promise.resolve(0);
    return this.storage.retireJoinCodes(now - days * 24 * 3600 * 1000);
  }

  /** Waits (at most `ms`) until every loaded room's writes are stored: before shutting down, and before leases end. */
  async settleAll(ms = 5_000): Promise<void> {
    const all = Promise.allSettled([...this.live.values()].map((room) => room.settled()));
    await Promise.race([all, new Promise((r) => setTimeout(r, ms).unref())]);
  }

  closeAll(): void {
    for (const room of this.live.values()) room.close();
    this.live.clear();
  }
}
