// Room ownership on a real PostgreSQL (server/cluster/leases.ts): two stores stand for two server processes on
// one database. Whatever each believes, only the holder of the room's current epoch can write it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { RoomLeases, RoomMovedError } from '../../server/cluster/leases.js';
import { PgStorage } from '../../server/pg/storage-pg.js';
import type { StoreBallotInput } from '../../server/storage.js';
import { postgresMissing, startPostgres, type PgServer } from '../helpers/postgres.js';

const missing = postgresMissing();
if (missing) console.warn(missing);

interface Process {
  storage: PgStorage;
  leases: RoomLeases;
  lost: { roomId: string; why: string }[];
}

let server: PgServer | undefined;
let url = '';
const processes: Process[] = [];

async function process(ttlMs = 60_000, renewMs = 60_000): Promise<Process> {
  let leases: RoomLeases | undefined;
  const storage = new PgStorage({ connectionString: url, fence: (client, roomId) => leases!.fence(client, roomId) });
  await storage.ready();
  leases = new RoomLeases(storage.pool, { ttlMs, renewMs });
  const p: Process = { storage, leases, lost: [] };
  leases.onLost = (roomId, why) => p.lost.push({ roomId, why });
  await leases.start();
  processes.push(p);
  return p;
}

function ballot(participantId: string, intentId: string): StoreBallotInput {
  return {
    roomId: 'r1',
    activity: 'valg',
    participantId,
    ballot: { option: 'a' },
    intentId,
    answer: { status: 200, body: { ok: true } },
    at: Date.now(),
  };
}

describe.skipIf(missing !== undefined)('room leases on PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPostgres();
    url = await server!.createDatabase();
    const first = await process();
    await first.storage.createRoom({
      id: 'r1',
      deck: 'frisaettelse',
      deckVersion: 1,
      joinCode: '111111',
      facilitatorKeyHash: 'h',
      createdAt: Date.now(),
    });
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) {
      await p.leases.stop().catch(() => undefined);
      await p.storage.close().catch(() => undefined);
    }
    await server?.stop();
  });

  it('one owner at a time: a second process is refused while the first lives, and asks it to let go', async () => {
    const a = processes[0]!;
    const b = await process();
    expect(await a.leases.acquire('r1')).toEqual({ ok: true, epoch: 1 });
    const refused = await b.leases.acquire('r1');
    expect(refused).toEqual({ ok: false, owner: a.leases.owner });
    // B writes nothing for a room it does not hold: refused before the transaction touches a row.
    await expect(b.storage.storeBallot(ballot('pb', 'ib'))).rejects.toBeInstanceOf(RoomMovedError);
    // A's renewal reads B's request and tells A's rooms to let go; A still holds it until it releases.
    await a.leases.renew();
    expect(a.lost).toEqual([{ roomId: 'r1', why: 'wanted' }]);
    expect(a.leases.holds('r1')).toBe(true);
    await a.storage.storeBallot(ballot('pa', 'ia'));
    await a.leases.release('r1');
    expect(await b.leases.acquire('r1')).toEqual({ ok: true, epoch: 2 });
    await b.storage.storeBallot(ballot('pb', 'ib'));
    // A believes nothing any more, and writes nothing.
    await expect(a.storage.storeBallot(ballot('pa2', 'ia2'))).rejects.toBeInstanceOf(RoomMovedError);
    expect((await a.storage.listBallots('r1')).map((x) => x.participantId).sort()).toEqual(['pa', 'pb']);
    await b.leases.release('r1');
  });

  it('two processes that both believe they own the room: only the newer epoch writes, the old one is fenced', async () => {
    // A is frozen: its lease runs out (short lease, no renewal) while it still believes it holds the room.
    const a = await process(300, 60_000);
    const b = await process();
    expect((await a.leases.acquire('r1')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    const taken = await b.leases.acquire('r1');
    expect(taken.ok).toBe(true);
    expect(a.leases.holds('r1')).toBe(true);
    expect(b.leases.holds('r1')).toBe(true);

    // Both write at once, many times: every write of A fails, every write of B lands.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).storage.storeBallot(ballot(`both-${i}`, `both-${i}`))),
    );
    results.forEach((r, i) => {
      if (i % 2 === 0) expect(r.status === 'rejected' && r.reason instanceof RoomMovedError).toBe(true);
      else expect(r.status).toBe('fulfilled');
    });
    const stored = (await b.storage.listBallots('r1')).map((x) => x.participantId).filter((id) => id.startsWith('both-'));
    expect(stored.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `both-${2 * i + 1}`).sort());
    // A learnt on its first refused write that the room is gone, and lets it go.
    expect(a.lost).toContainEqual({ roomId: 'r1', why: 'lost' });
    expect(a.leases.holds('r1')).toBe(false);
    await b.leases.release('r1');
  });

  it('a takeover waits for the old owner’s write under way, and no write of the old owner lands after it', async () => {
    const a = await process(200, 60_000);
    const b = await process();
    expect((await a.leases.acquire('r1')).ok).toBe(true);
    // A's write transaction is open and has passed its fence when B tries to take over.
    const client = await a.storage.pool.connect();
    await client.query('BEGIN');
    await a.leases.fence(client, 'r1');
    await new Promise((r) => setTimeout(r, 300));
    let tookOverAt = 0;
    const takeover = b.leases.acquire('r1').then((r) => {
      tookOverAt = Date.now();
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(tookOverAt).toBe(0);
    await client.query(
      "INSERT INTO ballots (room_id, activity, participant_id, ballot, intent_id, updated_at) VALUES ('r1', 'valg', 'under-way', '{}', 'u', 0)",
    );
    const committedAt = Date.now();
    await client.query('COMMIT');
    client.release();
    expect((await takeover).ok).toBe(true);
    expect(tookOverAt).toBeGreaterThanOrEqual(committedAt);
    await expect(a.storage.storeBallot(ballot('after', 'after'))).rejects.toBeInstanceOf(RoomMovedError);
    const ids = (await b.storage.listBallots('r1')).map((x) => x.participantId);
    expect(ids).toContain('under-way');
    expect(ids).not.toContain('after');
    await b.leases.release('r1');
  });

  it('a room taken back by the same process gets a new epoch, and the database refuses a write at the old one', async () => {
    const a = await process();
    const first = await a.leases.acquire('r1');
    expect(first.ok).toBe(true);
    await a.leases.release('r1');
    const again = await a.leases.acquire('r1');
    expect(again.ok && first.ok && again.epoch).toBe(first.ok ? first.epoch + 1 : -1);
    // The same owner at another epoch (what a stale copy of the room would write with) is refused by the
    // database itself, not only by the process's own bookkeeping.
    const client = await a.storage.pool.connect();
    try {
      await client.query("UPDATE room_leases SET epoch = epoch + 1 WHERE room_id = 'r1'");
    } finally {
      client.release();
    }
    expect(a.leases.holds('r1')).toBe(true);
    await expect(a.storage.storeBallot(ballot('stale-epoch', 'stale-epoch'))).rejects.toBeInstanceOf(RoomMovedError);
    expect((await a.storage.listBallots('r1')).map((x) => x.participantId)).not.toContain('stale-epoch');
    expect(a.lost).toContainEqual({ roomId: 'r1', why: 'lost' });
    // A has let the room go; the row it no longer holds is ended by hand for the next test.
    await a.storage.pool.query("UPDATE room_leases SET expires_at = '-infinity' WHERE room_id = 'r1'");
  });

  it('a renewal racing a release never brings the released lease back to life', async () => {
    const a = await process();
    const b = await process();
    for (let round = 0; round < 15; round++) {
      const got = await a.leases.acquire('r1');
      expect(got.ok).toBe(true);
      await Promise.all([a.leases.renew(), a.leases.release('r1')]);
      expect(a.leases.holds('r1')).toBe(false);
      // Released means free at once: another process takes it without waiting for a lease to run out.
      expect((await b.leases.acquire('r1')).ok, `runde ${round}`).toBe(true);
      await b.leases.release('r1');
    }
  });

  it('a dead owner’s rooms move at once: its liveness lock goes with its connection, long before the lease runs out', async () => {
    const a = await process(600_000, 600_000);
    const b = await process();
    expect((await a.leases.acquire('r1')).ok).toBe(true);
    expect((await b.leases.acquire('r1')).ok).toBe(false);
    // What kill -9 does to A's connections: the server ends them.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = (SELECT owner_key FROM room_leases WHERE room_id = 'r1')",
      [0x52414453],
    );
    await admin.end();
    const started = Date.now();
    let got = await b.leases.acquire('r1');
    while (!got.ok && Date.now() - started < 5_000) {
      await new Promise((r) => setTimeout(r, 50));
      got = await b.leases.acquire('r1');
    }
    expect(got.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    await b.storage.storeBallot(ballot('after-death', 'after-death'));
    await expect(a.storage.storeBallot(ballot('ghost', 'ghost'))).rejects.toBeInstanceOf(RoomMovedError);
    await b.leases.release('r1');
  });
});
