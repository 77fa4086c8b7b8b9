// The facilitator's pen: perfect-freehand turns the points of a stroke into an outline drawn as one SVG path.
import { getStroke } from 'perfect-freehand';
import { msg } from '@lit/localize';
import { DEFAULT_PEN_COLOR, DEFAULT_PEN_WIDTH } from '../../core/board-layout.js';
import type { Stroke } from './layout.js';

/** A colour with a label read in the language chosen when the toolbar renders. */
const pen = (color: string, label: () => string) => ({
  color,
  get label() {
    return label();
  },
});

/** The pen's colours. */
export const PEN_COLORS: readonly { color: string; readonly label: string }[] = [
  pen(DEFAULT_PEN_COLOR, () => msg('Sort')),
  pen('#c0262d', () => msg('Rød')),
  pen('#0b5cad', () => msg('Blå')),
  pen('#1b7a3f', () => msg('Grøn')),
];
export const PEN_WIDTH = DEFAULT_PEN_WIDTH;

function average(a: number, b: number): number {
  return (a + b) / 2;
}

/** An outline polygon as a smooth closed SVG path (quadratic curves through the midpoints). */
export function outlinePath(outline: number[][]): string {
  const len = outline.length;
  if (len < 4) return '';
  const p = (i: number) => outline[i]!;
  let d = `M${p(0)[0]!.toFixed(1)},${p(0)[1]!.toFixed(1)} Q${p(1)[0]!.toFixed(1)},${p(1)[1]!.toFixed(1)} ${average(p(1)[0]!, p(2)[0]!).toFixed(1)},${average(p(1)[1]!, p(2)[1]!).toFixed(1)} T`;
  for (let i = 2; i < len - 1; i++) {
    d += `${average(p(i)[0]!, p(i + 1)[0]!).toFixed(1)},${average(p(i)[1]!, p(i + 1)[1]!).toFixed(1)} `;
  }
  return `${d}Z`;
}

/** Flat [x0, y0, x1, y1, …] to perfect-freehand's points. */
function pairs(flat: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

export function strokePath(points: readonly number[], width: number, last = true): string {
  const pts = pairs(points);
  if (pts.length === 0) return '';
  // A single click is a dot.
  if (pts.length === 1) pts.push([pts[0]![0]! + 0.5, pts[0]![1]! + 0.5]);
  const outline = getStroke(pts, { size: width, thinning: 0.55, smoothing: 0.5, streamline: 0.45, simulatePressure: true, last });
  return outlinePath(outline);
}

export function isStroke(v: unknown): v is Stroke {
  const s = v as Stroke | null;
  return !!s && typeof s === 'object' && typeof s.id === 'string' && Array.isArray(s.points) && typeof s.color === 'string';
}
