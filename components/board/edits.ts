// The facilitator's edits to the board's layout, each one undo step: drops, moves into and out of groups,
// merges, dissolves, gathering duplicates, renames, nudges and the pen. Questions to the facilitator
// (confirm) and what the board says afterwards stay with the element; these only write.
import { GAP, type Point } from './geometry.js';
import { type Model, type Target, type Whereabouts, clusterBox, duplicateHomes, emptiedBy, notePos } from './board-model.js';
import type { BoardDocController } from './doc-binding.js';
import type { BoardLayout, Stroke } from './layout.js';

export interface EditSource {
  readonly model: Model;
  readonly where: Whereabouts;
  dots(): Readonly<Record<string, number>>;
}

export class BoardEdits {
  /** Clusters removed by the last edit because it left them empty (the host drops them from its selection). */
  pruned: string[] = [];

  constructor(
    private readonly doc: BoardDocController,
    private readonly source: EditSource,
  ) {}

  /** Remove a cluster that `leaving` just left empty, unless it carries dots of its own. */
  private pruneIfEmpty(layout: BoardLayout, cluster: string, leaving: string): void {
    if (!emptiedBy(this.source.model, cluster, leaving, this.source.dots())) return;
    layout.clusters?.delete(cluster);
    this.pruned.push(cluster);
  }

  /** A note dropped on a note (a new cluster, returned), on a cluster, or on the open board. */
  dropNote(id: string, pos: Point, target: Target): string | null {
    const layout = this.doc.layout;
    const { model, where } = this.source;
    this.pruned = [];
    if (!layout || !model.byId.has(id)) return null;
    const from = model.clusterOf.get(id) ?? null;
    let created: string | null = null;
    layout.transact(() => {
      if (target?.kind === 'note') {
        const other = model.byId.get(target.id);
        const into = model.clusterOf.get(target.id);
        if (into) {
          if (into !== from) {
            layout.addToCluster(id, into);
            if (from) this.pruneIfEmpty(layout, from, id);
          }
        } else if (other) {
          created = layout.createCluster(other.text, notePos(model, where, target.id), [target.id, id]);
          if (from) this.pruneIfEmpty(layout, from, id);
        }
      } else if (target?.kind === 'cluster') {
        if (target.id !== from) {
          layout.addToCluster(id, target.id);
          if (from) this.pruneIfEmpty(layout, from, id);
        }
      } else if (from) {
        layout.removeFromCluster(id, pos);
        this.pruneIfEmpty(layout, from, id);
      } else layout.setPosition(id, pos);
    });
    return created;
  }

  /** "Flyt til gruppe": '' takes the note out, '__new' starts a cluster with it (returned), else the cluster's id. */
  moveToCluster(id: string, value: string): string | null {
    const { model, where } = this.source;
    const note = model.byId.get(id);
    const from = model.clusterOf.get(id) ?? null;
    this.pruned = [];
    if (!this.doc.layout || !note || (value || null) === from) return null;
    let created: string | null = null;
    this.doc.step((layout) => {
      if (value === '') {
        if (!from) return;
        const r = clusterBox(model, where, from);
        layout.removeFromCluster(id, { x: r.x + r.w + GAP, y: r.y });
        this.pruneIfEmpty(layout, from, id);
      } else if (value === '__new') {
        created = layout.createCluster(note.text, notePos(model, where, id), [id]);
        if (from) this.pruneIfEmpty(layout, from, id);
      } else {
        layout.addToCluster(id, value);
        if (from) this.pruneIfEmpty(layout, from, id);
      }
    });
    return created;
  }

  rename(id: string, name: string): void {
    if (name.trim()) this.doc.step((layout) => layout.rename(id, name));
  }

  merge(from: string, into: string): void {
    if (from !== into) this.doc.step((layout) => layout.merge(from, into));
  }

  /** The cluster goes; its notes stay where they were shown. */
  dissolve(id: string): void {
    const { model, where } = this.source;
    const spots = new Map<string, Point>();
    for (const n of model.members.get(id) ?? []) spots.set(n, notePos(model, where, n));
    this.doc.step((layout) => layout.dissolve(id, spots));
  }

  /** Every group of duplicate notes into one cluster (an existing one if some are already in one); how many groups. */
  gatherDuplicates(): number {
    const { model, where } = this.source;
    const homes = duplicateHomes(model);
    this.pruned = [];
    if (!this.doc.layout || homes.length === 0) return 0;
    this.doc.step((layout) => {
      for (const { notes, into } of homes) {
        if (into) {
          for (const id of notes) {
            const from = model.clusterOf.get(id);
            if (from === into) continue;
            layout.addToCluster(id, into);
            if (from) this.pruneIfEmpty(layout, from, id);
          }
        } else {
          const first = model.byId.get(notes[0]!)!;
          layout.createCluster(first.text, notePos(model, where, first.id), notes);
        }
      }
    });
    return homes.length;
  }

  /** A note or a cluster to a new place: a drag's frame (one undo step for the drag, see beginCapture), an arrow key. */
  move(kind: 'note' | 'cluster', id: string, p: Point): void {
    const layout = this.doc.layout;
    layout?.transact(() => (kind === 'note' ? layout.setPosition(id, p) : layout.moveCluster(id, p)));
  }

  addStroke(stroke: Stroke): void {
    this.doc.step((layout) => layout.addStroke(stroke));
  }

  eraseStroke(id: string): void {
    const layout = this.doc.layout;
    layout?.transact(() => layout.removeStroke(id));
  }

  clearInk(): void {
    this.doc.step((layout) => layout.clearStrokes());
  }

  /** A deleted note's place goes too; not an edit to undo, the note itself is gone. */
  forget(id: string): void {
    const layout = this.doc.layout;
    layout?.transact(() => layout.forget(id), 'rs-board-cleanup');
  }
}
