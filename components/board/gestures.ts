// The board's pointer gestures as a Lit controller: drag a note or a cluster (drop onto another to group or
// merge), pan the background, draw with the pen, erase strokes. A drag writes to Yjs at most once per
// animation frame and is one undo step; Escape or a cancelled pointer takes back what it wrote.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Model, type Target, type Whereabouts, clusterBox, dropTarget, notePos } from './board-model.js';
import type { BoardDocController } from './doc-binding.js';
import type { BoardEdits } from './edits.js';
import type { Point } from './geometry.js';
import { newId } from './layout.js';
import { PEN_WIDTH, strokePath } from './pen.js';
import type { Placement } from './placement.js';
import type { Measure, ViewportController } from './viewport.js';

export type Tool = 'move' | 'pen' | 'eraser';

type Drag = {
  kind: 'note' | 'cluster';
  pointerId: number;
  id: string;
  x0: number;
  y0: number;
  off: Point;
  m: Measure;
  active: boolean;
  pos: Point;
  written: Point | null;
  target: Target;
};

type Gesture =
  | Drag
  | { kind: 'pan'; pointerId: number; lastX: number; lastY: number; m: Measure }
  | { kind: 'pen'; pointerId: number; points: number[]; color: string; m: Measure }
  | { kind: 'eraser'; pointerId: number; m: Measure };

export interface GestureHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly editable: boolean;
  readonly tool: Tool;
  readonly penColor: string;
  readonly model: Model;
  readonly where: Whereabouts;
  readonly viewport: ViewportController;
  readonly placement: Placement;
  readonly doc: BoardDocController;
  readonly edits: BoardEdits;
  /** A click (no drag) on a note or a cluster; `rename` for a second click on a cluster. */
  clicked(target: NonNullable<Target>, rename: boolean): void;
  /** A click on the background. */
  clickedBackground(): void;
  dropped(kind: 'note' | 'cluster', id: string, pos: Point, target: Target): void;
  /** Put everything where the layout says, after a drag moved elements by hand. */
  relayout(): void;
}

const DRAG_THRESHOLD = 4;
/** Two clicks on a cluster within this many ms rename it. */
const DOUBLE_CLICK_MS = 450;

const tenth = (n: number) => Math.round(n * 10) / 10;

export class GestureController implements ReactiveController {
  private gesture: Gesture | null = null;
  private frame = 0;
  private lastClick: { id: string; at: number } | null = null;

  constructor(private readonly host: GestureHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** What a drag holds now, drawn where the pointer is (see Whereabouts). */
  get held(): Whereabouts['held'] {
    const g = this.gesture;
    return (g?.kind === 'note' || g?.kind === 'cluster') && g.active ? { kind: g.kind, id: g.id, pos: g.pos } : null;
  }

  get active(): boolean {
    return this.gesture !== null;
  }

  private get live(): SVGPathElement | null {
    return this.host.renderRoot.querySelector<SVGPathElement>('svg.ink path.live');
  }

  readonly onPointerDown = (e: PointerEvent): void => {
    e.stopPropagation();
    if (e.button !== 0) return;
    const host = this.host;
    const vp = host.viewport.element;
    if (!vp || this.gesture) return;
    let noteEl: HTMLElement | null = null;
    let clusterEl: HTMLElement | null = null;
    for (const n of e.composedPath()) {
      if (n === vp) break;
      if (!(n instanceof HTMLElement)) continue;
      if (n.matches('button, input, select, textarea, a, label, .panel, .add')) return;
      if (!noteEl && n.classList.contains('note')) noteEl = n;
      if (!clusterEl && n.classList.contains('cluster')) clusterEl = n;
    }
    const m = host.viewport.measure();
    const at = host.viewport.toBoard(m, e.clientX, e.clientY);
    const drag = (kind: 'note' | 'cluster', id: string, pos: Point): Drag => ({
      kind,
      pointerId: e.pointerId,
      id,
      x0: e.clientX,
      y0: e.clientY,
      off: { x: at.x - pos.x, y: at.y - pos.y },
      m,
      active: false,
      pos,
      written: null,
      target: null,
    });
    if (host.editable && host.tool === 'pen') {
      this.gesture = { kind: 'pen', pointerId: e.pointerId, points: [tenth(at.x), tenth(at.y)], color: host.penColor, m };
      this.drawLive();
    } else if (host.editable && host.tool === 'eraser') {
      host.doc.beginCapture();
      this.gesture = { kind: 'eraser', pointerId: e.pointerId, m };
      this.eraseAt(e);
    } else if (host.editable && noteEl) {
      const id = noteEl.dataset.note!;
      this.gesture = drag('note', id, notePos(host.model, host.where, id));
      noteEl.focus({ preventScroll: true });
    } else if (host.editable && clusterEl) {
      const id = clusterEl.dataset.cluster!;
      // From where the group is drawn (its zone may have moved it from where it was put).
      const { x, y } = clusterBox(host.model, host.where, id);
      this.gesture = drag('cluster', id, { x, y });
      clusterEl.querySelector<HTMLElement>('.cluster-head')?.focus({ preventScroll: true });
    } else {
      this.gesture = { kind: 'pan', pointerId: e.pointerId, lastX: e.clientX, lastY: e.clientY, m };
      vp.setAttribute('data-panning', '');
      vp.focus({ preventScroll: true });
      host.clickedBackground();
    }
    vp.setPointerCapture(e.pointerId);
    e.preventDefault();
  };

  readonly onPointerMove = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    e.stopPropagation();
    const host = this.host;
    switch (g.kind) {
      case 'pan': {
        host.viewport.panBy((e.clientX - g.lastX) / g.m.s, (e.clientY - g.lastY) / g.m.s);
        g.lastX = e.clientX;
        g.lastY = e.clientY;
        return;
      }
      case 'pen': {
        const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
        for (const ev of events.length ? events : [e]) {
          const p = host.viewport.toBoard(g.m, ev.clientX, ev.clientY);
          g.points.push(tenth(p.x), tenth(p.y));
        }
        this.scheduleFrame();
        return;
      }
      case 'eraser':
        this.eraseAt(e);
        return;
      case 'note':
      case 'cluster': {
        if (!g.active) {
          if (Math.hypot(e.clientX - g.x0, e.clientY - g.y0) < DRAG_THRESHOLD) return;
          g.active = true;
          host.doc.beginCapture();
          host.placement.element(g)?.setAttribute('data-dragging', '');
        }
        const at = host.viewport.toBoard(g.m, e.clientX, e.clientY);
        g.pos = { x: at.x - g.off.x, y: at.y - g.off.y };
        // A cluster merges into another cluster only; a note over a note of its own cluster stays put.
        const next = dropTarget(host.model, host.where, g.kind, g.id, at);
        host.placement.markTarget(g.target, next);
        g.target = next;
        if (g.kind === 'note') host.placement.hold(g.id, g.pos);
        else host.placement.cluster(g.id);
        this.scheduleFrame();
        return;
      }
    }
  };

  readonly onPointerUp = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    e.stopPropagation();
    const host = this.host;
    host.viewport.element?.releasePointerCapture(e.pointerId);
    this.stop();
    switch (g.kind) {
      case 'pan':
        host.viewport.element?.removeAttribute('data-panning');
        return;
      case 'pen':
        this.finishStroke(g);
        return;
      case 'eraser':
        host.doc.endCapture();
        return;
      case 'note':
      case 'cluster': {
        if (!g.active) {
          // A double click on a cluster renames it (the browser's dblclick does not follow a prevented pointerdown).
          const now = performance.now();
          const again = !!this.lastClick && this.lastClick.id === g.id && now - this.lastClick.at < DOUBLE_CLICK_MS;
          this.lastClick = { id: g.id, at: now };
          host.clicked({ kind: g.kind, id: g.id }, again && g.kind === 'cluster' && host.editable);
          return;
        }
        host.placement.element(g)?.removeAttribute('data-dragging');
        host.placement.markTarget(g.target, null);
        if (e.type === 'pointercancel') {
          this.cancelDrag(g);
          return;
        }
        host.dropped(g.kind, g.id, g.pos, g.target);
        host.doc.endCapture();
        return;
      }
    }
  };

  private stop(): void {
    this.gesture = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Escape: the gesture under way is given up; false when there was none. */
  cancel(): boolean {
    const g = this.gesture;
    if (!g) return false;
    const host = this.host;
    this.stop();
    host.viewport.element?.releasePointerCapture(g.pointerId);
    if ((g.kind === 'note' || g.kind === 'cluster') && g.active) {
      host.placement.element(g)?.removeAttribute('data-dragging');
      host.placement.markTarget(g.target, null);
      this.cancelDrag(g);
    } else if (g.kind === 'eraser') host.doc.endCapture();
    host.viewport.element?.removeAttribute('data-panning');
    this.drawLive();
    return true;
  }

  /** A drag given up (Escape, a cancelled pointer): what it wrote on the way is taken back. */
  private cancelDrag(g: Drag): void {
    const wrote = g.written !== null;
    this.host.doc.endCapture();
    if (wrote) this.host.doc.undoLast();
    this.host.relayout();
  }

  /** One animation frame: the drag's write to Yjs, or the pen's live line. */
  private scheduleFrame(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const g = this.gesture;
      if (!g) return;
      if (g.kind === 'pen') this.drawLive();
      else if (g.kind === 'note' && g.active && !this.host.model.clusterOf.has(g.id)) this.writeDrag(g);
      else if (g.kind === 'cluster' && g.active) this.writeDrag(g);
    });
  }

  private writeDrag(g: Drag): void {
    if (!this.host.doc.layout) return;
    const p = { x: Math.round(g.pos.x), y: Math.round(g.pos.y) };
    if (g.written && g.written.x === p.x && g.written.y === p.y) return;
    g.written = p;
    this.host.edits.move(g.kind, g.id, p);
  }

  private drawLive(): void {
    const g = this.gesture;
    const live = this.live;
    if (!live) return;
    if (g?.kind !== 'pen') {
      live.setAttribute('d', '');
      return;
    }
    live.setAttribute('fill', g.color);
    live.setAttribute('d', strokePath(g.points, PEN_WIDTH, false));
  }

  private finishStroke(g: Extract<Gesture, { kind: 'pen' }>): void {
    this.host.edits.addStroke({ id: newId('s-'), color: g.color, width: PEN_WIDTH, points: g.points });
    this.live?.setAttribute('d', '');
  }

  private eraseAt(e: PointerEvent): void {
    if (!this.host.doc.layout) return;
    const root = this.host.renderRoot as ShadowRoot;
    for (const el of root.elementsFromPoint(e.clientX, e.clientY)) {
      const id = (el as SVGElement).dataset?.stroke;
      if (id) this.host.edits.eraseStroke(id);
    }
  }
}
