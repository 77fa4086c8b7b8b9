// The pure activity rules: ballot checks, tallies, result rows and word counts for every kind.
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_KINDS,
  KIND_LABELS,
  applyToTally,
  checkBallot,
  describeBallot,
  emptyTally,
  resultRows,
  scaleMean,
  tallyBallots,
  wordCounts,
  type ActivityDef,
  type Ballot,
  type BallotCheck,
  type RankingTally,
  type Tally,
  type TextTally,
} from '../../core/activity.js';
import { normaliseText, textKey } from '../../core/text.js';
import { ALL_DEFS, motion, mulberry32, multi, pick, points, randInt, ranking, scale, shuffle, single, text } from './helpers.js';

function ok(def: ActivityDef, raw: unknown): Ballot {
  const r = checkBallot(def, raw);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted, got: ${r.message}`);
  return r.ballot;
}

function rejected(def: ActivityDef, raw: unknown): Extract<BallotCheck, { ok: false }> {
  const r = checkBallot(def, raw);
  if (r.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected, got ${JSON.stringify(r.ballot)}`);
  return r;
}

function expectWrongShape(def: ActivityDef, raw: unknown): void {
  const r = rejected(def, raw);
  expect(r.code).toBe('invalid_ballot');
  expect(r.message).toContain(KIND_LABELS[def.kind].toLowerCase());
  expect(r.message).toContain('skal have formen');
}

function tallyOf(def: ActivityDef, raws: unknown[]): Tally {
  return tallyBallots(
    def,
    raws.map((r) => ok(def, r)),
  );
}

describe('the kinds', () => {
  it('lists seven kinds, each with a Danish label', () => {
    expect([...ACTIVITY_KINDS].sort()).toEqual(['motion', 'multi', 'points', 'ranking', 'scale', 'single', 'text']);
    for (const k of ACTIVITY_KINDS) expect(KIND_LABELS[k].length).toBeGreaterThan(0);
  });
});

describe('checkBallot: shapes every kind refuses', () => {
  const notObjects: unknown[] = [null, undefined, 'aeble', 3, true, [], ['aeble']];
  for (const def of ALL_DEFS) {
    it(`${def.kind}: refuses non-objects and the empty object with the expected shape in the message`, () => {
      for (const raw of [...notObjects, {}]) expectWrongShape(def, raw);
    });
  }

  it('refuses extra fields (strict objects)', () => {
    expectWrongShape(single, { option: 'aeble', extra: 1 });
    expectWrongShape(motion, { option: 'for', weight: 2 });
    expectWrongShape(multi, { options: ['aeble'], option: 'aeble' });
    expectWrongShape(ranking, { order: ['aeble', 'banan', 'citron', 'dadel'], note: 'x' });
    expectWrongShape(points, { points: { aeble: 1 }, total: 1 });
    expectWrongShape(scale, { value: 3, label: '3' });
    expectWrongShape(text, { text: 'hej', anonymous: true });
  });

  it('refuses the field of another kind', () => {
    expectWrongShape(single, { options: ['aeble'] });
    expectWrongShape(multi, { option: 'aeble' });
    expectWrongShape(ranking, { options: ['aeble'] });
    expectWrongShape(points, { value: 3 });
    expectWrongShape(scale, { text: '3' });
    expectWrongShape(text, { option: 'hej' });
  });

  it('names the shape of the kind in the message', () => {
    expect(rejected(motion, {}).message).toContain('"for"|"imod"|"undlader"');
    expect(rejected(ranking, {}).message).toContain('{"order":');
    expect(rejected(points, {}).message).toContain('{"points":');
  });
});

describe('checkBallot: single and motion', () => {
  it('accepts a known option and returns a fresh ballot', () => {
    const raw = { option: 'banan' };
    const b = ok(single, raw);
    expect(b).toEqual({ kind: 'single', option: 'banan' });
    expect(b).not.toBe(raw);
  });

  it('refuses wrong types', () => {
    expectWrongShape(single, { option: 1 });
    expectWrongShape(single, { option: null });
    expectWrongShape(single, { option: ['aeble'] });
    expectWrongShape(single, { option: 'x'.repeat(65) });
  });

  it('refuses an unknown option with code unknown_option naming the option and activity', () => {
    for (const option of ['dadel', 'AEBLE', '', 'toString', '__proto__']) {
      const r = rejected(single, { option });
      expect(r.code).toBe('unknown_option');
      expect(r.message).toContain(`"${option}"`);
      expect(r.message).toContain('"enkelt"');
    }
  });

  it('motion takes exactly for, imod and undlader', () => {
    for (const option of ['for', 'imod', 'undlader']) expect(ok(motion, { option })).toEqual({ kind: 'motion', option });
    for (const option of ['For', 'ja', 'nej', 'blank']) expect(rejected(motion, { option }).code).toBe('unknown_option');
  });
});

describe('checkBallot: multi', () => {
  it('accepts one or up to maxChoices options, in the deck’s order', () => {
    expect(ok(multi, { options: ['citron'] })).toEqual({ kind: 'multi', options: ['citron'] });
    expect(ok(multi, { options: ['dadel', 'aeble'] })).toEqual({ kind: 'multi', options: ['aeble', 'dadel'] });
  });

  it('refuses none, too many, duplicates and unknown options', () => {
    const none = rejected(multi, { options: [] });
    expect(none.code).toBe('invalid_ballot');
    expect(none.message).toMatch(/mindst én/);

    const many = rejected(multi, { options: ['aeble', 'banan', 'citron'] });
    expect(many.code).toBe('invalid_ballot');
    expect(many.message).toContain('højst 2');

    const dup = rejected(multi, { options: ['aeble', 'aeble'] });
    expect(dup.code).toBe('invalid_ballot');
    expect(dup.message).toMatch(/to gange/);

    const unknown = rejected(multi, { options: ['aeble', 'kiwi'] });
    expect(unknown.code).toBe('unknown_option');
    expect(unknown.message).toContain('"kiwi"');
  });

  it('reports an unknown option before a duplicate', () => {
    expect(rejected(multi, { options: ['kiwi', 'kiwi'] }).code).toBe('unknown_option');
  });

  it('refuses wrong element types and absurdly long arrays', () => {
    expectWrongShape(multi, { options: 'aeble' });
    expectWrongShape(multi, { options: [1] });
    expectWrongShape(multi, { options: Array.from({ length: 65 }, () => 'aeble') });
  });
});

describe('checkBallot: ranking', () => {
  const full = ['dadel', 'aeble', 'citron', 'banan'];

  it('accepts a complete order and keeps it as given, as a copy', () => {
    const order = [...full];
    const b = ok(ranking, { order }) as { order: string[] };
    expect(b.order).toEqual(full);
    order.reverse();
    expect(b.order).toEqual(full);
  });

  it('refuses a partial ranking, a repeated option and an over-long one', () => {
    for (const order of [[], ['aeble'], ['aeble', 'banan', 'citron'], ['aeble', 'aeble', 'banan', 'citron'], [...full, 'aeble']]) {
      const r = rejected(ranking, { order });
      expect(r.code).toBe('invalid_ballot');
      expect(r.message).toContain('alle 4 svarmuligheder');
    }
  });

  it('refuses an unknown option as unknown_option', () => {
    const r = rejected(ranking, { order: ['aeble', 'banan', 'citron', 'kiwi'] });
    expect(r.code).toBe('unknown_option');
    expect(r.message).toContain('"kiwi"');
  });

  it('refuses wrong types', () => {
    expectWrongShape(ranking, { order: 'aeble,banan' });
    expectWrongShape(ranking, { order: [1, 2, 3, 4] });
    expectWrongShape(ranking, { order: { 0: 'aeble' } });
  });
});

describe('checkBallot: points', () => {
  it('accepts the whole budget or less, drops zeros and keeps the deck’s order', () => {
    expect(ok(points, { points: { aeble: 5, banan: 5 } })).toEqual({ kind: 'points', points: { aeble: 5, banan: 5 } });
    expect(ok(points, { points: { citron: 1, aeble: 2, banan: 0 } })).toEqual({ kind: 'points', points: { aeble: 2, citron: 1 } });
    const b = ok(points, { points: { citron: 2, aeble: 1 } }) as { points: Record<string, number> };
    expect(Object.keys(b.points)).toEqual(['aeble', 'citron']);
    expect(ok(points, { points: { citron: 10 } })).toEqual({ kind: 'points', points: { citron: 10 } });
  });

  it('refuses spending more than the budget, naming budget and total', () => {
    const r = rejected(points, { points: { aeble: 6, banan: 5 } });
    expect(r.code).toBe('invalid_ballot');
    expect(r.message).toContain('højst fordele 10 point');
    expect(r.message).toContain('11');
  });

  it('refuses spending nothing', () => {
    for (const p of [{}, { aeble: 0 }, { aeble: 0, banan: 0, citron: 0 }]) {
      const r = rejected(points, { points: p });
      expect(r.code).toBe('invalid_ballot');
      expect(r.message).toMatch(/mindst ét point/);
    }
  });

  it('refuses negative, fractional, non-numeric and huge amounts', () => {
    expectWrongShape(points, { points: { aeble: -1, banan: 5 } });
    expectWrongShape(points, { points: { aeble: 1.5 } });
    expectWrongShape(points, { points: { aeble: '3' } });
    expectWrongShape(points, { points: { aeble: null } });
    expectWrongShape(points, { points: { aeble: 10_001 } });
    expectWrongShape(points, { points: { aeble: Infinity } });
    // An array passes the record schema (its keys are "0", "1"), and is then refused as an unknown option.
    expect(checkBallot(points, { points: [3, 4] })).toMatchObject({ ok: false, code: 'unknown_option' });
  });

  it('refuses points on an unknown option, even a zero', () => {
    expect(rejected(points, { points: { aeble: 2, kiwi: 1 } }).code).toBe('unknown_option');
    expect(rejected(points, { points: { aeble: 2, kiwi: 0 } }).code).toBe('unknown_option');
    expect(checkBallot(points, JSON.parse('{"points":{"__proto__":1}}')).ok).toBe(false);
    expect(checkBallot(points, JSON.parse('{"points":{"__proto__":1,"aeble":1}}'))).toEqual({
      ok: true,
      ballot: { kind: 'points', points: { aeble: 1 } },
    });
  });

  it('refuses more than 64 keys as a shape error', () => {
    const many: Record<string, number> = {};
    for (let i = 0; i < 65; i++) many[`k${i}`] = 0;
    expectWrongShape(points, { points: many });
  });
});

describe('checkBallot: scale', () => {
  it('accepts every value from min to max', () => {
    for (let n = 1; n <= 5; n++) expect(ok(scale, { value: n })).toEqual({ kind: 'scale', value: n });
  });

  it('refuses values outside the range with the range in the message', () => {
    for (const value of [0, 6, -1, 100]) {
      const r = rejected(scale, { value });
      expect(r.code).toBe('invalid_ballot');
      expect(r.message).toContain('fra 1 til 5');
    }
  });

  it('refuses non-integers and non-numbers', () => {
    for (const value of [2.5, '3', null, NaN, Infinity, [3]]) expectWrongShape(scale, { value });
  });

  it('honours a scale starting at 0', () => {
    const zeroToTen = { ...scale, min: 0, max: 10, options: Array.from({ length: 11 }, (_, n) => ({ id: String(n), label: String(n) })) };
    expect(ok(zeroToTen, { value: 0 })).toEqual({ kind: 'scale', value: 0 });
    expect(ok(zeroToTen, { value: 10 })).toEqual({ kind: 'scale', value: 10 });
    expect(rejected(zeroToTen, { value: 11 }).message).toContain('fra 0 til 10');
  });
});

describe('checkBallot: text', () => {
  it('normalises white space and keeps case', () => {
    expect(ok(text, { text: '  Mere   tillid\n\ttak ' })).toEqual({ kind: 'text', text: 'Mere tillid tak' });
  });

  it('normalises to NFC', () => {
    const decomposed = 'Cafe\u0301';
    expect(ok(text, { text: decomposed })).toEqual({ kind: 'text', text: 'Café' });
  });

  it('refuses empty and blank answers', () => {
    for (const t of ['', '   ', '\n\t ']) {
      const r = rejected(text, { text: t });
      expect(r.code).toBe('invalid_ballot');
      expect(r.message).toMatch(/Skriv et svar/);
    }
  });

  it('accepts exactly maxLength and refuses one more, giving the length', () => {
    expect(ok(text, { text: 'x'.repeat(20) })).toEqual({ kind: 'text', text: 'x'.repeat(20) });
    const r = rejected(text, { text: 'x'.repeat(21) });
    expect(r.code).toBe('invalid_ballot');
    expect(r.message).toContain('højst være 20 tegn');
    expect(r.message).toContain('21');
  });

  it('measures the length after normalising', () => {
    expect(ok(text, { text: `   ${'x'.repeat(20)}      ` })).toEqual({ kind: 'text', text: 'x'.repeat(20) });
  });

  it('refuses a non-string and raw text beyond 2000 characters as a shape error', () => {
    expectWrongShape(text, { text: 42 });
    expectWrongShape(text, { text: ['a'] });
    expectWrongShape(text, { text: `${' '.repeat(2001)}x` });
  });
});

describe('normaliseText and textKey', () => {
  it('collapse white space, trim, and lowercase for the key', () => {
    expect(normaliseText('  a \n\n b\t c  ')).toBe('a b c');
    expect(textKey('  ØL   og  MAD ')).toBe('øl og mad');
    expect(textKey('Åbenhed')).toBe(textKey('åbenhed'));
    expect(textKey('I')).toBe('i');
    expect(textKey('Tillid!')).toBe(textKey('tillid'));
    expect(textKey('"Mere tillid..."')).toBe('mere tillid');
    // Inside the words punctuation stays, and an answer of signs alone keeps its signs.
    expect(textKey('Frisættelse 2.0')).toBe('frisættelse 2.0');
    expect(textKey('?!')).toBe('?!');
  });

  it('drops control characters and bidirectional overrides, keeps emoji joiners', () => {
    expect(normaliseText('a\u0000b\u202e c\u2066d\u007f')).toBe('ab cd');
    expect(normaliseText('\u202e\u0007')).toBe('');
    expect(normaliseText('👩\u200d💻 kode')).toBe('👩\u200d💻 kode');
  });

  it('treats composed and decomposed letters as the same answer', () => {
    expect(textKey('Ca\u0301fe')).toBe(textKey('Cáfe'));
  });

  it('counts answers that only look alike as one: compatibility forms, invisibles, decomposed letters, look-alikes', () => {
    const same = [
      'Tillid',
      'Ｔｉｌｌｉｄ', // fullwidth
      '𝐓𝐢𝐥𝐥𝐢𝐝', // mathematical bold
      'Til\u200Blid', // zero-width space
      'Til\u200Dlid', // zero-width joiner
      'Til\u200Clid', // zero-width non-joiner
      'Til\u00ADlid', // soft hyphen
      '\uFEFFTillid', // byte-order mark
      'Til\u2060lid', // word joiner
      'Ti\uFE0Flli\u034Fd', // variation selector, combining grapheme joiner
      'Тillid', // Cyrillic Т
      'Tіllіd', // Cyrillic і
    ];
    for (const t of same) expect(textKey(t), JSON.stringify(t)).toBe('tillid');
    expect(textKey('ﬁre ﬂere')).toBe('fire flere');
    expect(textKey('Ｍｅｒｅ  ｔｉｌｌｉｄ！')).toBe('mere tillid');
    expect(textKey('Mere ТОР')).toBe('mere top'); // a word of Cyrillic look-alikes alone, in a Latin answer
    // NFC and NFD spellings of the same Danish and accented words.
    expect(textKey('A\u030Abenhed')).toBe('åbenhed');
    expect(textKey('Åbenhed'.normalize('NFD'))).toBe(textKey('Åbenhed'.normalize('NFC')));
    expect(textKey('Idé'.normalize('NFD'))).toBe('idé');
    // Danish letters stay themselves: æ, ø and å are not folded into ae, o or a.
    expect(textKey('Ærlig Økonomi Ålborg')).toBe('ærlig økonomi ålborg');
    expect(textKey('Ærlig')).not.toBe(textKey('Aerlig'));
    expect(textKey('Sø')).not.toBe(textKey('So'));
    expect(textKey('Bål')).not.toBe(textKey('Bal'));
    // A word in another script keeps its letters when the answer is not a Latin spoof.
    expect(textKey('Доверие')).toBe('доверие');
    expect(textKey('Εμπιστοσύνη')).toBe('εμπιστοσύνη');
  });

  it('shows the text as written, minus invisible characters, and keeps emoji sequences whole', () => {
    expect(normaliseText('Til\u200Blid\u00AD\uFEFF')).toBe('Tillid');
    expect(normaliseText('Ｔｉｌｌｉｄ')).toBe('Ｔｉｌｌｉｄ');
    expect(normaliseText('A\u030Abenhed')).toBe('Åbenhed');
    expect(normaliseText('👍🏽 ❤\uFE0F')).toBe('👍🏽 ❤\uFE0F');
  });

  it('puts look-alike answers into one word-cloud word and one entry', () => {
    const t = tallyOf(
      text,
      ['Tillid', 'Ｔｉｌｌｉｄ', 'Til\u200Blid', 'Тillid', 'A\u030Abenhed', 'Åbenhed'].map((x) => ({ text: normaliseText(x) })),
    );
    expect(t.kind === 'text' && Object.keys(t.entries).sort()).toEqual(['tillid', 'åbenhed']);
    expect(wordCounts(t)).toEqual([
      { word: 'tillid', count: 4 },
      { word: 'åbenhed', count: 2 },
    ]);
  });
});

describe('empty tallies and rows without ballots', () => {
  it('have zero ballots and a zero for every option', () => {
    expect(emptyTally(single)).toEqual({ kind: 'single', ballots: 0, counts: { aeble: 0, banan: 0, citron: 0 } });
    expect(emptyTally(motion)).toEqual({ kind: 'motion', ballots: 0, counts: { for: 0, imod: 0, undlader: 0 } });
    expect(emptyTally(multi)).toEqual({ kind: 'multi', ballots: 0, counts: { aeble: 0, banan: 0, citron: 0, dadel: 0 } });
    const zeros4 = { aeble: 0, banan: 0, citron: 0, dadel: 0 };
    expect(emptyTally(ranking)).toEqual({ kind: 'ranking', ballots: 0, borda: zeros4, rankSum: zeros4 });
    expect(emptyTally(points)).toEqual({ kind: 'points', ballots: 0, points: { aeble: 0, banan: 0, citron: 0 } });
    expect(emptyTally(scale)).toEqual({ kind: 'scale', ballots: 0, counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, sum: 0 });
    expect(emptyTally(text)).toEqual({ kind: 'text', ballots: 0, entries: {} });
  });

  it('an empty tally is a fresh object each time', () => {
    const a = emptyTally(single) as { counts: Record<string, number> };
    a.counts.aeble = 5;
    expect((emptyTally(single) as { counts: Record<string, number> }).counts.aeble).toBe(0);
  });

  it('rows without a tally list the options in deck order with zeros', () => {
    for (const def of ALL_DEFS) {
      const rows = resultRows(def, undefined);
      if (def.kind === 'text') {
        expect(rows).toEqual([]);
        continue;
      }
      expect(rows.map((r) => r.id)).toEqual(def.options.map((o) => o.id));
      expect(rows.map((r) => r.label)).toEqual(def.options.map((o) => o.label));
      for (const r of rows) {
        expect(r.count).toBe(0);
        expect(r.share).toBe(0);
      }
      if (def.kind === 'ranking') for (const r of rows) expect(r.meanRank).toBe(0);
    }
  });

  it('rows ignore a tally of another kind', () => {
    const singleTally = tallyOf(single, [{ option: 'aeble' }]);
    expect(resultRows(multi, singleTally).every((r) => r.count === 0)).toBe(true);
    expect(resultRows(text, singleTally)).toEqual([]);
  });

  it('scaleMean is null without answers and for other kinds', () => {
    expect(scaleMean(undefined)).toBeNull();
    expect(scaleMean(emptyTally(scale))).toBeNull();
    expect(scaleMean(tallyOf(single, [{ option: 'aeble' }]))).toBeNull();
  });

  it('wordCounts is empty without text answers', () => {
    expect(wordCounts(undefined)).toEqual([]);
    expect(wordCounts(emptyTally(text))).toEqual([]);
    expect(wordCounts(tallyOf(single, [{ option: 'aeble' }]))).toEqual([]);
  });
});

describe('tallies and rows per kind', () => {
  it('single: counts and shares of the ballots, in deck order', () => {
    const t = tallyOf(single, [{ option: 'banan' }, { option: 'banan' }, { option: 'citron' }, { option: 'banan' }]);
    expect(t).toEqual({ kind: 'single', ballots: 4, counts: { aeble: 0, banan: 3, citron: 1 } });
    expect(resultRows(single, t)).toEqual([
      { id: 'aeble', label: 'Æble', count: 0, share: 0 },
      { id: 'banan', label: 'Banan', count: 3, share: 0.75 },
      { id: 'citron', label: 'Citron', count: 1, share: 0.25 },
    ]);
  });

  it('motion: for, imod, undlader in that order', () => {
    const t = tallyOf(motion, [{ option: 'undlader' }, { option: 'for' }, { option: 'for' }]);
    const rows = resultRows(motion, t);
    expect(rows.map((r) => [r.id, r.label, r.count])).toEqual([
      ['for', 'For', 2],
      ['imod', 'Imod', 0],
      ['undlader', 'Undlader', 1],
    ]);
  });

  it('multi: each chosen option counts once; shares are per participant and may sum past 1', () => {
    const t = tallyOf(multi, [{ options: ['aeble', 'banan'] }, { options: ['banan'] }, { options: ['dadel', 'banan'] }]);
    expect(t).toEqual({ kind: 'multi', ballots: 3, counts: { aeble: 1, banan: 3, citron: 0, dadel: 1 } });
    const rows = resultRows(multi, t);
    expect(rows.map((r) => r.id)).toEqual(['aeble', 'banan', 'citron', 'dadel']);
    expect(rows[1]!.share).toBe(1);
    expect(rows[0]!.share).toBeCloseTo(1 / 3);
    expect(rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(5 / 3);
  });

  it('ranking: Borda points and mean rank, best first', () => {
    const t = tallyOf(ranking, [
      { order: ['banan', 'aeble', 'citron', 'dadel'] },
      { order: ['banan', 'citron', 'aeble', 'dadel'] },
      { order: ['aeble', 'banan', 'dadel', 'citron'] },
    ]) as RankingTally;
    expect(t.ballots).toBe(3);
    expect(t.borda).toEqual({ banan: 8, aeble: 6, citron: 3, dadel: 1 });
    expect(t.rankSum).toEqual({ banan: 4, aeble: 6, citron: 9, dadel: 11 });
    const rows = resultRows(ranking, t);
    expect(rows.map((r) => r.id)).toEqual(['banan', 'aeble', 'citron', 'dadel']);
    expect(rows.map((r) => r.count)).toEqual([8, 6, 3, 1]);
    expect(rows[0]!.share).toBeCloseTo(8 / 18);
    expect(rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1);
    expect(rows[0]!.meanRank).toBeCloseTo(4 / 3);
    expect(rows[1]!.meanRank).toBe(2);
    expect(rows[2]!.meanRank).toBe(3);
    expect(rows[3]!.meanRank).toBeCloseTo(11 / 3);
  });

  it('ranking: a full tie keeps the deck order', () => {
    const t = tallyOf(ranking, [{ order: ['aeble', 'banan', 'citron', 'dadel'] }, { order: ['dadel', 'citron', 'banan', 'aeble'] }]);
    const rows = resultRows(ranking, t);
    expect(rows.map((r) => r.id)).toEqual(['aeble', 'banan', 'citron', 'dadel']);
    for (const r of rows) {
      expect(r.count).toBe(3);
      expect(r.meanRank).toBe(2.5);
    }
  });

  it('ranking: equal Borda points are broken by the lower mean rank', () => {
    // With complete rankings Borda and rank sum determine each other, so only a hand-built tally can show this.
    const t: RankingTally = {
      kind: 'ranking',
      ballots: 2,
      borda: { aeble: 2, banan: 2, citron: 2, dadel: 0 },
      rankSum: { aeble: 6, banan: 5, citron: 4, dadel: 8 },
    };
    expect(resultRows(ranking, t).map((r) => r.id)).toEqual(['citron', 'banan', 'aeble', 'dadel']);
  });

  it('points: summed, sorted by points, ties in deck order, shares of all points', () => {
    const t = tallyOf(points, [{ points: { aeble: 2, citron: 8 } }, { points: { banan: 5, aeble: 5 } }, { points: { banan: 2 } }]);
    expect(t).toEqual({ kind: 'points', ballots: 3, points: { aeble: 7, banan: 7, citron: 8 } });
    const rows = resultRows(points, t);
    expect(rows.map((r) => [r.id, r.count])).toEqual([
      ['citron', 8],
      ['aeble', 7],
      ['banan', 7],
    ]);
    expect(rows[0]!.share).toBeCloseTo(8 / 22);
    expect(rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1);
  });

  it('scale: counts per value in scale order, sum and mean', () => {
    const t = tallyOf(scale, [{ value: 1 }, { value: 5 }, { value: 5 }, { value: 4 }]);
    expect(t).toEqual({ kind: 'scale', ballots: 4, counts: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 2 }, sum: 15 });
    expect(scaleMean(t)).toBe(3.75);
    const rows = resultRows(scale, t);
    expect(rows.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows.map((r) => r.count)).toEqual([1, 0, 0, 1, 2]);
    expect(rows[4]!.share).toBe(0.5);
  });

  it('text: equal answers by normalised key are one entry; sorted by count, then Danish alphabet', () => {
    const t = tallyOf(text, [
      { kind: 'text', text: 'Tillid' },
      { text: '  tillid ' },
      { kind: 'text', text: 'TILLID' },
      { text: 'ål' },
      { text: 'zebra' },
      { text: 'æble' },
      { text: 'øl' },
      { text: 'Mere  tid' },
      { text: 'mere tid' },
    ]) as TextTally;
    expect(t.ballots).toBe(9);
    expect(Object.keys(t.entries).sort()).toEqual(['mere tid', 'tillid', 'zebra', 'æble', 'øl', 'ål'].sort());
    // On a tie the first spelling seen is the one shown.
    expect(t.entries.tillid).toMatchObject({ text: 'Tillid', count: 3 });
    expect(t.entries['mere tid']).toMatchObject({ text: 'Mere tid', count: 2 });
    const rows = resultRows(text, t);
    expect(rows.map((r) => r.label)).toEqual(['Tillid', 'Mere tid', 'zebra', 'æble', 'øl', 'ål']);
    expect(rows[0]).toEqual({ id: 'tillid', label: 'Tillid', count: 3, share: 3 / 9 });
  });

  it('text: hidden entries are left out of rows and word counts', () => {
    const t = tallyOf(text, [{ text: 'grimt ord' }, { text: 'Godt forslag' }, { text: 'godt forslag' }]);
    const rows = resultRows(text, t, ['grimt ord']);
    expect(rows.map((r) => r.id)).toEqual(['godt forslag']);
    expect(rows[0]!.share).toBeCloseTo(2 / 3);
    const words = wordCounts(t, ['grimt ord']).map((w) => w.word);
    expect(words).toEqual(['forslag', 'godt']);
    expect(wordCounts(t).map((w) => w.word)).toContain('grimt');
  });
});

const longText = { ...text, maxLength: 80 };

describe('wordCounts', () => {
  it('counts words across answers weighted by how often each was given, leaving out Danish stop words', () => {
    const t = tallyOf(longText, [
      { text: 'Mere tillid og mindre kontrol' },
      { text: 'mere tillid og mindre kontrol' },
      { text: 'Tillid til de ansatte' },
      { text: 'Det er ikke nok' },
    ]);
    const words = wordCounts(t);
    expect(words).toEqual([
      { word: 'tillid', count: 3 },
      { word: 'kontrol', count: 2 },
      { word: 'mere', count: 2 },
      { word: 'mindre', count: 2 },
      { word: 'ansatte', count: 1 },
      { word: 'nok', count: 1 },
    ]);
    for (const stop of ['og', 'til', 'de', 'det', 'er', 'ikke']) expect(words.map((w) => w.word)).not.toContain(stop);
  });

  it('keeps hyphenated words and numbers, drops one-letter words and stray hyphens', () => {
    const t = tallyOf(longText, [{ text: 'co-creation - 2030 x -fokus-' }]);
    expect(wordCounts(t).map((w) => w.word)).toEqual(['2030', 'co-creation', 'fokus']);
  });

  it('splits on punctuation and sorts ties in Danish order', () => {
    const t = tallyOf(longText, [{ text: 'ål, æble! zebra? øl.' }]);
    expect(wordCounts(t).map((w) => w.word)).toEqual(['zebra', 'æble', 'øl', 'ål']);
  });

  it('honours the limit', () => {
    const t = tallyOf(longText, [{ text: 'alfa beta gamma delta' }, { text: 'beta' }]);
    expect(wordCounts(t, [], 2)).toEqual([
      { word: 'beta', count: 2 },
      { word: 'alfa', count: 1 },
    ]);
  });
});

describe('describeBallot', () => {
  it('uses the option labels', () => {
    expect(describeBallot(single, { option: 'aeble' })).toBe('Æble');
    expect(describeBallot(motion, { option: 'imod' })).toBe('Imod');
    expect(describeBallot(multi, { options: ['aeble', 'dadel'] })).toBe('Æble, Dadel');
    expect(describeBallot(ranking, { order: ['banan', 'aeble', 'citron', 'dadel'] })).toBe('1. Banan, 2. Æble, 3. Citron, 4. Dadel');
    expect(describeBallot(points, { points: { aeble: 3, citron: 7 } })).toBe('Æble: 3, Citron: 7');
    expect(describeBallot(scale, { value: 4 })).toBe('4');
    expect(describeBallot(text, { text: 'hej' })).toBe('„hej“');
  });
});

describe('applyToTally', () => {
  it('adding then removing a ballot returns to the empty tally (choice, ranking, points, scale)', () => {
    const cases: [ActivityDef, unknown][] = [
      [single, { option: 'banan' }],
      [motion, { option: 'for' }],
      [multi, { options: ['aeble', 'citron'] }],
      [ranking, { order: ['dadel', 'citron', 'banan', 'aeble'] }],
      [points, { points: { aeble: 3, banan: 7 } }],
      [scale, { value: 2 }],
      [text, { text: 'Hej' }],
    ];
    for (const [def, raw] of cases) {
      const t = emptyTally(def);
      const b = ok(def, raw);
      applyToTally(t, b, 1);
      expect(t).not.toEqual(emptyTally(def));
      applyToTally(t, b, -1);
      expect(t).toEqual(emptyTally(def));
    }
  });

  it('a changed vote is a remove plus an add', () => {
    const t = tallyOf(single, [{ option: 'aeble' }, { option: 'banan' }]);
    applyToTally(t, { kind: 'single', option: 'aeble' }, -1);
    applyToTally(t, { kind: 'single', option: 'citron' }, 1);
    expect(t).toEqual(tallyOf(single, [{ option: 'citron' }, { option: 'banan' }]));
  });

  it('text: an entry disappears when its last answer is removed, and stays while others share it', () => {
    const t = tallyOf(text, [{ text: 'Ja' }, { text: 'ja' }]) as TextTally;
    applyToTally(t, { kind: 'text', text: 'ja' }, -1);
    expect(t.entries.ja?.count).toBe(1);
    applyToTally(t, { kind: 'text', text: 'Ja' }, -1);
    expect(t.entries).toEqual({});
    expect(t.ballots).toBe(0);
  });
});

/** A random valid raw ballot for the activity, drawn from the seeded PRNG. */
function randomBallot(def: ActivityDef, rng: () => number): unknown {
  const ids = def.options.map((o) => o.id);
  switch (def.kind) {
    case 'single':
    case 'motion':
      return { option: pick(rng, ids) };
    case 'multi':
      return { options: shuffle(rng, ids).slice(0, randInt(rng, 1, def.maxChoices)) };
    case 'ranking':
      return { order: shuffle(rng, ids) };
    case 'points': {
      const p: Record<string, number> = {};
      let left = randInt(rng, 1, def.budget);
      for (const id of shuffle(rng, ids)) {
        const n = randInt(rng, 0, left);
        p[id] = n;
        left -= n;
      }
      if (Object.values(p).every((n) => n === 0)) p[ids[0]!] = 1;
      return { points: p };
    }
    case 'scale':
      return { value: randInt(rng, def.min, def.max) };
    case 'text':
      return {
        text: pick(rng, [
          'Tillid',
          'tillid',
          '  TILLID ',
          'Frihed',
          'frihed',
          'Mindre  bureaukrati',
          'mindre bureaukrati',
          'Tid',
          'Økonomi',
          'økonomi ',
        ]),
      };
  }
}

/** Text tallies keep the first spelling seen as the label; compare what must agree: keys, counts, ballots. */
function comparable(t: Tally): unknown {
  if (t.kind !== 'text') return t;
  return { kind: t.kind, ballots: t.ballots, counts: Object.fromEntries(Object.entries(t.entries).map(([k, e]) => [k, e.count])) };
}

/** A tally written independently of applyToTally, straight from the definitions in the docs. */
function naiveTally(def: ActivityDef, ballots: Ballot[]): unknown {
  const zero = () => Object.fromEntries(def.options.map((o) => [o.id, 0])) as Record<string, number>;
  switch (def.kind) {
    case 'single':
    case 'motion': {
      const counts = zero();
      for (const b of ballots as { option: string }[]) counts[b.option]! += 1;
      return { kind: def.kind, ballots: ballots.length, counts };
    }
    case 'multi': {
      const counts = zero();
      for (const b of ballots as { options: string[] }[]) for (const o of b.options) counts[o]! += 1;
      return { kind: def.kind, ballots: ballots.length, counts };
    }
    case 'ranking': {
      const borda = zero();
      const rankSum = zero();
      const n = def.options.length;
      for (const b of ballots as { order: string[] }[]) {
        for (const o of def.options) {
          const place = b.order.indexOf(o.id) + 1;
          borda[o.id]! += n - place;
          rankSum[o.id]! += place;
        }
      }
      return { kind: 'ranking', ballots: ballots.length, borda, rankSum };
    }
    case 'points': {
      const pts = zero();
      for (const b of ballots as { points: Record<string, number> }[]) for (const o of def.options) pts[o.id]! += b.points[o.id] ?? 0;
      return { kind: 'points', ballots: ballots.length, points: pts };
    }
    case 'scale': {
      const counts = zero();
      let sum = 0;
      for (const b of ballots as { value: number }[]) {
        counts[String(b.value)]! += 1;
        sum += b.value;
      }
      return { kind: 'scale', ballots: ballots.length, counts, sum };
    }
    case 'text': {
      const counts: Record<string, number> = {};
      for (const b of ballots as { text: string }[]) counts[textKey(b.text)] = (counts[textKey(b.text)] ?? 0) + 1;
      return { kind: 'text', ballots: ballots.length, counts };
    }
  }
}

describe('property: incremental tally equals tallying the final ballots from scratch', () => {
  for (const def of ALL_DEFS) {
    it(`${def.kind}: 3000 random casts, replacements and withdrawals`, () => {
      const rng = mulberry32(0x5eed + def.kind.length * 7919 + def.id.charCodeAt(0));
      const live = emptyTally(def);
      const current = new Map<number, Ballot>();
      let replaced = 0;
      let removed = 0;
      for (let step = 0; step < 3000; step++) {
        const participant = randInt(rng, 0, 59);
        const previous = current.get(participant);
        if (previous && rng() < 0.15) {
          applyToTally(live, previous, -1);
          current.delete(participant);
          removed++;
          continue;
        }
        const checked = checkBallot(def, randomBallot(def, rng));
        expect(checked.ok).toBe(true);
        if (!checked.ok) return;
        if (previous) {
          applyToTally(live, previous, -1);
          replaced++;
        }
        applyToTally(live, checked.ballot, 1);
        current.set(participant, checked.ballot);
        if (step % 500 === 0) expect(comparable(live)).toEqual(comparable(tallyBallots(def, current.values())));
      }
      // The run exercised every path.
      expect(replaced).toBeGreaterThan(100);
      expect(removed).toBeGreaterThan(50);
      const fresh = tallyBallots(def, current.values());
      expect(comparable(live)).toEqual(comparable(fresh));
      expect(comparable(live)).toEqual(naiveTally(def, [...current.values()]));
      expect(live.ballots).toBe(current.size);
      expect(resultRows(def, live).map((r) => [r.id, r.count])).toEqual(resultRows(def, fresh).map((r) => [r.id, r.count]));
      if (def.kind === 'scale') expect(scaleMean(live)).toBeCloseTo(scaleMean(fresh)!);
      if (def.kind === 'text') {
        for (const [key, e] of Object.entries((live as TextTally).entries)) expect(textKey(e.text)).toBe(key);
        expect(wordCounts(live)).toEqual(wordCounts(fresh));
      }
      if (def.kind === 'points') {
        const total = Object.values((live as { points: Record<string, number> }).points).reduce((a, n) => a + n, 0);
        expect(total).toBeLessThanOrEqual(current.size * def.budget);
      }
    });
  }
});

describe('text entries keep a spelling that is still counted', () => {
  it('follows the commonest remaining spelling, whatever the counting order', () => {
    const def = text;
    const t = emptyTally(def) as TextTally;
    applyToTally(t, { kind: 'text', text: 'TILLID' }, 1);
    applyToTally(t, { kind: 'text', text: 'tillid' }, 1);
    applyToTally(t, { kind: 'text', text: 'tillid' }, 1);
    expect(Object.values(t.entries).map((e) => [e.text, e.count])).toEqual([['tillid', 3]]);
    applyToTally(t, { kind: 'text', text: 'tillid' }, -1);
    applyToTally(t, { kind: 'text', text: 'tillid' }, -1);
    expect(Object.values(t.entries).map((e) => [e.text, e.count])).toEqual([['TILLID', 1]]);
    const fresh = tallyBallots(def, [{ kind: 'text', text: 'TILLID' }]) as TextTally;
    expect(Object.values(fresh.entries).map((e) => e.text)).toEqual(['TILLID']);
    // A tie keeps the spelling already shown; a spelling used more often takes over.
    const tie = tallyBallots(def, [
      { kind: 'text', text: 'Tillid' },
      { kind: 'text', text: 'tillid' },
    ]) as TextTally;
    expect(Object.values(tie.entries)[0]!.text).toBe('Tillid');
    const more = tallyBallots(def, [
      { kind: 'text', text: 'Tillid' },
      { kind: 'text', text: 'tillid' },
      { kind: 'text', text: 'tillid' },
    ]) as TextTally;
    expect(Object.values(more.entries)[0]!.text).toBe('tillid');
  });
});
