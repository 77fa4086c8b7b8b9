// <rs-slide-view>: one compiled slide drawn as the projector draws it — a 1280×720 canvas with the deck's styles
// (pages/present.css, pages/deck.css), scaled to the box it is given. The live parts (a poll, the board, the join
// code) are drawn as still pictures of what they will show; nothing in a preview can be focused or clicked.
import { LitElement, css, html, nothing, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import presentCss from '../../pages/present.css?inline';
import deckCss from '../../pages/deck.css?inline';

const WIDTH = 1280;
const HEIGHT = 720;

/** The compiled slide with its live elements replaced by still stand-ins (the HTML came through the sanitiser). */
function stillSlide(sectionHtml: string): { inner: string; classes: string; background: string } {
  const template = document.createElement('template');
  template.innerHTML = sectionHtml;
  const section = template.content.querySelector('section');
  if (!section) return { inner: '', classes: '', background: '' };
  const el = (tag: string, cls: string, text?: string) => {
    const e = document.createElement(tag);
    e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  for (const activity of section.querySelectorAll('rs-activity')) {
    const box = el('div', 'still-activity');
    box.append(el('p', 'still-prompt', activity.getAttribute('prompt') ?? ''));
    box.append(el('p', 'still-state', msg('Ikke åbnet')));
    const options = [...activity.querySelectorAll('rs-option')];
    if (options.length) {
      const list = el('ol', 'still-options');
      for (const o of options) list.append(el('li', '', o.textContent ?? ''));
      box.append(list);
    } else if (activity.getAttribute('kind') === 'scale') {
      const min = activity.getAttribute('min') ?? '1';
      const max = activity.getAttribute('max') ?? '5';
      const scale = el('p', 'still-scale');
      scale.append(
        el('span', '', `${min} ${activity.getAttribute('min-label') ?? ''}`.trim()),
        el('span', 'still-bar'),
        el('span', '', `${max} ${activity.getAttribute('max-label') ?? ''}`.trim()),
      );
      box.append(scale);
    }
    activity.replaceWith(box);
  }
  for (const board of section.querySelectorAll('rs-board')) {
    const box = el('div', 'still-board');
    box.append(el('p', 'still-prompt', board.getAttribute('prompt') ?? ''));
    const zones = el('div', 'still-zones');
    for (const z of board.querySelectorAll('rs-zone')) zones.append(el('div', 'still-zone', z.textContent ?? ''));
    box.append(zones);
    board.replaceWith(box);
  }
  for (const top of section.querySelectorAll('rs-top-priorities')) {
    const box = el('ol', 'still-options still-top');
    for (const n of [1, 2, 3]) box.append(el('li', '', msg(str`Gruppen med flest prikker nr. ${n}`)));
    top.replaceWith(box);
  }
  for (const join of section.querySelectorAll('rs-join-info')) {
    const box = el('div', 'still-join');
    box.append(el('div', 'still-qr'), el('p', 'still-code', '123 456'));
    join.replaceWith(box);
  }
  return {
    inner: section.innerHTML,
    classes: section.getAttribute('class') ?? '',
    background: section.getAttribute('data-background-color') ?? '',
  };
}

const stills = css`
  .still-activity,
  .still-board {
    margin-top: 0.4em;
    color: var(--rs-ink);
  }
  .still-prompt {
    font-weight: 700;
    font-size: 1.05em;
    margin: 0 0 0.5em;
  }
  .still-state {
    display: inline-block;
    font-size: 0.7em;
    font-weight: 700;
    border: 2px solid var(--rs-line);
    background: var(--rs-surface);
    border-radius: 999px;
    padding: 0.1em 0.7em;
    margin: 0 0 0.5em;
  }
  .reveal .still-options {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.3em;
  }
  .still-options li {
    display: grid;
    grid-template-columns: 11em 1fr;
    gap: 0.6em;
    align-items: center;
    margin: 0;
    font-weight: 700;
  }
  .still-options li::after {
    content: "";
    height: 1.05em;
    border: 1px solid var(--rs-line);
    background: var(--rs-surface);
    border-radius: 0.25em;
    margin-right: 4em;
  }
  .still-top li {
    grid-template-columns: 1fr;
    font-weight: 600;
    color: var(--rs-ink-soft);
  }
  .still-top li::after {
    display: none;
  }
  .still-scale {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-size: 0.85em;
    font-weight: 700;
  }
  .still-bar {
    flex: 1;
    height: 0.4em;
    border-radius: 1em;
    background: var(--rs-line);
  }
  .still-zones {
    display: flex;
    gap: 0.4em;
    height: 7em;
  }
  .still-zone {
    flex: 1;
    border: 2px dashed var(--rs-line);
    border-radius: 0.3em;
    padding: 0.2em 0.5em;
    font-size: 0.75em;
    font-weight: 700;
  }
  .still-join {
    display: flex;
    align-items: center;
    gap: 1em;
  }
  .still-qr {
    width: 5em;
    height: 5em;
    background: repeating-conic-gradient(var(--rs-ink) 0 25%, var(--rs-paper) 0 50%) 0 0 / 1em 1em;
  }
  .still-code {
    font-size: 2.2em;
    font-weight: 800;
    letter-spacing: 0.05em;
  }
`;

@customElement('rs-slide-view')
@localized()
export class RsSlideView extends LitElement {
  static override styles = [
    unsafeCSS(presentCss),
    unsafeCSS(deckCss),
    stills,
    css`
      :host {
        display: block;
        aspect-ratio: 16 / 9;
        container-type: inline-size;
        overflow: hidden;
        background: var(--rs-paper);
        border-radius: 0.25rem;
        position: relative;
      }
      .reveal {
        position: absolute;
        /* reveal.js's margin (0.05): the 1280×720 canvas at 95 % of the screen, centred */
        left: 2.5%;
        top: 2.5%;
        width: ${WIDTH}px;
        height: ${HEIGHT}px;
        transform-origin: 0 0;
        transform: scale(var(--scale, 0.2));
        overflow: hidden;
      }
      /* A page image reaches over the canvas's margin to the screen's edges (deck.css), as on the projector. */
      .reveal:has(section.image-slide) {
        overflow: visible;
      }
      .slides {
        position: absolute;
        inset: 0;
      }
      .slides > section {
        position: absolute;
        top: 0;
        left: 0;
        width: 100%;
        box-sizing: border-box;
        display: block;
      }
      .screen {
        position: absolute;
        inset: 0;
      }
      .empty {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        color: var(--rs-ink-soft);
        font: 0.9rem var(--rs-font);
        padding: 0.5rem;
        text-align: center;
      }
    `,
  ];

  /** The slide's compiled <section>; empty or null draws `fallback`. */
  @property({ attribute: false }) section: string | null = null;
  /** What to say in the box when there is no slide to draw (a slide with a mistake). */
  @property() fallback = '';

  private observer = new ResizeObserver(([entry]) => {
    const width = entry?.contentRect.width ?? 0;
    if (width > 0) this.style.setProperty('--scale', String((0.95 * width) / WIDTH));
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this);
    // A preview is a picture: its links and text are not for the keyboard or a screen reader (the form holds the words).
    this.inert = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
  }

  /** The slide's inside, put in after each render: HTML the deck compiler has sanitised (and stillSlide rebuilt). */
  private inner = '';
  private filled: { section: Element; inner: string } | undefined;

  protected override updated(): void {
    const section = this.renderRoot.querySelector('section');
    if (!section || (this.filled?.section === section && this.filled.inner === this.inner)) return;
    section.innerHTML = this.inner;
    this.filled = { section, inner: this.inner };
  }

  override render() {
    if (!this.section) return html`<p class="empty">${this.fallback}</p>`;
    const still = stillSlide(this.section);
    this.inner = still.inner;
    // The slide's background fills the whole screen, as reveal.js draws it behind the canvas.
    return html`<div class="screen" style=${still.background ? `background:${still.background}` : nothing}>
      <div class="reveal"><div class="slides"><section class=${still.classes}></section></div></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-slide-view': RsSlideView;
  }
}
