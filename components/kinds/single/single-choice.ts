// <rs-single-choice>: the phone's ballot for a single-choice activity; emits rs-ballot when an option is tapped.
import { LitElement, css, html, nothing } from 'lit';
import { deckLang } from '../../i18n.js';
import { customElement, property } from 'lit/decorators.js';
import type { ActivityDef, Ballot } from '../../../core/activity.js';
import type { ActivityStatus } from '../../../core/room-doc.js';
import { focusRing, tokens } from '../../theme.js';
import { ballotEvent, type BallotElement } from '../ballot-event.js';

@customElement('rs-single-choice')
export class RsSingleChoice extends LitElement implements BallotElement {
  static override styles = [
    tokens,
    focusRing,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.6rem;
        min-width: 0;
      }
      legend {
        font-size: 1.25rem;
        font-weight: 700;
        margin-bottom: 0.8rem;
        padding: 0;
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
      button:disabled {
        cursor: not-allowed;
        opacity: 0.7;
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

  @property({ attribute: false }) definition!: ActivityDef;
  @property() status: ActivityStatus = 'idle';
  @property({ attribute: false }) ballot: Ballot | undefined;

  private choose(option: string): void {
    if (this.status !== 'open') return;
    this.dispatchEvent(ballotEvent(this.definition.id, { option }));
  }

  private onKey(e: KeyboardEvent): void {
    if (!['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft'].includes(e.key)) return;
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button')];
    const i = items.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    const next = items[(i + (e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length];
    next?.focus();
    e.preventDefault();
  }

  override render() {
    const def = this.definition;
    if (!def) return nothing;
    const selected = this.ballot && 'option' in this.ballot ? this.ballot.option : undefined;
    // One name for the question: the fieldset is the radio group, named by its legend, which is not read a second time as text.
    return html`<fieldset role="radiogroup" aria-labelledby="prompt">
      <legend id="prompt" aria-hidden="true" lang=${deckLang()}>${def.prompt}</legend>
      <div @keydown=${this.onKey} style="display:grid;gap:0.6rem">
        ${def.options.map(
          (o) => html`<button
            role="radio"
            aria-checked=${selected === o.id ? 'true' : 'false'}
            ?disabled=${this.status !== 'open'}
            data-option=${o.id}
            @click=${() => this.choose(o.id)}
          >
            <span class="dot" aria-hidden="true"></span><span lang=${deckLang()}>${o.label}</span>
          </button>`,
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
