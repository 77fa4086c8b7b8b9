// <rs-board board="<id>">: the shared whiteboard on the facilitator's deck. Zones from the deck's manifest,
// sticky notes coloured by zone, pan and zoom, named clusters, a free-hand pen, moderation and phase
// controls, undo and redo per facilitator. Several facilitators shape the layout at once through Yjs.
// With a participant connection it draws the board read-only.
//
// Performance: notes sit absolutely positioned in one layer that a CSS transform pans and zooms. Lit
// renders a note's content only when notes, clusters, membership or dots change; positions are written
// straight to the moved elements' style (a drag, a remote move), never through a render of all notes.
// A drag writes to Yjs at most once per animation frame, in a transaction with this facilitator's origin.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import * as Y from 'yjs';
import type { BoardDef, BoardPhase, Note } from '../../core/board.js';
import type { DeckManifest } from '../../core/deck.js';
import { DOC, LIVE_DOC, type BoardPublicState } from '../../core/room-doc.js';
import type { BoardControlRequest } from '../../core/wire.js';
import { ApiError, type FacilitatorApi } from '../room/api.js';
import { answersCount, errorText, formatNumber } from '../i18n.js';
import type { RoomConnection } from '../room/room-connection.js';
import { deckContext, facilitatorContext, roomContext } from '../room/room-context.js';
import { buttons, tokens } from '../theme.js';
import { boardStyles } from './board-styles.js';
import {
  GAP,
  NOTE_H,
  NOTE_W,
  autoSpot,
  clusterRect,
  contains,
  duplicateKey,
  memberSpot,
  noteRect,
  union,
  zoneColumns,
  zoneRect,
  type Point,
  type Rect,
} from './geometry.js';
import { BoardLayout, newId, type ClusterInfo, type Stroke } from './layout.js';
import { PEN_COLORS, PEN_WIDTH, isStroke, strokePath } from './pen.js';

type Tool = 'move' | 'pen' | 'eraser';
type Selection = { kind: 'note' | 'cluster'; id: string } | null;
type Target = { kind: 'note' | 'cluster'; id: string } | null;

interface Model {
  notes: Note[];
  byId: Map<string, Note>;
  cols: number;
  zoneIndex: Map<string, number>;
  zoneCounts: number[];
  /** Automatic spots used in each zone's column (its height). */
  zoneSlots: number[];
  auto: Map<string, Point>;
  clusters: ClusterInfo[];
  clusterOf: Map<string, string>;
  /** clusterId → its notes in board order */
  members: Map<string, string[]>;
  memberIndex: Map<string, number>;
  duplicates: string[][];
  dupIds: Set<string>;
}

interface Measure {
  left: number;
  top: number;
  /** Screen px per slide px (reveal.js scales the slide). */
  s: number;
}

type Gesture =
  | {
      kind: 'note';
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
    }
  | {
      kind: 'cluster';
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
    }
  | { kind: 'pan'; pointerId: number; lastX: number; lastY: number; m: Measure }
  | { kind: 'pen'; pointerId: number; points: number[]; color: string; m: Measure }
  | { kind: 'eraser'; pointerId: number; m: Measure };

const EMPTY_MODEL: Model = {
  notes: [],
  byId: new Map(),
  cols: 3,
  zoneIndex: new Map(),
  zoneCounts: [],
  zoneSlots: [],
  auto: new Map(),
  clusters: [],
  clusterOf: new Map(),
  members: new Map(),
  memberIndex: new Map(),
  duplicates: [],
  dupIds: new Set(),
};

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 3;
const DRAG_THRESHOLD = 4;
const STEP = 10;
const BIG_STEP = 50;
const SVG_NS = 'http://www.w3.org/2000/svg';
const collator = new Intl.Collator('da');

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
// Counts in the facilitator's language, with the number written as the language writes it.
const notesText = (n: number) => (n === 1 ? msg('1 seddel') : msg(str`${formatNumber(n)} sedler`));
const dotsText = (n: number) => (n === 1 ? msg('1 prik') : msg(str`${formatNumber(n)} prikker`));
const groupsText = (n: number) => (n === 1 ? msg('1 gruppe') : msg(str`${formatNumber(n)} grupper`));

/** The board's phase on the projector (core's BOARD_PHASE_LABELS is the Danish of the exports). */
function phaseText(phase: BoardPhase): string {
  return { closed: msg('Lukket'), notes: msg('Åben for sedler'), dots: msg('Åben for prikker') }[phase];
}

/** A note's moderation state; `short` leaves out "for deltagerne". */
function noteStatusText(status: Note['status'], short = false): string {
  if (status === 'pending') return msg('Afventer godkendelse');
  if (status === 'hidden') return short ? msg('Skjult') : msg('Skjult for deltagerne');
  return msg('Synlig');
}

@customElement('rs-board')
@localized()
export class RsBoard extends LitElement {
  static override styles = [tokens, buttons, boardStyles];

  @property({ reflect: true }) board = '';
  @property() prompt = '';

  @consume({ context: roomContext, subscribe: true })
  @state()
  room: RoomConnection | undefined;

  @consume({ context: facilitatorContext, subscribe: true })
  @state()
  api: FacilitatorApi | undefined;

  @consume({ context: deckContext, subscribe: true })
  @state()
  deck: DeckManifest | undefined;

  @state() private tool: Tool = 'move';
  @state() private penColor = PEN_COLORS[0]!.color;
  @state() private selected: Selection = null;
  @state() private renaming: string | null = null;
  @state() private adding = false;
  /** The board as a table: every note with its zone, group and dots (for screen readers and for reading). */
  @state() private listView = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private toast = '';
  @state() private canUndo = false;
  @state() private canRedo = false;

  /** The origin of this facilitator's layout transactions: what the undo manager tracks. */
  private readonly origin = { rsBoard: 'local' };
  private layout: BoardLayout | null = null;
  private undo: Y.UndoManager | null = null;
  private unbindRoom: (() => void)[] = [];
  private unbindLayout: (() => void)[] = [];
  private model: Model = EMPTY_MODEL;
  private binding = false;
  private noteEls = new Map<string, HTMLElement>();
  private clusterEls = new Map<string, HTMLElement>();
  private strokeEls = new Map<string, SVGPathElement>();
  private strokeGroup: SVGGElement | null = null;
  private view = { x: 0, y: 0, z: 1 };
  private viewSize = { w: 0, h: 0 };
  private fitted = false;
  private gesture: Gesture | null = null;
  private frame = 0;
  private resize: ResizeObserver | null = null;
  private toastTimer: ReturnType<typeof setTimeout> | null = null;
  private focusAfterRender: string | null = null;
  private lastClick: { id: string; at: number } | null = null;

  /** The server's definition from the manifest; the markup is only the source it was built from. */
  get definition(): BoardDef | undefined {
    return this.deck?.boards?.find((b) => b.id === this.board);
  }

  /** Facilitators edit; a participant's connection draws the board read-only. */
  get editable(): boolean {
    return !!this.api && this.room?.options.role === 'facilitator';
  }

  // ---------------------------------------------------------------- lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.onWindowResize);
    if (this.room) this.bindRoom();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('resize', this.onWindowResize);
    this.resize?.disconnect();
    this.resize = null;
    this.unbind();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room') || changed.has('board')) this.bindRoom();
  }

  protected override firstUpdated(): void {
    this.resize = new ResizeObserver(() => this.onResize());
    this.resize.observe(this);
    const vp = this.viewport;
    if (vp) this.resize.observe(vp);
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.collectElements();
    this.syncStrokes();
    this.placeAll();
    this.applyView();
    if ((changed as Map<string, unknown>).has('renaming') && this.renaming) {
      const input = this.renderRoot.querySelector<HTMLInputElement>('.cluster-head input');
      input?.focus({ preventScroll: true });
      input?.select();
    }
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus({ preventScroll: true });
      this.focusAfterRender = null;
    }
  }

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  private get layer(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.layer');
  }

  // ---------------------------------------------------------------- Yjs bindings

  private unbind(): void {
    for (const off of this.unbindLayout) off();
    this.unbindLayout = [];
    for (const off of this.unbindRoom) off();
    this.unbindRoom = [];
    this.undo?.destroy();
    this.undo = null;
    this.layout = null;
  }

  private bindRoom(): void {
    this.unbind();
    const room = this.room;
    if (!room || !this.board) return;
    const offs = this.unbindRoom;
    const watch = (map: Y.Map<unknown>, fn: (e: Y.YMapEvent<unknown>) => void) => {
      map.observe(fn);
      offs.push(() => map.unobserve(fn));
    };
    watch(room.doc.getMap(DOC.boards), (e) => {
      if (e.keysChanged.has(this.board)) this.requestUpdate();
    });
    const notes = room.liveDoc ? room.liveDoc.getMap(LIVE_DOC.notes) : room.doc.getMap(DOC.notes);
    watch(notes, (e) => {
      for (const key of e.keysChanged) {
        const now = notes.get(key) as Note | undefined;
        const before = e.changes.keys.get(key)?.oldValue as Note | undefined;
        if (now?.board === this.board || before?.board === this.board) {
          this.requestUpdate();
          return;
        }
      }
    });
    const dots = room.liveDoc ? room.liveDoc.getMap(LIVE_DOC.dots) : room.doc.getMap(DOC.dots);
    watch(dots, (e) => {
      if (e.keysChanged.has(this.board)) this.requestUpdate();
    });
    watch(room.doc.getMap(DOC.layout), (e) => {
      if (e.keysChanged.has(this.board) && room.doc.getMap(DOC.layout).get(this.board) !== this.layout?.map) this.bindLayout(true);
    });
    const onSync = (synced: boolean) => {
      if (synced) this.bindLayout(false);
    };
    room.provider.on('sync', onSync);
    offs.push(() => room.provider.off('sync', onSync));
    this.bindLayout(true);
    this.requestUpdate();
  }

  private bindLayout(force: boolean): void {
    const room = this.room;
    // room.layout() may create the map, which the layouts observer reports back to us at once.
    if (!room || this.binding) return;
    this.binding = true;
    let map: Y.Map<unknown> | undefined;
    try {
      map = room.layout(this.board);
    } finally {
      this.binding = false;
    }
    if (!force && map && this.layout?.map === map) return;
    for (const off of this.unbindLayout) off();
    this.unbindLayout = [];
    this.undo?.destroy();
    this.undo = null;
    this.layout = null;
    this.canUndo = this.canRedo = false;
    this.requestUpdate();
    if (!map) return;
    const layout = new BoardLayout(room.doc, map, this.origin);
    if (this.editable) layout.ensure();
    this.layout = layout;
    const offs = this.unbindLayout;
    // A part of the layout replaced (made by another client at the same time): observe the new one.
    const onLayoutKeys = () => queueMicrotask(() => this.bindLayout(true));
    map.observe(onLayoutKeys);
    offs.push(() => map.unobserve(onLayoutKeys));
    const positions = layout.positions;
    if (positions) {
      const onPositions = (e: Y.YMapEvent<Point>) => {
        for (const key of e.keysChanged) this.placeNote(key);
      };
      positions.observe(onPositions);
      offs.push(() => positions.unobserve(onPositions));
    }
    const clusters = layout.clusters;
    if (clusters) {
      const onClusters = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        let structural = false;
        for (const ev of events) {
          if (ev.target === clusters || (ev as Y.YMapEvent<unknown>).keysChanged.has('name')) structural = true;
        }
        // A moved cluster: notes in the columns flow around it again.
        if (structural) this.requestUpdate();
        else this.relayout();
      };
      clusters.observeDeep(onClusters);
      offs.push(() => clusters.unobserveDeep(onClusters));
    }
    const membership = layout.membership;
    if (membership) {
      const onMembership = () => this.requestUpdate();
      membership.observe(onMembership);
      offs.push(() => membership.unobserve(onMembership));
    }
    const strokes = layout.strokes;
    if (strokes) {
      const onStrokes = () => this.syncStrokes();
      strokes.observe(onStrokes);
      offs.push(() => strokes.unobserve(onStrokes));
    }
    if (this.editable) {
      const undo = new Y.UndoManager(map, { trackedOrigins: new Set([this.origin]), captureTimeout: 600 });
      const onStack = () => {
        const u = undo.undoStack.length > 0;
        const r = undo.redoStack.length > 0;
        if (u !== this.canUndo) this.canUndo = u;
        if (r !== this.canRedo) this.canRedo = r;
      };
      undo.on('stack-item-added', onStack);
      undo.on('stack-item-popped', onStack);
      undo.on('stack-cleared', onStack);
      this.undo = undo;
    }
  }

  // ---------------------------------------------------------------- model

  private buildModel(def: BoardDef | undefined): Model {
    const room = this.room;
    if (!room || !def) return EMPTY_MODEL;
    const notes = room.notes(this.board);
    const byId = new Map(notes.map((n) => [n.id, n]));
    const cols = zoneColumns(def.zones.length);
    const zoneIndex = new Map(def.zones.map((z, i) => [z.id, i]));
    const zoneCounts = def.zones.map(() => 0);
    for (const n of notes) {
      const zi = zoneIndex.get(n.zone) ?? 0;
      zoneCounts[zi] = zoneCounts[zi]! + 1;
    }
    const clusters = this.layout?.clusterList() ?? [];
    clusters.sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    const clusterOf = new Map<string, string>();
    const members = new Map<string, string[]>(clusters.map((c) => [c.id, []]));
    const memberIndex = new Map<string, number>();
    const memberships = this.layout?.memberships() ?? new Map<string, string>();
    for (const n of notes) {
      const c = memberships.get(n.id);
      if (!c) continue;
      const list = members.get(c);
      if (!list) continue;
      clusterOf.set(n.id, c);
      memberIndex.set(n.id, list.length);
      list.push(n.id);
    }
    // Duplicates: visible notes with the same text that are not already together in one cluster.
    const groups = new Map<string, string[]>();
    for (const n of notes) {
      if (n.status !== 'visible') continue;
      const key = duplicateKey(n.text);
      if (!key) continue;
      const g = groups.get(key);
      if (g) g.push(n.id);
      else groups.set(key, [n.id]);
    }
    const duplicates: string[][] = [];
    const dupIds = new Set<string>();
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      const first = clusterOf.get(g[0]!);
      if (first && g.every((id) => clusterOf.get(id) === first)) continue;
      duplicates.push(g);
      for (const id of g) dupIds.add(id);
    }
    const zoneSlots = def.zones.map(() => 0);
    return {
      notes,
      byId,
      cols,
      zoneIndex,
      zoneCounts,
      zoneSlots,
      auto: new Map(),
      clusters,
      clusterOf,
      members,
      memberIndex,
      duplicates,
      dupIds,
    };
  }

  /**
   * Automatic spots: the notes of a zone fill its column in board order. A note keeps its spot when it
   * is moved elsewhere (a hole, so nothing slides in under a nudged note); notes in clusters give
   * theirs up, and the column flows around clusters, so a cluster never hides a note. Every
   * facilitator computes the same spots from the same shared state.
   */
  private computeAuto(): void {
    const m = this.model;
    const obstacles = m.clusters.map((c) => this.clusterRectOf(c.id));
    const half = GAP / 2;
    const blocked = (r: Rect) =>
      obstacles.some((o) => r.x < o.x + o.w + half && r.x + r.w + half > o.x && r.y < o.y + o.h + half && r.y + r.h + half > o.y);
    const next = m.zoneSlots.map(() => 0);
    m.auto.clear();
    for (const n of m.notes) {
      if (m.clusterOf.has(n.id)) continue;
      const zi = m.zoneIndex.get(n.zone) ?? 0;
      let k = next[zi] ?? 0;
      let spot = autoSpot(zi, m.cols, k);
      while (obstacles.length > 0 && k < 5000 && blocked(noteRect(spot))) spot = autoSpot(zi, m.cols, ++k);
      // Kept for placed notes too: their spot is theirs again if the position goes (undo).
      m.auto.set(n.id, spot);
      next[zi] = k + 1;
    }
    m.zoneSlots = next;
  }

  /** Recompute automatic spots and move whatever they moved; no render. */
  private relayout(): void {
    this.computeAuto();
    this.placeAll();
  }

  private clusterAt(id: string): Point {
    const g = this.gesture;
    if (g?.kind === 'cluster' && g.active && g.id === id) return g.pos;
    return this.layout?.cluster(id) ?? { x: 0, y: 0 };
  }

  /** Where a note is drawn now: in its cluster, at its stored position, or at its automatic spot. */
  private notePos(id: string): Point {
    const m = this.model;
    const g = this.gesture;
    if (g?.kind === 'note' && g.active && g.id === id) return g.pos;
    const c = m.clusterOf.get(id);
    if (c) return memberSpot(this.clusterAt(c), m.memberIndex.get(id) ?? 0, m.members.get(c)?.length ?? 1);
    return this.layout?.position(id) ?? m.auto.get(id) ?? { x: 0, y: 0 };
  }

  private clusterRectOf(id: string): Rect {
    return clusterRect(this.clusterAt(id), this.model.members.get(id)?.length ?? 0);
  }

  private dotsOf(): Record<string, number> {
    return this.room?.dots(this.board) ?? {};
  }

  private clusterDots(id: string, dots: Record<string, number>): number {
    let total = dots[id] ?? 0;
    for (const n of this.model.members.get(id) ?? []) {
      if (this.model.byId.get(n)?.status === 'visible') total += dots[n] ?? 0;
    }
    return total;
  }

  // ---------------------------------------------------------------- direct DOM placement

  private collectElements(): void {
    this.noteEls.clear();
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.note')) this.noteEls.set(el.dataset.note!, el);
    this.clusterEls.clear();
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.cluster')) this.clusterEls.set(el.dataset.cluster!, el);
  }

  /** Places an element of the layer: a transform, so moving it needs no layout. */
  private static setTransform(el: HTMLElement, p: Point): void {
    const t = `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px)`;
    if (el.style.transform !== t) el.style.transform = t;
  }

  private placeNote(id: string): void {
    const el = this.noteEls.get(id);
    if (!el) return;
    const g = this.gesture;
    if (g?.kind === 'note' && g.active && g.id === id) return;
    const p = this.notePos(id);
    RsBoard.setTransform(el, p);
    this.cullNote(el, p);
    // Notes placed by hand lie above the columns, so a note dropped near a column stays in sight.
    const placed = !this.model.clusterOf.has(id) && !!this.layout?.position(id);
    if (placed !== el.hasAttribute('data-placed')) el.toggleAttribute('data-placed', placed);
  }

  /**
   * Notes far outside the view skip painting (they stay in the DOM, focusable and findable): with 500
   * notes, Chromium would otherwise layerize hundreds of unseen paint chunks on every frame of a drag.
   */
  private cullNote(el: HTMLElement, p: Point): void {
    const { x, y, z } = this.view;
    const { w, h } = this.viewSize;
    const mx = w * 0.25;
    const my = h * 0.25;
    const sx = p.x * z + x;
    const sy = p.y * z + y;
    const off = w > 0 && (sx + NOTE_W * z < -mx || sx > w + mx || sy + NOTE_H * z < -my || sy > h + my);
    if (off !== el.hasAttribute('data-off')) el.toggleAttribute('data-off', off);
  }

  private cullAll(): void {
    for (const [id, el] of this.noteEls) this.cullNote(el, this.notePos(id));
  }

  private placeCluster(id: string): void {
    const el = this.clusterEls.get(id);
    if (el) {
      const r = this.clusterRectOf(id);
      RsBoard.setTransform(el, r);
      const w = `${r.w}px`;
      const h = `${r.h}px`;
      if (el.style.width !== w) el.style.width = w;
      if (el.style.height !== h) el.style.height = h;
    }
    for (const n of this.model.members.get(id) ?? []) this.placeNote(n);
  }

  private placeAll(): void {
    for (const id of this.noteEls.keys()) this.placeNote(id);
    for (const id of this.clusterEls.keys()) this.placeCluster(id);
    this.placeZones();
  }

  private placeZones(): void {
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.zone')) {
      const i = Number(el.dataset.color);
      const r = zoneRect(i, this.model.cols, this.model.zoneSlots[i] ?? 0);
      RsBoard.setTransform(el, r);
      const w = `${r.w}px`;
      const h = `${r.h}px`;
      if (el.style.width !== w) el.style.width = w;
      if (el.style.height !== h) el.style.height = h;
    }
  }

  private applyView(): void {
    const layer = this.layer;
    if (!layer) return;
    const { x, y, z } = this.view;
    // The zoom level is written here, not by the template, so a render never fights a zoom (and a new language shows at once).
    const label = this.renderRoot.querySelector('.zoomlevel');
    const zoom = formatNumber(z, { style: 'percent', maximumFractionDigits: 0 });
    if (label && label.textContent !== zoom) label.textContent = zoom;
    const t = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) scale(${z.toFixed(4)})`;
    if (layer.style.transform === t) return;
    layer.style.transform = t;
    this.cullAll();
  }

  private syncStrokes(): void {
    const group = this.renderRoot.querySelector<SVGGElement>('svg.ink g.strokes');
    if (!group) return;
    if (group !== this.strokeGroup) {
      this.strokeGroup = group;
      this.strokeEls.clear();
      group.replaceChildren();
    }
    const list = (this.layout?.strokes?.toArray() ?? []).filter(isStroke);
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

  // ---------------------------------------------------------------- sizing, pan and zoom

  private readonly onWindowResize = () => this.fitHeight();

  private onResize(): void {
    this.fitHeight();
    const vp = this.viewport;
    if (!vp) return;
    const w = vp.clientWidth;
    const h = vp.clientHeight;
    if (w === this.viewSize.w && h === this.viewSize.h) return;
    this.viewSize = { w, h };
    if (!this.fitted && w > 0 && h > 0 && this.definition) {
      this.fitted = true;
      this.fitZones();
    }
  }

  /** Fill the slide below whatever comes before the board (its heading), in the slide's own px. */
  private fitHeight(): void {
    const section = this.closest('section');
    const slides = this.closest<HTMLElement>('.slides');
    if (!section || !slides) return;
    const slideH = parseFloat(slides.style.height) || 720;
    let top = 0;
    let el: HTMLElement | null = this;
    while (el && el !== section) {
      top += el.offsetTop;
      el = el.offsetParent as HTMLElement | null;
    }
    if (el !== section || this.offsetParent === null) return;
    // 48 px stay free at the foot for the presenter's status bar, which sits over the slide's corner.
    const h = Math.max(240, Math.floor(slideH - top - 48));
    if (this.style.height !== `${h}px`) this.style.height = `${h}px`;
  }

  private measure(): Measure {
    const vp = this.viewport;
    if (!vp) return { left: 0, top: 0, s: 1 };
    const r = vp.getBoundingClientRect();
    const s = vp.offsetWidth > 0 ? r.width / vp.offsetWidth : 1;
    // Inside the border: the layer is placed in the padding box.
    return { left: r.left + vp.clientLeft * s, top: r.top + vp.clientTop * s, s: s || 1 };
  }

  /** Client (screen) coordinates to slide px inside the viewport. */
  private static local(m: Measure, clientX: number, clientY: number): Point {
    return { x: (clientX - m.left) / m.s, y: (clientY - m.top) / m.s };
  }

  private toBoard(m: Measure, clientX: number, clientY: number): Point {
    const p = RsBoard.local(m, clientX, clientY);
    return { x: (p.x - this.view.x) / this.view.z, y: (p.y - this.view.y) / this.view.z };
  }

  private zoomAt(factor: number, cx = this.viewSize.w / 2, cy = this.viewSize.h / 2): void {
    const z = clamp(this.view.z * factor, MIN_ZOOM, MAX_ZOOM);
    const k = z / this.view.z;
    this.view = { x: cx - (cx - this.view.x) * k, y: cy - (cy - this.view.y) * k, z };
    this.applyView();
  }

  private panBy(dx: number, dy: number): void {
    this.view = { ...this.view, x: this.view.x + dx, y: this.view.y + dy };
    this.applyView();
  }

  private zoneRects(): Rect[] {
    const def = this.definition;
    if (!def) return [];
    return def.zones.map((_, i) => zoneRect(i, this.model.cols, this.model.zoneSlots[i] ?? 0));
  }

  private fitRect(r: Rect, maxZoom: number, top = false): void {
    const { w, h } = this.viewSize;
    if (w <= 0 || h <= 0) return;
    const margin = 16;
    const z = clamp(Math.min((w - 2 * margin) / r.w, top ? Infinity : (h - 2 * margin) / r.h), MIN_ZOOM, maxZoom);
    this.view = {
      z,
      x: (w - r.w * z) / 2 - r.x * z,
      y: top ? margin - r.y * z : (h - r.h * z) / 2 - r.y * z,
    };
    this.applyView();
  }

  /** The zone columns across the width, from the top. */
  private fitZones(): void {
    const r = union(this.zoneRects());
    if (r) this.fitRect(r, 1.2, true);
  }

  /** Everything on the board in view. */
  fitAll(): void {
    const rects: Rect[] = this.zoneRects();
    for (const n of this.model.notes) if (!this.model.clusterOf.has(n.id)) rects.push(noteRect(this.notePos(n.id)));
    for (const c of this.model.clusters) rects.push(this.clusterRectOf(c.id));
    for (const s of this.layout?.strokes?.toArray() ?? []) {
      if (!isStroke(s) || s.points.length < 2) continue;
      const xs = s.points.filter((_, i) => i % 2 === 0);
      const ys = s.points.filter((_, i) => i % 2 === 1);
      rects.push({ x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) });
    }
    const r = union(rects);
    if (r) this.fitRect(r, 1.5);
  }

  // ---------------------------------------------------------------- pointer gestures

  private hitTest(p: Point, excludeNote: string | null, excludeCluster: string | null): Target {
    const m = this.model;
    for (let i = m.notes.length - 1; i >= 0; i--) {
      const n = m.notes[i]!;
      if (n.id === excludeNote) continue;
      if (excludeCluster && m.clusterOf.get(n.id) === excludeCluster) continue;
      if (contains(noteRect(this.notePos(n.id)), p)) return { kind: 'note', id: n.id };
    }
    for (const c of m.clusters) {
      if (c.id === excludeCluster) continue;
      if (contains(this.clusterRectOf(c.id), p)) return { kind: 'cluster', id: c.id };
    }
    return null;
  }

  private markTarget(prev: Target, next: Target): void {
    if (prev?.kind === next?.kind && prev?.id === next?.id) return;
    const el = (t: Target) => (t ? (t.kind === 'note' ? this.noteEls.get(t.id) : this.clusterEls.get(t.id)) : undefined);
    el(prev)?.removeAttribute('data-drop');
    el(next)?.setAttribute('data-drop', '');
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    e.stopPropagation();
    if (e.button !== 0) return;
    const vp = this.viewport;
    if (!vp || this.gesture) return;
    const path = e.composedPath();
    let noteEl: HTMLElement | null = null;
    let clusterEl: HTMLElement | null = null;
    for (const n of path) {
      if (n === vp) break;
      if (!(n instanceof HTMLElement)) continue;
      if (n.matches('button, input, select, textarea, a, label, .panel, .add')) return;
      if (!noteEl && n.classList.contains('note')) noteEl = n;
      if (!clusterEl && n.classList.contains('cluster')) clusterEl = n;
    }
    const m = this.measure();
    const at = this.toBoard(m, e.clientX, e.clientY);
    if (this.editable && this.tool === 'pen') {
      this.gesture = {
        kind: 'pen',
        pointerId: e.pointerId,
        points: [Math.round(at.x * 10) / 10, Math.round(at.y * 10) / 10],
        color: this.penColor,
        m,
      };
      this.drawLive();
    } else if (this.editable && this.tool === 'eraser') {
      this.beginCapture();
      this.gesture = { kind: 'eraser', pointerId: e.pointerId, m };
      this.eraseAt(e);
    } else if (this.editable && noteEl) {
      const id = noteEl.dataset.note!;
      const pos = this.notePos(id);
      this.gesture = {
        kind: 'note',
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
      };
      noteEl.focus({ preventScroll: true });
    } else if (this.editable && clusterEl) {
      const id = clusterEl.dataset.cluster!;
      const pos = this.clusterAt(id);
      this.gesture = {
        kind: 'cluster',
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
      };
      clusterEl.querySelector<HTMLElement>('.cluster-head')?.focus({ preventScroll: true });
    } else {
      this.gesture = { kind: 'pan', pointerId: e.pointerId, lastX: e.clientX, lastY: e.clientY, m };
      vp.setAttribute('data-panning', '');
      vp.focus({ preventScroll: true });
      if (this.selected) this.selected = null;
    }
    vp.setPointerCapture(e.pointerId);
    e.preventDefault();
  };

  private readonly onPointerMove = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    e.stopPropagation();
    switch (g.kind) {
      case 'pan': {
        this.panBy((e.clientX - g.lastX) / g.m.s, (e.clientY - g.lastY) / g.m.s);
        g.lastX = e.clientX;
        g.lastY = e.clientY;
        return;
      }
      case 'pen': {
        const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
        for (const ev of events.length ? events : [e]) {
          const p = this.toBoard(g.m, ev.clientX, ev.clientY);
          g.points.push(Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10);
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
          this.beginCapture();
          (g.kind === 'note' ? this.noteEls.get(g.id) : this.clusterEls.get(g.id))?.setAttribute('data-dragging', '');
        }
        const at = this.toBoard(g.m, e.clientX, e.clientY);
        g.pos = { x: at.x - g.off.x, y: at.y - g.off.y };
        const target = g.kind === 'note' ? this.hitTest(at, g.id, null) : this.hitTest(at, null, g.id);
        // A cluster merges into another cluster only; a note over a note of its own cluster stays put.
        const next = g.kind === 'cluster' && target?.kind === 'note' ? this.clusterTarget(target.id) : target;
        this.markTarget(g.target, next);
        g.target = next;
        if (g.kind === 'note') {
          const el = this.noteEls.get(g.id);
          if (el) RsBoard.setTransform(el, g.pos);
        } else {
          this.placeCluster(g.id);
        }
        this.scheduleFrame();
        return;
      }
    }
  };

  private clusterTarget(noteId: string): Target {
    const c = this.model.clusterOf.get(noteId);
    return c ? { kind: 'cluster', id: c } : null;
  }

  private readonly onPointerUp = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    e.stopPropagation();
    this.viewport?.releasePointerCapture(e.pointerId);
    this.gesture = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    switch (g.kind) {
      case 'pan':
        this.viewport?.removeAttribute('data-panning');
        return;
      case 'pen':
        this.finishStroke(g);
        return;
      case 'eraser':
        this.endCapture();
        return;
      case 'note':
      case 'cluster': {
        if (!g.active) {
          // A double click on a cluster renames it (the browser's dblclick does not follow a prevented pointerdown).
          const now = performance.now();
          const again = this.lastClick && this.lastClick.id === g.id && now - this.lastClick.at < 450;
          this.lastClick = { id: g.id, at: now };
          if (again && g.kind === 'cluster' && this.editable) this.renaming = g.id;
          this.select({ kind: g.kind, id: g.id });
          return;
        }
        const el = g.kind === 'note' ? this.noteEls.get(g.id) : this.clusterEls.get(g.id);
        el?.removeAttribute('data-dragging');
        this.markTarget(g.target, null);
        if (e.type === 'pointercancel') {
          this.cancelDrag(g);
          return;
        }
        if (g.kind === 'note') this.dropNote(g.id, g.pos, g.target);
        else this.dropCluster(g.id, g.pos, g.target);
        this.endCapture();
        return;
      }
    }
  };

  /** A drag given up (Escape, a cancelled pointer): what it wrote on the way is taken back. */
  private cancelDrag(g: Extract<Gesture, { kind: 'note' | 'cluster' }>): void {
    const wrote = g.written !== null;
    this.endCapture();
    if (wrote) this.undo?.undo();
    this.relayout();
  }

  /** One animation frame: the drag's write to Yjs, or the pen's live line. */
  private scheduleFrame(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const g = this.gesture;
      if (!g) return;
      if (g.kind === 'pen') this.drawLive();
      else if (g.kind === 'note' && g.active && !this.model.clusterOf.has(g.id)) this.writeDrag(g);
      else if (g.kind === 'cluster' && g.active) this.writeDrag(g);
    });
  }

  private writeDrag(g: Extract<Gesture, { kind: 'note' | 'cluster' }>): void {
    const layout = this.layout;
    if (!layout) return;
    const p = { x: Math.round(g.pos.x), y: Math.round(g.pos.y) };
    if (g.written && g.written.x === p.x && g.written.y === p.y) return;
    g.written = p;
    layout.transact(() => (g.kind === 'note' ? layout.setPosition(g.id, p) : layout.moveCluster(g.id, p)));
  }

  /** A drag is one undo step however long it takes. */
  private beginCapture(): void {
    if (!this.undo) return;
    this.undo.stopCapturing();
    this.undo.captureTimeout = 1e12;
  }

  private endCapture(): void {
    if (!this.undo) return;
    this.undo.captureTimeout = 600;
    this.undo.stopCapturing();
  }

  private dropNote(id: string, pos: Point, target: Target): void {
    const layout = this.layout;
    const note = this.model.byId.get(id);
    if (!layout || !note) return;
    const from = this.model.clusterOf.get(id) ?? null;
    let renameNew: string | null = null;
    layout.transact(() => {
      if (target?.kind === 'note') {
        const other = this.model.byId.get(target.id);
        const into = this.model.clusterOf.get(target.id);
        if (into) {
          if (into !== from) {
            layout.addToCluster(id, into);
            if (from) this.pruneIfEmpty(from, id);
          }
        } else if (other) {
          const at = this.notePos(target.id);
          renameNew = layout.createCluster(other.text, at, [target.id, id]);
          if (from) this.pruneIfEmpty(from, id);
        }
      } else if (target?.kind === 'cluster') {
        if (target.id !== from) {
          layout.addToCluster(id, target.id);
          if (from) this.pruneIfEmpty(from, id);
        }
      } else {
        if (from) {
          layout.removeFromCluster(id, pos);
          this.pruneIfEmpty(from, id);
        } else layout.setPosition(id, pos);
      }
    });
    if (renameNew) {
      this.selected = { kind: 'cluster', id: renameNew };
      this.renaming = renameNew;
      this.say(msg('Gruppen er lavet. Skriv et navn, eller tryk Enter for at beholde det.'));
    }
    // The dragged element was moved by hand; put everything where the layout now says.
    this.relayout();
  }

  private dropCluster(id: string, pos: Point, target: Target): void {
    const layout = this.layout;
    if (!layout) return;
    if (target?.kind === 'cluster' && target.id !== id) {
      this.mergeClusters(id, target.id);
      return;
    }
    layout.transact(() => layout.moveCluster(id, pos));
    this.placeCluster(id);
  }

  /** Remove a cluster that `leaving` just left empty, unless it carries dots of its own. */
  private pruneIfEmpty(cluster: string, leaving: string): void {
    const rest = (this.model.members.get(cluster) ?? []).filter((n) => n !== leaving);
    if (rest.length > 0 || (this.dotsOf()[cluster] ?? 0) > 0) return;
    this.layout?.clusters?.delete(cluster);
    if (this.selected?.id === cluster) this.selected = null;
  }

  private drawLive(): void {
    const g = this.gesture;
    const live = this.renderRoot.querySelector<SVGPathElement>('svg.ink path.live');
    if (!live) return;
    if (g?.kind !== 'pen') {
      live.setAttribute('d', '');
      return;
    }
    live.setAttribute('fill', g.color);
    live.setAttribute('d', strokePath(g.points, PEN_WIDTH, false));
  }

  private finishStroke(g: Extract<Gesture, { kind: 'pen' }>): void {
    const layout = this.layout;
    const live = this.renderRoot.querySelector<SVGPathElement>('svg.ink path.live');
    if (layout) {
      const stroke: Stroke = { id: newId('s-'), color: g.color, width: PEN_WIDTH, points: g.points };
      this.undo?.stopCapturing();
      layout.transact(() => layout.addStroke(stroke));
      this.undo?.stopCapturing();
    }
    live?.setAttribute('d', '');
  }

  private eraseAt(e: PointerEvent): void {
    const layout = this.layout;
    if (!layout) return;
    const root = this.renderRoot as ShadowRoot;
    for (const el of root.elementsFromPoint(e.clientX, e.clientY)) {
      const id = (el as SVGElement).dataset?.stroke;
      if (id) layout.transact(() => layout.removeStroke(id));
    }
  }

  private readonly onWheel = (e: WheelEvent): void => {
    e.preventDefault();
    e.stopPropagation();
    const m = this.measure();
    const p = RsBoard.local(m, e.clientX, e.clientY);
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    if (e.ctrlKey || e.metaKey) this.zoomAt(Math.exp((-e.deltaY * unit) / 300), p.x, p.y);
    else if (e.shiftKey && !e.deltaX) this.panBy((-e.deltaY * unit) / m.s, 0);
    else this.panBy((-e.deltaX * unit) / m.s, (-e.deltaY * unit) / m.s);
  };

  /** A focused note scrolled into view by the browser: turn the scroll into a pan. */
  private readonly onScroll = (): void => {
    const vp = this.viewport;
    if (!vp || (vp.scrollLeft === 0 && vp.scrollTop === 0)) return;
    const dx = vp.scrollLeft;
    const dy = vp.scrollTop;
    vp.scrollLeft = 0;
    vp.scrollTop = 0;
    this.panBy(-dx, -dy);
  };

  // ---------------------------------------------------------------- keyboard

  /** Keys inside the board stay in the board: reveal.js must not change slides while it has focus. */
  private readonly stopKeys = (e: KeyboardEvent): void => {
    e.stopPropagation();
  };

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    // Focus left behind on a slide that is no longer shown: give the keys back to the deck.
    const section = this.closest('.reveal .slides section');
    if (section && !section.classList.contains('present')) {
      ((this.renderRoot as ShadowRoot).activeElement as HTMLElement | null)?.blur();
      return;
    }
    e.stopPropagation();
    const path = e.composedPath();
    const inField = path.some((n) => n instanceof HTMLElement && n.matches('input, textarea, select'));
    const inText = path.some((n) => n instanceof HTMLElement && n.matches('input, textarea'));
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !inText && (e.key === 'z' || e.key === 'Z' || e.key === 'y')) {
      e.preventDefault();
      if (e.key === 'y' || e.shiftKey) this.redo();
      else this.undoLast();
      return;
    }
    if (e.key === 'Escape') {
      this.onEscape(e);
      return;
    }
    if (inField || mod || e.altKey) return;
    const noteEl = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.classList.contains('note'));
    const headEl = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.classList.contains('cluster-head'));
    const arrow = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key] as [number, number] | undefined;
    const step = e.shiftKey ? BIG_STEP : STEP;
    if (noteEl && this.editable) {
      const id = noteEl.dataset.note!;
      if (arrow) {
        e.preventDefault();
        const cluster = this.model.clusterOf.get(id);
        if (cluster) {
          const name = this.layout?.cluster(cluster)?.name ?? '';
          this.say(msg(str`Sedlen ligger i gruppen «${name}». Flyt gruppen, eller vælg «Ingen gruppe» under Flyt til gruppe.`));
          return;
        }
        const p = this.notePos(id);
        this.layout?.transact(() => this.layout!.setPosition(id, { x: p.x + arrow[0] * step, y: p.y + arrow[1] * step }));
        this.revealInView(noteRect(this.notePos(id)));
        return;
      }
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.select({ kind: 'note', id }, true);
        return;
      }
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        void this.deleteNote(id);
        return;
      }
    }
    if (headEl && this.editable) {
      const id = headEl.closest<HTMLElement>('.cluster')!.dataset.cluster!;
      if (arrow) {
        e.preventDefault();
        const p = this.clusterAt(id);
        this.layout?.transact(() => this.layout!.moveCluster(id, { x: p.x + arrow[0] * step, y: p.y + arrow[1] * step }));
        // Keep its header in sight; a tall cluster need not fit.
        const r = this.clusterRectOf(id);
        this.revealInView({ ...r, h: Math.min(r.h, 200) });
        return;
      }
      if (e.key === 'F2') {
        e.preventDefault();
        this.renaming = id;
        return;
      }
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.select({ kind: 'cluster', id }, true);
        return;
      }
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        this.dissolve(id);
        return;
      }
    }
    if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      this.zoomAt(1.25);
    } else if (e.key === '-' || e.key === '_') {
      e.preventDefault();
      this.zoomAt(1 / 1.25);
    } else if (e.key === '0') {
      e.preventDefault();
      this.fitAll();
    } else if (arrow && path[0] === this.viewport) {
      e.preventDefault();
      this.panBy(-arrow[0] * step * 4, -arrow[1] * step * 4);
    }
  };

  private onEscape(e: KeyboardEvent): void {
    e.preventDefault();
    if (this.gesture) {
      const g = this.gesture;
      this.gesture = null;
      this.viewport?.releasePointerCapture(g.pointerId);
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      if ((g.kind === 'note' || g.kind === 'cluster') && g.active) {
        (g.kind === 'note' ? this.noteEls.get(g.id) : this.clusterEls.get(g.id))?.removeAttribute('data-dragging');
        this.markTarget(g.target, null);
        this.cancelDrag(g);
      } else if (g.kind === 'eraser') this.endCapture();
      this.viewport?.removeAttribute('data-panning');
      this.drawLive();
      return;
    }
    if (this.renaming) return;
    if (this.adding) {
      this.adding = false;
      this.focusAfterRender = '.tools [data-action="add"]';
      return;
    }
    if (this.selected) {
      const s = this.selected;
      this.selected = null;
      this.focusAfterRender = s.kind === 'note' ? `.note[data-note="${s.id}"]` : `.cluster[data-cluster="${s.id}"] .cluster-head`;
      return;
    }
    // Nothing left to close: give the keys back to the slides.
    (this.renderRoot as ShadowRoot).activeElement instanceof HTMLElement &&
      ((this.renderRoot as ShadowRoot).activeElement as HTMLElement).blur();
  }

  /** Pan just enough to keep a moved thing in view. */
  private revealInView(r: Rect): void {
    const { x, y, z } = this.view;
    const { w, h } = this.viewSize;
    const m = 12;
    let dx = 0;
    let dy = 0;
    const left = r.x * z + x;
    const right = (r.x + r.w) * z + x;
    const top = r.y * z + y;
    const bottom = (r.y + r.h) * z + y;
    if (left < m) dx = m - left;
    else if (right > w - m) dx = w - m - right;
    if (top < m) dy = m - top;
    else if (bottom > h - m) dy = h - m - bottom;
    if (dx || dy) this.panBy(dx, dy);
  }

  private undoLast(): void {
    this.undo?.undo();
  }

  private redo(): void {
    this.undo?.redo();
  }

  private say(text: string): void {
    this.toast = text;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast = ''), 4000);
  }

  // ---------------------------------------------------------------- actions

  private select(sel: Selection, focusPanel = false): void {
    this.selected = sel;
    if (focusPanel) this.focusAfterRender = '.panel select, .panel input, .panel button';
  }

  private async send(body: BoardControlRequest): Promise<boolean> {
    if (!this.api) return false;
    this.busy = true;
    this.error = '';
    try {
      await this.api.control(body);
      return true;
    } catch (err) {
      this.error = err instanceof ApiError ? errorText(err.code, err.message) : (err as Error).message;
      return false;
    } finally {
      this.busy = false;
    }
  }

  private phase(phase: BoardPhase): Promise<boolean> {
    return this.send({ action: 'board-phase', board: this.board, phase });
  }

  private resetDots(): void {
    if (!confirm(msg('Nulstil prikkerne? Alle deltageres prikker på tavlen slettes, og det kan ikke fortrydes.'))) return;
    void this.send({ action: 'board-reset-dots', board: this.board });
  }

  private async deleteNote(id: string): Promise<void> {
    const note = this.model.byId.get(id);
    if (!note) return;
    if (!confirm(msg(str`Slet sedlen «${note.text}»? Den forsvinder for alle, og prikkerne på den slettes. Det kan ikke fortrydes.`)))
      return;
    if (await this.send({ action: 'note-delete', board: this.board, note: id })) {
      // Its place on the board goes too; not an edit to undo, the note itself is gone.
      this.layout?.transact(() => this.layout!.forget(id), 'rs-board-cleanup');
      if (this.selected?.id === id) this.selected = null;
    }
  }

  private moderate(id: string, action: 'note-approve' | 'note-hide' | 'note-show'): void {
    void this.send({ action, board: this.board, note: id });
  }

  /** Hides every note and text answer from whoever wrote this note; the server finds them and never says who. */
  private async hideSender(id: string): Promise<void> {
    if (!this.api) return;
    if (
      !confirm(
        msg(
          'Skjul alle sedler og fritekstsvar fra den, der skrev denne seddel? Du får ikke at vide, hvem det er. Sedlerne kan vises igen én ad gangen.',
        ),
      )
    )
      return;
    this.busy = true;
    this.error = '';
    try {
      const answer = (await this.api.control({ action: 'note-hide-sender', board: this.board, note: id })) as {
        hidden?: { notes?: number; answers?: number };
      };
      const notes = answer.hidden?.notes ?? 0;
      const answers = answer.hidden?.answers ?? 0;
      this.say(msg(str`Skjult fra samme afsender: ${notesText(notes)} og ${answersCount(answers)}.`));
    } catch (err) {
      this.error = err instanceof ApiError ? errorText(err.code, err.message) : (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private async addNote(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.elements.namedItem('text') as HTMLInputElement;
    const zone = (form.elements.namedItem('zone') as HTMLSelectElement | null)?.value ?? this.definition?.zones[0]?.id ?? '';
    const text = input.value;
    if (!text.trim()) {
      input.focus();
      return;
    }
    if (await this.send({ action: 'note-add', board: this.board, zone, text })) {
      input.value = '';
      input.focus();
    }
  }

  /** "Flyt til gruppe": '' takes the note out, '__new' starts a cluster with it, else the cluster's id. */
  private moveToCluster(id: string, value: string): void {
    const layout = this.layout;
    const note = this.model.byId.get(id);
    if (!layout || !note) return;
    const from = this.model.clusterOf.get(id) ?? null;
    if ((value || null) === from) return;
    this.undo?.stopCapturing();
    let created: string | null = null;
    layout.transact(() => {
      if (value === '') {
        if (!from) return;
        const r = this.clusterRectOf(from);
        layout.removeFromCluster(id, { x: r.x + r.w + GAP, y: r.y });
        this.pruneIfEmpty(from, id);
      } else if (value === '__new') {
        const at = this.notePos(id);
        created = layout.createCluster(note.text, { x: at.x, y: at.y }, [id]);
        if (from) this.pruneIfEmpty(from, id);
      } else {
        layout.addToCluster(id, value);
        if (from) this.pruneIfEmpty(from, id);
      }
    });
    this.undo?.stopCapturing();
    if (created) this.say(msg('Ny gruppe lavet. Vælg den under «Flyt til gruppe» for andre sedler, eller omdøb den.'));
    this.focusAfterRender = '.panel select';
  }

  private rename(id: string, name: string): void {
    if (!name.trim()) return;
    this.undo?.stopCapturing();
    this.layout?.transact(() => this.layout!.rename(id, name));
    this.undo?.stopCapturing();
  }

  private commitRename(e: Event, id: string): void {
    if (this.renaming !== id) return;
    const input = e.target as HTMLInputElement;
    this.renaming = null;
    this.toast = '';
    this.rename(id, input.value);
    this.focusAfterRender = `.cluster[data-cluster="${id}"] .cluster-head`;
  }

  private mergeClusters(from: string, into: string): void {
    const layout = this.layout;
    if (!layout || from === into) return;
    const own = this.dotsOf()[from] ?? 0;
    const a = layout.cluster(from)?.name ?? '';
    const b = layout.cluster(into)?.name ?? '';
    if (
      own > 0 &&
      !confirm(msg(str`Gruppen «${a}» har ${dotsText(own)} på selve gruppen; de går tabt, når den slås sammen med «${b}». Fortsæt?`))
    ) {
      this.placeCluster(from);
      return;
    }
    this.undo?.stopCapturing();
    layout.transact(() => layout.merge(from, into));
    this.undo?.stopCapturing();
    this.selected = { kind: 'cluster', id: into };
    this.say(msg(str`«${a}» er slået sammen med «${b}».`));
  }

  private dissolve(id: string): void {
    const layout = this.layout;
    if (!layout) return;
    const own = this.dotsOf()[id] ?? 0;
    const name = layout.cluster(id)?.name ?? '';
    if (own > 0 && !confirm(msg(str`Gruppen «${name}» har ${dotsText(own)}; de går tabt, når gruppen opløses. Fortsæt?`))) return;
    const spots = new Map<string, Point>();
    for (const n of this.model.members.get(id) ?? []) spots.set(n, this.notePos(n));
    this.undo?.stopCapturing();
    layout.transact(() => layout.dissolve(id, spots));
    this.undo?.stopCapturing();
    if (this.selected?.id === id) this.selected = null;
  }

  /** Every group of duplicate notes into one cluster (an existing one if some are already in one). */
  private gatherDuplicates(): void {
    const layout = this.layout;
    if (!layout || this.model.duplicates.length === 0) return;
    this.undo?.stopCapturing();
    let made = 0;
    layout.transact(() => {
      for (const group of this.model.duplicates) {
        const counts = new Map<string, number>();
        for (const id of group) {
          const c = this.model.clusterOf.get(id);
          if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
        }
        const existing = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
        if (existing) {
          for (const id of group) {
            const from = this.model.clusterOf.get(id);
            if (from === existing) continue;
            layout.addToCluster(id, existing);
            if (from) this.pruneIfEmpty(from, id);
          }
        } else {
          const first = this.model.byId.get(group[0]!)!;
          const at = this.notePos(first.id);
          layout.createCluster(first.text, at, group);
        }
        made++;
      }
    });
    this.undo?.stopCapturing();
    this.say(msg(str`${groupsText(made)} af dubletter samlet.`));
  }

  private clearInk(): void {
    if (!confirm(msg('Slet alt, der er tegnet på tavlen? (Fortryd kan hente det tilbage.)'))) return;
    this.undo?.stopCapturing();
    this.layout?.transact(() => this.layout!.clearStrokes());
    this.undo?.stopCapturing();
  }

  /** Delegated clicks on the small buttons inside notes and cluster headers. */
  private readonly onLayerClick = (e: MouseEvent): void => {
    const button = e.composedPath().find((n): n is HTMLButtonElement => n instanceof HTMLButtonElement);
    if (!button) return;
    const act = button.dataset.act;
    const note = button.closest<HTMLElement>('.note')?.dataset.note;
    const cluster = button.closest<HTMLElement>('.cluster')?.dataset.cluster;
    if (act === 'approve' && note) this.moderate(note, 'note-approve');
    else if (act === 'rename' && cluster) this.renaming = cluster;
  };

  // ---------------------------------------------------------------- render

  private renderHeader(def: BoardDef, st: BoardPublicState | undefined) {
    const notes = this.model.notes;
    const pending = notes.filter((n) => n.status === 'pending').length;
    const hidden = notes.filter((n) => n.status === 'hidden').length;
    const visible = st?.notes ?? notes.filter((n) => n.status === 'visible').length;
    const phase = st?.phase ?? 'closed';
    const revealed = st?.revealed ?? false;
    return html`<header class="bar">
      <div class="info">
        <p class="prompt" part="prompt" title=${def.prompt}>${def.prompt}</p>
        <p class="meta" aria-live="polite">
          <span class="status" data-phase=${phase} part="status">${phaseText(phase)}</span>
          <span data-count="notes"
            >${visible === 1 ? msg(html`<strong>1</strong> seddel`) : msg(html`<strong>${formatNumber(visible)}</strong> sedler`)}</span
          >
          ${pending ? html`<span class="pending-count" data-count="pending">${msg(str`${formatNumber(pending)} afventer godkendelse`)}</span>` : nothing}
          ${hidden ? html`<span data-count="hidden">${msg(str`${formatNumber(hidden)} skjult`)}</span>` : nothing}
          <span data-count="dotters">${msg(html`<strong>${formatNumber(st?.dotters ?? 0)}</strong> har sat prikker`)}</span>
          <span data-count="revealed">${revealed ? msg('Prikkerne vises') : msg('Prikkerne er skjult')}</span>
        </p>
      </div>
      ${
        this.editable
          ? html`<div class="controls" role="group" aria-label=${msg('Styring af tavlen')}>
            <button aria-pressed=${phase === 'notes'} ?disabled=${this.busy} @click=${() => this.phase('notes')}>${msg('Åbn for sedler')}</button>
            <button aria-pressed=${phase === 'dots'} ?disabled=${this.busy} @click=${() => this.phase('dots')}>${msg('Åbn for prikker')}</button>
            <button aria-pressed=${phase === 'closed'} ?disabled=${this.busy} @click=${() => this.phase('closed')}>${msg('Luk tavlen')}</button>
            <button
              ?disabled=${this.busy}
              @click=${() => this.send({ action: revealed ? 'board-hide' : 'board-reveal', board: this.board })}
            >
              ${revealed ? msg('Skjul prikker') : msg('Vis prikker')}
            </button>
            <button class="danger" ?disabled=${this.busy} @click=${this.resetDots}>${msg('Nulstil prikker')}</button>
            <button
              data-action="approval"
              aria-pressed=${st?.approval ?? def.approval}
              ?disabled=${this.busy}
              title=${msg('Nye sedler fra deltagerne vises først, når du har godkendt dem. Sedler, der allerede er sendt, bliver, som de er.')}
              @click=${() => this.send({ action: 'board-approval', board: this.board, approval: !(st?.approval ?? def.approval) })}
            >
              ${msg('Godkend sedler først')}
            </button>
          </div>`
          : nothing
      }
    </header>`;
  }

  private renderTools() {
    const strokes = this.layout?.strokes?.length ?? 0;
    const dups = this.model.duplicates.length;
    return html`<div class="tools">
      ${
        this.editable
          ? html`<div class="group" role="group" aria-label=${msg('Værktøj')}>
              <button aria-pressed=${this.tool === 'move'} @click=${() => (this.tool = 'move')} title=${msg('Flyt sedler og grupper; træk i baggrunden for at panorere')}>${msg('Flyt')}</button>
              <button aria-pressed=${this.tool === 'pen'} @click=${() => (this.tool = 'pen')}>${msg('Pen')}</button>
              ${
                this.tool === 'pen'
                  ? PEN_COLORS.map(
                      (c) =>
                        html`<button
                        class="swatch"
                        style="background:${c.color}"
                        aria-label=${msg(str`Pen: ${c.label}`)}
                        title=${c.label}
                        aria-pressed=${this.penColor === c.color}
                        @click=${() => (this.penColor = c.color)}
                      ></button>`,
                    )
                  : nothing
              }
              <button aria-pressed=${this.tool === 'eraser'} @click=${() => (this.tool = 'eraser')}>${msg('Viskelæder')}</button>
              ${strokes > 0 && this.tool !== 'move' ? html`<button class="danger" @click=${this.clearInk}>${msg('Slet tegning')}</button>` : nothing}
            </div>
            <div class="group" role="group" aria-label=${msg('Fortryd', { id: 'board-undo' })}>
              <button ?disabled=${!this.canUndo} @click=${this.undoLast} title="Ctrl+Z" aria-keyshortcuts="Control+Z">${msg('Fortryd', { id: 'board-undo' })}</button>
              <button ?disabled=${!this.canRedo} @click=${this.redo} title="Ctrl+Shift+Z" aria-keyshortcuts="Control+Shift+Z">${msg('Gentag')}</button>
            </div>
            <div class="group" role="group" aria-label=${msg('Sedler')}>
              <button data-action="add" aria-expanded=${this.adding} @click=${() => (this.adding = !this.adding)}>${msg('Ny seddel')}</button>
              ${dups > 0 ? html`<button @click=${this.gatherDuplicates}>${msg(str`Saml dubletter (${formatNumber(dups)})`)}</button>` : nothing}
            </div>`
          : nothing
      }
      <div class="group end" role="group" aria-label=${msg('Visning')}>
        <button aria-pressed=${this.listView} data-action="list" @click=${() => (this.listView = !this.listView)}>${msg('Som tabel')}</button>
        <button class="icon" aria-label=${msg('Panorér til venstre')} title=${msg('Panorér til venstre')} @click=${() => this.panBy(this.viewSize.w / 4, 0)}>←</button>
        <button class="icon" aria-label=${msg('Panorér op')} title=${msg('Panorér op')} @click=${() => this.panBy(0, this.viewSize.h / 4)}>↑</button>
        <button class="icon" aria-label=${msg('Panorér ned')} title=${msg('Panorér ned')} @click=${() => this.panBy(0, -this.viewSize.h / 4)}>↓</button>
        <button class="icon" aria-label=${msg('Panorér til højre')} title=${msg('Panorér til højre')} @click=${() => this.panBy(-this.viewSize.w / 4, 0)}>→</button>
        <button class="icon" aria-label=${msg('Zoom ud')} title=${msg('Zoom ud (−)')} @click=${() => this.zoomAt(1 / 1.25)}>−</button>
        <output class="zoomlevel" aria-label="Zoom"></output>
        <button class="icon" aria-label=${msg('Zoom ind')} title=${msg('Zoom ind (+)')} @click=${() => this.zoomAt(1.25)}>+</button>
        <button @click=${() => this.fitAll()} title=${msg('Vis hele tavlen (0)')}>${msg('Tilpas')}</button>
      </div>
    </div>`;
  }

  private renderAddForm(def: BoardDef) {
    if (!this.adding || !this.editable) return nothing;
    return html`<form class="add" @submit=${this.addNote} aria-label=${msg('Ny seddel fra facilitator')}>
      ${
        def.zones.length > 1
          ? html`<label>${msg('Felt')} <select name="zone">${def.zones.map((z) => html`<option value=${z.id}>${z.label}</option>`)}</select></label>`
          : html`<input type="hidden" name="zone" value=${def.zones[0]?.id ?? ''} />`
      }
      <label class="grow">${msg('Tekst')} <input name="text" maxlength=${def.maxLength} autocomplete="off" placeholder=${msg('Skriv sedlen …')} /></label>
      <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Tilføj seddel')}</button>
      <button type="button" @click=${() => (this.adding = false)}>${msg('Luk')}</button>
    </form>`;
  }

  private renderPanel(def: BoardDef) {
    const sel = this.selected;
    if (!sel || !this.editable) return nothing;
    const dots = this.dotsOf();
    if (sel.kind === 'note') {
      const n = this.model.byId.get(sel.id);
      if (!n) return nothing;
      const cluster = this.model.clusterOf.get(n.id) ?? '';
      const zone = def.zones.find((z) => z.id === n.zone)?.label ?? n.zone;
      return html`<div class="panel" role="region" aria-label=${msg('Valgt seddel')}>
        <div class="what">
          <h4>${msg(str`Seddel · ${zone}`)}</h4>
          <p class="quote" title=${n.text}>${n.text}</p>
          <p class="sub">
            ${noteStatusText(n.status)}${n.byFacilitator ? ` · ${msg('skrevet af facilitator')}` : ''}${
              dots[n.id] ? ` · ${dotsText(dots[n.id]!)}` : ''
            }
          </p>
        </div>
        <label
          >${msg('Flyt til gruppe')}
          <select @change=${(e: Event) => this.moveToCluster(n.id, (e.target as HTMLSelectElement).value)}>
            <option value="" .selected=${!cluster}>${msg('Ingen gruppe')}</option>
            ${this.model.clusters.map((c) => html`<option value=${c.id} .selected=${c.id === cluster}>${c.name}</option>`)}
            <option value="__new" .selected=${false}>${msg('Ny gruppe med denne seddel')}</option>
          </select>
        </label>
        <div class="row">
          ${n.status === 'pending' ? html`<button class="primary" @click=${() => this.moderate(n.id, 'note-approve')}>${msg('Godkend')}</button>` : nothing}
          ${
            n.status === 'hidden'
              ? html`<button @click=${() => this.moderate(n.id, 'note-show')}>${msg('Vis')}</button>`
              : html`<button @click=${() => this.moderate(n.id, 'note-hide')}>${msg('Skjul')}</button>`
          }
          ${
            n.byFacilitator
              ? nothing
              : html`<button data-action="hide-sender" ?disabled=${this.busy} @click=${() => this.hideSender(n.id)}>${msg('Skjul alt fra denne afsender')}</button>`
          }
          <button class="danger" @click=${() => this.deleteNote(n.id)}>${msg('Slet')}</button>
          <button @click=${() => (this.selected = null)}>${msg('Luk')}</button>
        </div>
      </div>`;
    }
    const c = this.layout?.cluster(sel.id);
    if (!c) return nothing;
    const others = this.model.clusters.filter((o) => o.id !== c.id);
    const size = this.model.members.get(c.id)?.length ?? 0;
    const total = this.clusterDots(c.id, dots);
    return html`<div class="panel" role="region" aria-label=${msg('Valgt gruppe')}>
      <div class="what">
        <h4>${total ? msg(str`Gruppe · ${notesText(size)} · ${dotsText(total)} i alt`) : msg(str`Gruppe · ${notesText(size)}`)}</h4>
        <p class="quote" title=${c.name}>${c.name}</p>
      </div>
      <form
        class="row"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          this.rename(c.id, ((e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value);
        }}
      >
        <label>${msg('Navn')} <input name="name" .value=${c.name} maxlength="80" autocomplete="off" /></label>
        <button type="submit">${msg('Omdøb')}</button>
      </form>
      ${
        others.length
          ? html`<form
            class="row"
            @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              const into = ((e.target as HTMLFormElement).elements.namedItem('into') as HTMLSelectElement).value;
              if (into) this.mergeClusters(c.id, into);
            }}
          >
            <label
              >${msg('Slå sammen med')}
              <select name="into">
                ${others.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
              </select>
            </label>
            <button type="submit">${msg('Slå sammen')}</button>
          </form>`
          : nothing
      }
      <div class="row">
        <button @click=${() => this.dissolve(c.id)}>${msg('Opløs gruppe')}</button>
        <button @click=${() => (this.selected = null)}>${msg('Luk')}</button>
      </div>
    </div>`;
  }

  private renderNote(n: Note, zi: number, dots: number, clustered: boolean) {
    const editable = this.editable;
    const status = n.status === 'visible' ? '' : noteStatusText(n.status, true);
    return html`<div
      class="note"
      data-note=${n.id}
      data-color=${zi}
      data-status=${n.status}
      ?data-clustered=${clustered}
      ?data-selected=${editable && this.selected?.kind === 'note' && this.selected.id === n.id}
      ?data-dup=${this.model.dupIds.has(n.id)}
      ?data-has-dots=${dots > 0}
      ?data-long=${n.text.length > 80}
      tabindex="0"
      role="group"
      aria-roledescription=${msg('seddel')}
      aria-label=${n.text}
      title=${n.text}
    >
      <p class="text">${n.text}</p>
      ${
        status
          ? html`<span class="flag"
            >${status}${editable && n.status === 'pending' ? html`<button class="primary" data-act="approve">${msg('Godkend')}</button>` : nothing}</span
          >`
          : nothing
      }
      ${dots > 0 ? html`<span class="badge" data-dots=${dots} role="img" aria-label=${dotsText(dots)}>${formatNumber(dots)}</span>` : nothing}
    </div>`;
  }

  private renderCluster(c: ClusterInfo, size: number, dots: number) {
    const renaming = this.renaming === c.id;
    return html`<section
      class="cluster"
      data-cluster=${c.id}
      ?data-selected=${this.editable && this.selected?.kind === 'cluster' && this.selected.id === c.id}
      aria-label=${msg(str`Gruppe: ${c.name}`)}
    >
      <div class="cluster-head" tabindex="0" role="group" aria-roledescription=${msg('gruppe')} aria-label=${msg(str`Gruppe: ${c.name}, ${notesText(size)}`)}>
        ${
          renaming
            ? html`<input
              aria-label=${msg('Gruppens navn')}
              .value=${c.name}
              maxlength="80"
              @keydown=${(e: KeyboardEvent) => {
                e.stopPropagation();
                if (e.key === 'Enter') this.commitRename(e, c.id);
                else if (e.key === 'Escape') {
                  this.renaming = null;
                  this.focusAfterRender = `.cluster[data-cluster="${c.id}"] .cluster-head`;
                }
              }}
              @blur=${(e: FocusEvent) => this.commitRename(e, c.id)}
            />`
            : html`<span class="cluster-name" title=${c.name}>${c.name}</span>`
        }
        <span class="count" title=${notesText(size)} role="img" aria-label=${notesText(size)}>${formatNumber(size)}</span>
        ${dots > 0 ? html`<span class="badge" data-dots=${dots} role="img" aria-label=${dotsText(dots)}>${formatNumber(dots)}</span>` : nothing}
        ${
          this.editable && !renaming
            ? html`<button class="icon" data-act="rename" aria-label=${msg(str`Omdøb gruppen ${c.name}`)} title=${msg('Omdøb (F2)')}>✎</button>`
            : nothing
        }
      </div>
      ${size === 0 ? html`<p class="empty">${msg('Træk sedler herind')}</p>` : nothing}
    </section>`;
  }

  override render() {
    const def = this.definition;
    if (!def) return html`<p class="prompt">${this.prompt}</p>`;
    this.model = this.buildModel(def);
    this.computeAuto();
    const room = this.room;
    const st = room?.boardState(this.board);
    const revealed = st?.revealed ?? false;
    const dots = revealed ? this.dotsOf() : {};
    const m = this.model;
    const editable = this.editable;
    return html`<div class="frame" @keydown=${this.onKeyDown} @keyup=${this.stopKeys} @keypress=${this.stopKeys}>
      ${this.renderHeader(def, st)} ${this.renderTools()}
      <div
        class="viewport"
        ?hidden=${this.listView}
        tabindex="0"
        role="application"
        aria-roledescription=${msg('tavle')}
        aria-label=${msg(str`Tavle: ${def.prompt}`)}
        aria-describedby="board-help"
        data-tool=${editable ? this.tool : 'move'}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
        @wheel=${{ handleEvent: this.onWheel, passive: false }}
        @scroll=${this.onScroll}
        @touchstart=${this.stopKeys}
        @click=${this.onLayerClick}
      >
        <div class="layer">
          ${def.zones.map((z, i) => {
            return html`<div class="zone" data-zone=${z.id} data-color=${i}>
              <h3>${z.label} <span>${notesText(m.zoneCounts[i] ?? 0)}</span></h3>
            </div>`;
          })}
          ${repeat(
            m.clusters,
            (c) => c.id,
            (c) => this.renderCluster(c, m.members.get(c.id)?.length ?? 0, this.clusterDots(c.id, dots)),
          )}
          ${repeat(
            m.notes,
            (n) => n.id,
            (n) => this.renderNote(n, m.zoneIndex.get(n.zone) ?? 0, dots[n.id] ?? 0, m.clusterOf.has(n.id)),
          )}
          <svg class="ink" aria-hidden="true"><g class="strokes"></g><path class="live"></path></svg>
        </div>
        ${m.notes.length === 0 && !editable ? html`<p class="readonly-empty">${msg('Ingen sedler endnu')}</p>` : nothing}
        ${this.renderAddForm(def)} ${this.renderPanel(def)}
        ${this.toast ? html`<p class="toast" role="status">${this.toast}</p>` : nothing}
        <p class="hint" id="board-help">
          ${
            editable
              ? msg(
                  'Træk en seddel over en anden for at lave en gruppe · Piletaster flytter (Skift: længere) · Enter: handlinger · + − 0: zoom',
                )
              : msg('Træk for at panorere · + − 0: zoom')
          }
        </p>
      </div>
      ${this.listView ? this.renderTable(def, dots, revealed) : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }

  /** The table view: one row per note, by zone, then group, then text; dots once they are shown. */
  private renderTable(def: BoardDef, dots: Record<string, number>, revealed: boolean) {
    const m = this.model;
    const collator = new Intl.Collator('da');
    const clusterName = new Map(m.clusters.map((c) => [c.id, c.name]));
    const rows = m.notes
      .map((n) => ({ n, zone: m.zoneIndex.get(n.zone) ?? 0, group: clusterName.get(m.clusterOf.get(n.id) ?? '') ?? '' }))
      .sort((a, b) => a.zone - b.zone || collator.compare(a.group, b.group) || collator.compare(a.n.text, b.n.text));
    const editable = this.editable;
    return html`<div class="table-wrap">
      <table class="notes-table">
        <caption>
          ${def.prompt} — ${notesText(rows.length)}${m.clusters.length > 0 ? `, ${groupsText(m.clusters.length)}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Felt')}</th>
            <th scope="col">${msg('Gruppe')}</th>
            <th scope="col">${msg('Seddel')}</th>
            ${revealed ? html`<th scope="col" class="num">${msg('Prikker')}</th>` : nothing}
            ${editable ? html`<th scope="col">${msg('Status')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map(({ n, group }) => {
            const cluster = m.clusterOf.get(n.id);
            const total = cluster ? this.clusterDots(cluster, dots) : 0;
            return html`<tr data-row=${n.id}>
              <td>${def.zones.find((z) => z.id === n.zone)?.label ?? n.zone}</td>
              <td>${group}${group && revealed && total > 0 ? html` <span class="sub">${msg(str`(gruppen i alt: ${dotsText(total)})`)}</span>` : nothing}</td>
              <td>${n.text}</td>
              ${revealed ? html`<td class="num">${formatNumber(dots[n.id] ?? 0)}</td>` : nothing}
              ${editable ? html`<td>${noteStatusText(n.status, true)}</td>` : nothing}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-board': RsBoard;
  }
}
