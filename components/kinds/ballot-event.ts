// The one event every participant ballot element sends: rs-ballot, with the activity and a ballot of its kind.
import type { ActivityDef, Ballot, WireBallot } from '../../core/activity.js';
import type { ActivityStatus } from '../../core/room-doc.js';

export interface BallotEventDetail {
  activity: string;
  ballot: Ballot;
}

export function ballotEvent(activity: string, ballot: Ballot): CustomEvent<BallotEventDetail> {
  return new CustomEvent<BallotEventDetail>('rs-ballot', { detail: { activity, ballot }, bubbles: true, composed: true });
}

/** The properties the participant app sets on every ballot element. */
export interface BallotElement {
  definition: ActivityDef;
  status: ActivityStatus;
  /** The participant's current ballot (stored, on its way, or the last accepted one), if any; tagged or as the wire has it. */
  ballot: WireBallot | undefined;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rs-ballot': CustomEvent<BallotEventDetail>;
  }
}
