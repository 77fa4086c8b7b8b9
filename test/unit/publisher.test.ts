// The publisher's timing with a fake clock: a change in a quiet room goes out on the next turn of the event loop, a
// burst in one turn is one publication, and under a stream of changes publications stay one per interval.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Tally } from '../../core/activity.js';
import { type ActivityState, DOC, initialActivityState, LIVE_DOC } from '../../core/room-doc.js';
import { Publisher } from '../../server/room/publisher.js';

const INTERVAL = 200;
const ACTIVITY = 'poll';

/** A room of one open single-choice poll whose ballots the test sets; every flush is timed. */
function room(options: { revealed?: boolean; interval?: number; liveInterval?: number } = {}) {
  const publicDoc = new Y.Doc();
  const liveDoc = new Y.Doc();
  let ballots = 0;
  let participants = 0;
  const flushes: number[] = [];
  const state = (): ActivityState => ({
    ...initialActivityState(),
    status: 'open',
    openedAt: 1,
    revealed: options.revealed ?? false,
    answered: ballots,
  });
  const publisher = new Publisher({
    publicDoc,
    liveDoc,
    publishIntervalMs: options.interval ?? INTERVAL,
    ...(options.liveInterval !== undefined ? { liveIntervalMs: options.liveInterval } : {}),
    meta: () => ({ roomId: 'r1', deck: 'deck', title: 'Deck', joinCode: '123456' }),
    isActivity: (id) => id === ACTIVITY,
    stateOf: state,
    tally: (): Tally => ({ kind: 'single', ballots, counts: { a: ballots } }),
    sealed: () => false,
    presence: () => ({ participants, facilitators: 1, joined: participants }),
    restoreBoard: () => undefined,
    // Called once in every flush.
    flushBoards: () => flushes.push(performance.now()),
  });
  publisher.publishAll([ACTIVITY]);
  flushes.length = 0;
  return {
    publisher,
    publicDoc,
    liveDoc,
    flushes,
    vote() {
      ballots++;
      publisher.activityChanged(ACTIVITY);
    },
    join() {
      participants++;
      publisher.presenceChanged();
    },
    /** What the facilitators see. */
    live: () => (liveDoc.getMap(LIVE_DOC.tallies).get(ACTIVITY) as { ballots: number } | undefined)?.ballots,
    participants: () => liveDoc.getMap(LIVE_DOC.presence).get('participants'),
    /** What every phone sees. */
    answered: () => (publicDoc.getMap(DOC.activities).get(ACTIVITY) as ActivityState | undefined)?.answered,
    results: () => publicDoc.getMap(DOC.results).get(ACTIVITY),
  };
}

describe('Publisher timing', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      now: 1_000_000,
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'Date', 'performance'],
    });
  });
  afterEach(() => vi.useRealTimers());

  it('publishes a change in a quiet room on the next turn of the event loop, not after the interval', () => {
    const r = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    r.vote();
    expect(r.live()).toBe(0);
    vi.advanceTimersByTime(0);
    expect(r.live()).toBe(1);
    expect(r.flushes).toHaveLength(1);
    // Quiet again for longer than the interval: the next vote goes out at once too.
    vi.advanceTimersByTime(INTERVAL);
    r.vote();
    vi.advanceTimersByTime(0);
    expect(r.live()).toBe(2);
    expect(r.flushes).toHaveLength(2);
  });

  it('publishes a burst within one turn as one flush', () => {
    const r = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    for (let i = 0; i < 50; i++) r.vote();
    r.join();
    r.join();
    vi.advanceTimersByTime(0);
    expect(r.flushes).toHaveLength(1);
    expect(r.live()).toBe(50);
    expect(r.participants()).toBe(2);
    vi.advanceTimersByTime(10 * INTERVAL);
    expect(r.flushes).toHaveLength(1);
  });

  it('holds a change that follows a publication until the interval since that publication has passed', () => {
    const r = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    r.vote();
    vi.advanceTimersByTime(0);
    const first = r.flushes[0]!;
    vi.advanceTimersByTime(50);
    r.vote();
    r.vote();
    vi.advanceTimersByTime(INTERVAL - 50 - 1);
    expect(r.live()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(r.live()).toBe(3);
    expect(r.flushes).toEqual([first, first + INTERVAL]);
  });

  it('counts a flush called directly (a facilitator action) towards the interval', () => {
    const r = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    r.publisher.flush();
    r.vote();
    vi.advanceTimersByTime(INTERVAL - 1);
    expect(r.live()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(r.live()).toBe(1);
  });

  it('publishes at most once per interval under a steady stream of changes, and every change reaches the facilitators', () => {
    const r = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    // A vote every 5 ms for 10 s: 2,000 votes, as the bench's 2,000 phones over 10 s.
    for (let i = 0; i < 2000; i++) {
      r.vote();
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(INTERVAL);
    expect(r.live()).toBe(2000);
    const gaps = r.flushes.slice(1).map((t, i) => t - r.flushes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL);
    // 10 s of votes: the first at once, then one per interval.
    expect(r.flushes.length).toBeLessThanOrEqual(10_000 / INTERVAL + 1);
    expect(r.flushes.length).toBeGreaterThanOrEqual(10_000 / INTERVAL);
  });

  it('with a shorter live interval, the facilitators see a busy room’s votes sooner while the phones’ document keeps its rate', () => {
    const LIVE = 50;
    const r = room({ liveInterval: LIVE });
    vi.advanceTimersByTime(10 * INTERVAL);
    // When the facilitators' document changed, and how long each vote waited for it.
    const liveChanges: number[] = [];
    const waiting: number[] = [];
    let worstWait = 0;
    r.liveDoc.on('update', () => {
      const now = performance.now();
      liveChanges.push(now);
      for (const since of waiting.splice(0)) worstWait = Math.max(worstWait, now - since);
    });
    // A vote every 5 ms for 10 s.
    for (let i = 0; i < 2000; i++) {
      r.vote();
      waiting.push(performance.now());
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(INTERVAL);
    expect(r.live()).toBe(2000);
    // The console: a vote waits at most one live interval.
    expect(worstWait).toBeLessThanOrEqual(LIVE);
    const liveGaps = liveChanges.slice(1).map((t, i) => t - liveChanges[i]!);
    expect(Math.min(...liveGaps)).toBeGreaterThanOrEqual(LIVE);
    // The phones' document: still at most once per publish interval.
    const gaps = r.flushes.slice(1).map((t, i) => t - r.flushes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL);
    expect(r.flushes.length).toBeLessThanOrEqual(10_000 / INTERVAL + 1);
  });

  it('keeps the delayed answered count within one flush per interval too', () => {
    // 300 ms: the count's second falls between two flushes instead of on one.
    const r = room({ interval: 300 });
    vi.advanceTimersByTime(10 * 300);
    for (let i = 0; i < 1000; i++) {
      r.vote();
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(2000);
    expect(r.live()).toBe(1000);
    expect(r.answered()).toBe(1000);
    const gaps = r.flushes.slice(1).map((t, i) => t - r.flushes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(300);
  });

  it('still sends the answered count alone to the phones at most once a second', () => {
    const r = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    r.vote();
    vi.advanceTimersByTime(0);
    expect(r.answered()).toBe(1);
    vi.advanceTimersByTime(INTERVAL);
    r.vote();
    vi.advanceTimersByTime(0);
    // The facilitators see it at once; the phones' count waits for its second.
    expect(r.live()).toBe(2);
    expect(r.answered()).toBe(1);
    vi.advanceTimersByTime(1000 - INTERVAL - 1);
    expect(r.answered()).toBe(1);
    // Its second is up: the count's timer, then the flush it asks for on the next turn.
    vi.advanceTimersByTime(1);
    expect(r.answered()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(r.answered()).toBe(2);
  });

  it('keeps results out of the public document until revealed', () => {
    const hidden = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    hidden.vote();
    vi.advanceTimersByTime(0);
    expect(hidden.live()).toBe(1);
    expect(hidden.results()).toBeUndefined();
    const shown = room({ revealed: true });
    vi.advanceTimersByTime(10 * INTERVAL);
    shown.vote();
    vi.advanceTimersByTime(0);
    expect(shown.results()).toMatchObject({ ballots: 1 });
  });

  it('undoes a stray write to a server-owned map on the next turn', () => {
    const r = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    r.publicDoc.getMap(DOC.activities).set('stray', { status: 'open' });
    expect(r.publicDoc.getMap(DOC.activities).has('stray')).toBe(true);
    vi.advanceTimersByTime(0);
    expect(r.publicDoc.getMap(DOC.activities).has('stray')).toBe(false);
  });

  it('publishes nothing once stopped, not even a flush already on its way', () => {
    const r = room();
    vi.advanceTimersByTime(10 * INTERVAL);
    r.vote();
    r.publisher.stop();
    vi.advanceTimersByTime(10 * INTERVAL);
    expect(r.flushes).toHaveLength(0);
    expect(r.live()).toBe(0);
  });
});
