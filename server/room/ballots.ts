// A room's ballots in memory: the authoritative ballots and tallies, casting one, and tracing or hiding text answers.
import {
  type ActivityDef,
  applyToTally,
  type Ballot,
  ballotOf,
  checkBallot,
  emptyTally,
  type Tally,
  type WireBallot,
  wireBallot,
} from '../../core/activity.js';
import type { ActivityState } from '../../core/room-doc.js';
import { textKey } from '../../core/text.js';
import type { BallotAck, BallotIntent } from '../../core/wire.js';
import { type Answer, fail } from '../answer.js';
import type { SecretVotes } from '../members.js';
import type { Storage } from '../storage.js';

/** The tally as published: text entries the facilitator hid are left out, and spellings stay on the server. */
export function publicTally(tally: Tally | undefined, hidden: readonly string[]): Tally | undefined {
  if (tally?.kind !== 'text') return tally;
  const entries: typeof tally.entries = {};
  for (const [k, e] of Object.entries(tally.entries)) if (!hidden.includes(k)) entries[k] = { text: e.text, count: e.count };
  return { ...tally, entries };
}

export interface BallotsHost {
  readonly roomId: string;
  readonly activities: readonly ActivityDef[];
  readonly storage: Storage;
  /** Members-only activities cast through here and add to the same tallies. */
  readonly secret: SecretVotes;
  /** An activity's ballots or tally changed: its published state and results follow. */
  changed(activityId: string): void;
}

/** Who gave one text entry, or why nobody can be named. */
export type Trace = { ok: true; sender: string } | { ok: false; refused: Answer };

export class Ballots {
  /** activity → participant → ballot, tagged with its kind. */
  private readonly ballots = new Map<string, Map<string, Ballot>>();
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly host: BallotsHost) {
    for (const def of host.activities) this.clear(def);
  }

  /** The stored ballots, counted into the tallies; members-only ballots are counted by the secret votes. */
  async load(): Promise<void> {
    for (const b of await this.host.storage.listBallots(this.host.roomId)) {
      const def = this.def(b.activity);
      if (!def) continue;
      this.put(def, b.participantId, ballotOf(def, b.ballot));
    }
    await this.host.secret.load((activity) => this.tallies.get(activity));
  }

  private def(id: string): ActivityDef | undefined {
    return this.host.activities.find((a) => a.id === id);
  }

  /**
   * A participant's ballot, stored before it counts. A retried intent gets its first answer again; `stateOf`
   * says whether the activity is open. Storage errors reach the caller (the room answers 503).
   */
  async cast(participantId: string, intent: BallotIntent, stateOf: (activityId: string) => ActivityState): Promise<Answer> {
    const { storage, roomId } = this.host;
    const earlier = await storage.getIntentAnswer(roomId, participantId, intent.id);
    if (earlier) return earlier;
    const def = this.def(intent.activity);
    if (!def) return fail(400, 'unknown_activity', `Aktiviteten "${intent.activity}" findes ikke i dette rum.`);
    const { status } = stateOf(def.id);
    if (status !== 'open') {
      return fail(
        409,
        'activity_closed',
        status === 'idle'
          ? `Afstemningen "${def.prompt}" er ikke åbnet endnu.`
          : `Afstemningen "${def.prompt}" er lukket; stemmen blev ikke gemt.`,
      );
    }
    if (def.membersOnly) return await this.host.secret.cast(participantId, def, intent.id, intent.ballot, this.tallies.get(def.id)!);
    const checked = checkBallot(def, intent.ballot);
    if (!checked.ok) return fail(400, checked.code, checked.message);
    const at = Date.now();
    const ack: BallotAck = { id: intent.id, type: 'ballot', activity: def.id, ballot: wireBallot(checked.ballot), storedAt: at };
    const answer: Answer = { status: 200, body: ack };
    await storage.storeBallot({
      roomId,
      activity: def.id,
      participantId,
      ballot: wireBallot(checked.ballot),
      intentId: intent.id,
      answer,
      at,
    });
    this.put(def, participantId, checked.ballot);
    this.host.changed(def.id);
    return answer;
  }

  /** Counts a ballot in place of the participant's earlier one. */
  private put(def: ActivityDef, participantId: string, ballot: Ballot): void {
    const mine = this.ballots.get(def.id)!;
    const tally = this.tallies.get(def.id)!;
    const previous = mine.get(participantId);
    if (previous) applyToTally(tally, previous, -1);
    mine.set(participantId, ballot);
    applyToTally(tally, ballot, 1);
  }

  /** Every ballot of the activity gone (a reset, already stored). */
  clear(def: ActivityDef): void {
    this.ballots.set(def.id, new Map());
    this.tallies.set(def.id, emptyTally(def));
  }

  /** How many participants have a ballot counted. */
  answered(activityId: string): number {
    return this.ballots.get(activityId)?.size ?? 0;
  }

  tally(activityId: string): Tally | undefined {
    return this.tallies.get(activityId);
  }

  /** One participant's own ballots, as the wire carries them. */
  of(participantId: string): Record<string, WireBallot> {
    const out: Record<string, WireBallot> = {};
    for (const [activity, m] of this.ballots) {
      const b = m.get(participantId);
      if (b) out[activity] = wireBallot(b);
    }
    return out;
  }

  /** The one participant who gave this open-text entry; never to be put in an answer or a document. */
  senderOf(def: ActivityDef, entry: string): Trace {
    if (def.kind !== 'text')
      return { ok: false, refused: fail(400, 'invalid_request', 'Kun fritekstsvar kan føres tilbage til en afsender.') };
    const key = textKey(entry);
    const senders: string[] = [];
    for (const [participant, ballot] of this.ballots.get(def.id)!)
      if (ballot.kind === 'text' && textKey(ballot.text) === key) senders.push(participant);
    if (senders.length === 0) return { ok: false, refused: fail(404, 'unknown_entry', 'Svaret findes ikke (længere).') };
    // Which of several it was cannot be told without pointing at one of them, so nobody is picked.
    if (senders.length > 1) {
      return {
        ok: false,
        refused: fail(
          409,
          'several_senders',
          'Flere deltagere har givet dette svar, så det kan ikke føres tilbage til én afsender. Skjul svaret i stedet.',
        ),
      };
    }
    return { ok: true, sender: senders[0]! };
  }

  /**
   * The participant's text answers still showing, by activity (its entry key), and how many stay up because
   * others gave the same answer: hiding one of those would hide theirs as well.
   */
  textAnswersOf(participantId: string, hiddenOf: (activityId: string) => readonly string[]): { hide: [string, string][]; kept: number } {
    const hide: [string, string][] = [];
    let kept = 0;
    for (const def of this.host.activities) {
      const ballot = this.ballots.get(def.id)?.get(participantId);
      if (ballot?.kind !== 'text') continue;
      const key = textKey(ballot.text);
      if (hiddenOf(def.id).includes(key)) continue;
      const tally = this.tallies.get(def.id);
      if (tally?.kind === 'text' && (tally.entries[key]?.count ?? 0) > 1) kept++;
      else hide.push([def.id, key]);
    }
    return { hide, kept };
  }
}
