// The board layout reader: whatever a facilitator's client wrote, what comes out is finite, bounded and plain.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LAYOUT_LIMITS, LayoutReader, clusterName, readBoardLayout } from '../../core/board-layout.js';

describe('readBoardLayout', () => {
  it('keeps what a board writes as it is', () => {
    const layout = readBoardLayout({
      positions: { n1: { x: 40, y: 140 } },
      clusters: { 'c-1': { name: 'Regler', x: 10, y: 20 } },
      membership: { n1: 'c-1' },
      strokes: [{ id: 's-1', color: '#c0262d', width: 6, points: [1, 2, 3.5, 4] }],
    });
    expect(layout).toEqual({
      positions: { n1: { x: 40, y: 140 } },
      clusters: { 'c-1': { name: 'Regler', x: 10, y: 20 } },
      membership: { n1: 'c-1' },
      strokes: [{ id: 's-1', color: '#c0262d', width: 6, points: [1, 2, 3.5, 4] }],
      dropped: 0,
    });
  });

  it('drops or clamps each bad entry and keeps the rest', () => {
    const layout = readBoardLayout({
      positions: {
        text: { x: '0"/><script>alert(1)</script>', y: 1 },
        nan: { x: Number.NaN, y: 1 },
        far: { x: 1e308, y: -1e308 },
        ok: { x: 5, y: 6 },
        [`${'x'.repeat(65)}`]: { x: 1, y: 1 },
        nested: 'x',
      },
      clusters: { named: { name: { toString: 'x' } }, long: { name: `a\u0000b\n${'c'.repeat(200)}` }, str: '<svg onload=alert(1)>' },
      membership: { ok: 'named', gone: 'str', obj: { id: 'named' } },
      strokes: [
        { color: 'url(http://127.0.0.1/x)', width: '3" onload="x', points: [1, 1, 'a', 2, Number.POSITIVE_INFINITY, 3, 4, 4] },
        { points: 'no' },
        42,
        { color: '#0b5cad', width: 1e9, points: [1] },
      ],
    });
    expect(layout.positions).toEqual({ far: { x: LAYOUT_LIMITS.coordinate, y: -LAYOUT_LIMITS.coordinate }, ok: { x: 5, y: 6 } });
    expect(layout.clusters.named).toEqual({ name: 'Gruppe', x: null, y: null });
    expect([...layout.clusters.long!.name]).toHaveLength(LAYOUT_LIMITS.clusterName);
    expect(layout.clusters.long!.name.startsWith('a b c')).toBe(true);
    expect(layout.clusters.str).toBeUndefined();
    expect(layout.membership).toEqual({ ok: 'named' });
    expect(layout.strokes).toEqual([{ id: '', color: '#14213d', width: 6, points: [1, 1, 4, 4] }]);
    expect(layout.dropped).toBeGreaterThanOrEqual(9);
  });

  it('bounds how much it reads', () => {
    const many = Object.fromEntries(Array.from({ length: LAYOUT_LIMITS.positions + 50 }, (_, i) => [`n${i}`, { x: i, y: i }]));
    const strokes = Array.from({ length: 100 }, () => ({ color: '#000', width: 2, points: Array.from({ length: 10_000 }, (_, i) => i) }));
    const layout = readBoardLayout({ positions: many, strokes });
    expect(Object.keys(layout.positions)).toHaveLength(LAYOUT_LIMITS.positions);
    expect(layout.strokes.every((s) => s.points.length <= LAYOUT_LIMITS.strokeNumbers)).toBe(true);
    expect(layout.strokes.reduce((a, s) => a + s.points.length, 0)).toBeLessThanOrEqual(LAYOUT_LIMITS.totalStrokeNumbers);
  });

  it('reads a Y.Map layout as the export does, "__proto__" ids included, without touching any prototype', () => {
    const doc = new Y.Doc();
    const layout = doc.getMap<unknown>('layout');
    const positions = new Y.Map<unknown>();
    layout.set('positions', positions);
    positions.set('__proto__', { x: 1, y: 2 });
    positions.set('n1', { x: 3, y: 4 });
    const safe = readBoardLayout(layout.toJSON());
    expect(safe.positions.n1).toEqual({ x: 3, y: 4 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(readBoardLayout('nonsense')).toMatchObject({ positions: {}, strokes: [], dropped: 1 });
    expect(readBoardLayout(undefined)).toMatchObject({ positions: {}, strokes: [], dropped: 0 });
  });
});

describe('LayoutReader: the live layout, read by the same rules', () => {
  /** A board's layout map in a document, as a board's client makes it, with some values no board writes. */
  function live() {
    const doc = new Y.Doc();
    const layout = new Y.Map<unknown>();
    doc.getMap('layout').set('tavle', layout);
    const positions = new Y.Map<unknown>();
    const clusters = new Y.Map<unknown>();
    const membership = new Y.Map<unknown>();
    const strokes = new Y.Array<unknown>();
    layout.set('positions', positions);
    layout.set('clusters', clusters);
    layout.set('membership', membership);
    layout.set('strokes', strokes);
    positions.set('n1', { x: 40, y: 140 });
    positions.set('n2', { x: 'far', y: 1 });
    positions.set('n3', { x: 1e9, y: 2 });
    const c1 = new Y.Map<unknown>();
    c1.set('name', '  Regler \n og styring ');
    c1.set('x', 10);
    clusters.set('c-1', c1);
    clusters.set('c-bad', '<svg>');
    membership.set('n1', 'c-1');
    membership.set('n2', 'c-bad');
    membership.set('n3', 'c-gone');
    strokes.push([
      { id: 's-1', color: '#c0262d', width: 6, points: [1, 2, 3, 4] },
      { id: 's-2', color: 'url(x)', width: 99, points: [1, 'a'] },
    ]);
    return layout;
  }

  it('answers each question as the snapshot reader answers it', () => {
    const layout = live();
    const reader = new LayoutReader(layout);
    const snapshot = readBoardLayout(layout.toJSON());
    expect(reader.position('n1')).toEqual(snapshot.positions.n1);
    expect(reader.position('n2')).toBeUndefined();
    expect(reader.position('n3')).toEqual({ x: LAYOUT_LIMITS.coordinate, y: 2 });
    expect(reader.position('nowhere')).toBeUndefined();
    expect(reader.clusterList()).toEqual([{ id: 'c-1', name: 'Regler og styring', x: 10, y: 0 }]);
    expect(Object.keys(snapshot.clusters)).toEqual(['c-1']);
    expect(reader.cluster('c-1')).toEqual({ id: 'c-1', name: 'Regler og styring', x: 10, y: 0 });
    expect(reader.cluster('c-bad')).toBeUndefined();
    expect(Object.fromEntries(reader.memberships())).toEqual(snapshot.membership);
    expect(reader.strokeList()).toEqual(snapshot.strokes);
    // The snapshot reader takes the live map too.
    expect(readBoardLayout(layout)).toEqual(snapshot);
  });

  it('reads anything else as an empty board', () => {
    for (const source of [undefined, null, 'x', 42, new Y.Doc().getMap('empty')]) {
      const reader = new LayoutReader(source);
      expect(reader.clusterList()).toEqual([]);
      expect(reader.memberships().size).toBe(0);
      expect(reader.strokeList()).toEqual([]);
      expect(reader.position('n1')).toBeUndefined();
    }
  });

  it('names a cluster on one line, cut to the limit, never empty', () => {
    expect(clusterName('  a\tb\u0000c  ')).toBe('a b c');
    expect(clusterName('   ')).toBe('Gruppe');
    expect([...clusterName('x'.repeat(200))]).toHaveLength(LAYOUT_LIMITS.clusterName);
  });
});
