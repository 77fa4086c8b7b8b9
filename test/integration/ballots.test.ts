// Ballots end to end: validation against state, exactly-once counting, secrecy until reveal, durability across restarts.
import { describe, expect, it } from 'vitest';
import { DOC, LIVE_DOC } from '../../core/room-doc.js';
import { call, control, createRoom, join, vote, waitFor, yClient } from '../helpers/clients.js';
import { removeDir, restartableServer, serverForThisFile, spawnServer, tempDataDir } from '../helpers/server.js';

const server = serverForThisFile();

async function liveTally(roomId: string, key: string) {
  const live = yClient(server.url, `${roomId}/live`, key);
  await live.synced;
  return live;
}

describe('voting', () => {
  it('refuses ballots before opening and after closing with 409', async () => {
    const room = await createRoom(server.url);
    const p = await join(server.url, room.joinCode);
    const early = await vote(server.url, room.roomId, p.participantToken, 'kommunen');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('activity_closed');
    await control(server.url, room, 'open');
    expect((await vote(server.url, room.roomId, p.participantToken, 'kommunen')).status).toBe(200);
    await control(server.url, room, 'close');
    const late = await vote(server.url, room.roomId, p.participantToken, 'borgerne');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/lukket/);
    const me = await call(server.url, `/api/rooms/${room.roomId}/me`, { token: p.participantToken });
    expect(me.body.ballots['hvem-saettes-fri']).toEqual({ option: 'kommunen' });
  });

  it('counts a retried intent once and a changed vote replaces the old one', async () => {
    const room = await createRoom(server.url);
    await control(server.url, room, 'open');
    const p = await join(server.url, room.joinCode);
    const q = await join(server.url, room.joinCode);
    const id = crypto.randomUUID();
    const first = await vote(server.url, room.roomId, p.participantToken, 'kommunen', id);
    const again = await Promise.all([1, 2, 3].map(() => vote(server.url, room.roomId, p.participantToken, 'kommunen', id)));
    expect(first.status).toBe(200);
    for (const r of again) expect(r).toMatchObject({ status: 200, body: first.body });
    const qFirst = crypto.randomUUID();
    await vote(server.url, room.roomId, q.participantToken, 'borgerne', qFirst);
    await vote(server.url, room.roomId, q.participantToken, 'institutionen');
    const live = await liveTally(room.roomId, room.facilitatorKey);
    const tallies = live.doc.getMap(LIVE_DOC.tallies);
    const expected = { kommunen: 1, institutionen: 1, borgerne: 0 };
    await waitFor(() => expect(tallies.get('hvem-saettes-fri')).toEqual({ kind: 'single', ballots: 2, counts: expected }));
    // A delayed copy of q's first intent is answered as before and does not undo the later vote.
    const stale = await vote(server.url, room.roomId, q.participantToken, 'borgerne', qFirst);
    expect(stale.status).toBe(200);
    expect(stale.body.ballot).toEqual({ option: 'borgerne' });
    await new Promise((r) => setTimeout(r, 100));
    expect(tallies.get('hvem-saettes-fri')).toEqual({ kind: 'single', ballots: 2, counts: expected });
    const me = await call(server.url, `/api/rooms/${room.roomId}/me`, { token: q.participantToken });
    expect(me.body.ballots['hvem-saettes-fri']).toEqual({ option: 'institutionen' });
    live.destroy();
  });

  it('keeps tallies from participants until the facilitator reveals them', async () => {
    const room = await createRoom(server.url);
    await control(server.url, room, 'open');
    const p = await join(server.url, room.joinCode);
    const seen = yClient(server.url, room.roomId, p.participantToken);
    await seen.synced;
    for (let i = 0; i < 3; i++) {
      const v = await join(server.url, room.joinCode);
      await vote(server.url, room.roomId, v.participantToken, i === 0 ? 'kommunen' : 'borgerne');
    }
    const activities = seen.doc.getMap(DOC.activities);
    await waitFor(() => (activities.get('hvem-saettes-fri') as { answered: number } | undefined)?.answered === 3);
    expect(seen.doc.getMap(DOC.results).has('hvem-saettes-fri')).toBe(false);
    expect(JSON.stringify(seen.doc.toJSON())).not.toContain('borgerne');

    await control(server.url, room, 'reveal');
    const shown = await waitFor(
      () => seen.doc.getMap(DOC.results).get('hvem-saettes-fri') as { counts: Record<string, number> } | undefined,
    );
    expect(shown.counts).toEqual({ kommunen: 1, institutionen: 0, borgerne: 2 });
    await control(server.url, room, 'hide');
    await waitFor(() => !seen.doc.getMap(DOC.results).has('hvem-saettes-fri'));
    seen.destroy();
  });

  it('reset removes every ballot and lets the same intent id count again', async () => {
    const room = await createRoom(server.url);
    await control(server.url, room, 'open');
    const p = await join(server.url, room.joinCode);
    const id = crypto.randomUUID();
    await vote(server.url, room.roomId, p.participantToken, 'kommunen', id);
    const reset = await control(server.url, room, 'reset');
    expect(reset.status).toBe(200);
    expect(reset.body.state).toMatchObject({ status: 'idle', answered: 0, revealed: false });
    const me = await call(server.url, `/api/rooms/${room.roomId}/me`, { token: p.participantToken });
    expect(me.body.ballots).toEqual({});
    expect((await vote(server.url, room.roomId, p.participantToken, 'kommunen', id)).status).toBe(409);
    await control(server.url, room, 'open');
    expect((await vote(server.url, room.roomId, p.participantToken, 'borgerne', id)).body.ballot).toEqual({ option: 'borgerne' });
  });
});

describe('durability', () => {
  it('a clean restart keeps rooms, documents, states and ballots', async () => {
    const s = await restartableServer();
    const room = await createRoom(s.url);
    await control(s.url, room, 'open');
    const p = await join(s.url, room.joinCode);
    await vote(s.url, room.roomId, p.participantToken, 'institutionen');
    const fac = yClient(s.url, room.roomId, room.facilitatorKey);
    await fac.synced;
    fac.doc.getMap(DOC.present).set('slideTitle', 'Hvem sættes fri?');
    await waitFor(() => s.app.rooms.loaded > 0);
    await new Promise((r) => setTimeout(r, 100));
    fac.destroy();
    await s.restart();

    const me = await call(s.url, `/api/rooms/${room.roomId}/me`, { token: p.participantToken });
    expect(me.status).toBe(200);
    expect(me.body.ballots['hvem-saettes-fri']).toEqual({ option: 'institutionen' });
    const again = yClient(s.url, room.roomId, room.facilitatorKey);
    await again.synced;
    expect(again.doc.getMap(DOC.present).get('slideTitle')).toBe('Hvem sættes fri?');
    expect((again.doc.getMap(DOC.activities).get('hvem-saettes-fri') as { status: string }).status).toBe('open');
    again.destroy();
    await s.close();
  });

  it('kill -9 loses no acknowledged ballot and no document write', async () => {
    const dataDir = tempDataDir();
    let s = await spawnServer(dataDir);
    const room = await createRoom(s.url);
    await control(s.url, room, 'open');
    const people = await Promise.all(Array.from({ length: 30 }, () => join(s.url, room.joinCode)));
    const options = ['kommunen', 'institutionen', 'borgerne'];
    const acked: Record<string, string> = {};
    const fac = yClient(s.url, room.roomId, room.facilitatorKey);
    await fac.synced;
    fac.doc.getMap(DOC.present).set('slideTitle', 'Før nedbruddet');
    // Votes in flight while the process dies: only the acknowledged ones must survive.
    const inFlight = people.map(async (p, i) => {
      const option = options[i % 3]!;
      const r = await vote(s.url, room.roomId, p.participantToken, option).catch(() => undefined);
      if (r?.status === 200) acked[p.participantToken] = option;
    });
    await waitFor(() => Object.keys(acked).length >= 3, 10_000, 'first acknowledgements');
    await s.kill9();
    await Promise.all(inFlight);
    fac.destroy();
    expect(Object.keys(acked).length).toBeGreaterThan(0);

    s = await spawnServer(dataDir);
    for (const [token, option] of Object.entries(acked)) {
      const me = await call(s.url, `/api/rooms/${room.roomId}/me`, { token });
      expect(me.body.ballots['hvem-saettes-fri']).toEqual({ option });
    }
    const live = yClient(s.url, `${room.roomId}/live`, room.facilitatorKey);
    await live.synced;
    const tally = await waitFor(() => live.doc.getMap(LIVE_DOC.tallies).get('hvem-saettes-fri') as { ballots: number } | undefined);
    expect(tally.ballots).toBeGreaterThanOrEqual(Object.keys(acked).length);
    const pub = yClient(s.url, room.roomId, room.facilitatorKey);
    await pub.synced;
    expect(pub.doc.getMap(DOC.present).get('slideTitle')).toBe('Før nedbruddet');
    live.destroy();
    pub.destroy();
    await s.stop();
    removeDir(dataDir);
  });
});

describe('fan-out', () => {
  it('phones get the answered count at most once a second; facilitators get every change', async () => {
    const room = await createRoom(server.url);
    await control(server.url, room, 'open');
    const people = await Promise.all(Array.from({ length: 20 }, () => join(server.url, room.joinCode)));
    const phone = yClient(server.url, room.roomId, people[0]!.participantToken);
    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    await Promise.all([phone.synced, live.synced]);
    const phoneCounts: number[] = [];
    phone.doc.getMap(DOC.activities).observe(() => {
      phoneCounts.push((phone.doc.getMap(DOC.activities).get('hvem-saettes-fri') as { answered: number }).answered);
    });
    const liveCounts: number[] = [];
    live.doc.getMap(LIVE_DOC.tallies).observe(() => {
      liveCounts.push((live.doc.getMap(LIVE_DOC.tallies).get('hvem-saettes-fri') as { ballots: number }).ballots);
    });
    const started = Date.now();
    for (const p of people) {
      expect((await vote(server.url, room.roomId, p.participantToken, 'borgerne')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 40));
    }
    const spent = Date.now() - started;
    await waitFor(() => phoneCounts.at(-1) === 20, 3000, 'phone sees 20');
    await waitFor(() => liveCounts.at(-1) === 20, 3000, 'facilitator sees 20');
    // About 0.8 s of voting: the phone saw a handful of updates, the facilitator many more.
    expect(phoneCounts.length).toBeLessThanOrEqual(Math.ceil(spent / 1000) + 2);
    expect(liveCounts.length).toBeGreaterThan(phoneCounts.length * 2);
    phone.destroy();
    live.destroy();
  });
});
