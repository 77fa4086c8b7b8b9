// A board's layout read back from the shared document, where any facilitator's client may have written any value: validated, clamped and capped.
import * as v from 'valibot';

/**
 * What a layout may hold. A facilitator's key is a shared secret among several people and their browser
 * extensions, so nothing in the layout is trusted: numbers must be finite and inside the board, strings are
 * short, and the number of entries is bounded so a huge layout cannot make an export slow or heavy.
 */
export const LAYOUT_LIMITS = {
  /** Largest |x| or |y| in board coordinates; three zones of notes are about 1,500 wide, so this is far out. */
  coordinate: 20_000,
  /** Note, cluster and stroke ids (server ids are UUIDs, board ids "c-" and 24 hex digits). */
  idLength: 64,
  /** Longest cluster name, as the board's own rename cuts it. */
  clusterName: 80,
  positions: 5_000,
  clusters: 500,
  membership: 5_000,
  strokes: 1_000,
  /** Numbers (x and y each count) in one stroke, and in all strokes of a board. */
  strokeNumbers: 4_000,
  totalStrokeNumbers: 200_000,
  minPenWidth: 1,
  maxPenWidth: 40,
} as const;

export const DEFAULT_CLUSTER_NAME = 'Gruppe';
export const DEFAULT_PEN_COLOR = '#14213d';
export const DEFAULT_PEN_WIDTH = 6;

export interface LayoutPoint {
  x: number;
  y: number;
}

export interface LayoutCluster {
  name: string;
  /** Where the board shows the cluster; null when it was missing or not a number. */
  x: number | null;
  y: number | null;
}

export interface LayoutStroke {
  id: string;
  /** "#rgb" or "#rrggbb": a colour can never carry markup or a url(). */
  color: string;
  width: number;
  /** x0, y0, x1, y1, … as finite numbers within the board. */
  points: number[];
}

export interface SafeBoardLayout {
  positions: Record<string, LayoutPoint>;
  clusters: Record<string, LayoutCluster>;
  /** noteId → clusterId, only for clusters in `clusters`. */
  membership: Record<string, string>;
  strokes: LayoutStroke[];
  /** Entries left out because they were not what a board writes (for logs and tests). */
  dropped: number;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

const Coordinate = v.pipe(
  v.number(),
  v.finite(),
  v.transform((n) => clamp(n, -LAYOUT_LIMITS.coordinate, LAYOUT_LIMITS.coordinate)),
);

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(LAYOUT_LIMITS.idLength));

/** Control characters and runs of white space become one space, so a name stays one line of text. */
function oneLine(text: string, max: number): string {
  const chars = [...text.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

const Position = v.object({ x: Coordinate, y: Coordinate });

const Cluster = v.object({
  // A name of the wrong kind keeps the cluster (its notes stay grouped) under the board's default name.
  name: v.fallback(
    v.pipe(
      v.string(),
      v.transform((s) => oneLine(s, LAYOUT_LIMITS.clusterName) || DEFAULT_CLUSTER_NAME),
    ),
    DEFAULT_CLUSTER_NAME,
  ),
  x: v.fallback(v.nullable(Coordinate), null),
  y: v.fallback(v.nullable(Coordinate), null),
});

const Stroke = v.object({
  id: v.fallback(Id, ''),
  color: v.fallback(v.pipe(v.string(), v.regex(/^#(?:[0-9a-f]{3}){1,2}$/i)), DEFAULT_PEN_COLOR),
  width: v.fallback(
    v.pipe(
      v.number(),
      v.finite(),
      v.transform((n) => clamp(n, LAYOUT_LIMITS.minPenWidth, LAYOUT_LIMITS.maxPenWidth)),
    ),
    DEFAULT_PEN_WIDTH,
  ),
  points: v.array(v.unknown()),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own entries with a usable id, at most `max` of them; the rest count as dropped. */
function entries(raw: unknown, max: number, count: { dropped: number }): [string, unknown][] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) {
    count.dropped++;
    return [];
  }
  const all = Object.entries(raw);
  const kept = all.slice(0, max).filter(([key]) => v.is(Id, key));
  count.dropped += all.length - kept.length;
  return kept;
}

/**
 * Pairs of finite numbers within the board; a pair with anything else in it is left out. The same rule as
 * Coordinate, checked by hand: a board may hold 200,000 of these, and a schema call each costs ten times more.
 */
function strokePoints(raw: readonly unknown[], budget: number): number[] {
  const out: number[] = [];
  const limit = Math.min(LAYOUT_LIMITS.strokeNumbers, budget);
  const max = LAYOUT_LIMITS.coordinate;
  for (let i = 0; i + 1 < raw.length && out.length + 2 <= limit; i += 2) {
    const x = raw[i];
    const y = raw[i + 1];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y))
      out.push(clamp(x, -max, max), clamp(y, -max, max));
  }
  return out;
}

/**
 * A board's layout map as plain data (`layout.toJSON()` of the Y.Map under DOC.layout/<board>, or
 * undefined), made safe: invalid entries are dropped or clamped one by one, so one bad value never costs
 * the rest of the board.
 */
export function readBoardLayout(raw: unknown): SafeBoardLayout {
  const count = { dropped: 0 };
  const layout = isRecord(raw) ? raw : {};
  if (raw !== undefined && !isRecord(raw)) count.dropped++;

  const positions: [string, LayoutPoint][] = [];
  for (const [id, value] of entries(layout.positions, LAYOUT_LIMITS.positions, count)) {
    const p = v.safeParse(Position, value);
    if (p.success) positions.push([id, { x: p.output.x, y: p.output.y }]);
    else count.dropped++;
  }

  const clusters: [string, LayoutCluster][] = [];
  for (const [id, value] of entries(layout.clusters, LAYOUT_LIMITS.clusters, count)) {
    const c = v.safeParse(Cluster, value);
    if (c.success) clusters.push([id, { name: c.output.name, x: c.output.x, y: c.output.y }]);
    else count.dropped++;
  }
  const clusterIds = new Set(clusters.map(([id]) => id));

  const membership: [string, string][] = [];
  for (const [note, cluster] of entries(layout.membership, LAYOUT_LIMITS.membership, count)) {
    if (typeof cluster === 'string' && clusterIds.has(cluster)) membership.push([note, cluster]);
    else count.dropped++;
  }

  const strokes: LayoutStroke[] = [];
  const rawStrokes = layout.strokes;
  if (rawStrokes !== undefined && !Array.isArray(rawStrokes)) count.dropped++;
  let budget: number = LAYOUT_LIMITS.totalStrokeNumbers;
  for (const value of Array.isArray(rawStrokes) ? rawStrokes.slice(0, LAYOUT_LIMITS.strokes) : []) {
    const s = v.safeParse(Stroke, value);
    const points = s.success ? strokePoints(s.output.points, budget) : [];
    if (!s.success || points.length < 2) {
      count.dropped++;
      continue;
    }
    budget -= points.length;
    strokes.push({ id: s.output.id, color: s.output.color, width: s.output.width, points });
  }
  if (Array.isArray(rawStrokes)) count.dropped += Math.max(0, rawStrokes.length - LAYOUT_LIMITS.strokes);

  // Object.fromEntries defines own properties, so an id like "__proto__" stays a plain key.
  return {
    positions: Object.fromEntries(positions),
    clusters: Object.fromEntries(clusters),
    membership: Object.fromEntries(membership),
    strokes,
    dropped: count.dropped,
  };
}
