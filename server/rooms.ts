// The registry of rooms: creation, join codes, keys and tokens, lazy loading from storage.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { DeckManifest } from '../core/deck.js';
import { Room, type RoomOptions } from './room.js';
import type { ParticipantRecord, RoomRecord, Storage } from './storage.js';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** 256 bits for facilitator keys, 192 for participant tokens: far past guessing. */
function secret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export const JOIN_CODE_PATTERN = /^\d{6}$/;

/** People type codes with spaces ("123 456"); keep only the digits. */
export function normaliseJoinCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export interface CreatedRoom {
  record: RoomRecord;
  facilitatorKey: string;
}

export class Rooms {
  private readonly live = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | undefined>>();

  constructor(
    readonly storage: Storage,
    private readonly decks: ReadonlyMap<string, { manifest: DeckManifest }>,
    private readonly options: RoomOptions,
  ) {}

  async create(deck: string): Promise<CreatedRoom> {
    let joinCode = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      const candidate = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (!(await this.storage.joinCodeTaken(candidate))) {
        joinCode = candidate;
        break;
      }
    }
    if (!joinCode) throw new Error('Der er ingen ledige deltagerkoder; slet gamle rum.');
    const facilitatorKey = secret(32);
    const record: RoomRecord = {
      id: secret(9),
      deck,
      joinCode,
      facilitatorKeyHash: hashSecret(facilitatorKey),
      createdAt: Date.now(),
    };
    await this.storage.createRoom(record);
    return { record, facilitatorKey };
  }

  /** The loaded room, loading it from storage on first use. */
  get(roomId: string): Promise<Room | undefined> {
    const room = this.live.get(roomId);
    if (room) return Promise.resolve(room);
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
    const deck = this.decks.get(record.deck);
    if (!deck) throw new Error(`Rummet ${roomId} bruger decket "${record.deck}", som ikke længere findes.`);
    const room = await Room.load(record, deck.manifest, this.storage, this.options);
    this.live.set(roomId, room);
    return room;
  }

  isFacilitator(room: Room, key: string | undefined): boolean {
    if (!key) return false;
    const a = Buffer.from(hashSecret(key), 'hex');
    const b = Buffer.from(room.record.facilitatorKeyHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** The room a join code opens, if any. */
  async byCode(code: string): Promise<Room | undefined> {
    const record = await this.storage.getRoomByCode(code);
    return record ? this.get(record.id) : undefined;
  }

  async join(code: string): Promise<{ room: Room; participantToken: string; participant: ParticipantRecord } | undefined> {
    const record = await this.storage.getRoomByCode(code);
    if (!record) return undefined;
    const room = await this.get(record.id);
    if (!room) return undefined;
    const participantToken = secret(24);
    const participant: ParticipantRecord = {
      id: secret(9),
      roomId: record.id,
      tokenHash: hashSecret(participantToken),
      createdAt: Date.now(),
    };
    await this.storage.createParticipant(participant);
    room.participantJoined();
    return { room, participantToken, participant };
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

  /** Delete a room for good: its clients are disconnected and nothing of it stays in the database. */
  async delete(roomId: string): Promise<boolean> {
    const pending = this.loading.get(roomId);
    if (pending) await pending.catch(() => undefined);
    const room = this.live.get(roomId);
    if (room) {
      room.close({ code: 4404, reason: 'Rummet er slettet.' });
      this.live.delete(roomId);
    }
    return this.storage.deleteRoom(roomId);
  }

  /** Delete every room older than the retention period; answers the ids deleted. */
  async expire(retentionDays: number, now = Date.now()): Promise<string[]> {
    if (retentionDays <= 0) return [];
    const ids = await this.storage.listRoomsCreatedBefore(now - retentionDays * 24 * 3600 * 1000);
    for (const id of ids) await this.delete(id);
    return ids;
  }

  closeAll(): void {
    for (const room of this.live.values()) room.close();
    this.live.clear();
  }
}
