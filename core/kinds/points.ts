// Points ("Pointfordeling"): each participant spreads a budget of points across the options.
import * as v from 'valibot';
import { OptionId, bump, invalid, unknownIn, labelOf, needOptions, rankedRows, shape, zeros } from './kind.js';
import type { ActivityBase, KindRules } from './kind.js';

export interface PointsDef extends ActivityBase {
  kind: 'points';
  /** Points each participant spreads across the options. */
  budget: number;
}
export interface PointsBallot {
  kind: 'points';
  points: Record<string, number>;
}
export interface PointsTally {
  kind: 'points';
  ballots: number;
  points: Record<string, number>;
}

const Schema = v.strictObject({
  points: v.pipe(
    v.record(OptionId, v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000))),
    v.check((r) => Object.keys(r).length <= 64, 'For mange svarmuligheder.'),
  ),
});

export const points: KindRules<PointsDef, PointsBallot, PointsTally> = {
  label: 'Pointfordeling',
  shape: '{"points":{"<svarmulighed>":<point>, …}}',
  takesOptions: true,
  parse: (base, markup) => ({ ...base, kind: 'points', options: needOptions(markup, base.id), budget: markup.int('points', 10, 1, 1000) }),
  check: (def, raw) => {
    const b = shape(Schema, raw);
    if (!b) return null;
    const unknown = unknownIn(def, Object.keys(b.points));
    if (unknown) return unknown;
    const total = Object.values(b.points).reduce((a, n) => a + n, 0);
    if (total === 0) return invalid('Fordel mindst ét point.');
    if (total > def.budget) return invalid(`Du kan højst fordele ${def.budget} point (du fordelte ${total}).`);
    const given: Record<string, number> = {};
    for (const o of def.options) if (b.points[o.id]) given[o.id] = b.points[o.id]!;
    return { ok: true, ballot: { kind: 'points', points: given } };
  },
  emptyTally: (def) => ({ kind: 'points', ballots: 0, points: zeros(def) }),
  apply: (tally, ballot, sign) => {
    for (const [o, n] of Object.entries(ballot.points)) bump(tally.points, o, sign * n);
  },
  rows: (def, tally) => rankedRows(def, tally.points).sort((a, b) => b.count - a.count),
  describe: (def, ballot) =>
    Object.entries(ballot.points)
      .map(([o, n]) => `${labelOf(def, o)}: ${n}`)
      .join(', '),
  method: (def) => `Pointfordeling (${def.budget} point pr. deltager)`,
  limits: (def) => ({ budget: def.budget }),
  table: { item: 'Svarmulighed', count: 'Point', share: true, meanRank: false, unit: 'point', mean: false, motion: false },
};
