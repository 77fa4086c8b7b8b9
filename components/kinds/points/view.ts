// Points in components: its name, its ballot element <rs-points>, and its result as the points each option got.
import { msg } from '@lit/localize';
import type { PointsDef } from '../../../core/activity.js';
import { bars, optionTable, percent } from '../../results/result-parts.js';
import type { KindView } from '../kind-view.js';
import './points.js';

export const points: KindView<PointsDef> = {
  name: () => msg('pointfordeling'),
  input: 'rs-points',
  chart: (figures) => bars(figures, { unit: msg('point') }),
  table: ({ rows }) => optionTable(rows, [msg('Svarmulighed'), msg('Point'), msg('Andel')], (r) => percent(r.share)),
  summary: () => undefined,
};
