// A motion ("Afstemning om indstilling"): for, against or abstain on the committee's recommendation.
import { bump, labelOf, optionRows, type ActivityBase, type KindRules, type OptionDef } from './kind.js';
import { checkOne, choiceTally, type ChoiceTally } from './single.js';

export interface MotionDef extends ActivityBase {
  kind: 'motion';
}
export interface MotionBallot {
  kind: 'motion';
  option: string;
}

export const MOTION_OPTIONS: readonly OptionDef[] = [
  { id: 'for', label: 'For' },
  { id: 'imod', label: 'Imod' },
  { id: 'undlader', label: 'Undlader' },
];

export const motion: KindRules<MotionDef, MotionBallot, ChoiceTally<'motion'>> = {
  label: 'Afstemning om indstilling',
  shape: '{"option":"for"|"imod"|"undlader"}',
  takesOptions: false,
  parse: (base) => ({ ...base, kind: 'motion', options: MOTION_OPTIONS.map((o) => ({ ...o })) }),
  check: checkOne,
  emptyTally: choiceTally,
  apply: (tally, ballot, sign) => bump(tally.counts, ballot.option, sign),
  rows: (def, tally) => optionRows(def, tally.counts, tally.ballots),
  describe: (def, ballot) => labelOf(def, ballot.option),
  method: () => 'Afstemning om indstilling',
  limits: () => ({}),
  table: { item: 'Svarmulighed', count: 'Stemmer', share: true, meanRank: false, unit: '', mean: false, motion: true },
};
