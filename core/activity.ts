// The activity kinds joined in one registry, and the rules server, components and export share through it.
// Each kind is a module in core/kinds/; a new kind is one more entry in KINDS (docs/adding-a-kind.md).
import type { ActivityBase, Checked, KindRules, MarkupReader, OptionDef, Refusal, ResultRow } from './kinds/kind.js';
import { motion, type MotionBallot, type MotionDef } from './kinds/motion.js';
import { multi, type MultiChoiceBallot, type MultiChoiceDef } from './kinds/multi.js';
import { points, type PointsBallot, type PointsDef, type PointsTally } from './kinds/points.js';
import { ranking, type RankingBallot, type RankingDef, type RankingTally } from './kinds/ranking.js';
import { mean, scale, type ScaleBallot, type ScaleDef, type ScaleTally } from './kinds/scale.js';
import { single, type ChoiceTally, type SingleChoiceBallot, type SingleChoiceDef } from './kinds/single.js';
import { hiddenCount, text, wordCounts as textWords, type TextBallot, type TextDef, type TextTally } from './kinds/text.js';

export type { ExportTable, MarkupReader, OptionDef, ResultRow } from './kinds/kind.js';
export type { ChoiceTally } from './kinds/single.js';
export type { TextEntry, TextTally } from './kinds/text.js';
export { MOTION_OPTIONS } from './kinds/motion.js';

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Each kind's definition, ballot and tally: the one list a new kind is added to. */
interface KindTypes {
  single: { def: SingleChoiceDef; ballot: SingleChoiceBallot; tally: ChoiceTally<'single'> };
  multi: { def: MultiChoiceDef; ballot: MultiChoiceBallot; tally: ChoiceTally<'multi'> };
  ranking: { def: RankingDef; ballot: RankingBallot; tally: RankingTally };
  points: { def: PointsDef; ballot: PointsBallot; tally: PointsTally };
  scale: { def: ScaleDef; ballot: ScaleBallot; tally: ScaleTally };
  text: { def: TextDef; ballot: TextBallot; tally: TextTally };
  motion: { def: MotionDef; ballot: MotionBallot; tally: ChoiceTally<'motion'> };
}

export type ActivityKind = keyof KindTypes;
/** Every activity kind is one member of this union. */
export type ActivityDef = KindTypes[ActivityKind]['def'];
/** A ballot inside the server and the exports, tagged with its kind. */
export type Ballot = KindTypes[ActivityKind]['ballot'];
export type Tally = KindTypes[ActivityKind]['tally'];
/** A ballot as the wire and storage carry it: the kind's fields, no tag (the activity says the kind). */
export type WireBallot = Ballot extends infer B ? (B extends Ballot ? Omit<B, 'kind'> : never) : never;
export type BallotCheck = Checked<Ballot>;
export type KindOf<K extends ActivityKind> = KindTypes[K];

type Registry = { [K in ActivityKind]: KindRules<KindTypes[K]['def'], KindTypes[K]['ballot'], KindTypes[K]['tally']> };

/** The rules of every kind, by kind. A kind missing here, or missing a rule, does not compile. */
export const KINDS: Registry = { single, multi, ranking, points, scale, text, motion };

/** In the order the editor and the docs list them. */
export const ACTIVITY_KINDS = Object.keys(KINDS) as ActivityKind[];

export const KIND_LABELS = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, KINDS[k].label])) as Record<ActivityKind, string>;

export function isActivityKind(kind: string): kind is ActivityKind {
  return Object.hasOwn(KINDS, kind);
}

// The one place the kinds are looked up from a definition. TypeScript cannot follow that `def.kind` picks the
// rules made for `def`'s own type (a correlated union), so the lookup widens the rules to the union once,
// here, instead of a cast at every use.
type AnyRules = KindRules<ActivityDef, Ballot, Tally>;
function rulesFor(kind: ActivityKind): AnyRules {
  return KINDS[kind] as unknown as AnyRules;
}

/** A definition from its markup; `base` holds what every kind has. */
export function parseActivity(kind: ActivityKind, base: Omit<ActivityBase, 'options'>, markup: MarkupReader): ActivityDef {
  return rulesFor(kind).parse(base, markup);
}

/**
 * Check a ballot that arrived from the outside against the activity it is meant for. The wire's ballots carry
 * no tag; one that carries its own kind's tag is taken as well (a ballot the phone checked before sending).
 */
export function checkBallot(def: ActivityDef, raw: unknown): BallotCheck {
  const rules = rulesFor(def.kind);
  let fields = raw;
  if (raw !== null && typeof raw === 'object' && 'kind' in raw && (raw as { kind: unknown }).kind === def.kind) {
    const { kind: _tag, ...rest } = raw as Record<string, unknown>;
    fields = rest;
  }
  const checked = rules.check(def, fields);
  if (checked) return checked;
  return { ok: false, code: 'invalid_ballot', message: `Et svar på ${rules.label.toLowerCase()} skal have formen ${rules.shape}.` };
}

/**
 * A ballot read back from storage (or the wire), which was checked when it came in, tagged with the kind of
 * its activity (or of the tally it is counted in).
 */
export function ballotOf(of: { kind: ActivityKind }, stored: Ballot | WireBallot): Ballot {
  return { ...stored, kind: of.kind } as Ballot;
}

/** A ballot as the wire and storage carry it, without its tag. */
export function wireBallot(ballot: Ballot): WireBallot {
  const { kind: _tag, ...fields } = ballot;
  return fields;
}

export function emptyTally(def: ActivityDef): Tally {
  return rulesFor(def.kind).emptyTally(def);
}

/**
 * Add (sign = 1) or remove (sign = -1) one valid ballot: O(size of the ballot) per vote, so a room of
 * thousands stays cheap and a changed vote is a remove plus an add.
 */
export function applyToTally(tally: Tally, ballot: Ballot, sign: 1 | -1): void {
  if (ballot.kind !== tally.kind) throw new Error(`A ${ballot.kind} ballot cannot be counted in a ${tally.kind} tally.`);
  tally.ballots += sign;
  rulesFor(tally.kind).apply(tally, ballot, sign);
}

/** Tally a whole set of ballots; the reference the incremental path is tested against. */
export function tallyBallots(def: ActivityDef, ballots: Iterable<Ballot>): Tally {
  const tally = emptyTally(def);
  for (const b of ballots) applyToTally(tally, b, 1);
  return tally;
}

/** Rows for a chart or table. Choice kinds keep the deck's order; ranking, points and text are sorted best first. */
export function resultRows(def: ActivityDef, tally: Tally | undefined, hidden: readonly string[] = []): ResultRow[] {
  const t = tally && tally.kind === def.kind ? tally : emptyTally(def);
  return rulesFor(def.kind).rows(def, t, hidden);
}

/** Mean of a scale's answers, or null with no answers (and for other kinds). */
export function scaleMean(tally: Tally | undefined): number | null {
  return tally?.kind === 'scale' ? mean(tally) : null;
}

/** Word frequencies across the visible text answers, for a word cloud; empty for other kinds. */
export function wordCounts(tally: Tally | undefined, hidden: readonly string[] = [], limit = 60): { word: string; count: number }[] {
  return tally?.kind === 'text' ? textWords(tally, hidden, limit) : [];
}

/** How many answers the facilitator hid (free text); 0 for other kinds. */
export function hiddenAnswers(tally: Tally | undefined, hidden: readonly string[]): number {
  return tally?.kind === 'text' ? hiddenCount(tally, hidden) : 0;
}

/** How the votes were counted, in the minutes' words. */
export function methodOf(def: ActivityDef): string {
  return rulesFor(def.kind).method(def);
}

/** The definition's own limits, as the JSON export lists them. */
export function limitsOf(def: ActivityDef): Record<string, number | string> {
  return rulesFor(def.kind).limits(def);
}

/** One ballot as a person reads it, whether it came tagged or from the wire. */
export function describeBallot(def: ActivityDef, ballot: Ballot | WireBallot): string {
  return rulesFor(def.kind).describe(def, ballotOf(def, ballot));
}

export type { Refusal };
export type { SingleChoiceDef, MultiChoiceDef, RankingDef, PointsDef, ScaleDef, TextDef, MotionDef };
export type { SingleChoiceBallot, MultiChoiceBallot, RankingBallot, PointsBallot, ScaleBallot, TextBallot };
export type { RankingTally, PointsTally, ScaleTally };
