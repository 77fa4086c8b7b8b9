// A vote on a recommendation in components: its name, its ballot element <rs-motion>, and its result as votes for,
// against and abstaining.
import { msg } from '@lit/localize';
import type { MotionDef } from '../../../core/activity.js';
import { choiceResult } from '../../results/result-parts.js';
import type { KindView } from '../kind-view.js';
import './motion.js';

export const motion: KindView<MotionDef> = {
  name: () => msg('afstemning om indstilling'),
  input: 'rs-motion',
  ...choiceResult,
};
