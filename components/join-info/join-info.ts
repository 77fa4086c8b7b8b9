// <rs-join-info>: the join code, address and QR code, large enough to read and scan across a room.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { renderSVG } from 'uqr';
import type { JoinWarning } from '../../core/wire.js';
import { tokens } from '../theme.js';

export function formatJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

@customElement('rs-join-info')
@localized()
export class RsJoinInfo extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 1.2em 2em;
        align-items: center;
        text-align: left;
      }
      .qr {
        width: 11em;
        height: 11em;
        background: var(--rs-paper);
        padding: 0.3em;
        border-radius: var(--rs-radius);
      }
      .qr svg {
        width: 100%;
        height: 100%;
        display: block;
      }
      .code {
        font-size: 2.4em;
        font-weight: 800;
        letter-spacing: 0.06em;
        font-variant-numeric: tabular-nums;
        line-height: 1.1;
      }
      .url {
        font-size: 0.75em;
        overflow-wrap: anywhere;
      }
      .warning {
        grid-column: 1 / -1;
        max-width: 36em;
      }
      .warning p {
        font-size: 0.8em;
        border-left: 0.25em solid var(--rs-ink-soft);
        padding-left: 0.6em;
      }
      .hint {
        font-size: 0.7em;
        color: var(--rs-ink-soft);
      }
    `,
  ];

  @property() code = '';
  @property() url = '';
  /** Set when phones cannot reach `url` (RoomInfo.joinWarning): the reason is shown instead of the QR code. */
  @property() warning: JoinWarning | '' = '';

  private warningText(warning: JoinWarning) {
    return warning === 'loopback'
      ? msg(
          'Telefoner kan ikke deltage: Rådslag lytter kun på denne computer (HOST er en lokal adresse). Start Rådslag uden HOST, eller sæt PUBLIC_URL til en adresse, telefonerne kan nå.',
        )
      : msg(
          'Telefoner kan ikke deltage: computeren er ikke på et netværk. Forbind den til det samme Wi-Fi som telefonerne, og start Rådslag igen.',
        );
  }

  override render() {
    if (!this.code) return html`<p class="hint">${msg('Koden vises, når rummet er forbundet …')}</p>`;
    if (this.warning)
      return html`<div class="warning" role="alert">
        <div class="hint">${msg('Deltagerkode')}</div>
        <div class="code" data-code=${this.code}>${formatJoinCode(this.code)}</div>
        <p>${this.warningText(this.warning)}</p>
      </div>`;
    const base = this.url.replace(/\/j\/\d+$/, '/join');
    return html`
      ${
        this.url
          ? html`<div class="qr" role="img" aria-label=${msg(str`QR-kode til ${this.url}`)}>${unsafeSVG(renderSVG(this.url, { border: 1 }))}</div>`
          : nothing
      }
      <div>
        <div class="hint">${msg('Deltagerkode')}</div>
        <div class="code" data-code=${this.code}>${formatJoinCode(this.code)}</div>
        <div class="url">${msg(html`Gå til <strong>${base}</strong> og skriv koden — eller scan QR-koden.`)}</div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-join-info': RsJoinInfo;
  }
}
