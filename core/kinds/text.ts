// Free text ("Fritekst"): short answers, equal ones counted together, hidden ones left out, words for a cloud.
import * as v from 'valibot';
import { normaliseText, textKey } from '../text.js';
import { invalid, shape, type ActivityBase, type KindRules } from './kind.js';

export interface TextDef extends ActivityBase {
  kind: 'text';
  maxLength: number;
}
export interface TextBallot {
  kind: 'text';
  text: string;
}
export interface TextEntry {
  /** The spelling shown: the one most answers used. */
  text: string;
  count: number;
  /** Counts per spelling, so the shown one can follow when answers change; kept on the server only. */
  spellings?: Record<string, number>;
}
export interface TextTally {
  kind: 'text';
  ballots: number;
  /** Entries by their normalised text, so equal answers are one entry with a count. */
  entries: Record<string, TextEntry>;
}

const Schema = v.strictObject({ text: v.pipe(v.string(), v.maxLength(2000)) });

export const text: KindRules<TextDef, TextBallot, TextTally> = {
  label: 'Fritekst',
  shape: '{"text":"<dit svar>"}',
  takesOptions: false,
  parse: (base, markup) => ({ ...base, kind: 'text', options: [], maxLength: markup.int('max-length', 140, 10, 1000) }),
  check: (def, raw) => {
    const b = shape(Schema, raw);
    if (!b) return null;
    const answer = normaliseText(b.text);
    if (answer.length === 0) return invalid('Skriv et svar, før du sender.');
    if (answer.length > def.maxLength) return invalid(`Svaret må højst være ${def.maxLength} tegn (det er ${answer.length}).`);
    return { ok: true, ballot: { kind: 'text', text: answer } };
  },
  emptyTally: () => ({ kind: 'text', ballots: 0, entries: {} }),
  apply: (tally, ballot, sign) => {
    const key = textKey(ballot.text);
    const entry = tally.entries[key] ?? { text: ballot.text, count: 0, spellings: {} };
    entry.count += sign;
    if (entry.count <= 0) {
      delete tally.entries[key];
      return;
    }
    entry.spellings ??= { [entry.text]: entry.count - sign };
    const spellings = entry.spellings;
    spellings[ballot.text] = (spellings[ballot.text] ?? 0) + sign;
    if (spellings[ballot.text]! <= 0) delete spellings[ballot.text];
    entry.text = commonestSpelling(spellings, entry.text);
    tally.entries[key] = entry;
  },
  rows: (_def, tally, hidden) =>
    Object.entries(tally.entries)
      .filter(([key]) => !hidden.includes(key))
      .map(([key, e]) => ({ id: key, label: e.text, count: e.count, share: tally.ballots > 0 ? e.count / tally.ballots : 0 }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'da')),
  // Danish quotation marks: „…“.
  describe: (_def, ballot) => `„${ballot.text}“`,
  method: () => 'Fritekst',
  limits: (def) => ({ maxLength: def.maxLength }),
  table: { item: 'Svar', count: 'Antal', share: false, meanRank: false, unit: '', mean: false, motion: false },
};

const STOP_WORDS = new Set(
  'og i at det en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan'.split(
    ' ',
  ),
);

/**
 * The spelling most answers used. On a tie the one shown stays (the first seen); when its last answer
 * is withdrawn, a tie among the rest goes to the first in code-unit order.
 */
function commonestSpelling(spellings: Record<string, number>, current: string): string {
  let best = current in spellings ? current : '';
  let bestCount = spellings[current] ?? -1;
  for (const [text, n] of Object.entries(spellings)) {
    if (n > bestCount || (n === bestCount && best !== current && text < best)) {
      best = text;
      bestCount = n;
    }
  }
  return best;
}

/** Word frequencies across the visible text answers, for a word cloud; common Danish words left out. */
export function wordCounts(tally: TextTally, hidden: readonly string[] = [], limit = 60): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const [key, e] of Object.entries(tally.entries)) {
    if (hidden.includes(key)) continue;
    for (const raw of key.split(/[^\p{L}\p{N}-]+/u)) {
      const word = raw.replace(/^-+|-+$/g, '');
      if (word.length < 2 || STOP_WORDS.has(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + e.count);
    }
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'da'))
    .slice(0, limit);
}

/** How many answers the facilitator hid from the results (their text is not exported). */
export function hiddenCount(tally: TextTally, hidden: readonly string[]): number {
  return Object.entries(tally.entries)
    .filter(([key]) => hidden.includes(key))
    .reduce((sum, [, e]) => sum + e.count, 0);
}
