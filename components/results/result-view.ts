// <rs-result-view>: an activity's result drawn the way its kind needs — bars, Borda and mean rank, mean of a scale,
// word cloud — and, behind a "Vis som tabel" toggle, the same figures as a data table.
import { LitElement, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { answersCount, deckLang, shownDefinition } from '../i18n.js';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { resultRows, type ActivityDef, type Tally } from '../../core/activity.js';
import { kindView } from '../kinds/kinds.js';
import type { ResultTable } from '../kinds/kind-view.js';
import { resultViewStyles } from './result-view.styles.js';
import { viewContext, type FacilitatorView } from '../room/room-context.js';

/** Space and Enter on the toggle work the toggle only: on the projector reveal.js would also take Space as "next slide". */
const keepKey = (e: KeyboardEvent) => {
  if (e.key === ' ' || e.key === 'Enter') e.stopPropagation();
};

@customElement('rs-result-view')
@localized()
export class RsResultView extends LitElement {
  static override styles = resultViewStyles;

  @property({ attribute: false }) definition!: ActivityDef;
  @property({ attribute: false }) tally: Tally | undefined;
  @property({ attribute: false }) hiddenEntries: readonly string[] = [];
  /** Show the figures; without it the options are listed without counts. */
  @property({ type: Boolean }) revealed = false;
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Show the figures as a table instead of the chart or the word cloud. */
  @state() private table = false;
  /**
   * The facilitator page the result is on, if any: on the projector (`audience`) nobody can press a button, so
   * the table toggle is left out. The phone provides no view and keeps the toggle, as do the console and solo.
   */
  @consume({ context: viewContext, subscribe: true })
  @state()
  private view: FacilitatorView | undefined;

  /** The chart's figures as a table: the same rows, in the same order. Explicit roles keep it a table to assistive
   * technology when a narrow phone with large text lays each row out as a small card. */
  private renderTable(def: ActivityDef, { columns, rows: body }: ResultTable) {
    const ballots = this.tally?.ballots ?? 0;
    const caption = msg(str`${def.prompt} (${answersCount(ballots)})`);
    return html`<div class="table-wrap">
      <table data-result-table role="table" aria-labelledby="result-caption">
        <caption id="result-caption">${caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            ${columns.map((c, i) => html`<th scope="col" role="columnheader" class=${i > 0 ? 'num' : ''}>${c}</th>`)}
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${
            body.length === 0
              ? html`<tr role="row"><td role="cell" colspan=${columns.length}>${msg('Ingen ord endnu.')}</td></tr>`
              : body.map(
                  (
                    r,
                  ) => html`<tr role="row" data-option=${r.key === 'option' ? r.id : nothing} data-word=${r.key === 'word' ? r.id : nothing}>
                  <th scope="row" role="rowheader" lang=${deckLang()}>${r.label}</th>
                  ${r.cells.map(
                    (c, i) =>
                      html`<td role="cell" class="num" data-label=${columns[i + 1]!} data-count=${i === 0 ? String(r.count) : nothing}>${c}</td>`,
                  )}
                </tr>`,
                )
          }
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const def = this.definition;
    if (!def) return nothing;
    const view = kindView(def);
    const figures = {
      def,
      tally: this.tally,
      rows: resultRows(shownDefinition(def), this.tally, this.hiddenEntries),
      hiddenEntries: this.hiddenEntries,
      revealed: this.revealed,
      compact: this.compact,
    };
    const summary = (this.revealed && view.summary(figures)) || nothing;
    // Before the reveal there are no figures to read, so there is nothing to put in a table.
    if (!this.revealed) return html`${summary}${view.chart(figures)}`;
    if (this.view === 'audience') return html`${summary}${view.chart(figures)}`;
    const table = this.table;
    return html`${summary}
      <div class="toggle">
        <button type="button" data-action="result-table" @click=${() => (this.table = !this.table)} @keydown=${keepKey}>
          ${table ? msg('Vis som diagram') : msg('Vis som tabel')}
        </button>
      </div>
      ${table ? this.renderTable(def, view.table(figures)) : view.chart(figures)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-result-view': RsResultView;
  }
}
