// <rs-result-view>: an activity's result drawn the way its kind needs — bars, Borda and mean rank, mean of a scale,
// word cloud — and, behind a "Vis som tabel" toggle, the same figures as a data table.
import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { formatNumber } from '../i18n.js';
import { customElement, property, state } from 'lit/decorators.js';
import { resultRows, scaleMean, wordCounts, type ActivityDef, type ResultRow, type Tally } from '../../core/activity.js';
import { buttons, tokens } from '../theme.js';
import './bar-chart.js';
import './word-cloud.js';

const percent = (share: number) => formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
const oneDecimal = (n: number) => formatNumber(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

@customElement('rs-result-view')
@localized()
export class RsResultView extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      :host {
        display: block;
      }
      .summary {
        margin: 0 0 0.4em;
        color: var(--rs-ink-soft);
      }
      .summary strong {
        color: var(--rs-ink);
      }
      .toggle {
        display: flex;
        justify-content: flex-end;
        margin: 0 0 0.4em;
      }
      .toggle button {
        font-size: 0.6em;
        min-height: 0;
        padding: 0.25em 0.8em;
      }
      :host([compact]) .toggle button {
        font-size: 0.95em;
        min-height: 44px;
      }
      .table-wrap {
        max-width: 100%;
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      caption {
        text-align: left;
        font-weight: 700;
        padding: 0 0 0.3em;
      }
      th,
      td {
        text-align: left;
        padding: 0.25em 0.5em;
        border-top: 1px solid var(--rs-line);
        vertical-align: top;
        overflow-wrap: anywhere;
      }
      thead th {
        background: var(--rs-surface);
        color: var(--rs-ink);
      }
      .num {
        text-align: right;
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) definition!: ActivityDef;
  @property({ attribute: false }) tally: Tally | undefined;
  @property({ attribute: false }) hiddenEntries: readonly string[] = [];
  /** Show the figures; without it the options are listed without counts. */
  @property({ type: Boolean }) revealed = false;
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Show the figures as a table instead of the chart or the word cloud. */
  @state() private table = false;

  private renderChart(def: ActivityDef, rows: ResultRow[]) {
    switch (def.kind) {
      case 'text':
        if (!this.revealed) return html`<p class="summary">${msg('Svarene vises, når resultatet bliver vist.')}</p>`;
        return html`<rs-word-cloud .words=${this.words()}></rs-word-cloud>`;
      case 'scale':
        return html`<rs-bar-chart .rows=${rows} ?hide-values=${!this.revealed} ?compact=${this.compact}></rs-bar-chart>`;
      case 'ranking':
        return html`<rs-bar-chart .rows=${rows} mean-rank unit="p" ?hide-values=${!this.revealed} ?compact=${this.compact}></rs-bar-chart>`;
      case 'points':
        return html`<rs-bar-chart .rows=${rows} unit=${msg('point')} ?hide-values=${!this.revealed} ?compact=${this.compact}></rs-bar-chart>`;
      default:
        return html`<rs-bar-chart .rows=${rows} ?hide-values=${!this.revealed} ?compact=${this.compact}></rs-bar-chart>`;
    }
  }

  private words() {
    return wordCounts(this.tally, this.hiddenEntries, this.compact ? 25 : 50);
  }

  /** The chart's figures as a table: the same rows, in the same order. */
  private renderTable(def: ActivityDef, rows: ResultRow[]) {
    const ballots = this.tally?.ballots ?? 0;
    const caption = msg(str`${def.prompt} (${formatNumber(ballots)} svar)`);
    if (def.kind === 'text') {
      const words = [...this.words()].sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'da'));
      return html`<div class="table-wrap"><table data-result-table>
        <caption>${caption}</caption>
        <thead><tr><th scope="col">${msg('Ord')}</th><th scope="col" class="num">${msg('Antal')}</th></tr></thead>
        <tbody>
          ${words.length === 0
            ? html`<tr><td colspan="2">${msg('Ingen ord endnu.')}</td></tr>`
            : words.map((w) => html`<tr data-word=${w.word}><th scope="row">${w.word}</th><td class="num" data-count=${w.count}>${formatNumber(w.count)}</td></tr>`)}
        </tbody>
      </table></div>`;
    }
    const first = def.kind === 'scale' ? msg('Værdi') : msg('Svarmulighed');
    const figure = def.kind === 'ranking' ? msg('Borda-point') : def.kind === 'points' ? msg('Point') : msg('Antal');
    const last = def.kind === 'ranking' ? msg('Gns. plads') : msg('Andel');
    return html`<div class="table-wrap"><table data-result-table>
      <caption>${caption}</caption>
      <thead>
        <tr><th scope="col">${first}</th><th scope="col" class="num">${figure}</th><th scope="col" class="num">${last}</th></tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr data-option=${r.id}>
            <th scope="row">${r.label}</th>
            <td class="num" data-count=${r.count}>${formatNumber(r.count)}</td>
            <td class="num">${def.kind === 'ranking' ? oneDecimal(r.meanRank ?? 0) : percent(r.share)}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  override render() {
    const def = this.definition;
    if (!def) return nothing;
    const rows = resultRows(def, this.tally, this.hiddenEntries);
    let summary: unknown = nothing;
    if (this.revealed && def.kind === 'scale') {
      const mean = scaleMean(this.tally);
      if (mean !== null)
        summary = html`<p class="summary">${msg(html`Gennemsnit <strong data-mean>${formatNumber(mean, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</strong> på skalaen ${def.min}–${def.max}`)}</p>`;
    } else if (this.revealed && def.kind === 'ranking') {
      summary = html`<p class="summary">${msg(str`Borda-point: 1. plads giver ${def.options.length - 1}, sidste plads 0.`)}</p>`;
    }
    // Before the reveal there are no figures to read, so there is nothing to put in a table.
    if (!this.revealed) return html`${summary}${this.renderChart(def, rows)}`;
    const table = this.table;
    return html`${summary}
      <div class="toggle">
        <button type="button" data-action="result-table" @click=${() => (this.table = !this.table)}>
          ${table ? msg('Vis som diagram') : msg('Vis som tabel')}
        </button>
      </div>
      ${table ? this.renderTable(def, rows) : this.renderChart(def, rows)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-result-view': RsResultView;
  }
}
