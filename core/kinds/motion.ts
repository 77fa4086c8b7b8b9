// A motion ("Afstemning om indstilling"): for, against or abstain on the committee's recommendation.
import type { ActivityBase, KindRules, OptionDef } from './kind.js';
import { oneOptionRules, type ChoiceTally } from './single.js';

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
  ...oneOptionRules<'motion'>(),
  label: 'Afstemning om indstilling',
  shape: '{"option":"for"|"imod"|"undlader"}',
  takesOptions: false,
  parse: (base) => ({ ...base, kind: 'motion', options: MOTION_OPTIONS.map((o) => ({ ...o })) }),
  method: () => 'Afstemning om indstilling',
  table: { item: 'Svarmulighed', count: 'Stemmer', share: true, meanRank: false, unit: '', mean: false, motion: true },
};
