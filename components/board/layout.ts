// A board's layout as facilitators shape it together in the shared document: positions, clusters,
// membership and pen strokes (core/room-doc.ts BOARD_LAYOUT). Every write runs in one transaction with
// the caller's origin, so a Y.UndoManager that tracks that origin undoes exactly this facilitator's edits.
import * as Y from 'yjs';
import { BOARD_LAYOUT } from '../../core/room-doc.js';
import type { Point } from './geometry.js';

export interface Stroke {
  id: string;
  color: string;
  width: number;
  /** x0, y0, x1, y1, … in board coordinates. */
  points: number[];
}

export interface ClusterInfo extends Point {
  id: string;
  name: string;
}

/** Longest cluster name. */
export const CLUSTER_NAME_MAX = 80;

/** Ids that work outside secure contexts too (a facilitator on http://<LAN address>). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function clusterName(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const chars = [...t];
  return chars.length > CLUSTER_NAME_MAX ? `${chars.slice(0, CLUSTER_NAME_MAX - 1).join('')}…` : t || 'Gruppe';
}

const round = (n: number) => Math.round(n);

export class BoardLayout {
  constructor(
    readonly doc: Y.Doc,
    readonly map: Y.Map<unknown>,
    readonly origin: object,
  ) {}

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

  position(note: string): Point | undefined {
    const p = this.positions?.get(note);
    return p && Number.isFinite(p.x) && Number.isFinite(p.y) ? p : undefined;
  }

  cluster(id: string): ClusterInfo | undefined {
    const c = this.clusters?.get(id);
    if (!(c instanceof Y.Map)) return undefined;
    const x = Number(c.get('x'));
    const y = Number(c.get('y'));
    return { id, name: String(c.get('name') ?? 'Gruppe'), x: Number.isFinite(x) ? x : 0, y: Number.isFinite(y) ? y : 0 };
  }

  clusterList(): ClusterInfo[] {
    const out: ClusterInfo[] = [];
    for (const id of this.clusters?.keys() ?? []) {
      const c = this.cluster(id);
      if (c) out.push(c);
    }
    return out;
  }

  /** noteId → clusterId, only for clusters that exist. */
  memberships(): Map<string, string> {
    const out = new Map<string, string>();
    const clusters = this.clusters;
    for (const [note, cluster] of this.membership?.entries() ?? []) {
      if (typeof cluster === 'string' && clusters?.has(cluster)) out.set(note, cluster);
    }
    return out;
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
