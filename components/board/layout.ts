// A facilitator's edits to a board's layout in the shared document: positions, clusters, membership and pen
// strokes (core/room-doc.ts BOARD_LAYOUT); reading is core/board-layout.ts's. Every write runs in one transaction
// with the caller's origin, so a Y.UndoManager that tracks that origin undoes exactly this facilitator's edits.
import * as Y from 'yjs';
import { LayoutReader, clusterName, type LayoutStroke, type PlacedCluster } from '../../core/board-layout.js';
import { BOARD_LAYOUT } from '../../core/room-doc.js';
import type { Point } from './geometry.js';

export type Stroke = LayoutStroke;
export type ClusterInfo = PlacedCluster;

/** Ids that work outside secure contexts too (a facilitator on http://<LAN address>). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const round = (n: number) => Math.round(n);

/** Reads through core's one reader (LayoutReader); writes as one facilitator, whose edits their undo tracks. */
export class BoardLayout extends LayoutReader {
  constructor(
    readonly doc: Y.Doc,
    readonly map: Y.Map<unknown>,
    readonly origin: object,
  ) {
    super(map);
  }

  get positions(): Y.Map<Point> | undefined {
    const m = this.map.get(BOARD_LAYOUT.positions);
    return m instanceof Y.Map ? (m as Y.Map<Point>) : undefined;
  }
  get clusters(): Y.Map<Y.Map<unknown>> | undefined {
    const m = this.map.get(BOARD_LAYOUT.clusters);
    return m instanceof Y.Map ? (m as Y.Map<Y.Map<unknown>>) : undefined;
  }
  get membership(): Y.Map<string> | undefined {
    const m = this.map.get(BOARD_LAYOUT.membership);
    return m instanceof Y.Map ? (m as Y.Map<string>) : undefined;
  }
  get strokes(): Y.Array<Stroke> | undefined {
    const a = this.map.get(BOARD_LAYOUT.strokes);
    return a instanceof Y.Array ? (a as Y.Array<Stroke>) : undefined;
  }

  /** Creates the parts a layout made elsewhere may lack; not an edit anyone should undo. */
  ensure(): void {
    if (this.positions && this.clusters && this.membership && this.strokes) return;
    this.doc.transact(() => {
      for (const key of [BOARD_LAYOUT.positions, BOARD_LAYOUT.clusters, BOARD_LAYOUT.membership]) {
        if (!(this.map.get(key) instanceof Y.Map)) this.map.set(key, new Y.Map());
      }
      if (!(this.map.get(BOARD_LAYOUT.strokes) instanceof Y.Array)) this.map.set(BOARD_LAYOUT.strokes, new Y.Array());
    }, 'rs-board-setup');
  }

  transact(fn: () => void, origin: unknown = this.origin): void {
    this.doc.transact(fn, origin);
  }

  setPosition(note: string, p: Point): void {
    const positions = this.positions;
    if (!positions) return;
    const next = { x: round(p.x), y: round(p.y) };
    const before = positions.get(note);
    if (before && before.x === next.x && before.y === next.y) return;
    positions.set(note, next);
  }

  moveCluster(id: string, p: Point): void {
    const c = this.clusters?.get(id);
    if (!(c instanceof Y.Map)) return;
    const x = round(p.x);
    const y = round(p.y);
    if (c.get('x') !== x) c.set('x', x);
    if (c.get('y') !== y) c.set('y', y);
  }

  /** A new cluster at `at` holding `notes`; returns its id. Call inside transact(). */
  createCluster(name: string, at: Point, notes: readonly string[]): string {
    const id = newId('c-');
    const c = new Y.Map<unknown>();
    c.set('name', clusterName(name));
    c.set('x', round(at.x));
    c.set('y', round(at.y));
    this.clusters?.set(id, c);
    for (const n of notes) this.membership?.set(n, id);
    return id;
  }

  addToCluster(note: string, cluster: string): void {
    if (this.membership?.get(note) !== cluster) this.membership?.set(note, cluster);
  }

  removeFromCluster(note: string, at: Point | null): void {
    if (this.membership?.has(note)) this.membership.delete(note);
    if (at) this.setPosition(note, at);
  }

  rename(id: string, name: string): void {
    const c = this.clusters?.get(id);
    const next = clusterName(name);
    if (c instanceof Y.Map && c.get('name') !== next) c.set('name', next);
  }

  /** Every note of `from` goes into `into`; `from` is gone. */
  merge(from: string, into: string): void {
    if (from === into) return;
    for (const [note, cluster] of [...(this.membership?.entries() ?? [])]) {
      if (cluster === from) this.membership!.set(note, into);
    }
    this.clusters?.delete(from);
  }

  /** The cluster is gone; its notes keep the spots given (where they were shown). */
  dissolve(id: string, spots: ReadonlyMap<string, Point>): void {
    for (const [note, cluster] of [...(this.membership?.entries() ?? [])]) {
      if (cluster !== id) continue;
      this.membership!.delete(note);
      const at = spots.get(note);
      if (at) this.setPosition(note, at);
    }
    this.clusters?.delete(id);
  }

  /** Forget a deleted note's place. */
  forget(note: string): void {
    if (this.positions?.has(note)) this.positions.delete(note);
    if (this.membership?.has(note)) this.membership.delete(note);
  }

  addStroke(stroke: Stroke): void {
    this.strokes?.push([stroke]);
  }

  removeStroke(id: string): void {
    const strokes = this.strokes;
    if (!strokes) return;
    const i = strokes.toArray().findIndex((s) => s?.id === id);
    if (i >= 0) strokes.delete(i, 1);
  }

  clearStrokes(): void {
    const strokes = this.strokes;
    if (strokes && strokes.length > 0) strokes.delete(0, strokes.length);
  }
}
