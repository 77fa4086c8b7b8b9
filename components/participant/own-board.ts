// The participant's own notes and dots on the boards, as the server last told and as the outbox still holds them,
// and what the phone says about each board intent.
import { msg, str } from '@lit/localize';
import type { Note, NoteStatus } from '../../core/board.js';
import type { MeResponse } from '../../core/wire.js';
import type { ApiError } from '../room/api.js';
import { errorText } from '../i18n.js';

/** What a participant may do on a board; `board` is kept for every kind so the phone knows where it belongs. */
export type BoardAction =
  | { type: 'note'; board: string; zone: string; text: string }
  | { type: 'note-edit'; board: string; note: string; text: string }
  | { type: 'note-withdraw'; board: string; note: string }
  | { type: 'dots'; board: string; dots: Record<string, number> };

/** A board intent waiting for the server: the id is made once and resent as it is, so a retry never counts twice. */
export type PendingBoardIntent = BoardAction & { id: string };

/** One of the participant's own notes as the phone shows it: stored, or still on its way. */
export interface MyNote {
  id: string;
  board: string;
  zone: string;
  text: string;
  /** 'sending' until the server has stored the note. */
  status: NoteStatus | 'sending';
  /** New text on its way to the server. */
  editing: string | undefined;
  /** A withdrawal is on its way. */
  withdrawing: boolean;
  createdAt: number;
}

/** What the phone says about the latest board intent: "notes" (post, edit, withdraw) or "dots". */
export interface BoardFeedback {
  kind: 'stored' | 'sending' | 'waiting' | 'rejected';
  text: string;
  /** When it was said; a component re-announces only newer feedback. */
  at: number;
  /** A note that was not put up: its zone and text, so the phone can offer it again. */
  draft?: { zone: string; text: string };
}

export type BoardPart = 'notes' | 'dots';

const partOf = (p: BoardAction): BoardPart => (p.type === 'dots' ? 'dots' : 'notes');

/** The intent as the wire takes it (core/wire.ts IntentBody): edits and withdrawals name only the note. */
export function boardWireBody(p: PendingBoardIntent): Record<string, unknown> {
  switch (p.type) {
    case 'note':
      return { id: p.id, type: p.type, board: p.board, zone: p.zone, text: p.text };
    case 'note-edit':
      return { id: p.id, type: p.type, note: p.note, text: p.text };
    case 'note-withdraw':
      return { id: p.id, type: p.type, note: p.note };
    case 'dots':
      return { id: p.id, type: p.type, board: p.board, dots: p.dots };
  }
}

/** What the phone says while a board intent goes out. */
export function sendingText(p: BoardAction): string {
  switch (p.type) {
    case 'note':
      return msg('Sætter sedlen op …');
    case 'note-edit':
      return msg('Gemmer ændringen …');
    case 'note-withdraw':
      return msg('Trækker sedlen tilbage …');
    case 'dots':
      return msg('Sender dine prikker …');
  }
}

export class OwnBoards {
  /** Own notes as the server last told: noteId → note. */
  private notes = new Map<string, Note>();
  /** Own dot allocations as stored: board → target → dots. */
  private dots: Record<string, Record<string, number>> = {};
  private readonly feedback = new Map<string, BoardFeedback>();
  /** Own notes seen on the public board; one that leaves it (hidden, deleted) makes the phone ask the server. */
  private readonly seenOnBoard = new Set<string>();

  /** Takes what the server says the participant has on the boards. */
  adopt(boards: MeResponse['boards']): void {
    if (!boards) return;
    this.notes = new Map(boards.notes.map((n) => [n.id, n]));
    this.dots = { ...boards.dots };
  }

  say(p: BoardAction, kind: BoardFeedback['kind'], text: string, draft?: BoardFeedback['draft']): void {
    this.feedback.set(`${p.board}:${partOf(p)}`, { kind, text, at: Date.now(), ...(draft ? { draft } : {}) });
  }

  /** The latest word on a board's notes or dots, if any. */
  feedbackOn(board: string, part: BoardPart): BoardFeedback | undefined {
    return this.feedback.get(`${board}:${part}`);
  }

  /** Own notes on a board, oldest first: stored ones with any edit or withdrawal on its way, then new ones on their way. */
  myNotes(board: string, queued: readonly PendingBoardIntent[]): MyNote[] {
    const out = new Map<string, MyNote>();
    const stored = [...this.notes.values()].filter((n) => n.board === board).sort((a, b) => a.createdAt - b.createdAt);
    for (const n of stored) {
      out.set(n.id, {
        id: n.id,
        board,
        zone: n.zone,
        text: n.text,
        status: n.status,
        editing: undefined,
        withdrawing: false,
        createdAt: n.createdAt,
      });
    }
    for (const p of queued) {
      if (p.board !== board) continue;
      if (p.type === 'note') {
        if (!out.has(p.id))
          out.set(p.id, {
            id: p.id,
            board,
            zone: p.zone,
            text: p.text,
            status: 'sending',
            editing: undefined,
            withdrawing: false,
            createdAt: Date.now(),
          });
      } else if (p.type === 'note-edit') {
        const n = out.get(p.note);
        if (n) n.editing = p.text;
      } else if (p.type === 'note-withdraw') {
        const n = out.get(p.note);
        if (n) n.withdrawing = true;
      }
    }
    return [...out.values()];
  }

  /** Own dots on a board: what the server has stored, and what is on its way (undefined when nothing is). */
  myDots(
    board: string,
    queued: readonly PendingBoardIntent[],
  ): { stored: Record<string, number>; sending: Record<string, number> | undefined } {
    let sending: Record<string, number> | undefined;
    for (const p of queued) if (p.type === 'dots' && p.board === board) sending = p.dots;
    return { stored: this.dots[board] ?? {}, sending };
  }

  /**
   * Own notes as the public board shows them now (facilitators approve, edit and show notes there). True when a
   * note that was on the board has left it: it was hidden or deleted, and the phone should ask the server which.
   */
  reconcile(board: string, onBoard: ReadonlyMap<string, Note>): boolean {
    let gone = false;
    for (const n of this.notes.values()) {
      if (n.board !== board) continue;
      const shown = onBoard.get(n.id);
      if (shown) {
        this.seenOnBoard.add(n.id);
        if (shown.updatedAt >= n.updatedAt && (n.status !== 'visible' || n.text !== shown.text || n.zone !== shown.zone)) {
          this.notes.set(n.id, { ...n, status: 'visible', text: shown.text, zone: shown.zone, updatedAt: shown.updatedAt });
        }
      } else if (this.seenOnBoard.delete(n.id) && n.status === 'visible') {
        gone = true;
      }
    }
    return gone;
  }

  /** The server stored the intent; `answer` is its acknowledgement. */
  accept(p: PendingBoardIntent, answer: unknown): void {
    const ack = (answer ?? {}) as { note?: Note; dots?: Record<string, number> };
    switch (p.type) {
      case 'note':
      case 'note-edit': {
        const note = ack.note as Note;
        this.notes.set(note.id, note);
        const waits = note.status === 'pending';
        if (p.type === 'note')
          this.say(p, 'stored', waits ? msg('✓ Sedlen er sat op og venter på facilitatorens godkendelse.') : msg('✓ Sedlen er sat op.'));
        else this.say(p, 'stored', waits ? msg('✓ Ændringen er gemt. Sedlen venter på godkendelse igen.') : msg('✓ Ændringen er gemt.'));
        break;
      }
      case 'note-withdraw':
        this.forgetNote(p.board, p.note);
        this.say(p, 'stored', msg('✓ Sedlen er trukket tilbage.'));
        break;
      case 'dots': {
        const dots = ack.dots ?? {};
        if (Object.keys(dots).length > 0) this.dots[p.board] = dots;
        else delete this.dots[p.board];
        this.say(p, 'stored', Object.keys(dots).length > 0 ? msg('✓ Dine prikker er gemt.') : msg('✓ Dine prikker er fjernet.'));
        break;
      }
    }
  }

  /** A note that is gone takes the dots on it along (as on the server). */
  private forgetNote(board: string, note: string): void {
    this.notes.delete(note);
    const mine = this.dots[board];
    if (mine && note in mine) {
      delete mine[note];
      if (Object.keys(mine).length === 0) delete this.dots[board];
    }
  }

  /** The server refused the intent for good. */
  refuse(p: PendingBoardIntent, e: ApiError): void {
    switch (p.type) {
      case 'note':
        this.say(p, 'rejected', msg(str`Sedlen blev ikke sat op: ${errorText(e.code, e.message)}`), { zone: p.zone, text: p.text });
        break;
      case 'note-edit':
        if (e.code === 'unknown_note') this.forgetNote(p.board, p.note);
        this.say(p, 'rejected', msg(str`Ændringen blev ikke gemt: ${errorText(e.code, e.message)}`));
        break;
      case 'note-withdraw':
        // Already gone is what was asked for.
        if (e.code === 'unknown_note') {
          this.forgetNote(p.board, p.note);
          this.say(p, 'stored', msg('✓ Sedlen er trukket tilbage.'));
        } else this.say(p, 'rejected', msg(str`Sedlen blev ikke trukket tilbage: ${errorText(e.code, e.message)}`));
        break;
      case 'dots':
        this.say(p, 'rejected', msg(str`Prikkerne blev ikke gemt: ${errorText(e.code, e.message)}`));
        break;
    }
  }

  /** The intent waits for the network or the server; it goes again by itself. */
  waiting(p: PendingBoardIntent, e: ApiError): void {
    const text =
      e.status === 0
        ? p.type === 'dots'
          ? msg('Ingen forbindelse — dine prikker sendes, så snart forbindelsen er tilbage.')
          : p.type === 'note'
            ? msg('Ingen forbindelse — sedlen sættes op, så snart forbindelsen er tilbage.')
            : msg('Ingen forbindelse — det sendes, så snart forbindelsen er tilbage.')
        : e.status === 429
          ? msg('Du har sendt meget på kort tid. Vent lidt — det sendes af sig selv om et øjeblik.')
          : msg('Serveren kunne ikke gemme det lige nu. Det sendes af sig selv, når den kan.');
    this.say(p, 'waiting', text);
  }
}
