// Honest start-up: a deck with a mistake is left out and listed with its error while the others serve, and
// the join address is one phones can reach — or the room info says plainly why phones cannot join.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeckListEntry, RoomInfo } from '../../core/wire.js';
import type { Config } from '../../server/config.js';
import { compileDeck } from '../../server/decks/compile.js';
import { DECK_FILE } from '../../server/decks/templates.js';
import { lanAddress, phoneHost } from '../../server/http/site.js';
import { call, createRoom } from '../helpers/clients.js';
import { removeDir, startServer, type TestServer } from '../helpers/server.js';

const GOOD = '---\ntitel: God\n---\n\n## Hej\n';
// Slide 2's block word is not one the format knows; the mistake is on line 11 of the file.
const BROKEN = `---
titel: Brudt
---

## Intro

---

## Valg

::: lotteri x
Hvem vinder?
- A
- B
:::
`;

const slides = mkdtempSync(join(tmpdir(), 'radslag-start-up-'));
for (const [name, source] of [
  ['god', GOOD],
  ['brudt', BROKEN],
]) {
  mkdirSync(join(slides, name!));
  writeFileSync(join(slides, name!, DECK_FILE), source!);
}

const servers: TestServer[] = [];
async function server(config: Partial<Config>) {
  const s = await startServer({ config: { slidesDir: slides, ...config } });
  servers.push(s);
  return s;
}
afterAll(async () => {
  for (const s of servers.splice(0)) {
    await s.stop();
    removeDir(s.dataDir);
  }
  removeDir(slides);
});

async function roomInfo(s: TestServer, deck = 'god'): Promise<RoomInfo> {
  const room = await createRoom(s.url, deck);
  const r = await call<RoomInfo>(s.url, `/api/rooms/${room.roomId}`, { token: room.facilitatorKey });
  expect(r.status).toBe(200);
  return r.body;
}

describe('a deck with a mistake', () => {
  it('is left out with its error while the server starts and serves the other deck', async () => {
    const s = await server({});
    expect(s.app.brokenDecks.map((e) => e.deck)).toEqual(['brudt']);

    const list = await call<DeckListEntry[]>(s.url, '/api/decks');
    expect(list.status).toBe(200);
    const byId = new Map(list.body.map((d) => [d.id, d]));
    expect(byId.get('god')).toEqual({ id: 'god', title: 'God' });
    expect(byId.get('brudt')).toMatchObject({ id: 'brudt', title: 'brudt' });
    expect(byId.get('brudt')!.error).toMatch(
      /^Deck "brudt", slide 2 \("Valg"\), linje 11: kender ikke blokken "::: lotteri"\. Kendte blokke: .*valg/,
    );

    // The good deck serves: its manifest, its slides and a room.
    expect((await call(s.url, '/api/decks/god')).body).toMatchObject({ id: 'god', title: 'God' });
    expect((await call(s.url, '/api/decks/god/slides')).body).toBe(compileDeck('god', GOOD).html);
    expect((await roomInfo(s)).deck).toBe('god');

    // The broken deck serves nothing and makes no room.
    expect((await call(s.url, '/api/decks/brudt')).status).toBe(404);
    expect((await call(s.url, '/api/decks/brudt/slides')).status).toBe(404);
    const refused = await call<{ error: { code: string } }>(s.url, '/api/rooms', { body: { deck: 'brudt' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('unknown_deck');
  });
});

describe('the join address', () => {
  it('with HOST=127.0.0.1 is the loopback address the server listens on, and says phones cannot join', async () => {
    const s = await server({ host: '127.0.0.1' });
    const created = await createRoom(s.url, 'god');
    expect(created.joinUrl).toBe(`${s.url}/j/${created.joinCode}`);
    expect(created.joinWarning).toBe('loopback');
    const info = await roomInfo(s);
    expect(new URL(info.joinUrl).hostname).toBe('127.0.0.1');
    expect(info.joinUrl).toBe(`${s.url}/j/${info.joinCode}`);
    expect(info.joinWarning).toBe('loopback');
  });

  it('with HOST=127.0.0.1 and PUBLIC_URL is PUBLIC_URL, without a warning', async () => {
    const s = await server({ host: '127.0.0.1', publicUrl: 'https://raadslag.example.dk' });
    const info = await roomInfo(s);
    expect(info.joinUrl).toBe(`https://raadslag.example.dk/j/${info.joinCode}`);
    expect(info).not.toHaveProperty('joinWarning');
  });

  it('on every interface, opened on this machine, is the LAN address — or says there is no network', async () => {
    const s = await server({ host: '0.0.0.0' });
    const info = await roomInfo(s);
    const port = new URL(s.url).port;
    const lan = lanAddress();
    if (lan) {
      expect(info.joinUrl).toBe(`http://${lan}:${port}/j/${info.joinCode}`);
      expect(info).not.toHaveProperty('joinWarning');
    } else {
      expect(info.joinUrl).toBe(`${s.url}/j/${info.joinCode}`);
      expect(info.joinWarning).toBe('no_network');
    }
  });

  it('reached under a name that is not loopback (a proxy, the LAN address) is that address, without a warning', async () => {
    const s = await server({ host: '127.0.0.1' });
    const room = await createRoom(s.url, 'god');
    // fetch sends its own Host; node:http sends the one a proxy in front would.
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${s.url}/api/rooms/${room.roomId}`, {
        headers: { host: 'raadslag.kommune.example', authorization: `Bearer ${room.facilitatorKey}` },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    const r = { body: JSON.parse(body) as RoomInfo };
    expect(r.body.joinUrl).toBe(`http://raadslag.kommune.example/j/${room.joinCode}`);
    expect(r.body).not.toHaveProperty('joinWarning');
  });

  it('follows HOST: loopback names cannot be reached, one given address is used as it is', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1']) expect(phoneHost({ host })).toEqual({ warning: 'loopback' });
    expect(phoneHost({ host: '192.0.2.5' })).toEqual({ host: '192.0.2.5' });
    expect(phoneHost({ host: 'fd00::5' })).toEqual({ host: '[fd00::5]' });
  });
});
