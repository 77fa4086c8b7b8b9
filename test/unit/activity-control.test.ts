// Activity control without a server: nextState turns a facilitator's request and the state before into the state after.
import { describe, expect, it } from 'vitest';
import type { ActivityDef } from '../../core/activity.js';
import { type ActivityState, initialActivityState } from '../../core/room-doc.js';
import { textKey } from '../../core/text.js';
import { type ActivityRequest, nextState, withEntryHidden } from '../../server/room/activity-control.js';
import { single, text } from './helpers.js';

const T0 = 1_700_000_000_000;

function stepOf(before: ActivityState, request: ActivityRequest, now = T0, def: ActivityDef = single): ActivityState {
  const step = nextState(def, before, request, now);
  if (!step.ok) throw new Error(`expected ${request.action} to be allowed, got ${JSON.stringify(step.refused)}`);
  return step.next;
}

function refusal(before: ActivityState, request: ActivityRequest, def: ActivityDef = single): { status: number; code: string } {
  const step = nextState(def, before, request, T0);
  if (step.ok) throw new Error(`expected ${request.action} to be refused`);
  const body = step.refused.body as { error: { code: string } };
  return { status: step.refused.status, code: body.error.code };
}

const idle = initialActivityState();
const open: ActivityState = { ...idle, status: 'open', openedAt: T0 - 5000 };
const closed: ActivityState = { ...idle, status: 'closed', openedAt: T0 - 9000, closedAt: T0 - 4000 };

describe('nextState: opening and closing', () => {
  it('opens an idle activity at now, with no countdown', () => {
    expect(stepOf(idle, { action: 'open', activity: single.id })).toEqual({
      ...idle,
      status: 'open',
      openedAt: T0,
      closedAt: null,
      closesAt: null,
    });
  });

  it('reopens a closed activity: closedAt and any countdown go, the decision and reveal stay', () => {
    const before: ActivityState = { ...closed, revealed: true, decision: 'Vedtaget' };
    const next = stepOf(before, { action: 'open', activity: single.id });
    expect(next).toMatchObject({ status: 'open', openedAt: T0, closedAt: null, closesAt: null, revealed: true, decision: 'Vedtaget' });
  });

  it('leaves an open activity as it is when opened again (its openedAt and countdown stay)', () => {
    const before: ActivityState = { ...open, closesAt: T0 + 30_000 };
    expect(stepOf(before, { action: 'open', activity: single.id })).toBe(before);
  });

  it('closes an open activity at now and stops its countdown', () => {
    const before: ActivityState = { ...open, closesAt: T0 + 30_000 };
    expect(stepOf(before, { action: 'close', activity: single.id })).toEqual({ ...before, status: 'closed', closedAt: T0, closesAt: null });
  });

  it('leaves a closed activity as it is when closed again', () => {
    expect(stepOf(closed, { action: 'close', activity: single.id })).toBe(closed);
  });
});

describe('nextState: reveal, decision, reset', () => {
  it('reveals and hides results without touching the status', () => {
    const shown = stepOf(open, { action: 'reveal', activity: single.id });
    expect(shown).toEqual({ ...open, revealed: true });
    expect(stepOf(shown, { action: 'hide', activity: single.id })).toEqual({ ...open, revealed: false });
  });

  it('records the decision trimmed', () => {
    expect(stepOf(closed, { action: 'decide', activity: single.id, decision: '  Forslaget er vedtaget.\n' }).decision).toBe(
      'Forslaget er vedtaget.',
    );
  });

  it('resets to the initial state whatever came before', () => {
    const before: ActivityState = { ...closed, revealed: true, decision: 'x', hiddenEntries: ['a'], answered: 12 };
    expect(stepOf(before, { action: 'reset', activity: single.id })).toEqual(initialActivityState());
  });
});

describe('nextState: countdowns', () => {
  it('sets closesAt seconds from now on an open activity', () => {
    expect(stepOf(open, { action: 'countdown', activity: single.id, seconds: 45 }).closesAt).toBe(T0 + 45_000);
  });

  it('cancels a running countdown with 0 seconds, also once the activity is closed', () => {
    expect(stepOf({ ...open, closesAt: T0 + 1000 }, { action: 'countdown', activity: single.id, seconds: 0 }).closesAt).toBeNull();
    expect(stepOf(closed, { action: 'countdown', activity: single.id, seconds: 0 }).closesAt).toBeNull();
  });

  it('refuses to start a countdown unless the activity is open', () => {
    for (const before of [idle, closed]) {
      expect(refusal(before, { action: 'countdown', activity: single.id, seconds: 10 })).toEqual({ status: 409, code: 'activity_closed' });
    }
  });
});

describe('nextState: hiding open-text entries', () => {
  it('hides an entry by its normalised key, once, and shows it again', () => {
    const key = textKey('Mere tillid');
    const hidden = stepOf(open, { action: 'hide-entry', activity: text.id, entry: '  mere   TILLID ' }, T0, text);
    expect(hidden.hiddenEntries).toEqual([key]);
    expect(stepOf(hidden, { action: 'hide-entry', activity: text.id, entry: 'Mere tillid' }, T0, text).hiddenEntries).toEqual([key]);
    expect(stepOf(hidden, { action: 'show-entry', activity: text.id, entry: 'Mere tillid' }, T0, text).hiddenEntries).toEqual([]);
  });

  it('refuses to hide entries of an activity that is not open text', () => {
    expect(refusal(open, { action: 'hide-entry', activity: single.id, entry: 'Ja' })).toEqual({ status: 400, code: 'invalid_request' });
    expect(refusal(open, { action: 'show-entry', activity: single.id, entry: 'Ja' })).toEqual({ status: 400, code: 'invalid_request' });
  });

  it('withEntryHidden adds a key once and keeps the rest of the state', () => {
    const once = withEntryHidden(open, 'a');
    expect(once).toEqual({ ...open, hiddenEntries: ['a'] });
    expect(withEntryHidden(once, 'a')).toBe(once);
  });
});

describe('nextState is pure', () => {
  it('never changes the state it is given', () => {
    const before: ActivityState = { ...open, hiddenEntries: ['x'] };
    const copy = structuredClone(before);
    for (const request of [
      { action: 'close', activity: text.id },
      { action: 'reveal', activity: text.id },
      { action: 'reset', activity: text.id },
      { action: 'countdown', activity: text.id, seconds: 5 },
      { action: 'hide-entry', activity: text.id, entry: 'y' },
      { action: 'show-entry', activity: text.id, entry: 'x' },
    ] satisfies ActivityRequest[]) {
      nextState(text, before, request, T0);
      expect(before).toEqual(copy);
    }
  });
});
