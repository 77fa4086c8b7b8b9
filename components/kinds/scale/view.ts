// A scale in components: its name, its ballot element <rs-scale>, and its result as answers per value with their mean.
import { html } from 'lit';
import { msg } from '@lit/localize';
import { scaleMean, type ScaleDef } from '../../../core/activity.js';
import { formatNumber } from '../../i18n.js';
import { bars, optionTable, percent } from '../../results/result-parts.js';
import type { KindView } from '../kind-view.js';
import './scale.js';

export const scale: KindView<ScaleDef> = {
  name: () => msg('skala'),
  input: 'rs-scale',
  chart: (figures) => bars(figures),
  table: ({ rows }) => optionTable(rows, [msg('Værdi'), msg('Antal'), msg('Andel')], (r) => percent(r.share)),
  summary: ({ def, tally }) => {
    const mean = scaleMean(tally);
    if (mean === null) return undefined;
    return html`<p class="summary">${msg(html`Gennemsnit <strong data-mean>${formatNumber(mean, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</strong> på skalaen ${def.min}–${def.max}`)}</p>`;
  },
};
