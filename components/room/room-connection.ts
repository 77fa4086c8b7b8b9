// A room as a browser sees it: the shared documents over y-websocket, read through typed getters.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Tally } from '../../core/activity.js';
import type { Note } from '../../core/board.js';
import {
  BOARD_LAYOUT,
  DOC,
  LIVE_DOC,
  LIVE_SUFFIX,
  initialActivityState,
  meetingInfo,
  type ActivityState,
  type MeetingInfo,
  type BoardPublicState,
  type Presence,
  type PresentState,
  type RoomMeta,
} from '../../core/room-doc.js';

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

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly liveDoc: Y.Doc | null;
  readonly provider: WebsocketProvider;
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
    const origin = options.origin ?? location.origin;
    const params = { token: options.token };
    this.provider = new WebsocketProvider(syncUrl(origin), options.roomId, this.doc, { params, disableBc: true });
    if (options.role === 'facilitator') {
      this.liveDoc = new Y.Doc();
      this.liveProvider = new WebsocketProvider(syncUrl(origin), `${options.roomId}/${LIVE_SUFFIX}`, this.liveDoc, {
        params,
        disableBc: true,
      });
      this.liveDoc.on('update', this.notify);
    } else {
      this.liveDoc = null;
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

  get roomId(): string {
    return this.options.roomId;
  }

  meta(): Partial<RoomMeta> {
    return this.doc.getMap(DOC.meta).toJSON() as Partial<RoomMeta>;
  }

  present(): PresentState | null {
    const m = this.doc.getMap(DOC.present);
    if (!m.has('slide')) return null;
    return m.toJSON() as PresentState;
  }

  activityState(id: string): ActivityState {
    const state = (this.doc.getMap(DOC.activities).get(id) as ActivityState | undefined) ?? initialActivityState();
    // Which entries are hidden is for facilitators only: it lives in their live document.
    const hidden = this.liveDoc?.getMap(LIVE_DOC.hiddenEntries).get(id) as string[] | undefined;
    return hidden ? { ...state, hiddenEntries: hidden } : state;
  }

  /** Results published to everyone, present only while revealed. */
  revealedResult(id: string): Tally | undefined {
    return this.doc.getMap(DOC.results).get(id) as Tally | undefined;
  }

  /** Live tallies, facilitators only. */
  liveTally(id: string): Tally | undefined {
    return this.liveDoc?.getMap(LIVE_DOC.tallies).get(id) as Tally | undefined;
  }

  /** A whiteboard's phase, visible notes and dotters; undefined until the server has published it. */
  boardState(board: string): BoardPublicState | undefined {
    return this.doc.getMap(DOC.boards).get(board) as BoardPublicState | undefined;
  }

  /**
   * Notes of a board, oldest first. Facilitators get every note (pending and hidden ones too, from the
   * live document); participants the visible ones.
   */
  notes(board: string): Note[] {
    const source = this.liveDoc ? this.liveDoc.getMap(LIVE_DOC.notes) : this.doc.getMap(DOC.notes);
    const out: Note[] = [];
    for (const n of source.values() as IterableIterator<Note>) if (n.board === board) out.push(n);
    return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  /** Dot counts per target: live for facilitators, and for participants once revealed. */
  dots(board: string): Record<string, number> | undefined {
    if (this.liveDoc) return this.liveDoc.getMap(LIVE_DOC.dots).get(board) as Record<string, number> | undefined;
    return this.doc.getMap(DOC.dots).get(board) as Record<string, number> | undefined;
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

  presence(): Presence {
    const m = this.liveDoc?.getMap(LIVE_DOC.presence).toJSON() as Partial<Presence> | undefined;
    return { participants: m?.participants ?? 0, facilitators: m?.facilitators ?? 0, joined: m?.joined ?? 0 };
  }

  /** Facilitators tell the room where the deck is; participants follow. */
  /** Place and absent members for the referat. */
  meeting(): MeetingInfo {
    return meetingInfo(this.doc.getMap(DOC.meeting).toJSON());
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
