// Ranking in components: its name, its ballot element <rs-ranking>, and its result as Borda points and mean places.
import { html } from 'lit';
import { msg, str } from '@lit/localize';
import type { RankingDef } from '../../../core/activity.js';
import { bars, oneDecimal, optionTable } from '../../results/result-parts.js';
import type { KindView } from '../kind-view.js';
import './ranking.js';

export const ranking: KindView<RankingDef> = {
  name: () => msg('prioritering'),
  input: 'rs-ranking',
  chart: (figures) => bars(figures, { unit: 'p', meanRank: true }),
  table: ({ rows }) => optionTable(rows, [msg('Svarmulighed'), msg('Borda-point'), msg('Gns. plads')], (r) => oneDecimal(r.meanRank ?? 0)),
  summary: ({ def }) => html`<p class="summary">${msg(str`Borda-point: 1. plads giver ${def.options.length - 1}, sidste plads 0.`)}</p>`,
};
