// <rs-bar-chart>: horizontal bars of a result, readable from the back of a room and by a screen reader.
import { LitElement, css, html } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { formatNumber } from '../i18n.js';
import { customElement, property } from 'lit/decorators.js';
import type { ResultRow } from '../../core/activity.js';
import { tokens } from '../theme.js';


@customElement('rs-bar-chart')
@localized()
export class RsBarChart extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.45em;
      }
      li {
        display: grid;
        grid-template-columns: minmax(6em, 14em) 1fr auto;
        align-items: center;
        gap: 0.6em;
      }
      .label {
        text-align: left;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .track {
        height: 1.3em;
        background: var(--rs-surface);
        border: 1px solid var(--rs-line);
        border-radius: 0.3em;
        overflow: hidden;
      }
      .bar {
        display: block;
        height: 100%;
        background: var(--rs-accent);
        transition: width 300ms ease-out;
      }
      .value {
        min-width: 4.5em;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      :host([compact]) li {
        grid-template-columns: 1fr auto;
      }
      :host([compact]) .track {
        grid-column: 1 / -1;
        grid-row: 2;
      }
      @media (prefers-reduced-motion: reduce) {
        .bar {
          transition: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) rows: ResultRow[] = [];
  /** Hide the figures (results not revealed): the options are shown without counts. */
  @property({ type: Boolean, attribute: 'hide-values' }) hideValues = false;
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Ranking: show each option's mean place beside its Borda points. */
  @property({ type: Boolean, attribute: 'mean-rank' }) meanRank = false;
  /** What the figure counts, e.g. "point"; plain counts need no unit. */
  @property() unit = '';

  private valueText(r: ResultRow): string {
    const figure = this.unit ? `${formatNumber(r.count)} ${this.unit}` : formatNumber(r.count);
    if (this.meanRank && r.meanRank !== undefined) return msg(str`${figure} · gns. plads ${formatNumber(r.meanRank, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`);
    return `${figure} (${formatNumber(r.share, { style: 'percent', maximumFractionDigits: 0 })})`;
  }

  override render() {
    return html`<ol part="list">
      ${this.rows.map(
        (r) => html`<li part="row" data-option=${r.id}>
          <span class="label">${r.label}</span>
          <span class="track" aria-hidden="true"
            ><span class="bar" style="width:${this.hideValues ? 0 : Math.min(1, r.share) * 100}%"></span
          ></span>
          <span class="value" data-count=${this.hideValues ? '' : String(r.count)}
            >${this.hideValues ? '' : this.valueText(r)}</span
          >
        </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-bar-chart': RsBarChart;
  }
}
