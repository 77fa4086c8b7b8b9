// A participant's session: the token kept across reloads, and votes and board intents (notes, edits,
// withdrawals, dots) kept until the server has stored them.
import type { Ballot } from '../../core/activity.js';
import type { Note, NoteStatus } from '../../core/board.js';
import type { BallotAck, JoinResponse, MeResponse } from '../../core/wire.js';
import { ApiError, request } from '../room/api.js';
import { msg, str } from '@lit/localize';
import { errorText } from '../i18n.js';

export interface StoredSession {
  roomId: string;
  token: string;
  code: string;
}

export interface PendingVote {
  id: string;
  activity: string;
  ballot: Ballot;
}

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

export type VoteStatus =
  | { kind: 'none' }
  | { kind: 'sending'; ballot: Ballot; offline: boolean }
  | { kind: 'stored'; ballot: Ballot }
  | { kind: 'rejected'; message: string; ballot: Ballot | undefined };

const SESSION_KEY = (code: string) => `rs-session:${code}`;
const PENDING_KEY = (roomId: string) => `rs-pending:${roomId}`;
const PENDING_BOARD_KEY = (roomId: string) => `rs-pending-board:${roomId}`;

function readJson<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    // Private mode or a corrupt entry: the session simply starts fresh.
    return undefined;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the vote still goes out, only a reload would forget it.
  }
}

export function storedSession(code: string): StoredSession | undefined {
  return readJson<StoredSession>(SESSION_KEY(code));
}

export function forgetSession(code: string): void {
  try {
    localStorage.removeItem(SESSION_KEY(code));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** Keeps the session for this code across reloads. */
export function rememberSession(session: StoredSession): void {
  writeJson(SESSION_KEY(session.code), session);
}

export async function joinRoom(code: string): Promise<StoredSession> {
  const r = await request<JoinResponse>('/api/join', { body: { code } });
  const session = { roomId: r.roomId, token: r.participantToken, code };
  writeJson(SESSION_KEY(code), session);
  return session;
}

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; phones on a LAN address over plain http do not have one.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The intent as the wire takes it (core/wire.ts IntentBody): edits and withdrawals name only the note. */
function wireBody(p: PendingBoardIntent): Record<string, unknown> {
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

const partOf = (p: BoardAction): BoardPart => (p.type === 'dots' ? 'dots' : 'notes');

export class ParticipantSession extends EventTarget {
  private ballots: Record<string, Ballot> = {};
  private pending: Record<string, PendingVote>;
  private readonly rejected = new Map<string, { message: string; ballot: Ballot | undefined }>();
  private offline = false;
  private inFlight = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = 1000;
  /** Own notes as the server last told: noteId → note. */
  private notes = new Map<string, Note>();
  /** Own dot allocations as stored: board → target → dots. */
  private dots: Record<string, Record<string, number>> = {};
  /** Board intents in the order they were made; sent one at a time and in order (a note before its edit). */
  private boardQueue: PendingBoardIntent[];
  /** The board intent on its way now. */
  private boardSending: string | null = null;
  private readonly feedback = new Map<string, BoardFeedback>();
  /** Own notes seen on the public board; one that leaves it (hidden, deleted) makes the phone ask the server. */
  private readonly seenOnBoard = new Set<string>();
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly stored: StoredSession) {
    super();
    this.pending = readJson<Record<string, PendingVote>>(PENDING_KEY(stored.roomId)) ?? {};
    const queue = readJson<PendingBoardIntent[]>(PENDING_BOARD_KEY(stored.roomId));
    this.boardQueue = Array.isArray(queue) ? queue : [];
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  private async me(): Promise<MeResponse> {
    const me = await request<MeResponse>(`/api/rooms/${encodeURIComponent(this.stored.roomId)}/me`, { token: this.stored.token });
    this.ballots = me.ballots;
    if (me.boards) {
      this.notes = new Map(me.boards.notes.map((n) => [n.id, n]));
      this.dots = { ...me.boards.dots };
    }
    return me;
  }

  /**
   * Starts from what the page already knows — the server's boot record, or nothing for a phone that has
   * just joined — so a weak connection is spared the /me round trip.
   */
  adopt(me: Pick<MeResponse, 'ballots' | 'boards'>): void {
    this.ballots = { ...me.ballots };
    if (me.boards) {
      this.notes = new Map(me.boards.notes.map((n) => [n.id, n]));
      this.dots = { ...me.boards.dots };
    }
    this.changed();
    void this.flush();
  }

  async load(): Promise<MeResponse> {
    const me = await this.me();
    this.changed();
    void this.flush();
    return me;
  }

  status(activity: string): VoteStatus {
    const p = this.pending[activity];
    if (p) return { kind: 'sending', ballot: p.ballot, offline: this.offline };
    const r = this.rejected.get(activity);
    if (r) return { kind: 'rejected', ...r };
    const b = this.ballots[activity];
    return b ? { kind: 'stored', ballot: b } : { kind: 'none' };
  }

  vote(activity: string, ballot: Ballot): void {
    this.rejected.delete(activity);
    this.pending[activity] = { id: newId(), activity, ballot };
    writeJson(PENDING_KEY(this.stored.roomId), this.pending);
    this.changed();
    void this.flush();
  }

  // ---------------------------------------------------------------- boards

  /** Post a note; its id (the intent's) is returned at once and stays the note's id on the board. */
  postNote(board: string, zone: string, text: string): string {
    const id = newId();
    this.enqueue({ id, type: 'note', board, zone, text }, msg('Sætter sedlen op …'));
    return id;
  }

  editNote(board: string, note: string, text: string): void {
    this.enqueue({ id: newId(), type: 'note-edit', board, note, text }, msg('Gemmer ændringen …'));
  }

  withdrawNote(board: string, note: string): void {
    this.enqueue({ id: newId(), type: 'note-withdraw', board, note }, msg('Trækker sedlen tilbage …'));
  }

  /** The whole allocation on a board; it replaces one that has not gone out yet. */
  placeDots(board: string, dots: Record<string, number>): void {
    this.boardQueue = this.boardQueue.filter((p) => !(p.type === 'dots' && p.board === board && p.id !== this.boardSending));
    this.enqueue({ id: newId(), type: 'dots', board, dots }, msg('Sender dine prikker …'));
  }

  private enqueue(p: PendingBoardIntent, sending: string): void {
    this.boardQueue.push(p);
    this.saveBoardQueue();
    this.say(p, 'sending', sending);
    this.changed();
    void this.flush();
  }

  private saveBoardQueue(): void {
    writeJson(PENDING_BOARD_KEY(this.stored.roomId), this.boardQueue);
  }

  private say(p: BoardAction, kind: BoardFeedback['kind'], text: string, draft?: BoardFeedback['draft']): void {
    this.feedback.set(`${p.board}:${partOf(p)}`, { kind, text, at: Date.now(), ...(draft ? { draft } : {}) });
  }

  /** The latest word on a board's notes or dots, if any. */
  boardFeedback(board: string, part: BoardPart): BoardFeedback | undefined {
    return this.feedback.get(`${board}:${part}`);
  }

  /** Own notes on a board, oldest first: stored ones with any edit or withdrawal on its way, then new ones on their way. */
  myNotes(board: string): MyNote[] {
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
    for (const p of this.boardQueue) {
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
  myDots(board: string): { stored: Record<string, number>; sending: Record<string, number> | undefined } {
    let sending: Record<string, number> | undefined;
    for (const p of this.boardQueue) if (p.type === 'dots' && p.board === board) sending = p.dots;
    return { stored: this.dots[board] ?? {}, sending };
  }

  /** Whether the phone is offline as far as the last attempt to send told. */
  get isOffline(): boolean {
    return this.offline;
  }

  /**
   * Own notes as the public board shows them now (facilitators approve, edit and show notes there). A note
   * that was on the board and has left it was hidden or deleted: the phone asks the server once which.
   */
  reconcile(board: string, onBoard: ReadonlyMap<string, Note>): void {
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
    if (gone && !this.refreshTimer) {
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = null;
        this.me().then(
          () => this.changed(),
          () => undefined,
        );
      }, 600);
    }
  }

  private accept(p: PendingBoardIntent, ack: Record<string, unknown>): void {
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
        const dots = (ack.dots as Record<string, number> | undefined) ?? {};
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

  private refuse(p: PendingBoardIntent, e: ApiError): void {
    switch (p.type) {
      case 'note':
        // Whatever waited to change this note cannot happen now.
        this.boardQueue = this.boardQueue.filter((q) => !('note' in q && q.note === p.id));
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

  private waiting(p: PendingBoardIntent, e: ApiError): void {
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

  /** Send board intents one at a time, in order; true when one must be tried again later. */
  private async flushBoard(): Promise<boolean> {
    if (this.boardSending !== null) return false;
    for (;;) {
      const p = this.boardQueue[0];
      if (!p) return false;
      this.boardSending = p.id;
      try {
        const ack = await request<Record<string, unknown>>(`/api/rooms/${encodeURIComponent(this.stored.roomId)}/intents`, {
          token: this.stored.token,
          body: wireBody(p),
        });
        this.offline = false;
        this.retryDelay = 1000;
        this.accept(p, ack);
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
        if (e.status === 0 || e.status >= 500 || e.status === 429) {
          this.offline = e.status === 0;
          this.waiting(p, e);
          return true;
        }
        this.refuse(p, e);
      } finally {
        this.boardSending = null;
      }
      this.boardQueue = this.boardQueue.filter((q) => q.id !== p.id);
      this.saveBoardQueue();
      this.changed();
    }
  }

  /** Send every pending vote and board intent; called on a vote, on reconnect, when back online and by the retry timer. */
  async flush(): Promise<void> {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    let retry = false;
    await Promise.all([
      this.flushBoard().then((again) => {
        if (again) retry = true;
      }),
      ...Object.values(this.pending).map(async (p) => {
        if (this.inFlight.has(p.id)) return;
        this.inFlight.add(p.id);
        try {
          const ack = await request<BallotAck>(`/api/rooms/${encodeURIComponent(this.stored.roomId)}/intents`, {
            token: this.stored.token,
            body: { id: p.id, type: 'ballot', activity: p.activity, ballot: p.ballot },
          });
          this.offline = false;
          this.retryDelay = 1000;
          // A members-only ballot's stored receipt holds no choice (docs/voting-cards.md): the phone keeps its own.
          this.ballots[p.activity] = (ack.ballot ?? p.ballot) as Ballot;
          this.settle(p);
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
          if (e.status === 0 || e.status >= 500 || e.status === 429) {
            this.offline = e.status === 0;
            retry = true;
          } else {
            this.rejected.set(p.activity, { message: errorText(e.code, e.message), ballot: this.ballots[p.activity] });
            this.settle(p);
          }
        } finally {
          this.inFlight.delete(p.id);
        }
      }),
    ]);
    this.changed();
    if (retry && (Object.keys(this.pending).length > 0 || this.boardQueue.length > 0)) {
      this.retryTimer = setTimeout(() => void this.flush(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
    }
  }

  private settle(p: PendingVote): void {
    // A newer vote for the same activity may have replaced this one meanwhile; keep that one.
    if (this.pending[p.activity]?.id === p.id) delete this.pending[p.activity];
    writeJson(PENDING_KEY(this.stored.roomId), this.pending);
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }
}
