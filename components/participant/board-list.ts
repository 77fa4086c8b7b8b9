// The whiteboard as a phone reads it: a list by zone, grouped as the facilitators have clustered it; what the
// phone's board elements share; and the event through which they ask the session to send an intent.
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { deckLang } from '../i18n.js';
import { msg, str } from '@lit/localize';
import type { BoardDef, BoardPhase, Note } from '../../core/board.js';
import { zoneVars } from '../board/zone-colors.js';
import type { BoardAction, BoardFeedback } from './own-board.js';

export function boardIntentEvent(action: BoardAction): CustomEvent<BoardAction> {
  return new CustomEvent<BoardAction>('rs-board-intent', { detail: action, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rs-board-intent': CustomEvent<BoardAction>;
  }
}

/** What the phone's board elements share: the board, its phase, its visible notes, and the latest word on what was sent. */
export class BoardPartElement extends LitElement {
  @property({ attribute: false }) definition!: BoardDef;
  @property() phase: BoardPhase = 'closed';
  /** The board's visible notes, as everyone sees them. */
  @property({ attribute: false }) notes: Note[] = [];
  @property({ attribute: false }) feedback: BoardFeedback | undefined;

  /** The line under the controls that says what became of the latest note or dots. */
  protected renderFeedback() {
    const fb = this.feedback;
    return fb ? html`<p class="feedback" data-kind=${fb.kind} data-feedback>${fb.text}</p>` : nothing;
  }
}

/** A board element's box, its muted lines, and the feedback line (BoardPartElement.renderFeedback). */
export const feedbackStyles = css`
  :host {
    display: block;
  }
  .muted {
    color: var(--rs-ink-soft);
  }
  .feedback {
    margin: 0.8rem 0 0;
    padding: 0.6rem 0.8rem;
    border-radius: var(--rs-radius);
    background: var(--rs-surface);
    border-left: 5px solid var(--rs-line);
  }
  .feedback[data-kind='stored'] {
    border-left-color: var(--rs-good);
  }
  .feedback[data-kind='sending'],
  .feedback[data-kind='waiting'] {
    border-left-color: var(--rs-status-wait);
  }
  .feedback[data-kind='rejected'] {
    border-left-color: var(--rs-bad);
  }
`;

export const boardListStyles = css`
  .board-list summary {
    cursor: pointer;
    font-weight: 700;
    padding: 0.7rem 0;
    margin-top: 0.8rem;
    color: var(--rs-accent);
  }
  .board-list summary:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: var(--rs-focus-offset);
  }
  .board-list section {
    margin-top: 0.8rem;
  }
  .board-list h4 {
    margin: 0 0 0.4rem;
    font-size: 1rem;
    display: flex;
    align-items: center;
    gap: 0.45rem;
  }
  .board-list h4::before {
    content: '';
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 3px;
    background: var(--note);
    border: 2px solid var(--strong);
    flex: none;
  }
  .board-list ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  .board-list li {
    background: var(--note);
    border-radius: 0.35rem;
    padding: 0.45rem 0.6rem;
    overflow-wrap: anywhere;
  }
  .board-list .group {
    font-weight: 700;
    font-size: 0.85rem;
    color: var(--strong);
    display: block;
  }
  .board-list .empty {
    color: var(--rs-ink-soft);
    margin: 0;
  }
`;

/** The board's visible notes by zone, in a `<details>` so it does not push the phone's controls away. */
export function renderBoardList(def: BoardDef, notes: readonly Note[], groups: ReadonlyMap<string, string>, open = false) {
  return html`<details class="board-list" ?open=${open}>
    <summary>${notes.length === 1 ? msg('Se tavlen (1 seddel)') : msg(str`Se tavlen (${notes.length} sedler)`)}</summary>
    ${def.zones.map((z, i) => {
      const inZone = notes.filter((n) => n.zone === z.id);
      return html`<section style=${zoneVars(i)} aria-label=${z.label}>
        <h4><span lang=${deckLang()}>${z.label}</span> (${inZone.length})</h4>
        ${
          inZone.length === 0
            ? html`<p class="empty">${msg('Ingen sedler endnu.')}</p>`
            : html`<ul>
              ${inZone.map((n) => {
                const group = groups.get(n.id);
                return html`<li data-board-note=${n.id}>${group ? html`<span class="group">${group}</span>` : nothing}${n.text}</li>`;
              })}
            </ul>`
        }
      </section>`;
    })}
  </details>`;
}
