// <rs-scale>: the phone's ballot for a scale activity; one big button per value from min to max, the end labels
// beside them; a tap votes. Red/blue end labels get a red → violet → blue gradient.
import { css, html, nothing, type PropertyValues } from 'lit';
import { deckLang } from '../../i18n.js';
import { customElement, state } from 'lit/decorators.js';
import type { ScaleDef } from '../../../core/activity.js';
import { TapInput } from '../ballot-input.js';
import { tapStyles } from '../ballot-styles.js';

/** Smallest tap target and the gap between buttons, in px: a row is used only when every button gets this much. */
const TARGET = 48;
const GAP = 6;

/** Dark enough for white text at every step. */
const RED = [179, 38, 30];
const VIOLET = [107, 63, 160];
const BLUE = [29, 91, 184];

function mix(a: number[], b: number[], t: number): string {
  return `rgb(${a.map((x, i) => Math.round(x + (b[i]! - x) * t)).join(' ')})`;
}

/** Red → violet → blue along 0..1. */
function redBlue(t: number): string {
  return t <= 0.5 ? mix(RED, VIOLET, t * 2) : mix(VIOLET, BLUE, (t - 0.5) * 2);
}

@customElement('rs-scale')
export class RsScale extends TapInput<ScaleDef> {
  static override styles = [
    ...tapStyles,
    css`
      legend {
        margin-bottom: 0.8rem;
      }
      .scale {
        display: grid;
        gap: ${GAP}px;
      }
      .row .scale {
        grid-auto-flow: column;
        grid-auto-columns: 1fr;
      }
      .ends {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        font-weight: 700;
        color: var(--rs-ink-soft);
      }
      .row .ends {
        margin-top: 0.5rem;
      }
      .ends span:last-child {
        text-align: right;
      }
      button {
        font: inherit;
        font-size: 1.2rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        min-height: ${TARGET}px;
        min-width: ${TARGET}px;
        padding: 0;
        border-radius: var(--rs-radius);
        border: 2px solid var(--rs-line);
        background: var(--rs-paper);
        color: var(--rs-ink);
        cursor: pointer;
        position: relative;
        -webkit-tap-highlight-color: transparent;
      }
      .row button {
        min-height: 60px;
        border-bottom: 6px solid var(--c);
      }
      .column button {
        min-height: ${TARGET}px;
        display: flex;
        align-items: center;
        gap: 0.8rem;
        padding: 0 1rem 0 0.8rem;
        text-align: left;
        border-left: 8px solid var(--c);
      }
      .column button .side {
        font-size: 1rem;
        font-weight: 600;
        color: var(--rs-ink-soft);
      }
      button[aria-checked='true'] {
        background: var(--c);
        border-color: var(--c);
        color: var(--rs-paper);
      }
      button[aria-checked='true'] .side {
        color: var(--rs-paper);
      }
      .column button[aria-checked='true']::after {
        content: '✓';
        margin-left: auto;
      }
      .row button[aria-checked='true'] {
        box-shadow: 0 0 0 2px var(--rs-paper), 0 0 0 4px var(--c);
      }
      button:focus-visible {
        z-index: 1;
      }
    `,
  ];

  protected readonly kind = 'scale';

  /** Width available to the buttons; decides between one row and one column. */
  @state() private width = 0;
  private resize: ResizeObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize ??= new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      if (Math.abs(w - this.width) >= 1) this.width = w;
    });
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('definition') && this.width === 0) this.width = this.getBoundingClientRect().width;
  }

  protected renderChoices(def: ScaleDef, selected: string | number | undefined) {
    const values: number[] = [];
    for (let n = def.min; n <= def.max; n++) values.push(n);
    const row = this.width >= values.length * TARGET + (values.length - 1) * GAP;
    // Red/blue at the ends (either way round) earns the political gradient; anything else stays in the accent colour.
    const rb = (a: string, b: string) => /^r[øo]d/i.test(a.trim()) && /^bl[åa]/i.test(b.trim());
    const flip = rb(def.maxLabel, def.minLabel);
    const colour = (i: number) => {
      if (!rb(def.minLabel, def.maxLabel) && !flip) return 'var(--rs-accent)';
      const t = values.length > 1 ? i / (values.length - 1) : 0;
      return redBlue(flip ? 1 - t : t);
    };
    const labelOf = (n: number) => def.options.find((o) => o.id === String(n))?.label ?? String(n);
    const buttons = values.map((n, i) => {
      const side = row ? '' : n === def.min ? def.minLabel : n === def.max ? def.maxLabel : '';
      return html`<button
        role="radio"
        aria-checked=${selected === n ? 'true' : 'false'}
        aria-label=${labelOf(n)}
        ?disabled=${!this.open}
        data-value=${n}
        style="--c:${colour(i)}"
        @click=${() => this.send({ value: n })}
      >
        <span>${n}</span>${side ? html`<span class="side">${side}</span>` : nothing}
      </button>`;
    });
    // One name for the question: the fieldset is the radio group, named by its legend, which is not read a second time as text.
    return html`<fieldset class=${row ? 'row' : 'column'} role="radiogroup" aria-labelledby="prompt">
      <legend id="prompt" aria-hidden="true" lang=${deckLang()}>${def.prompt}</legend>
      <div class="scale" @keydown=${this.onArrowKey}>${buttons}</div>
      ${
        row && (def.minLabel || def.maxLabel)
          ? html`<div class="ends" aria-hidden="true" lang=${deckLang()}><span>← ${def.minLabel}</span><span>${def.maxLabel} →</span></div>`
          : nothing
      }
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-scale': RsScale;
  }
}
