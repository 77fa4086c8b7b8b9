// The HTTP wire contract against a real server on a real port: answers, auth, and bad input.
import { describe, expect, it } from 'vitest';
import { call, control, createRoom, join, vote } from '../helpers/clients.js';
import { serverForThisFile } from '../helpers/server.js';

const server = serverForThisFile();

describe('public calls', () => {
  it('health, deck list and manifest', async () => {
    expect((await call(server.url, '/healthz')).status).toBe(200);
    const decks = await call(server.url, '/api/decks');
    expect(decks.body).toContainEqual({ id: 'frisaettelse', title: 'Frisættelse — problemer og muligheder' });
    const m = await call(server.url, '/api/decks/frisaettelse');
    expect(m.status).toBe(200);
    const activity = m.body.activities.find((a: { id: string }) => a.id === 'hvem-saettes-fri');
    expect(activity.kind).toBe('single');
    expect(activity.options.map((o: { label: string }) => o.label)).toEqual(['Kommunen', 'Institutionen', 'Borgerne']);
    const missing = await call(server.url, '/api/decks/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('unknown_deck');
  });

  it('creates a room with a 6-digit code and long secrets', async () => {
    const room = await createRoom(server.url);
    expect(room.joinCode).toMatch(/^\d{6}$/);
    // base64url: 43 characters = 256 bits for the key; 32 characters = 192 bits for a token.
    expect(room.facilitatorKey.length).toBeGreaterThanOrEqual(43);
    expect(room.presentUrl).toContain(`/present/${room.roomId}#key=`);
    expect(room.joinUrl).toMatch(new RegExp(`/j/${room.joinCode}$`));
    const p = await join(server.url, room.joinCode);
    expect(p.roomId).toBe(room.roomId);
    expect(p.participantToken.length).toBeGreaterThanOrEqual(32);
  });

  it('joins with spaces in the code, refuses unknown and malformed codes', async () => {
    const room = await createRoom(server.url);
    const spaced = `${room.joinCode.slice(0, 3)} ${room.joinCode.slice(3)}`;
    expect((await call(server.url, '/api/join', { body: { code: spaced } })).status).toBe(200);
    const other = String((Number(room.joinCode) + 1) % 1_000_000).padStart(6, '0');
    const unknown = await call(server.url, '/api/join', { body: { code: other } });
    // The neighbouring code may belong to another test's room; only when it does not is 404 expected.
    if (unknown.status !== 200) {
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('unknown_code');
    }
    const bad = await call(server.url, '/api/join', { body: { code: 'abc' } });
    expect(bad.status).toBe(400);
  });

  it('serves the participant page at /join and /j/<code>, and the presenter page', async () => {
    const room = await createRoom(server.url);
    for (const path of ['/join', `/j/${room.joinCode}`, '/present/abc', '/']) {
      const r = await call(server.url, path);
      expect(r.status, path).toBe(200);
      expect(String(r.body)).toContain('<!doctype html>');
    }
    // A code that opens no room is a 404 page that says so (the app then offers to type another).
    const unknown = await call(server.url, room.joinCode === '123456' ? '/j/654321' : '/j/123456');
    expect(unknown.status).toBe(404);
    expect(String(unknown.body)).toContain('Der er intet rum med koden');
    const j = await call(server.url, '/join');
    expect(String(j.body)).toContain('rs-participant-app');
  });
});

describe('auth', () => {
  it('control needs the room’s own facilitator key', async () => {
    const a = await createRoom(server.url);
    const b = await createRoom(server.url);
    const p = await join(server.url, a.joinCode);
    const body = { action: 'open', activity: 'hvem-saettes-fri' };
    const none = await call(server.url, `/api/rooms/${a.roomId}/control`, { body });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect((await call(server.url, `/api/rooms/${a.roomId}/control`, { body, token: b.facilitatorKey })).status).toBe(403);
    expect((await call(server.url, `/api/rooms/${a.roomId}/control`, { body, token: p.participantToken })).status).toBe(403);
    expect((await call(server.url, `/api/rooms/${a.roomId}/control`, { body, token: `forged${a.facilitatorKey.slice(6)}` })).status).toBe(
      403,
    );
    expect((await call(server.url, `/api/rooms/${a.roomId}/control`, { body, token: a.facilitatorKey })).status).toBe(200);
  });

  it('intents need a participant token of this room', async () => {
    const a = await createRoom(server.url);
    const b = await createRoom(server.url);
    await control(server.url, a, 'open');
    const pb = await join(server.url, b.joinCode);
    expect((await vote(server.url, a.roomId, '', 'kommunen')).status).toBe(401);
    expect((await vote(server.url, a.roomId, 'x'.repeat(32), 'kommunen')).status).toBe(401);
    expect((await vote(server.url, a.roomId, pb.participantToken, 'kommunen')).status).toBe(403);
    expect((await vote(server.url, a.roomId, a.facilitatorKey, 'kommunen')).status).toBe(401);
  });

  it('room info is for the facilitator only', async () => {
    const a = await createRoom(server.url);
    const p = await join(server.url, a.joinCode);
    expect((await call(server.url, `/api/rooms/${a.roomId}`, { token: p.participantToken })).status).toBe(403);
    const info = await call(server.url, `/api/rooms/${a.roomId}`, { token: a.facilitatorKey });
    expect(info.status).toBe(200);
    expect(info.body.joinCode).toBe(a.joinCode);
    expect(JSON.stringify(info.body)).not.toContain(a.facilitatorKey);
  });
});

describe('bad input gets a clear JSON error', () => {
  it('malformed JSON, empty body, wrong types, unknown fields', async () => {
    for (const [raw, code] of [
      ['{"deck":', 'bad_json'],
      ['', 'bad_json'],
      ['{"deck":42}', 'invalid_request'],
      ['{"deck":"frisaettelse","extra":1}', 'invalid_request'],
      ['[1,2,3]', 'invalid_request'],
      ['null', 'invalid_request'],
    ] as const) {
      const r = await call(server.url, '/api/rooms', { raw });
      expect(r.status, raw).toBe(400);
      expect(r.body.error.code, raw).toBe(code);
      expect(r.body.error.message.length, raw).toBeGreaterThan(5);
    }
  });

  it('oversize bodies are refused with 413 whether declared or streamed', async () => {
    const big = JSON.stringify({ deck: 'x'.repeat(200_000) });
    const r = await call(server.url, '/api/rooms', { raw: big });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('body_too_large');
  });

  it('a non-JSON content type is refused with 415', async () => {
    const r = await call(server.url, '/api/join', { raw: 'code=123456', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
  });

  it('invalid intents: bad id, wrong type, unknown activity, unknown option', async () => {
    const room = await createRoom(server.url);
    await control(server.url, room, 'open');
    const p = await join(server.url, room.joinCode);
    const path = `/api/rooms/${room.roomId}/intents`;
    const base = { id: crypto.randomUUID(), type: 'ballot', activity: 'hvem-saettes-fri', ballot: { option: 'kommunen' } };
    const cases: [unknown, string][] = [
      [{ ...base, id: 'not-a-uuid' }, 'invalid_request'],
      [{ ...base, type: 'nuke' }, 'invalid_request'],
      [{ ...base, activity: 'nope' }, 'unknown_activity'],
      [{ ...base, ballot: { option: 'kongen' } }, 'unknown_option'],
      [{ ...base, ballot: { option: 7 } }, 'invalid_ballot'],
      [{ ...base, ballot: 'kommunen' }, 'invalid_ballot'],
    ];
    for (const [body, code] of cases) {
      const r = await call(server.url, path, { token: p.participantToken, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
    const ctl = await call(server.url, `/api/rooms/${room.roomId}/control`, {
      token: room.facilitatorKey,
      body: { action: 'explode', activity: 'hvem-saettes-fri' },
    });
    expect(ctl.status).toBe(400);
  });

  it('unknown routes and methods answer in JSON', async () => {
    const r = await call(server.url, '/api/nothing');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    const m = await call(server.url, '/join', { method: 'DELETE' });
    expect(m.status).toBe(405);
    // Broken percent-encoding in the path is a 400, not a crash; an asset that is not there is a 404.
    for (const path of ['/api/rooms/%E0%A4%A', '/api/%', '/j/%ZZ']) {
      const bad = await call(server.url, path);
      expect(bad.status, path).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
    }
    expect((await call(server.url, '/assets/gone-1234.js')).status).toBe(404);
    expect((await call(server.url, '/healthz')).status).toBe(200);
  });

  it('a participant who floods intents gets 429 and others are unaffected', async () => {
    const room = await createRoom(server.url);
    await control(server.url, room, 'open');
    const noisy = await join(server.url, room.joinCode);
    const calm = await join(server.url, room.joinCode);
    const statuses = await Promise.all(Array.from({ length: 40 }, () => vote(server.url, room.roomId, noisy.participantToken, 'kommunen')));
    expect(statuses.filter((s) => s.status === 429).length).toBeGreaterThan(0);
    expect(statuses.find((s) => s.status === 429)!.headers.get('retry-after')).toBe('1');
    expect((await vote(server.url, room.roomId, calm.participantToken, 'borgerne')).status).toBe(200);
  });
});
