// <rs-multi-choice>: the phone's ballot for a multi-choice activity; pick 1..maxChoices options, then Send.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { deckLang } from '../../i18n.js';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { checkBallot, type ActivityDef, type Ballot } from '../../../core/activity.js';
import type { ActivityStatus } from '../../../core/room-doc.js';
import { buttons, tokens } from '../../theme.js';
import { ballotEvent, type BallotElement } from '../ballot-event.js';
import { multiHint } from '../../../texts/ballot-hints.js';

@customElement('rs-multi-choice')
@localized()
export class RsMultiChoice extends LitElement implements BallotElement {
  static override styles = [
    tokens,
    buttons,
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
        margin-bottom: 0.3rem;
        padding: 0;
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
        color: var(--rs-ink-soft);
      }
      .hint[data-kind='error'] {
        color: var(--rs-bad);
        font-weight: 600;
      }
      button {
        -webkit-tap-highlight-color: transparent;
      }
      button.send {
        width: 100%;
        font-size: 1.1rem;
        min-height: 52px;
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) definition!: ActivityDef;
  @property() status: ActivityStatus = 'idle';
  @property({ attribute: false }) ballot: Ballot | undefined;

  /** The options ticked on the phone, not yet sent. */
  @state() private chosen: string[] = [];
  private shown = '';

  protected override willUpdate(changed: PropertyValues): void {
    const stored = JSON.stringify(this.ballot ?? null);
    // A new activity, a changed stored ballot or a closed vote shows what is stored; otherwise the edits stay.
    if (changed.has('definition') || stored !== this.shown || (changed.has('status') && this.status !== 'open')) {
      this.shown = stored;
      const ids = this.definition?.options.map((o) => o.id) ?? [];
      this.chosen = this.ballot && 'options' in this.ballot ? this.ballot.options.filter((o) => ids.includes(o)) : [];
    }
  }

  private toggle(option: string, on: boolean): void {
    const rest = this.chosen.filter((o) => o !== option);
    this.chosen = on ? [...rest, option] : rest;
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.status !== 'open') return;
    const check = checkBallot(this.definition, { options: this.chosen });
    if (!check.ok || this.unchanged(check.ballot)) return;
    this.dispatchEvent(ballotEvent(this.definition.id, check.ballot));
  }

  /** The ballot on the phone is the one already stored or on its way. */
  private unchanged(ballot: Ballot): boolean {
    return this.ballot !== undefined && JSON.stringify(ballot) === this.shown;
  }

  override render() {
    const def = this.definition;
    if (def?.kind !== 'multi') return nothing;
    const open = this.status === 'open';
    const check = checkBallot(def, { options: this.chosen });
    const unchanged = check.ok && this.ballot !== undefined && JSON.stringify(check.ballot) === this.shown;
    const n = this.chosen.length;
    let hint = '';
    let error = false;
    if (open && n > def.maxChoices) {
      hint = msg(str`Du har valgt ${n} — fjern ${n - def.maxChoices} for at kunne sende.`);
      error = true;
    } else if (open && !check.ok) {
      hint = multiHint(def, this.chosen, check);
    } else if (open && this.ballot && !unchanged) {
      hint = msg('Ændringen er ikke sendt endnu.');
    }
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
        <button class="primary send" type="submit" ?disabled=${!open} aria-disabled=${!check.ok || unchanged ? 'true' : 'false'} aria-describedby="hint">
          ${msg('Send')}
        </button>
      </fieldset>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-multi-choice': RsMultiChoice;
  }
}
