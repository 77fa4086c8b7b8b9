// Core's board placement, which the board and the export's picture both draw from: it places every note where
// the board's own model does, groups notes in their frames, and flows the zone columns around the frames.
import { boardDef } from './helpers.js';
import { describe, expect, it } from 'vitest';
import type { BoardDef, Note } from '../../core/board.js';
import {
  CLUSTER_PAD,
  NOTE_H,
  NOTE_W,
  ZONE_PAD,
  autoSpot,
  clusterRect,
  noteRect,
  placeBoard,
  type Rect,
} from '../../core/board-geometry.js';
import { buildModel, clusterBox, notePos, placeAuto, zoneRects, type Whereabouts } from '../../components/board/board-model.js';

const def: BoardDef = boardDef();

const note = (id: string, zone: string): Note => ({
  id,
  board: 'tavle',
  zone,
  text: id,
  status: 'visible',
  byFacilitator: false,
  createdAt: 0,
  updatedAt: 0,
});

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('placeBoard', () => {
  const notes = Array.from({ length: 9 }, (_, i) => note(`n${i}`, i % 3 === 0 ? 'm' : 'p'));
  const clusters = [
    { id: 'c-a', name: 'Regler', x: 20, y: 64 },
    { id: 'c-b', name: 'Tillid', x: 20, y: 420 },
  ];
  const membership = new Map([
    ['n1', 'c-a'],
    ['n2', 'c-a'],
    ['n3', 'c-b'],
  ]);
  const positions = { n8: { x: 900, y: 700 } };

  it('puts every note and group where the board model draws it', () => {
    const placed = placeBoard({ zones: ['p', 'm'], notes, clusters, membership, positions });
    const m = buildModel(def, notes, clusters, membership);
    const where: Whereabouts = {
      position: (id) => positions[id as keyof typeof positions],
      cluster: (id) => clusters.find((c) => c.id === id),
      held: null,
    };
    placeAuto(m, where);
    for (const n of notes) expect(placed.notes.get(n.id), n.id).toEqual(notePos(m, where, n.id));
    for (const c of clusters) expect(placed.clusters.get(c.id)).toEqual(clusterBox(m, where, c.id));
    expect(placed.zones).toEqual(zoneRects(m));
    expect(placed.notes.get('n8')).toEqual({ x: 900, y: 700 });
  });

  it('keeps notes never dragged out of the group frames, and notes in a group inside its frame', () => {
    const placed = placeBoard({ zones: ['p', 'm'], notes, clusters, membership, positions: {} });
    const frames = [...placed.clusters.values()];
    expect(overlap(frames[0]!, frames[1]!)).toBe(false);
    for (const n of notes) {
      const r = noteRect(placed.notes.get(n.id)!);
      const home = membership.get(n.id);
      for (const [id, f] of placed.clusters) {
        if (id === home) expect(r.x >= f.x && r.y >= f.y && r.x + NOTE_W <= f.x + f.w && r.y + NOTE_H <= f.y + f.h).toBe(true);
        else expect(overlap(r, f), `${n.id} in ${id}`).toBe(false);
      }
    }
    // The first free note of the first zone flows below the frames in its column.
    expect(placed.notes.get('n4')).not.toEqual(autoSpot(0, placed.cols, 0));
    // Put where its right edge would cross the zone's, a group is drawn just inside it.
    expect(placed.clusters.get('c-a')).toEqual(clusterRect({ x: ZONE_PAD - CLUSTER_PAD, y: 64 }, 2, placed.cols));
  });

  it('places the notes of an empty layout in their zone columns, in board order', () => {
    const placed = placeBoard({ zones: ['p', 'm'], notes, clusters: [], membership: new Map(), positions: {} });
    expect(placed.notes.get('n0')).toEqual(autoSpot(1, placed.cols, 0));
    expect(placed.notes.get('n1')).toEqual(autoSpot(0, placed.cols, 0));
    expect(placed.notes.get('n2')).toEqual(autoSpot(0, placed.cols, 1));
    expect(placed.zones).toHaveLength(2);
  });
});
