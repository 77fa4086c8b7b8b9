// <rs-ranking>: the phone's ballot for a ranking activity; order every option by dragging a row's handle or with the
// "Flyt op"/"Flyt ned" buttons, then send the whole order.
import { css, html, nothing, svg } from 'lit';
import { deckLang } from '../../i18n.js';
import { localized, msg, str } from '@lit/localize';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RankingDef } from '../../../core/activity.js';
import { srOnly } from '../../theme.js';
import { DraftInput } from '../ballot-input.js';
import { draftStyles, optionRows } from '../ballot-styles.js';
import { rankingHint } from '../../../texts/ballot-hints.js';

const grip = svg`<svg viewBox="0 0 10 16" width="10" height="16" aria-hidden="true" fill="currentColor">
  <circle cx="2" cy="2" r="1.6"/><circle cx="8" cy="2" r="1.6"/><circle cx="2" cy="8" r="1.6"/>
  <circle cx="8" cy="8" r="1.6"/><circle cx="2" cy="14" r="1.6"/><circle cx="8" cy="14" r="1.6"/></svg>`;
const chevron = (up: boolean) =>
  svg`<svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4"
    stroke-linecap="round" stroke-linejoin="round"><path d=${up ? 'M3 10.5 8 5.5l5 5' : 'M3 5.5l5 5 5-5'}/></svg>`;

@customElement('rs-ranking')
@localized()
export class RsRanking extends DraftInput<RankingDef> {
  static override styles = [
    ...draftStyles,
    srOnly,
    optionRows,
    css`
      legend {
        margin-bottom: 0.3rem;
      }
      .howto {
        margin: 0 0 0.7rem;
        color: var(--rs-ink-soft);
      }
      /* With large text on a narrow phone the label and its arrows go below the number instead of
         being squeezed beside it letter by letter. */
      li {
        gap: 0.35rem;
        min-height: 56px;
        padding: 0.25rem 0.25rem 0.25rem 0;
        position: relative;
      }
      li[data-dragging] {
        z-index: 1;
        border-color: var(--rs-accent);
        box-shadow: 0 6px 18px rgb(var(--rs-ink-rgb) / 0.25);
        background: var(--rs-accent-pale);
      }
      .handle {
        flex: none;
        align-self: stretch;
        display: flex;
        align-items: center;
        gap: 0.4rem;
        padding: 0 0.1rem 0 0.4rem;
        min-width: 40px;
        color: var(--rs-ink-soft);
        cursor: grab;
        touch-action: none;
        user-select: none;
        -webkit-user-select: none;
      }
      li[data-dragging] .handle {
        cursor: grabbing;
      }
      fieldset:disabled .handle {
        cursor: not-allowed;
      }
      .pos {
        flex: none;
        width: 1.75rem;
        height: 1.75rem;
        border-radius: 50%;
        background: var(--rs-accent);
        color: var(--rs-accent-ink);
        font-weight: 700;
        display: grid;
        place-items: center;
        font-variant-numeric: tabular-nums;
      }
      fieldset:disabled .pos {
        background: var(--rs-ink-soft);
      }
      /* The arrows sit beside the label, or below it when the label's longest word needs the room. */
      .body {
        flex: 1 1 7em;
        min-width: 0;
        padding-left: 0.4rem;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.35rem;
      }
      .label {
        user-select: none;
        -webkit-user-select: none;
      }
      .moves {
        flex: none;
        margin-left: auto;
        display: flex;
        gap: 2px;
      }
      button.move {
        width: 42px;
        border-color: var(--rs-line);
      }
      button.move:disabled {
        opacity: 0.3;
      }
    `,
  ];

  protected readonly kind = 'ranking';

  /** The order on the phone, first = most important; not sent until "Send prioritering". */
  @state() private order: string[] = [];
  /** The option being dragged, if any. */
  @state() private dragging: string | null = null;
  @state() private announcement = '';
  private pointerId = -1;
  private anchorY = 0;
  private offset = 0;
  private dragFrom = 0;

  protected restore(): void {
    const ids = this.definition?.options.map((o) => o.id) ?? [];
    const given = this.ballot && 'order' in this.ballot ? this.ballot.order : [];
    // A stored order that no longer matches the deck's options falls back to the deck's order.
    this.order = given.length === ids.length && ids.every((id) => given.includes(id)) ? [...given] : ids;
    this.announcement = '';
    if (this.dragging !== null) {
      const row = this.row(this.dragging);
      if (row) row.style.transform = '';
      this.dragging = null;
      this.pointerId = -1;
      this.offset = 0;
    }
  }

  protected edits() {
    return { order: this.order };
  }

  private label(id: string): string {
    return this.definition.options.find((o) => o.id === id)?.label ?? id;
  }

  private row(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`li[data-option="${CSS.escape(id)}"]`);
  }

  private announce(id: string): void {
    this.announcement = msg(str`${this.label(id)} er nu nummer ${this.order.indexOf(id) + 1} af ${this.order.length}.`);
  }

  /** Reorder, and let the rows that moved glide to their new places (all but `except`, which follows the finger). */
  private reorder(order: string[], except?: string): void {
    const before = new Map<string, number>();
    for (const id of this.order) if (id !== except) before.set(id, this.row(id)?.getBoundingClientRect().top ?? 0);
    this.order = order;
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    void this.updateComplete.then(() => {
      for (const [id, top] of before) {
        const el = this.row(id);
        const dy = el ? top - el.getBoundingClientRect().top : 0;
        if (el && Math.abs(dy) > 1)
          el.animate([{ transform: `translateY(${dy}px)` }, { transform: 'none' }], { duration: 160, easing: 'ease-out' });
      }
    });
  }

  private move(id: string, by: -1 | 1): void {
    if (!this.open) return;
    const i = this.order.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= this.order.length) return;
    const order = [...this.order];
    [order[i], order[j]] = [order[j]!, order[i]!];
    this.reorder(order);
    this.announce(id);
    // The row's DOM node moved, which drops focus; keep it on the row's buttons so one can press again.
    void this.updateComplete.then(() => {
      const row = this.row(id);
      const same = row?.querySelector<HTMLButtonElement>(`button[data-move="${by < 0 ? 'up' : 'down'}"]`);
      const other = row?.querySelector<HTMLButtonElement>(`button[data-move="${by < 0 ? 'down' : 'up'}"]`);
      (same && !same.disabled ? same : other)?.focus();
    });
  }

  private startDrag(e: PointerEvent, id: string): void {
    if (!this.open || this.dragging !== null || e.button !== 0) return;
    e.preventDefault();
    // Capture on the list, which stays in place while the rows inside it are reordered.
    this.renderRoot.querySelector('ol')?.setPointerCapture(e.pointerId);
    this.pointerId = e.pointerId;
    this.anchorY = e.clientY;
    this.offset = 0;
    this.dragFrom = this.order.indexOf(id);
    this.dragging = id;
  }

  private onDragMove(e: PointerEvent): void {
    const id = this.dragging;
    if (id === null || e.pointerId !== this.pointerId) return;
    e.preventDefault();
    const row = this.row(id);
    if (!row) return;
    // Near the top or bottom of the screen the page scrolls along, so long lists can be ordered too.
    const edge = 56;
    const step = e.clientY < edge ? -14 : e.clientY > innerHeight - edge ? 14 : 0;
    if (step !== 0) {
      const before = scrollY;
      scrollBy(0, step);
      this.anchorY -= scrollY - before;
    }
    let offset = e.clientY - this.anchorY;
    // After a swap the rows stand where they were until Lit draws the new order: measuring now would
    // compare against stale places and could swap twice. The finger's next move measures again.
    if (this.isUpdatePending) return;
    // Layout places (offsetTop), not the screen's: rows gliding to their new places are transformed.
    const top = row.offsetTop;
    const bottom = top + row.offsetHeight;
    const i = this.order.indexOf(id);
    const swapWith = (j: number, shift: number) => {
      const order = [...this.order];
      [order[i], order[j]] = [order[j]!, order[i]!];
      this.reorder(order, id);
      this.anchorY += shift;
      offset -= shift;
    };
    if (offset > 0 && i < this.order.length - 1) {
      const next = this.row(this.order[i + 1]!);
      if (next && bottom + offset > next.offsetTop + next.offsetHeight / 2) swapWith(i + 1, next.offsetTop + next.offsetHeight - bottom);
    } else if (offset < 0 && i > 0) {
      const prev = this.row(this.order[i - 1]!);
      if (prev && top + offset < prev.offsetTop + prev.offsetHeight / 2) swapWith(i - 1, prev.offsetTop - top);
    }
    this.offset = offset;
    row.style.transform = `translateY(${offset}px)`;
  }

  private endDrag(e: PointerEvent): void {
    const id = this.dragging;
    if (id === null || e.pointerId !== this.pointerId) return;
    this.dragging = null;
    this.pointerId = -1;
    const row = this.row(id);
    if (row) {
      row.style.transform = '';
      if (this.offset !== 0 && !matchMedia('(prefers-reduced-motion: reduce)').matches) {
        row.animate([{ transform: `translateY(${this.offset}px)` }, { transform: 'none' }], { duration: 140, easing: 'ease-out' });
      }
    }
    this.offset = 0;
    if (this.order.indexOf(id) !== this.dragFrom) this.announce(id);
  }

  override render() {
    const def = this.def;
    if (!def) return nothing;
    const open = this.open;
    const draft = this.draft();
    const hint = this.hint(draft, (check) => rankingHint(def, this.order, check), msg('Den nye rækkefølge er ikke sendt endnu.'));
    const last = this.order.length - 1;
    return html`<form @submit=${this.submit} novalidate>
      <fieldset ?disabled=${!open}>
        <legend lang=${deckLang()}>${def.prompt}</legend>
        <p class="howto" id="howto">${msg(html`Nummer 1 er vigtigst. Træk i ${grip} eller brug pilene.`)}</p>
        <ol
          aria-describedby="howto"
          @pointermove=${this.onDragMove}
          @pointerup=${this.endDrag}
          @pointercancel=${this.endDrag}
          @lostpointercapture=${this.endDrag}
        >
          ${repeat(
            this.order,
            (id) => id,
            (id, i) => {
              const label = this.label(id);
              return html`<li data-option=${id} data-position=${i + 1} ?data-dragging=${this.dragging === id}>
                <span class="handle" aria-hidden="true" title=${msg('Træk for at flytte')} @pointerdown=${(e: PointerEvent) => this.startDrag(e, id)}
                  >${grip}<span class="pos">${i + 1}</span></span
                >
                <span class="body">
                <span class="label">${label}</span>
                <span class="moves">
                <button type="button" class="move" data-move="up" aria-label=${msg(str`Flyt ${label} op`)} ?disabled=${!open || i === 0} @click=${() => this.move(id, -1)}>
                  ${chevron(true)}
                </button>
                <button type="button" class="move" data-move="down" aria-label=${msg(str`Flyt ${label} ned`)} ?disabled=${!open || i === last} @click=${() => this.move(id, 1)}>
                  ${chevron(false)}
                </button>
                </span>
                </span>
              </li>`;
            },
          )}
        </ol>
        <p class="sr-only" aria-live="polite" data-announcement>${this.announcement}</p>
        <p class="hint" id="hint">${hint}</p>
        ${this.sendButton(draft, msg('Send prioritering'), 'hint')}
      </fieldset>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-ranking': RsRanking;
  }
}
