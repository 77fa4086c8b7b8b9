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
  /** Facilitator writes refused because the update or the whole document would be too large. */
  refusedUpdates: number;
  /** Sync step 1 answered with the cached whole document because the room's diff budget was spent. */
  diffsServedWhole: number;
}

/** How much one facilitator may grow the document: per update and in total (bytes of Yjs encoding; 0 = no limit). */
export interface WriteLimits {
  maxUpdateBytes: number;
  maxDocBytes: number;
}

/** Close code for a refused write. y-websocket does not reconnect on 4400–4499, so a refused update is not resent in a loop. */
export const CLOSE_TOO_LARGE = 4413;

/**
 * A change this small may use the last eighth of MAX_DOC_BYTES: when big additions are refused, the meeting
 * goes on (next slide, open an activity, delete a drawing) until the document is full to the byte.
 */
const SMALL_UPDATE_BYTES = 1024;

/**
 * Milliseconds per second one document may spend computing differences for clients that already hold part of it
 * (a reconnecting phone). Beyond it they get the shared whole document instead: more bytes, no more CPU.
 */
const DIFF_BUDGET_MS_PER_SECOND = 50;

/**
 * What one incoming message costs from a socket's allowance (SYNC_MESSAGES_PER_SECOND). A sync step 1 makes
 * the server send the document; a client sends it once per connection, so it costs as much as 25 ordinary messages.
 */
export function messageCost(data: Uint8Array): number {
  // Both varuints are single bytes for these small values: 0 = sync, then 0 = step 1.
  return data[0] === MSG_SYNC && data[1] === syncProtocol.messageYjsSyncStep1 ? 25 : 1;
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} kB`;
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
  readonly stats: ChannelStats = { droppedUpdates: 0, refusedUpdates: 0, diffsServedWhole: 0 };
  /** Time spent this second computing per-client differences (see DIFF_BUDGET_MS_PER_SECOND). */
  private diffSpentMs = 0;
  private diffWindowStart = 0;
  private readonly awarenessOwners = new Map<Peer, Set<number>>();
  private limits: WriteLimits = { maxUpdateBytes: 0, maxDocBytes: 0 };
  /**
   * The answer to a sync step 1 with an empty state vector (a new client): the whole document, encoded once per
   * version and shared by every socket that asks, instead of once per request. Dropped on every update.
   */
  private fullAnswer: Uint8Array | null = null;
  /** The server's own sync step 1, cached the same way. */
  private step1: Uint8Array | null = null;
  /** Size of the document's last full encoding, and bytes of updates applied since (an estimate of its size now). */
  private encodedBytes = 0;
  private growth = Number.POSITIVE_INFINITY;

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
    this.fullAnswer = null;
    this.step1 = null;
    this.growth += update.length;
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

  /** Set by the transport that admits the peers (server/socket.ts), from the server's configuration. */
  setWriteLimits(limits: WriteLimits): void {
    this.limits = limits;
  }

  /** The step 2 for a client that has nothing yet; encodes the document at most once per version. */
  private wholeDocument(): Uint8Array {
    if (this.fullAnswer === null) {
      const update = Y.encodeStateAsUpdate(this.doc);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MSG_SYNC);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, update);
      this.fullAnswer = encoding.toUint8Array(encoder);
      this.encodedBytes = update.length;
      this.growth = 0;
    }
    return this.fullAnswer;
  }

  /** The document's size in bytes of its Yjs encoding, as of its last full encoding plus what was applied since. */
  get approximateBytes(): number {
    return this.encodedBytes + this.growth;
  }

  /** Refuses a facilitator's update that is too large by itself or would make the document too large. */
  private admit(update: Uint8Array): void {
    const { maxUpdateBytes, maxDocBytes } = this.limits;
    if (maxUpdateBytes > 0 && update.length > maxUpdateBytes) {
      this.stats.refusedUpdates++;
      throw new ProtocolError(
        CLOSE_TOO_LARGE,
        `Ændringen er for stor (${kilobytes(update.length)}, højst ${kilobytes(maxUpdateBytes)}) og blev ikke gemt. Genindlæs siden.`,
      );
    }
    if (maxDocBytes <= 0) return;
    const limit = update.length <= SMALL_UPDATE_BYTES ? maxDocBytes : maxDocBytes - Math.floor(maxDocBytes / 8);
    if (this.encodedBytes + this.growth + update.length <= limit) return;
    // The estimate only grows; measure once before refusing (the encoding also serves the next new client).
    if (this.growth > 0) {
      this.fullAnswer = null;
      this.wholeDocument();
    }
    if (this.encodedBytes + update.length <= limit) return;
    this.stats.refusedUpdates++;
    throw new ProtocolError(
      CLOSE_TOO_LARGE,
      `Rummets dokument er fuldt (højst ${kilobytes(maxDocBytes)}); ændringen blev ikke gemt. Slet tegninger, og genindlæs siden.`,
    );
  }

  private mayWrite(peer: Peer): boolean {
    return this.facilitatorsMayWrite && peer.role === 'facilitator';
  }

  attach(peer: Peer): void {
    this.peers.add(peer);
    this.awarenessOwners.set(peer, new Set());
    if (this.step1 === null) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MSG_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.step1 = encoding.toUint8Array(encoder);
    }
    peer.send(this.step1);
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
        // A new client's empty state vector (zero clients) is the common case: answered from the shared encoding.
        if (stateVector.length === 1 && stateVector[0] === 0) {
          peer.send(this.wholeDocument());
          return;
        }
        // Any other state vector needs its own difference, which walks the whole document (its delete set). The
        // socket's allowance bounds how often one socket asks; the room's diff budget bounds all of them together:
        // past it, the shared whole document is the answer (applying what one already has changes nothing).
        const now = performance.now();
        if (now - this.diffWindowStart >= 1000) {
          this.diffWindowStart = now;
          this.diffSpentMs = 0;
        }
        if (this.diffSpentMs >= DIFF_BUDGET_MS_PER_SECOND) {
          this.stats.diffsServedWhole++;
          peer.send(this.wholeDocument());
          return;
        }
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MSG_SYNC);
        syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
        this.diffSpentMs += performance.now() - now;
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
        if (isEmptyUpdate(update)) return;
        this.admit(update);
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
    this.fullAnswer = null;
    this.step1 = null;
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
  }
}
