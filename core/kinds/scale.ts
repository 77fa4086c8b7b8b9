// Scale ("Skala"): one whole number from min to max, its spread and mean.
import * as v from 'valibot';
import { bump, invalid, labelOf, optionRows, shape, zeros, type ActivityBase, type KindRules, type OptionDef } from './kind.js';

export interface ScaleDef extends ActivityBase {
  kind: 'scale';
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}
export interface ScaleBallot {
  kind: 'scale';
  value: number;
}
export interface ScaleTally {
  kind: 'scale';
  ballots: number;
  counts: Record<string, number>;
  sum: number;
}

const Schema = v.strictObject({ value: v.pipe(v.number(), v.integer()) });

/** Mean of a scale's answers, or null with no answers. */
export function mean(tally: ScaleTally): number | null {
  return tally.ballots > 0 ? tally.sum / tally.ballots : null;
}

export const scale: KindRules<ScaleDef, ScaleBallot, ScaleTally> = {
  label: 'Skala',
  shape: '{"value":<tal>}',
  takesOptions: false,
  parse: (base, markup) => {
    const min = markup.int('min', 1, 0, 10);
    const max = markup.int('max', 5, min + 1, 11);
    const minLabel = markup.text('min-label');
    const maxLabel = markup.text('max-label');
    // Each value is an option, so charts, exports and the no-JS form treat a scale like a choice.
    const values: OptionDef[] = [];
    for (let n = min; n <= max; n++) {
      const end = n === min ? minLabel : n === max ? maxLabel : '';
      values.push({ id: String(n), label: end ? `${n} – ${end}` : String(n) });
    }
    return { ...base, kind: 'scale', options: values, min, max, minLabel, maxLabel };
  },
  check: (def, raw) => {
    const b = shape(Schema, raw);
    if (!b) return null;
    if (b.value < def.min || b.value > def.max) return invalid(`Vælg et tal fra ${def.min} til ${def.max}.`);
    return { ok: true, ballot: { kind: 'scale', value: b.value } };
  },
  emptyTally: (def) => ({ kind: 'scale', ballots: 0, counts: zeros(def), sum: 0 }),
  apply: (tally, ballot, sign) => {
    bump(tally.counts, String(ballot.value), sign);
    tally.sum += sign * ballot.value;
  },
  rows: (def, tally) => optionRows(def, tally.counts, tally.ballots),
  describe: (def, ballot) => labelOf(def, String(ballot.value)),
  method: (def) => `Skala ${def.min}–${def.max}${def.minLabel || def.maxLabel ? ` (${def.minLabel} ↔ ${def.maxLabel})` : ''}`,
  limits: (def) => ({ min: def.min, max: def.max, minLabel: def.minLabel, maxLabel: def.maxLabel }),
  table: { item: 'Svarmulighed', count: 'Stemmer', share: true, meanRank: false, unit: '', mean: true, motion: false },
};
