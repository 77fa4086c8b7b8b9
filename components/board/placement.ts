// Direct DOM placement of the board's layer: notes, clusters and zones get their transforms and sizes written
// straight to their style, and pen strokes are kept as SVG paths by id. A drag or a remote move touches only
// the moved elements; Lit renders a note's content, never its place.
import { type Model, type Target, type Whereabouts, clusterBox, notePos } from './board-model.js';
import { farOff, zoneRect, type Point, type Rect, type Size, type View } from './geometry.js';
import type { Stroke } from './layout.js';
import { PEN_WIDTH, strokePath } from './pen.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What placement reads: the model, where things are, and the view (for culling). */
export interface PlacementSource {
  readonly model: Model;
  readonly where: Whereabouts;
  readonly view: View;
  readonly size: Size;
  /** A note placed by hand (its stored position), as opposed to one in its automatic spot. */
  placed(note: string): boolean;
  strokes(): readonly Stroke[];
}

/** Places an element of the layer: a transform, so moving it needs no layout. */
export function setTransform(el: HTMLElement, p: Point): void {
  const t = `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px)`;
  if (el.style.transform !== t) el.style.transform = t;
}

function setBox(el: HTMLElement, r: Rect): void {
  setTransform(el, r);
  const w = `${r.w}px`;
  const h = `${r.h}px`;
  if (el.style.width !== w) el.style.width = w;
  if (el.style.height !== h) el.style.height = h;
}

export class Placement {
  readonly notes = new Map<string, HTMLElement>();
  readonly clusters = new Map<string, HTMLElement>();
  private strokeEls = new Map<string, SVGPathElement>();
  private strokeGroup: SVGGElement | null = null;

  constructor(
    /** The board, whose shadow root exists only once it is connected. */
    private readonly host: { readonly renderRoot: ParentNode },
    private readonly source: PlacementSource,
  ) {}

  /** After a render: the elements Lit made or kept. */
  collect(): void {
    this.notes.clear();
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('.note')) this.notes.set(el.dataset.note!, el);
    this.clusters.clear();
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('.cluster')) this.clusters.set(el.dataset.cluster!, el);
  }

  element(t: Target): HTMLElement | undefined {
    return t ? (t.kind === 'note' ? this.notes.get(t.id) : this.clusters.get(t.id)) : undefined;
  }

  /** Moves the note being dragged where the pointer holds it. */
  hold(id: string, p: Point): void {
    const el = this.notes.get(id);
    if (el) setTransform(el, p);
  }

  note(id: string): void {
    const el = this.notes.get(id);
    if (!el) return;
    const { model, where } = this.source;
    const held = where.held;
    if (held?.kind === 'note' && held.id === id) return;
    const p = notePos(model, where, id);
    setTransform(el, p);
    this.cull(el, p);
    // Notes placed by hand lie above the columns, so a note dropped near a column stays in sight.
    const placed = !model.clusterOf.has(id) && this.source.placed(id);
    if (placed !== el.hasAttribute('data-placed')) el.toggleAttribute('data-placed', placed);
  }

  /**
   * Notes far outside the view skip painting (they stay in the DOM, focusable and findable): with 500
   * notes, Chromium would otherwise layerize hundreds of unseen paint chunks on every frame of a drag.
   */
  private cull(el: HTMLElement, p: Point): void {
    const off = farOff(this.source.view, this.source.size, p);
    if (off !== el.hasAttribute('data-off')) el.toggleAttribute('data-off', off);
  }

  cullAll(): void {
    const { model, where } = this.source;
    for (const [id, el] of this.notes) this.cull(el, notePos(model, where, id));
  }

  cluster(id: string): void {
    const el = this.clusters.get(id);
    const { model, where } = this.source;
    if (el) setBox(el, clusterBox(model, where, id));
    for (const n of model.members.get(id) ?? []) this.note(n);
  }

  all(): void {
    for (const id of this.notes.keys()) this.note(id);
    for (const id of this.clusters.keys()) this.cluster(id);
    this.zones();
  }

  private zones(): void {
    const { model } = this.source;
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('.zone')) {
      const i = Number(el.dataset.color);
      setBox(el, zoneRect(i, model.cols, model.zoneSlots[i] ?? 0));
    }
  }

  /** Marks what a drag would drop onto. */
  markTarget(prev: Target, next: Target): void {
    if (prev?.kind === next?.kind && prev?.id === next?.id) return;
    this.element(prev)?.removeAttribute('data-drop');
    this.element(next)?.setAttribute('data-drop', '');
  }

  /** The pen strokes as SVG paths, in the layout's order; a path is made once per stroke. */
  strokes(): void {
    const group = this.host.renderRoot.querySelector<SVGGElement>('svg.ink g.strokes');
    if (!group) return;
    if (group !== this.strokeGroup) {
      this.strokeGroup = group;
      this.strokeEls.clear();
      group.replaceChildren();
    }
    const list = this.source.strokes();
    const keep = new Set(list.map((s) => s.id));
    for (const [id, el] of this.strokeEls) {
      if (!keep.has(id)) {
        el.remove();
        this.strokeEls.delete(id);
      }
    }
    let prev: Element | null = null;
    for (const s of list) {
      let el = this.strokeEls.get(s.id);
      if (!el) {
        el = document.createElementNS(SVG_NS, 'path');
        el.setAttribute('d', strokePath(s.points, s.width || PEN_WIDTH));
        el.setAttribute('fill', s.color);
        el.dataset.stroke = s.id;
        this.strokeEls.set(s.id, el);
      }
      const want: ChildNode | null = prev ? prev.nextSibling : group.firstChild;
      if (want !== el) group.insertBefore(el, want);
      prev = el;
    }
  }
}
