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
  /** Only the committee's members vote, one secret ballot per voting card (`members-only` in the markup). */
  membersOnly?: true;
}

export interface SingleChoiceDef extends ActivityBase {
  kind: 'single';
}
export interface MultiChoiceDef extends ActivityBase {
  kind: 'multi';
  /** At most this many options per ballot. */
  maxChoices: number;
}
export interface RankingDef extends ActivityBase {
  kind: 'ranking';
}
export interface PointsDef extends ActivityBase {
  kind: 'points';
  /** Points each participant spreads across the options. */
  budget: number;
}
export interface ScaleDef extends ActivityBase {
  kind: 'scale';
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}
export interface TextDef extends ActivityBase {
  kind: 'text';
  maxLength: number;
}
export interface MotionDef extends ActivityBase {
  kind: 'motion';
}

/** Every activity kind is one member of this union. */
export type ActivityDef = SingleChoiceDef | MultiChoiceDef | RankingDef | PointsDef | ScaleDef | TextDef | MotionDef;
export type ActivityKind = ActivityDef['kind'];

export const ACTIVITY_KINDS: readonly ActivityKind[] = ['single', 'multi', 'ranking', 'points', 'scale', 'text', 'motion'];

export const KIND_LABELS: Record<ActivityKind, string> = {
  single: 'Enkeltvalg',
  multi: 'Flervalg',
  ranking: 'Prioritering',
  points: 'Pointfordeling',
  scale: 'Skala',
  text: 'Fritekst',
  motion: 'Afstemning om indstilling',
};

export const MOTION_OPTIONS: readonly OptionDef[] = [
  { id: 'for', label: 'For' },
  { id: 'imod', label: 'Imod' },
  { id: 'undlader', label: 'Undlader' },
];

export interface SingleChoiceBallot {
  option: string;
}
export interface MultiChoiceBallot {
  options: string[];
}
export interface RankingBallot {
  order: string[];
}
export interface PointsBallot {
  points: Record<string, number>;
}
export interface ScaleBallot {
  value: number;
}
export interface TextBallot {
  text: string;
}
export type Ballot = SingleChoiceBallot | MultiChoiceBallot | RankingBallot | PointsBallot | ScaleBallot | TextBallot;

export interface ChoiceTally {
  kind: 'single' | 'multi' | 'motion';
  /** Number of participants whose ballot counts. */
  ballots: number;
  counts: Record<string, number>;
}
export interface RankingTally {
  kind: 'ranking';
  ballots: number;
  /** Borda points: with n options the first place gives n − 1, the last 0. */
  borda: Record<string, number>;
  /** Sum of 1-based ranks; divided by ballots it is the mean rank. */
  rankSum: Record<string, number>;
}
export interface PointsTally {
  kind: 'points';
  ballots: number;
  points: Record<string, number>;
}
export interface ScaleTally {
  kind: 'scale';
  ballots: number;
  counts: Record<string, number>;
  sum: number;
}
export interface TextEntry {
  /** The spelling shown: the one most answers used. */
  text: string;
  count: number;
  /** Counts per spelling, so the shown one can follow when answers change; kept on the server only. */
  spellings?: Record<string, number>;
}
export interface TextTally {
  kind: 'text';
  ballots: number;
  /** Entries by their normalised text, so equal answers are one entry with a count. */
  entries: Record<string, TextEntry>;
}
export type Tally = ChoiceTally | RankingTally | PointsTally | ScaleTally | TextTally;

export type BallotCheck = { ok: true; ballot: Ballot } | { ok: false; code: 'invalid_ballot' | 'unknown_option'; message: string };

const OptionId = v.pipe(v.string(), v.maxLength(64));
const SingleSchema = v.strictObject({ option: OptionId });
const MultiSchema = v.strictObject({ options: v.pipe(v.array(OptionId), v.maxLength(64)) });
const RankingSchema = v.strictObject({ order: v.pipe(v.array(OptionId), v.maxLength(64)) });
const PointsSchema = v.strictObject({
  points: v.pipe(
    v.record(OptionId, v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000))),
    v.check((r) => Object.keys(r).length <= 64, 'For mange svarmuligheder.'),
  ),
});
const ScaleSchema = v.strictObject({ value: v.pipe(v.number(), v.integer()) });
const TextSchema = v.strictObject({ text: v.pipe(v.string(), v.maxLength(2000)) });

const SHAPES: Record<ActivityKind, string> = {
  single: '{"option":"<svarmulighed>"}',
  multi: '{"options":["<svarmulighed>", …]}',
  ranking: '{"order":["<første>", "<anden>", …]}',
  points: '{"points":{"<svarmulighed>":<point>, …}}',
  scale: '{"value":<tal>}',
  text: '{"text":"<dit svar>"}',
  motion: '{"option":"for"|"imod"|"undlader"}',
};

function invalid(message: string): BallotCheck {
  return { ok: false, code: 'invalid_ballot', message };
}

function unknownOption(def: ActivityDef, option: string): BallotCheck {
  return { ok: false, code: 'unknown_option', message: `Svarmuligheden "${option}" findes ikke i aktiviteten "${def.id}".` };
}

function shape<T extends v.GenericSchema>(schema: T, raw: unknown): v.InferOutput<T> | undefined {
  const parsed = v.safeParse(schema, raw);
  return parsed.success ? parsed.output : undefined;
}

// Control characters and bidirectional overrides: invisible, and an override can make a note on the
// projector read differently from what was stored. Line breaks and tabs are white space, kept as spaces.
// Zero-width spaces, word joiners, soft hyphens and byte-order marks show nothing either, so they go too;
// zero-width (non-)joiners and variation selectors stay in what is shown, because emoji and some scripts need them.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u180E\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// What a key ignores besides: every default-ignorable code point (joiners, variation selectors, tags, fillers),
// so two answers that look the same on the screen count as one.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

// Cyrillic and Greek letters that look like Latin ones (after lower-casing). Only mapped in an answer that has Latin
// letters, and there only in a word that mixes scripts ("тillid" with a Cyrillic т) or is made of look-alikes alone
// ("тор"): both are spoofs of a Latin word, while a Russian or Greek word keeps its own letters.
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'ë',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'ï',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'h',
  ι: 'i',
  κ: 'k',
  μ: 'm',
  ν: 'n',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ζ: 'z',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

function latinLookAlikes(text: string): string {
  if (!/\p{Script=Latin}/u.test(text)) return text;
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => {
    const spoof = /\p{Script=Latin}/u.test(word) || word.replace(LOOK_ALIKE, '') === '';
    return spoof ? word.replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c]!) : word;
  });
}

/** Drop invisible controls, trim and collapse white space; what a text answer is compared and counted by. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * What equal answers share: case, and punctuation around the words ("Tillid!" is "tillid"), do not count;
 * nor do compatibility forms (NFKC: fullwidth "Ｔｉｌｌｉｄ", the ligature "ﬁ", mathematical bold letters),
 * invisible code points, or Cyrillic and Greek look-alikes inside a Latin word. Æ, ø and å stay themselves.
 */
export function textKey(text: string): string {
  const folded = normaliseText(text.normalize('NFKC').replace(IGNORABLE, '')).toLocaleLowerCase('da').normalize('NFKC');
  const lower = latinLookAlikes(folded);
  return lower.replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '') || lower;
}

/** Check a ballot that arrived from the outside against the activity it is meant for. */
export function checkBallot(def: ActivityDef, raw: unknown): BallotCheck {
  const wrongShape = () => invalid(`Et svar på ${KIND_LABELS[def.kind].toLowerCase()} skal have formen ${SHAPES[def.kind]}.`);
  const has = (id: string) => def.options.some((o) => o.id === id);
  switch (def.kind) {
    case 'single':
    case 'motion': {
      const b = shape(SingleSchema, raw);
      if (!b) return wrongShape();
      return has(b.option) ? { ok: true, ballot: { option: b.option } } : unknownOption(def, b.option);
    }
    case 'multi': {
      const b = shape(MultiSchema, raw);
      if (!b) return wrongShape();
      const unknown = b.options.find((o) => !has(o));
      if (unknown !== undefined) return unknownOption(def, unknown);
      if (new Set(b.options).size !== b.options.length) return invalid('Den samme svarmulighed er valgt to gange.');
      if (b.options.length === 0) return invalid('Vælg mindst én svarmulighed.');
      if (b.options.length > def.maxChoices) return invalid(`Vælg højst ${def.maxChoices} svarmuligheder.`);
      // Canonical order keeps stored ballots comparable.
      return { ok: true, ballot: { options: def.options.filter((o) => b.options.includes(o.id)).map((o) => o.id) } };
    }
    case 'ranking': {
      const b = shape(RankingSchema, raw);
      if (!b) return wrongShape();
      const unknown = b.order.find((o) => !has(o));
      if (unknown !== undefined) return unknownOption(def, unknown);
      if (new Set(b.order).size !== b.order.length || b.order.length !== def.options.length) {
        return invalid(`En prioritering skal ordne alle ${def.options.length} svarmuligheder præcis én gang.`);
      }
      return { ok: true, ballot: { order: [...b.order] } };
    }
    case 'points': {
      const b = shape(PointsSchema, raw);
      if (!b) return wrongShape();
      const unknown = Object.keys(b.points).find((o) => !has(o));
      if (unknown !== undefined) return unknownOption(def, unknown);
      const total = Object.values(b.points).reduce((a, n) => a + n, 0);
      if (total === 0) return invalid('Fordel mindst ét point.');
      if (total > def.budget) return invalid(`Du kan højst fordele ${def.budget} point (du fordelte ${total}).`);
      const points: Record<string, number> = {};
      for (const o of def.options) if (b.points[o.id]) points[o.id] = b.points[o.id]!;
      return { ok: true, ballot: { points } };
    }
    case 'scale': {
      const b = shape(ScaleSchema, raw);
      if (!b) return wrongShape();
      if (b.value < def.min || b.value > def.max) return invalid(`Vælg et tal fra ${def.min} til ${def.max}.`);
      return { ok: true, ballot: { value: b.value } };
    }
    case 'text': {
      const b = shape(TextSchema, raw);
      if (!b) return wrongShape();
      const text = normaliseText(b.text);
      if (text.length === 0) return invalid('Skriv et svar, før du sender.');
      if (text.length > def.maxLength) return invalid(`Svaret må højst være ${def.maxLength} tegn (det er ${text.length}).`);
      return { ok: true, ballot: { text } };
    }
  }
}

function zeros(def: ActivityDef): Record<string, number> {
  const r: Record<string, number> = {};
  for (const o of def.options) r[o.id] = 0;
  return r;
}

export function emptyTally(def: ActivityDef): Tally {
  switch (def.kind) {
    case 'single':
    case 'multi':
    case 'motion':
      return { kind: def.kind, ballots: 0, counts: zeros(def) };
    case 'ranking':
      return { kind: 'ranking', ballots: 0, borda: zeros(def), rankSum: zeros(def) };
    case 'points':
      return { kind: 'points', ballots: 0, points: zeros(def) };
    case 'scale':
      return { kind: 'scale', ballots: 0, counts: zeros(def), sum: 0 };
    case 'text':
      return { kind: 'text', ballots: 0, entries: {} };
  }
}

function bump(r: Record<string, number>, key: string, by: number): void {
  r[key] = (r[key] ?? 0) + by;
}

/**
 * Add (sign = 1) or remove (sign = -1) one valid ballot: O(size of the ballot) per vote, so a room of
 * thousands stays cheap and a changed vote is a remove plus an add.
 */
export function applyToTally(tally: Tally, ballot: Ballot, sign: 1 | -1): void {
  tally.ballots += sign;
  switch (tally.kind) {
    case 'single':
    case 'motion':
      bump(tally.counts, (ballot as SingleChoiceBallot).option, sign);
      return;
    case 'multi':
      for (const o of (ballot as MultiChoiceBallot).options) bump(tally.counts, o, sign);
      return;
    case 'ranking': {
      const order = (ballot as RankingBallot).order;
      order.forEach((o, i) => {
        bump(tally.borda, o, sign * (order.length - 1 - i));
        bump(tally.rankSum, o, sign * (i + 1));
      });
      return;
    }
    case 'points':
      for (const [o, n] of Object.entries((ballot as PointsBallot).points)) bump(tally.points, o, sign * n);
      return;
    case 'scale': {
      const value = (ballot as ScaleBallot).value;
      bump(tally.counts, String(value), sign);
      tally.sum += sign * value;
      return;
    }
    case 'text': {
      const text = (ballot as TextBallot).text;
      const key = textKey(text);
      const entry = tally.entries[key] ?? { text, count: 0, spellings: {} };
      entry.count += sign;
      if (entry.count <= 0) {
        delete tally.entries[key];
        return;
      }
      entry.spellings ??= { [entry.text]: entry.count - sign };
      const spellings = entry.spellings;
      spellings[text] = (spellings[text] ?? 0) + sign;
      if (spellings[text]! <= 0) delete spellings[text];
      entry.text = commonestSpelling(spellings, entry.text);
      tally.entries[key] = entry;
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
  /** The figure the bar shows: votes, Borda points, points or answers. */
  count: number;
  /** Share of the whole, 0..1. */
  share: number;
  /** Ranking only: mean place, 1 = always first. */
  meanRank?: number;
}

/** Rows for a chart or table. Choice kinds keep the deck's order; ranking, points and text are sorted best first. */
export function resultRows(def: ActivityDef, tally: Tally | undefined, hidden: readonly string[] = []): ResultRow[] {
  const t = tally && tally.kind === emptyTally(def).kind ? tally : emptyTally(def);
  switch (t.kind) {
    case 'single':
    case 'multi':
    case 'motion':
      return def.options.map((o) => {
        const count = t.counts[o.id] ?? 0;
        return { id: o.id, label: o.label, count, share: t.ballots > 0 ? count / t.ballots : 0 };
      });
    case 'scale':
      return def.options.map((o) => {
        const count = t.counts[o.id] ?? 0;
        return { id: o.id, label: o.label, count, share: t.ballots > 0 ? count / t.ballots : 0 };
      });
    case 'ranking': {
      const total = Object.values(t.borda).reduce((a, n) => a + n, 0);
      return def.options
        .map((o) => ({
          id: o.id,
          label: o.label,
          count: t.borda[o.id] ?? 0,
          share: total > 0 ? (t.borda[o.id] ?? 0) / total : 0,
          meanRank: t.ballots > 0 ? (t.rankSum[o.id] ?? 0) / t.ballots : 0,
        }))
        .sort((a, b) => b.count - a.count || a.meanRank - b.meanRank);
    }
    case 'points': {
      const total = Object.values(t.points).reduce((a, n) => a + n, 0);
      return def.options
        .map((o) => ({ id: o.id, label: o.label, count: t.points[o.id] ?? 0, share: total > 0 ? (t.points[o.id] ?? 0) / total : 0 }))
        .sort((a, b) => b.count - a.count);
    }
    case 'text':
      return Object.entries(t.entries)
        .filter(([key]) => !hidden.includes(key))
        .map(([key, e]) => ({ id: key, label: e.text, count: e.count, share: t.ballots > 0 ? e.count / t.ballots : 0 }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'da'));
  }
}

/** Mean of a scale's answers, or null with no answers. */
export function scaleMean(tally: Tally | undefined): number | null {
  return tally?.kind === 'scale' && tally.ballots > 0 ? tally.sum / tally.ballots : null;
}

const STOP_WORDS = new Set(
  'og i at det en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan'.split(
    ' ',
  ),
);

/**
 * The spelling most answers used. On a tie the one shown stays (the first seen); when its last answer
 * is withdrawn, a tie among the rest goes to the first in code-unit order.
 */
function commonestSpelling(spellings: Record<string, number>, current: string): string {
  let best = current in spellings ? current : '';
  let bestCount = spellings[current] ?? -1;
  for (const [text, n] of Object.entries(spellings)) {
    if (n > bestCount || (n === bestCount && best !== current && text < best)) {
      best = text;
      bestCount = n;
    }
  }
  return best;
}

/** Word frequencies across the visible text answers, for a word cloud; common Danish words left out. */
export function wordCounts(tally: Tally | undefined, hidden: readonly string[] = [], limit = 60): { word: string; count: number }[] {
  if (tally?.kind !== 'text') return [];
  const counts = new Map<string, number>();
  for (const [key, e] of Object.entries(tally.entries)) {
    if (hidden.includes(key)) continue;
    for (const raw of key.split(/[^\p{L}\p{N}-]+/u)) {
      const word = raw.replace(/^-+|-+$/g, '');
      if (word.length < 2 || STOP_WORDS.has(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + e.count);
    }
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'da'))
    .slice(0, limit);
}

export function describeBallot(def: ActivityDef, ballot: Ballot): string {
  const label = (id: string) => def.options.find((o) => o.id === id)?.label ?? id;
  switch (def.kind) {
    case 'single':
    case 'motion':
      return label((ballot as SingleChoiceBallot).option);
    case 'multi':
      return (ballot as MultiChoiceBallot).options.map(label).join(', ');
    case 'ranking':
      return (ballot as RankingBallot).order.map((o, i) => `${i + 1}. ${label(o)}`).join(', ');
    case 'points':
      return Object.entries((ballot as PointsBallot).points)
        .map(([o, n]) => `${label(o)}: ${n}`)
        .join(', ');
    case 'scale':
      return label(String((ballot as ScaleBallot).value));
    case 'text':
      return `“${(ballot as TextBallot).text}”`;
  }
}
