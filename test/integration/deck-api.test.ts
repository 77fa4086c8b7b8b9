// Decks are data, with a real server on a real port: a room pins the deck version it was made with, so a deck
// saved during the meeting changes nothing in the running room (its screens, phones, votes, export) and the next
// room gets the new version.
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../core/activity.js';
import type { DeckManifest } from '../../core/deck.js';
import type { CreateDeckResponse, DeckListEntry, DeckSourceResponse, MeResponse, RoomInfo } from '../../core/wire.js';
import { hashSecret } from '../../server/rooms.js';
import { call, createRoom, join, type Reply } from '../helpers/clients.js';
import { roomSteps } from '../helpers/room.js';
import { restartableServer, serverForThisFile, serversForThisFile, type RestartableServer } from '../helpers/server.js';

const V1 = `---
titel: Budget 2027
---

## Deltag

::: deltag
:::

---

## Hvad først?

::: valg budget
Hvad skal vi prioritere?
- Skoler {#skoler}
- Veje {#veje}
:::
`;

/** Version 2: an option's label changed and an activity added. */
const V2 = V1.replace('- Skoler {#skoler}', '- Folkeskoler {#skoler}').concat(`
---

## Hvor tilfredse?

::: skala tilfredshed
Hvor tilfredse er I med budgettet?
fra: 1
til: 5
:::
`);

/** The labels of the budget poll's options. */
const optionLabels = (m: DeckManifest) => m.activities.find((a) => a.id === 'budget')?.options.map((o) => o.label);

describe('a room pins the version of its deck', () => {
  let s: RestartableServer;
  const steps = roomSteps({
    get url() {
      return s.url;
    },
  });
  beforeAll(async () => {
    s = await restartableServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('a deck saved while the room runs changes nothing in it, after a restart too; the next room shows the new version', async () => {
    const decks = s.app.storage.decks;
    expect(
      await decks.createDeck({
        id: 'budget-pinned1',
        title: 'Budget 2027',
        template: false,
        editorKeyHash: 'x'.repeat(64),
        source: V1,
        images: {},
        at: Date.now(),
      }),
    ).toBe('created');

    const room = await createRoom(s.url, 'budget-pinned1');
    const info = await call<RoomInfo>(s.url, `/api/rooms/${room.roomId}`, { token: room.facilitatorKey });
    expect(info.body).toMatchObject({ deck: 'budget-pinned1', deckVersion: 1 });
    const phone = await join(s.url, room.joinCode);
    await steps.control(room, { action: 'open', activity: 'budget' });
    expect((await steps.cast(room, phone.participantToken, 'budget', { option: 'skoler' })).status).toBe(200);

    // Saved during the meeting, as the editor does (PUT /api/decks/<deck> stores exactly this).
    expect(await decks.saveVersion('budget-pinned1', 1, V2, 'Budget 2027', {}, Date.now())).toEqual({ status: 'saved', version: 2 });

    const checkRunningRoom = async () => {
      const again = await call<RoomInfo>(s.url, `/api/rooms/${room.roomId}`, { token: room.facilitatorKey });
      expect(again.body.deckVersion).toBe(1);
      const me = await call<MeResponse>(s.url, `/api/rooms/${room.roomId}/me`, { token: phone.participantToken });
      expect(me.body).toMatchObject({ deck: 'budget-pinned1', deckVersion: 1 });
      expect(me.body.ballots.budget).toBeDefined();
      // What the projector and the phones fetch for this room: version 1.
      const manifest = await call<DeckManifest>(s.url, '/api/decks/budget-pinned1?version=1');
      expect(optionLabels(manifest.body)).toEqual(['Skoler', 'Veje']);
      expect(manifest.body.activities.map((a) => a.id)).toEqual(['budget']);
      const slides = await call<string>(s.url, '/api/decks/budget-pinned1/slides?version=1');
      expect(slides.body).toContain('Skoler');
      expect(slides.body).not.toContain('Folkeskoler');
      // The room knows only version 1's activities; its votes go on counting.
      const unknown = await steps.cast(room, phone.participantToken, 'tilfredshed', { value: 3 });
      expect(unknown.body.error.code).toBe('unknown_activity');
      expect((await steps.cast(room, phone.participantToken, 'budget', { option: 'veje' })).status).toBe(200);
      // Its export names what the room had.
      const json = await call<{ activities: { id: string; options: { label: string }[]; answered: number }[] }>(
        s.url,
        `/api/rooms/${room.roomId}/export?format=json`,
        { token: room.facilitatorKey },
      );
      expect(json.status).toBe(200);
      expect(json.body.activities.map((a) => a.id)).toEqual(['budget']);
      expect(json.body.activities[0]!.options.map((o) => o.label)).toEqual(['Skoler', 'Veje']);
      expect(json.body.activities[0]!.answered).toBe(1);
      const md = await call<string>(s.url, `/api/rooms/${room.roomId}/export?format=md`, { token: room.facilitatorKey });
      expect(md.body).toContain('Skoler');
      expect(md.body).not.toContain('Folkeskoler');
      expect(md.body).not.toContain('tilfredse');
    };
    await checkRunningRoom();
    // Loaded again from the database, the room still pins version 1.
    await s.restart();
    await checkRunningRoom();

    // The next room gets version 2, as does a request without ?version.
    const next = await createRoom(s.url, 'budget-pinned1');
    const nextInfo = await call<RoomInfo>(s.url, `/api/rooms/${next.roomId}`, { token: next.facilitatorKey });
    expect(nextInfo.body.deckVersion).toBe(2);
    const latest = await call<DeckManifest>(s.url, '/api/decks/budget-pinned1');
    expect(optionLabels(latest.body)).toEqual(['Folkeskoler', 'Veje']);
    expect(latest.body.activities.map((a) => a.id)).toEqual(['budget', 'tilfredshed']);
    const nextPhone = await join(s.url, next.joinCode);
    await steps.control(next, { action: 'open', activity: 'tilfredshed' });
    expect((await steps.cast(next, nextPhone.participantToken, 'tilfredshed', { value: 4 })).status).toBe(200);
  });

  it('records the templates of slides/ as template decks, and pins rooms from before versions to the latest', async () => {
    const template = await s.app.storage.decks.getDeck('frisaettelse');
    expect(template).toMatchObject({ template: true, editorKeyHash: null, deletedAt: null });
    // Started again over the same files: no new version.
    const before = template!.latestVersion;
    await s.restart();
    expect((await s.app.storage.decks.getDeck('frisaettelse'))?.latestVersion).toBe(before);
    const room = await createRoom(s.url, 'frisaettelse');
    const info = await call<RoomInfo>(s.url, `/api/rooms/${room.roomId}`, { token: room.facilitatorKey });
    expect(info.body.deckVersion).toBe(before);
    // A room stored before rooms pinned a version (deck_version NULL) is pinned to the deck's latest at start.
    await s.app.storage.createRoom({
      id: 'from-before',
      deck: 'frisaettelse',
      deckVersion: 0,
      joinCode: '987654',
      facilitatorKeyHash: 'f'.repeat(64),
      createdAt: Date.now(),
    });
    expect((await s.app.storage.getRoom('from-before'))?.deckVersion).toBe(0);
    await s.restart();
    expect((await s.app.storage.getRoom('from-before'))?.deckVersion).toBe(before);
  });

  it('answers an unknown version with 404 and a version that is no number with 400', async () => {
    expect((await call(s.url, '/api/decks/frisaettelse?version=999')).status).toBe(404);
    expect((await call(s.url, '/api/decks/frisaettelse/slides?version=999')).status).toBe(404);
    const bad = await call<{ error: { code: string; message: string } }>(s.url, '/api/decks/frisaettelse?version=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect((await call(s.url, '/api/decks/frisaettelse?version=0')).status).toBe(400);
    expect((await call(s.url, '/api/decks/frisaettelse?version=1')).status).toBe(200);
  });
});

/** A deck with every activity kind and the whiteboard, as docs/deck-format.md writes them. */
const EVERY_KIND = `---
titel: Udvalgsmøde — alt i ét
---

## Deltag fra din telefon

::: deltag
:::

---

## Ét valg

::: valg hvem
Hvem skal sættes fri?
- Kommunen
- Borgerne
:::

---

## Flere valg

::: flervalg virkninger
Hvilke virkninger betyder mest?
højst: 2
- Kulturændring {#kultur}
- Mere dynamik {#dynamik}
- Motivation
:::

---

## Prioritering

::: prioritering omraader
Hvilket område først?
- Dagtilbud
- Folkeskole
- Ældre
:::

---

## Point

::: point logikker
Fordel 10 point
point: 10
- Målstyring {#maal}
- Tillid
:::

---

## Skala

::: skala farve
Rødt eller blåt?
fra: 1 Rødt
til: 7 Blåt
:::

---

## Tekst

::: tekst et-ord
Ét ord om frisættelse
længde: 80
:::

---

## Indstilling

::: indstilling indstilling
Udvalget anbefaler at søge om frisættelse.
:::

---

## Tavle

::: tavle tavle
Problemer og muligheder?
prikker: 3
- Problemer
- Muligheder
:::
`;

const ERROR = (r: Reply<any>) => r.body?.error as { code: string; message: string; currentVersion?: number; slide?: string; line?: number };

describe('the deck API', () => {
  // Every test here creates decks from this one address; the limits have tests of their own below.
  const server = serverForThisFile({ deckCreateBurst: 1000, decksPerHour: 100_000, deckSaveBurst: 1000 });
  const api = <T = any>(path: string, init: Parameters<typeof call>[2] = {}) => call<T>(server.url, path, init);
  const steps = roomSteps(server);

  async function newDeck(body: Record<string, unknown> = { source: V1 }): Promise<CreateDeckResponse> {
    const r = await api<CreateDeckResponse>('/api/decks', { body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  it('creates a deck from Markdown: an id from its title, the key once, the editor address with the key in the fragment', async () => {
    const d = await newDeck();
    expect(d.id).toMatch(/^budget-2027-[a-z2-7]{10}$/);
    expect(d.id).toMatch(ID_PATTERN);
    expect(d.version).toBe(1);
    expect(d.editorKey.length).toBeGreaterThanOrEqual(40);
    expect(d.editUrl).toBe(`${server.url}/edit/${d.id}#key=${d.editorKey}`);
    // Two decks with the same title get different ids and keys.
    const other = await newDeck();
    expect(other.id).not.toBe(d.id);
    expect(other.editorKey).not.toBe(d.editorKey);
    // The manifest and slides serve as a template's do; the list shows only templates.
    expect((await api<DeckManifest>(`/api/decks/${d.id}`)).body).toMatchObject({ id: d.id, title: 'Budget 2027' });
    expect((await api<string>(`/api/decks/${d.id}/slides?version=1`)).body).toContain('Skoler');
    const listed = (await api<DeckListEntry[]>('/api/decks')).body.map((x) => x.id);
    expect(listed).toContain('frisaettelse');
    expect(listed).not.toContain(d.id);
    expect(listed).not.toContain(other.id);
    for (const id of listed) expect((await server.app.storage.decks.getDeck(id))?.template).toBe(true);
  });

  it('without a source, makes the small starter deck (title, join slide, one poll) that runs a room', async () => {
    const d = await newDeck({ title: 'Møde i Teknik & Miljø' });
    expect(d.id).toMatch(/^moede-i-teknik-miljoe-[a-z2-7]{10}$/);
    const source = await api<DeckSourceResponse>(`/api/decks/${d.id}/source`, { token: d.editorKey });
    expect(source.body).toMatchObject({ id: d.id, title: 'Møde i Teknik & Miljø', version: 1, template: false, images: {} });
    const manifest = (await api<DeckManifest>(`/api/decks/${d.id}`)).body;
    expect(manifest.slides.map((x) => x.title)).toEqual(['Møde i Teknik & Miljø', 'Deltag fra din telefon', 'Hvad mener I?']);
    expect(manifest.slides[1]?.join).toBe(true);
    expect(manifest.activities.map((a) => a.kind)).toEqual(['single']);
    const { room, people } = await steps.roomWith(1, server.url, d.id);
    const poll = manifest.activities[0]!;
    await steps.voteRound(room, people, poll.id, [{ option: poll.options[0]!.id }]);
  });

  it('reads the source: a template for anyone, a stored deck only with its editor key', async () => {
    const template = await api<DeckSourceResponse>('/api/decks/frisaettelse/source');
    expect(template.status).toBe(200);
    expect(template.body).toMatchObject({ id: 'frisaettelse', template: true, version: 1 });
    expect(template.body.source).toContain('::: valg hvem-saettes-fri');
    const d = await newDeck();
    expect((await api(`/api/decks/${d.id}/source`)).status).toBe(401);
    const wrong = await api(`/api/decks/${d.id}/source`, { token: 'not-the-key' });
    expect(wrong.status).toBe(403);
    expect(ERROR(wrong).code).toBe('forbidden');
    const other = await newDeck();
    expect((await api(`/api/decks/${d.id}/source`, { token: other.editorKey })).status).toBe(403);
    const mine = await api<DeckSourceResponse>(`/api/decks/${d.id}/source`, { token: d.editorKey });
    expect(mine.body).toEqual({
      id: d.id,
      title: 'Budget 2027',
      version: 1,
      updatedAt: expect.any(Number),
      source: V1,
      template: false,
      images: {},
      imageFiles: [],
      imageLimits: { maxImageBytes: 5 * 1024 * 1024, maxImages: 40, maxTotalBytes: 25 * 1024 * 1024 },
    });
    expect((await api('/api/decks/findes-ikke/source')).status).toBe(404);
  });

  it('saves a version on top of the latest; a save based on a stale version is refused with 409 and stores nothing', async () => {
    const d = await newDeck();
    const put = (source: string, baseVersion: number, token = d.editorKey) =>
      api(`/api/decks/${d.id}`, { method: 'PUT', token, body: { source, baseVersion } });
    const saved = await put(V2, 1);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ version: 2 });
    // A second editor still on version 1.
    const stale = await put(V1.replace('Veje', 'Cykelstier'), 1);
    expect(stale.status).toBe(409);
    expect(ERROR(stale)).toMatchObject({ code: 'stale_version', currentVersion: 2 });
    expect(ERROR(stale).message).toMatch(/nyere udgave.*ikke væk/);
    const now = await api<DeckSourceResponse>(`/api/decks/${d.id}/source`, { token: d.editorKey });
    expect(now.body).toMatchObject({ version: 2, source: V2 });
    expect((await api(`/api/decks/${d.id}?version=3`)).status).toBe(404);
    // Version 1 is still there as it was.
    expect((await api<string>(`/api/decks/${d.id}/slides?version=1`)).body).not.toContain('Folkeskoler');
    expect((await put(V2, 2)).body).toEqual({ version: 3 });
  });

  it('refuses a deck that does not compile with 400 naming slide and line, and stores nothing', async () => {
    const d = await newDeck();
    const broken = V1.replace('::: valg budget', '::: lotteri budget');
    const r = await api(`/api/decks/${d.id}`, { method: 'PUT', token: d.editorKey, body: { source: broken, baseVersion: 1 } });
    expect(r.status).toBe(400);
    const e = ERROR(r);
    expect(e.code).toBe('invalid_deck');
    expect(e.line).toBe(broken.split('\n').findIndex((l) => l.startsWith('::: lotteri')) + 1);
    expect(e.slide).toMatch(/^slide 2/);
    expect(e.message).toContain(`linje ${e.line}`);
    expect(e.message).toContain('lotteri');
    expect((await api<DeckSourceResponse>(`/api/decks/${d.id}/source`, { token: d.editorKey })).body.version).toBe(1);
    // A new deck is checked the same way.
    const created = await api('/api/decks', { body: { source: broken } });
    expect(created.status).toBe(400);
    expect(ERROR(created)).toMatchObject({ code: 'invalid_deck', line: e.line });
  });

  it('asks for the editor key to save or delete, and refuses to change a template with 403', async () => {
    const d = await newDeck();
    const body = { source: V2, baseVersion: 1 };
    expect((await api(`/api/decks/${d.id}`, { method: 'PUT', body })).status).toBe(401);
    expect((await api(`/api/decks/${d.id}`, { method: 'PUT', token: 'wrong-key', body })).status).toBe(403);
    expect((await api(`/api/decks/${d.id}`, { method: 'DELETE' })).status).toBe(401);
    expect((await api(`/api/decks/${d.id}`, { method: 'DELETE', token: 'wrong-key' })).status).toBe(403);
    for (const r of [
      await api('/api/decks/frisaettelse', { method: 'PUT', token: d.editorKey, body }),
      await api('/api/decks/frisaettelse', { method: 'DELETE', token: d.editorKey }),
    ]) {
      expect(r.status).toBe(403);
      expect(ERROR(r).code).toBe('template_read_only');
      expect(ERROR(r).message).toMatch(/skabelon.*kopi/);
    }
    expect((await api('/api/decks/findes-ikke', { method: 'PUT', token: d.editorKey, body })).status).toBe(404);
    const bad = await api(`/api/decks/${d.id}`, { method: 'PUT', token: d.editorKey, body: { source: V2, baseVersion: 0 } });
    expect(bad.status).toBe(400);
    expect(ERROR(bad).code).toBe('invalid_request');
  });

  it('deletes a deck: gone for new rooms, edits and reads, while a room made before keeps its version', async () => {
    const d = await newDeck();
    const room = await createRoom(server.url, d.id);
    const del = await api(`/api/decks/${d.id}`, { method: 'DELETE', token: d.editorKey });
    expect(del.status).toBe(204);
    expect(del.body).toBe('');
    expect((await api(`/api/decks/${d.id}`)).status).toBe(404);
    expect((await api(`/api/decks/${d.id}/source`, { token: d.editorKey })).status).toBe(404);
    expect((await api(`/api/decks/${d.id}`, { method: 'PUT', token: d.editorKey, body: { source: V2, baseVersion: 1 } })).status).toBe(404);
    expect((await api(`/api/decks/${d.id}`, { method: 'DELETE', token: d.editorKey })).status).toBe(404);
    expect(ERROR(await api('/api/rooms', { body: { deck: d.id } })).code).toBe('unknown_deck');
    expect((await api('/api/decks', { body: { from: d.id } })).status).toBe(404);
    // The room made before still runs on its version.
    const info = await api<RoomInfo>(`/api/rooms/${room.roomId}`, { token: room.facilitatorKey });
    expect(info.body).toMatchObject({ deck: d.id, deckVersion: 1 });
    expect((await api<DeckManifest>(`/api/decks/${d.id}?version=1`)).body.title).toBe('Budget 2027');
    const phone = await join(server.url, room.joinCode);
    await steps.control(room, { action: 'open', activity: 'budget' });
    expect((await steps.cast(room, phone.participantToken, 'budget', { option: 'veje' })).status).toBe(200);
    // Once that room is deleted, nothing of the deck's versions is left.
    expect((await api(`/api/rooms/${room.roomId}`, { method: 'DELETE', token: room.facilitatorKey })).status).toBe(200);
    expect((await api(`/api/decks/${d.id}/slides?version=1`)).status).toBe(404);
  });

  it('copies a template for anyone, a stored deck only with its key, each copy with a key of its own', async () => {
    const fromTemplate = await newDeck({ from: 'frisaettelse' });
    expect(fromTemplate.id).toMatch(/^frisaettelse-problemer-og-muligheder-[a-z2-7]{10}$/);
    const copied = await api<DeckSourceResponse>(`/api/decks/${fromTemplate.id}/source`, { token: fromTemplate.editorKey });
    const template = await api<DeckSourceResponse>('/api/decks/frisaettelse/source');
    expect(copied.body).toMatchObject({ version: 1, template: false, source: template.body.source });

    const d = await newDeck();
    await api(`/api/decks/${d.id}`, { method: 'PUT', token: d.editorKey, body: { source: V2, baseVersion: 1 } });
    expect((await api('/api/decks', { body: { from: d.id } })).status).toBe(401);
    expect((await api(`/api/decks/${d.id}/duplicate`, { method: 'POST' })).status).toBe(401);
    expect((await api(`/api/decks/${d.id}/duplicate`, { method: 'POST', token: fromTemplate.editorKey })).status).toBe(403);
    const copy = await api<CreateDeckResponse>(`/api/decks/${d.id}/duplicate`, { method: 'POST', token: d.editorKey });
    expect(copy.status).toBe(201);
    expect(copy.body.editorKey).not.toBe(d.editorKey);
    // The copy is of the latest version, and starts its own history at 1.
    const source = await api<DeckSourceResponse>(`/api/decks/${copy.body.id}/source`, { token: copy.body.editorKey });
    expect(source.body).toMatchObject({ version: 1, source: V2 });
    // Its key is its own: the original's key does not open it.
    expect((await api(`/api/decks/${copy.body.id}/source`, { token: d.editorKey })).status).toBe(403);
    const viaFrom = await api<CreateDeckResponse>('/api/decks', { token: d.editorKey, body: { from: d.id } });
    expect(viaFrom.status).toBe(201);
    expect((await api('/api/decks/frisaettelse/duplicate', { method: 'POST', body: {} })).status).toBe(201);

    for (const body of [{ from: d.id, source: V1 }, { title: 'X', source: V1 }, { title: 'X', from: 'frisaettelse' }, { sauce: V1 }]) {
      const r = await api('/api/decks', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(ERROR(r).code).toBe('invalid_request');
    }
    expect((await api('/api/decks/frisaettelse/duplicate', { method: 'POST', body: { title: 'X' } })).status).toBe(400);
    expect((await api('/api/decks', { body: { from: 'findes-ikke' } })).status).toBe(404);
  });

  it('refuses a source over MAX_DECK_BYTES with 413 and stores nothing', async () => {
    const d = await newDeck();
    const big = `${V1}\n\n${'Lang tekst. '.repeat(Math.ceil((server.app.config.maxDeckBytes + 10) / 12))}\n`;
    const r = await api(`/api/decks/${d.id}`, { method: 'PUT', token: d.editorKey, body: { source: big, baseVersion: 1 } });
    expect(r.status).toBe(413);
    expect(ERROR(r).code).toBe('body_too_large');
    expect(ERROR(r).message).toContain(`${Math.ceil(server.app.config.maxDeckBytes / 1024)} KB`);
    expect((await api('/api/decks', { body: { source: big } })).status).toBe(413);
    expect((await api<DeckSourceResponse>(`/api/decks/${d.id}/source`, { token: d.editorKey })).body.version).toBe(1);
  });

  it('keeps no editor key in clear in the database file, only its SHA-256', async () => {
    const d = await newDeck();
    const copy = await newDeck({ from: 'frisaettelse' });
    // Everything on disk: the database and its write-ahead log.
    const bytes = ['radslag.sqlite', 'radslag.sqlite-wal']
      .map((f) => {
        try {
          return readFileSync(joinPath(server.dataDir, f)).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    for (const key of [d.editorKey, copy.editorKey]) {
      expect(bytes).not.toContain(key);
      expect(bytes).toContain(hashSecret(key));
    }
    expect((await server.app.storage.decks.getDeck(d.id))?.editorKeyHash).toBe(hashSecret(d.editorKey));
  });

  it('a deck made through the API runs a room with every activity kind; ballots and notes reach the JSON and Markdown export', async () => {
    const d = await newDeck({ source: EVERY_KIND });
    const manifest = (await api<DeckManifest>(`/api/decks/${d.id}`)).body;
    expect(manifest.activities.map((a) => a.kind)).toEqual(['single', 'multi', 'ranking', 'points', 'scale', 'text', 'motion']);
    expect(manifest.boards.map((b) => b.id)).toEqual(['tavle']);
    const { room, people } = await steps.roomWith(2, server.url, d.id);
    await steps.voteRound(room, people, 'hvem', [{ option: 'kommunen' }, { option: 'borgerne' }]);
    await steps.voteRound(room, people, 'virkninger', [{ options: ['kultur', 'dynamik'] }, { options: ['motivation'] }]);
    await steps.voteRound(room, people, 'omraader', [
      { order: ['folkeskole', 'dagtilbud', 'aeldre'] },
      { order: ['aeldre', 'folkeskole', 'dagtilbud'] },
    ]);
    await steps.voteRound(room, people, 'logikker', [{ points: { maal: 3, tillid: 7 } }, { points: { maal: 10 } }]);
    await steps.voteRound(room, people, 'farve', [{ value: 2 }, { value: 6 }]);
    await steps.voteRound(room, people, 'et-ord', [{ text: 'Tillid' }, { text: 'Frihed' }]);
    await steps.voteRound(room, people, 'indstilling', [{ option: 'for' }, { option: 'imod' }]);
    await steps.control(room, { action: 'decide', activity: 'indstilling', decision: 'Indstillingen anbefales.' });
    await steps.control(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
    const note = await steps.intent(room, people[0]!, { type: 'note', board: 'tavle', zone: 'problemer', text: 'For mange regler' });
    expect(note.status).toBe(200);

    const json = await api<{ activities: { id: string; answered: number; kind: string }[]; boards: { notes: { text: string }[] }[] }>(
      `/api/rooms/${room.roomId}/export?format=json`,
      { token: room.facilitatorKey },
    );
    expect(json.status).toBe(200);
    expect(json.body.activities.map((a) => [a.id, a.answered])).toEqual([
      ['hvem', 2],
      ['virkninger', 2],
      ['omraader', 2],
      ['logikker', 2],
      ['farve', 2],
      ['et-ord', 2],
      ['indstilling', 2],
    ]);
    expect(json.body.boards[0]!.notes.map((n) => n.text)).toEqual(['For mange regler']);
    const md = await api<string>(`/api/rooms/${room.roomId}/export?format=md`, { token: room.facilitatorKey });
    expect(md.status).toBe(200);
    for (const text of [
      'Hvem skal sættes fri?',
      'Kulturændring',
      'Folkeskole',
      'Målstyring',
      'Rødt',
      'Tillid',
      'Indstillingen anbefales.',
      'For mange regler',
    ]) {
      expect(md.body).toContain(text);
    }
  });

  it('editing a deck during the meeting changes nothing in the running room; the next room gets the new version', async () => {
    const d = await newDeck();
    const room = await createRoom(server.url, d.id);
    const phone = await join(server.url, room.joinCode);
    await steps.control(room, { action: 'open', activity: 'budget' });
    expect((await steps.cast(room, phone.participantToken, 'budget', { option: 'skoler' })).status).toBe(200);
    expect((await api(`/api/decks/${d.id}`, { method: 'PUT', token: d.editorKey, body: { source: V2, baseVersion: 1 } })).status).toBe(200);
    const info = await api<RoomInfo>(`/api/rooms/${room.roomId}`, { token: room.facilitatorKey });
    expect(info.body.deckVersion).toBe(1);
    const manifest = (await api<DeckManifest>(`/api/decks/${d.id}?version=${info.body.deckVersion}`)).body;
    expect(optionLabels(manifest)).toEqual(['Skoler', 'Veje']);
    expect(ERROR(await steps.cast(room, phone.participantToken, 'tilfredshed', { value: 2 })).code).toBe('unknown_activity');
    const md = await api<string>(`/api/rooms/${room.roomId}/export?format=md`, { token: room.facilitatorKey });
    expect(md.body).toContain('Skoler');
    expect(md.body).not.toContain('Folkeskoler');
    const next = await createRoom(server.url, d.id);
    const nextInfo = await api<RoomInfo>(`/api/rooms/${next.roomId}`, { token: next.facilitatorKey });
    expect(nextInfo.body.deckVersion).toBe(2);
    expect(optionLabels((await api<DeckManifest>(`/api/decks/${d.id}?version=2`)).body)).toEqual(['Folkeskoler', 'Veje']);
  });
});

describe('the deck API on a guarded server, and its limits', () => {
  const serverWith = serversForThisFile();

  it('with ADMIN_TOKEN, creating and copying a template needs it; copying a stored deck needs that deck key', async () => {
    const s = await serverWith({ adminToken: 'organiser-secret' });
    const refused = await call(s.url, '/api/decks', { body: { source: V1 } });
    expect(refused.status).toBe(401);
    expect(ERROR(refused)).toEqual({ code: 'unauthorized', message: 'Denne server kræver ADMIN_TOKEN for at oprette decks.' });
    expect((await call(s.url, '/api/decks', { token: 'guess', body: { source: V1 } })).status).toBe(401);
    expect((await call(s.url, '/api/decks/frisaettelse/duplicate', { method: 'POST' })).status).toBe(401);
    const made = await call<CreateDeckResponse>(s.url, '/api/decks', { token: 'organiser-secret', body: { source: V1 } });
    expect(made.status).toBe(201);
    expect((await call(s.url, '/api/decks/frisaettelse/duplicate', { method: 'POST', token: 'organiser-secret' })).status).toBe(201);
    // The deck's key is what lets its holder copy it; the organiser's token is not a key to every deck.
    expect((await call(s.url, `/api/decks/${made.body.id}/duplicate`, { method: 'POST', token: 'organiser-secret' })).status).toBe(403);
    const copy = await call(s.url, `/api/decks/${made.body.id}/duplicate`, { method: 'POST', token: made.body.editorKey });
    expect(copy.status).toBe(201);
    // Saving needs the deck's key only, as without ADMIN_TOKEN.
    const put = await call(s.url, `/api/decks/${made.body.id}`, {
      method: 'PUT',
      token: made.body.editorKey,
      body: { source: V2, baseVersion: 1 },
    });
    expect(put.status).toBe(200);
  });

  it('limits new decks per address and per server, and saves per address, with 429 and Retry-After', async () => {
    const s = await serverWith({ deckCreateBurst: 2, decksPerHourPerAddress: 1, deckSaveBurst: 2, deckSavesPerHourPerAddress: 1 });
    const a = { 'x-forwarded-for': '203.0.113.5' };
    const first = await call<CreateDeckResponse>(s.url, '/api/decks', { body: { source: V1 } });
    expect(first.status).toBe(201);
    expect((await call(s.url, '/api/decks', { body: { source: V1 } })).status).toBe(201);
    const third = await call(s.url, '/api/decks', { body: { source: V1 } });
    expect(third.status).toBe(429);
    expect(ERROR(third).code).toBe('rate_limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    // The address only counts when the server trusts a proxy; without one every request here is one address.
    expect((await call(s.url, '/api/decks', { headers: a, body: { source: V1 } })).status).toBe(429);
    const put = (v: number) =>
      call(s.url, `/api/decks/${first.body.id}`, { method: 'PUT', token: first.body.editorKey, body: { source: V1, baseVersion: v } });
    expect((await put(1)).status).toBe(200);
    expect((await put(2)).status).toBe(200);
    const saves = await put(3);
    expect(saves.status).toBe(429);
    expect(Number(saves.headers.get('retry-after'))).toBeGreaterThan(0);

    const wide = await serverWith({ decksPerHour: 20, trustProxy: 1 });
    const made = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        call(wide.url, '/api/decks', { headers: { 'x-forwarded-for': `198.51.100.${i + 1}` }, body: { source: V1 } }),
      ),
    );
    // decksPerHour / 10 at once server-wide, whichever addresses they come from.
    expect(made.map((r) => r.status)).toEqual([201, 201, 429, 429]);
  });
});
