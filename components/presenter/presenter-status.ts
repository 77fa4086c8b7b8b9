// <rs-presenter-status>: a small corner bar for the facilitator — connection, participants — and, for late arrivals,
// the join address and code legible from the back of the room (where the facilitator works, a button that shows
// them big, 'rs-join-toggle'; on the projector's audience view a plain label, since nobody there can press it).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { formatNumber } from '../i18n.js';
import { joinsFarExceedConnections } from '../../core/room-doc.js';
import { RoomController, viewContext, type FacilitatorView } from '../room/room-context.js';
import { formatJoinCode } from '../join-info/join-info.js';
import { focusRing, tokens } from '../theme.js';

const presenterStatusStyles = css`
  :host {
    position: fixed;
    left: 0.8rem;
    bottom: 0.8rem;
    z-index: 30;
    font-size: 0.95rem;
    background: var(--rs-bar);
    color: var(--rs-paper);
    /* The amber ring is lost on the dark bar; the same ring in the bar's own warning colour. */
    --rs-focus: var(--rs-warn-on-dark);
    border-radius: 999px;
    padding: 0.35rem 0.9rem;
    display: flex;
    gap: 0.9rem;
    align-items: center;
  }
  .dot {
    display: inline-block;
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--rs-status-wait);
    margin-right: 0.35rem;
  }
  [data-status='connected'] .dot {
    background: var(--rs-status-ok);
  }
  [data-status='disconnected'] .dot {
    background: var(--rs-status-lost);
  }
  button {
    font: inherit;
    color: var(--rs-ink);
    background: var(--rs-paper);
    border: 0;
    border-radius: 999px;
    padding: 0.15rem 0.8rem;
    cursor: pointer;
  }
  .warning {
    color: var(--rs-warn-on-dark);
    font-weight: 600;
  }
  /* Read from the back of the room: about 25 px on a 1920 px projector, never under 20 px. */
  .join {
    font-size: max(20px, 1.3vw);
    font-weight: 650;
    line-height: 1.2;
    padding: 0.2rem 0.9rem;
  }
  /* On the projector the corner is a label, not a button: the same white pill, nothing to press. */
  span.join {
    color: var(--rs-ink);
    background: var(--rs-paper);
    border-radius: 999px;
  }
  .join .code {
    font-weight: 800;
    letter-spacing: 0.04em;
    font-variant-numeric: tabular-nums;
  }
`;

@customElement('rs-presenter-status')
@localized()
export class RsPresenterStatus extends LitElement {
  static override styles = [tokens, focusRing, presenterStatusStyles];

  @property() code = '';
  /** The room's join link (RoomInfo.joinUrl): the corner names the address a late arrival types. */
  @property() url = '';
  /** True on the join slide, which shows the code big already: the corner then shows it small. */
  @property({ type: Boolean }) joinSlide = false;
  /** The page's view: on the projector's audience view the corner only shows the code (the key C still works there). */
  @consume({ context: viewContext, subscribe: true })
  @state()
  private view: FacilitatorView | undefined;
  private readonly room = new RoomController(this);

  override render() {
    const room = this.room.room;
    const status = room?.status ?? 'connecting';
    const p = room?.presence();
    const text = { connecting: msg('Forbinder …'), connected: msg('Forbundet'), disconnected: msg('Ingen forbindelse') }[status];
    if (room?.closed) {
      // The server will not take this connection back: say why, in its words, and offer the way on.
      return html`<span data-status="disconnected" data-closed=${room.closed.code} role="alert"
          ><span class="dot" aria-hidden="true"></span>${msg('Forbindelsen er lukket')}${room.closed.reason ? html`: ${room.closed.reason}` : nothing}</span
        >
        <button type="button" @click=${() => location.reload()}>${msg('Genindlæs')}</button>`;
    }
    return html`<span data-status=${status} role="status"><span class="dot" aria-hidden="true"></span>${text}</span>
      <span data-participants=${p?.participants ?? 0}>${
        (p?.participants ?? 0) === 1 ? msg('1 deltager tilsluttet') : msg(str`${formatNumber(p?.participants ?? 0)} deltagere tilsluttet`)
      }</span>
      ${
        p && p.joined > p.participants
          ? html`<span data-joined=${p.joined}>${msg(str`${formatNumber(p.joined)} har deltaget`)}</span>`
          : nothing
      }
      ${
        p && joinsFarExceedConnections(p)
          ? html`<span class="warning" role="status" data-warning="joins"
            title=${msg('Én person kan have tilmeldt sig mange gange. Åbne afstemninger kan ikke skelne det fra mange personer; brug stemmesedler til beslutninger.')}
            >${msg('⚠ Langt flere tilmeldinger end forbundne telefoner')}</span>`
          : nothing
      }
      ${this.joinSlide || !this.code ? html`<span>${msg(str`Kode ${formatJoinCode(this.code)}`)}</span>` : this.corner()}`;
  }

  private corner() {
    const address = this.url.replace(/\/j\/\d+$/, '/join').replace(/^https?:\/\//, '');
    const shown = html`${address ? html`${address} · ` : nothing}<span class="code" data-code=${this.code}>${formatJoinCode(this.code)}</span>`;
    if (this.view === 'audience') return html`<span class="join" data-join-corner>${shown}</span>`;
    return html`<button type="button" class="join" data-join-corner aria-haspopup="dialog" title=${msg('Vis deltagerkoden stort (C)')}
      @click=${() => this.dispatchEvent(new CustomEvent('rs-join-toggle', { bubbles: true, composed: true }))}
      >${shown}</button
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-presenter-status': RsPresenterStatus;
  }
}
