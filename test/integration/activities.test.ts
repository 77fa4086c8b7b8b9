// Every activity kind through the real server: ballots validated from the manifest, tallies, decisions, countdowns, moderation.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC, LIVE_DOC } from '../../core/room-doc.js';
import { waitFor, yClient } from '../helpers/clients.js';
import { FIXTURE_SLIDES, serverForThisFile } from '../helpers/server.js';
import { roomSteps } from '../helpers/room.js';

const server = serverForThisFile({ slidesDir: FIXTURE_SLIDES, intentBurst: 1000 });

const { control: ctl, cast, roomWith } = roomSteps(server);

describe('each kind validates and tallies through the server', () => {
  const cases: { activity: string; good: unknown[]; bad: unknown[]; expected: unknown }[] = [
    {
      activity: 'flere',
      good: [{ options: ['kultur', 'dynamik'] }, { options: ['dynamik'] }, { options: ['dynamik', 'kultur'] }],
      bad: [{ options: [] }, { options: ['kultur', 'dynamik', 'motivation'] }, { options: ['kultur', 'kultur'] }, { options: ['x'] }],
      expected: { kind: 'multi', ballots: 3, counts: { kultur: 2, dynamik: 3, motivation: 0, borgerbehov: 0 } },
    },
    {
      activity: 'prioritet',
      good: [
        { order: ['folkeskole', 'dagtilbud', 'aeldre', 'beskaeftigelse'] },
        { order: ['dagtilbud', 'folkeskole', 'beskaeftigelse', 'aeldre'] },
      ],
      bad: [{ order: ['folkeskole', 'dagtilbud'] }, { order: ['folkeskole', 'folkeskole', 'aeldre', 'beskaeftigelse'] }],
      expected: {
        kind: 'ranking',
        ballots: 2,
        borda: { folkeskole: 5, dagtilbud: 5, aeldre: 1, beskaeftigelse: 1 },
        rankSum: { folkeskole: 3, dagtilbud: 3, aeldre: 7, beskaeftigelse: 7 },
      },
    },
    {
      activity: 'point',
      good: [{ points: { bureaukrati: 2, innovation: 8 } }, { points: { npm: 10 } }],
      bad: [{ points: { npm: 11 } }, { points: {} }, { points: { npm: -1, innovation: 5 } }, { points: { npm: 1.5 } }],
      expected: { kind: 'points', ballots: 2, points: { bureaukrati: 2, npm: 10, innovation: 8 } },
    },
    {
      activity: 'skala',
      good: [{ value: 1 }, { value: 7 }, { value: 4 }],
      bad: [{ value: 0 }, { value: 8 }, { value: 2.5 }, { value: '3' }],
      expected: { kind: 'scale', ballots: 3, counts: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 0, 6: 0, 7: 1 }, sum: 12 },
    },
    {
      activity: 'indstilling',
      good: [{ option: 'for' }, { option: 'imod' }, { option: 'for' }],
      bad: [{ option: 'ja' }, { options: ['for'] }],
      expected: { kind: 'motion', ballots: 3, counts: { for: 2, imod: 1, undlader: 0 } },
    },
  ];

  for (const c of cases) {
    it(c.activity, async () => {
      const { room, people } = await roomWith(c.good.length + 1);
      await ctl(room, { action: 'open', activity: c.activity });
      for (const bad of c.bad) {
        const r = await cast(room, people.at(-1)!, c.activity, bad);
        expect(r.status, JSON.stringify(bad)).toBe(400);
        expect(r.body.error.message.length).toBeGreaterThan(5);
      }
      for (const [i, good] of c.good.entries()) expect((await cast(room, people[i]!, c.activity, good)).status).toBe(200);
      const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
      await live.synced;
      await waitFor(() => expect(live.doc.getMap(LIVE_DOC.tallies).get(c.activity)).toEqual(c.expected));
      live.destroy();
    });
  }
});

describe('open text', () => {
  it('counts equal answers together, enforces the length limit, and hides an entry from participants', async () => {
    const { room, people } = await roomWith(4);
    await ctl(room, { action: 'open', activity: 'ord' });
    expect((await cast(room, people[0]!, 'ord', { text: '  Tillid ' })).status).toBe(200);
    expect((await cast(room, people[1]!, 'ord', { text: 'tillid' })).status).toBe(200);
    expect((await cast(room, people[2]!, 'ord', { text: 'Noget grimt' })).status).toBe(200);
    const long = await cast(room, people[3]!, 'ord', { text: 'x'.repeat(81) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('80');
    expect((await cast(room, people[3]!, 'ord', { text: '   ' })).status).toBe(400);

    const hide = await ctl(room, { action: 'hide-entry', activity: 'ord', entry: 'Noget  GRIMT' });
    expect(hide.status).toBe(200);
    expect(hide.body.state.hiddenEntries).toEqual(['noget grimt']);
    await ctl(room, { action: 'reveal', activity: 'ord' });
    const phone = yClient(server.url, room.roomId, people[3]!);
    await phone.synced;
    const shown = await waitFor(
      () => phone.doc.getMap(DOC.results).get('ord') as { entries: Record<string, { count: number }> } | undefined,
    );
    expect(Object.keys(shown.entries)).toEqual(['tillid']);
    expect(shown.entries.tillid!.count).toBe(2);
    // Nothing anywhere in the participant's copy of the document mentions the hidden entry — not even
    // the list of what is hidden (toJSON shows only maps already opened, so look at the raw bytes).
    expect(Buffer.from(Y.encodeStateAsUpdate(phone.doc)).toString('utf8')).not.toContain('grimt');
    expect((phone.doc.getMap(DOC.activities).get('ord') as { hiddenEntries: string[] }).hiddenEntries).toEqual([]);
    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    await live.synced;
    await waitFor(() => JSON.stringify(live.doc.getMap(LIVE_DOC.hiddenEntries).get('ord')) === '["noget grimt"]');
    live.destroy();
    await ctl(room, { action: 'show-entry', activity: 'ord', entry: 'noget grimt' });
    await waitFor(() => 'noget grimt' in ((phone.doc.getMap(DOC.results).get('ord') as { entries: object }).entries ?? {}));
    expect((await ctl(room, { action: 'hide-entry', activity: 'enkelt', entry: 'x' })).status).toBe(400);
    phone.destroy();
  });
});

describe('facilitator controls', () => {
  it('records the decision and shows it to everyone', async () => {
    const { room, people } = await roomWith(1);
    const r = await ctl(room, { action: 'decide', activity: 'indstilling', decision: '  Anbefales.  ' });
    expect(r.status).toBe(200);
    expect(r.body.state.decision).toBe('Anbefales.');
    const phone = yClient(server.url, room.roomId, people[0]!);
    await phone.synced;
    await waitFor(() => (phone.doc.getMap(DOC.activities).get('indstilling') as { decision: string }).decision === 'Anbefales.');
    expect((await ctl(room, { action: 'decide', activity: 'indstilling', decision: 'x'.repeat(2001) })).status).toBe(400);
    phone.destroy();
  });

  it('a countdown closes the activity by itself; it needs an open activity and can be stopped', async () => {
    const { room, people } = await roomWith(1);
    expect((await ctl(room, { action: 'countdown', activity: 'enkelt', seconds: 1 })).status).toBe(409);
    await ctl(room, { action: 'open', activity: 'enkelt' });
    const started = await ctl(room, { action: 'countdown', activity: 'enkelt', seconds: 1 });
    expect(started.body.state.closesAt).toBeGreaterThan(Date.now());
    expect((await cast(room, people[0]!, 'enkelt', { option: 'borgerne' })).status).toBe(200);
    const phone = yClient(server.url, room.roomId, people[0]!);
    await phone.synced;
    await waitFor(() => (phone.doc.getMap(DOC.activities).get('enkelt') as { status: string }).status === 'closed', 4000);
    expect((await cast(room, people[0]!, 'enkelt', { option: 'kommunen' })).status).toBe(409);

    await ctl(room, { action: 'open', activity: 'enkelt' });
    await ctl(room, { action: 'countdown', activity: 'enkelt', seconds: 1 });
    const stopped = await ctl(room, { action: 'countdown', activity: 'enkelt', seconds: 0 });
    expect(stopped.body.state.closesAt).toBeNull();
    await new Promise((r) => setTimeout(r, 1300));
    expect((await cast(room, people[0]!, 'enkelt', { option: 'kommunen' })).status).toBe(200);
    phone.destroy();
  });

  it('bad control requests get 400 or 404 with a message', async () => {
    const { room } = await roomWith(0);
    expect((await ctl(room, { action: 'countdown', activity: 'enkelt', seconds: -5 })).status).toBe(400);
    expect((await ctl(room, { action: 'countdown', activity: 'enkelt' })).status).toBe(400);
    expect((await ctl(room, { action: 'decide', activity: 'indstilling' })).status).toBe(400);
    const unknown = await ctl(room, { action: 'open', activity: 'findes-ikke' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_activity');
  });
});
