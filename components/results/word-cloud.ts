// <rs-word-cloud>: the words of open-text answers sized by frequency, with the same data as a list for screen readers.
import { LitElement, css, html } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { tokens } from '../theme.js';
import { formatNumber } from '../i18n.js';

const COLOURS = ['var(--rs-accent)', 'var(--rs-ink)', 'var(--rs-good)', 'var(--rs-warn)', 'var(--rs-violet)', 'var(--rs-bad)'];

@customElement('rs-word-cloud')
@localized()
export class RsWordCloud extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0.2em;
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        align-items: center;
        gap: 0.1em 0.6em;
        line-height: 1.1;
      }
      li {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .empty {
        color: var(--rs-ink-soft);
        text-align: center;
      }
      .count {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
    `,
  ];

  @property({ attribute: false }) words: { word: string; count: number }[] = [];

  override render() {
    if (this.words.length === 0) return html`<p class="empty">${msg('Ingen ord endnu.')}</p>`;
    const max = Math.max(...this.words.map((w) => w.count));
    // Alphabetical order keeps the cloud from jumping around as counts change.
    const sorted = [...this.words].sort((a, b) => a.word.localeCompare(b.word, 'da'));
    return html`<ul aria-label=${msg('Ordsky')}>
      ${sorted.map((w, i) => {
        const size = 0.8 + 1.8 * Math.sqrt(w.count / max);
        return html`<li style="font-size:${size.toFixed(2)}em;color:${COLOURS[i % COLOURS.length]}" data-word=${w.word}>
          ${w.word}<span class="count">: ${formatNumber(w.count)}</span>
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-word-cloud': RsWordCloud;
  }
}
