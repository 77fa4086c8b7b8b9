// The room context and the controllers through which components read it: one that takes the room from the
// page (the projector's deck), one that opens it for a page of its own (the phone).
import { createContext, ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RoomConnection, type RoomConnectionOptions } from './room-connection.js';
import type { FacilitatorApi } from './api.js';
import type { DeckManifest } from '../../core/deck.js';

export const roomContext = createContext<RoomConnection | undefined>(Symbol('rs-room'));
export const facilitatorContext = createContext<FacilitatorApi | undefined>(Symbol('rs-facilitator'));
/** The deck's manifest as the server trusts it: the definitions components render from. */
export const deckContext = createContext<DeckManifest | undefined>(Symbol('rs-deck'));
/**
 * Which facilitator page a component is on: `audience` the projector (slides and results, no controls, no
 * moderation), `console` the facilitator's laptop (every control), `solo` one screen for both.
 */
export type FacilitatorView = 'audience' | 'console' | 'solo';
export const viewContext = createContext<FacilitatorView>(Symbol('rs-view'));

type Host = ReactiveControllerHost & HTMLElement;

/** Re-renders its host whenever the room's documents or connection change. */
export class RoomController implements ReactiveController {
  private readonly consumer: ContextConsumer<typeof roomContext, Host>;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: Host) {
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

/**
 * The room a page opens for itself (the phone): owns the connection, hands it and the deck to the elements
 * inside through the same contexts the projector's deck provides, and tells its host of every change.
 */
export class OwnRoomController implements ReactiveController {
  private readonly roomProvider: ContextProvider<typeof roomContext, Host>;
  private readonly deckProvider: ContextProvider<typeof deckContext, Host>;
  private connection: RoomConnection | undefined;
  private unsubscribe: (() => void) | null = null;

  /** @param changed called on every change of the room (by default the host renders again) */
  constructor(
    host: Host,
    private readonly changed: (room: RoomConnection) => void = () => host.requestUpdate(),
  ) {
    host.addController(this);
    this.roomProvider = new ContextProvider(host, { context: roomContext });
    this.deckProvider = new ContextProvider(host, { context: deckContext });
  }

  get room(): RoomConnection | undefined {
    return this.connection;
  }

  /** Connects to the room (once) and shares it with the elements inside. */
  open(options: RoomConnectionOptions, deck: DeckManifest): RoomConnection {
    this.close();
    const room = new RoomConnection(options);
    this.connection = room;
    this.unsubscribe = room.subscribe(() => this.changed(room));
    this.deckProvider.setValue(deck);
    this.roomProvider.setValue(room);
    return room;
  }

  private close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.connection?.destroy();
    this.connection = undefined;
  }

  hostDisconnected(): void {
    this.close();
  }
}
