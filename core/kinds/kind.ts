// What every activity kind provides: the rules one kind module (core/kinds/<kind>.ts) fills in, and the helpers they share.
import * as v from 'valibot';

export interface OptionDef {
  id: string;
  label: string;
}

/** What every activity definition has, whatever its kind. */
export interface ActivityBase {
  id: string;
  prompt: string;
  /** Index of the horizontal slide that holds the activity (0-based). */
  slide: number;
  slideTitle: string;
  options: OptionDef[];
  /** Only the committee's members vote, one secret ballot per voting card (`members-only` in the markup). */
  membersOnly?: true;
}

/** The rows a chart or table shows. */
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

export type Refusal = { ok: false; code: 'invalid_ballot' | 'unknown_option'; message: string };
export type Checked<B> = { ok: true; ballot: B } | Refusal;

/**
 * How a deck's markup describes an activity, whatever the markup is (HTML attributes today): the reader
 * throws the deck's own error, naming the slide, when a value is wrong.
 */
export interface MarkupReader {
  /** An attribute as text, trimmed; '' when missing. */
  text(name: string): string;
  /** An attribute as a whole number in [min, max], the fallback when missing. */
  int(name: string, fallback: number, min: number, max: number): number;
  /** The `<rs-option>` children, already checked for ids and labels. */
  options: OptionDef[];
  /** Refuse the markup with a message that names what is wrong. */
  fail(message: string): never;
}

/** How the exports (minutes, spreadsheet, CSV) lay out a kind's result table, in Danish as a municipality files it. */
export interface ExportTable {
  /** Heading of the first column. */
  item: 'Svarmulighed' | 'Svar';
  /** Heading of the figure column. */
  count: 'Stemmer' | 'Borda-point' | 'Point' | 'Antal';
  /** Whether a share column (and a bar chart) follows. */
  share: boolean;
  /** Whether a mean-place column follows (ranking). */
  meanRank: boolean;
  /** The unit written after a bar's figure in the chart. */
  unit: string;
  /** Whether the result carries a mean (scale); then the mean is what leads. */
  mean: boolean;
  /** Whether the minutes quote the prompt as the committee's "Indstilling" (motion). */
  motion: boolean;
}

/**
 * The pure rules of one activity kind: D its definition, B its ballot, T its tally. Each kind is one module
 * exporting one value of this type; core/activity.ts joins them in a Record over the kinds, so a kind that
 * lacks a piece does not compile.
 */
export interface KindRules<D extends ActivityBase & { kind: string }, B extends { kind: D['kind'] }, T extends { ballots: number }> {
  /** The kind's name in Danish, as the exports write it. */
  label: string;
  /** The ballot's JSON shape, quoted in the API's error when a ballot has another. */
  shape: string;
  /** Whether the markup lists `<rs-option>` children (or the kind makes its own options). */
  takesOptions: boolean;
  /** The definition from its markup; `base` holds what every kind has, options not yet included. */
  parse(base: Omit<ActivityBase, 'options'>, markup: MarkupReader): D;
  /**
   * Check a ballot that came from outside: null when it is not this kind's shape (the caller says which shape
   * it wants), a refusal that says why, or the ballot tagged and in canonical form.
   */
  check(def: D, raw: unknown): Checked<B> | null;
  emptyTally(def: D): T;
  /**
   * Add (sign 1) or remove (sign −1) one accepted ballot's figures (the caller counts the ballot itself):
   * O(size of the ballot), so a changed vote is cheap.
   */
  apply(tally: T, ballot: B, sign: 1 | -1): void;
  /** Rows for a chart or table; `hidden` lists answers the facilitator hid (text only). */
  rows(def: D, tally: T, hidden: readonly string[]): ResultRow[];
  /** One ballot as a person reads it ("1. Tillid, 2. Tid"). */
  describe(def: D, ballot: B): string;
  /** How the votes were counted, in the minutes' words ("Prioritering (Borda-point: …)"). */
  method(def: D): string;
  /** The definition's own limits (max choices, budget, scale ends), as the JSON export lists them. */
  limits(def: D): Record<string, number | string>;
  table: ExportTable;
}

export const OptionId = v.pipe(v.string(), v.maxLength(64));

export function invalid(message: string): Refusal {
  return { ok: false, code: 'invalid_ballot', message };
}

export function unknownOption(def: ActivityBase, option: string): Refusal {
  return { ok: false, code: 'unknown_option', message: `Svarmuligheden "${option}" findes ikke i aktiviteten "${def.id}".` };
}

/** The ballot's fields when it has the schema's shape, or undefined. */
export function shape<T extends v.GenericSchema>(schema: T, raw: unknown): v.InferOutput<T> | undefined {
  const parsed = v.safeParse(schema, raw);
  return parsed.success ? parsed.output : undefined;
}

export function zeros(def: ActivityBase): Record<string, number> {
  const r: Record<string, number> = {};
  for (const o of def.options) r[o.id] = 0;
  return r;
}

export function bump(r: Record<string, number>, key: string, by: number): void {
  r[key] = (r[key] ?? 0) + by;
}

export function labelOf(def: ActivityBase, id: string): string {
  return def.options.find((o) => o.id === id)?.label ?? id;
}

/** One row per option in the deck's order, its share of the ballots. */
export function optionRows(def: ActivityBase, counts: Record<string, number>, ballots: number): ResultRow[] {
  return def.options.map((o) => {
    const count = counts[o.id] ?? 0;
    return { id: o.id, label: o.label, count, share: ballots > 0 ? count / ballots : 0 };
  });
}

/** One row per option, its share of all points given, best first. */
export function rankedRows(def: ActivityBase, figures: Record<string, number>): ResultRow[] {
  const total = Object.values(figures).reduce((a, n) => a + n, 0);
  return def.options.map((o) => ({
    id: o.id,
    label: o.label,
    count: figures[o.id] ?? 0,
    share: total > 0 ? (figures[o.id] ?? 0) / total : 0,
  }));
}

/** A ballot's options must all exist: the refusal that names the first that does not, or undefined. */
export function unknownIn(def: ActivityBase, ids: Iterable<string>): Refusal | undefined {
  for (const id of ids) if (!def.options.some((o) => o.id === id)) return unknownOption(def, id);
  return undefined;
}

/** The markup must give at least two `<rs-option>`. */
export function needOptions(markup: MarkupReader, id: string): OptionDef[] {
  if (markup.options.length < 2) markup.fail(`aktiviteten "${id}" skal have mindst to svarmuligheder.`);
  return markup.options;
}
