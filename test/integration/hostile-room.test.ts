// A participant with a laptop and a script, against a real server: code guessing, ballot stuffing from one
// browser, cross-site posts, rooms that never leave memory, endless room creation, a long retention sweep.
import { describe, expect, it } from 'vitest';
import { call, control, createRoom, join, rawSocket, vote, waitFor } from '../helpers/clients.js';
import { request } from 'node:http';
import { FIXTURE_SLIDES, serversForThisFile } from '../helpers/server.js';

const serverWith = serversForThisFile();

const from = (address: string) => ({ 'x-forwarded-for': address });
const wrongCode = (right: string, i = 0) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');

async function status(url: string, path: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(url + path, { redirect: 'manual', ...init });
  await res.arrayBuffer();
  return res.status;
}

describe('one brake on every path that takes a join code', () => {
  it('wrong codes on any path spend one allowance; then the right code waits on every path too', async () => {
    const s = await serverWith({ joinFailureBurst: 8, joinFailuresPerMinute: 1, trustProxy: true });
    const room = await createRoom(s.url);
    const h = from('203.0.113.5');
    // Eight wrong guesses spread over the five doors.
    const wrong = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => wrongCode(room.joinCode, i));
    expect(await status(s.url, `/j/${wrong[0]}`, { headers: h })).toBe(404);
    expect(await status(s.url, `/j/${wrong[1]}`, { method: 'HEAD', headers: h })).toBe(404);
    expect(await status(s.url, `/j?code=${wrong[2]}`, { headers: h })).toBe(404);
    expect((await call(s.url, '/api/join', { body: { code: wrong[3] }, headers: h })).status).toBe(404);
    const form = { 'content-type': 'application/x-www-form-urlencoded', ...h };
    expect(await status(s.url, `/j/${wrong[4]}`, { method: 'POST', headers: form, body: 'activity=x' })).toBe(404);
    for (const code of wrong.slice(5)) expect(await status(s.url, `/j/${code}`, { headers: h })).toBe(404);

    // The brake has fired: a right code through any door is answered as a wrong one would be.
    expect(await status(s.url, `/j/${room.joinCode}`, { headers: h })).toBe(429);
    expect(await status(s.url, `/j/${room.joinCode}`, { method: 'HEAD', headers: h })).toBe(429);
    expect(await status(s.url, `/j?code=${room.joinCode}`, { headers: h })).toBe(429);
    const api = await call(s.url, '/api/join', { body: { code: room.joinCode }, headers: h });
    expect(api.status).toBe(429);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await status(s.url, `/j/${room.joinCode}`, { method: 'POST', headers: form, body: 'activity=x' })).toBe(429);
    // The page says why, in words, with the code still in the field.
    const page = await fetch(`${s.url}/j/${room.joinCode}`, { headers: h });
    expect(page.status).toBe(429);
    expect(await page.text()).toMatch(/For mange forkerte koder/);
    // Another address is not braked by this one.
    expect((await call(s.url, '/api/join', { body: { code: room.joinCode }, headers: from('198.51.100.20') })).status).toBe(200);
  });

  it('a phone that already joined (its cookie) still gets in while its address is braked', async () => {
    const s = await serverWith({ joinFailureBurst: 2, joinFailuresPerMinute: 1, trustProxy: true });
    const room = await createRoom(s.url);
    const h = from('203.0.113.6');
    const joined = await fetch(`${s.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...h },
      body: JSON.stringify({ code: room.joinCode }),
    });
    const cookie = joined.headers.get('set-cookie')!.split(';')[0]!;
    const { participantToken } = (await joined.json()) as { participantToken: string };
    for (let i = 0; i < 3; i++) await call(s.url, '/api/join', { body: { code: wrongCode(room.joinCode, i) }, headers: h });
    expect((await call(s.url, '/api/join', { body: { code: room.joinCode }, headers: h })).status).toBe(429);
    const mine = await call<{ participantToken: string }>(s.url, '/api/join', { body: { code: room.joinCode }, headers: { ...h, cookie } });
    expect(mine.status).toBe(200);
    expect(mine.body.participantToken).toBe(participantToken);
    expect(await status(s.url, `/j/${room.joinCode}`, { headers: { ...h, cookie } })).toBe(200);
  });

  it('guessing from many addresses meets the server-wide brake', async () => {
    const s = await serverWith({ joinFailureBurst: 100, serverJoinFailureBurst: 20, serverJoinFailuresPerMinute: 1, trustProxy: true });
    const room = await createRoom(s.url);
    // Twenty addresses, one wrong guess each: the server's allowance is spent, no single address's.
    for (let i = 0; i < 20; i++)
      expect(await status(s.url, `/j/${wrongCode(room.joinCode, i)}`, { headers: from(`192.0.2.${i + 1}`) })).toBe(404);
    // Every address that has guessed now waits, even with the right code …
    const guesser = await call(s.url, '/api/join', { body: { code: room.joinCode }, headers: from('192.0.2.1') });
    expect(guesser.status).toBe(429);
    expect(guesser.body.error.message).toMatch(/mange forkerte koder/);
    // … while a phone on an address that typed no wrong code walks in: guessers cannot lock new phones out.
    expect((await call(s.url, '/api/join', { body: { code: room.joinCode }, headers: from('192.0.2.200') })).status).toBe(200);
  });

  it('a guessing script finds nothing: the answers it gets stop at the allowance', async () => {
    // The defaults, and a script that tries codes as fast as the server answers for two seconds.
    const s = await serverWith({ trustProxy: true });
    const room = await createRoom(s.url);
    const h = from('203.0.113.77');
    const started = Date.now();
    let answered = 0;
    let braked = 0;
    let found = 0;
    for (let n = 0; Date.now() - started < 2000 && n < 20_000; n++) {
      // The right code is the 500th guess, well after the brake has fired.
      const code = n === 500 ? room.joinCode : wrongCode(room.joinCode, n);
      const st = await status(s.url, `/j/${code}`, { method: 'HEAD', headers: h });
      if (st === 429) braked++;
      else answered++;
      if (st === 200) found++;
    }
    // The default allowance is 30 wrong codes at once, then 30 a minute: about 31 answers in two seconds.
    expect(answered).toBeLessThanOrEqual(32);
    expect(braked).toBeGreaterThan(100);
    expect(found).toBe(0);
  });
});

describe('one browser is one participant', () => {
  it('a second join and a reload from the same browser are the same person', async () => {
    const s = await serverWith({});
    const room = await createRoom(s.url);
    const first = await fetch(`${s.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: room.joinCode }),
    });
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(new RegExp(`^rs_p_${room.joinCode}=`));
    const { participantToken } = (await first.json()) as { participantToken: string };
    for (let i = 0; i < 5; i++) {
      const again = await call<{ participantToken: string }>(s.url, '/api/join', { body: { code: room.joinCode }, headers: { cookie } });
      expect(again.body.participantToken).toBe(participantToken);
    }
    const r = await s.app.rooms.get(room.roomId);
    expect(r!.presence().joined).toBe(1);
    // The phone's page knows it as well (the app's boot record carries the same token).
    const page = await (await fetch(`${s.url}/j/${room.joinCode}`, { headers: { cookie } })).text();
    expect(page).toContain(participantToken);
  });

  it('new participants from one address are limited (a script that joins without cookies)', async () => {
    const s = await serverWith({ joinBurst: 5, joinsPerMinute: 1, trustProxy: true });
    const room = await createRoom(s.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await call(s.url, '/api/join', { body: { code: room.joinCode }, headers: from('203.0.113.9') })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect((await call(s.url, '/api/join', { body: { code: room.joinCode }, headers: from('203.0.113.10') })).status).toBe(200);
  });
});

describe('requests from other sites', () => {
  it('a form post from another site makes no participant and counts no vote', async () => {
    const s = await serverWith({});
    const room = await createRoom(s.url);
    await control(s.url, room, 'open');
    const body = `activity=hvem-saettes-fri&intent=${crypto.randomUUID()}&option=borgerne`;
    const attempts: Record<string, string>[] = [
      { origin: 'https://angriber.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://angriber.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://anden.kommune.dk' },
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${s.url}/j/${room.joinCode}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('cross_site');
      expect((await call(s.url, '/api/join', { body: { code: room.joinCode }, headers })).status).toBe(403);
    }
    const r = await s.app.rooms.get(room.roomId);
    expect(r!.presence().joined).toBe(0);
    expect(r!.activityState('hvem-saettes-fri').answered).toBe(0);
    // The same post from the page itself goes through.
    const own = await fetch(`${s.url}/j/${room.joinCode}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url, 'sec-fetch-site': 'same-origin' },
      body,
    });
    expect(own.status).toBe(303);
    expect(r!.activityState('hvem-saettes-fri').answered).toBe(1);
  });

  it('every state-changing API call checks where it comes from', async () => {
    const s = await serverWith({});
    const room = await createRoom(s.url);
    const evil = { origin: 'https://angriber.example' };
    const { participantToken } = await join(s.url, room.joinCode);
    expect((await call(s.url, '/api/rooms', { body: { deck: 'frisaettelse' }, headers: evil })).status).toBe(403);
    expect(
      (
        await call(s.url, `/api/rooms/${room.roomId}/control`, {
          token: room.facilitatorKey,
          body: { action: 'open', activity: 'hvem-saettes-fri' },
          headers: evil,
        })
      ).status,
    ).toBe(403);
    const intent = { id: crypto.randomUUID(), type: 'ballot', activity: 'hvem-saettes-fri', ballot: { option: 'borgerne' } };
    expect((await call(s.url, `/api/rooms/${room.roomId}/intents`, { token: participantToken, body: intent, headers: evil })).status).toBe(
      403,
    );
    expect((await call(s.url, `/api/rooms/${room.roomId}`, { method: 'DELETE', token: room.facilitatorKey, headers: evil })).status).toBe(
      403,
    );
    // Reading is not changed by it, and the server's own origin passes.
    expect((await call(s.url, '/api/decks', { headers: evil })).status).toBe(200);
    expect(
      (
        await call(s.url, `/api/rooms/${room.roomId}/control`, {
          token: room.facilitatorKey,
          body: { action: 'open', activity: 'hvem-saettes-fri' },
          headers: { origin: s.url },
        })
      ).status,
    ).toBe(200);
  });
});

describe('rooms leave memory', () => {
  it('an idle room is unloaded after its writes are on disk, and comes back whole', async () => {
    const s = await serverWith({ roomIdleSeconds: 1 });
    const room = await createRoom(s.url);
    await control(s.url, room, 'open');
    const { participantToken } = await join(s.url, room.joinCode);
    const socket = await rawSocket(`${s.url.replace('http', 'ws')}/sync/${room.roomId}?token=${participantToken}`);
    expect(socket.opened).toBe(true);
    expect((await vote(s.url, room.roomId, participantToken, 'borgerne')).status).toBe(200);
    expect(s.app.rooms.loaded).toBe(1);
    // A connection keeps it.
    await new Promise((r) => setTimeout(r, 1800));
    expect(s.app.rooms.loaded).toBe(1);
    socket.ws.close();
    await waitFor(() => s.app.rooms.loaded === 0, 5000, 'the idle room to be unloaded');
    // Loaded again from storage on the next use, with the ballot and the state.
    const back = await call(s.url, `/api/rooms/${room.roomId}/me`, { token: participantToken });
    expect(back.body.ballots['hvem-saettes-fri']).toEqual({ option: 'borgerne' });
    const r = await s.app.rooms.get(room.roomId);
    expect(r!.activityState('hvem-saettes-fri')).toMatchObject({ status: 'open', answered: 1 });
  });

  it('a request or a socket that fails authentication loads nothing', async () => {
    const s = await serverWith({});
    const room = await createRoom(s.url);
    expect(s.app.rooms.loaded).toBe(0);
    expect((await call(s.url, `/api/rooms/${room.roomId}`, { token: 'x'.repeat(43) })).status).toBe(403);
    expect((await call(s.url, `/api/rooms/${room.roomId}/export?format=json`, { token: 'x'.repeat(43) })).status).toBe(403);
    expect(
      (
        await call(s.url, `/api/rooms/${room.roomId}/control`, {
          token: 'x'.repeat(43),
          body: { action: 'open', activity: 'hvem-saettes-fri' },
        })
      ).status,
    ).toBe(403);
    const ws = s.url.replace('http', 'ws');
    expect((await rawSocket(`${ws}/sync/${room.roomId}?token=${'y'.repeat(32)}`)).status).toBe(401);
    expect((await rawSocket(`${ws}/sync/${room.roomId}/live?token=${'y'.repeat(32)}`)).status).toBe(403);
    expect(s.app.rooms.loaded).toBe(0);
  });

  it('creating rooms is limited per address and server-wide; ADMIN_TOKEN is trusted per address', async () => {
    const s = await serverWith({ roomCreateBurst: 3, roomsPerHourPerAddress: 1, roomsPerHour: 60, trustProxy: true });
    const made: number[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await call(s.url, '/api/rooms', { body: { deck: 'frisaettelse' }, headers: from('203.0.113.50') })).status);
    expect(made).toEqual([201, 201, 201, 429, 429]);
    const limited = await call(s.url, '/api/rooms', { body: { deck: 'frisaettelse' }, headers: from('203.0.113.50') });
    expect(limited.body.error.message).toMatch(/mange rum fra denne adresse/);
    // The server-wide allowance (a tenth of the hour at once: 6) runs out across addresses.
    const others: number[] = [];
    for (let i = 0; i < 4; i++)
      others.push((await call(s.url, '/api/rooms', { body: { deck: 'frisaettelse' }, headers: from(`198.51.100.${i + 1}`) })).status);
    expect(others).toEqual([201, 201, 201, 429]);
  });

  it('join codes retire after JOIN_CODE_DAYS; a full code space answers 503, not 500', async () => {
    const s = await serverWith({});
    const room = await createRoom(s.url);
    expect((await call(s.url, '/api/join', { body: { code: room.joinCode } })).status).toBe(200);
    expect(await s.app.rooms.retireCodes(7, Date.now() + 8 * 24 * 3600 * 1000)).toBe(1);
    expect((await call(s.url, '/api/join', { body: { code: room.joinCode } })).status).toBe(404);
    // The room itself stays for its exports.
    expect((await call(s.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey })).status).toBe(200);

    const taken = s.app.storage.joinCodeTaken.bind(s.app.storage);
    s.app.storage.joinCodeTaken = async () => true;
    try {
      const full = await call(s.url, '/api/rooms', { body: { deck: 'frisaettelse' } });
      expect(full.status).toBe(503);
      expect(full.body.error.code).toBe('no_free_code');
    } finally {
      s.app.storage.joinCodeTaken = taken;
    }
  });

  it('the retention sweep of thousands of rooms leaves the server answering', async () => {
    const s = await serverWith({ retentionDays: 0 });
    const old = Date.now() - 40 * 24 * 3600 * 1000;
    for (let i = 0; i < 1500; i++) {
      await s.app.storage.createRoom({
        id: `old${i}`,
        deck: 'frisaettelse',
        deckVersion: 1,
        joinCode: `r${i}`,
        facilitatorKeyHash: '0'.repeat(64),
        createdAt: old,
      });
    }
    const sweep = s.app.rooms.expire(30);
    let done = false;
    void sweep.then(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      expect(await status(s.url, '/healthz')).toBe(200);
      latencies.push(performance.now() - t);
    }
    expect((await sweep).length).toBe(1500);
    expect(latencies.length).toBeGreaterThan(5);
    // Before, the sweep held the event loop for all of it (12 s for 5,000 rooms); now for one batch at a time.
    expect(Math.max(...latencies)).toBeLessThan(200);
  });
});

describe('pages', () => {
  it('carry a content security policy and the headers that keep them out of other sites', async () => {
    const s = await serverWith({});
    const room = await createRoom(s.url);
    for (const path of ['/', '/join', `/j/${room.joinCode}`, `/present/${room.roomId}`, '/j?code=12']) {
      const res = await fetch(s.url + path);
      await res.arrayBuffer();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, path).toContain("frame-ancestors 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
    }
    const api = await fetch(`${s.url}/api/decks`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a typed code with $ patterns is text, never a copy of the page', async () => {
    const s = await serverWith({});
    for (const typed of ['$`', "$'", '$&', '$$', '$1']) {
      const res = await fetch(`${s.url}/j?code=${encodeURIComponent(typed)}`);
      const text = await res.text();
      expect(res.status).toBe(400);
      expect(text.match(/<head>/g)?.length, typed).toBe(1);
      expect(text.match(/<\/html>/g)?.length, typed).toBe(1);
      expect(text).toContain(`value="${typed.replace('&', '&amp;').replace("'", '&#39;')}"`);
    }
  });
});

describe('what an audit found after the first fixes', () => {
  it('behind a proxy the address is the entry the proxy appended: a spoofed X-Forwarded-For gains nothing', async () => {
    const s = await serverWith({ trustProxy: true });
    const room = await createRoom(s.url);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      // What nginx forwards with $proxy_add_x_forwarded_for: the client's own words, then the real address.
      const headers = { 'x-forwarded-for': `10.9.${i}.${i}, 203.0.113.99` };
      statuses.push((await call(s.url, '/api/join', { body: { code: wrongCode(room.joinCode, i) }, headers })).status);
    }
    expect(statuses.filter((x) => x === 404).length).toBe(30);
    expect(statuses.slice(30).every((x) => x === 429)).toBe(true);
  });

  it('an IPv6 network counts as one address by its /64', async () => {
    const s = await serverWith({ trustProxy: true, joinFailureBurst: 4, joinFailuresPerMinute: 1 });
    const room = await createRoom(s.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await call(s.url, '/api/join', { body: { code: wrongCode(room.joinCode, i) }, headers: from(`2001:db8:7:7:${i + 1}::${i + 9}`) }))
          .status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    expect((await call(s.url, '/api/join', { body: { code: room.joinCode }, headers: from('2001:db8:7:8::1') })).status).toBe(200);
  });

  it('a form that cannot count makes no participant and sets no cookie', async () => {
    const s = await serverWith({});
    const room = await createRoom(s.url);
    for (const body of ['activity=findes-ikke', 'activity=hvem-saettes-fri&option=ukendt']) {
      const res = await fetch(`${s.url}/j/${room.joinCode}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      await res.arrayBuffer();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect((await s.app.rooms.get(room.roomId))!.presence().joined).toBe(0);
  });

  it('notes: many participants from one address share one allowance, and a board holds at most 1,000 notes', async () => {
    const s = await serverWith({
      slidesDir: FIXTURE_SLIDES,
      noteBurst: 2000,
      notesPerMinute: 60_000,
      intentBurst: 5000,
      addressNoteBurst: 5,
      addressNotesPerMinute: 1,
      trustProxy: true,
    });
    const room = await createRoom(s.url, 'alle-aktiviteter');
    await call(s.url, `/api/rooms/${room.roomId}/control`, {
      token: room.facilitatorKey,
      body: { action: 'board-phase', board: 'tavle', phase: 'notes' },
    });
    const note = (token: string, address: string) =>
      call(s.url, `/api/rooms/${room.roomId}/intents`, {
        token,
        headers: from(address),
        body: { id: crypto.randomUUID(), type: 'note', board: 'tavle', zone: 'problemer', text: 'Fyld' },
      });
    const people = await Promise.all(Array.from({ length: 7 }, () => join(s.url, room.joinCode)));
    const statuses: number[] = [];
    for (const p of people) statuses.push((await note(p.participantToken, '203.0.113.40')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect((await note(people[6]!.participantToken, '203.0.113.41')).status).toBe(200);

    const t = await serverWith({
      slidesDir: FIXTURE_SLIDES,
      noteBurst: 2000,
      notesPerMinute: 60_000,
      intentBurst: 5000,
      addressNoteBurst: 5000,
    });
    const big = await createRoom(t.url, 'alle-aktiviteter');
    await call(t.url, `/api/rooms/${big.roomId}/control`, {
      token: big.facilitatorKey,
      body: { action: 'board-phase', board: 'tavle', phase: 'notes' },
    });
    const { participantToken } = await join(t.url, big.joinCode);
    const post = () =>
      call(t.url, `/api/rooms/${big.roomId}/intents`, {
        token: participantToken,
        body: { id: crypto.randomUUID(), type: 'note', board: 'tavle', zone: 'problemer', text: 'Fyld' },
      });
    for (let i = 0; i < 1000; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, post));
      expect(batch.every((r) => r.status === 200)).toBe(true);
    }
    const full = await post();
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('board_full');
  });

  it('with PUBLIC_URL a page under another name (DNS rebinding) is another site', async () => {
    const s = await serverWith({ publicUrl: 'https://raadslag.kommune.example' });
    const port = Number(new URL(s.url).port);
    // fetch() will not send another Host; a raw request does, as a browser on a rebound name would.
    const post = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ deck: 'frisaettelse' });
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/rooms',
            headers: { host, origin: `http://${host}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    expect(await post(`angriber.example:${port}`)).toBe(403);
    expect(await post(`127.0.0.1:${port}`)).toBe(201);
  });
});
