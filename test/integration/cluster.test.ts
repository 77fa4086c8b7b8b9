// Three Rådslag processes on one PostgreSQL behind HAProxy (deploy/haproxy.cfg), as a municipality would run them:
// kill -9 of the process that holds a room in the middle of a 1,000-phone vote loses no acknowledged ballot,
// counts none twice, and every phone is connected again within the stated time (docs/deploy.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import pg from 'pg';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type { CreateRoomResponse, JoinResponse } from '../../core/wire.js';
import { call } from '../helpers/clients.js';
import {
  freePort,
  haproxyMissing,
  MANY_PHONES_FROM_ONE_ADDRESS,
  startHaproxy,
  startProcess,
  type ClusterProcess,
  type HaProxy,
} from '../helpers/cluster.js';
import { postgresMissing, startPostgres, type PgServer } from '../helpers/postgres.js';

const missing = postgresMissing() ?? haproxyMissing();
if (missing) console.warn(missing);

const PHONES = 1000;
/** The stated time (docs/deploy.md): every phone is connected again within this long after its process died. */
const RECONNECT_WITHIN_MS = 20_000;
const ACTIVITY = 'hvem-saettes-fri';
const OPTIONS = ['kommunen', 'institutionen', 'borgerne'];

let pgServer: PgServer | undefined;
let env: Record<string, string> = {};
let databaseUrl = '';
let proxy: HaProxy | undefined;
const processes: ClusterProcess[] = [];

interface Phone {
  index: number;
  token: string;
  option: string;
  intentId: string;
  provider: WebsocketProvider;
  connected: boolean;
  /** When the socket was found closed after the kill, and when it was open again. */
  lostAt: number | null;
  backAt: number | null;
  ackedAt: number | null;
  attempts: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function roomOwner(roomId: string): Promise<string | undefined> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ owner: string }>('SELECT owner FROM room_leases WHERE room_id = $1 AND expires_at > now()', [roomId]);
    return rows[0]?.owner;
  } finally {
    await db.end();
  }
}

describe.skipIf(missing !== undefined)('three processes on one PostgreSQL behind HAProxy', () => {
  beforeAll(async () => {
    pgServer = await startPostgres({ maxConnections: 200 });
    databaseUrl = await pgServer!.createDatabase();
    const ports = [await freePort(), await freePort(), await freePort()];
    env = { ...MANY_PHONES_FROM_ONE_ADDRESS, DATABASE_URL: databaseUrl, PUBLISH_INTERVAL_MS: '100' };
    // The first migrates and records the templates; the others start at once after, as systemd would start them.
    processes.push(await startProcess('radslag1', ports[0]!, env));
    processes.push(...(await Promise.all([startProcess('radslag2', ports[1]!, env), startProcess('radslag3', ports[2]!, env)])));
    proxy = await startHaproxy(processes.map((p) => ({ name: p.name, port: p.port })));
  }, 90_000);

  afterAll(async () => {
    await proxy?.stop();
    for (const p of processes) await p.stop().catch(() => undefined);
    await pgServer?.stop();
  }, 60_000);

  it(`kill -9 of the room's process during a ${PHONES}-phone vote: nothing acknowledged lost, nothing counted twice, every phone back within ${RECONNECT_WITHIN_MS / 1000} s; restarted, the process gets the room back by handover`, async () => {
    const url = proxy!.url;
    const created = await call<CreateRoomResponse>(url, '/api/rooms', { body: { deck: 'frisaettelse' } });
    expect(created.status).toBe(201);
    const room = created.body;
    const opened = await call(url, `/api/rooms/${room.roomId}/control`, {
      token: room.facilitatorKey,
      body: { action: 'open', activity: ACTIVITY },
    });
    expect(opened.status).toBe(200);

    // Which process serves the room: the lease says, by the process id in its owner name.
    const ownerName = await roomOwner(room.roomId);
    const owner = processes.find((p) => ownerName?.split(':')[1] === String(p.proc.pid));
    expect(owner, `lejemål: ${ownerName}`).toBeDefined();

    // A code's page sends the phone on to the room's own address, where HAProxy finds the room's process.
    const page = await fetch(`${url}/j/${room.joinCode}`, { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toBe(`/j/${room.joinCode}?rum=${encodeURIComponent(room.roomId)}`);
    const followed = await fetch(`${url}${page.headers.get('location')}`);
    expect(followed.status).toBe(200);
    expect(await followed.text()).toContain(ACTIVITY);

    // 1,000 phones join (any process takes a join) and keep a y-websocket connection through the proxy.
    const phones: Phone[] = [];
    let killedAt = 0;
    for (let i = 0; i < PHONES; i += 100) {
      const wave = await Promise.all(
        Array.from({ length: Math.min(100, PHONES - i) }, async (_, k) => {
          const index = i + k;
          const joined = await call<JoinResponse>(url, '/api/join', { body: { code: room.joinCode } });
          expect(joined.status).toBe(200);
          const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, room.roomId, new Y.Doc(), {
            params: { token: joined.body.participantToken },
            WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
            disableBc: true,
          });
          const phone: Phone = {
            index,
            token: joined.body.participantToken,
            option: OPTIONS[index % OPTIONS.length]!,
            intentId: crypto.randomUUID(),
            provider,
            connected: false,
            lostAt: null,
            backAt: null,
            ackedAt: null,
            attempts: 0,
          };
          provider.on('status', ({ status }: { status: string }) => {
            const now = Date.now();
            if (status === 'connected') {
              phone.connected = true;
              if (phone.lostAt !== null && phone.backAt === null) phone.backAt = now;
            } else if (phone.connected) {
              phone.connected = false;
              if (killedAt && phone.lostAt === null) phone.lostAt = now;
            }
          });
          return phone;
        }),
      );
      phones.push(...wave);
    }
    for (const deadline = Date.now() + 60_000; phones.some((p) => !p.connected); ) {
      expect(Date.now(), `${phones.filter((p) => !p.connected).length} telefoner ikke forbundet`).toBeLessThan(deadline);
      await sleep(100);
    }

    // Every phone votes once with its own intent id and, like the phone's outbox, sends the same intent again until
    // it has an answer: network errors, 502/503 from the proxy or a room on the move are tried again.
    const refusals: string[] = [];
    const castUntilAcknowledged = async (phone: Phone): Promise<void> => {
      await sleep(phone.index * 3);
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
        phone.attempts++;
        const r = await call(url, `/api/rooms/${room.roomId}/intents`, {
          token: phone.token,
          body: { id: phone.intentId, type: 'ballot', activity: ACTIVITY, ballot: { option: phone.option } },
        }).catch(() => ({ status: 0, body: null }));
        if (r.status === 200) {
          phone.ackedAt = Date.now();
          return;
        }
        // What a phone tries again (components/participant/outbox.ts): no network, the proxy's 502/503/504, a room
        // on the move, a full allowance. A 500 would be a fault: it is recorded, not hidden by retrying.
        if (![0, 429, 502, 503, 504].includes(r.status)) {
          refusals.push(`telefon ${phone.index}: ${r.status} ${JSON.stringify(r.body)}`);
          return;
        }
        await sleep(200 + Math.random() * 300);
      }
    };
    const voting = Promise.all(phones.map(castUntilAcknowledged));

    // The room's process dies once a third of the votes are in.
    for (const deadline = Date.now() + 60_000; phones.filter((p) => p.ackedAt !== null).length < PHONES / 3; ) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(20);
    }
    killedAt = Date.now();
    const ackedBeforeKill = phones.filter((p) => p.ackedAt !== null).length;
    await owner!.kill9();
    await voting;
    expect(refusals).toEqual([]);
    expect(phones.filter((p) => p.ackedAt === null).map((p) => p.index)).toEqual([]);

    // Every phone is connected again, through the proxy, to the process that serves the room now.
    for (const deadline = killedAt + RECONNECT_WITHIN_MS + 5_000; phones.some((p) => !p.connected); ) {
      if (Date.now() > deadline) break;
      await sleep(100);
    }
    const back = phones.map((p) => (p.connected ? (p.backAt ?? killedAt) - killedAt : Number.POSITIVE_INFINITY));
    back.sort((a, b) => a - b);
    const slowest = back[back.length - 1]!;
    const median = back[Math.floor(back.length / 2)]!;
    console.log(
      `klynge: ${ackedBeforeKill} stemmer kvitteret før kill -9; alle ${PHONES} forbundet igen efter højst ${slowest} ms (median ${median} ms); ` +
        `${phones.reduce((n, p) => n + p.attempts, 0) - PHONES} gentagne forsøg`,
    );
    if (process.env.CLUSTER_DEBUG) {
      for (const p of processes) console.log(p.name, p.output().slice(-3000));
      console.log(
        'lost',
        phones
          .map((p) => (p.lostAt ?? 0) - killedAt)
          .sort((a, b) => a - b)
          .filter((_, i) => i % 100 === 0),
      );
      console.log(
        'back',
        back.filter((_, i) => i % 50 === 0),
      );
      console.log(
        'acked',
        phones
          .map((p) => (p.ackedAt ?? 0) - killedAt)
          .sort((a, b) => a - b)
          .filter((_, i) => i % 50 === 0),
      );
    }
    expect(phones.filter((p) => p.lostAt !== null).length).toBe(PHONES);
    expect(slowest).toBeLessThanOrEqual(RECONNECT_WITHIN_MS);
    const newOwnerName = await roomOwner(room.roomId);
    expect(newOwnerName).toBeDefined();
    expect(newOwnerName).not.toBe(ownerName);

    // Counted once each: the stored ballots are exactly the phones' votes.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ participant_id: string; ballot: string }>(
      'SELECT participant_id, ballot FROM ballots WHERE room_id = $1 AND activity = $2',
      [room.roomId, ACTIVITY],
    );
    await db.end();
    expect(rows).toHaveLength(PHONES);
    const expected = { kommunen: 0, institutionen: 0, borgerne: 0 } as Record<string, number>;
    for (const p of phones) expected[p.option]!++;
    const stored = { kommunen: 0, institutionen: 0, borgerne: 0 } as Record<string, number>;
    for (const r of rows) stored[(JSON.parse(r.ballot) as { option: string }).option]!++;
    expect(stored).toEqual(expected);

    // A phone that never saw its answer sends the same intent again after the move: answered as before, not counted again.
    for (const p of phones.slice(0, 50)) {
      const again = await call(url, `/api/rooms/${room.roomId}/intents`, {
        token: p.token,
        body: { id: p.intentId, type: 'ballot', activity: ACTIVITY, ballot: { option: p.option } },
      });
      expect(again.status).toBe(200);
    }
    // The facilitator's export from the new process counts each phone once: its rows equal the phones' votes.
    const exported = await call<{ activities: { id: string; answered: number; rows: { id: string; count: number }[] }[] }>(
      url,
      `/api/rooms/${room.roomId}/export?format=json`,
      { token: room.facilitatorKey },
    );
    expect(exported.status).toBe(200);
    const vote = exported.body.activities.find((a) => a.id === ACTIVITY)!;
    expect(vote.answered).toBe(PHONES);
    expect(Object.fromEntries(vote.rows.map((r) => [r.id, r.count]))).toEqual(expected);
    // An address that names the room in a way HAProxy would read differently is refused, and the room stays put.
    const escaped = `%${room.roomId.charCodeAt(0).toString(16).toUpperCase()}${room.roomId.slice(1)}`;
    for (const path of [`/api/rooms/${escaped}/me`, `/j/${room.joinCode}?rum=${escaped}`, `/x/../j/${room.joinCode}?rum=${room.roomId}`]) {
      // Sent as written (fetch would resolve the dot segments itself).
      const status = await new Promise<number>((done, fail) => {
        const req = httpRequest(`${url}/`, { path }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end();
      });
      expect(status, path).toBe(400);
    }
    expect(await roomOwner(room.roomId)).toBe(newOwnerName);
    const db2 = new pg.Client({ connectionString: databaseUrl });
    await db2.connect();
    const count = await db2.query<{ n: number }>('SELECT count(*)::int AS n FROM ballots WHERE room_id = $1', [room.roomId]);
    await db2.end();
    expect(count.rows[0]!.n).toBe(PHONES);

    // The dead process comes back on its address. Once the proxy's health check lets it in again, the room's
    // requests go to it again: it asks for the room, the serving process lets it go at its next renewal (its
    // writes under way first), and the phones follow through the proxy. Nothing is served by two at once.
    const index = processes.indexOf(owner!);
    const returned = await startProcess(owner!.name, owner!.port, env);
    processes[index] = returned;
    const movedBackAt = Date.now();
    const second = phones.slice(0, 100);
    const scale = await Promise.all(
      second.map(async (phone, i) => {
        await sleep(i * 20);
        const body = { id: crypto.randomUUID(), type: 'ballot', activity: 'roedt-blaat', ballot: { value: 1 + (i % 7) } };
        // The facilitator opens the scale on whichever process serves the room now.
        for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
          if (i === 0) {
            const open = await call(url, `/api/rooms/${room.roomId}/control`, {
              token: room.facilitatorKey,
              body: { action: 'open', activity: 'roedt-blaat' },
            }).catch(() => ({ status: 0 }));
            if (open.status !== 200) {
              await sleep(200);
              continue;
            }
          }
          const r = await call(url, `/api/rooms/${room.roomId}/intents`, { token: phone.token, body }).catch(() => ({
            status: 0,
            body: null,
          }));
          if (r.status === 200) return { phone, value: body.ballot.value, at: Date.now() };
          await sleep(200 + Math.random() * 300);
        }
        return { phone, value: body.ballot.value, at: null };
      }),
    );
    expect(scale.filter((v) => v.at === null)).toEqual([]);
    for (const deadline = Date.now() + 30_000; (await roomOwner(room.roomId))?.split(':')[1] !== String(returned.proc.pid); ) {
      expect(Date.now(), 'rummet kom ikke tilbage til den genstartede proces').toBeLessThan(deadline);
      await sleep(200);
    }
    for (const deadline = Date.now() + RECONNECT_WITHIN_MS + 10_000; phones.some((p) => !p.connected); ) {
      expect(Date.now(), `${phones.filter((p) => !p.connected).length} telefoner ikke forbundet igen`).toBeLessThan(deadline);
      await sleep(100);
    }
    console.log(`klynge: rummet tilbage hos den genstartede proces; alle telefoner forbundet igen efter ${Date.now() - movedBackAt} ms`);
    const db3 = new pg.Client({ connectionString: databaseUrl });
    await db3.connect();
    const scaleRows = await db3.query<{ participant_id: string; ballot: string }>(
      'SELECT participant_id, ballot FROM ballots WHERE room_id = $1 AND activity = $2',
      [room.roomId, 'roedt-blaat'],
    );
    const total = await db3.query<{ n: number }>('SELECT count(*)::int AS n FROM ballots WHERE room_id = $1', [room.roomId]);
    await db3.end();
    expect(scaleRows.rows).toHaveLength(second.length);
    expect(total.rows[0]!.n).toBe(PHONES + second.length);

    for (const p of phones) p.provider.destroy();
  }, 240_000);
});
