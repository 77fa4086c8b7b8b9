// Board geometry in board coordinates: hit tests and duplicates, and the pan and zoom that map board coordinates
// to the viewport. Sizes, zone columns and spots are core's (core/board-geometry.ts), shared with the export's
// picture; pure functions, no DOM, so the element and the measurement script agree on where things are.
import { NOTE_H, NOTE_W, type Point, type Rect } from '../../core/board-geometry.js';

export {
  CLUSTER_HEAD,
  CLUSTER_PAD,
  GAP,
  NOTE_H,
  NOTE_TEXT,
  NOTE_W,
  ZONE_GAP,
  ZONE_HEAD,
  ZONE_MIN_H,
  ZONE_PAD,
  autoSpot,
  clusterColumns,
  clusterRect,
  memberSpot,
  noteRect,
  union,
  zoneColumns,
  zoneHead,
  zoneRect,
  zoneWidth,
  type Point,
  type Rect,
} from '../../core/board-geometry.js';

export function contains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
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

/**
 * The view that shows `r` whole and centred (or across the width from its top), or null without a viewport.
 * It never zooms out below `minZoom` (readable text): what does not fit then starts at the left, to pan to.
 * `fromTop` shows `r` whole but at the top rather than centred up and down.
 */
export function fitView(size: Size, r: Rect, maxZoom: number, top = false, minZoom = MIN_ZOOM, fromTop = top): View | null {
  const { w, h } = size;
  if (w <= 0 || h <= 0) return null;
  const margin = 16;
  const fit = clamp(Math.min((w - 2 * margin) / r.w, top ? Infinity : (h - 2 * margin) / r.h), MIN_ZOOM, maxZoom);
  const z = Math.max(fit, Math.min(minZoom, MAX_ZOOM));
  const x = r.w * z > w - 2 * margin ? margin - r.x * z : (w - r.w * z) / 2 - r.x * z;
  const y = fromTop || r.h * z > h - 2 * margin ? margin - r.y * z : (h - r.h * z) / 2 - r.y * z;
  return { z, x, y };
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
