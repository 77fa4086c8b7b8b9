// Activity definitions, ballots and tallies: the pure rules that server, components and export share.
import * as v from 'valibot';

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface OptionDef {
  id: string;
  label: string;
}

interface ActivityBase {
  id: string;
  prompt: string;
  /** Index of the horizontal slide that holds the activity (0-based). */
  slide: number;
  slideTitle: string;
  options: OptionDef[];
}

export interface SingleChoiceDef extends ActivityBase {
  kind: 'single';
}

/** Every activity kind is one member of this union; later kinds add members. */
export type ActivityDef = SingleChoiceDef;
export type ActivityKind = ActivityDef['kind'];

export const ACTIVITY_KINDS: readonly ActivityKind[] = ['single'];

export interface SingleChoiceBallot {
  option: string;
}
export type Ballot = SingleChoiceBallot;

export interface ChoiceTally {
  kind: 'single';
  /** Number of participants whose ballot counts. */
  ballots: number;
  counts: Record<string, number>;
}
export type Tally = ChoiceTally;

export type BallotCheck =
  | { ok: true; ballot: Ballot }
  | { ok: false; code: 'invalid_ballot' | 'unknown_option'; message: string };

const SingleBallotSchema = v.strictObject({ option: v.pipe(v.string(), v.maxLength(64)) });

/** Check a ballot that arrived from the outside against the activity it is meant for. */
export function checkBallot(def: ActivityDef, raw: unknown): BallotCheck {
  switch (def.kind) {
    case 'single': {
      const parsed = v.safeParse(SingleBallotSchema, raw);
      if (!parsed.success) {
        return {
          ok: false,
          code: 'invalid_ballot',
          message: 'En stemme på et enkeltvalg skal have formen {"option":"<svarmulighed>"}.',
        };
      }
      const option = parsed.output.option;
      if (!def.options.some((o) => o.id === option)) {
        return {
          ok: false,
          code: 'unknown_option',
          message: `Svarmuligheden "${option}" findes ikke i aktiviteten "${def.id}".`,
        };
      }
      return { ok: true, ballot: { option } };
    }
  }
}

export function emptyTally(def: ActivityDef): Tally {
  const counts: Record<string, number> = {};
  for (const o of def.options) counts[o.id] = 0;
  return { kind: def.kind, ballots: 0, counts };
}

/** Add (sign = 1) or remove (sign = -1) one valid ballot: O(1) per vote, so a room of thousands stays cheap. */
export function applyToTally(tally: Tally, ballot: Ballot, sign: 1 | -1): void {
  switch (tally.kind) {
    case 'single': {
      tally.ballots += sign;
      tally.counts[ballot.option] = (tally.counts[ballot.option] ?? 0) + sign;
      return;
    }
  }
}

/** Tally a whole set of ballots; the reference the incremental path is tested against. */
export function tallyBallots(def: ActivityDef, ballots: Iterable<Ballot>): Tally {
  const tally = emptyTally(def);
  for (const b of ballots) applyToTally(tally, b, 1);
  return tally;
}

export interface ResultRow {
  id: string;
  label: string;
  count: number;
  /** Share of the ballots, 0..1. */
  share: number;
}

/** Rows for a chart or table, in the deck's option order. */
export function resultRows(def: ActivityDef, tally: Tally | undefined): ResultRow[] {
  const t = tally ?? emptyTally(def);
  return def.options.map((o) => {
    const count = t.counts[o.id] ?? 0;
    return { id: o.id, label: o.label, count, share: t.ballots > 0 ? count / t.ballots : 0 };
  });
}

export function describeBallot(def: ActivityDef, ballot: Ballot): string {
  switch (def.kind) {
    case 'single':
      return def.options.find((o) => o.id === ballot.option)?.label ?? ballot.option;
  }
}
