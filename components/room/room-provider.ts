// <rs-room-provider>: hands the room and the facilitator's API down to every component inside the deck.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { deckContext, facilitatorContext, roomContext, viewContext, type FacilitatorView } from './room-context.js';
import type { DeckManifest } from '../../core/deck.js';
import type { RoomConnection } from './room-connection.js';
import type { FacilitatorApi } from './api.js';

@customElement('rs-room-provider')
export class RsRoomProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  @provide({ context: roomContext })
  @property({ attribute: false })
  room: RoomConnection | undefined;

  @provide({ context: facilitatorContext })
  @property({ attribute: false })
  api: FacilitatorApi | undefined;

  @provide({ context: deckContext })
  @property({ attribute: false })
  deck: DeckManifest | undefined;

  /** The page's view: the projector (`audience`) shows no controls; `console` and `solo` show them. */
  @provide({ context: viewContext })
  @property({ reflect: true })
  view: FacilitatorView = 'solo';

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-room-provider': RsRoomProvider;
  }
}
