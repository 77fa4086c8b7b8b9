// <rs-top-priorities board="<id>">: the room's ranked priorities from a whiteboard's dot vote — every group
// and every note outside a group with dots, most dots first (core/board.ts topPriorities, the same ranking
// the export uses), read from the room in context (the projector's deck and the phone both provide it). Until a
// facilitator shows the dots, the room sees a notice (and the facilitator, on the console or one shared screen,
// a button to show them; the projector's audience view has none). On a slide every row stays in sight: many
// rows go into two columns, and the text shrinks until the last row ends above the slide's bottom and the
// presenter's status bar.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { BoardDef } from '../../core/board.js';
import type { DeckManifest } from '../../core/deck.js';
import type { FacilitatorApi } from '../room/api.js';
import { deckContext, facilitatorContext, RoomController, viewContext, type FacilitatorView } from '../room/room-context.js';
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
      /* On a slide, more rows than fit one column go into two, read down the first and then the second. */
      :host([projected]) ol.many {
        grid-template-columns: 1fr 1fr;
        grid-auto-flow: column;
        grid-template-rows: repeat(var(--rows), auto);
        column-gap: 0.8em;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.45em;
        /* --fit: the share of full size that fits the slide (1 but on a crowded slide). */
        font-size: calc(var(--size) * var(--fit, 1));
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
        font-size: calc(var(--size) * 0.75 * var(--fit, 1));
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
  /** The facilitator page it is on, if any: the projector's audience view shows no button. */
  @consume({ context: viewContext, subscribe: true }) @state() private view: FacilitatorView | undefined;
  @state() private error = '';
  /** Set on a reveal.js slide (the projector), where the list must fit the slide. */
  @property({ type: Boolean, reflect: true }) projected = false;
  @query('.fit') private fitBox: HTMLElement | undefined;
  // The list is fitted again when its slide appears (its size leaves zero) and when the status bar changes size.
  private readonly resized = new ResizeObserver(() => requestAnimationFrame(() => this.fit()));
  private watchedBar: Element | undefined;
  private readonly onWindowResize = () => this.fit();

  override connectedCallback(): void {
    super.connectedCallback();
    this.projected = !!this.closest('.reveal .slides');
    this.resized.observe(this);
    window.addEventListener('resize', this.onWindowResize);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resized.disconnect();
    window.removeEventListener('resize', this.onWindowResize);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.fit();
  }

  /** The lowest a row may reach on screen: the slide's bottom, the window's, and the top of the presenter's status bar. */
  private floor(): number {
    const slides = this.closest('.reveal .slides')!.getBoundingClientRect();
    let floor = Math.min(slides.bottom, window.innerHeight);
    const bar = document.querySelector('rs-presenter-status');
    if (bar && bar !== this.watchedBar) {
      this.watchedBar = bar;
      this.resized.observe(bar);
    }
    if (bar?.checkVisibility()) floor = Math.min(floor, bar.getBoundingClientRect().top - 4);
    return floor;
  }

  /** On a slide: the largest size (from full down to half) at which the list ends above floor(); measured on screen, so any zoom. */
  private fit(): void {
    const box = this.fitBox;
    if (!this.projected || !box) return;
    const fits = (share: number) => {
      box.style.setProperty('--fit', String(share));
      const rect = box.getBoundingClientRect();
      return rect.bottom <= this.floor();
    };
    // A slide not shown has no size: it is fitted when it is (the observer sees it appear).
    if (box.getBoundingClientRect().height === 0 || fits(1)) return;
    // Wrapping changes with the size, so the height is not proportional to it: halve the interval instead.
    let low = 0.5;
    let high = 1;
    for (let i = 0; i < 7; i++) {
      const mid = (low + high) / 2;
      if (fits(mid)) low = mid;
      else high = mid;
    }
    box.style.setProperty('--fit', String(low));
  }

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
        ${this.api && this.view !== 'audience' ? html`<button class="primary" @click=${this.reveal}>${msg('Vis prikker')}</button>` : nothing}
        ${this.error ? html`<p class="notice" role="alert">${this.error}</p>` : nothing}`;
    }
    const rows = room.boardPriorities(this.board);
    if (rows.length === 0) return html`<p class="notice" data-empty>${msg('Ingen har placeret prikker endnu.')}</p>`;
    const shown = rows.slice(0, this.limit);
    const top = rows[0]!.dots;
    const many = shown.length > 5;
    return html`<div class="fit"><ol class=${many ? 'many' : ''} style="--rows:${Math.ceil(shown.length / 2)}" aria-label=${msg(str`Top prioriteter: ${def.prompt}`)}>
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
      ${rows.length > shown.length ? html`<p class="more">${msg(str`… og ${rows.length - shown.length} mere med prikker.`)}</p>` : nothing}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-top-priorities': RsTopPriorities;
  }
}
