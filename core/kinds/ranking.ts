// Ranking ("Prioritering"): every option placed once; Borda points and mean place.
import * as v from 'valibot';
import { OptionId, bump, invalid, unknownIn, labelOf, needOptions, rankedRows, shape, zeros } from './kind.js';
import type { ActivityBase, KindRules } from './kind.js';

export interface RankingDef extends ActivityBase {
  kind: 'ranking';
}
export interface RankingBallot {
  kind: 'ranking';
  order: string[];
}
export interface RankingTally {
  kind: 'ranking';
  ballots: number;
  /** Borda points: with n options the first place gives n − 1, the last 0. */
  borda: Record<string, number>;
  /** Sum of 1-based ranks; divided by ballots it is the mean rank. */
  rankSum: Record<string, number>;
}

const Schema = v.strictObject({ order: v.pipe(v.array(OptionId), v.maxLength(64)) });

/** More than this is not a ranking a person can do on a phone. */
export const MAX_RANKED = 12;

export const ranking: KindRules<RankingDef, RankingBallot, RankingTally> = {
  label: 'Prioritering',
  shape: '{"order":["<første>", "<anden>", …]}',
  takesOptions: true,
  parse: (base, markup) => {
    const options = needOptions(markup, base.id);
    if (options.length > MAX_RANKED) markup.fail(`aktiviteten "${base.id}" har for mange muligheder at prioritere (højst ${MAX_RANKED}).`);
    return { ...base, kind: 'ranking', options };
  },
  check: (def, raw) => {
    const b = shape(Schema, raw);
    if (!b) return null;
    const unknown = unknownIn(def, b.order);
    if (unknown) return unknown;
    if (new Set(b.order).size !== b.order.length || b.order.length !== def.options.length) {
      return invalid(`En prioritering skal ordne alle ${def.options.length} svarmuligheder præcis én gang.`);
    }
    return { ok: true, ballot: { kind: 'ranking', order: [...b.order] } };
  },
  emptyTally: (def) => ({ kind: 'ranking', ballots: 0, borda: zeros(def), rankSum: zeros(def) }),
  apply: (tally, ballot, sign) => {
    ballot.order.forEach((o, i) => {
      bump(tally.borda, o, sign * (ballot.order.length - 1 - i));
      bump(tally.rankSum, o, sign * (i + 1));
    });
  },
  rows: (def, tally) =>
    rankedRows(def, tally.borda)
      .map((r) => ({ ...r, meanRank: tally.ballots > 0 ? (tally.rankSum[r.id] ?? 0) / tally.ballots : 0 }))
      .sort((a, b) => b.count - a.count || a.meanRank - b.meanRank),
  describe: (def, ballot) => ballot.order.map((o, i) => `${i + 1}. ${labelOf(def, o)}`).join(', '),
  method: (def) => `Prioritering (Borda-point: 1. plads giver ${def.options.length - 1}, sidste plads 0)`,
  limits: () => ({}),
  table: { item: 'Svarmulighed', count: 'Borda-point', share: true, meanRank: true, unit: 'p', mean: false, motion: false },
};
