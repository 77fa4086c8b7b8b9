// <rs-result-view>: an activity's result drawn the way its kind needs — bars, Borda and mean rank, mean of a scale, word cloud.
import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { formatNumber } from '../i18n.js';
import { customElement, property } from 'lit/decorators.js';
import { resultRows, scaleMean, wordCounts, type ActivityDef, type Tally } from '../../core/activity.js';
import { tokens } from '../theme.js';
import './bar-chart.js';
import './word-cloud.js';


@customElement('rs-result-view')
@localized()
export class RsResultView extends LitElement {
  static override styles = [
    tokens,
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
    `,
  ];

  @property({ attribute: false }) definition!: ActivityDef;
  @property({ attribute: false }) tally: Tally | undefined;
  @property({ attribute: false }) hiddenEntries: readonly string[] = [];
  /** Show the figures; without it the options are listed without counts. */
  @property({ type: Boolean }) revealed = false;
  @property({ type: Boolean }) compact = false;

  override render() {
    const def = this.definition;
    if (!def) return nothing;
    const rows = resultRows(def, this.tally, this.hiddenEntries);
    switch (def.kind) {
      case 'text':
        if (!this.revealed) return html`<p class="summary">${msg('Svarene vises, når resultatet bliver vist.')}</p>`;
        return html`<rs-word-cloud .words=${wordCounts(this.tally, this.hiddenEntries, this.compact ? 25 : 50)}></rs-word-cloud>`;
      case 'scale': {
        const mean = scaleMean(this.tally);
        return html`${this.revealed && mean !== null
            ? html`<p class="summary">${msg(html`Gennemsnit <strong data-mean>${formatNumber(mean, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</strong> på skalaen ${def.min}–${def.max}`)}</p>`
            : nothing}
          <rs-bar-chart .rows=${rows} ?hide-values=${!this.revealed} ?compact=${this.compact}></rs-bar-chart>`;
      }
      case 'ranking':
        return html`${this.revealed ? html`<p class="summary">${msg(str`Borda-point: 1. plads giver ${def.options.length - 1}, sidste plads 0.`)}</p>` : nothing}
          <rs-bar-chart .rows=${rows} mean-rank unit="p" ?hide-values=${!this.revealed} ?compact=${this.compact}></rs-bar-chart>`;
      case 'points':
        return html`<rs-bar-chart .rows=${rows} unit=${msg('point')} ?hide-values=${!this.revealed} ?compact=${this.compact}></rs-bar-chart>`;
      default:
        return html`<rs-bar-chart .rows=${rows} ?hide-values=${!this.revealed} ?compact=${this.compact}></rs-bar-chart>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-result-view': RsResultView;
  }
}
