// A room's whiteboards on the server: notes posted by participants as intents, moderation, dots.
// The server owns notes, states and counts; facilitators own the layout (positions, clusters, pen).
import type * as Y from 'yjs';
import {
  applyDots,
  approvalOn,
  checkDots,
  checkNoteText,
  checkZone,
  initialBoardState,
  type BoardDef,
  type BoardState,
  type Note,
} from '../core/board.js';
import { LayoutReader } from '../core/board-layout.js';
import { DOC, LIVE_DOC, type BoardPublicState } from '../core/room-doc.js';
import type { BoardControlRequest, BoardIntent } from '../core/wire.js';
import { type Answer, fail, UNSAVED, unlessStorageFails } from './answer.js';
import { putIfChanged, removeIfPresent } from './room/doc-maps.js';
import type { IntentRecord, NoteRecord, Storage } from './storage.js';

export interface BoardHost {
  readonly id: string;
  readonly boards: readonly BoardDef[];
  readonly storage: Storage;
  readonly publicDoc: Y.Doc;
  readonly liveDoc: Y.Doc;
  /** Runs room mutations one after another (shared with ballots and control). */
  serial<T>(task: () => Promise<T>): Promise<T>;
  scheduleFlush(): void;
  log(message: string): void;
}

/** Notes one board holds at most: more than a projector can show, few enough for every phone to download. */
export const MAX_NOTES_PER_BOARD = 1000;

/** A note as published: without the participant it came from. */
function publish(n: NoteRecord): Note {
  return {
    id: n.id,
    board: n.board,
    zone: n.zone,
    text: n.text,
    status: n.status,
    byFacilitator: n.participantId === null,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}

export class Boards {
  private readonly states = new Map<string, BoardState>();
  private readonly notes = new Map<string, NoteRecord>();
  /** Ids of deleted and withdrawn notes: a new note under one would take over its place and group on the board. */
  private readonly deleted = new Set<string>();
  /** board → participant → allocation */
  private readonly dots = new Map<string, Map<string, Record<string, number>>>();
  /** board → target → dots */
  private readonly counts = new Map<string, Record<string, number>>();
  private readonly dirtyBoards = new Set<string>();
  private readonly dirtyNotes = new Set<string>();

  constructor(private readonly host: BoardHost) {}

  async load(): Promise<void> {
    const { storage, id } = this.host;
    const states = await storage.getBoardStates(id);
    for (const def of this.host.boards) {
      this.states.set(def.id, { ...initialBoardState(), ...states.get(def.id) });
      this.dots.set(def.id, new Map());
      this.counts.set(def.id, {});
      this.dirtyBoards.add(def.id);
    }
    for (const n of await storage.listNotes(id)) {
      if (!this.def(n.board)) continue;
      this.notes.set(n.id, n);
      this.dirtyNotes.add(n.id);
    }
    for (const noteId of await storage.listDeletedNoteIds(id)) this.deleted.add(noteId);
    for (const d of await storage.listDots(id)) {
      if (!this.def(d.board)) continue;
      this.dots.get(d.board)!.set(d.participantId, d.dots);
      applyDots(this.counts.get(d.board)!, d.dots, 1);
    }
  }

  def(id: string): BoardDef | undefined {
    return this.host.boards.find((b) => b.id === id);
  }

  /** Targets a dot may be placed on now: visible notes and the board's clusters. */
  private targets(board: string): Set<string> {
    const out = new Set<string>();
    for (const n of this.notes.values()) if (n.board === board && n.status === 'visible') out.add(n.id);
    // The board's clusters as facilitators have shaped them, read as the board and the export read them.
    for (const c of new LayoutReader(this.host.publicDoc.getMap(DOC.layout).get(board)).clusterList()) out.add(c.id);
    return out;
  }

  private intentRecord(participantId: string, intentId: string, scope: string, answer: Answer, at: number): IntentRecord {
    return { participantId, intentId, scope, answer, at };
  }

  /** A participant's intent on a board: post, edit or withdraw a note, or place dots. */
  act(participantId: string, intent: BoardIntent): Promise<Answer> {
    return this.host.serial(() =>
      unlessStorageFails(this.host.log, this.host.id, UNSAVED.intent, async () => {
        const earlier = await this.host.storage.getIntentAnswer(this.host.id, participantId, intent.id);
        if (earlier) return earlier;
        switch (intent.type) {
          case 'note':
            return await this.post(participantId, intent);
          case 'note-edit':
          case 'note-withdraw':
            return await this.changeOwn(participantId, intent);
          case 'dots':
            return await this.placeDots(participantId, intent);
        }
      }),
    );
  }

  private async post(participantId: string, intent: Extract<BoardIntent, { type: 'note' }>): Promise<Answer> {
    const def = this.def(intent.board);
    if (!def) return fail(400, 'unknown_board', `Tavlen "${intent.board}" findes ikke i dette rum.`);
    if (this.states.get(def.id)!.phase !== 'notes') {
      return fail(409, 'board_closed', 'Tavlen er ikke åben for sedler lige nu; sedlen blev ikke gemt.');
    }
    const zone = checkZone(def, intent.zone);
    if (!zone.ok) return fail(400, zone.code, zone.message);
    const text = checkNoteText(def, intent.text);
    if (!text.ok) return fail(400, text.code, text.message);
    // Note ids are public (they are the posting intent's id), so a post may never reuse one: that would
    // rewrite, unhide or take over someone else's note. The owner's own retry was answered above. A deleted
    // note's id stays taken: its position and group are still in the board's layout.
    if (this.notes.has(intent.id) || this.deleted.has(intent.id)) {
      return fail(409, 'duplicate_id', 'Dette id er allerede brugt til en anden seddel. Send sedlen igen med et nyt id.');
    }
    // Every phone downloads the board: however many participants a script makes, it stays a size a phone can take.
    let onBoard = 0;
    for (const n of this.notes.values()) if (n.board === def.id) onBoard++;
    if (onBoard >= MAX_NOTES_PER_BOARD) {
      return fail(409, 'board_full', `Tavlen er fuld (${MAX_NOTES_PER_BOARD} sedler); sedlen blev ikke gemt.`);
    }
    const at = Date.now();
    const note: NoteRecord = {
      id: intent.id,
      roomId: this.host.id,
      board: def.id,
      zone: zone.value,
      text: text.value,
      status: approvalOn(def, this.states.get(def.id)) ? 'pending' : 'visible',
      participantId,
      createdAt: at,
      updatedAt: at,
    };
    const answer: Answer = { status: 200, body: { id: intent.id, type: 'note', note: publish(note) } };
    await this.host.storage.storeNote(note, this.intentRecord(participantId, intent.id, `${def.id}:notes`, answer, at));
    this.notes.set(note.id, note);
    this.noteChanged(note);
    return answer;
  }

  private async changeOwn(participantId: string, intent: Extract<BoardIntent, { type: 'note-edit' | 'note-withdraw' }>): Promise<Answer> {
    const note = this.notes.get(intent.note);
    if (!note) return fail(404, 'unknown_note', 'Sedlen findes ikke (længere).');
    // Refused the same way whether the note is a facilitator's or another participant's.
    if (note.participantId !== participantId) return fail(403, 'not_your_note', 'Du kan kun ændre eller trække dine egne sedler tilbage.');
    const def = this.def(note.board)!;
    const at = Date.now();
    const scope = `${def.id}:notes`;
    if (intent.type === 'note-withdraw') {
      const answer: Answer = { status: 200, body: { id: intent.id, type: 'note-withdraw', note: note.id } };
      await this.host.storage.deleteNote(this.host.id, note.id, this.intentRecord(participantId, intent.id, scope, answer, at));
      this.forget(note);
      return answer;
    }
    if (this.states.get(def.id)!.phase !== 'notes') {
      return fail(409, 'board_closed', 'Tavlen er ikke åben for sedler lige nu; ændringen blev ikke gemt.');
    }
    const text = checkNoteText(def, intent.text);
    if (!text.ok) return fail(400, text.code, text.message);
    // An edited note waits for approval again when the board asks for it, unless a facilitator hid it.
    const status = note.status === 'hidden' ? 'hidden' : approvalOn(def, this.states.get(def.id)) ? 'pending' : 'visible';
    const next: NoteRecord = { ...note, text: text.value, status, updatedAt: at };
    const answer: Answer = { status: 200, body: { id: intent.id, type: 'note-edit', note: publish(next) } };
    await this.host.storage.storeNote(next, this.intentRecord(participantId, intent.id, scope, answer, at));
    this.notes.set(next.id, next);
    this.noteChanged(next);
    return answer;
  }

  private async placeDots(participantId: string, intent: Extract<BoardIntent, { type: 'dots' }>): Promise<Answer> {
    const def = this.def(intent.board);
    if (!def) return fail(400, 'unknown_board', `Tavlen "${intent.board}" findes ikke i dette rum.`);
    if (this.states.get(def.id)!.phase !== 'dots') {
      return fail(409, 'board_closed', 'Prikafstemningen er ikke åben lige nu; prikkerne blev ikke gemt.');
    }
    const checked = checkDots(def, intent.dots, this.targets(def.id));
    if (!checked.ok) return fail(400, checked.code, checked.message);
    const at = Date.now();
    const answer: Answer = { status: 200, body: { id: intent.id, type: 'dots', board: def.id, dots: checked.value } };
    await this.host.storage.storeDots(
      this.host.id,
      { board: def.id, participantId, dots: checked.value, updatedAt: at },
      this.intentRecord(participantId, intent.id, `${def.id}:dots`, answer, at),
    );
    const mine = this.dots.get(def.id)!;
    const counts = this.counts.get(def.id)!;
    const previous = mine.get(participantId);
    if (previous) applyDots(counts, previous, -1);
    if (Object.keys(checked.value).length > 0) mine.set(participantId, checked.value);
    else mine.delete(participantId);
    applyDots(counts, checked.value, 1);
    this.boardChanged(def.id);
    return answer;
  }

  /** Facilitator actions on a board (hiding a sender's notes spans the room, so the room does that one). */
  control(request: Exclude<BoardControlRequest, { action: 'note-hide-sender' }>): Promise<Answer> {
    return this.host.serial(async () => {
      const def = this.def(request.board);
      if (!def) return fail(404, 'unknown_board', `Tavlen "${request.board}" findes ikke i dette rum.`);
      return unlessStorageFails(this.host.log, this.host.id, UNSAVED.change, () => this.apply(def, request));
    });
  }

  private async apply(def: BoardDef, request: Exclude<BoardControlRequest, { action: 'note-hide-sender' }>): Promise<Answer> {
    switch (request.action) {
      case 'board-phase':
      case 'board-reveal':
      case 'board-hide': {
        const before = this.states.get(def.id)!;
        const next: BoardState =
          request.action === 'board-phase'
            ? { ...before, phase: request.phase }
            : { ...before, revealed: request.action === 'board-reveal' };
        await this.host.storage.putBoardState(this.host.id, def.id, next);
        this.states.set(def.id, next);
        this.boardChanged(def.id);
        break;
      }
      case 'board-approval': {
        // Only notes posted from now on follow the new setting: pending ones still wait, visible ones stay up.
        const next: BoardState = { ...this.states.get(def.id)!, approval: request.approval };
        await this.host.storage.putBoardState(this.host.id, def.id, next);
        this.states.set(def.id, next);
        this.boardChanged(def.id);
        break;
      }
      case 'board-reset-dots':
        await this.host.storage.deleteDots(this.host.id, def.id);
        this.dots.set(def.id, new Map());
        this.counts.set(def.id, {});
        this.boardChanged(def.id);
        break;
      case 'note-add': {
        const zone = checkZone(def, request.zone);
        if (!zone.ok) return fail(400, zone.code, zone.message);
        const text = checkNoteText(def, request.text);
        if (!text.ok) return fail(400, text.code, text.message);
        const at = Date.now();
        const note: NoteRecord = {
          id: crypto.randomUUID(),
          roomId: this.host.id,
          board: def.id,
          zone: zone.value,
          text: text.value,
          status: 'visible',
          participantId: null,
          createdAt: at,
          updatedAt: at,
        };
        await this.host.storage.storeNote(note);
        this.notes.set(note.id, note);
        this.noteChanged(note);
        return { status: 200, body: { board: def.id, note: publish(note) } };
      }
      default: {
        const note = this.notes.get(request.note);
        if (!note || note.board !== def.id) return fail(404, 'unknown_note', 'Sedlen findes ikke (længere).');
        if (request.action === 'note-delete') {
          await this.host.storage.deleteNote(this.host.id, note.id);
          this.forget(note);
          return { status: 200, body: { board: def.id, deleted: note.id } };
        }
        let next: NoteRecord;
        if (request.action === 'note-edit') {
          let text = note.text;
          if (request.text !== undefined) {
            const checked = checkNoteText(def, request.text);
            if (!checked.ok) return fail(400, checked.code, checked.message);
            text = checked.value;
          }
          let zone = note.zone;
          if (request.zone !== undefined) {
            const checked = checkZone(def, request.zone);
            if (!checked.ok) return fail(400, checked.code, checked.message);
            zone = checked.value;
          }
          next = { ...note, text, zone, updatedAt: Date.now() };
        } else {
          next = { ...note, status: request.action === 'note-hide' ? 'hidden' : 'visible', updatedAt: Date.now() };
        }
        await this.host.storage.storeNote(next);
        this.notes.set(next.id, next);
        this.noteChanged(next);
        return { status: 200, body: { board: def.id, note: publish(next) } };
      }
    }
    return { status: 200, body: { board: def.id, state: this.publicState(def.id) } };
  }

  /** A deleted or withdrawn note: gone, and so are the dots on it. */
  private forget(note: NoteRecord): void {
    this.notes.delete(note.id);
    this.deleted.add(note.id);
    const counts = this.counts.get(note.board)!;
    for (const [participant, alloc] of this.dots.get(note.board)!) {
      if (!(note.id in alloc)) continue;
      const n = alloc[note.id]!;
      delete alloc[note.id];
      applyDots(counts, { [note.id]: n }, -1);
      if (Object.keys(alloc).length === 0) this.dots.get(note.board)!.delete(participant);
    }
    this.noteChanged(note);
  }

  private noteChanged(note: NoteRecord): void {
    this.dirtyNotes.add(note.id);
    this.boardChanged(note.board);
  }

  private boardChanged(board: string): void {
    this.dirtyBoards.add(board);
    this.host.scheduleFlush();
  }

  publicState(board: string): BoardPublicState {
    const state = this.states.get(board)!;
    let notes = 0;
    for (const n of this.notes.values()) if (n.board === board && n.status === 'visible') notes++;
    return {
      phase: state.phase,
      revealed: state.revealed,
      approval: approvalOn(this.def(board)!, state),
      notes,
      dotters: this.dots.get(board)?.size ?? 0,
    };
  }

  /**
   * Who posted a note, for the room to act on without ever saying it: undefined for an unknown note, null for
   * a facilitator's. Never to be put in an answer or a document.
   */
  senderOf(board: string, noteId: string): string | null | undefined {
    const note = this.notes.get(noteId);
    return note && note.board === board ? note.participantId : undefined;
  }

  /**
   * Hide every note one participant has posted, on every board, pending ones included; answers how many were
   * hidden now. Called from inside the room's serial queue; each note is stored before it changes in memory.
   */
  async hideAllFrom(participantId: string): Promise<number> {
    let hidden = 0;
    const at = Date.now();
    for (const note of [...this.notes.values()]) {
      if (note.participantId !== participantId || note.status === 'hidden') continue;
      const next: NoteRecord = { ...note, status: 'hidden', updatedAt: at };
      await this.host.storage.storeNote(next);
      this.notes.set(next.id, next);
      this.noteChanged(next);
      hidden++;
    }
    return hidden;
  }

  /** What one participant has on the boards: their own notes (with status) and dots. */
  of(participantId: string): { notes: Note[]; dots: Record<string, Record<string, number>> } {
    const notes: Note[] = [];
    for (const n of this.notes.values()) if (n.participantId === participantId) notes.push(publish(n));
    const dots: Record<string, Record<string, number>> = {};
    for (const [board, m] of this.dots) {
      const mine = m.get(participantId);
      if (mine) dots[board] = mine;
    }
    return { notes, dots };
  }

  counted(board: string): Record<string, number> {
    return { ...(this.counts.get(board) ?? {}) };
  }

  /** A write to the server-owned board maps that did not come from the server: put it back. */
  restore(map: 'boards' | 'notes' | 'dots', key: string): void {
    if (map === 'notes') this.dirtyNotes.add(key);
    else this.dirtyBoards.add(key);
    this.host.scheduleFlush();
  }

  /** Publish changed boards and notes (called from the room's throttled flush). */
  flush(): void {
    if (this.dirtyBoards.size === 0 && this.dirtyNotes.size === 0) return;
    const boards = [...this.dirtyBoards];
    const notes = [...this.dirtyNotes];
    this.dirtyBoards.clear();
    this.dirtyNotes.clear();
    const { publicDoc, liveDoc } = this.host;
    publicDoc.transact(() => {
      const stateMap = publicDoc.getMap(DOC.boards);
      const dotMap = publicDoc.getMap(DOC.dots);
      const noteMap = publicDoc.getMap(DOC.notes);
      for (const id of boards) {
        if (!this.def(id)) {
          removeIfPresent(stateMap, id);
          removeIfPresent(dotMap, id);
          continue;
        }
        const state = this.publicState(id);
        putIfChanged(stateMap, id, state);
        if (state.revealed) putIfChanged(dotMap, id, { ...this.counts.get(id)! });
        else removeIfPresent(dotMap, id);
      }
      for (const id of notes) {
        const n = this.notes.get(id);
        if (n && n.status === 'visible') putIfChanged(noteMap, id, publish(n));
        else removeIfPresent(noteMap, id);
      }
    }, 'server');
    liveDoc.transact(() => {
      const noteMap = liveDoc.getMap(LIVE_DOC.notes);
      const dotMap = liveDoc.getMap(LIVE_DOC.dots);
      for (const id of notes) {
        const n = this.notes.get(id);
        if (n) noteMap.set(id, publish(n));
        else removeIfPresent(noteMap, id);
      }
      for (const id of boards) if (this.def(id)) dotMap.set(id, { ...this.counts.get(id)! });
    }, 'server');
  }
}
