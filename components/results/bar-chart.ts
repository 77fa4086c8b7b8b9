// <rs-bar-chart>: horizontal bars of a result, readable from the back of a room and by a screen reader.
import { LitElement, css, html } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { deckLang, formatNumber } from '../i18n.js';
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
        /* The chart's own width decides the layout, so a narrow phone with large text stacks each label above its bar. */
        container-type: inline-size;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
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
        /* Words break only when one alone is wider than the chart, never to squeeze in beside the figures. */
        overflow-wrap: break-word;
        min-width: 0;
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
        grid-template-columns: minmax(0, 1fr) auto;
      }
      :host([compact]) .track {
        grid-column: 1 / -1;
        grid-row: 2;
      }
      /* Too narrow for a label beside its bar (a phone at 320 px with the text at 200 %): the label takes its own
         line, the bar and the figure share the next, and the figure drops below the bar when even that is too tight. */
      @container (max-width: 24em) {
        li,
        :host([compact]) li {
          display: flex;
          flex-wrap: wrap;
          align-items: center;
          gap: 0.2em 0.6em;
        }
        .label {
          flex: 1 1 100%;
        }
        .track {
          flex: 1 1 4em;
        }
        .value {
          flex: 0 1 auto;
          min-width: 0;
          margin-left: auto;
          overflow-wrap: break-word;
        }
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
    if (this.meanRank && r.meanRank !== undefined)
      return msg(str`${figure} · gns. plads ${formatNumber(r.meanRank, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`);
    return `${figure} (${formatNumber(r.share, { style: 'percent', maximumFractionDigits: 0 })})`;
  }

  override render() {
    return html`<ol part="list">
      ${this.rows.map(
        (r) => html`<li part="row" data-option=${r.id}>
          <span class="label" lang=${deckLang()}>${r.label}</span>
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
