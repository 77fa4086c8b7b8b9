// <rs-slide-editor>: the chosen slide — its place and actions (duplicate, move, delete), its form or its text, the
// preview at projector proportions, and the speaker notes. It sends the slide's new text (rs-slide-edit) and the
// actions (rs-slide-action); the editor puts them into the deck.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { buttons, focusRing, tokens } from '../theme.js';
import type { SlideChange } from './block-form.js';
import type { DeckProblem } from './compile.js';
import { normaliseNotes, readBlockSlide, readSlide, type SlideParts, writeBlockSlide, writeSlide } from './deck-text.js';
import { fieldStyles } from './editor-styles.js';
import { keepValue } from './kept-value.js';
import { kindLabel, slideKind } from './slide-kinds.js';
import type { TextChange } from './text-form.js';
import './block-form.js';
import './slide-view.js';
import './text-form.js';

export interface SlideEdit {
  index: number;
  text: string;
  /** The field changed: changes to one field close together are one undo step. */
  group: string;
}

export type SlideAction = 'duplicate' | 'up' | 'down' | 'delete';

@customElement('rs-slide-editor')
@localized()
export class RsSlideEditor extends LitElement {
  static override styles = [
    tokens,
    buttons,
    focusRing,
    fieldStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        flex: 1;
      }
      .slide-bar {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem 1rem;
        flex-wrap: wrap;
        margin-bottom: 0.7rem;
      }
      .slide-bar h2 {
        margin: 0;
        font-size: 1.15rem;
      }
      .slide-bar .kind {
        color: var(--rs-ink-soft);
        font-weight: 500;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      .work {
        display: grid;
        grid-template-columns: minmax(20rem, 1fr) minmax(22rem, 1.15fr);
        gap: 1rem;
        align-items: start;
        flex: 1;
      }
      .work > section {
        background: var(--rs-paper);
        border: 1px solid var(--rs-line);
        border-radius: var(--rs-radius);
        padding: 0.9rem 1rem;
        min-width: 0;
      }
      .form {
        display: flex;
        flex-direction: column;
        min-height: 24rem;
      }
      rs-text-form {
        flex: 1;
      }
      .side {
        position: sticky;
        top: 0;
      }
      .side .label {
        font-weight: 600;
        margin: 0 0 0.4rem;
      }
      rs-slide-view.preview {
        border: 1px solid var(--rs-line);
        box-shadow: 0 2px 10px rgb(var(--rs-ink-rgb) / 0.12);
        margin-bottom: 0.9rem;
      }
      .notes {
        margin: 0;
      }
      @media (max-width: 900px) {
        .work {
          grid-template-columns: 1fr;
        }
      }
      @media (min-width: 1600px) {
        .work {
          grid-template-columns: minmax(24rem, 1fr) minmax(30rem, 1.35fr);
        }
      }
    `,
  ];

  @property({ type: Number }) index = 0;
  @property({ type: Number }) count = 1;
  /** The slide's Markdown. */
  @property() text = '';
  /** The slide as compiled (its <section>), or null while it has a mistake or is being compiled. */
  @property({ attribute: false }) section: string | null = null;
  @property({ attribute: false }) problems: DeckProblem[] = [];
  /** The deck's boards, for top priorities to name one. */
  @property({ attribute: false }) boards: { id: string; title: string }[] = [];

  private edit(change: (parts: SlideParts) => SlideParts, group: string): void {
    const text = writeSlide(change(readSlide(this.text)));
    this.dispatchEvent(
      new CustomEvent<SlideEdit>('rs-slide-edit', { detail: { index: this.index, text, group }, bubbles: true, composed: true }),
    );
  }

  private act(action: SlideAction): void {
    this.dispatchEvent(new CustomEvent<SlideAction>('rs-slide-action', { detail: action, bubbles: true, composed: true }));
  }

  private textChange(change: TextChange): void {
    this.edit((p) => {
      const next = { ...p, settings: { ...p.settings } };
      if (change.body !== undefined) next.body = change.body;
      if (change.layout !== undefined) next.settings.layout = change.layout === 'normal' ? undefined : change.layout;
      return next;
    }, change.group);
  }

  protected override updated(): void {
    keepValue(this.renderRoot.querySelector<HTMLTextAreaElement>('#notes'), readSlide(this.text).notes, normaliseNotes);
  }

  /** Its first field, for the keyboard after the slide was added. */
  async focusFirstField(): Promise<void> {
    await this.updateComplete;
    const form = this.renderRoot.querySelector<LitElement>('rs-block-form, rs-text-form');
    await form?.updateComplete;
    form?.shadowRoot?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }

  override render() {
    const parts = readSlide(this.text);
    const kind = slideKind(this.text);
    const form = kind.type === 'block' ? readBlockSlide(parts.body) : undefined;
    const i = this.index;
    const n = this.count;
    return html`<div class="slide-bar">
        <h2 id="slide-heading">${msg(str`Slide ${i + 1} af ${n}`)} <span class="kind">· ${kindLabel(kind)}</span></h2>
        <div class="actions">
          <button type="button" class="small" data-action="duplicate" @click=${() => this.act('duplicate')}>${msg('Duplikér')}</button>
          <button type="button" class="small" data-action="up" ?disabled=${i === 0} @click=${() => this.act('up')}>↑ ${msg('Flyt op')}</button>
          <button type="button" class="small" data-action="down" ?disabled=${i === n - 1} @click=${() => this.act('down')}>↓ ${msg('Flyt ned')}</button>
          <button type="button" class="small danger" data-action="delete" ?disabled=${n <= 1} @click=${() => this.act('delete')}>${msg('Slet')}</button>
        </div>
      </div>
      <div class="work">
        <section class="form" aria-labelledby="slide-heading">
          ${this.problems.map((p) => html`<p class="problem" role="alert"><strong>${msg('Fejl:')}</strong> ${p.message}</p>`)}
          ${
            form
              ? html`<rs-block-form .slide=${form} .boards=${this.boards}
                  @rs-slide-change=${(e: CustomEvent<SlideChange>) =>
                    this.edit((p) => ({ ...p, body: writeBlockSlide(e.detail.slide) }), e.detail.group)}></rs-block-form>`
              : html`<rs-text-form .body=${parts.body} .layout=${kind.type === 'text' ? kind.layout : 'normal'} ?mixed=${kind.type === 'mixed'}
                  @rs-text-change=${(e: CustomEvent<TextChange>) => this.textChange(e.detail)}></rs-text-form>`
          }
        </section>
        <section class="side" aria-label=${msg('Forhåndsvisning og noter')}>
          <p class="label">${msg('Sådan ser sliden ud på projektoren')}</p>
          <rs-slide-view class="preview" .section=${this.section}
            fallback=${this.problems.length ? msg('Sliden kan ikke vises, før fejlen er rettet.') : msg('Forhåndsvisningen tegnes …')}></rs-slide-view>
          <div class="field notes">
            <label for="notes">${msg('Noter til dig (vises kun i konsollen og talerens visning)')}</label>
            <textarea id="notes" rows="5" data-field="notes"
              @input=${(e: Event) => this.edit((p) => ({ ...p, notes: (e.target as HTMLTextAreaElement).value }), 'notes')}></textarea>
          </div>
        </section>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-slide-editor': RsSlideEditor;
  }
}
