// <rs-board-notes>: the phone's side of a whiteboard while it takes notes — choose a zone, write, put the
// note up; edit or withdraw one's own notes; read the board as a list. It emits rs-board-intent events
// that the participant app hands to the session, which keeps them until the server has stored them.
import { css, html, nothing } from 'lit';
import { deckLang } from '../i18n.js';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { normaliseText } from '../../core/text.js';
import { checkNoteText } from '../../core/board.js';
import { zoneIndexOf, zoneVars } from '../board/zone-colors.js';
import { buttons, focusRing, srOnly, tokens } from '../theme.js';
import type { BoardAction, MyNote } from './own-board.js';
import { BoardPartElement, boardIntentEvent, boardListStyles, feedbackStyles, renderBoardList } from './board-list.js';
import { noteTooLong, noteTooLongHint } from '../../texts/ballot-hints.js';

const STATUS_TEXT: Record<MyNote['status'], () => string> = {
  sending: () => msg('Sendes …'),
  pending: () => msg('Venter på godkendelse'),
  visible: () => msg('På tavlen'),
  hidden: () => msg('Skjult af facilitatoren'),
};

@customElement('rs-board-notes')
@localized()
export class RsBoardNotes extends BoardPartElement {
  static override styles = [
    tokens,
    buttons,
    focusRing,
    srOnly,
    boardListStyles,
    feedbackStyles,
    css`
      h2 {
        font-size: 1.25rem;
        margin: 0 0 0.8rem;
      }
      h3 {
        font-size: 1.05rem;
        margin: 1.4rem 0 0.5rem;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 0.8rem;
      }
      legend {
        font-weight: 700;
        margin-bottom: 0.4rem;
      }
      .zones {
        display: grid;
        /* Wide enough for a zone's name in whole words beside its radio; one column on a 360 px phone, never wider than the phone. */
        grid-template-columns: repeat(auto-fit, minmax(min(10rem, 100%), 1fr));
        gap: 0.5rem;
      }
      .zones label {
        display: flex;
        align-items: center;
        gap: 0.55rem;
        min-height: 52px;
        padding: 0.3rem 0.8rem;
        border-radius: var(--rs-radius);
        border: 2px solid var(--edge);
        background: var(--zone);
        font-weight: 600;
        cursor: pointer;
      }
      .zones label:has(input:checked) {
        border-color: var(--strong);
        background: var(--note);
        box-shadow: inset 0 0 0 2px var(--strong);
      }
      .zones label:has(input:focus-visible) {
        outline: var(--rs-focus-ring);
        outline-offset: var(--rs-focus-offset);
      }
      .zones input {
        width: 1.3rem;
        height: 1.3rem;
        margin: 0;
        accent-color: var(--strong);
      }
      textarea {
        font: inherit;
        font-size: 1.1rem;
        line-height: 1.4;
        width: 100%;
        box-sizing: border-box;
        min-height: 6.5rem;
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
      .text-label {
        display: block;
        font-weight: 700;
        margin-bottom: 0.4rem;
      }
      .meta {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        min-height: 1.5rem;
        margin: 0.2rem 0 0.3rem;
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
        color: var(--rs-ink-soft);
        font-variant-numeric: tabular-nums;
      }
      .count[data-over] {
        color: var(--rs-bad);
        font-weight: 700;
      }
      button.wide {
        width: 100%;
        min-height: 52px;
        font-size: 1.1rem;
        font-weight: 700;
      }
      .mine {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.6rem;
      }
      .mine li {
        background: var(--note);
        border-left: 6px solid var(--strong);
        border-radius: var(--rs-radius);
        padding: 0.6rem 0.7rem;
      }
      .mine .text {
        margin: 0 0 0.3rem;
        overflow-wrap: anywhere;
        font-size: 1.05rem;
      }
      .mine .state {
        margin: 0 0 0.4rem;
        font-size: 0.9rem;
        color: var(--rs-ink-soft);
      }
      .mine .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .mine .actions button {
        background: var(--rs-paper);
      }
      .mine textarea {
        min-height: 4.5rem;
        margin-bottom: 0.3rem;
      }
    `,
  ];

  /** The participant's own notes, stored and on their way. */
  @property({ attribute: false }) mine: MyNote[] = [];
  /** noteId → cluster name, for the read-only list. */
  @property({ attribute: false }) groups: ReadonlyMap<string, string> = new Map();

  @state() private zone = '';
  @state() private text = '';
  /** The note being edited and its draft text. */
  @state() private editing: { id: string; text: string } | null = null;
  /** A withdrawal that waits for a second tap. */
  @state() private confirming: string | null = null;
  /** The feedback whose draft was put back into the form, so it is offered once. */
  private restored = 0;

  protected override willUpdate(): void {
    const zones = this.definition?.zones ?? [];
    if (!zones.some((z) => z.id === this.zone)) this.zone = zones[0]?.id ?? '';
    // A note the server did not take comes back into the form, so nothing typed is lost.
    const fb = this.feedback;
    if (fb?.draft && fb.at > this.restored && this.text === '') {
      this.restored = fb.at;
      this.zone = fb.draft.zone;
      this.text = fb.draft.text;
    }
  }

  /** After a re-render, puts focus on the first element found (a note's buttons come and go as it is edited). */
  private focusAfter(...selectors: string[]): void {
    void this.updateComplete.then(() => {
      for (const s of selectors) {
        const el = this.renderRoot.querySelector<HTMLElement>(s);
        if (el) return el.focus();
      }
    });
  }

  private startEdit(note: MyNote): void {
    this.confirming = null;
    this.editing = { id: note.id, text: note.editing ?? note.text };
    this.focusAfter(`#edit-${CSS.escape(note.id)}`);
  }

  private stopEdit(note: MyNote): void {
    this.editing = null;
    this.focusAfter(
      `[data-my-note="${CSS.escape(note.id)}"] button[data-act="edit"]`,
      `[data-my-note="${CSS.escape(note.id)}"] button`,
      '#note-text',
    );
  }

  private emit(action: BoardAction): void {
    this.dispatchEvent(boardIntentEvent(action));
  }

  private post(e: Event): void {
    e.preventDefault();
    const check = checkNoteText(this.definition, this.text);
    if (!check.ok || this.phase !== 'notes') return;
    this.emit({ type: 'note', board: this.definition.id, zone: this.zone, text: check.value });
    this.text = '';
    this.renderRoot.querySelector<HTMLTextAreaElement>('#note-text')?.focus();
  }

  private saveEdit(e: Event, note: MyNote): void {
    e.preventDefault();
    if (!this.editing) return;
    const check = checkNoteText(this.definition, this.editing.text);
    if (!check.ok) return;
    if (check.value !== note.text) this.emit({ type: 'note-edit', board: this.definition.id, note: note.id, text: check.value });
    this.stopEdit(note);
  }

  private withdraw(note: MyNote): void {
    if (this.confirming !== note.id) {
      this.confirming = note.id;
      return;
    }
    this.confirming = null;
    this.emit({ type: 'note-withdraw', board: this.definition.id, note: note.id });
    // The note's buttons go while it is withdrawn: focus goes back to writing a new note.
    this.focusAfter('#note-text', 'h2');
  }

  private renderCounter(id: string, text: string) {
    const def = this.definition;
    const length = [...normaliseText(text)].length;
    const over = length > def.maxLength;
    const check = checkNoteText(def, text);
    const tooLong = over && !check.ok;
    // Shown with the count; said once, when the note crosses the limit, not again at every key.
    return html`<div class="meta">
      <p class="hint" id="${id}-hint" data-kind=${over ? 'error' : 'info'} aria-hidden="true" data-hint>${tooLong ? noteTooLongHint(def, text, length) : ''}</p>
      <p class="sr-only" aria-live="polite" data-live-hint>${tooLong ? noteTooLong(def) : ''}</p>
      <p class="count" id="${id}-count" ?data-over=${over} data-count>${length} / ${def.maxLength}</p>
    </div>`;
  }

  private renderMine() {
    const def = this.definition;
    if (this.mine.length === 0) return nothing;
    const open = this.phase === 'notes';
    return html`<h3>${msg(str`Dine sedler (${this.mine.length})`)}</h3>
      <ul class="mine">
        ${this.mine.map((n) => {
          const zone = def.zones.find((z) => z.id === n.zone);
          const editing = this.editing?.id === n.id ? this.editing : null;
          const state = n.withdrawing
            ? msg('Trækkes tilbage …')
            : n.editing !== undefined
              ? msg('Ændringen sendes …')
              : STATUS_TEXT[n.status]();
          return html`<li style=${zoneVars(zoneIndexOf(def, n.zone))} data-my-note=${n.id} data-status=${n.status}>
            ${
              editing
                ? html`<form @submit=${(e: Event) => this.saveEdit(e, n)} novalidate>
                  <label class="text-label" for="edit-${n.id}">${msg('Ret din seddel')}</label>
                  <textarea
                    id="edit-${n.id}"
                    rows="2"
                    .value=${editing.text}
                    aria-describedby="edit-${n.id}-count edit-${n.id}-hint"
                    @input=${(e: Event) => (this.editing = { id: n.id, text: (e.target as HTMLTextAreaElement).value })}
                  ></textarea>
                  ${this.renderCounter(`edit-${n.id}`, editing.text)}
                  <div class="actions">
                    <button class="primary" type="submit" ?disabled=${!checkNoteText(def, editing.text).ok}>${msg('Gem ændringen')}</button>
                    <button type="button" @click=${() => this.stopEdit(n)}>${msg('Fortryd')}</button>
                  </div>
                </form>`
                : html`<p class="text">${n.editing ?? n.text}</p>
                  <p class="state">${zone?.label ?? n.zone} · ${state}</p>
                  ${
                    n.status === 'sending' || n.withdrawing
                      ? nothing
                      : html`<div class="actions">
                        ${
                          open && n.status !== 'hidden'
                            ? html`<button type="button" data-act="edit" aria-label=${msg(str`Ret sedlen: ${n.text}`)} @click=${() => this.startEdit(n)}>${msg('Ret')}</button>`
                            : nothing
                        }
                        <button
                          type="button"
                          class=${this.confirming === n.id ? 'danger' : ''}
                          data-act="withdraw"
                          aria-label=${this.confirming === n.id ? msg(str`Ja, træk sedlen tilbage: ${n.text}`) : msg(str`Træk sedlen tilbage: ${n.text}`)}
                          @click=${() => this.withdraw(n)}
                        >${this.confirming === n.id ? msg('Ja, træk sedlen tilbage') : msg('Træk sedlen tilbage')}</button>
                        ${
                          this.confirming === n.id
                            ? html`<button type="button" @click=${() => {
                                this.confirming = null;
                                this.focusAfter(`[data-my-note="${CSS.escape(n.id)}"] button[data-act="withdraw"]`);
                              }}>${msg('Behold')}</button>`
                            : nothing
                        }
                      </div>`
                  }`
            }
          </li>`;
        })}
      </ul>`;
  }

  override render() {
    const def = this.definition;
    if (!def) return nothing;
    const open = this.phase === 'notes';
    const check = checkNoteText(def, this.text);
    return html`<h2 lang=${deckLang()}>${def.prompt}</h2>
      ${
        open
          ? html`<form @submit=${this.post} novalidate>
            <fieldset>
              <legend>${msg('Hvor hører sedlen hjemme?')}</legend>
              <div class="zones">
                ${def.zones.map(
                  (z, i) => html`<label style=${zoneVars(i)}>
                    <input
                      type="radio"
                      name="zone"
                      value=${z.id}
                      .checked=${this.zone === z.id}
                      @change=${() => (this.zone = z.id)}
                    /><span lang=${deckLang()}>${z.label}</span>
                  </label>`,
                )}
              </div>
            </fieldset>
            <label class="text-label" for="note-text">${msg('Din seddel')}</label>
            <textarea
              id="note-text"
              rows="3"
              enterkeyhint="send"
              placeholder=${def.approval ? msg('Skriv kort. Facilitatoren godkender sedlen, før den kommer op.') : msg('Skriv kort — én idé pr. seddel')}
              .value=${this.text}
              aria-describedby="note-text-count note-text-hint"
              aria-invalid=${[...normaliseText(this.text)].length > def.maxLength ? 'true' : 'false'}
              @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${this.renderCounter('note-text', this.text)}
            <button class="primary wide" type="submit" ?disabled=${!check.ok}>${msg('Sæt sedlen op')}</button>
          </form>`
          : html`<p class="muted">${msg('Tavlen er ikke åben for nye sedler lige nu.')}</p>`
      }
      <div aria-live="polite" aria-atomic="true">
        ${this.renderFeedback()}
      </div>
      ${this.renderMine()} ${renderBoardList(def, this.notes, this.groups)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-board-notes': RsBoardNotes;
  }
}
