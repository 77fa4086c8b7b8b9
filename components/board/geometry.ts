// Board geometry in board coordinates: note and cluster sizes, zone columns, automatic spots, hit tests.
// Pure functions, no DOM, so the element and the measurement script agree on where things are.

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  w: number;
  h: number;
}

export const NOTE_W = 200;
export const NOTE_H = 124;
export const GAP = 16;
export const ZONE_PAD = 20;
export const ZONE_HEAD = 64;
export const ZONE_GAP = 40;
export const ZONE_MIN_H = 560;
export const CLUSTER_PAD = 14;
export const CLUSTER_HEAD = 52;

/** Notes per row in a zone's column: wide columns for one zone, narrower for many. */
export function zoneColumns(zones: number): number {
  return Math.max(2, Math.round(6 / Math.max(1, zones)));
}

export function zoneWidth(cols: number): number {
  return ZONE_PAD * 2 + cols * NOTE_W + (cols - 1) * GAP;
}

/** The column of zone `index` tall enough for `count` notes in automatic spots. */
export function zoneRect(index: number, cols: number, count: number): Rect {
  const w = zoneWidth(cols);
  const rows = Math.ceil(count / cols);
  const h = Math.max(ZONE_MIN_H, ZONE_HEAD + rows * (NOTE_H + GAP) + ZONE_PAD);
  return { x: index * (w + ZONE_GAP), y: 0, w, h };
}

/** The k-th automatic spot (0-based) in zone `index`'s column. */
export function autoSpot(index: number, cols: number, k: number): Point {
  const x0 = index * (zoneWidth(cols) + ZONE_GAP) + ZONE_PAD;
  return { x: x0 + (k % cols) * (NOTE_W + GAP), y: ZONE_HEAD + Math.floor(k / cols) * (NOTE_H + GAP) };
}

export function clusterColumns(n: number): number {
  if (n <= 1) return 1;
  if (n <= 4) return 2;
  if (n <= 9) return 3;
  return 4;
}

/** A cluster's frame: a header with its name, then its notes in a grid. */
export function clusterRect(at: Point, n: number): Rect {
  const cols = clusterColumns(n);
  const rows = Math.max(1, Math.ceil(n / cols));
  return {
    x: at.x,
    y: at.y,
    w: CLUSTER_PAD * 2 + cols * NOTE_W + (cols - 1) * GAP,
    h: CLUSTER_HEAD + rows * NOTE_H + (rows - 1) * GAP + CLUSTER_PAD,
  };
}

/** Where the i-th of n notes in a cluster at `at` sits. */
export function memberSpot(at: Point, i: number, n: number): Point {
  const cols = clusterColumns(n);
  return {
    x: at.x + CLUSTER_PAD + (i % cols) * (NOTE_W + GAP),
    y: at.y + CLUSTER_HEAD + Math.floor(i / cols) * (NOTE_H + GAP),
  };
}

export function noteRect(at: Point): Rect {
  return { x: at.x, y: at.y, w: NOTE_W, h: NOTE_H };
}

export function contains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
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

/** A key for spotting duplicate notes: case, punctuation and spacing do not matter. */
export function duplicateKey(text: string): string {
  return text
    .toLocaleLowerCase('da')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
