// Activity control as a pure step: a facilitator's request and the state before give the state after, or a refusal.
import type { ActivityDef } from '../../core/activity.js';
import { initialActivityState, type ActivityState } from '../../core/room-doc.js';
import { textKey } from '../../core/text.js';
import type { ControlRequest } from '../../core/wire.js';
import { type Answer, fail } from '../answer.js';

/** The requests that change one activity's state (tracing a sender spans the room and is not one of them). */
export type ActivityRequest = Exclude<ControlRequest, { action: 'entry-hide-sender' }>;

export type ControlStep = { ok: true; next: ActivityState } | { ok: false; refused: Answer };

/**
 * What `request` makes of `before` at `now` (ms). No storage, no clock, no timers: the room stores the result,
 * arms the countdown it names and publishes it. Opening an open activity or closing a closed one changes nothing.
 */
export function nextState(def: ActivityDef, before: ActivityState, request: ActivityRequest, now: number): ControlStep {
  switch (request.action) {
    case 'open':
      return step(before.status === 'open' ? before : { ...before, status: 'open', openedAt: now, closedAt: null, closesAt: null });
    case 'close':
      return step(before.status === 'closed' ? before : { ...before, status: 'closed', closedAt: now, closesAt: null });
    case 'reveal':
      return step({ ...before, revealed: true });
    case 'hide':
      return step({ ...before, revealed: false });
    case 'reset':
      return step(initialActivityState());
    case 'decide':
      return step({ ...before, decision: request.decision.trim() });
    case 'countdown':
      if (request.seconds > 0 && before.status !== 'open') {
        return refuse(fail(409, 'activity_closed', 'Nedtællingen kan kun startes, mens aktiviteten er åben.'));
      }
      return step({ ...before, closesAt: request.seconds > 0 ? now + request.seconds * 1000 : null });
    case 'hide-entry':
    case 'show-entry': {
      if (def.kind !== 'text') return refuse(fail(400, 'invalid_request', 'Kun fritekstsvar kan skjules.'));
      const key = textKey(request.entry);
      const hidden = before.hiddenEntries.filter((k) => k !== key);
      if (request.action === 'hide-entry') hidden.push(key);
      return step({ ...before, hiddenEntries: hidden });
    }
  }
}

/** The state with one more text entry hidden (hiding a participant's answers everywhere, one activity at a time). */
export function withEntryHidden(before: ActivityState, key: string): ActivityState {
  return before.hiddenEntries.includes(key) ? before : { ...before, hiddenEntries: [...before.hiddenEntries, key] };
}

function step(next: ActivityState): ControlStep {
  return { ok: true, next };
}

function refuse(refused: Answer): ControlStep {
  return { ok: false, refused };
}
