// The result pieces the kinds share (components/kinds/<kind>/view.ts): the rows as bars, and as a table of options.
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { ActivityDef, ResultRow } from '../../core/activity.js';
import { formatNumber } from '../i18n.js';
import type { KindView, ResultFigures, ResultTable } from '../kinds/kind-view.js';
import './bar-chart.js';

export const percent = (share: number) => formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
export const oneDecimal = (n: number) => formatNumber(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The rows as bars; `unit` names what a figure counts, `meanRank` puts each option's mean place beside it. */
export function bars(figures: ResultFigures<ActivityDef>, extra: { unit?: string; meanRank?: boolean } = {}) {
  return html`<rs-bar-chart
    .rows=${figures.rows}
    ?mean-rank=${extra.meanRank ?? false}
    unit=${extra.unit ?? nothing}
    ?hide-values=${!figures.revealed}
    ?compact=${figures.compact}
  ></rs-bar-chart>`;
}

/** The options with their figure and, after it, the kind's second figure (a share, or a mean place). */
export function optionTable(rows: ResultRow[], columns: [string, string, string], second: (row: ResultRow) => string): ResultTable {
  return {
    columns,
    rows: rows.map((r) => ({ key: 'option', id: r.id, label: r.label, count: r.count, cells: [formatNumber(r.count), second(r)] })),
  };
}

/** A result counted in votes per option, each with its share of the ballots (single choice, multi choice, motion). */
export const choiceResult: Pick<KindView<ActivityDef>, 'chart' | 'table' | 'summary'> = {
  chart: (figures) => bars(figures),
  table: ({ rows }) => optionTable(rows, [msg('Svarmulighed'), msg('Antal'), msg('Andel')], (r) => percent(r.share)),
  summary: () => undefined,
};
