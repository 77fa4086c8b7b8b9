// Multi choice in components: its name, its ballot element <rs-multi-choice>, and its result as votes per option.
import { msg } from '@lit/localize';
import type { MultiChoiceDef } from '../../../core/activity.js';
import { choiceResult } from '../../results/result-parts.js';
import type { KindView } from '../kind-view.js';
import './multi-choice.js';

export const multi: KindView<MultiChoiceDef> = {
  name: () => msg('flervalg'),
  input: 'rs-multi-choice',
  ...choiceResult,
};
