// What one activity kind shows in components, filled in by components/kinds/<kind>/view.ts and joined in kinds.ts:
// its name in a sentence, its ballot element on the phone, and the pieces of its result (chart, table, summary).
import type { TemplateResult } from 'lit';
import type { ActivityDef, ResultRow, Tally } from '../../core/activity.js';
import type { BallotElement } from './ballot-event.js';

/** The tag of a ballot element: an element declared in HTMLElementTagNameMap with the properties the app sets. */
export type BallotTag = {
  [T in keyof HTMLElementTagNameMap]: HTMLElementTagNameMap[T] extends BallotElement ? T : never;
}[keyof HTMLElementTagNameMap];

/** What a result is drawn from: D the activity's definition. */
export interface ResultFigures<D extends ActivityDef> {
  def: D;
  tally: Tally | undefined;
  /** core's result rows for the definition as the reader's language shows it. */
  rows: ResultRow[];
  /** Text answers the facilitator hid. */
  hiddenEntries: readonly string[];
  /** Whether the figures are shown; before, the options are listed without them. */
  revealed: boolean;
  /** The phone's smaller result. */
  compact: boolean;
}

/** One row of the result table: an option or a word, its count, and the cells that follow its label. */
export interface TableRow {
  key: 'option' | 'word';
  id: string;
  label: string;
  count: number;
  cells: string[];
}

/** The figures as a table: the column headings (the label's first) and the rows in the chart's order. */
export interface ResultTable {
  columns: string[];
  rows: TableRow[];
}

export interface KindView<D extends ActivityDef> {
  /** The kind's name as it reads inside a sentence, lower-case ("Styring af prioritering"); core's label is the exports' Danish. */
  name(): string;
  /** The phone's ballot element; its module is imported by the kind's view, so the tag is defined. */
  input: BallotTag;
  /** The figures drawn: bars of the rows, or the word cloud. */
  chart(figures: ResultFigures<D>): TemplateResult;
  /** The same figures as a table. */
  table(figures: ResultFigures<D>): ResultTable;
  /** The line above a revealed result (a scale's mean, how Borda points are given), if the kind has one. */
  summary(figures: ResultFigures<D>): TemplateResult | undefined;
}
