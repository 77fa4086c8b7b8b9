// Small shared pieces for the unit tests: a seeded PRNG, activity definitions of every kind, and a whiteboard.
import type {
  ActivityDef,
  MotionDef,
  MultiChoiceDef,
  OptionDef,
  PointsDef,
  RankingDef,
  ScaleDef,
  SingleChoiceDef,
  TextDef,
} from '../../core/activity.js';
import { MOTION_OPTIONS } from '../../core/activity.js';
import type { BoardDef } from '../../core/board.js';

/** mulberry32: a tiny, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randInt(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

export function shuffle<T>(rng: () => number, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const base = { prompt: 'Spørgsmål?', slide: 1, slideTitle: 'Slide' };

export const fruitOptions: OptionDef[] = [
  { id: 'aeble', label: 'Æble' },
  { id: 'banan', label: 'Banan' },
  { id: 'citron', label: 'Citron' },
  { id: 'dadel', label: 'Dadel' },
];

export const single: SingleChoiceDef = { ...base, id: 'enkelt', kind: 'single', options: fruitOptions.slice(0, 3) };
export const multi: MultiChoiceDef = { ...base, id: 'flere', kind: 'multi', options: fruitOptions, maxChoices: 2 };
export const ranking: RankingDef = { ...base, id: 'prioritet', kind: 'ranking', options: fruitOptions };
export const points: PointsDef = { ...base, id: 'point', kind: 'points', options: fruitOptions.slice(0, 3), budget: 10 };
export const scale: ScaleDef = {
  ...base,
  id: 'skala',
  kind: 'scale',
  min: 1,
  max: 5,
  minLabel: 'Lavt',
  maxLabel: 'Højt',
  options: [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: String(n) })),
};
export const text: TextDef = { ...base, id: 'ord', kind: 'text', options: [], maxLength: 20 };
export const motion: MotionDef = { ...base, id: 'indstilling', kind: 'motion', options: MOTION_OPTIONS.map((o) => ({ ...o })) };

export const ALL_DEFS: ActivityDef[] = [single, multi, ranking, points, scale, text, motion];

/** A whiteboard with two zones, problems and possibilities; a test changes what it is about. */
export function boardDef(changes: Partial<BoardDef> = {}): BoardDef {
  return {
    id: 'tavle',
    prompt: 'Problemer og muligheder',
    slide: 1,
    slideTitle: 'Tavle',
    zones: [
      { id: 'p', label: 'Problemer' },
      { id: 'm', label: 'Muligheder' },
    ],
    dots: 3,
    maxLength: 140,
    approval: false,
    ...changes,
  };
}
