// The whiteboard's shared rules: note text, zones, dot allocations, and the ranked top priorities.
import { boardDef } from './helpers.js';
import { describe, expect, it } from 'vitest';
import { applyDots, checkDots, checkNoteText, checkZone, topPriorities, type BoardDef } from '../../core/board.js';
import { mulberry32, randInt } from './helpers.js';

const board: BoardDef = boardDef({
  slide: 3,
  slideTitle: 'Problemer og muligheder',
  zones: [
    { id: 'problemer', label: 'Problemer' },
    { id: 'muligheder', label: 'Muligheder' },
  ],
  maxLength: 20,
});

describe('note text', () => {
  it('trims and collapses white space, and keeps Danish letters', () => {
    expect(checkNoteText(board, '  For  meget\n regler ')).toEqual({ ok: true, value: 'For meget regler' });
    expect(checkNoteText(board, 'Ældre- og æblehave')).toEqual({ ok: true, value: 'Ældre- og æblehave' });
  });
  it('refuses empty, too long and non-text notes with a reason', () => {
    for (const bad of ['', '   \n ', 5, null, ['a'], { text: 'a' }]) {
      const r = checkNoteText(board, bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('invalid_note');
    }
    const long = checkNoteText(board, 'x'.repeat(21));
    expect(long).toMatchObject({ ok: false, message: 'Sedlen må højst have 20 tegn (den har 21).' });
    // Characters, not UTF-16 units: twenty emoji fit in twenty characters.
    expect(checkNoteText(board, '🙂'.repeat(20)).ok).toBe(true);
  });
});

describe('zones', () => {
  it('accepts a declared zone and names the choices otherwise', () => {
    expect(checkZone(board, 'muligheder')).toEqual({ ok: true, value: 'muligheder' });
    expect(checkZone(board, 'andet')).toMatchObject({
      ok: false,
      code: 'unknown_zone',
      message: expect.stringContaining('Problemer eller Muligheder'),
    });
  });
});

describe('dots', () => {
  const targets = new Set(['a', 'b', 'gruppe-1']);
  it('accepts up to the board’s dots on existing targets, several on one, and drops zeros', () => {
    expect(checkDots(board, { a: 2, 'gruppe-1': 1 }, targets)).toEqual({ ok: true, value: { a: 2, 'gruppe-1': 1 } });
    expect(checkDots(board, { a: 0, b: 1 }, targets)).toEqual({ ok: true, value: { b: 1 } });
    expect(checkDots(board, {}, targets)).toEqual({ ok: true, value: {} });
  });
  it('refuses too many dots, unknown targets, negative or fractional counts, and wrong shapes', () => {
    expect(checkDots(board, { a: 2, b: 2 }, targets)).toMatchObject({
      ok: false,
      code: 'invalid_dots',
      message: 'Du har 3 prikker, men har placeret 4.',
    });
    expect(checkDots(board, { slettet: 1 }, targets)).toMatchObject({ ok: false, code: 'unknown_target' });
    for (const bad of [{ a: -1 }, { a: 1.5 }, { a: '1' }, [1], null, 'a']) {
      expect(checkDots(board, bad, targets).ok).toBe(false);
    }
  });
  it('adding and removing allocations in any order gives the same counts as counting the final ones', () => {
    const rand = mulberry32(99);
    const ids = ['a', 'b', 'c', 'd'];
    const counts: Record<string, number> = {};
    const current = new Map<number, Record<string, number>>();
    for (let i = 0; i < 2000; i++) {
      const who = randInt(rand, 0, 29);
      const previous = current.get(who);
      if (previous) applyDots(counts, previous, -1);
      if (rand() < 0.2) {
        current.delete(who);
        continue;
      }
      const next: Record<string, number> = {};
      for (let d = randInt(rand, 0, 3); d > 0; d--) {
        const t = ids[randInt(rand, 0, 3)]!;
        next[t] = (next[t] ?? 0) + 1;
      }
      current.set(who, next);
      applyDots(counts, next, 1);
    }
    const fresh: Record<string, number> = {};
    for (const alloc of current.values()) for (const [t, n] of Object.entries(alloc)) fresh[t] = (fresh[t] ?? 0) + n;
    for (const t of Object.keys(fresh)) if (fresh[t] === 0) delete fresh[t];
    expect(counts).toEqual(fresh);
  });
});

describe('top priorities', () => {
  const notes = new Map([
    ['n1', { text: 'Ældreområdet', zone: 'muligheder', status: 'visible' as const }],
    ['n2', { text: 'Bureaukrati', zone: 'problemer', status: 'visible' as const }],
    ['n3', { text: 'Skjult', zone: 'problemer', status: 'hidden' as const }],
    ['n4', { text: 'Zoner', zone: 'problemer', status: 'visible' as const }],
    ['n5', { text: 'Tillid til fagligheden', zone: 'muligheder', status: 'visible' as const }],
    ['n6', { text: 'Tillid', zone: 'muligheder', status: 'visible' as const }],
  ]);

  it('ranks by dots, shares places on ties, orders ties by Danish label, and leaves out hidden notes', () => {
    const rows = topPriorities({ n1: 4, n2: 4, n3: 9, n4: 1, gone: 3 }, notes, new Map());
    expect(rows.map((r) => [r.place, r.label, r.dots, r.kind])).toEqual([
      [1, 'Bureaukrati', 4, 'note'],
      [1, 'Ældreområdet', 4, 'note'],
      [3, 'Zoner', 1, 'note'],
    ]);
  });

  it('a cluster counts its own dots and those on its notes, which are then not listed alone', () => {
    const clusters = new Map([['c1', { name: 'Tillid' }]]);
    const membership = new Map([
      ['n5', 'c1'],
      ['n6', 'c1'],
      ['n3', 'c1'],
    ]);
    const rows = topPriorities({ c1: 2, n5: 3, n6: 1, n3: 5, n2: 4 }, notes, clusters, membership);
    expect(rows.map((r) => [r.place, r.label, r.dots, r.kind, r.notes, r.zone])).toEqual([
      [1, 'Tillid', 6, 'cluster', 2, 'muligheder'],
      [2, 'Bureaukrati', 4, 'note', 1, 'problemer'],
    ]);
  });
});
