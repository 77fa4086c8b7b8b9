// <rs-text-form>: a text slide edited as text — its layout, and its Markdown in a text box with three buttons for
// what people reach for most (heading, bold, list). The preview beside it shows the slide as the projector will.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { buttons, tokens } from '../theme.js';
import { normaliseBody } from './deck-text.js';
import { fieldStyles } from './editor-styles.js';
import { keepValue } from './kept-value.js';
import { LAYOUTS, layoutName, type TextLayout } from './slide-kinds.js';

export interface TextChange {
  body?: string;
  layout?: TextLayout;
  group: string;
}

@customElement('rs-text-form')
@localized()
export class RsTextForm extends LitElement {
  static override styles = [
    tokens,
    buttons,
    fieldStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .toolbar {
        display: flex;
        gap: 0.3rem;
        margin: 0 0 0.35rem;
        flex-wrap: wrap;
      }
      .grow {
        flex: 1;
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      textarea {
        flex: 1 0 auto;
        /* As tall as the window leaves room for, beside the preview and the notes. */
        height: calc(100vh - 22rem);
        min-height: 12rem;
        font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
        font-size: 0.95rem;
      }
    `,
  ];

  @property() body = '';
  @property() layout: TextLayout = 'normal';
  /** A slide with an activity and text around it: edited as text, and the form says why. */
  @property({ type: Boolean }) mixed = false;

  private get area(): HTMLTextAreaElement {
    return this.renderRoot.querySelector('textarea')!;
  }

  protected override updated(): void {
    keepValue(this.area, this.body, normaliseBody);
  }

  private emit(change: TextChange): void {
    this.dispatchEvent(new CustomEvent<TextChange>('rs-text-change', { detail: change, bubbles: true, composed: true }));
  }

  /** Wraps the selection (or inserts at the cursor) and keeps the selection on the text. */
  private wrap(before: string, after: string, empty: string): void {
    const a = this.area;
    const { selectionStart: s, selectionEnd: e, value } = a;
    const inner = value.slice(s, e) || empty;
    a.setRangeText(`${before}${inner}${after}`, s, e, 'end');
    a.setSelectionRange(s + before.length, s + before.length + inner.length);
    a.focus();
    this.emit({ body: a.value, group: 'toolbar' });
  }

  /** Puts `prefix` at the start of every line the selection touches. */
  private prefixLines(prefix: RegExp, add: string): void {
    const a = this.area;
    const { selectionStart: s, selectionEnd: e, value } = a;
    const from = value.lastIndexOf('\n', s - 1) + 1;
    const to = value.indexOf('\n', e) < 0 ? value.length : value.indexOf('\n', e);
    const lines = value
      .slice(from, to)
      .split('\n')
      .map((l) => `${add}${l.replace(prefix, '')}`);
    a.setRangeText(lines.join('\n'), from, to, 'select');
    a.focus();
    this.emit({ body: a.value, group: 'toolbar' });
  }

  override render() {
    return html`${
      this.mixed
        ? html`<p class="hint">${msg('Sliden har både tekst og en aktivitet, så den rettes som tekst. Blokken ::: … ::: er aktiviteten.')}</p>`
        : html`<div class="field">
            <label for="layout">${msg('Layout')}</label>
            <select id="layout" data-field="layout" @change=${(e: Event) =>
              this.emit({ layout: (e.target as HTMLSelectElement).value as TextLayout, group: 'layout' })}>
              ${LAYOUTS.map((l) => html`<option value=${l} ?selected=${l === this.layout}>${layoutName(l)}</option>`)}
            </select>
          </div>`
    }
      <div class="grow">
        <label for="body">${msg('Tekst på sliden (Markdown)')}</label>
        <div class="toolbar" role="group" aria-label=${msg('Formatering')}>
          <button type="button" class="small" @click=${() => this.prefixLines(/^#{1,3}\s+/, '## ')}>${msg('Overskrift')}</button>
          <button type="button" class="small" @click=${() => this.wrap('**', '**', msg('fed tekst'))}><strong>${msg('Fed')}</strong></button>
          <button type="button" class="small" @click=${() => this.prefixLines(/^[-*+]\s+/, '- ')}>${msg('Punktliste')}</button>
        </div>
        <textarea id="body" data-field="body" spellcheck="true" aria-describedby="body-hint"
          @input=${(e: Event) => this.emit({ body: (e.target as HTMLTextAreaElement).value, group: 'body' })}></textarea>
        <p class="hint" id="body-hint">
          ${msg('# Overskrift, **fed**, - punkter. En kort linje over overskriften bliver en lille overlinje.')}
        </p>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-text-form': RsTextForm;
  }
}
