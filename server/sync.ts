// The y-websocket protocol over any transport: who may write a document, relaying, heartbeats. Knows nothing of sockets.
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;

export type Role = 'facilitator' | 'participant';

/** One connected client as the protocol sees it; the transport supplies send and close. */
export interface Peer {
  readonly role: Role;
  readonly id: string;
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

export class ProtocolError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export interface ChannelStats {
  /** Participant writes to the document that were dropped, never applied. */
  droppedUpdates: number;
}

/** An update that carries no change: what an empty client sends as its sync step 2. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2 && update.every((b) => b === 0);
}

/**
 * One shared document and the peers attached to it. Facilitators may write when the channel allows it;
 * every other peer's writes are dropped and counted.
 */
export class DocChannel {
  readonly peers = new Set<Peer>();
  readonly awareness: awarenessProtocol.Awareness;
  readonly stats: ChannelStats = { droppedUpdates: 0 };
  private readonly awarenessOwners = new Map<Peer, Set<number>>();

  constructor(
    readonly doc: Y.Doc,
    private readonly facilitatorsMayWrite: boolean,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own; without this it would announce an empty state forever.
    this.awareness.setLocalState(null);
    doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (origin instanceof Object && this.awarenessOwners.has(origin as Peer)) {
      const owned = this.awarenessOwners.get(origin as Peer)!;
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    const message = this.awarenessMessage(changed);
    // Awareness (cursors, names) is for the facilitators only: participants never pay for N² presence.
    for (const peer of this.peers) if (peer.role === 'facilitator') peer.send(message);
  };

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  private mayWrite(peer: Peer): boolean {
    return this.facilitatorsMayWrite && peer.role === 'facilitator';
  }

  attach(peer: Peer): void {
    this.peers.add(peer);
    this.awarenessOwners.set(peer, new Set());
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    peer.send(encoding.toUint8Array(encoder));
    if (peer.role === 'facilitator') {
      const states = [...this.awareness.getStates().keys()];
      if (states.length > 0) peer.send(this.awarenessMessage(states));
    }
  }

  detach(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    const owned = this.awarenessOwners.get(peer);
    this.awarenessOwners.delete(peer);
    if (owned && owned.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
  }

  /** Handle one binary message from a peer. Throws ProtocolError when the peer must be disconnected. */
  receive(peer: Peer, data: Uint8Array): void {
    let decoder: decoding.Decoder;
    let type: number;
    try {
      decoder = decoding.createDecoder(data);
      type = decoding.readVarUint(decoder);
    } catch {
      throw new ProtocolError(1007, 'Ugyldig besked: kan ikke læse beskedtypen.');
    }
    try {
      switch (type) {
        case MSG_SYNC:
          this.receiveSync(peer, decoder);
          return;
        case MSG_AWARENESS: {
          const update = decoding.readVarUint8Array(decoder);
          if (this.mayWrite(peer)) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
          return;
        }
        case MSG_QUERY_AWARENESS:
          if (peer.role === 'facilitator') peer.send(this.awarenessMessage([...this.awareness.getStates().keys()]));
          return;
        default:
          throw new ProtocolError(1003, `Ukendt beskedtype ${type}.`);
      }
    } catch (err) {
      if (err instanceof ProtocolError) throw err;
      throw new ProtocolError(1007, `Ugyldig besked af type ${type}: ${(err as Error).message}`);
    }
  }

  private receiveSync(peer: Peer, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MSG_SYNC);
        syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
        peer.send(encoding.toUint8Array(encoder));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        if (!this.mayWrite(peer)) {
          if (!isEmptyUpdate(update)) this.stats.droppedUpdates++;
          return;
        }
        Y.applyUpdate(this.doc, update, peer);
        return;
      }
      default:
        throw new ProtocolError(1003, `Ukendt sync-type ${syncType}.`);
    }
  }

  /** Something every peer hears often enough that the client's 30-second silence timeout never fires. */
  heartbeat(): void {
    const message = this.awarenessMessage([]);
    for (const peer of this.peers) peer.send(message);
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
  }
}
