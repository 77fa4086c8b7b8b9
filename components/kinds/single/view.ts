// Single choice in components: its name, its ballot element <rs-single-choice>, and its result as votes per option.
import { msg } from '@lit/localize';
import type { SingleChoiceDef } from '../../../core/activity.js';
import { choiceResult } from '../../results/result-parts.js';
import type { KindView } from '../kind-view.js';
import './single-choice.js';

export const single: KindView<SingleChoiceDef> = {
  name: () => msg('enkeltvalg'),
  input: 'rs-single-choice',
  ...choiceResult,
};
