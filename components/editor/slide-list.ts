// <rs-slide-list>: the deck's slides as small pictures down the side — choose one, drag one to another place, or
// move it with Alt+↑/↓; "Tilføj slide" opens the kinds of slide to add after the chosen one.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { buttons, focusRing, srOnly, tokens } from '../theme.js';
import { NEW_SLIDES, type NewSlide } from './slide-kinds.js';
import './slide-view.js';

export interface ListedSlide {
  key: string;
  title: string;
  kind: string;
  section: string | null;
  problem: boolean;
}

@customElement('rs-slide-list')
@localized()
export class RsSlideList extends LitElement {
  static override styles = [
    tokens,
    buttons,
    focusRing,
    srOnly,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        position: relative;
      }
      .top {
        padding: 0.6rem;
        border-bottom: 1px solid var(--rs-line);
      }
      .top > button {
        width: 100%;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0.5rem 0.6rem 2rem;
        overflow-y: auto;
        flex: 1;
        display: grid;
        align-content: start;
        gap: 0.45rem;
      }
      li {
        display: flex;
        gap: 0.35rem;
        align-items: start;
        border-radius: 0.5rem;
      }
      li.drop-before {
        box-shadow: 0 -4px 0 var(--rs-accent);
      }
      li.drop-after {
        box-shadow: 0 4px 0 var(--rs-accent);
      }
      .n {
        width: 1.5rem;
        text-align: right;
        font-size: 0.85rem;
        color: var(--rs-ink-soft);
        padding-top: 0.2rem;
        flex: none;
      }
      button.slide {
        flex: 1;
        min-width: 0;
        display: grid;
        gap: 0.25rem;
        padding: 0.3rem;
        border: 2px solid transparent;
        background: transparent;
        color: var(--rs-ink);
        text-align: left;
        border-radius: 0.5rem;
        min-height: 0;
      }
      button.slide:hover {
        background: var(--rs-surface);
      }
      button.slide[aria-current='true'] {
        border-color: var(--rs-accent);
        background: var(--rs-accent-pale);
      }
      rs-slide-view {
        border: 1px solid var(--rs-line);
        pointer-events: none;
      }
      .title {
        font-size: 0.85rem;
        font-weight: 600;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .kind {
        font-size: 0.75rem;
        color: var(--rs-ink-soft);
      }
      .bad {
        color: var(--rs-bad);
        font-weight: 700;
      }
      .menu {
        position: absolute;
        z-index: 5;
        top: 3.6rem;
        left: 0.6rem;
        width: min(30rem, calc(100vw - 2rem));
        background: var(--rs-paper);
        border: 1px solid var(--rs-line);
        border-radius: 0.6rem;
        box-shadow: 0 8px 28px rgb(var(--rs-ink-rgb) / 0.25);
        padding: 0.8rem;
      }
      .menu h3 {
        margin: 0.4rem 0 0.4rem;
        font-size: 0.95rem;
      }
      .menu .choices {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.4rem;
      }
      .menu button {
        min-height: 40px;
        padding: 0.3em 0.6em;
        text-align: left;
        border-width: 1px;
      }
    `,
  ];

  @property({ attribute: false }) slides: ListedSlide[] = [];
  @property({ type: Number }) selected = 0;
  /** Whether the deck has a whiteboard before the chosen slide (top priorities need one). */
  @property({ type: Boolean }) hasBoard = false;

  @state() private adding = false;
  @state() private dropAt: { index: number; after: boolean } | undefined;
  private dragging: number | undefined;

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** Focus the chosen slide's button (after a move, so the keyboard stays with the slide). */
  focusSelected(): void {
    void this.updateComplete.then(() => {
      const b = this.renderRoot.querySelector<HTMLButtonElement>(`button.slide[data-index="${this.selected}"]`);
      b?.focus();
      b?.scrollIntoView({ block: 'nearest' });
    });
  }

  private keydown(e: KeyboardEvent, index: number): void {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const to = index + (e.key === 'ArrowUp' ? -1 : 1);
      if (to >= 0 && to < this.slides.length) this.emit('rs-move-slide', { from: index, to });
    } else if (!e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const to = Math.min(this.slides.length - 1, Math.max(0, index + (e.key === 'ArrowUp' ? -1 : 1)));
      this.emit('rs-select-slide', { index: to, focus: 'list' });
    }
  }

  private dragOver(e: DragEvent, index: number): void {
    if (this.dragging === undefined) return;
    e.preventDefault();
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    this.dropAt = { index, after: e.clientY > box.top + box.height / 2 };
  }

  private drop(e: DragEvent): void {
    e.preventDefault();
    const from = this.dragging;
    const at = this.dropAt;
    this.dragging = undefined;
    this.dropAt = undefined;
    if (from === undefined || !at) return;
    let to = at.index + (at.after ? 1 : 0);
    if (to > from) to--;
    if (to !== from) this.emit('rs-move-slide', { from, to });
  }

  private add(choice: NewSlide): void {
    this.adding = false;
    this.emit('rs-add-slide', { key: choice.key });
  }

  private menu() {
    const groups: [NewSlide['group'], string][] = [
      ['text', msg('Tekst')],
      ['activity', msg('Aktiviteter og tavle')],
      ['room', msg('Mødet')],
    ];
    return html`<div class="menu" id="add-menu" role="group" aria-label=${msg('Slags slide')}
      @focusout=${(e: FocusEvent) => {
        // Closed when the focus goes elsewhere (a click outside, Tab past the last kind); its own button toggles it.
        const to = e.relatedTarget as Node | null;
        if (!to || (!(e.currentTarget as HTMLElement).contains(to) && !(to as Element).matches?.('.top > button'))) this.adding = false;
      }}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          this.adding = false;
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.top > button')?.focus());
        }
      }}>
      ${groups.map(
        ([group, title]) => html`<h3>${title}</h3>
          <div class="choices">
            ${NEW_SLIDES.filter((s) => s.group === group).map((s) => {
              const blocked = s.key === 'top' && !this.hasBoard;
              return html`<button type="button" data-add=${s.key} ?disabled=${blocked}
                title=${blocked ? msg('Top prioriteter viser en tavle: tilføj en tavle før denne slide først.') : nothing}
                @click=${() => this.add(s)}>${s.label()}</button>`;
            })}
          </div>`,
      )}
    </div>`;
  }

  override render() {
    return html`<div class="top">
        <button type="button" class="primary" aria-expanded=${this.adding ? 'true' : 'false'} aria-controls="add-menu"
          @click=${() => {
            this.adding = !this.adding;
            if (this.adding)
              void this.updateComplete.then(() =>
                this.renderRoot.querySelector<HTMLButtonElement>('.menu button:not([disabled])')?.focus(),
              );
          }}>+ ${msg('Tilføj slide')}</button>
      </div>
      ${this.adding ? this.menu() : nothing}
      <ol aria-label=${msg('Slides')} @dragend=${() => {
        this.dragging = undefined;
        this.dropAt = undefined;
      }}>
        ${this.slides.map(
          (s, i) => html`<li
            class=${this.dropAt?.index === i ? (this.dropAt.after ? 'drop-after' : 'drop-before') : ''}
            draggable="true"
            data-slide=${i}
            @dragstart=${(e: DragEvent) => {
              this.dragging = i;
              e.dataTransfer?.setData('text/plain', String(i));
              if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
            }}
            @dragover=${(e: DragEvent) => this.dragOver(e, i)}
            @drop=${(e: DragEvent) => this.drop(e)}>
            <span class="n" aria-hidden="true">${i + 1}</span>
            <button type="button" class="slide" data-index=${i} aria-current=${i === this.selected ? 'true' : 'false'}
              @click=${() => this.emit('rs-select-slide', { index: i })}
              @keydown=${(e: KeyboardEvent) => this.keydown(e, i)}>
              <rs-slide-view .section=${s.section} fallback=${s.problem ? msg('Fejl på sliden') : '…'}></rs-slide-view>
              <span class="title">${s.title || msg('(uden overskrift)')}</span>
              <span class="kind">${s.kind}${s.problem ? html` · <span class="bad">${msg('fejl')}</span>` : nothing}</span>
              <span class="sr-only">${msg(str`Slide ${i + 1} af ${this.slides.length}`)}</span>
            </button>
          </li>`,
        )}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-slide-list': RsSlideList;
  }
}
