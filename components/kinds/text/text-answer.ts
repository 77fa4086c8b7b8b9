// <rs-text-answer>: the phone's ballot for an open text activity; a text area with a live character count, then Send.
import { css, html, nothing } from 'lit';
import { deckLang } from '../../i18n.js';
import { localized, msg } from '@lit/localize';
import { customElement, state } from 'lit/decorators.js';
import type { TextDef } from '../../../core/activity.js';
import { normaliseText } from '../../../core/text.js';
import { focusRing, srOnly } from '../../theme.js';
import { DraftInput } from '../ballot-input.js';
import { draftStyles } from '../ballot-styles.js';
import { textHint, textTooLong } from '../../../texts/ballot-hints.js';

@customElement('rs-text-answer')
@localized()
export class RsTextAnswer extends DraftInput<TextDef> {
  static override styles = [
    ...draftStyles,
    focusRing,
    srOnly,
    css`
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
      button.send {
        margin-top: 0.3rem;
      }
    `,
  ];

  protected readonly kind = 'text';

  /** What is typed, as typed; sent trimmed. */
  @state() private text = '';

  protected restore(): void {
    this.text = this.ballot && 'text' in this.ballot ? this.ballot.text : '';
  }

  protected edits() {
    return { text: this.text };
  }

  override render() {
    const def = this.def;
    if (!def) return nothing;
    const open = this.open;
    const length = normaliseText(this.text).length;
    const over = length > def.maxLength;
    const draft = this.draft();
    // Empty is said quietly (nothing is wrong yet); too long is said as an error.
    const hint = this.hint(draft, (check) => textHint(def, length, check));
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
      ${this.sendButton(draft, msg('Send'))}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-text-answer': RsTextAnswer;
  }
}
