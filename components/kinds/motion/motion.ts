// <rs-motion>: the phone's ballot for a vote on a recommendation (indstilling): For, Imod or Undlader; a tap votes.
import { css, html, nothing, svg } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import { MOTION_OPTIONS, type MotionDef } from '../../../core/activity.js';
import { deckLang, motionLabel } from '../../i18n.js';
import { TapInput } from '../ballot-input.js';
import { kicker, tapStyles } from '../ballot-styles.js';

const ICONS: Record<string, ReturnType<typeof svg>> = {
  for: svg`<path d="M4 10.5l4 4 8-9"/>`,
  imod: svg`<path d="M5 5l10 10M15 5L5 15"/>`,
  undlader: svg`<path d="M4.5 10h11"/>`,
};

@customElement('rs-motion')
@localized()
export class RsMotion extends TapInput<MotionDef> {
  static override styles = [
    ...tapStyles,
    kicker,
    css`
      legend {
        margin-bottom: 1rem;
      }
      .kicker {
        margin-bottom: 0.3rem;
      }
      .prompt {
        display: block;
        font-size: 1.15rem;
        font-weight: 700;
        line-height: 1.35;
      }
      .choices {
        display: grid;
        gap: 0.7rem;
      }
      button {
        --c: var(--rs-ink-soft);
        font: inherit;
        font-size: 1.25rem;
        font-weight: 700;
        min-height: 64px;
        width: 100%;
        padding: 0.6rem min(1rem, 4vw);
        border-radius: var(--rs-radius);
        border: 2px solid var(--c);
        border-left-width: 10px;
        background: var(--rs-paper);
        color: var(--c);
        display: flex;
        align-items: center;
        gap: 0.8rem;
        text-align: left;
        cursor: pointer;
        -webkit-tap-highlight-color: transparent;
      }
      button[data-option='for'] {
        --c: var(--rs-good);
      }
      button[data-option='imod'] {
        --c: var(--rs-bad);
      }
      button[data-option='undlader'] {
        --c: #4a5568;
      }
      button[aria-checked='true'] {
        background: var(--c);
        color: var(--rs-paper);
      }
      button svg {
        flex: none;
      }
      .mine {
        margin-left: auto;
        font-size: 0.9rem;
        font-weight: 600;
        padding: 0.15rem 0.55rem;
        border-radius: 999px;
        /* Darker than the chosen option's colour, so the white text keeps its contrast (WCAG 1.4.3). */
        background: rgb(0 0 0 / 0.28);
      }
    `,
  ];

  protected readonly kind = 'motion';

  protected renderChoices(def: MotionDef, selected: string | number | undefined) {
    // One name for the question: the fieldset is the radio group, named by the motion's text, which is not read a second time as text.
    return html`<fieldset role="radiogroup" aria-labelledby="prompt">
      <legend><span class="kicker">${msg('Indstilling')}</span><span class="prompt" id="prompt" aria-hidden="true" lang=${deckLang()}>${def.prompt}</span></legend>
      <div class="choices" @keydown=${this.onArrowKey}>
        ${MOTION_OPTIONS.map((o) =>
          this.optionRadio(
            o.id,
            selected,
            html`<svg viewBox="0 0 20 20" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.6"
                stroke-linecap="round" stroke-linejoin="round">${ICONS[o.id]}</svg>
              <span>${motionLabel(o.id, o.label)}</span>
              ${selected === o.id ? html`<span class="mine" aria-hidden="true">${msg('Din stemme')}</span>` : nothing}`,
          ),
        )}
      </div>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-motion': RsMotion;
  }
}
