// Single choice ("Enkeltvalg"): one option per ballot, counted per option.
import * as v from 'valibot';
import {
  OptionId,
  bump,
  labelOf,
  needOptions,
  optionRows,
  shape,
  unknownOption,
  zeros,
  type ActivityBase,
  type Checked,
  type KindRules,
} from './kind.js';

export interface SingleChoiceDef extends ActivityBase {
  kind: 'single';
}
export interface SingleChoiceBallot {
  kind: 'single';
  option: string;
}
/** Votes per option, for the kinds where a ballot names options (single, multi, motion). */
export interface ChoiceTally<K extends 'single' | 'multi' | 'motion' = 'single' | 'multi' | 'motion'> {
  kind: K;
  /** Number of participants whose ballot counts. */
  ballots: number;
  counts: Record<string, number>;
}

const Schema = v.strictObject({ option: OptionId });

/** One option out of the definition's: single choice and motion alike. */
export function checkOne<K extends 'single' | 'motion'>(
  def: ActivityBase & { kind: K },
  raw: unknown,
): Checked<{ kind: K; option: string }> | null {
  const b = shape(Schema, raw);
  if (!b) return null;
  return def.options.some((o) => o.id === b.option)
    ? { ok: true, ballot: { kind: def.kind, option: b.option } }
    : unknownOption(def, b.option);
}

export function choiceTally<K extends 'single' | 'multi' | 'motion'>(def: ActivityBase & { kind: K }): ChoiceTally<K> {
  return { kind: def.kind, ballots: 0, counts: zeros(def) };
}

type OneOption = 'single' | 'motion';
type OneOptionRules<K extends OneOption> = KindRules<ActivityBase & { kind: K }, { kind: K; option: string }, ChoiceTally<K>>;

/** The rules single choice and motion share: one option per ballot, counted per option, in the deck's order. */
export function oneOptionRules<K extends OneOption>(): Pick<
  OneOptionRules<K>,
  'check' | 'emptyTally' | 'apply' | 'rows' | 'describe' | 'limits'
> {
  return {
    check: checkOne,
    emptyTally: choiceTally,
    apply: (tally, ballot, sign) => bump(tally.counts, ballot.option, sign),
    rows: (def, tally) => optionRows(def, tally.counts, tally.ballots),
    describe: (def, ballot) => labelOf(def, ballot.option),
    limits: () => ({}),
  };
}

export const single: KindRules<SingleChoiceDef, SingleChoiceBallot, ChoiceTally<'single'>> = {
  ...oneOptionRules<'single'>(),
  label: 'Enkeltvalg',
  shape: '{"option":"<svarmulighed>"}',
  takesOptions: true,
  parse: (base, markup) => ({ ...base, kind: 'single', options: needOptions(markup, base.id) }),
  method: () => 'Enkeltvalg',
  table: { item: 'Svarmulighed', count: 'Stemmer', share: true, meanRank: false, unit: '', mean: false, motion: false },
};
