// The whiteboard's model without a browser: which notes and clusters a board shows, where each is drawn, what a
// point hits, the duplicates and the table's rows, and the pan and zoom that map them to the viewport.
import { boardDef } from './helpers.js';
import { describe, expect, it } from 'vitest';
import type { BoardDef, Note } from '../../core/board.js';
import {
  boardBounds,
  buildModel,
  clusterBox,
  clusterDots,
  dropTarget,
  duplicateHomes,
  emptiedBy,
  hitTest,
  notePos,
  placeAuto,
  tableRows,
  zoneRects,
  type Whereabouts,
} from '../../components/board/board-model.js';
import {
  CLUSTER_HEAD,
  CLUSTER_PAD,
  GAP,
  NOTE_H,
  NOTE_W,
  ZONE_HEAD,
  ZONE_PAD,
  autoSpot,
  farOff,
  fitView,
  panToShow,
  zoomAround,
} from '../../components/board/geometry.js';

const def: BoardDef = boardDef();

const note = (id: string, zone: string, text: string, status: Note['status'] = 'visible'): Note => ({
  id,
  board: 'tavle',
  zone,
  text,
  status,
  byFacilitator: false,
  createdAt: 0,
  updatedAt: 0,
});

const notes = [
  note('n1', 'p', 'For mange regler'),
  note('n2', 'p', 'Regler binder os'),
  note('n3', 'm', 'Lokale løsninger'),
  note('n4', 'm', 'lokale LØSNINGER!'),
  note('n5', 'p', 'Skjult', 'hidden'),
];

const nowhere: Whereabouts = { position: () => undefined, cluster: () => undefined, held: null };

describe('buildModel', () => {
  it('sorts clusters by name and lists their notes in board order', () => {
    const m = buildModel(
      def,
      notes,
      [
        { id: 'c-b', name: 'Styring', x: 0, y: 0 },
        { id: 'c-a', name: 'Regler', x: 0, y: 0 },
      ],
      new Map([
        ['n2', 'c-a'],
        ['n1', 'c-a'],
        ['n9', 'c-a'],
      ]),
    );
    expect(m.clusters.map((c) => c.id)).toEqual(['c-a', 'c-b']);
    expect(m.members.get('c-a')).toEqual(['n1', 'n2']);
    expect(m.members.get('c-b')).toEqual([]);
    expect(m.memberIndex.get('n2')).toBe(1);
    expect(m.zoneCounts).toEqual([3, 2]);
    // Two zones, two notes across each: readable notes are wide.
    expect(m.cols).toBe(2);
  });

  it('finds duplicates among visible notes not already together', () => {
    const m = buildModel(def, notes, [], new Map());
    expect(m.duplicates).toEqual([['n3', 'n4']]);
    expect([...m.dupIds]).toEqual(['n3', 'n4']);
    expect(duplicateHomes(m)).toEqual([{ notes: ['n3', 'n4'], into: null }]);
    const together = buildModel(
      def,
      notes,
      [{ id: 'c', name: 'L', x: 0, y: 0 }],
      new Map([
        ['n3', 'c'],
        ['n4', 'c'],
      ]),
    );
    expect(together.duplicates).toEqual([]);
    const half = buildModel(def, notes, [{ id: 'c', name: 'L', x: 0, y: 0 }], new Map([['n4', 'c']]));
    expect(duplicateHomes(half)).toEqual([{ notes: ['n3', 'n4'], into: 'c' }]);
  });
});

describe('where things are drawn', () => {
  it('fills each zone column in board order, and a placed note keeps its spot', () => {
    const m = buildModel(def, notes, [], new Map());
    placeAuto(m, nowhere);
    expect(m.auto.get('n1')).toEqual(autoSpot(0, m.cols, 0));
    expect(m.auto.get('n2')).toEqual(autoSpot(0, m.cols, 1));
    expect(m.auto.get('n3')).toEqual(autoSpot(1, m.cols, 0));
    expect(m.zoneSlots).toEqual([3, 2]);
    const placed: Whereabouts = { ...nowhere, position: (id) => (id === 'n1' ? { x: 900, y: 900 } : undefined) };
    placeAuto(m, placed);
    expect(notePos(m, placed, 'n1')).toEqual({ x: 900, y: 900 });
    expect(notePos(m, placed, 'n2')).toEqual(autoSpot(0, m.cols, 1));
    expect(zoneRects(m)).toHaveLength(2);
  });

  it('flows a column around a cluster, and draws the cluster’s notes in its grid', () => {
    const clusters = [{ id: 'c', name: 'Regler', x: ZONE_PAD, y: ZONE_HEAD }];
    const m = buildModel(def, notes, clusters, new Map([['n3', 'c']]));
    const where: Whereabouts = { ...nowhere, cluster: (id) => clusters.find((c) => c.id === id) };
    placeAuto(m, where);
    const box = clusterBox(m, where, 'c');
    expect(box).toMatchObject({ x: ZONE_PAD, y: ZONE_HEAD, w: CLUSTER_PAD * 2 + NOTE_W });
    // The spots the cluster covers (with half a gap around it) are skipped: both spots of the two rows it spans.
    expect(m.auto.get('n1')).toEqual(autoSpot(0, m.cols, 4));
    expect(m.auto.get('n2')).toEqual(autoSpot(0, m.cols, 5));
    expect(m.zoneSlots[0]).toBe(7);
    expect(notePos(m, where, 'n3')).toEqual({ x: ZONE_PAD + CLUSTER_PAD, y: ZONE_HEAD + CLUSTER_HEAD });
    // What a pointer holds is drawn where it is held, its notes with it.
    const held: Whereabouts = { ...where, held: { kind: 'cluster', id: 'c', pos: { x: 1000, y: 1000 } } };
    expect(notePos(m, held, 'n3')).toEqual({ x: 1000 + CLUSTER_PAD, y: 1000 + CLUSTER_HEAD });
  });

  it('hits the topmost note, then a cluster as drawn; a dragged cluster drops only onto another cluster', () => {
    const clusters = [
      { id: 'a', name: 'A', x: 2000, y: 0 },
      { id: 'b', name: 'B', x: 3000, y: 0 },
    ];
    const m = buildModel(def, notes, clusters, new Map([['n3', 'b']]));
    const where: Whereabouts = { ...nowhere, cluster: (id) => clusters.find((c) => c.id === id) };
    placeAuto(m, where);
    const at = (p: { x: number; y: number }) => ({ x: p.x + 5, y: p.y + 5 });
    expect(hitTest(m, where, at(notePos(m, where, 'n2')), null, null)).toEqual({ kind: 'note', id: 'n2' });
    expect(hitTest(m, where, at(notePos(m, where, 'n2')), 'n2', null)).toBeNull();
    // Put far off to the right, the clusters are drawn inside the last zone, one below the other.
    const a = clusterBox(m, where, 'a');
    const b = clusterBox(m, where, 'b');
    const last = zoneRects(m)[1]!;
    for (const r of [a, b]) expect(r.x >= last.x && r.x + r.w <= last.x + last.w && r.y + r.h <= last.y + last.h).toBe(true);
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.h + GAP);
    expect(hitTest(m, where, { x: a.x + 5, y: a.y + 5 }, null, null)).toEqual({ kind: 'cluster', id: 'a' });
    expect(dropTarget(m, where, 'cluster', 'a', at(notePos(m, where, 'n3')))).toEqual({ kind: 'cluster', id: 'b' });
    expect(dropTarget(m, where, 'cluster', 'a', at(notePos(m, where, 'n1')))).toBeNull();
    expect(boardBounds(m, where, [{ points: [-100, -50, 0, 0] }])).toMatchObject({ x: -100, y: -50 });
  });
});

describe('dots and the table', () => {
  const m = buildModel(
    def,
    notes,
    [{ id: 'c', name: 'Regler', x: 0, y: 0 }],
    new Map([
      ['n1', 'c'],
      ['n5', 'c'],
    ]),
  );

  it('counts a cluster’s own dots and those on its visible notes', () => {
    expect(clusterDots(m, 'c', { c: 2, n1: 3, n5: 7, n2: 1 })).toBe(5);
  });

  it('lets a cluster go when its last note leaves, unless it carries dots', () => {
    const one = buildModel(def, notes, [{ id: 'c', name: 'R', x: 0, y: 0 }], new Map([['n1', 'c']]));
    expect(emptiedBy(one, 'c', 'n1', {})).toBe(true);
    expect(emptiedBy(one, 'c', 'n1', { c: 1 })).toBe(false);
    expect(emptiedBy(m, 'c', 'n1', {})).toBe(false);
  });

  it('orders rows by zone, then group, then text', () => {
    expect(tableRows(m).map((r) => [r.n.id, r.group])).toEqual([
      ['n2', ''],
      ['n1', 'Regler'],
      ['n5', 'Regler'],
      ['n3', ''],
      ['n4', ''],
    ]);
  });
});

describe('pan and zoom', () => {
  it('zooms around a point that stays still, within limits', () => {
    const v = zoomAround({ x: 0, y: 0, z: 1 }, 2, 100, 50);
    expect(v).toEqual({ x: -100, y: -50, z: 2 });
    expect(zoomAround({ x: 0, y: 0, z: 1 }, 100, 0, 0).z).toBe(3);
    expect(zoomAround({ x: 0, y: 0, z: 1 }, 0.001, 0, 0).z).toBe(0.1);
  });

  it('fits a rectangle, and pans just enough to show one', () => {
    expect(fitView({ w: 0, h: 0 }, { x: 0, y: 0, w: 10, h: 10 }, 1)).toBeNull();
    const v = fitView({ w: 1032, h: 500 }, { x: 0, y: 0, w: 1000, h: 100 }, 1.5, true)!;
    expect(v).toEqual({ z: 1, x: 16, y: 16 });
    // Never below a readable zoom: what is too wide then starts at the left, to pan to.
    expect(fitView({ w: 1032, h: 500 }, { x: 0, y: 0, w: 3000, h: 100 }, 1.5, true, 0.8)).toEqual({ z: 0.8, x: 16, y: 16 });
    expect(fitView({ w: 1032, h: 500 }, { x: 0, y: 0, w: 3000, h: 100 }, 1.5, true)!.z).toBeCloseTo(1000 / 3000);
    expect(panToShow({ x: 0, y: 0, z: 1 }, { w: 500, h: 500 }, { x: 600, y: 100, w: NOTE_W, h: NOTE_H })).toEqual({
      x: 500 - 12 - (600 + NOTE_W),
      y: 0,
    });
    expect(panToShow({ x: 0, y: 0, z: 1 }, { w: 500, h: 500 }, { x: 100, y: 100, w: 10, h: 10 })).toEqual({ x: 0, y: 0 });
  });

  it('culls notes a quarter of the viewport beyond its edges', () => {
    const size = { w: 1000, h: 600 };
    expect(farOff({ x: 0, y: 0, z: 1 }, size, { x: 1200, y: 0 })).toBe(false);
    expect(farOff({ x: 0, y: 0, z: 1 }, size, { x: 1300, y: 0 })).toBe(true);
    expect(farOff({ x: 0, y: 0, z: 1 }, { w: 0, h: 0 }, { x: 9999, y: 0 })).toBe(false);
    expect(GAP).toBeGreaterThan(0);
  });
});
