// Multiple choice ("Flervalg"): up to max options per ballot, counted per option.
import * as v from 'valibot';
import { OptionId, bump, invalid, unknownIn, labelOf, needOptions, optionRows, shape, type ActivityBase, type KindRules } from './kind.js';
import { choiceTally, type ChoiceTally } from './single.js';

export interface MultiChoiceDef extends ActivityBase {
  kind: 'multi';
  /** At most this many options per ballot. */
  maxChoices: number;
}
export interface MultiChoiceBallot {
  kind: 'multi';
  options: string[];
}

const Schema = v.strictObject({ options: v.pipe(v.array(OptionId), v.maxLength(64)) });

export const multi: KindRules<MultiChoiceDef, MultiChoiceBallot, ChoiceTally<'multi'>> = {
  label: 'Flervalg',
  shape: '{"options":["<svarmulighed>", …]}',
  takesOptions: true,
  parse: (base, markup) => {
    const options = needOptions(markup, base.id);
    return { ...base, kind: 'multi', options, maxChoices: markup.int('max', options.length, 1, options.length) };
  },
  check: (def, raw) => {
    const b = shape(Schema, raw);
    if (!b) return null;
    const unknown = unknownIn(def, b.options);
    if (unknown) return unknown;
    if (new Set(b.options).size !== b.options.length) return invalid('Den samme svarmulighed er valgt to gange.');
    if (b.options.length === 0) return invalid('Vælg mindst én svarmulighed.');
    if (b.options.length > def.maxChoices) return invalid(`Vælg højst ${def.maxChoices} svarmuligheder.`);
    // Canonical order keeps stored ballots comparable.
    return { ok: true, ballot: { kind: 'multi', options: def.options.filter((o) => b.options.includes(o.id)).map((o) => o.id) } };
  },
  emptyTally: choiceTally,
  apply: (tally, ballot, sign) => {
    for (const o of ballot.options) bump(tally.counts, o, sign);
  },
  rows: (def, tally) => optionRows(def, tally.counts, tally.ballots),
  describe: (def, ballot) => ballot.options.map((o) => labelOf(def, o)).join(', '),
  method: (def) => `Flervalg (højst ${def.maxChoices} valg)`,
  limits: (def) => ({ maxChoices: def.maxChoices }),
  table: { item: 'Svarmulighed', count: 'Stemmer', share: true, meanRank: false, unit: '', mean: false, motion: false },
};
