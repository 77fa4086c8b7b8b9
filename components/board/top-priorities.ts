// <rs-top-priorities board="<id>">: the room's ranked priorities from a whiteboard's dot vote — every group
// and every note outside a group with dots, most dots first (core/board.ts topPriorities, the same ranking
// the export uses), read from the room in context (the projector's deck and the phone both provide it). Until a
// facilitator shows the dots, the room sees a notice (and the facilitator a button to show them).
import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { BoardDef } from '../../core/board.js';
import type { DeckManifest } from '../../core/deck.js';
import type { FacilitatorApi } from '../room/api.js';
import { deckContext, facilitatorContext, RoomController } from '../room/room-context.js';
import { buttons, tokens } from '../theme.js';
import { zoneIndexOf, zoneVars } from './zone-colors.js';

@customElement('rs-top-priorities')
@localized()
export class RsTopPriorities extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      :host {
        display: block;
        --size: 1.6rem;
      }
      :host([compact]) {
        --size: 1rem;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.45em;
        font-size: var(--size);
      }
      li {
        display: grid;
        grid-template-columns: 2.2em 1fr auto;
        align-items: center;
        gap: 0.2em 0.6em;
        padding: 0.35em 0.6em;
        border-radius: 0.4em;
        background: var(--zone);
        border-left: 0.35em solid var(--strong);
      }
      .place {
        font-weight: 800;
        font-size: 1.25em;
        text-align: center;
        color: var(--strong);
        font-variant-numeric: tabular-nums;
      }
      .label {
        font-weight: 600;
        overflow-wrap: break-word;
        hyphens: auto;
        min-width: 0;
        line-height: 1.25;
      }
      .kind {
        display: block;
        font-weight: 500;
        font-size: 0.72em;
        color: var(--rs-ink-soft);
      }
      .dots {
        font-weight: 800;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .bar {
        grid-column: 2 / -1;
        height: 0.35em;
        border-radius: 0.2em;
        background: var(--strong);
        width: var(--share);
        min-width: 0.35em;
      }
      .notice {
        font-size: var(--size);
        color: var(--rs-ink-soft);
        margin: 0;
      }
      .more {
        margin: 0.6em 0 0;
        color: var(--rs-ink-soft);
        font-size: calc(var(--size) * 0.75);
      }
      button {
        margin-top: 0.8rem;
      }
    `,
  ];

  @property({ reflect: true }) board = '';
  /** Rows shown before "… og N mere". */
  @property({ type: Number }) limit = 10;
  @property({ type: Boolean, reflect: true }) compact = false;
  @property({ attribute: false }) definition: BoardDef | undefined;

  private readonly controller = new RoomController(this);
  @consume({ context: facilitatorContext, subscribe: true }) @state() private api: FacilitatorApi | undefined;
  @consume({ context: deckContext, subscribe: true }) @state() private deck: DeckManifest | undefined;
  @state() private error = '';

  private async reveal(): Promise<void> {
    this.error = '';
    try {
      await this.api?.control({ action: 'board-reveal', board: this.board });
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  override render() {
    const room = this.controller.room;
    const def = this.definition ?? this.deck?.boards?.find((b) => b.id === this.board);
    if (!room || !def) return html`<p class="notice">${msg('Forbinder …')}</p>`;
    const state = room.boardState(this.board);
    if (!state?.revealed) {
      return html`<p class="notice" data-hidden-dots>${msg('Prikkerne er ikke vist endnu.')}</p>
        ${this.api ? html`<button class="primary" @click=${this.reveal}>${msg('Vis prikker')}</button>` : nothing}
        ${this.error ? html`<p class="notice" role="alert">${this.error}</p>` : nothing}`;
    }
    const rows = room.boardPriorities(this.board);
    if (rows.length === 0) return html`<p class="notice" data-empty>${msg('Ingen har placeret prikker endnu.')}</p>`;
    const shown = rows.slice(0, this.limit);
    const top = rows[0]!.dots;
    return html`<ol aria-label=${msg(str`Top prioriteter: ${def.prompt}`)}>
        ${shown.map((r) => {
          const dots = r.dots === 1 ? msg('1 prik') : msg(str`${r.dots} prikker`);
          return html`<li style="${zoneVars(zoneIndexOf(def, r.zone))};--share:${Math.round((r.dots / top) * 100)}%" data-priority=${r.target} data-place=${r.place} data-dots=${r.dots}>
            <span class="place" role="img" aria-label=${msg(str`Nummer ${r.place}`)}>${r.place}.</span>
            <span class="label"
              ><span class="text">${r.label}</span>${r.kind === 'cluster' ? html`<span class="kind">${r.notes === 1 ? msg('Gruppe · 1 seddel') : msg(str`Gruppe · ${r.notes} sedler`)}</span>` : nothing}</span
            >
            <span class="dots">${dots}</span>
            <span class="bar" aria-hidden="true"></span>
          </li>`;
        })}
      </ol>
      ${rows.length > shown.length ? html`<p class="more">${msg(str`… og ${rows.length - shown.length} mere med prikker.`)}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-top-priorities': RsTopPriorities;
  }
}
