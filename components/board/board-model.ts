// The whiteboard's model: which notes and clusters a board shows, where each is drawn, what a point hits, the
// duplicates and the table's rows. Pure functions of the shared state, no DOM and no Lit, so every facilitator's
// board computes the same spots from the same state, and the unit tests check it without a browser.
import type { BoardDef, Note } from '../../core/board.js';
import type { PlacedCluster } from '../../core/board-layout.js';
import { autoSpots, settleClusters, slotsWithGroups } from '../../core/board-geometry.js';
import {
  clusterRect,
  contains,
  duplicateKey,
  memberSpot,
  noteRect,
  union,
  zoneHead,
  zoneColumns,
  zoneRect,
  type Point,
  type Rect,
} from './geometry.js';

/** A note or a cluster: what a click selects and a drag drops onto. */
export type Target = { kind: 'note' | 'cluster'; id: string } | null;

export interface Model {
  notes: Note[];
  byId: Map<string, Note>;
  cols: number;
  zoneIndex: Map<string, number>;
  zoneCounts: number[];
  /** Automatic spots used in each zone's column (its height). */
  zoneSlots: number[];
  auto: Map<string, Point>;
  /** Each group's frame as drawn (inside its zone, apart from the others), set by placeAuto. */
  frames: Map<string, Rect>;
  /** In Danish alphabetical order of their names. */
  clusters: PlacedCluster[];
  clusterOf: Map<string, string>;
  /** clusterId → its notes in board order */
  members: Map<string, string[]>;
  memberIndex: Map<string, number>;
  duplicates: string[][];
  dupIds: Set<string>;
}

export const EMPTY_MODEL: Model = {
  notes: [],
  byId: new Map(),
  cols: 3,
  zoneIndex: new Map(),
  zoneCounts: [],
  zoneSlots: [],
  auto: new Map(),
  frames: new Map(),
  clusters: [],
  clusterOf: new Map(),
  members: new Map(),
  memberIndex: new Map(),
  duplicates: [],
  dupIds: new Set(),
};

const collator = new Intl.Collator('da');

/**
 * The board's notes (in board order), clusters and membership as the layout holds them. Automatic spots
 * are left empty: placeAuto fills them, since they depend on where the clusters are drawn.
 */
export function buildModel(
  def: BoardDef,
  notes: Note[],
  clusterList: readonly PlacedCluster[],
  memberships: ReadonlyMap<string, string>,
): Model {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const zoneIndex = new Map(def.zones.map((z, i) => [z.id, i]));
  const zoneCounts = def.zones.map(() => 0);
  for (const n of notes) {
    const zi = zoneIndex.get(n.zone) ?? 0;
    zoneCounts[zi] = zoneCounts[zi]! + 1;
  }
  const clusters = [...clusterList].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  const clusterOf = new Map<string, string>();
  const members = new Map<string, string[]>(clusters.map((c) => [c.id, []]));
  const memberIndex = new Map<string, number>();
  for (const n of notes) {
    const c = memberships.get(n.id);
    const list = c ? members.get(c) : undefined;
    if (!c || !list) continue;
    clusterOf.set(n.id, c);
    memberIndex.set(n.id, list.length);
    list.push(n.id);
  }
  const { duplicates, dupIds } = findDuplicates(notes, clusterOf);
  return {
    notes,
    byId,
    cols: zoneColumns(def.zones.length),
    zoneIndex,
    zoneCounts,
    zoneSlots: def.zones.map(() => 0),
    auto: new Map(),
    frames: new Map(),
    clusters,
    clusterOf,
    members,
    memberIndex,
    duplicates,
    dupIds,
  };
}

/** Visible notes with the same text (duplicateKey) that are not already together in one cluster. */
function findDuplicates(notes: readonly Note[], clusterOf: ReadonlyMap<string, string>) {
  const groups = new Map<string, string[]>();
  for (const n of notes) {
    if (n.status !== 'visible') continue;
    const key = duplicateKey(n.text);
    if (!key) continue;
    const g = groups.get(key);
    if (g) g.push(n.id);
    else groups.set(key, [n.id]);
  }
  const duplicates: string[][] = [];
  const dupIds = new Set<string>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const first = clusterOf.get(g[0]!);
    if (first && g.every((id) => clusterOf.get(id) === first)) continue;
    duplicates.push(g);
    for (const id of g) dupIds.add(id);
  }
  return { duplicates, dupIds };
}

/** Where the layout puts things, and what a pointer holds now (drawn where it is held, not where it was). */
export interface Whereabouts {
  /** A note placed by hand. */
  position(note: string): Point | undefined;
  /** A cluster's corner. */
  cluster(id: string): Point | undefined;
  held: { kind: 'note' | 'cluster'; id: string; pos: Point } | null;
}

export function clusterPos(w: Whereabouts, id: string): Point {
  const h = w.held;
  if (h?.kind === 'cluster' && h.id === id) return h.pos;
  const c = w.cluster(id);
  return c ? { x: c.x, y: c.y } : { x: 0, y: 0 };
}

export function clusterBox(m: Model, w: Whereabouts, id: string): Rect {
  const h = w.held;
  const settled = h?.kind === 'cluster' && h.id === id ? undefined : m.frames.get(id);
  return settled ? { ...settled } : clusterRect(clusterPos(w, id), m.members.get(id)?.length ?? 0, m.cols);
}

/** Where a note is drawn now: in its cluster, at its stored position, or at its automatic spot. */
export function notePos(m: Model, w: Whereabouts, id: string): Point {
  const h = w.held;
  if (h?.kind === 'note' && h.id === id) return h.pos;
  const c = m.clusterOf.get(id);
  if (c) return memberSpot(clusterBox(m, w, c), m.memberIndex.get(id) ?? 0, m.members.get(c)?.length ?? 1, m.cols);
  return w.position(id) ?? m.auto.get(id) ?? { x: 0, y: 0 };
}

/**
 * Automatic spots, by core's rule (core/board-geometry.ts, which the export's picture follows too): the notes
 * of a zone fill its column in board order, notes in clusters give theirs up, and the column flows around
 * the clusters as they are drawn now, so a cluster never hides a note.
 */
export function placeAuto(m: Model, w: Whereabouts): void {
  const held = w.held?.kind === 'cluster' ? { id: w.held.id, at: w.held.pos } : undefined;
  const groups = m.clusters.map((c) => ({ id: c.id, ...clusterPos(w, c.id), n: m.members.get(c.id)?.length ?? 0 }));
  m.frames = settleClusters(groups, m.zoneSlots.length, m.cols, held);
  const obstacles = [...m.frames.values()];
  const free = m.notes.filter((n) => !m.clusterOf.has(n.id)).map((n) => ({ id: n.id, zone: m.zoneIndex.get(n.zone) ?? 0 }));
  const { spots, slots } = autoSpots(free, m.zoneSlots.length, m.cols, obstacles);
  m.auto.clear();
  for (const [id, spot] of spots) m.auto.set(id, spot);
  m.zoneSlots = slotsWithGroups(slots, m.frames.values(), m.cols);
}

/** The zone columns, each tall enough for its automatic spots. */
export function zoneRects(m: Model): Rect[] {
  return m.zoneSlots.map((slots, i) => zoneRect(i, m.cols, slots));
}

/** The topmost note under `p` (the last drawn), else a cluster; `exclude…` is what is being dragged. */
export function hitTest(m: Model, w: Whereabouts, p: Point, excludeNote: string | null, excludeCluster: string | null): Target {
  for (let i = m.notes.length - 1; i >= 0; i--) {
    const n = m.notes[i]!;
    if (n.id === excludeNote) continue;
    if (excludeCluster && m.clusterOf.get(n.id) === excludeCluster) continue;
    if (contains(noteRect(notePos(m, w, n.id)), p)) return { kind: 'note', id: n.id };
  }
  for (const c of m.clusters) {
    if (c.id === excludeCluster) continue;
    if (contains(clusterBox(m, w, c.id), p)) return { kind: 'cluster', id: c.id };
  }
  return null;
}

/** What a dragged thing would drop onto: a cluster merges into another cluster only, so a note stands for its cluster. */
export function dropTarget(m: Model, w: Whereabouts, kind: 'note' | 'cluster', id: string, at: Point): Target {
  if (kind === 'note') return hitTest(m, w, at, id, null);
  const t = hitTest(m, w, at, null, id);
  if (t?.kind !== 'note') return t;
  const c = m.clusterOf.get(t.id);
  return c ? { kind: 'cluster', id: c } : null;
}

/** A cluster's dots: its own and those on its visible notes. */
export function clusterDots(m: Model, id: string, dots: Readonly<Record<string, number>>): number {
  let total = dots[id] ?? 0;
  for (const n of m.members.get(id) ?? []) {
    if (m.byId.get(n)?.status === 'visible') total += dots[n] ?? 0;
  }
  return total;
}

/** A cluster that `leaving` leaves empty goes, unless it carries dots of its own. */
export function emptiedBy(m: Model, cluster: string, leaving: string, dots: Readonly<Record<string, number>>): boolean {
  const rest = (m.members.get(cluster) ?? []).filter((n) => n !== leaving);
  return rest.length === 0 && (dots[cluster] ?? 0) === 0;
}

/** For each group of duplicates, the cluster it gathers into: the one most of them are in already, or a new one. */
export function duplicateHomes(m: Model): { notes: string[]; into: string | null }[] {
  return m.duplicates.map((group) => {
    const counts = new Map<string, number>();
    for (const id of group) {
      const c = m.clusterOf.get(id);
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    return { notes: group, into: [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null };
  });
}

/**
 * What the room must see of the board: the zones' headings, the notes outside clusters, the clusters and the
 * strokes — not the empty foot of a zone's column, which is drawn taller than its notes.
 */
export function boardExtent(m: Model, w: Whereabouts, strokes: readonly { points: readonly number[] }[]): Rect | null {
  const heads = zoneRects(m).map((z) => ({ ...z, h: zoneHead(m.cols) }));
  return union([...heads, ...contentRects(m, w, strokes)]);
}

/** Everything on the board (zones, notes outside clusters, clusters and strokes), for "fit all". */
export function boardBounds(m: Model, w: Whereabouts, strokes: readonly { points: readonly number[] }[]): Rect | null {
  return union([...zoneRects(m), ...contentRects(m, w, strokes)]);
}

function contentRects(m: Model, w: Whereabouts, strokes: readonly { points: readonly number[] }[]): Rect[] {
  const rects: Rect[] = [];
  for (const n of m.notes) if (!m.clusterOf.has(n.id)) rects.push(noteRect(notePos(m, w, n.id)));
  for (const c of m.clusters) rects.push(clusterBox(m, w, c.id));
  for (const s of strokes) {
    if (s.points.length < 2) continue;
    const xs = s.points.filter((_, i) => i % 2 === 0);
    const ys = s.points.filter((_, i) => i % 2 === 1);
    rects.push({ x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) });
  }
  return rects;
}

/** The table view's rows: by zone, then group, then text. */
export function tableRows(m: Model): { n: Note; zone: number; group: string }[] {
  const clusterName = new Map(m.clusters.map((c) => [c.id, c.name]));
  return m.notes
    .map((n) => ({ n, zone: m.zoneIndex.get(n.zone) ?? 0, group: clusterName.get(m.clusterOf.get(n.id) ?? '') ?? '' }))
    .sort((a, b) => a.zone - b.zone || collator.compare(a.group, b.group) || collator.compare(a.n.text, b.n.text));
}
