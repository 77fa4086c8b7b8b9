// A participant's session in a room: the ballots and board intents it has made, kept in one outbox until the
// server has stored them, and what the phone shows of each.
import type { Note } from '../../core/board.js';
import type { BallotAck, MeResponse } from '../../core/wire.js';
import { request } from '../room/api.js';
import { errorText } from '../i18n.js';
import { Outbox, newIntentId } from './outbox.js';
import {
  OwnBoards,
  boardWireBody,
  sendingText,
  type BoardFeedback,
  type BoardPart,
  type MyNote,
  type PendingBoardIntent,
} from './own-board.js';
import { readStored, removeStored, writeStored } from './stored.js';
import type { StoredSession } from './join.js';

/** A ballot as the phone keeps it: as the wire carries it (the activity says its kind). */
export type PhoneBallot = MeResponse['ballots'][string];
type Ballot = PhoneBallot;

export interface PendingVote {
  id: string;
  activity: string;
  ballot: Ballot;
}

/** Everything the outbox holds: votes and board intents, each with the id it is resent with. */
export type PendingIntent = (PendingVote & { type: 'ballot' }) | PendingBoardIntent;

export type VoteStatus =
  | { kind: 'none' }
  | { kind: 'sending'; ballot: Ballot; offline: boolean }
  | { kind: 'stored'; ballot: Ballot }
  | { kind: 'rejected'; message: string; ballot: Ballot | undefined };

const OUTBOX_KEY = (roomId: string) => `rs-outbox:${roomId}`;
/** Where phones kept their votes and board intents before there was one outbox; read once and moved over. */
const LEGACY_VOTES_KEY = (roomId: string) => `rs-pending:${roomId}`;
const LEGACY_BOARD_KEY = (roomId: string) => `rs-pending-board:${roomId}`;

/** The outbox as this phone kept it, with entries from the older keys moved in. */
export function storedOutbox(roomId: string): PendingIntent[] {
  const kept = readStored<PendingIntent[]>(OUTBOX_KEY(roomId));
  const entries = Array.isArray(kept) ? kept : [];
  const votes = readStored<Record<string, PendingVote>>(LEGACY_VOTES_KEY(roomId));
  const board = readStored<PendingBoardIntent[]>(LEGACY_BOARD_KEY(roomId));
  if (votes === undefined && board === undefined) return entries;
  for (const v of Object.values(votes ?? {})) entries.push({ ...v, type: 'ballot' });
  if (Array.isArray(board)) entries.push(...board);
  writeStored(OUTBOX_KEY(roomId), entries);
  removeStored(LEGACY_VOTES_KEY(roomId));
  removeStored(LEGACY_BOARD_KEY(roomId));
  return entries;
}

/** The intent as the wire takes it (core/wire.ts IntentBody). */
function wireBody(p: PendingIntent): Record<string, unknown> {
  return p.type === 'ballot' ? { id: p.id, type: p.type, activity: p.activity, ballot: p.ballot } : boardWireBody(p);
}

const isBoardIntent = (p: PendingIntent): p is PendingBoardIntent => p.type !== 'ballot';

export class ParticipantSession extends EventTarget {
  private ballots: Record<string, Ballot> = {};
  private readonly rejected = new Map<string, { message: string; ballot: Ballot | undefined }>();
  private readonly own = new OwnBoards();
  private readonly outbox: Outbox<PendingIntent>;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly stored: StoredSession) {
    super();
    const intents = `/api/rooms/${encodeURIComponent(stored.roomId)}/intents`;
    this.outbox = new Outbox<PendingIntent>(
      {
        // A vote waits only for an earlier vote in the same activity; board intents go in the order they were made.
        lane: (p) => (p.type === 'ballot' ? `ballot:${p.activity}` : 'board'),
        send: (p) => request(intents, { token: stored.token, body: wireBody(p) }),
        stored: (p, answer) => {
          // A members-only ballot's stored receipt holds no choice (docs/voting-cards.md): the phone keeps its own.
          if (p.type === 'ballot') this.ballots[p.activity] = ((answer as BallotAck | undefined)?.ballot ?? p.ballot) as Ballot;
          else this.own.accept(p, answer);
        },
        failed: (p, e, retry) => {
          if (p.type === 'ballot') {
            if (!retry) this.rejected.set(p.activity, { message: errorText(e.code, e.message), ballot: this.ballots[p.activity] });
          } else if (retry) this.own.waiting(p, e);
          else {
            // Whatever waited to change a note that was not put up cannot happen now.
            if (p.type === 'note') this.outbox.drop((q) => 'note' in q && q.note === p.id);
            this.own.refuse(p, e);
          }
        },
        save: (entries) => writeStored(OUTBOX_KEY(stored.roomId), entries),
        changed: () => this.changed(),
      },
      storedOutbox(stored.roomId),
    );
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  private async me(): Promise<MeResponse> {
    const me = await request<MeResponse>(`/api/rooms/${encodeURIComponent(this.stored.roomId)}/me`, { token: this.stored.token });
    this.ballots = me.ballots;
    this.own.adopt(me.boards);
    return me;
  }

  /**
   * Starts from what the page already knows — the server's boot record, or nothing for a phone that has
   * just joined — so a weak connection is spared the /me round trip.
   */
  adopt(me: Pick<MeResponse, 'ballots' | 'boards'>): void {
    this.ballots = { ...me.ballots };
    this.own.adopt(me.boards);
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
    let p: PendingVote | undefined;
    for (const q of this.outbox.entries) if (q.type === 'ballot' && q.activity === activity) p = q;
    if (p) return { kind: 'sending', ballot: p.ballot, offline: this.outbox.offline };
    const r = this.rejected.get(activity);
    if (r) return { kind: 'rejected', ...r };
    const b = this.ballots[activity];
    return b ? { kind: 'stored', ballot: b } : { kind: 'none' };
  }

  /** A vote replaces one for the same activity that has not gone out yet. */
  vote(activity: string, ballot: Ballot): void {
    this.rejected.delete(activity);
    this.outbox.drop((q) => q.type === 'ballot' && q.activity === activity);
    this.outbox.add({ id: newIntentId(), type: 'ballot', activity, ballot });
  }

  // ---------------------------------------------------------------- boards

  /** Post a note; its id (the intent's) is returned at once and stays the note's id on the board. */
  postNote(board: string, zone: string, text: string): string {
    const id = newIntentId();
    this.enqueue({ id, type: 'note', board, zone, text });
    return id;
  }

  editNote(board: string, note: string, text: string): void {
    this.enqueue({ id: newIntentId(), type: 'note-edit', board, note, text });
  }

  withdrawNote(board: string, note: string): void {
    this.enqueue({ id: newIntentId(), type: 'note-withdraw', board, note });
  }

  /** The whole allocation on a board; it replaces one that has not gone out yet. */
  placeDots(board: string, dots: Record<string, number>): void {
    this.outbox.drop((q) => q.type === 'dots' && q.board === board);
    this.enqueue({ id: newIntentId(), type: 'dots', board, dots });
  }

  private enqueue(p: PendingBoardIntent): void {
    this.own.say(p, 'sending', sendingText(p));
    this.outbox.add(p);
  }

  private get boardQueue(): PendingBoardIntent[] {
    return this.outbox.entries.filter(isBoardIntent);
  }

  /** The latest word on a board's notes or dots, if any. */
  boardFeedback(board: string, part: BoardPart): BoardFeedback | undefined {
    return this.own.feedbackOn(board, part);
  }

  /** Own notes on a board, oldest first: stored ones with any edit or withdrawal on its way, then new ones on their way. */
  myNotes(board: string): MyNote[] {
    return this.own.myNotes(board, this.boardQueue);
  }

  /** Own dots on a board: what the server has stored, and what is on its way (undefined when nothing is). */
  myDots(board: string): { stored: Record<string, number>; sending: Record<string, number> | undefined } {
    return this.own.myDots(board, this.boardQueue);
  }

  /** Whether the phone is offline as far as the last attempt to send told. */
  get isOffline(): boolean {
    return this.outbox.offline;
  }

  /**
   * Own notes as the public board shows them now (facilitators approve, edit and show notes there). A note
   * that was on the board and has left it was hidden or deleted: the phone asks the server once which.
   */
  reconcile(board: string, onBoard: ReadonlyMap<string, Note>): void {
    if (this.own.reconcile(board, onBoard) && !this.refreshTimer) {
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = null;
        this.me().then(
          () => this.changed(),
          () => undefined,
        );
      }, 600);
    }
  }

  /** Sends every waiting vote and board intent; called on reconnect, when back online and by the retry timer. */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  destroy(): void {
    this.outbox.destroy();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }
}
