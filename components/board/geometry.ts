// Board geometry in board coordinates: note and cluster sizes, zone columns, automatic spots, hit tests.
// Pure functions, no DOM, so the element and the measurement script agree on where things are; and the pan
// and zoom that map board coordinates to the viewport.

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

/** The pan and zoom: a board point p is drawn at (p.x * z + x, p.y * z + y) in the viewport. */
export interface View extends Point {
  z: number;
}

export interface Size {
  w: number;
  h: number;
}

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 3;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Zoom by `factor` keeping the viewport point (cx, cy) still. */
export function zoomAround(view: View, factor: number, cx: number, cy: number): View {
  const z = clamp(view.z * factor, MIN_ZOOM, MAX_ZOOM);
  const k = z / view.z;
  return { x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k, z };
}

/** The view that shows `r` whole and centred (or across the width from its top), or null without a viewport. */
export function fitView(size: Size, r: Rect, maxZoom: number, top = false): View | null {
  const { w, h } = size;
  if (w <= 0 || h <= 0) return null;
  const margin = 16;
  const z = clamp(Math.min((w - 2 * margin) / r.w, top ? Infinity : (h - 2 * margin) / r.h), MIN_ZOOM, maxZoom);
  return { z, x: (w - r.w * z) / 2 - r.x * z, y: top ? margin - r.y * z : (h - r.h * z) / 2 - r.y * z };
}

/** How far to pan so that `r` is in view with a small margin: just enough, not centred. */
export function panToShow(view: View, size: Size, r: Rect): Point {
  const { x, y, z } = view;
  const { w, h } = size;
  const m = 12;
  let dx = 0;
  let dy = 0;
  const left = r.x * z + x;
  const right = (r.x + r.w) * z + x;
  const top = r.y * z + y;
  const bottom = (r.y + r.h) * z + y;
  if (left < m) dx = m - left;
  else if (right > w - m) dx = w - m - right;
  if (top < m) dy = m - top;
  else if (bottom > h - m) dy = h - m - bottom;
  return { x: dx, y: dy };
}

/** A note at `p` lies far outside the view (more than a quarter of the viewport beyond its edges). */
export function farOff(view: View, size: Size, p: Point): boolean {
  const { x, y, z } = view;
  const { w, h } = size;
  const mx = w * 0.25;
  const my = h * 0.25;
  const sx = p.x * z + x;
  const sy = p.y * z + y;
  return w > 0 && (sx + NOTE_W * z < -mx || sx > w + mx || sy + NOTE_H * z < -my || sy > h + my);
}
