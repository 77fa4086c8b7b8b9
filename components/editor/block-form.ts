// <rs-block-form>: an activity, whiteboard, top priorities or join slide edited through a form for its kind — heading,
// question, options or fields (add, remove, reorder), limits, members only — so nobody has to learn the markup.
// It sends the slide's new fields (rs-slide-change); the editor writes them into the deck's Markdown.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { buttons, tokens } from '../theme.js';
import type { BlockName } from '../../server/decks/blocks.js';
import { type BlockFields, type BlockSlide, type SettingKey, writeBlockSlide } from './deck-text.js';
import { fieldStyles } from './editor-styles.js';

/** The most list items a kind takes in the form (the compiler checks the same). */
const MAX_ITEMS: Partial<Record<BlockName, number>> = { ranking: 12, board: 6 };
const WITHOUT_ITEMS: readonly BlockName[] = ['scale', 'text', 'motion', 'top', 'join'];
const ACTIVITY: readonly BlockName[] = ['single', 'multi', 'ranking', 'points', 'scale', 'text', 'motion'];

export interface SlideChange {
  slide: BlockSlide;
  /** The field typed in: changes to one field close together are one undo step. */
  group: string;
}

let uid = 0;

@customElement('rs-block-form')
@localized()
export class RsBlockForm extends LitElement {
  static override styles = [
    tokens,
    buttons,
    fieldStyles,
    css`
      :host {
        display: block;
      }
      .kind {
        font-size: 0.85rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--rs-ink-soft);
        margin: 0 0 0.6rem;
        font-weight: 700;
      }
      .item-list {
        list-style: none;
        margin: 0 0 0.5rem;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      .item-list li {
        display: flex;
        gap: 0.3rem;
        align-items: center;
      }
      .item-list input {
        flex: 1;
      }
    `,
  ];

  @property({ attribute: false }) slide!: BlockSlide;
  /** The deck's boards (id and slide title), for top priorities to name one. */
  @property({ attribute: false }) boards: { id: string; title: string }[] = [];

  /** The form's own copy: an option just added is empty, and an empty option is not written to the deck. */
  @state() private draft!: BlockSlide;
  private written = '';
  private readonly ids = `bf${++uid}`;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('slide') && writeBlockSlide(this.slide) !== this.written) {
      this.draft = structuredClone(this.slide);
      this.written = writeBlockSlide(this.slide);
    }
  }

  private change(group: string, edit: (draft: BlockSlide) => void): void {
    const next = structuredClone(this.draft);
    edit(next);
    this.draft = next;
    this.written = writeBlockSlide(next);
    this.dispatchEvent(new CustomEvent<SlideChange>('rs-slide-change', { detail: { slide: next, group }, bubbles: true, composed: true }));
  }

  private setting(key: SettingKey, value: string): void {
    this.change(key, (d) => {
      d.block.settings[key] = value;
    });
  }

  private get block(): BlockFields {
    return this.draft.block;
  }

  private text(id: string, label: string, value: string, group: string, set: (d: BlockSlide, v: string) => void, hint?: string) {
    return html`<div class="field">
      <label for=${`${this.ids}-${id}`}>${label}</label>
      <input id=${`${this.ids}-${id}`} type="text" .value=${value} data-field=${id}
        aria-describedby=${hint ? `${this.ids}-${id}-hint` : nothing}
        @input=${(e: Event) => this.change(group, (d) => set(d, (e.target as HTMLInputElement).value))} />
      ${hint ? html`<p class="hint" id=${`${this.ids}-${id}-hint`}>${hint}</p>` : nothing}
    </div>`;
  }

  private number(key: SettingKey, label: string, placeholder: string, min: number, max: number) {
    const id = `${this.ids}-${key}`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} type="number" inputmode="numeric" min=${min} max=${max} placeholder=${placeholder} data-field=${key}
        .value=${this.block.settings[key] ?? ''}
        @input=${(e: Event) => this.setting(key, (e.target as HTMLInputElement).value)} />
    </div>`;
  }

  private check(key: 'members' | 'approval', label: string) {
    return html`<label class="check">
      <input type="checkbox" data-field=${key} .checked=${this.block.settings[key] === 'ja'}
        @change=${(e: Event) => this.setting(key, (e.target as HTMLInputElement).checked ? 'ja' : '')} />
      ${label}
    </label>`;
  }

  /** The scale's ends: a number, then the words shown there ("1 Helt uenig"). */
  private end(key: 'from' | 'to', label: string, fallback: number) {
    const [, n = '', words = ''] = /^\s*(-?\d*)\s*(.*)$/.exec(this.block.settings[key] ?? '') ?? [];
    const put = (num: string, text: string) => this.setting(key, `${num || (text ? String(fallback) : '')} ${text}`.trim());
    return html`<fieldset>
      <legend>${label}</legend>
      <div class="row">
        <div class="field" style="flex: 0 0 6rem">
          <label for=${`${this.ids}-${key}-n`}>${msg('Tal')}</label>
          <input id=${`${this.ids}-${key}-n`} type="number" inputmode="numeric" data-field=${`${key}-number`} placeholder=${String(fallback)}
            .value=${n} @input=${(e: Event) => put((e.target as HTMLInputElement).value, words)} />
        </div>
        <div class="field">
          <label for=${`${this.ids}-${key}-w`}>${msg('Tekst ved enden')}</label>
          <input id=${`${this.ids}-${key}-w`} type="text" data-field=${`${key}-label`} .value=${words}
            @input=${(e: Event) => put(n, (e.target as HTMLInputElement).value)} />
        </div>
      </div>
    </fieldset>`;
  }

  private items(): TemplateResult {
    const zones = this.block.name === 'board';
    const list = this.block.items;
    const max = MAX_ITEMS[this.block.name] ?? 30;
    const name = (i: number) => (zones ? msg(str`Felt ${i + 1}`) : msg(str`Svarmulighed ${i + 1}`));
    const move = (from: number, to: number) => {
      if (to < 0 || to >= list.length) return;
      this.change('items-order', (d) => {
        const [item] = d.block.items.splice(from, 1);
        d.block.items.splice(to, 0, item!);
      });
      void this.updateComplete.then(() => this.focusItem(to));
    };
    const add = (at: number) => {
      this.change('items-add', (d) => void d.block.items.splice(at, 0, { label: '' }));
      void this.updateComplete.then(() => this.focusItem(at));
    };
    const remove = (i: number) => {
      this.change('items-remove', (d) => void d.block.items.splice(i, 1));
      void this.updateComplete.then(() => this.focusItem(Math.min(i, list.length - 2)));
    };
    return html`<fieldset class="items">
      <legend>${zones ? msg('Felter på tavlen') : msg('Svarmuligheder')}</legend>
      <ol class="item-list">
        ${list.map(
          (item, i) => html`<li>
            <input type="text" aria-label=${name(i)} data-item=${i} .value=${item.label}
              @input=${(e: Event) =>
                this.change(`item-${i}`, (d) => {
                  d.block.items[i]!.label = (e.target as HTMLInputElement).value;
                })}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (list.length < max) add(i + 1);
                } else if (e.altKey && e.key === 'ArrowUp') {
                  e.preventDefault();
                  move(i, i - 1);
                } else if (e.altKey && e.key === 'ArrowDown') {
                  e.preventDefault();
                  move(i, i + 1);
                }
              }} />
            <button type="button" class="small" ?disabled=${i === 0} aria-label=${msg(str`Flyt ${name(i)} op`)} @click=${() => move(i, i - 1)}>↑</button>
            <button type="button" class="small" ?disabled=${i === list.length - 1} aria-label=${msg(str`Flyt ${name(i)} ned`)}
              @click=${() => move(i, i + 1)}>↓</button>
            <button type="button" class="small danger" aria-label=${msg(str`Fjern ${name(i)}`)} @click=${() => remove(i)}>✕</button>
          </li>`,
        )}
      </ol>
      <button type="button" class="small add" ?disabled=${list.length >= max} @click=${() => add(list.length)}>
        + ${zones ? msg('Tilføj felt') : msg('Tilføj svarmulighed')}
      </button>
      <p class="hint">${msg('Enter giver en ny linje under; Alt+↑/↓ flytter den.')}</p>
    </fieldset>`;
  }

  private focusItem(i: number): void {
    this.renderRoot.querySelector<HTMLInputElement>(`input[data-item="${Math.max(0, i)}"]`)?.focus();
  }

  private limits(): TemplateResult | typeof nothing {
    const s = this.block.name;
    if (s === 'multi') return this.number('max', msg('Højst antal valg pr. person'), msg('alle'), 1, 30);
    if (s === 'points') return this.number('points', msg('Point til hver person'), '10', 1, 1000);
    if (s === 'text') return this.number('length', msg('Længste svar (tegn)'), '140', 10, 1000);
    if (s === 'scale') return html`${this.end('from', msg('Skalaen begynder ved'), 1)}${this.end('to', msg('Skalaen slutter ved'), 5)}`;
    if (s === 'board') {
      return html`<div class="row">
          ${this.number('dots', msg('Prikker pr. person'), '5', 1, 50)}
          ${this.number('length', msg('Længste seddel (tegn)'), '140', 10, 500)}
        </div>
        ${this.check('approval', msg('Sedler vises først på projektoren, når du har godkendt dem'))}`;
    }
    return nothing;
  }

  private topBoard(): TemplateResult {
    const id = `${this.ids}-board`;
    const chosen = this.block.settings.board ?? '';
    return html`<div class="field">
      <label for=${id}>${msg('Tavlen, hvis prioriteter vises')}</label>
      <select id=${id} data-field="board" @change=${(e: Event) => this.setting('board', (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!chosen}>${msg('Den sidste tavle før denne slide')}</option>
        ${this.boards.map((b) => html`<option value=${b.id} ?selected=${b.id === chosen}>${b.title || b.id}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const name = this.block.name;
    const promptLabel =
      name === 'board' ? msg('Opgave til deltagerne') : name === 'motion' ? msg('Indstillingens tekst') : msg('Spørgsmål');
    const hasItems = !WITHOUT_ITEMS.includes(name) || this.block.items.length > 0;
    return html`${this.text('heading', msg('Overskrift på sliden'), this.draft.heading, 'heading', (d, v) => {
      d.heading = v;
    })}
      ${this.text('kicker', msg('Lille tekst over overskriften (valgfri)'), this.draft.kicker, 'kicker', (d, v) => {
        d.kicker = v;
      })}
      ${
        name === 'top' || name === 'join'
          ? name === 'top'
            ? this.topBoard()
            : html`<p class="hint">${msg('Sliden viser deltagerkoden, adressen og QR-koden, når mødet kører.')}</p>`
          : html`<div class="field">
              <label for=${`${this.ids}-prompt`}>${promptLabel}</label>
              <textarea id=${`${this.ids}-prompt`} rows="2" data-field="prompt" .value=${this.block.prompt}
                @input=${(e: Event) =>
                  this.change('prompt', (d) => {
                    d.block.prompt = (e.target as HTMLTextAreaElement).value;
                  })}></textarea>
            </div>`
      }
      ${hasItems && name !== 'top' && name !== 'join' ? this.items() : nothing}
      ${this.limits()}
      ${ACTIVITY.includes(name) ? this.check('members', msg('Kun medlemmer stemmer (med deres stemmekort)')) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-block-form': RsBlockForm;
  }
}
