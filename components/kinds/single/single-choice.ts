// <rs-single-choice>: the phone's ballot for a single-choice activity; emits rs-ballot when an option is tapped.
import { css, html } from 'lit';
import { deckLang } from '../../i18n.js';
import { customElement } from 'lit/decorators.js';
import type { SingleChoiceDef } from '../../../core/activity.js';
import { TapInput } from '../ballot-input.js';
import { tapStyles } from '../ballot-styles.js';

@customElement('rs-single-choice')
export class RsSingleChoice extends TapInput<SingleChoiceDef> {
  static override styles = [
    ...tapStyles,
    css`
      fieldset {
        display: grid;
        gap: 0.6rem;
      }
      legend {
        margin-bottom: 0.8rem;
      }
      button {
        font: inherit;
        font-size: 1.1rem;
        min-height: 56px;
        width: 100%;
        text-align: left;
        padding: 0.8rem min(1rem, 4vw);
        border-radius: var(--rs-radius);
        border: 2px solid var(--rs-line);
        background: var(--rs-paper);
        color: var(--rs-ink);
        display: flex;
        align-items: center;
        gap: 0.8rem;
        cursor: pointer;
      }
      button[aria-checked='true'] {
        border-color: var(--rs-accent);
        background: var(--rs-accent-pale);
        font-weight: 700;
      }
      .dot {
        flex: none;
        width: 1.2rem;
        height: 1.2rem;
        border-radius: 50%;
        border: 2px solid var(--rs-ink-soft);
      }
      button[aria-checked='true'] .dot {
        border-color: var(--rs-accent);
        background: radial-gradient(circle, var(--rs-accent) 45%, transparent 50%);
      }
    `,
  ];

  protected readonly kind = 'single';

  protected renderChoices(def: SingleChoiceDef, selected: string | number | undefined) {
    // One name for the question: the fieldset is the radio group, named by its legend, which is not read a second time as text.
    return html`<fieldset role="radiogroup" aria-labelledby="prompt">
      <legend id="prompt" aria-hidden="true" lang=${deckLang()}>${def.prompt}</legend>
      <div @keydown=${this.onArrowKey} style="display:grid;gap:0.6rem">
        ${def.options.map((o) =>
          this.optionRadio(o.id, selected, html`<span class="dot" aria-hidden="true"></span><span lang=${deckLang()}>${o.label}</span>`),
        )}
      </div>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-single-choice': RsSingleChoice;
  }
}
