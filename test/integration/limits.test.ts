// Limits a real event needs: code guessing, floods from one address (yet a room behind one NAT works),
// connections per room, and slow clients that never finish their request.
import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { call, control, createRoom, join, rawSocket } from '../helpers/clients.js';
import { serversForThisFile } from '../helpers/server.js';

const serverWith = serversForThisFile();

describe('limits', () => {
  it('guessing join codes is braked per address before the lookup: once it fires, the right code waits too', async () => {
    const s = await serverWith({ joinFailureBurst: 3, joinFailuresPerMinute: 1 });
    const room = await createRoom(s.url);
    const wrong = room.joinCode === '000000' ? '000001' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(s.url, '/api/join', { body: { code: wrong } })).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const limited = await call(s.url, '/api/join', { body: { code: wrong } });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.body.error.message).toMatch(/forkerte koder/);
    // A guesser must learn nothing from the answer while braked: a right code gets the same 429.
    const right = await call(s.url, '/api/join', { body: { code: room.joinCode } });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('rate_limited');
  });

  it('one address that floods the API gets 429; others behind a proxy keep their own allowance', async () => {
    const s = await serverWith({ addressBurst: 10, addressRate: 1, trustProxy: true });
    const flood = await Promise.all(
      Array.from({ length: 30 }, () => call(s.url, '/api/decks', { headers: { 'x-forwarded-for': '203.0.113.9' } })),
    );
    const counts = { ok: flood.filter((r) => r.status === 200).length, limited: flood.filter((r) => r.status === 429).length };
    expect(counts.ok).toBeGreaterThanOrEqual(10);
    expect(counts.ok).toBeLessThanOrEqual(12);
    expect(counts.limited).toBe(30 - counts.ok);
    // Another address, and the health check, are unaffected.
    expect((await call(s.url, '/api/decks', { headers: { 'x-forwarded-for': '198.51.100.7, 10.0.0.1' } })).status).toBe(200);
    expect((await call(s.url, '/healthz')).status).toBe(200);
  });

  it('the default allowance lets 300 phones behind one address join and vote at once', async () => {
    const s = await serverWith({});
    const room = await createRoom(s.url);
    await control(s.url, room, 'open');
    const tokens = await Promise.all(Array.from({ length: 300 }, () => join(s.url, room.joinCode)));
    const votes = await Promise.all(
      tokens.map((t) =>
        call(s.url, `/api/rooms/${room.roomId}/intents`, {
          token: t.participantToken,
          body: { id: crypto.randomUUID(), type: 'ballot', activity: 'hvem-saettes-fri', ballot: { option: 'borgerne' } },
        }),
      ),
    );
    expect(votes.filter((r) => r.status === 200).length).toBe(300);
  });

  it('a full room refuses more participants with 503 but still lets the facilitator in', async () => {
    const s = await serverWith({ maxConnectionsPerRoom: 3 });
    const room = await createRoom(s.url);
    const other = await createRoom(s.url);
    const ws = s.url.replace(/^http/, 'ws');
    const open = [];
    for (let i = 0; i < 3; i++) {
      const { participantToken } = await join(s.url, room.joinCode);
      const r = await rawSocket(`${ws}/sync/${room.roomId}?token=${participantToken}`);
      expect(r.opened).toBe(true);
      open.push(r.ws);
    }
    const { participantToken } = await join(s.url, room.joinCode);
    const fourth = await rawSocket(`${ws}/sync/${room.roomId}?token=${participantToken}`);
    expect(fourth.opened).toBe(false);
    expect(fourth.status).toBe(503);
    const facilitator = await rawSocket(`${ws}/sync/${room.roomId}?token=${room.facilitatorKey}`);
    expect(facilitator.opened).toBe(true);
    open.push(facilitator.ws);
    // Another room is not affected by this room being full.
    const elsewhere = await join(s.url, other.joinCode);
    const r = await rawSocket(`${ws}/sync/${other.roomId}?token=${elsewhere.participantToken}`);
    expect(r.opened).toBe(true);
    open.push(r.ws);
    for (const w of open) w.terminate();
  });

  it('a client that never finishes its headers is disconnected', async () => {
    const s = await serverWith({ headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    const port = Number(new URL(s.url).port);
    const started = Date.now();
    const ended = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
      let reply = '';
      socket.on('data', (d) => (reply += d.toString()));
      socket.on('close', () => resolve(reply));
    });
    expect(ended).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
