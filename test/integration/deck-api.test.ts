// Decks are data, with a real server on a real port: a room pins the deck version it was made with, so a deck
// saved during the meeting changes nothing in the running room (its screens, phones, votes, export) and the next
// room gets the new version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckManifest } from '../../core/deck.js';
import type { MeResponse, RoomInfo } from '../../core/wire.js';
import { call, createRoom, join } from '../helpers/clients.js';
import { roomSteps } from '../helpers/room.js';
import { restartableServer, type RestartableServer } from '../helpers/server.js';

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
