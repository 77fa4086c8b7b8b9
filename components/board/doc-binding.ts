// The board's binding to the room's shared documents as a Lit controller: it watches the board's state, notes,
// dots and layout through the room's one reader (subscribing in hostConnected, unsubscribing in hostDisconnected),
// follows a layout that another client replaced, and keeps this facilitator's undo manager for their own layout edits.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as Y from 'yjs';
import type { RoomConnection } from '../room/room-connection.js';
import { BoardLayout } from './layout.js';

export interface DocHost extends ReactiveControllerHost {
  readonly room: RoomConnection | undefined;
  readonly board: string;
  readonly editable: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

/** What changed without a render: the host moves the elements itself. */
export interface DocChanges {
  /** Notes placed by hand moved. */
  positions(notes: Iterable<string>): void;
  /** A cluster moved (its name and the set of clusters are rendered). */
  clustersMoved(): void;
  strokes(): void;
}

/** How long a run of small edits counts as one undo step (Y.UndoManager's captureTimeout). */
const CAPTURE_MS = 600;

export class BoardDocController implements ReactiveController {
  /** The origin of this facilitator's layout transactions: what the undo manager tracks. */
  readonly origin = { rsBoard: 'local' };
  layout: BoardLayout | null = null;
  private undo: Y.UndoManager | null = null;
  private boundTo: { room: RoomConnection; board: string } | null = null;
  private unbindRoom: (() => void)[] = [];
  private unbindLayout: (() => void)[] = [];
  private binding = false;

  constructor(
    private readonly host: DocHost,
    private readonly changes: DocChanges,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.host.room) this.bind();
  }

  hostDisconnected(): void {
    this.unbind();
  }

  /** A new room connection (from context) or another board: bind again before the render. */
  hostUpdate(): void {
    const { room, board } = this.host;
    if (room !== this.boundTo?.room || board !== this.boundTo?.board) this.bind();
  }

  private unbind(): void {
    this.dropLayout();
    for (const off of this.unbindRoom) off();
    this.unbindRoom = [];
    this.boundTo = null;
  }

  private dropLayout(): void {
    for (const off of this.unbindLayout) off();
    this.unbindLayout = [];
    this.undo?.destroy();
    this.undo = null;
    this.layout = null;
  }

  private bind(): void {
    this.unbind();
    const { room, board } = this.host;
    if (!room) return;
    this.boundTo = { room, board };
    if (!board) return;
    this.unbindRoom.push(
      room.observeBoard(board, () => this.host.requestUpdate()),
      room.observeLayoutMap(board, (map) => {
        if (map !== this.layout?.map) this.bindLayout(true);
      }),
      room.onSynced(() => this.bindLayout(false)),
    );
    this.bindLayout(true);
    this.host.requestUpdate();
  }

  private bindLayout(force: boolean): void {
    const room = this.host.room;
    const board = this.boundTo?.board ?? '';
    // room.layout() may create the map, which the layouts observer reports back to us at once.
    if (!room || this.binding) return;
    this.binding = true;
    let map: Y.Map<unknown> | undefined;
    try {
      map = room.layout(board);
    } finally {
      this.binding = false;
    }
    if (!force && map && this.layout?.map === map) return;
    this.dropLayout();
    this.host.canUndo = this.host.canRedo = false;
    this.host.requestUpdate();
    if (!map) return;
    const layout = new BoardLayout(map.doc!, map, this.origin);
    if (this.host.editable) layout.ensure();
    this.layout = layout;
    const offs = this.unbindLayout;
    const observe = <T>(target: Y.AbstractType<T> | undefined, fn: (e: T) => void) => {
      if (!target) return;
      target.observe(fn);
      offs.push(() => target.unobserve(fn));
    };
    // A part of the layout replaced (made by another client at the same time): observe the new one.
    observe(map, () => queueMicrotask(() => this.bindLayout(true)));
    observe(layout.positions, (e) => this.changes.positions(e.keysChanged));
    const clusters = layout.clusters;
    if (clusters) {
      const onClusters = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        let structural = false;
        for (const ev of events) {
          if (ev.target === clusters || (ev as Y.YMapEvent<unknown>).keysChanged.has('name')) structural = true;
        }
        // A moved cluster: notes in the columns flow around it again.
        if (structural) this.host.requestUpdate();
        else this.changes.clustersMoved();
      };
      clusters.observeDeep(onClusters);
      offs.push(() => clusters.unobserveDeep(onClusters));
    }
    observe(layout.membership, () => this.host.requestUpdate());
    observe(layout.strokes, () => this.changes.strokes());
    if (this.host.editable) {
      const undo = new Y.UndoManager(map, { trackedOrigins: new Set([this.origin]), captureTimeout: CAPTURE_MS });
      const onStack = () => {
        const u = undo.undoStack.length > 0;
        const r = undo.redoStack.length > 0;
        if (u !== this.host.canUndo) this.host.canUndo = u;
        if (r !== this.host.canRedo) this.host.canRedo = r;
      };
      undo.on('stack-item-added', onStack);
      undo.on('stack-item-popped', onStack);
      undo.on('stack-cleared', onStack);
      this.undo = undo;
    }
  }

  /** One edit as one undo step of its own, never merged with the edits before or after it. */
  step(fn: (layout: BoardLayout) => void): void {
    const layout = this.layout;
    if (!layout) return;
    this.undo?.stopCapturing();
    layout.transact(() => fn(layout));
    this.undo?.stopCapturing();
  }

  /** A drag is one undo step however long it takes. */
  beginCapture(): void {
    if (!this.undo) return;
    this.undo.stopCapturing();
    this.undo.captureTimeout = 1e12;
  }

  endCapture(): void {
    if (!this.undo) return;
    this.undo.captureTimeout = CAPTURE_MS;
    this.undo.stopCapturing();
  }

  undoLast(): void {
    this.undo?.undo();
  }

  redo(): void {
    this.undo?.redo();
  }
}
