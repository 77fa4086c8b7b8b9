// The one reader of a room's shared documents in components: activity states, results, boards, presence,
// typed, and the changes to watch; nothing here writes.
import * as Y from 'yjs';
import type { Tally } from '../../core/activity.js';
import { topPriorities, type Note, type Priority } from '../../core/board.js';
import { readBoardLayout } from '../../core/board-layout.js';
import {
  BOARD_LAYOUT,
  DOC,
  LIVE_DOC,
  initialActivityState,
  meetingInfo,
  type ActivityState,
  type BoardPublicState,
  type MeetingInfo,
  type Presence,
  type PresentState,
  type RoomMeta,
} from '../../core/room-doc.js';

/** A board's groups as facilitators have made them: their names in the layout's order, and each grouped note's group. */
export interface BoardGroups {
  clusters: { id: string; name: string }[];
  /** noteId → clusterId, only for clusters in `clusters`. */
  membership: Map<string, string>;
}

export class RoomReader {
  /**
   * @param doc the public document every connection has
   * @param liveDoc the facilitators' own document (live tallies, every note, presence); null for a participant
   */
  constructor(
    protected readonly doc: Y.Doc,
    protected readonly liveDoc: Y.Doc | null,
  ) {}

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

  /** Facilitators read every note (pending and hidden ones too, from the live document); participants the visible ones. */
  private notesMap(): Y.Map<unknown> {
    return this.liveDoc ? this.liveDoc.getMap(LIVE_DOC.notes) : this.doc.getMap(DOC.notes);
  }

  /** Dot counts per board: live for facilitators, and for participants once revealed. */
  private dotsMap(): Y.Map<unknown> {
    return this.liveDoc ? this.liveDoc.getMap(LIVE_DOC.dots) : this.doc.getMap(DOC.dots);
  }

  /** Notes of a board, oldest first. */
  notes(board: string): Note[] {
    const out: Note[] = [];
    for (const n of this.notesMap().values() as IterableIterator<Note>) if (n.board === board) out.push(n);
    return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  /** Dot counts per target: live for facilitators, and for participants once revealed. */
  dots(board: string): Record<string, number> | undefined {
    return this.dotsMap().get(board) as Record<string, number> | undefined;
  }

  /** The board's layout map as it is now, if one exists (read-only here: RoomConnection.layout creates it). */
  layoutMap(board: string): Y.Map<unknown> | undefined {
    const map = this.doc.getMap(DOC.layout).get(board);
    return map instanceof Y.Map ? (map as Y.Map<unknown>) : undefined;
  }

  /** A board's groups, read from its layout by core's rules (only the parts groups need, not positions or strokes). */
  boardGroups(board: string): BoardGroups {
    const map = this.layoutMap(board);
    const part = (key: string) => {
      const value = map?.get(key);
      return value instanceof Y.Map ? value.toJSON() : undefined;
    };
    const layout = readBoardLayout({ clusters: part(BOARD_LAYOUT.clusters), membership: part(BOARD_LAYOUT.membership) });
    return {
      clusters: Object.entries(layout.clusters).map(([id, c]) => ({ id, name: c.name })),
      membership: new Map(Object.entries(layout.membership)),
    };
  }

  /** A board's ranked priorities as this connection sees them (live counts for facilitators, revealed ones for participants). */
  boardPriorities(board: string): Priority[] {
    const notes = new Map(this.notes(board).map((n) => [n.id, n]));
    const groups = this.boardGroups(board);
    const clusters = new Map(groups.clusters.map((c) => [c.id, { name: c.name }]));
    return topPriorities(this.dots(board) ?? {}, notes, clusters, groups.membership);
  }

  presence(): Presence {
    const m = this.liveDoc?.getMap(LIVE_DOC.presence).toJSON() as Partial<Presence> | undefined;
    return { participants: m?.participants ?? 0, facilitators: m?.facilitators ?? 0, joined: m?.joined ?? 0 };
  }

  /** Place and absent members for the referat. */
  meeting(): MeetingInfo {
    return meetingInfo(this.doc.getMap(DOC.meeting).toJSON());
  }

  /**
   * Calls `fn` when something of one board changes: its public state, one of its notes, its dots. A board that
   * draws much watches this rather than every change in the room. Returns the way to stop.
   */
  observeBoard(board: string, fn: () => void): () => void {
    const offs: (() => void)[] = [];
    const watch = (map: Y.Map<unknown>, mine: (e: Y.YMapEvent<unknown>) => boolean) => {
      const observer = (e: Y.YMapEvent<unknown>) => {
        if (mine(e)) fn();
      };
      map.observe(observer);
      offs.push(() => map.unobserve(observer));
    };
    watch(this.doc.getMap(DOC.boards), (e) => e.keysChanged.has(board));
    const notes = this.notesMap();
    watch(notes, (e) => {
      for (const key of e.keysChanged) {
        const now = notes.get(key) as Note | undefined;
        const before = e.changes.keys.get(key)?.oldValue as Note | undefined;
        if (now?.board === board || before?.board === board) return true;
      }
      return false;
    });
    watch(this.dotsMap(), (e) => e.keysChanged.has(board));
    return () => {
      for (const off of offs) off();
    };
  }

  /**
   * Calls `fn` with where the room is when another connection moves it (another facilitator's window, or the
   * document as the server has it after a reconnect); this connection's own writes do not call it.
   */
  observePresent(fn: (present: PresentState | null) => void): () => void {
    const map = this.doc.getMap(DOC.present);
    const observer = (e: Y.YMapEvent<unknown>) => {
      if (!e.transaction.local) fn(this.present());
    };
    map.observe(observer);
    return () => map.unobserve(observer);
  }

  /** Calls `fn` with the board's layout map when another is put in its place (made or replaced by a facilitator). */
  observeLayoutMap(board: string, fn: (map: Y.Map<unknown> | undefined) => void): () => void {
    const layouts = this.doc.getMap(DOC.layout);
    const observer = (e: Y.YMapEvent<unknown>) => {
      if (e.keysChanged.has(board)) fn(this.layoutMap(board));
    };
    layouts.observe(observer);
    return () => layouts.unobserve(observer);
  }
}
