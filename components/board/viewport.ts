// The board's viewport as a Lit controller: pan and zoom (wheel, buttons, keys), the board's height on its
// slide, the fits to the zones and to everything, and the measure that turns a pointer's screen position into
// board coordinates while reveal.js scales the slide.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatNumber } from '../i18n.js';
import { NOTE_TEXT, fitView, panToShow, union, zoomAround, type Point, type Rect, type Size, type View } from './geometry.js';

/** Where the viewport's padding box is on screen, and its scale. */
export interface Measure {
  left: number;
  top: number;
  /** Screen px per slide px (reveal.js scales the slide). */
  s: number;
}

export interface ViewportHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly hasUpdated: boolean;
}

export interface ViewportContent {
  /** The zone columns, or none before the board's definition is known. */
  zones(): Rect[];
  /** Everything on the board, for "fit all". */
  bounds(): Rect | null;
  /** What must be seen of the board: its zones' headings and everything on it, not the empty foot of a zone. */
  extent(): Rect | null;
  /** True where nobody can pan or zoom (the projector's audience view): the view follows the extent. */
  follows(): boolean;
  /** False while a pointer drags or draws on the board: the view then keeps still. */
  still(): boolean;
  /** The view changed: notes far outside it stop painting. */
  moved(): void;
}

/**
 * The smallest note text on the audience view, as a share of the slide's body text: half of it, still twice
 * the size a board of twenty notes was drawn at before, and small enough for a board of a dozen to fit whole.
 */
const AUDIENCE_TEXT = 0.5;
/** The readable zoom off a slide: the deck's body text is 38 px. */
const DEFAULT_READABLE = 38 / NOTE_TEXT;

export class ViewportController implements ReactiveController {
  view: View = { x: 0, y: 0, z: 1 };
  size: Size = { w: 0, h: 0 };
  private fitted = false;
  /** The extent and size the view was last fitted to while following. */
  private followed = '';
  /** Set once someone pans or zooms: the view then stays where they put it, until "Tilpas" (fitAll). */
  private manual = false;
  private resize: ResizeObserver | null = null;

  constructor(
    private readonly host: ViewportHost,
    private readonly content: ViewportContent,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('resize', this.onWindowResize);
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.onWindowResize);
    this.resize?.disconnect();
    this.resize = null;
  }

  /** Once, after the first render: the host's and the viewport's sizes decide the board's height and first fit. */
  hostUpdated(): void {
    if (this.host.hasUpdated) return;
    this.resize = new ResizeObserver(() => this.onResize());
    this.resize.observe(this.host);
    const vp = this.element;
    if (vp) this.resize.observe(vp);
  }

  get element(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  /** Writes the view to the layer; the zoom level is written here too, so a render never fights a zoom. */
  apply(): void {
    const layer = this.host.renderRoot.querySelector<HTMLElement>('.layer');
    if (!layer) return;
    const { x, y, z } = this.view;
    // Written on every apply, not by the template, so a new language shows at once.
    const label = this.host.renderRoot.querySelector('.zoomlevel');
    const zoom = formatNumber(z, { style: 'percent', maximumFractionDigits: 0 });
    if (label && label.textContent !== zoom) label.textContent = zoom;
    const t = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) scale(${z.toFixed(4)})`;
    if (layer.style.transform === t) return;
    layer.style.transform = t;
    this.content.moved();
  }

  measure(): Measure {
    const vp = this.element;
    if (!vp) return { left: 0, top: 0, s: 1 };
    const r = vp.getBoundingClientRect();
    const s = vp.offsetWidth > 0 ? r.width / vp.offsetWidth : 1;
    // Inside the border: the layer is placed in the padding box.
    return { left: r.left + vp.clientLeft * s, top: r.top + vp.clientTop * s, s: s || 1 };
  }

  /** Client (screen) coordinates to slide px inside the viewport. */
  static local(m: Measure, clientX: number, clientY: number): Point {
    return { x: (clientX - m.left) / m.s, y: (clientY - m.top) / m.s };
  }

  toBoard(m: Measure, clientX: number, clientY: number): Point {
    const p = ViewportController.local(m, clientX, clientY);
    return { x: (p.x - this.view.x) / this.view.z, y: (p.y - this.view.y) / this.view.z };
  }

  /**
   * The view follows the board as it fills, with no one to pan: always on the projector's audience view; off a
   * slide (the console) until the facilitator pans or zooms. On a slide with controls, the facilitator pans.
   */
  private get following(): boolean {
    return this.content.follows() || (!this.manual && this.readableZoom() === null);
  }

  /** A pan or zoom asked for by a person (wheel, keys, buttons, dragging the background). */
  zoomAt(factor: number, cx = this.size.w / 2, cy = this.size.h / 2): void {
    this.manual = true;
    this.view = zoomAround(this.view, factor, cx, cy);
    this.apply();
  }

  panBy(dx: number, dy: number): void {
    this.manual = true;
    this.pan(dx, dy);
  }

  private pan(dx: number, dy: number): void {
    this.view = { ...this.view, x: this.view.x + dx, y: this.view.y + dy };
    this.apply();
  }

  /** Pan just enough to keep a moved thing in view. */
  reveal(r: Rect): void {
    const d = panToShow(this.view, this.size, r);
    if (d.x || d.y) this.pan(d.x, d.y);
  }

  private fit(r: Rect | null, maxZoom: number, top = false, minZoom?: number, fromTop = top): void {
    const view = r && fitView(this.size, r, maxZoom, top, minZoom, fromTop);
    if (!view) return;
    this.view = view;
    this.apply();
  }

  /**
   * The zoom at which a note's text is drawn as large as the slide's body text (the `.reveal` font size, in
   * the slide's px as the viewport is), so the board reads from the back of the room.
   */
  readableZoom(): number | null {
    const reveal = this.host.closest<HTMLElement>('.reveal');
    const body = reveal ? parseFloat(getComputedStyle(reveal).fontSize) : NaN;
    return Number.isFinite(body) && body > 0 ? body / NOTE_TEXT : null;
  }

  /**
   * On a slide: the zone columns across the width, from the top, never below readable text (the rest is panned
   * to). Off a slide (the facilitator's console, read at arm's length): everything on the board, as large as fits.
   */
  fitZones(): void {
    const readable = this.readableZoom();
    if (readable === null) this.fit(this.content.extent(), 1.2);
    else this.fit(union(this.content.zones()), Math.max(1.2, readable), true, readable);
  }

  /**
   * Where the view follows the board (see `following`): what must be seen, whole and as large as fits (up to
   * the readable zoom) and from the board's top, fitted again whenever it grows or moves. Never below AUDIENCE_TEXT of the slide's body
   * text: a board too big for that starts at its top left.
   */
  followOverview(): void {
    const r = this.following && this.content.still() ? this.content.extent() : null;
    if (!r || this.size.w <= 0 || this.size.h <= 0) return;
    const key = `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.w)},${Math.round(r.h)}@${this.size.w}x${this.size.h}`;
    if (key === this.followed) return;
    this.followed = key;
    const readable = this.readableZoom() ?? DEFAULT_READABLE;
    // From the top: the zones' columns then fill the board below their headings, however few notes they hold.
    this.fit(r, readable, false, readable * AUDIENCE_TEXT, true);
  }

  /** Everything on the board in view, however small (an overview; fitting the zones makes it readable again). */
  fitAll(): void {
    this.manual = false;
    this.followed = '';
    if (this.following) this.followOverview();
    else this.fit(this.content.bounds(), 1.5);
  }

  readonly onWheel = (e: WheelEvent): void => {
    e.preventDefault();
    e.stopPropagation();
    const m = this.measure();
    const p = ViewportController.local(m, e.clientX, e.clientY);
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    if (e.ctrlKey || e.metaKey) this.zoomAt(Math.exp((-e.deltaY * unit) / 300), p.x, p.y);
    else if (e.shiftKey && !e.deltaX) this.panBy((-e.deltaY * unit) / m.s, 0);
    else this.panBy((-e.deltaX * unit) / m.s, (-e.deltaY * unit) / m.s);
  };

  /** A focused note scrolled into view by the browser: turn the scroll into a pan. */
  readonly onScroll = (): void => {
    const vp = this.element;
    if (!vp || (vp.scrollLeft === 0 && vp.scrollTop === 0)) return;
    const dx = vp.scrollLeft;
    const dy = vp.scrollTop;
    vp.scrollLeft = 0;
    vp.scrollTop = 0;
    this.panBy(-dx, -dy);
  };

  private readonly onWindowResize = () => this.fitHeight();

  private onResize(): void {
    this.fitHeight();
    const vp = this.element;
    if (!vp) return;
    const w = vp.clientWidth;
    const h = vp.clientHeight;
    if (w === this.size.w && h === this.size.h) return;
    this.size = { w, h };
    if (this.following) {
      this.followOverview();
      return;
    }
    if (!this.fitted && w > 0 && h > 0 && this.content.zones().length > 0) {
      this.fitted = true;
      this.fitZones();
    }
  }

  /** Fill the slide below whatever comes before the board (its heading), in the slide's own px. */
  private fitHeight(): void {
    const host = this.host;
    const section = host.closest('section');
    const slides = host.closest<HTMLElement>('.slides');
    if (!section || !slides) return;
    const slideH = parseFloat(slides.style.height) || 720;
    let top = 0;
    let el: HTMLElement | null = host;
    while (el && el !== section) {
      top += el.offsetTop;
      el = el.offsetParent as HTMLElement | null;
    }
    if (el !== section || host.offsetParent === null) return;
    // 48 px stay free at the foot for the presenter's status bar, which sits over the slide's corner.
    const h = Math.max(240, Math.floor(slideH - top - 48));
    if (host.style.height !== `${h}px`) host.style.height = `${h}px`;
  }
}
