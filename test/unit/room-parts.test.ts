// The room's parts on their own: ballots and text-answer tracing against real storage, countdown timers with a fake clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeckManifest } from '../../core/deck.js';
import { type ActivityState, initialActivityState } from '../../core/room-doc.js';
import { textKey } from '../../core/text.js';
import { SecretVotes } from '../../server/members.js';
import { Ballots } from '../../server/room/ballots.js';
import { Countdowns } from '../../server/room/countdowns.js';
import type { Storage } from '../../server/storage.js';
import { SqliteStorage } from '../../server/storage-sqlite.js';
import { single, text } from './helpers.js';

const manifest: DeckManifest = { id: 'deck', title: 'Deck', lang: 'da', slides: [], activities: [single, text], boards: [] };
const open: ActivityState = { ...initialActivityState(), status: 'open', openedAt: 1 };

let n = 0;
function intent(activity: string, ballot: unknown) {
  n++;
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'ballot' as const, activity, ballot };
}

describe('Ballots', () => {
  let storage: Storage;
  let changed: string[];
  let ballots: Ballots;
  const states = new Map<string, ActivityState>();
  const stateOf = (id: string) => states.get(id) ?? initialActivityState();

  function make(): Ballots {
    const secret = new SecretVotes(storage, 'r1', manifest, () => undefined);
    return new Ballots({ roomId: 'r1', activities: manifest.activities, storage, secret, changed: (id) => changed.push(id) });
  }

  beforeEach(async () => {
    storage = new SqliteStorage(':memory:');
    await storage.createRoom({
      id: 'r1',
      deck: 'deck',
      deckVersion: 1,
      joinCode: '123456',
      facilitatorKeyHash: '0'.repeat(64),
      createdAt: 1,
    });
    changed = [];
    states.clear();
    ballots = make();
  });

  afterEach(() => storage.close());

  it('refuses a ballot while the activity is not open, and counts one once it is', async () => {
    const [first] = single.options;
    expect((await ballots.cast('p1', intent(single.id, { option: first!.id }), stateOf)).status).toBe(409);
    states.set(single.id, open);
    const answer = await ballots.cast('p1', intent(single.id, { option: first!.id }), stateOf);
    expect(answer.status).toBe(200);
    expect(ballots.answered(single.id)).toBe(1);
    expect(ballots.of('p1')).toEqual({ [single.id]: { option: first!.id } });
    expect(changed).toEqual([single.id]);
  });

  it('answers a retried intent as the first time and counts a changed vote in place of the old one', async () => {
    states.set(single.id, open);
    const [a, b] = single.options;
    const once = intent(single.id, { option: a!.id });
    const answer = await ballots.cast('p1', once, stateOf);
    expect(await ballots.cast('p1', once, stateOf)).toEqual(answer);
    await ballots.cast('p1', intent(single.id, { option: b!.id }), stateOf);
    expect(ballots.answered(single.id)).toBe(1);
    expect(ballots.tally(single.id)).toMatchObject({ ballots: 1 });
  });

  it('loads the stored ballots into the same tallies after a restart', async () => {
    states.set(text.id, open);
    await ballots.cast('p1', intent(text.id, { text: 'Mere tid' }), stateOf);
    await ballots.cast('p2', intent(text.id, { text: 'mere  tid' }), stateOf);
    const again = make();
    await again.load();
    expect(again.answered(text.id)).toBe(2);
    expect(again.tally(text.id)).toEqual(ballots.tally(text.id));
  });

  it('traces a text entry to its one sender, and refuses when several gave it or none did', async () => {
    states.set(text.id, open);
    await ballots.cast('p1', intent(text.id, { text: 'Kun min' }), stateOf);
    await ballots.cast('p2', intent(text.id, { text: 'Fælles' }), stateOf);
    await ballots.cast('p3', intent(text.id, { text: 'fælles' }), stateOf);
    expect(ballots.senderOf(text, 'kun MIN')).toEqual({ ok: true, sender: 'p1' });
    const refusedWith = (entry: string) => {
      const t = ballots.senderOf(text, entry);
      return t.ok ? undefined : t.refused.status;
    };
    expect(refusedWith('Fælles')).toBe(409);
    expect(refusedWith('Ingen')).toBe(404);
    expect(ballots.senderOf(single, 'x').ok).toBe(false);
  });

  it('names the text answers to hide for a sender, keeping those others gave too and those already hidden', async () => {
    states.set(text.id, open);
    await ballots.cast('p1', intent(text.id, { text: 'Fælles' }), stateOf);
    await ballots.cast('p2', intent(text.id, { text: 'Fælles' }), stateOf);
    await ballots.cast('p3', intent(text.id, { text: 'Mit eget' }), stateOf);
    expect(ballots.textAnswersOf('p1', () => [])).toEqual({ hide: [], kept: 1 });
    expect(ballots.textAnswersOf('p3', () => [])).toEqual({ hide: [[text.id, textKey('Mit eget')]], kept: 0 });
    expect(ballots.textAnswersOf('p3', () => [textKey('Mit eget')])).toEqual({ hide: [], kept: 0 });
  });

  it('clears one activity on reset', async () => {
    states.set(single.id, open);
    await ballots.cast('p1', intent(single.id, { option: single.options[0]!.id }), stateOf);
    ballots.clear(single);
    expect(ballots.answered(single.id)).toBe(0);
    expect(ballots.of('p1')).toEqual({});
  });
});

describe('Countdowns', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('fires once at closesAt for an open activity, and not after it was re-armed without one', () => {
    const due: string[] = [];
    const countdowns = new Countdowns((id) => due.push(id));
    countdowns.arm('a', { ...open, closesAt: 1_005_000 });
    countdowns.arm('b', { ...open, closesAt: 1_002_000 });
    countdowns.arm('b', { ...open, closesAt: null });
    vi.advanceTimersByTime(4_999);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(due).toEqual(['a']);
    vi.advanceTimersByTime(60_000);
    expect(due).toEqual(['a']);
  });

  it('fires at once for a deadline already past (a restart after it), never for a closed activity, and never once stopped', () => {
    const due: string[] = [];
    const countdowns = new Countdowns((id) => due.push(id));
    countdowns.arm('late', { ...open, closesAt: 900_000 });
    countdowns.arm('shut', { ...open, status: 'closed', closesAt: 1_001_000 });
    vi.advanceTimersByTime(0);
    expect(due).toEqual(['late']);
    countdowns.arm('x', { ...open, closesAt: 1_001_000 });
    countdowns.stop();
    countdowns.arm('y', { ...open, closesAt: 1_001_000 });
    vi.advanceTimersByTime(10_000);
    expect(due).toEqual(['late']);
  });
});
