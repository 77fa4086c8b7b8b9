// The board's keyboard as a Lit controller: arrow keys move the focused note or group (or pan), Enter opens
// its actions, F2 renames, Delete removes, + − 0 zoom, Ctrl+Z undoes; Escape closes the innermost thing open.
// Keys inside the board stay there, so reveal.js does not change slides while the board has focus.
import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Model, type Target, type Whereabouts, clusterBox, notePos } from './board-model.js';
import type { BoardDocController } from './doc-binding.js';
import type { BoardEdits } from './edits.js';
import { noteRect } from './geometry.js';
import type { GestureController } from './gestures.js';
import type { ViewportController } from './viewport.js';

export interface KeyboardHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly editable: boolean;
  readonly model: Model;
  readonly where: Whereabouts;
  readonly viewport: ViewportController;
  readonly gestures: GestureController;
  readonly doc: BoardDocController;
  readonly edits: BoardEdits;
  selected: Target;
  renaming: string | null;
  adding: boolean;
  /** A selector in the board to focus after the next render. */
  focusAfterRender: string | null;
  select(sel: Target, focusPanel?: boolean): void;
  say(text: string): void;
  deleteNote(id: string): void;
  dissolve(id: string): void;
}

const STEP = 10;
const BIG_STEP = 50;
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

export class KeyboardController implements ReactiveController {
  constructor(private readonly host: KeyboardHost) {
    host.addController(this);
  }

  /** On the host, so keys anywhere in its shadow root (they are composed) stop here. */
  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeyDown);
    this.host.addEventListener('keyup', this.stopKeys);
    this.host.addEventListener('keypress', this.stopKeys);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeyDown);
    this.host.removeEventListener('keyup', this.stopKeys);
    this.host.removeEventListener('keypress', this.stopKeys);
  }

  /** Keys inside the board stay in the board: reveal.js must not change slides while it has focus. */
  readonly stopKeys = (e: KeyboardEvent): void => {
    e.stopPropagation();
  };

  private blur(): void {
    ((this.host.renderRoot as ShadowRoot).activeElement as HTMLElement | null)?.blur();
  }

  readonly onKeyDown = (e: KeyboardEvent): void => {
    const host = this.host;
    // Focus left behind on a slide that is no longer shown: give the keys back to the deck.
    const section = host.closest('.reveal .slides section');
    if (section && !section.classList.contains('present')) {
      this.blur();
      return;
    }
    e.stopPropagation();
    const path = e.composedPath();
    const inField = path.some((n) => n instanceof HTMLElement && n.matches('input, textarea, select'));
    const inText = path.some((n) => n instanceof HTMLElement && n.matches('input, textarea'));
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !inText && (e.key === 'z' || e.key === 'Z' || e.key === 'y')) {
      e.preventDefault();
      if (e.key === 'y' || e.shiftKey) host.doc.redo();
      else host.doc.undoLast();
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      this.escape();
      return;
    }
    if (inField || mod || e.altKey) return;
    const noteEl = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.classList.contains('note'));
    const headEl = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.classList.contains('cluster-head'));
    const arrow = ARROWS[e.key];
    const step = e.shiftKey ? BIG_STEP : STEP;
    if (noteEl && host.editable && this.onNote(e, noteEl.dataset.note!, arrow, step)) return;
    if (headEl && host.editable && this.onCluster(e, headEl.closest<HTMLElement>('.cluster')!.dataset.cluster!, arrow, step)) return;
    if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      host.viewport.zoomAt(1.25);
    } else if (e.key === '-' || e.key === '_') {
      e.preventDefault();
      host.viewport.zoomAt(1 / 1.25);
    } else if (e.key === '0') {
      e.preventDefault();
      host.viewport.fitAll();
    } else if (arrow && path[0] === host.viewport.element) {
      e.preventDefault();
      host.viewport.panBy(-arrow[0] * step * 4, -arrow[1] * step * 4);
    }
  };

  /** A key on a focused note; false when it is not the note's. */
  private onNote(e: KeyboardEvent, id: string, arrow: [number, number] | undefined, step: number): boolean {
    const host = this.host;
    if (arrow) {
      e.preventDefault();
      const cluster = host.model.clusterOf.get(id);
      if (cluster) {
        const name = host.doc.layout?.cluster(cluster)?.name ?? '';
        host.say(msg(str`Sedlen ligger i gruppen «${name}». Flyt gruppen, eller vælg «Ingen gruppe» under Flyt til gruppe.`));
        return true;
      }
      const p = notePos(host.model, host.where, id);
      host.edits.move('note', id, { x: p.x + arrow[0] * step, y: p.y + arrow[1] * step });
      host.viewport.reveal(noteRect(notePos(host.model, host.where, id)));
      return true;
    }
    return this.onItem(e, 'note', id);
  }

  /** Enter opens the actions of the focused note or cluster; Delete deletes the note or dissolves the cluster. */
  private onItem(e: KeyboardEvent, kind: 'note' | 'cluster', id: string): boolean {
    const open = e.key === 'Enter' || e.key === ' ';
    if (!open && e.key !== 'Delete' && e.key !== 'Backspace') return false;
    e.preventDefault();
    if (open) this.host.select({ kind, id }, true);
    else if (kind === 'note') this.host.deleteNote(id);
    else this.host.dissolve(id);
    return true;
  }

  /** A key on a focused cluster header; false when it is not the cluster's. */
  private onCluster(e: KeyboardEvent, id: string, arrow: [number, number] | undefined, step: number): boolean {
    const host = this.host;
    if (arrow) {
      e.preventDefault();
      const p = clusterBox(host.model, host.where, id);
      host.edits.move('cluster', id, { x: p.x + arrow[0] * step, y: p.y + arrow[1] * step });
      // Keep its header in sight; a tall cluster need not fit.
      const r = clusterBox(host.model, host.where, id);
      host.viewport.reveal({ ...r, h: Math.min(r.h, 200) });
      return true;
    }
    if (e.key === 'F2') {
      e.preventDefault();
      host.renaming = id;
      return true;
    }
    return this.onItem(e, 'cluster', id);
  }

  /** Escape closes the innermost thing open: a gesture, the add form, the selection; then the keys go back to the slides. */
  private escape(): void {
    const host = this.host;
    if (host.gestures.cancel()) return;
    if (host.renaming) return;
    if (host.adding) {
      host.adding = false;
      host.focusAfterRender = '.tools [data-action="add"]';
      return;
    }
    if (host.selected) {
      const s = host.selected;
      host.selected = null;
      host.focusAfterRender = s.kind === 'note' ? `.note[data-note="${s.id}"]` : `.cluster[data-cluster="${s.id}"] .cluster-head`;
      return;
    }
    this.blur();
  }
}
