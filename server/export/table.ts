// One activity's result as a table, the columns its kind's export table names (core/kinds/): every format lays it out from here.
import { KINDS } from '../../core/activity.js';
import type { ActivityExport } from './model.js';

export type Cell = string | number | null;
/** What a column holds, so each format can write it its own way (a percentage, a decimal comma, a number format). */
export type Figure = 'label' | 'count' | 'share' | 'rank';

export interface ResultTable {
  heads: string[];
  figures: Figure[];
  /** Raw values: counts and shares as numbers, a missing mean place as null. */
  rows: Cell[][];
  /** Whether a bar chart says the same as the table (not for free text, whose rows are answers). */
  chart: boolean;
  /** The unit after a bar's figure. */
  unit: string;
}

export function resultTable(a: ActivityExport): ResultTable {
  const t = KINDS[a.kind].table;
  const figures: Figure[] = ['label', 'count', ...(t.share ? (['share'] as const) : []), ...(t.meanRank ? (['rank'] as const) : [])];
  const head: Record<Figure, string> = { label: t.item, count: t.count, share: 'Andel', rank: 'Gns. plads' };
  const cell = (r: ActivityExport['rows'][number], f: Figure): Cell =>
    f === 'label' ? r.label : f === 'count' ? r.count : f === 'share' ? r.share : (r.meanRank ?? null);
  return {
    heads: figures.map((f) => head[f]),
    figures,
    rows: a.rows.map((r) => figures.map((f) => cell(r, f))),
    chart: t.share,
    unit: t.unit,
  };
}

/** Whether the result has nothing to show: no answers, or (free text) every answer hidden. */
export function noAnswers(a: ActivityExport): boolean {
  return a.answered === 0 || a.rows.length === 0;
}

/** Whether the minutes quote the prompt as the committee's recommendation ("Indstilling"). */
export function quotesMotion(a: ActivityExport): boolean {
  return KINDS[a.kind].table.motion;
}

/** Whether a mean (a scale's) is what leads the result. */
export function meanLeads(a: ActivityExport): boolean {
  return KINDS[a.kind].table.mean && a.mean !== null;
}
