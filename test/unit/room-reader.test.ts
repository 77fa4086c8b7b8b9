// The one reader of the room in components, what the phone announces when the room moves on, and the join code in an address.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ActivityDef } from '../../core/activity.js';
import type { DeckManifest } from '../../core/deck.js';
import { BOARD_LAYOUT, DOC, LIVE_DOC, initialActivityState } from '../../core/room-doc.js';
import { RoomReader } from '../../components/room/room-reader.js';
import { secondsLeft } from '../../components/room/countdown.js';
import { roomNews, showing } from '../../components/participant/room-news.js';
import { joinCodeOf } from '../../components/participant/join.js';

const note = (id: string, board: string, createdAt: number) => ({
  id,
  board,
  zone: 'z1',
  text: id,
  status: 'visible',
  byFacilitator: false,
  createdAt,
  updatedAt: createdAt,
});

function withLayout(doc: Y.Doc, board: string, clusters: Record<string, string>, membership: Record<string, string>): void {
  doc.transact(() => {
    const layout = new Y.Map<unknown>();
    doc.getMap(DOC.layout).set(board, layout);
    const cs = new Y.Map<unknown>();
    layout.set(BOARD_LAYOUT.clusters, cs);
    for (const [id, name] of Object.entries(clusters)) {
      const c = new Y.Map<unknown>();
      cs.set(id, c);
      c.set('name', name);
      c.set('x', 0);
      c.set('y', 0);
    }
    const ms = new Y.Map<unknown>();
    layout.set(BOARD_LAYOUT.membership, ms);
    for (const [n, c] of Object.entries(membership)) ms.set(n, c);
  });
}

describe('RoomReader', () => {
  it('reads an activity not yet published as idle, and merges the hidden entries facilitators keep apart', () => {
    const doc = new Y.Doc();
    const live = new Y.Doc();
    expect(new RoomReader(doc, null).activityState('q1')).toEqual(initialActivityState());
    doc.getMap(DOC.activities).set('q1', { ...initialActivityState(), status: 'open' });
    live.getMap(LIVE_DOC.hiddenEntries).set('q1', ['skjult']);
    expect(new RoomReader(doc, live).activityState('q1')).toMatchObject({ status: 'open', hiddenEntries: ['skjult'] });
    expect(new RoomReader(doc, null).activityState('q1').hiddenEntries).toEqual([]);
  });

  it('gives a participant the visible notes and revealed dots, a facilitator every note and the live dots', () => {
    const doc = new Y.Doc();
    const live = new Y.Doc();
    doc.getMap(DOC.notes).set('b', note('b', 'b1', 2));
    doc.getMap(DOC.notes).set('a', note('a', 'b1', 2));
    doc.getMap(DOC.notes).set('x', note('x', 'b2', 1));
    live.getMap(LIVE_DOC.notes).set('p', note('p', 'b1', 1));
    live.getMap(LIVE_DOC.dots).set('b1', { p: 4 });
    expect(new RoomReader(doc, null).notes('b1').map((n) => n.id)).toEqual(['a', 'b']);
    expect(new RoomReader(doc, null).dots('b1')).toBeUndefined();
    expect(new RoomReader(doc, live).notes('b1').map((n) => n.id)).toEqual(['p']);
    expect(new RoomReader(doc, live).dots('b1')).toEqual({ p: 4 });
    expect(new RoomReader(doc, live).presence()).toEqual({ participants: 0, facilitators: 0, joined: 0 });
  });

  it('reads a board’s groups and ranks its priorities the way the export does', () => {
    const doc = new Y.Doc();
    for (const n of [note('n1', 'b1', 1), note('n2', 'b1', 2), note('n3', 'b1', 3)]) doc.getMap(DOC.notes).set(n.id, n);
    withLayout(doc, 'b1', { c1: 'Regler', gone: 'Tom' }, { n1: 'c1', n2: 'c1', n3: 'nowhere' });
    doc.getMap(DOC.dots).set('b1', { n1: 1, c1: 2, n3: 4 });
    const reader = new RoomReader(doc, null);
    const groups = reader.boardGroups('b1');
    expect(groups.clusters).toEqual([
      { id: 'c1', name: 'Regler' },
      { id: 'gone', name: 'Tom' },
    ]);
    expect([...groups.membership]).toEqual([
      ['n1', 'c1'],
      ['n2', 'c1'],
    ]);
    expect(reader.boardPriorities('b1').map((p) => [p.target, p.dots])).toEqual([
      ['n3', 4],
      ['c1', 3],
    ]);
    expect(reader.boardGroups('none')).toEqual({ clusters: [], membership: new Map() });
  });

  it('tells a board of changes to its own state, notes and dots only', () => {
    const doc = new Y.Doc();
    const reader = new RoomReader(doc, null);
    let calls = 0;
    const stop = reader.observeBoard('b1', () => calls++);
    doc.getMap(DOC.notes).set('x', note('x', 'b2', 1));
    doc.getMap(DOC.boards).set('b2', {});
    expect(calls).toBe(0);
    doc.getMap(DOC.notes).set('a', note('a', 'b1', 1));
    doc.getMap(DOC.notes).delete('a');
    doc.getMap(DOC.boards).set('b1', {});
    doc.getMap(DOC.dots).set('b1', {});
    expect(calls).toBe(4);
    let layouts = 0;
    const stopLayout = reader.observeLayoutMap('b1', (map) => {
      if (map) layouts++;
    });
    withLayout(doc, 'b1', {}, {});
    expect(layouts).toBe(1);
    stop();
    stopLayout();
    doc.getMap(DOC.boards).set('b1', { again: true });
    expect(calls).toBe(4);
  });
});

describe('what the phone announces', () => {
  const q1 = { id: 'q1', kind: 'single', prompt: 'Hvem?', options: [] } as unknown as ActivityDef;
  const manifest = { id: 'd', title: 'Deck', activities: [q1], boards: [{ id: 'b1', prompt: 'Idéer' }] } as unknown as DeckManifest;

  function room() {
    const doc = new Y.Doc();
    const reader = new RoomReader(doc, null);
    const present = (state: Record<string, unknown>) => {
      for (const [k, v] of Object.entries({ slide: 1, slideTitle: 'Velkommen', activity: null, board: null, ...state }))
        doc.getMap(DOC.present).set(k, v);
    };
    const activity = (state: Record<string, unknown>) => doc.getMap(DOC.activities).set('q1', { ...initialActivityState(), ...state });
    const news = (key: string, at = 0) => roomNews(key, reader, showing(reader, manifest), at);
    return { present, activity, news };
  }

  it('says nothing for what is there at the first sync, then what changes', () => {
    const r = room();
    r.present({});
    const first = r.news('');
    expect(first).toEqual({ key: 'w:Velkommen', text: undefined });
    r.present({ activity: 'q1' });
    r.activity({ status: 'open' });
    expect(r.news(first.key)).toEqual({ key: 'a:q1:open', text: 'Ny afstemning: Hvem?' });
    expect(r.news('a:q1:open').text).toBeUndefined();
    r.activity({ status: 'closed' });
    expect(r.news('a:q1:open').text).toBe('Afstemningen er lukket: Hvem?');
  });

  it('says a countdown once, when it starts, and not when it is called off', () => {
    const r = room();
    r.present({ activity: 'q1' });
    r.activity({ status: 'open', closesAt: 30_000 });
    expect(r.news('a:q1:open')).toEqual({ key: 'a:q1:open:30000', text: 'Afstemningen lukker om 30 sekunder.' });
    expect(r.news('a:q1:open:30000').text).toBeUndefined();
    r.activity({ status: 'open', closesAt: null });
    expect(r.news('a:q1:open:30000')).toEqual({ key: 'a:q1:open', text: undefined });
  });

  it('says what a board is open for', () => {
    const r = room();
    r.present({ board: 'b1' });
    expect(r.news('w:Velkommen')).toEqual({ key: 'b:b1:closed', text: 'Tavlen: Idéer' });
  });

  it('counts a countdown’s seconds up, and none when the activity is not open', () => {
    expect(secondsLeft({ status: 'open', closesAt: 10_001 }, 0)).toBe(11);
    expect(secondsLeft({ status: 'open', closesAt: 5 }, 10)).toBe(0);
    expect(secondsLeft({ status: 'closed', closesAt: 10_000 }, 0)).toBeNull();
    expect(secondsLeft(undefined)).toBeNull();
  });
});

describe('joinCodeOf', () => {
  it('reads /j/<code> and the plain form’s /j?code=…, and nothing else', () => {
    expect(joinCodeOf('/j/123456', '')).toBe('123456');
    expect(joinCodeOf('/j/123456/', '')).toBe('123456');
    expect(joinCodeOf('/j', '?code=123%20456')).toBe('123456');
    expect(joinCodeOf('/j', '?code=12345')).toBeUndefined();
    expect(joinCodeOf('/join', '?code=123456')).toBeUndefined();
  });
});
