// <rs-multi-choice>: the phone's ballot for a multi-choice activity; pick 1..maxChoices options, then Send.
import { css, html, nothing } from 'lit';
import { deckLang } from '../../i18n.js';
import { localized, msg, str } from '@lit/localize';
import { customElement, state } from 'lit/decorators.js';
import type { MultiChoiceDef } from '../../../core/activity.js';
import { DraftInput } from '../ballot-input.js';
import { draftStyles } from '../ballot-styles.js';
import { multiHint } from '../../../texts/ballot-hints.js';

@customElement('rs-multi-choice')
@localized()
export class RsMultiChoice extends DraftInput<MultiChoiceDef> {
  static override styles = [
    ...draftStyles,
    css`
      fieldset {
        display: grid;
        gap: 0.6rem;
      }
      legend {
        margin-bottom: 0.3rem;
      }
      .limit {
        margin: 0 0 0.3rem;
        color: var(--rs-ink-soft);
        font-weight: 600;
      }
      label {
        font-size: 1.1rem;
        min-height: 56px;
        box-sizing: border-box;
        padding: 0.7rem min(1rem, 4vw);
        border-radius: var(--rs-radius);
        border: 2px solid var(--rs-line);
        background: var(--rs-paper);
        display: flex;
        align-items: center;
        gap: 0.8rem;
        cursor: pointer;
        -webkit-tap-highlight-color: transparent;
      }
      label:has(input:checked) {
        border-color: var(--rs-accent);
        background: var(--rs-accent-pale);
        font-weight: 700;
      }
      label:has(input:disabled) {
        cursor: not-allowed;
        opacity: 0.7;
      }
      label:has(input:focus-visible) {
        outline: var(--rs-focus-ring);
        outline-offset: var(--rs-focus-offset);
      }
      input {
        flex: none;
        width: 1.5rem;
        height: 1.5rem;
        margin: 0;
        accent-color: var(--rs-accent);
        cursor: inherit;
      }
      input:focus-visible {
        outline: none;
      }
      .hint {
        margin: 0.4rem 0 0;
      }
    `,
  ];

  protected readonly kind = 'multi';

  /** The options ticked on the phone, not yet sent. */
  @state() private chosen: string[] = [];

  protected restore(): void {
    const ids = this.definition?.options.map((o) => o.id) ?? [];
    this.chosen = this.ballot && 'options' in this.ballot ? this.ballot.options.filter((o) => ids.includes(o)) : [];
  }

  protected edits() {
    return { options: this.chosen };
  }

  private toggle(option: string, on: boolean): void {
    const rest = this.chosen.filter((o) => o !== option);
    this.chosen = on ? [...rest, option] : rest;
  }

  override render() {
    const def = this.def;
    if (!def) return nothing;
    const open = this.open;
    const draft = this.draft();
    const n = this.chosen.length;
    const error = open && n > def.maxChoices;
    const hint = error
      ? msg(str`Du har valgt ${n} — fjern ${n - def.maxChoices} for at kunne sende.`)
      : this.hint(draft, (check) => multiHint(def, this.chosen, check));
    return html`<form @submit=${this.submit} novalidate>
      <fieldset ?disabled=${!open} aria-describedby="limit">
        <legend lang=${deckLang()}>${def.prompt}</legend>
        <p class="limit" id="limit">
          ${def.maxChoices === 1 ? msg('Vælg én') : msg(str`Vælg op til ${def.maxChoices}`)}<span data-count> · ${msg(str`${n} valgt`)}</span>
        </p>
        ${def.options.map(
          (o) => html`<label data-option=${o.id}>
            <input
              type="checkbox"
              name="option"
              .value=${o.id}
              .checked=${this.chosen.includes(o.id)}
              @change=${(e: Event) => this.toggle(o.id, (e.target as HTMLInputElement).checked)}
            />
            <span lang=${deckLang()}>${o.label}</span>
          </label>`,
        )}
        <p class="hint" id="hint" data-kind=${error ? 'error' : 'info'} aria-live="polite">${hint}</p>
        ${this.sendButton(draft, msg('Send'), 'hint')}
      </fieldset>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-multi-choice': RsMultiChoice;
  }
}
