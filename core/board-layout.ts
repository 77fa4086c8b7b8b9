// The one reader of a board's layout (DOC.layout/<board>) for server, board and export: whatever any facilitator's
// client wrote there comes out validated, clamped and capped, read whole (a snapshot) or entry by entry (live).
import * as v from 'valibot';
import { BOARD_LAYOUT } from './room-doc.js';

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

/** A cluster's name as the board writes it and every reader shows it: one line, cut to the limit, never empty. */
export function clusterName(text: string): string {
  return oneLine(text, LAYOUT_LIMITS.clusterName) || DEFAULT_CLUSTER_NAME;
}

const Position = v.object({ x: Coordinate, y: Coordinate });

const Cluster = v.object({
  // A name of the wrong kind keeps the cluster (its notes stay grouped) under the board's default name.
  name: v.fallback(v.pipe(v.string(), v.transform(clusterName)), DEFAULT_CLUSTER_NAME),
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

/**
 * A Y.Map of the shared document as the reader sees it. Core imports no Yjs: the live document and a plain
 * snapshot (`toJSON()`) are read by the same rules, through these few calls.
 */
interface SharedMap {
  get(key: string): unknown;
  entries(): IterableIterator<[string, unknown]>;
  toJSON(): unknown;
}

function isShared(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function isSharedMap(value: unknown): value is SharedMap {
  return isShared(value) && typeof (value as SharedMap).get === 'function' && typeof (value as SharedMap).entries === 'function';
}

/** A shared type as plain data; plain data as it is. */
function plain(value: unknown): unknown {
  return isShared(value) ? value.toJSON() : value;
}

/** One part of a layout (a Y.Map or a plain object); a shared part stays live. */
function field(layout: unknown, key: string): unknown {
  if (isSharedMap(layout)) return layout.get(key);
  return isRecord(layout) && Object.hasOwn(layout, key) ? layout[key] : undefined;
}

type Count = { dropped: number };

/** Own entries with a usable id, at most `max` of them; the rest count as dropped. */
function entries(raw: unknown, max: number, count: Count): [string, unknown][] {
  if (raw === undefined) return [];
  const all = isSharedMap(raw) ? [...raw.entries()] : isRecord(raw) ? Object.entries(raw) : null;
  if (!all) {
    count.dropped++;
    return [];
  }
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

/** A note's position, or undefined when it is not a pair of finite numbers. */
export function readPosition(raw: unknown): LayoutPoint | undefined {
  const p = v.safeParse(Position, plain(raw));
  return p.success ? { x: p.output.x, y: p.output.y } : undefined;
}

/** A cluster (a Y.Map or plain { name, x, y }), or undefined when it is not an object. */
export function readCluster(raw: unknown): LayoutCluster | undefined {
  const c = v.safeParse(Cluster, plain(raw));
  return c.success ? { name: c.output.name, x: c.output.x, y: c.output.y } : undefined;
}

/** The entries that read as a value; each that does not counts as dropped. */
function readEach<T>(raw: unknown, max: number, read: (value: unknown) => T | undefined, count: Count): [string, T][] {
  const out: [string, T][] = [];
  for (const [id, value] of entries(raw, max, count)) {
    const item = read(value);
    if (item) out.push([id, item]);
    else count.dropped++;
  }
  return out;
}

const readPositions = (raw: unknown, count: Count) => readEach(raw, LAYOUT_LIMITS.positions, readPosition, count);
const readClusters = (raw: unknown, count: Count) => readEach(raw, LAYOUT_LIMITS.clusters, readCluster, count);

/** noteId → clusterId, only for clusters that are read. */
function readMembership(raw: unknown, clusterIds: ReadonlySet<string>, count: Count): [string, string][] {
  const out: [string, string][] = [];
  for (const [note, cluster] of entries(raw, LAYOUT_LIMITS.membership, count)) {
    if (typeof cluster === 'string' && clusterIds.has(cluster)) out.push([note, cluster]);
    else count.dropped++;
  }
  return out;
}

function readStrokes(part: unknown, count: Count): LayoutStroke[] {
  const strokes: LayoutStroke[] = [];
  const raw = plain(part);
  if (raw !== undefined && !Array.isArray(raw)) count.dropped++;
  let budget: number = LAYOUT_LIMITS.totalStrokeNumbers;
  for (const value of Array.isArray(raw) ? raw.slice(0, LAYOUT_LIMITS.strokes) : []) {
    const s = v.safeParse(Stroke, value);
    const points = s.success ? strokePoints(s.output.points, budget) : [];
    if (!s.success || points.length < 2) {
      count.dropped++;
      continue;
    }
    budget -= points.length;
    strokes.push({ id: s.output.id, color: s.output.color, width: s.output.width, points });
  }
  if (Array.isArray(raw)) count.dropped += Math.max(0, raw.length - LAYOUT_LIMITS.strokes);
  return strokes;
}

/**
 * A board's layout map (the Y.Map under DOC.layout/<board>, its `toJSON()`, or undefined) as plain data,
 * made safe: invalid entries are dropped or clamped one by one, so one bad value never costs the rest of
 * the board.
 */
export function readBoardLayout(raw: unknown): SafeBoardLayout {
  const count = { dropped: 0 };
  if (raw !== undefined && !isSharedMap(raw) && !isRecord(raw)) count.dropped++;
  const clusters = readClusters(field(raw, BOARD_LAYOUT.clusters), count);
  const clusterIds = new Set(clusters.map(([id]) => id));
  // Object.fromEntries defines own properties, so an id like "__proto__" stays a plain key.
  return {
    positions: Object.fromEntries(readPositions(field(raw, BOARD_LAYOUT.positions), count)),
    clusters: Object.fromEntries(clusters),
    membership: Object.fromEntries(readMembership(field(raw, BOARD_LAYOUT.membership), clusterIds, count)),
    strokes: readStrokes(field(raw, BOARD_LAYOUT.strokes), count),
    dropped: count.dropped,
  };
}

/** A cluster as the board draws it: a place that was missing is the board's origin. */
export interface PlacedCluster extends LayoutPoint {
  id: string;
  name: string;
}

/**
 * The live layout, read a part at a time by the same rules as readBoardLayout: the board reads it on every
 * change, the server for every dot placed, so no call reads more of the layout than it answers.
 */
export class LayoutReader {
  /** `source`: the board's Y.Map in DOC.layout (anything else reads as an empty layout). */
  constructor(readonly source: unknown) {}

  /** A note's position placed by hand. One entry: the cap on the number of positions is the snapshot's. */
  position(note: string): LayoutPoint | undefined {
    const positions = field(this.source, BOARD_LAYOUT.positions);
    return isSharedMap(positions) ? readPosition(positions.get(note)) : readPosition(field(positions, note));
  }

  cluster(id: string): PlacedCluster | undefined {
    const clusters = field(this.source, BOARD_LAYOUT.clusters);
    const c = readCluster(isSharedMap(clusters) ? clusters.get(id) : field(clusters, id));
    return c && v.is(Id, id) ? { id, name: c.name, x: c.x ?? 0, y: c.y ?? 0 } : undefined;
  }

  clusterList(): PlacedCluster[] {
    return readClusters(field(this.source, BOARD_LAYOUT.clusters), { dropped: 0 }).map(([id, c]) => ({
      id,
      name: c.name,
      x: c.x ?? 0,
      y: c.y ?? 0,
    }));
  }

  /** noteId → clusterId, only for clusters that exist. */
  memberships(): Map<string, string> {
    const count = { dropped: 0 };
    const ids = new Set(readClusters(field(this.source, BOARD_LAYOUT.clusters), count).map(([id]) => id));
    return new Map(readMembership(field(this.source, BOARD_LAYOUT.membership), ids, count));
  }

  strokeList(): LayoutStroke[] {
    return readStrokes(field(this.source, BOARD_LAYOUT.strokes), { dropped: 0 });
  }
}
