// <rs-text-answer>: the phone's ballot for an open text activity; a text area with a live character count, then Send.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { deckLang } from '../../i18n.js';
import { localized, msg } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { checkBallot, type ActivityDef, type Ballot } from '../../../core/activity.js';
import { normaliseText } from '../../../core/text.js';
import type { ActivityStatus } from '../../../core/room-doc.js';
import { buttons, focusRing, srOnly, tokens } from '../../theme.js';
import { ballotEvent, type BallotElement } from '../ballot-event.js';
import { textHint, textTooLong } from '../../../texts/ballot-hints.js';

@customElement('rs-text-answer')
@localized()
export class RsTextAnswer extends LitElement implements BallotElement {
  static override styles = [
    tokens,
    buttons,
    focusRing,
    srOnly,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 0.4rem;
      }
      label {
        font-size: 1.25rem;
        font-weight: 700;
        margin-bottom: 0.4rem;
      }
      textarea {
        font: inherit;
        font-size: 1.1rem;
        line-height: 1.4;
        width: 100%;
        box-sizing: border-box;
        min-height: 7.5rem;
        padding: 0.7rem 0.8rem;
        border: 2px solid var(--rs-ink-soft);
        border-radius: var(--rs-radius);
        background: var(--rs-paper);
        color: var(--rs-ink);
        resize: vertical;
      }
      textarea[aria-invalid='true'] {
        border-color: var(--rs-bad);
      }
      textarea:disabled {
        opacity: 0.7;
        cursor: not-allowed;
      }
      .meta {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 1rem;
        min-height: 1.5rem;
      }
      .hint {
        margin: 0;
        color: var(--rs-ink-soft);
      }
      .hint[data-kind='error'] {
        color: var(--rs-bad);
        font-weight: 600;
      }
      .count {
        margin: 0 0 0 auto;
        flex: none;
        color: var(--rs-ink-soft);
        font-variant-numeric: tabular-nums;
      }
      .count[data-over] {
        color: var(--rs-bad);
        font-weight: 700;
      }
      button {
        -webkit-tap-highlight-color: transparent;
      }
      button.send {
        width: 100%;
        font-size: 1.1rem;
        min-height: 52px;
        font-weight: 700;
        margin-top: 0.3rem;
      }
    `,
  ];

  @property({ attribute: false }) definition!: ActivityDef;
  @property() status: ActivityStatus = 'idle';
  @property({ attribute: false }) ballot: Ballot | undefined;

  /** What is typed, as typed; sent trimmed. */
  @state() private text = '';
  private shown = '';

  protected override willUpdate(changed: PropertyValues): void {
    const stored = JSON.stringify(this.ballot ?? null);
    // A new activity, a changed stored ballot or a closed vote shows what is stored; otherwise the edits stay.
    if (changed.has('definition') || stored !== this.shown || (changed.has('status') && this.status !== 'open')) {
      this.shown = stored;
      this.text = this.ballot && 'text' in this.ballot ? this.ballot.text : '';
    }
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.status !== 'open') return;
    const check = checkBallot(this.definition, { text: this.text });
    if (!check.ok || (this.ballot !== undefined && JSON.stringify(check.ballot) === this.shown)) return;
    this.dispatchEvent(ballotEvent(this.definition.id, check.ballot));
  }

  override render() {
    const def = this.definition;
    if (def?.kind !== 'text') return nothing;
    const open = this.status === 'open';
    const length = normaliseText(this.text).length;
    const over = length > def.maxLength;
    const check = checkBallot(def, { text: this.text });
    const unchanged = check.ok && this.ballot !== undefined && JSON.stringify(check.ballot) === this.shown;
    // Empty is said quietly (nothing is wrong yet); too long is said as an error.
    const hint = !open
      ? ''
      : !check.ok
        ? textHint(def, length, check)
        : this.ballot && !unchanged
          ? msg('Ændringen er ikke sendt endnu.')
          : '';
    // The live region changes only when the state does: too long is said once, when the answer crosses the
    // limit, not again at every key; the count is in the text area's description, read when asked for.
    const said = open && over ? textTooLong(def) : hint;
    return html`<form @submit=${this.submit} novalidate>
      <label for="answer" lang=${deckLang()}>${def.prompt}</label>
      <textarea
        id="answer"
        name="answer"
        rows="3"
        enterkeyhint="done"
        placeholder=${msg('Skriv dit svar her')}
        .value=${this.text}
        ?disabled=${!open}
        aria-describedby="count hint"
        aria-invalid=${over ? 'true' : 'false'}
        @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <div class="meta">
        <p class="hint" id="hint" data-kind=${over ? 'error' : 'info'} aria-hidden="true" data-hint>${hint}</p>
        <p class="sr-only" aria-live="polite" data-live-hint>${said}</p>
        <p class="count" id="count" ?data-over=${over} data-count>
          ${length} / ${def.maxLength}
        </p>
      </div>
      <button class="primary send" type="submit" ?disabled=${!open} aria-disabled=${!check.ok || unchanged ? 'true' : 'false'}>${msg('Send')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-text-answer': RsTextAnswer;
  }
}
