// Join codes across processes: the database's unique column decides, and the room that stores second draws again.
import { describe, expect, it } from 'vitest';
import { Rooms } from '../../server/rooms.js';
import { JoinCodeTakenError, type RoomRecord, type Storage } from '../../server/storage.js';

function storageTakingFirst(taken: number): { storage: Storage; tried: string[]; stored: RoomRecord[] } {
  const tried: string[] = [];
  const stored: RoomRecord[] = [];
  const storage = {
    joinCodeTaken: async () => false,
    async createRoom(r: RoomRecord) {
      tried.push(r.joinCode);
      // Another process stored each of the first `taken` codes between our check and our insert.
      if (tried.length <= taken) throw new JoinCodeTakenError(r.joinCode);
      stored.push(r);
    },
  } as unknown as Storage;
  return { storage, tried, stored };
}

const options = { publishIntervalMs: 200, compactAfter: 500, idleMs: 60_000, log: () => undefined };

describe('Rooms.create', () => {
  it('draws another code when another process stored the same one at the same moment', async () => {
    const { storage, tried, stored } = storageTakingFirst(2);
    const rooms = new Rooms(storage, { pinned: async () => undefined }, options);
    const created = await rooms.create('frisaettelse', 1);
    expect(tried).toHaveLength(3);
    expect(stored).toEqual([created.record]);
    expect(created.record.joinCode).toBe(tried[2]);
  });

  it('passes any other storage fault on instead of drawing again', async () => {
    const storage = {
      joinCodeTaken: async () => false,
      createRoom: async () => {
        throw new Error('disk I/O error');
      },
    } as unknown as Storage;
    const rooms = new Rooms(storage, { pinned: async () => undefined }, options);
    await expect(rooms.create('frisaettelse', 1)).rejects.toThrow('disk I/O error');
  });
});
