// Faults: a crash in the middle of a vote burst, phones that resend after it, and a disk that fills up.
import { afterAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { call, control, createRoom, join, vote, waitFor } from '../helpers/clients.js';
import { removeDir, spawnServer, startServer, tempDataDir, type TestServer } from '../helpers/server.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const OPTIONS = ['kommunen', 'institutionen', 'borgerne'] as const;

/** What the room has counted, as the facilitator's control answer reports it. */
async function answered(url: string, room: Parameters<typeof control>[1]): Promise<number> {
  const r = await control(url, room, 'reveal');
  expect(r.status).toBe(200);
  return r.body.state.answered as number;
}

describe('faults', () => {
  it('kill -9 in a burst of 200 votes: every acknowledged ballot survives, and resending after restart counts each phone once', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => removeDir(dataDir));
    let s = await spawnServer(dataDir);
    const room = await createRoom(s.url);
    await control(s.url, room, 'open');
    const people = await Promise.all(Array.from({ length: 200 }, () => join(s.url, room.joinCode)));
    // Each phone keeps its intent id, as the participant app does in localStorage.
    const intents = people.map((p, i) => ({ token: p.participantToken, id: crypto.randomUUID(), option: OPTIONS[i % 3]! }));
    const acked = new Set<string>();
    const burst = intents.map(async (x) => {
      const r = await vote(s.url, room.roomId, x.token, x.option, x.id).catch(() => undefined);
      if (r?.status === 200) acked.add(x.id);
    });
    await waitFor(() => acked.size >= 20, 10_000, 'first acknowledgements');
    await s.kill9();
    await Promise.all(burst);
    expect(acked.size).toBeGreaterThanOrEqual(20);

    s = await spawnServer(dataDir);
    cleanup.push(() => s.stop());
    for (const x of intents.filter((i) => acked.has(i.id))) {
      const me = await call(s.url, `/api/rooms/${room.roomId}/me`, { token: x.token });
      expect(me.body.ballots['hvem-saettes-fri']).toEqual({ option: x.option });
    }
    // Every phone resends its pending intent with the same id — twice, as a flaky network would.
    for (let round = 0; round < 2; round++) {
      const replies = await Promise.all(intents.map((x) => vote(s.url, room.roomId, x.token, x.option, x.id)));
      expect(replies.map((r) => r.status)).toEqual(intents.map(() => 200));
    }
    expect(await answered(s.url, room)).toBe(200);
  });

  it('a full disk answers 503 without corrupting anything; once there is room the same intents count once', async () => {
    const server: TestServer = await startServer();
    cleanup.push(async () => {
      await server.stop();
      removeDir(server.dataDir);
    });
    const room = await createRoom(server.url);
    await control(server.url, room, 'open');
    const people = await Promise.all(Array.from({ length: 400 }, () => join(server.url, room.joinCode)));
    // SQLite's own limit on the file size makes writes fail exactly as a full disk does (SQLITE_FULL).
    const db = (server.app.storage as unknown as { db: Database.Database }).db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);

    const intents = people.map((p, i) => ({ token: p.participantToken, id: crypto.randomUUID(), option: OPTIONS[i % 3]! }));
    const statuses: number[] = [];
    const refused: typeof intents = [];
    for (const x of intents) {
      const r = await vote(server.url, room.roomId, x.token, x.option, x.id);
      statuses.push(r.status);
      if (r.status === 503) {
        expect(r.body.error.code).toBe('storage_unavailable');
        refused.push(x);
      }
    }
    const stored = statuses.filter((s) => s === 200).length;
    expect(refused.length).toBeGreaterThan(0);
    expect(stored + refused.length).toBe(400);
    // The server keeps serving while the disk is full, and counted only what it stored.
    expect((await call(server.url, '/healthz')).status).toBe(200);
    expect((await call(server.url, '/api/decks')).status).toBe(200);
    expect(await answered(server.url, room)).toBe(stored);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    db.pragma('max_page_count = 1073741823');
    for (const x of refused) expect((await vote(server.url, room.roomId, x.token, x.option, x.id)).status).toBe(200);
    for (const x of intents.slice(0, 50)) expect((await vote(server.url, room.roomId, x.token, x.option, x.id)).status).toBe(200);
    expect(await answered(server.url, room)).toBe(400);
  });
});
