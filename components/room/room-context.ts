// The room context and the controller through which components read it.
import { createContext, ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoomConnection } from './room-connection.js';
import type { FacilitatorApi } from './api.js';
import type { DeckManifest } from '../../core/deck.js';

export const roomContext = createContext<RoomConnection | undefined>(Symbol('rs-room'));
export const facilitatorContext = createContext<FacilitatorApi | undefined>(Symbol('rs-facilitator'));
/** The deck's manifest as the server trusts it: the definitions components render from. */
export const deckContext = createContext<DeckManifest | undefined>(Symbol('rs-deck'));

/** Re-renders its host whenever the room's documents or connection change. */
export class RoomController implements ReactiveController {
  private readonly consumer: ContextConsumer<typeof roomContext, ReactiveControllerHost & HTMLElement>;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.consumer = new ContextConsumer(host, {
      context: roomContext,
      subscribe: true,
      callback: (room) => this.watch(room),
    });
  }

  get room(): RoomConnection | undefined {
    return this.consumer.value;
  }

  private watch(room: RoomConnection | undefined): void {
    this.unsubscribe?.();
    this.unsubscribe = room ? room.subscribe(() => this.host.requestUpdate()) : null;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    if (this.consumer.value && !this.unsubscribe) this.watch(this.consumer.value);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
