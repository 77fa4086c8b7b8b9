// Where a whiteboard draws its notes and groups, in board coordinates: note and group sizes, zone columns,
// automatic spots around the groups, and the whole placement of a board from its layout. Pure functions, no
// DOM, shared by the board (components/board/) and the export's picture, so the picture shows the room's board.

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  w: number;
  h: number;
}

// Sized for the back of the room: a note's text is drawn at NOTE_TEXT board px, and the board's fit never
// zooms out below the slide's body text for it (components/board/viewport.ts), so a note is narrow and tall.
export const NOTE_W = 220;
export const NOTE_H = 150;
export const NOTE_TEXT = 26;
export const GAP = 16;
export const ZONE_PAD = 20;
export const ZONE_HEAD = 64;
/**
 * A one-note-wide zone's heading room: its heading wraps (two lines of label, the count under them), and a
 * note placed at ZONE_HEAD would cover it.
 */
export const ZONE_HEAD_NARROW = 112;
export const ZONE_GAP = 24;
export const ZONE_MIN_H = 560;
export const CLUSTER_PAD = 14;
export const CLUSTER_HEAD = 60;

/** Notes per row in a zone's column: wide columns for one zone, one note wide for three or more. */
export function zoneColumns(zones: number): number {
  return Math.max(1, Math.round(4 / Math.max(1, zones)));
}

/** Where a zone's notes start, below its heading: lower in a zone one note wide, whose heading wraps. */
export function zoneHead(cols: number): number {
  return cols === 1 ? ZONE_HEAD_NARROW : ZONE_HEAD;
}

export function zoneWidth(cols: number): number {
  return ZONE_PAD * 2 + cols * NOTE_W + (cols - 1) * GAP;
}

/** The column of zone `index` tall enough for `count` notes in automatic spots. */
export function zoneRect(index: number, cols: number, count: number): Rect {
  const w = zoneWidth(cols);
  const rows = Math.ceil(count / cols);
  const h = Math.max(ZONE_MIN_H, zoneHead(cols) + rows * (NOTE_H + GAP) + ZONE_PAD);
  return { x: index * (w + ZONE_GAP), y: 0, w, h };
}

/** The k-th automatic spot (0-based) in zone `index`'s column. */
export function autoSpot(index: number, cols: number, k: number): Point {
  const x0 = index * (zoneWidth(cols) + ZONE_GAP) + ZONE_PAD;
  return { x: x0 + (k % cols) * (NOTE_W + GAP), y: zoneHead(cols) + Math.floor(k / cols) * (NOTE_H + GAP) };
}

/** Notes per row in a group of n, never wider than its zone's `max` columns. */
export function clusterColumns(n: number, max = 4): number {
  const cols = n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
  return Math.max(1, Math.min(cols, max));
}

/** A cluster's frame: a header with its name, then its notes in a grid at most `max` notes wide. */
export function clusterRect(at: Point, n: number, max = 4): Rect {
  const cols = clusterColumns(n, max);
  const rows = Math.max(1, Math.ceil(n / cols));
  return {
    x: at.x,
    y: at.y,
    w: CLUSTER_PAD * 2 + cols * NOTE_W + (cols - 1) * GAP,
    h: CLUSTER_HEAD + rows * NOTE_H + (rows - 1) * GAP + CLUSTER_PAD,
  };
}

/** Where the i-th of n notes in a cluster at `at` sits. */
export function memberSpot(at: Point, i: number, n: number, max = 4): Point {
  const cols = clusterColumns(n, max);
  return {
    x: at.x + CLUSTER_PAD + (i % cols) * (NOTE_W + GAP),
    y: at.y + CLUSTER_HEAD + Math.floor(i / cols) * (NOTE_H + GAP),
  };
}

export function noteRect(at: Point): Rect {
  return { x: at.x, y: at.y, w: NOTE_W, h: NOTE_H };
}

export function union(rects: Iterable<Rect>): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.w);
    y1 = Math.max(y1, r.y + r.h);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

const meets = (a: Rect, b: Rect, m: number) => a.x < b.x + b.w + m && a.x + a.w + m > b.x && a.y < b.y + b.h + m && a.y + a.h + m > b.y;

/** A group where its facilitator put it, with its number of notes. */
export interface GroupCorner extends Point {
  id: string;
  n: number;
}

/**
 * The groups' frames as drawn: each inside the zone column its centre falls in (moved sideways into it, and
 * below the zone's heading), and pushed down below any group it would overlap, taken from the top. `fixed`
 * (a group being dragged) stays where it is held, and the others make room around it.
 */
export function settleClusters(
  groups: readonly GroupCorner[],
  zones: number,
  cols: number,
  fixed?: { id: string; at: Point },
): Map<string, Rect> {
  const zw = zoneWidth(cols);
  const inset = ZONE_PAD - CLUSTER_PAD;
  const frames = new Map<string, Rect>();
  const done: Rect[] = [];
  const held = fixed && groups.find((g) => g.id === fixed.id);
  if (held && fixed) {
    const r = clusterRect(fixed.at, held.n, cols);
    frames.set(held.id, r);
    done.push(r);
  }
  const order = groups.filter((g) => g !== held).sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const g of order) {
    const r = clusterRect(g, g.n, cols);
    const zi = Math.min(Math.max(0, Math.floor((r.x + r.w / 2) / (zw + ZONE_GAP))), Math.max(0, zones - 1));
    const zx = zi * (zw + ZONE_GAP);
    r.x = Math.max(zx + inset, Math.min(r.x, zx + zw - inset - r.w));
    r.y = Math.max(r.y, zoneHead(cols));
    for (let k = 0; k < 1000; k++) {
      const hit = done.find((d) => meets(r, d, GAP / 2));
      if (!hit) break;
      r.y = hit.y + hit.h + GAP;
    }
    frames.set(g.id, r);
    done.push(r);
  }
  return frames;
}

/** The automatic spots a zone's column needs to be tall enough for the groups in it too. */
export function slotsWithGroups(slots: readonly number[], frames: Iterable<Rect>, cols: number): number[] {
  const out = [...slots];
  const zw = zoneWidth(cols);
  for (const f of frames) {
    const zi = Math.floor((f.x + f.w / 2) / (zw + ZONE_GAP));
    if (zi < 0 || zi >= out.length) continue;
    const rows = Math.ceil((f.y + f.h + ZONE_PAD - zoneHead(cols) - ZONE_PAD) / (NOTE_H + GAP));
    out[zi] = Math.max(out[zi] ?? 0, rows * cols);
  }
  return out;
}

/** A note outside any group, with the index of its zone. */
export interface FreeNote {
  id: string;
  zone: number;
}

/**
 * Automatic spots: the notes of a zone fill its column in board order. A note keeps its spot when it
 * is moved elsewhere (a hole, so nothing slides in under a nudged note); notes in clusters give
 * theirs up (leave them out of `notes`), and the column flows around the groups' frames (`obstacles`),
 * so a group never hides a note. `slots` is the number of spots used in each zone's column.
 */
export function autoSpots(
  notes: readonly FreeNote[],
  zones: number,
  cols: number,
  obstacles: readonly Rect[],
): { spots: Map<string, Point>; slots: number[] } {
  const half = GAP / 2;
  const blocked = (r: Rect) =>
    obstacles.some((o) => r.x < o.x + o.w + half && r.x + r.w + half > o.x && r.y < o.y + o.h + half && r.y + r.h + half > o.y);
  const next: number[] = Array.from({ length: zones }, () => 0);
  const spots = new Map<string, Point>();
  for (const n of notes) {
    const zi = n.zone;
    let k = next[zi] ?? 0;
    let spot = autoSpot(zi, cols, k);
    while (obstacles.length > 0 && k < 5000 && blocked(noteRect(spot))) spot = autoSpot(zi, cols, ++k);
    // Kept for placed notes too: their spot is theirs again if the position goes (undo).
    spots.set(n.id, spot);
    next[zi] = k + 1;
  }
  return { spots, slots: next };
}

export interface BoardPlacementInput {
  /** The board's zones, in deck order. */
  zones: readonly string[];
  /** Every note the board holds, in board order (oldest first). */
  notes: readonly { id: string; zone: string }[];
  /** The groups and their corners. */
  clusters: readonly { id: string; x: number; y: number }[];
  /** noteId → clusterId. */
  membership: ReadonlyMap<string, string>;
  /** Notes placed by hand. */
  positions: Readonly<Record<string, Point>>;
}

export interface BoardPlacement {
  cols: number;
  /** Where each note is drawn (its top left corner). */
  notes: Map<string, Point>;
  /** Each group's frame. */
  clusters: Map<string, Rect>;
  /** The zone columns, each tall enough for its automatic spots. */
  zones: Rect[];
}

/** The whole board as the board draws it when nothing is held: notes in their group, where placed, or in their spot. */
export function placeBoard(input: BoardPlacementInput): BoardPlacement {
  const zoneIndex = new Map(input.zones.map((z, i) => [z, i]));
  const cols = zoneColumns(input.zones.length);
  const members = new Map<string, string[]>(input.clusters.map((c) => [c.id, []]));
  const memberIndex = new Map<string, number>();
  const clusterOf = new Map<string, string>();
  for (const n of input.notes) {
    const c = input.membership.get(n.id);
    const list = c ? members.get(c) : undefined;
    if (!c || !list) continue;
    clusterOf.set(n.id, c);
    memberIndex.set(n.id, list.length);
    list.push(n.id);
  }
  const clusters = settleClusters(
    input.clusters.map((c) => ({ id: c.id, x: c.x, y: c.y, n: members.get(c.id)!.length })),
    input.zones.length,
    cols,
  );
  const free = input.notes.filter((n) => !clusterOf.has(n.id)).map((n) => ({ id: n.id, zone: zoneIndex.get(n.zone) ?? 0 }));
  const { spots, slots } = autoSpots(free, input.zones.length, cols, [...clusters.values()]);
  const notes = new Map<string, Point>();
  for (const n of input.notes) {
    const c = clusterOf.get(n.id);
    const frame = c ? clusters.get(c) : undefined;
    if (c && frame) notes.set(n.id, memberSpot(frame, memberIndex.get(n.id) ?? 0, members.get(c)!.length, cols));
    else notes.set(n.id, input.positions[n.id] ?? spots.get(n.id) ?? { x: 0, y: 0 });
  }
  const tall = slotsWithGroups(slots, clusters.values(), cols);
  return { cols, notes, clusters, zones: tall.map((k, i) => zoneRect(i, cols, k)) };
}
