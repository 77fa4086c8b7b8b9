// The phone's own notes and dots, merged from what the server stored and what the outbox still holds; the outbox kept across reloads.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Note } from '../../core/board.js';
import { ApiError } from '../../components/room/api.js';
import { OwnBoards, boardWireBody, type PendingBoardIntent } from '../../components/participant/own-board.js';
import { storedOutbox } from '../../components/participant/session.js';

const note = (id: string, over: Partial<Note> = {}): Note => ({
  id,
  board: 'b1',
  zone: 'z1',
  text: `tekst ${id}`,
  status: 'visible',
  byFacilitator: false,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('OwnBoards', () => {
  it('lists stored notes oldest first, with edits and withdrawals on their way, then new notes on their way', () => {
    const own = new OwnBoards();
    own.adopt({ notes: [note('n2', { createdAt: 5 }), note('n1', { createdAt: 2 }), note('other', { board: 'b2' })], dots: {} });
    const queued: PendingBoardIntent[] = [
      { id: 'i1', type: 'note-edit', board: 'b1', note: 'n1', text: 'ny tekst' },
      { id: 'i2', type: 'note-withdraw', board: 'b1', note: 'n2' },
      { id: 'n3', type: 'note', board: 'b1', zone: 'z2', text: 'på vej' },
    ];
    const mine = own.myNotes('b1', queued);
    expect(mine.map((n) => [n.id, n.status, n.editing, n.withdrawing])).toEqual([
      ['n1', 'visible', 'ny tekst', false],
      ['n2', 'visible', undefined, true],
      ['n3', 'sending', undefined, false],
    ]);
  });

  it('shows dots on their way over the stored ones, and takes the stored ones from the answer', () => {
    const own = new OwnBoards();
    own.adopt({ notes: [], dots: { b1: { n1: 2 } } });
    const p: PendingBoardIntent = { id: 'd', type: 'dots', board: 'b1', dots: { n1: 1, n2: 2 } };
    expect(own.myDots('b1', [p])).toEqual({ stored: { n1: 2 }, sending: { n1: 1, n2: 2 } });
    own.accept(p, { dots: { n1: 1, n2: 2 } });
    expect(own.myDots('b1', [])).toEqual({ stored: { n1: 1, n2: 2 }, sending: undefined });
    expect(own.feedbackOn('b1', 'dots')?.kind).toBe('stored');
    own.accept(p, { dots: {} });
    expect(own.myDots('b1', []).stored).toEqual({});
  });

  it('a withdrawn note takes its dots along, and one already gone counts as withdrawn', () => {
    const own = new OwnBoards();
    own.adopt({ notes: [note('n1')], dots: { b1: { n1: 3 } } });
    own.refuse({ id: 'w', type: 'note-withdraw', board: 'b1', note: 'n1' }, new ApiError(404, 'unknown_note', 'Sedlen findes ikke.'));
    expect(own.myNotes('b1', [])).toEqual([]);
    expect(own.myDots('b1', []).stored).toEqual({});
    expect(own.feedbackOn('b1', 'notes')?.kind).toBe('stored');
  });

  it('offers a refused note again as a draft, and says when the network holds one back', () => {
    const own = new OwnBoards();
    const p: PendingBoardIntent = { id: 'n', type: 'note', board: 'b1', zone: 'z1', text: 'Mere tid' };
    own.refuse(p, new ApiError(409, 'board_closed', 'Tavlen er lukket.'));
    expect(own.feedbackOn('b1', 'notes')).toMatchObject({ kind: 'rejected', draft: { zone: 'z1', text: 'Mere tid' } });
    own.waiting(p, new ApiError(0, 'network', ''));
    expect(own.feedbackOn('b1', 'notes')?.kind).toBe('waiting');
    expect(own.feedbackOn('b1', 'dots')).toBeUndefined();
  });

  it('follows the public board, and tells when an own visible note has left it', () => {
    const own = new OwnBoards();
    own.adopt({ notes: [note('n1', { status: 'pending' })], dots: {} });
    expect(own.reconcile('b1', new Map([['n1', note('n1', { text: 'rettet', updatedAt: 2 })]]))).toBe(false);
    expect(own.myNotes('b1', [])[0]).toMatchObject({ status: 'visible', text: 'rettet' });
    expect(own.reconcile('b1', new Map())).toBe(true);
  });

  it('names only the note in edits and withdrawals on the wire', () => {
    expect(boardWireBody({ id: 'i', type: 'note-edit', board: 'b1', note: 'n1', text: 't' })).toEqual({
      id: 'i',
      type: 'note-edit',
      note: 'n1',
      text: 't',
    });
    expect(boardWireBody({ id: 'i', type: 'note-withdraw', board: 'b1', note: 'n1' })).toEqual({
      id: 'i',
      type: 'note-withdraw',
      note: 'n1',
    });
  });
});

describe('storedOutbox', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('moves votes and board intents kept under the older keys into the one outbox', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    });
    store.set('rs-pending:r1', JSON.stringify({ q1: { id: 'v', activity: 'q1', ballot: { option: 'a' } } }));
    store.set('rs-pending-board:r1', JSON.stringify([{ id: 'n', type: 'note', board: 'b1', zone: 'z', text: 't' }]));
    const entries = storedOutbox('r1');
    expect(entries).toEqual([
      { id: 'v', type: 'ballot', activity: 'q1', ballot: { option: 'a' } },
      { id: 'n', type: 'note', board: 'b1', zone: 'z', text: 't' },
    ]);
    expect([...store.keys()]).toEqual(['rs-outbox:r1']);
    expect(storedOutbox('r1')).toEqual(entries);
  });
});
