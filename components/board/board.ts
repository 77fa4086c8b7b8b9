// <rs-board board="<id>">: the shared whiteboard on the facilitator's deck. Zones from the deck's manifest,
// sticky notes coloured by zone, pan and zoom, named clusters, a free-hand pen, moderation and phase
// controls, undo and redo per facilitator. Several facilitators shape the layout at once through Yjs.
// With a participant connection it draws the board read-only.
//
// Performance: notes sit absolutely positioned in one layer that a CSS transform pans and zooms. Lit
// renders a note's content only when notes, clusters, membership or dots change; positions are written
// straight to the moved elements' style (a drag, a remote move), never through a render of all notes.
// A drag writes to Yjs at most once per animation frame, in a transaction with this facilitator's origin.
//
// The element holds the state and the actions; the rest lives beside it: the model (board-model.ts), the
// controllers for the document binding, viewport, pointer gestures and keyboard, DOM placement, the layout
// edits, and the parts of the render (toolbar, items, panel, table).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type { BoardDef, BoardPhase } from '../../core/board.js';
import type { DeckManifest } from '../../core/deck.js';
import type { BoardControlRequest } from '../../core/wire.js';
import { ApiError, type FacilitatorApi } from '../room/api.js';
import { answersCount, errorText } from '../i18n.js';
import type { RoomConnection } from '../room/room-connection.js';
import { deckContext, facilitatorContext, roomContext, viewContext, type FacilitatorView } from '../room/room-context.js';
import { buttons, tokens } from '../theme.js';
import { boardStyles } from './board-styles.js';
import {
  EMPTY_MODEL,
  type Model,
  type Target,
  type Whereabouts,
  boardBounds,
  boardExtent,
  buildModel,
  clusterDots,
  placeAuto,
  zoneRects,
} from './board-model.js';
import { dotsText, groupsText, notesText } from './board-texts.js';
import { BoardDocController } from './doc-binding.js';
import { BoardEdits } from './edits.js';
import type { Point } from './geometry.js';
import { GestureController, type Tool } from './gestures.js';
import { renderCluster, renderNote, renderZone } from './items.js';
import { KeyboardController } from './keyboard.js';
import { renderPanel } from './panel.js';
import { PEN_COLORS } from './pen.js';
import { Placement } from './placement.js';
import { renderTable } from './table.js';
import { renderAddForm, renderHeader, renderTools } from './toolbar.js';
import { ViewportController } from './viewport.js';

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

  /**
   * On the projector (`audience`) the board shows its prompt, zones, notes, groups, dots and counts only: no
   * controls, no toolbar, no selection, no pen, no moderation, and no note still waiting for approval.
   */
  @consume({ context: viewContext, subscribe: true })
  @property({ reflect: true })
  view: FacilitatorView = 'solo';

  @state() tool: Tool = 'move';
  @state() penColor = PEN_COLORS[0]!.color;
  @state() selected: Target = null;
  @state() renaming: string | null = null;
  @state() adding = false;
  /** The board as a table: every note with its zone, group and dots (for screen readers and for reading). */
  @state() listView = false;
  @state() busy = false;
  @state() private error = '';
  @state() private toast = '';
  @state() canUndo = false;
  @state() canRedo = false;

  model: Model = EMPTY_MODEL;
  /** A selector in the board to focus after the next render. */
  focusAfterRender: string | null = null;
  private toastTimer: ReturnType<typeof setTimeout> | null = null;

  /** Where the layout puts things, with whatever a drag holds where the pointer is. */
  readonly where: Whereabouts;
  readonly doc: BoardDocController;
  readonly viewport: ViewportController;
  readonly placement: Placement;
  readonly edits: BoardEdits;
  readonly gestures: GestureController;
  readonly keyboard: KeyboardController;

  constructor() {
    super();
    const board = this;
    this.where = {
      position: (note) => this.doc.layout?.position(note),
      cluster: (id) => this.doc.layout?.cluster(id),
      get held() {
        return board.gestures.held;
      },
    };
    this.doc = new BoardDocController(this, {
      positions: (notes) => {
        for (const id of notes) this.placement.note(id);
        this.viewport.followOverview();
      },
      clustersMoved: () => this.relayout(),
      strokes: () => this.placement.strokes(),
    });
    this.viewport = new ViewportController(this, {
      zones: () => (this.definition ? zoneRects(this.model) : []),
      bounds: () => boardBounds(this.model, this.where, this.doc.layout?.strokeList() ?? []),
      extent: () => (this.definition ? boardExtent(this.model, this.where, this.doc.layout?.strokeList() ?? []) : null),
      follows: () => this.audience,
      // Not under a pointer that is dragging or drawing: the board would move away from it.
      still: () => !this.gestures.active,
      moved: () => this.placement.cullAll(),
    });
    this.placement = new Placement(this, {
      get model() {
        return board.model;
      },
      where: this.where,
      get view() {
        return board.viewport.view;
      },
      get size() {
        return board.viewport.size;
      },
      placed: (note) => !!this.doc.layout?.position(note),
      strokes: () => this.doc.layout?.strokeList() ?? [],
    });
    this.edits = new BoardEdits(this.doc, {
      get model() {
        return board.model;
      },
      where: this.where,
      dots: () => this.dotsOf(),
    });
    this.gestures = new GestureController(this);
    this.keyboard = new KeyboardController(this);
  }

  /** The server's definition from the manifest; the markup is only the source it was built from. */
  get definition(): BoardDef | undefined {
    return this.deck?.boards?.find((b) => b.id === this.board);
  }

  /** Facilitators edit; a participant's connection and the projector's audience view draw the board read-only. */
  get editable(): boolean {
    return !!this.api && this.room?.options.role === 'facilitator' && !this.audience;
  }

  /** The projector's audience view: the board to read, nothing to operate. */
  get audience(): boolean {
    return this.view === 'audience';
  }

  // ---------------------------------------------------------------- lifecycle

  protected override updated(changed: PropertyValues<this>): void {
    this.placement.collect();
    this.placement.strokes();
    this.placement.all();
    this.viewport.apply();
    // Where nobody pans (the projector's audience view; the console until the facilitator does), the view
    // follows what the board holds.
    this.viewport.followOverview();
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

  /** Recompute automatic spots and move whatever they moved; no render. */
  relayout(): void {
    placeAuto(this.model, this.where);
    this.placement.all();
    this.viewport.followOverview();
  }

  private dotsOf(): Record<string, number> {
    return this.room?.dots(this.board) ?? {};
  }

  /** Everything on the board in view. */
  fitAll(): void {
    this.viewport.fitAll();
  }

  say(text: string): void {
    this.toast = text;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast = ''), 4000);
  }

  // ---------------------------------------------------------------- actions

  select(sel: Target, focusPanel = false): void {
    this.selected = sel;
    if (focusPanel) this.focusAfterRender = '.panel select, .panel input, .panel button';
  }

  clicked(target: NonNullable<Target>, rename: boolean): void {
    if (rename) this.renaming = target.id;
    this.select(target);
  }

  clickedBackground(): void {
    if (this.selected) this.selected = null;
  }

  /** Clusters an edit left empty are gone: so is their selection. */
  private afterEdit(): void {
    if (this.selected && this.edits.pruned.includes(this.selected.id)) this.selected = null;
    this.edits.pruned = [];
  }

  dropped(kind: 'note' | 'cluster', id: string, pos: Point, target: Target): void {
    if (kind === 'cluster') {
      if (target?.kind === 'cluster' && target.id !== id) this.mergeClusters(id, target.id);
      else {
        this.edits.move('cluster', id, pos);
        this.placement.cluster(id);
      }
      return;
    }
    const created = this.edits.dropNote(id, pos, target);
    this.afterEdit();
    if (created) {
      this.selected = { kind: 'cluster', id: created };
      this.renaming = created;
      this.say(msg('Gruppen er lavet. Skriv et navn, eller tryk Enter for at beholde det.'));
    }
    // The dragged element was moved by hand; put everything where the layout now says.
    this.relayout();
  }

  undoLast(): void {
    this.doc.undoLast();
  }

  redo(): void {
    this.doc.redo();
  }

  async send(body: BoardControlRequest): Promise<boolean> {
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

  phase(phase: BoardPhase): Promise<boolean> {
    return this.send({ action: 'board-phase', board: this.board, phase });
  }

  resetDots(): void {
    if (!confirm(msg('Nulstil prikkerne? Alle deltageres prikker på tavlen slettes, og det kan ikke fortrydes.'))) return;
    void this.send({ action: 'board-reset-dots', board: this.board });
  }

  async deleteNote(id: string): Promise<void> {
    const note = this.model.byId.get(id);
    if (!note) return;
    if (!confirm(msg(str`Slet sedlen «${note.text}»? Den forsvinder for alle, og prikkerne på den slettes. Det kan ikke fortrydes.`)))
      return;
    if (await this.send({ action: 'note-delete', board: this.board, note: id })) {
      this.edits.forget(id);
      if (this.selected?.id === id) this.selected = null;
    }
  }

  moderate(id: string, action: 'note-approve' | 'note-hide' | 'note-show'): void {
    void this.send({ action, board: this.board, note: id });
  }

  /** Hides every note and text answer from whoever wrote this note; the server finds them and never says who. */
  async hideSender(id: string): Promise<void> {
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

  async addNote(e: SubmitEvent): Promise<void> {
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
  moveToCluster(id: string, value: string): void {
    if (!this.doc.layout || !this.model.byId.has(id) || (value || null) === (this.model.clusterOf.get(id) ?? null)) return;
    const created = this.edits.moveToCluster(id, value);
    this.afterEdit();
    if (created) this.say(msg('Ny gruppe lavet. Vælg den under «Flyt til gruppe» for andre sedler, eller omdøb den.'));
    this.focusAfterRender = '.panel select';
  }

  rename(id: string, name: string): void {
    this.edits.rename(id, name);
  }

  commitRename(e: Event, id: string): void {
    if (this.renaming !== id) return;
    const input = e.target as HTMLInputElement;
    this.renaming = null;
    this.toast = '';
    this.rename(id, input.value);
    this.focusAfterRender = `.cluster[data-cluster="${id}"] .cluster-head`;
  }

  mergeClusters(from: string, into: string): void {
    const layout = this.doc.layout;
    if (!layout || from === into) return;
    const own = this.dotsOf()[from] ?? 0;
    const a = layout.cluster(from)?.name ?? '';
    const b = layout.cluster(into)?.name ?? '';
    if (
      own > 0 &&
      !confirm(msg(str`Gruppen «${a}» har ${dotsText(own)} på selve gruppen; de går tabt, når den slås sammen med «${b}». Fortsæt?`))
    ) {
      this.placement.cluster(from);
      return;
    }
    this.edits.merge(from, into);
    this.selected = { kind: 'cluster', id: into };
    this.say(msg(str`«${a}» er slået sammen med «${b}».`));
  }

  dissolve(id: string): void {
    const layout = this.doc.layout;
    if (!layout) return;
    const own = this.dotsOf()[id] ?? 0;
    const name = layout.cluster(id)?.name ?? '';
    if (own > 0 && !confirm(msg(str`Gruppen «${name}» har ${dotsText(own)}; de går tabt, når gruppen opløses. Fortsæt?`))) return;
    this.edits.dissolve(id);
    if (this.selected?.id === id) this.selected = null;
  }

  /** Every group of duplicate notes into one cluster (an existing one if some are already in one). */
  gatherDuplicates(): void {
    const made = this.edits.gatherDuplicates();
    this.afterEdit();
    if (made > 0) this.say(msg(str`${groupsText(made)} af dubletter samlet.`));
  }

  clearInk(): void {
    if (!confirm(msg('Slet alt, der er tegnet på tavlen? (Fortryd kan hente det tilbage.)'))) return;
    this.edits.clearInk();
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

  override render() {
    const def = this.definition;
    if (!def) return html`<p class="prompt">${this.prompt}</p>`;
    // The board draws where things are placed, so it reads its layout map whole through core's reader (for a
    // participant too); room.boardGroups holds only the groups' names and members.
    const layout = this.doc.layout;
    const room = this.room;
    const audience = this.audience;
    // The audience sees only what the facilitator let through: no note waiting for approval, none hidden.
    const notes = room ? room.notes(this.board).filter((n) => !audience || n.status === 'visible') : [];
    this.model = room ? buildModel(def, notes, layout?.clusterList() ?? [], layout?.memberships() ?? new Map()) : EMPTY_MODEL;
    placeAuto(this.model, this.where);
    const st = room?.boardState(this.board);
    const revealed = st?.revealed ?? false;
    const dots = revealed ? this.dotsOf() : {};
    const m = this.model;
    const editable = this.editable;
    const { gestures, keyboard, viewport } = this;
    return html`<div class="frame">
      ${renderHeader(this, def, st, m.notes)} ${audience ? nothing : renderTools(this, layout?.strokes?.length ?? 0, m.duplicates.length)}
      <div
        class="viewport"
        ?hidden=${this.listView}
        tabindex="0"
        role="application"
        aria-roledescription=${msg('tavle')}
        aria-label=${msg(str`Tavle: ${def.prompt}`)}
        aria-describedby=${audience ? nothing : 'board-help'}
        data-tool=${editable ? this.tool : 'move'}
        @pointerdown=${gestures.onPointerDown}
        @pointermove=${gestures.onPointerMove}
        @pointerup=${gestures.onPointerUp}
        @pointercancel=${gestures.onPointerUp}
        @wheel=${{ handleEvent: viewport.onWheel, passive: false }}
        @scroll=${viewport.onScroll}
        @touchstart=${keyboard.stopKeys}
        @click=${this.onLayerClick}
      >
        <div class="layer">
          ${def.zones.map((z, i) => renderZone(z, i, m.zoneCounts[i] ?? 0, m.notes.length === 0 && !editable))}
          ${repeat(
            m.clusters,
            (c) => c.id,
            (c) => renderCluster(this, c, m.members.get(c.id)?.length ?? 0, clusterDots(m, c.id, dots)),
          )}
          ${repeat(
            m.notes,
            (n) => n.id,
            (n) => renderNote(this, n, m.zoneIndex.get(n.zone) ?? 0, dots[n.id] ?? 0, m.clusterOf.has(n.id), m.dupIds.has(n.id)),
          )}
          <svg class="ink" aria-hidden="true"><g class="strokes"></g><path class="live"></path></svg>
        </div>
        ${m.notes.length === 0 && !editable && def.zones.length === 0 ? html`<p class="readonly-empty">${msg('Ingen sedler endnu')}</p>` : nothing}
        ${renderAddForm(this, def)} ${this.selected && editable ? renderPanel(this, def, m, this.selected, this.dotsOf()) : nothing}
        ${this.toast ? html`<p class="toast" role="status">${this.toast}</p>` : nothing}
        ${
          audience
            ? nothing
            : html`<p class="hint" id="board-help">
          ${
            editable
              ? msg(
                  'Træk en seddel over en anden for at lave en gruppe · Piletaster flytter (Skift: længere) · Enter: handlinger · + − 0: zoom',
                )
              : msg('Træk for at panorere · + − 0: zoom')
          }
        </p>`
        }
      </div>
      ${this.listView && !audience ? renderTable(def, m, dots, revealed, editable) : nothing}
      ${this.error && !audience ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-board': RsBoard;
  }
}
