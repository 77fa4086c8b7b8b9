// A room as a browser sees it: the shared documents over y-websocket, read through RoomReader's typed getters;
// the few writes a facilitator makes (where the deck is, the meeting, a board's layout) are here.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { BOARD_LAYOUT, DOC, LIVE_SUFFIX, meetingInfo, type MeetingInfo, type PresentState } from '../../core/room-doc.js';
import { RoomReader } from './room-reader.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface RoomConnectionOptions {
  roomId: string;
  token: string;
  role: 'facilitator' | 'participant';
  origin?: string;
}

function syncUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws')}/sync`;
}

export class RoomConnection extends RoomReader {
  private readonly provider: WebsocketProvider;
  private readonly liveProvider: WebsocketProvider | null;
  private readonly listeners = new Set<() => void>();
  status: ConnectionStatus = 'connecting';
  /** True once the first full sync with the server is done. */
  synced = false;
  /**
   * Set when the server closed the connection for good (codes 4400–4499: the room was deleted, a change was
   * too large); the client then stops reconnecting, so the page must say why and offer a reload.
   */
  closed: { code: number; reason: string } | null = null;

  constructor(readonly options: RoomConnectionOptions) {
    super(new Y.Doc(), options.role === 'facilitator' ? new Y.Doc() : null);
    const origin = options.origin ?? location.origin;
    const params = { token: options.token };
    this.provider = new WebsocketProvider(syncUrl(origin), options.roomId, this.doc, { params, disableBc: true });
    if (this.liveDoc) {
      this.liveProvider = new WebsocketProvider(syncUrl(origin), `${options.roomId}/${LIVE_SUFFIX}`, this.liveDoc, {
        params,
        disableBc: true,
      });
      this.liveDoc.on('update', this.notify);
    } else {
      this.liveProvider = null;
    }
    this.provider.on('status', ({ status }: { status: ConnectionStatus }) => {
      this.status = status;
      this.notify();
    });
    for (const provider of [this.provider, this.liveProvider]) {
      provider?.on('closed', (event: { code: number; reason: string }) => {
        this.closed = event;
        this.notify();
      });
    }
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.synced = true;
      this.notify();
    });
    this.doc.on('update', this.notify);
  }

  private readonly notify = (): void => {
    for (const fn of this.listeners) fn();
  };

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Calls `fn` each time the connection has synced with the server (the first time and after every reconnect). */
  onSynced(fn: () => void): () => void {
    const handler = (synced: boolean) => {
      if (synced) fn();
    };
    this.provider.on('sync', handler);
    return () => this.provider.off('sync', handler);
  }

  get roomId(): string {
    return this.options.roomId;
  }

  /**
   * The board's layout map that facilitators shape together (positions, clusters, membership, strokes).
   * Facilitators get it created on first use; participants read it and get undefined until it exists.
   */
  layout(board: string): Y.Map<unknown> | undefined {
    const layouts = this.doc.getMap(DOC.layout);
    let layout = layouts.get(board) as Y.Map<unknown> | undefined;
    if (!layout && this.options.role === 'facilitator' && this.synced) {
      this.doc.transact(() => {
        layout = new Y.Map();
        for (const key of [BOARD_LAYOUT.positions, BOARD_LAYOUT.clusters, BOARD_LAYOUT.membership]) layout.set(key, new Y.Map());
        layout.set(BOARD_LAYOUT.strokes, new Y.Array());
        layouts.set(board, layout);
      });
    }
    return layout;
  }

  /** Facilitators only: a participant's write is dropped by the server. */
  setMeeting(info: MeetingInfo): void {
    const m = this.doc.getMap(DOC.meeting);
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(meetingInfo({ ...info }))) if (m.get(k) !== v) m.set(k, v);
    });
  }

  setPresent(state: PresentState): void {
    const m = this.doc.getMap(DOC.present);
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(state)) if (m.get(k) !== v) m.set(k, v);
    });
  }

  destroy(): void {
    this.listeners.clear();
    this.provider.destroy();
    this.liveProvider?.destroy();
    this.doc.destroy();
    this.liveDoc?.destroy();
  }
}
