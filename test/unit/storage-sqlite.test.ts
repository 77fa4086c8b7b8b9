// The Storage contract, run against SQLite in a temp dir: every backend must pass the same suite.
import type { NoteRecord } from '../../server/storage.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { initialActivityState, type ActivityState } from '../../core/room-doc.js';
import { StorageError, type RoomRecord, type Storage, type StoreBallotInput } from '../../server/storage.js';
import { SqliteStorage } from '../../server/storage-sqlite.js';

interface Backend {
  name: string;
  /** Open the store at a location; the same location again reopens the same data. */
  open(location: string): Storage;
  /** A fresh location for one test. */
  location(): string;
  dispose(location: string): void;
}

function room(id: string, joinCode: string, createdAt = 1_000): RoomRecord {
  return { id, deck: 'frisaettelse', deckVersion: 1, joinCode, facilitatorKeyHash: `hash-${id}`, createdAt };
}

function ballotInput(over: Partial<StoreBallotInput> = {}): StoreBallotInput {
  return {
    roomId: 'r1',
    activity: 'valg',
    participantId: 'p1',
    ballot: { option: 'a' },
    intentId: 'i-1',
    answer: { status: 200, body: { ok: true } },
    at: 5_000,
    ...over,
  };
}

function docUpdate(build: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array {
  let update: Uint8Array | undefined;
  doc.once('update', (u: Uint8Array) => (update = u));
  build(doc);
  if (!update) throw new Error('no update produced');
  return update;
}

function storageContract(backend: Backend): void {
  describe(`Storage contract: ${backend.name}`, () => {
    let where: string;
    let store: Storage;
    let open: Storage[];

    const reopen = async (): Promise<Storage> => {
      await store.close();
      store = backend.open(where);
      open.push(store);
      return store;
    };

    beforeEach(async () => {
      where = backend.location();
      open = [];
      store = backend.open(where);
      open.push(store);
      await store.createRoom(room('r1', '111111'));
      await store.createParticipant({ id: 'p1', roomId: 'r1', tokenHash: 'tok-p1', createdAt: 2_000 });
      await store.createParticipant({ id: 'p2', roomId: 'r1', tokenHash: 'tok-p2', createdAt: 2_001 });
    });

    afterEach(async () => {
      for (const s of open) await s.close().catch(() => undefined);
      backend.dispose(where);
    });

    describe('rooms', () => {
      it('finds a room by id and by join code', async () => {
        expect(await store.getRoom('r1')).toEqual(room('r1', '111111'));
        expect(await store.getRoomByCode('111111')).toEqual(room('r1', '111111'));
        expect(await store.joinCodeTaken('111111')).toBe(true);
      });

      it('answers undefined and false for what does not exist', async () => {
        expect(await store.getRoom('nope')).toBeUndefined();
        expect(await store.getRoomByCode('999999')).toBeUndefined();
        expect(await store.joinCodeTaken('999999')).toBe(false);
      });

      it('refuses a second room with the same join code or id, with a StorageError', async () => {
        await expect(store.createRoom(room('r2', '111111'))).rejects.toBeInstanceOf(StorageError);
        await expect(store.createRoom(room('r1', '222222'))).rejects.toBeInstanceOf(StorageError);
        expect(await store.getRoom('r2')).toBeUndefined();
        expect(await store.getRoomByCode('222222')).toBeUndefined();
      });

      it('keeps several rooms apart', async () => {
        await store.createRoom(room('r2', '222222', 9));
        expect((await store.getRoomByCode('222222'))?.id).toBe('r2');
        expect((await store.getRoom('r2'))?.createdAt).toBe(9);
        expect((await store.getRoom('r1'))?.joinCode).toBe('111111');
      });

      it('retires the join codes of old rooms: the code is free again, the room stays', async () => {
        await store.createRoom(room('r2', '222222', 5_000));
        // room('r1') was made before 3,000; r2 after.
        expect(await store.retireJoinCodes(3_000)).toBe(1);
        expect(await store.getRoomByCode('111111')).toBeUndefined();
        expect(await store.joinCodeTaken('111111')).toBe(false);
        expect((await store.getRoom('r1'))?.id).toBe('r1');
        expect((await store.getRoom('r1'))?.joinCode).not.toMatch(/^\d{6}$/);
        expect((await store.getRoomByCode('222222'))?.id).toBe('r2');
        // Retiring again changes nothing; the freed code can be given to a new room.
        expect(await store.retireJoinCodes(3_000)).toBe(0);
        await store.createRoom(room('r3', '111111', 6_000));
        expect((await store.getRoomByCode('111111'))?.id).toBe('r3');
      });

      it('deletes several rooms at once with everything in them, and answers how many existed', async () => {
        await store.createRoom(room('r2', '222222'));
        await store.createRoom(room('r3', '333333'));
        await store.createParticipant({ id: 'p3', roomId: 'r3', tokenHash: 'tok-p3', createdAt: 1 });
        expect(await store.deleteRooms(['r1', 'r3', 'nope'])).toBe(2);
        expect(await store.getRoom('r1')).toBeUndefined();
        expect(await store.getRoom('r3')).toBeUndefined();
        expect(await store.getParticipantByTokenHash('tok-p1')).toBeUndefined();
        expect(await store.getParticipantByTokenHash('tok-p3')).toBeUndefined();
        expect((await store.getRoom('r2'))?.id).toBe('r2');
      });
    });

    describe('participants', () => {
      it('finds a participant by token hash and counts per room', async () => {
        expect(await store.getParticipantByTokenHash('tok-p1')).toEqual({ id: 'p1', roomId: 'r1', tokenHash: 'tok-p1', createdAt: 2_000 });
        expect(await store.getParticipantByTokenHash('tok-none')).toBeUndefined();
        expect(await store.countParticipants('r1')).toBe(2);
        await store.createRoom(room('r2', '222222'));
        expect(await store.countParticipants('r2')).toBe(0);
        await store.createParticipant({ id: 'q1', roomId: 'r2', tokenHash: 'tok-q1', createdAt: 3 });
        expect(await store.countParticipants('r2')).toBe(1);
        expect(await store.countParticipants('r1')).toBe(2);
        expect(await store.countParticipants('nope')).toBe(0);
      });

      it('refuses a participant in an unknown room and a reused token hash', async () => {
        await expect(store.createParticipant({ id: 'x', roomId: 'nope', tokenHash: 'tok-x', createdAt: 1 })).rejects.toBeInstanceOf(
          StorageError,
        );
        await expect(store.createParticipant({ id: 'p3', roomId: 'r1', tokenHash: 'tok-p1', createdAt: 1 })).rejects.toBeInstanceOf(
          StorageError,
        );
        await expect(store.createParticipant({ id: 'p1', roomId: 'r1', tokenHash: 'tok-new', createdAt: 1 })).rejects.toBeInstanceOf(
          StorageError,
        );
        expect(await store.countParticipants('r1')).toBe(2);
      });
    });

    describe('ballots and intents', () => {
      it('stores a ballot and the intent’s answer', async () => {
        await store.storeBallot(ballotInput({ answer: { status: 200, body: { id: 'i-1', storedAt: 5_000, nested: [1, 'to'] } } }));
        expect(await store.listBallots('r1')).toEqual([
          { activity: 'valg', participantId: 'p1', ballot: { option: 'a' }, intentId: 'i-1', updatedAt: 5_000 },
        ]);
        expect(await store.getIntentAnswer('r1', 'p1', 'i-1')).toEqual({
          status: 200,
          body: { id: 'i-1', storedAt: 5_000, nested: [1, 'to'] },
        });
      });

      it('keeps one ballot per participant per activity: a new one replaces the old', async () => {
        await store.storeBallot(ballotInput());
        await store.storeBallot(ballotInput({ ballot: { option: 'b' }, intentId: 'i-2', at: 6_000 }));
        const ballots = await store.listBallots('r1');
        expect(ballots).toEqual([{ activity: 'valg', participantId: 'p1', ballot: { option: 'b' }, intentId: 'i-2', updatedAt: 6_000 }]);
        // Both intents stay answerable, so a late retry of the first is still answered as before.
        expect(await store.getIntentAnswer('r1', 'p1', 'i-1')).toBeDefined();
        expect(await store.getIntentAnswer('r1', 'p1', 'i-2')).toBeDefined();
      });

      it('keeps ballots of different participants, activities and rooms apart', async () => {
        await store.createRoom(room('r2', '222222'));
        await store.createParticipant({ id: 'q1', roomId: 'r2', tokenHash: 'tok-q1', createdAt: 3 });
        await store.storeBallot(ballotInput());
        await store.storeBallot(ballotInput({ participantId: 'p2', intentId: 'i-3', ballot: { option: 'b' } }));
        await store.storeBallot(ballotInput({ activity: 'rang', intentId: 'i-4', ballot: { order: ['b', 'a'] } }));
        await store.storeBallot(ballotInput({ roomId: 'r2', participantId: 'q1', intentId: 'i-1', ballot: { text: 'andet rum' } }));
        const r1 = await store.listBallots('r1');
        const key = (b: { activity: string; participantId: string }) => `${b.activity}/${b.participantId}`;
        expect(r1.map(key).sort()).toEqual(['rang/p1', 'valg/p1', 'valg/p2']);
        expect(r1.find((b) => b.activity === 'rang')?.ballot).toEqual({ order: ['b', 'a'] });
        expect(await store.listBallots('r2')).toEqual([
          { activity: 'valg', participantId: 'q1', ballot: { text: 'andet rum' }, intentId: 'i-1', updatedAt: 5_000 },
        ]);
        expect(await store.listBallots('nope')).toEqual([]);
      });

      it('stores every ballot shape faithfully', async () => {
        const shapes = [
          { option: 'x' },
          { options: ['a', 'b'] },
          { order: ['c', 'a', 'b'] },
          { points: { a: 3, b: 7 } },
          { value: 0 },
          { text: 'Æ ø å “citat” 🎉' },
        ];
        for (const [i, ballot] of shapes.entries()) await store.storeBallot(ballotInput({ activity: `a${i}`, intentId: `i-${i}`, ballot }));
        const stored = await store.listBallots('r1');
        for (const [i, ballot] of shapes.entries()) expect(stored.find((b) => b.activity === `a${i}`)?.ballot).toEqual(ballot);
      });

      it('answers intents per room and participant, undefined when unknown', async () => {
        await store.storeBallot(ballotInput({ answer: { status: 201, body: 'svar' } }));
        expect(await store.getIntentAnswer('r1', 'p1', 'i-1')).toEqual({ status: 201, body: 'svar' });
        expect(await store.getIntentAnswer('r1', 'p2', 'i-1')).toBeUndefined();
        expect(await store.getIntentAnswer('r2', 'p1', 'i-1')).toBeUndefined();
        expect(await store.getIntentAnswer('r1', 'p1', 'i-9')).toBeUndefined();
      });

      it('the same intent id from another participant is a separate intent', async () => {
        await store.storeBallot(ballotInput());
        await store.storeBallot(ballotInput({ participantId: 'p2', ballot: { option: 'b' }, answer: { status: 200, body: 'p2' } }));
        expect(await store.getIntentAnswer('r1', 'p2', 'i-1')).toEqual({ status: 200, body: 'p2' });
        expect(await store.listBallots('r1')).toHaveLength(2);
      });

      it('storing the same intent twice fails as a whole: the ballot is not changed', async () => {
        await store.storeBallot(ballotInput());
        await expect(
          store.storeBallot(ballotInput({ ballot: { option: 'b' }, at: 7_000, answer: { status: 200, body: 'anden' } })),
        ).rejects.toBeInstanceOf(StorageError);
        expect(await store.listBallots('r1')).toEqual([
          { activity: 'valg', participantId: 'p1', ballot: { option: 'a' }, intentId: 'i-1', updatedAt: 5_000 },
        ]);
        expect(await store.getIntentAnswer('r1', 'p1', 'i-1')).toEqual({ status: 200, body: { ok: true } });
      });

      it('a ballot for an unknown room is refused and stores nothing', async () => {
        await expect(store.storeBallot(ballotInput({ roomId: 'nope' }))).rejects.toBeInstanceOf(StorageError);
        expect(await store.getIntentAnswer('nope', 'p1', 'i-1')).toBeUndefined();
      });

      it('deleting an activity’s ballots removes its ballots and intents, and nothing else', async () => {
        await store.storeBallot(ballotInput());
        await store.storeBallot(ballotInput({ participantId: 'p2', intentId: 'i-2' }));
        await store.storeBallot(ballotInput({ activity: 'andet', intentId: 'i-3' }));
        await store.deleteBallots('r1', 'valg');
        expect((await store.listBallots('r1')).map((b) => b.activity)).toEqual(['andet']);
        expect(await store.getIntentAnswer('r1', 'p1', 'i-1')).toBeUndefined();
        expect(await store.getIntentAnswer('r1', 'p2', 'i-2')).toBeUndefined();
        expect(await store.getIntentAnswer('r1', 'p1', 'i-3')).toBeDefined();
        // After a reset the same intent id may be used again.
        await store.storeBallot(ballotInput({ ballot: { option: 'c' } }));
        expect((await store.listBallots('r1')).find((b) => b.activity === 'valg')?.ballot).toEqual({ option: 'c' });
      });

      it('deleting ballots of an activity without any is harmless', async () => {
        await store.deleteBallots('r1', 'ingen');
        await store.deleteBallots('nope', 'ingen');
        expect(await store.listBallots('r1')).toEqual([]);
      });
    });

    describe('reset', () => {
      it('removes the activity’s ballots and intents and stores the new state together', async () => {
        await store.storeBallot(ballotInput());
        await store.putActivityState('r1', 'valg', { ...initialActivityState(), status: 'closed', revealed: true });
        await store.resetActivity('r1', 'valg', initialActivityState());
        expect(await store.listBallots('r1')).toEqual([]);
        expect(await store.getIntentAnswer('r1', 'p1', 'i-1')).toBeUndefined();
        expect((await store.getActivityStates('r1')).get('valg')).toEqual(initialActivityState());
      });
    });

    describe('activity states', () => {
      it('are empty at first, stored, replaced and kept per room', async () => {
        expect((await store.getActivityStates('r1')).size).toBe(0);
        const open: ActivityState = { ...initialActivityState(), status: 'open', openedAt: 10, answered: 3, hiddenEntries: ['grimt'] };
        await store.putActivityState('r1', 'valg', open);
        await store.putActivityState('r1', 'andet', initialActivityState());
        const closed: ActivityState = { ...open, status: 'closed', closedAt: 20, revealed: true, decision: 'Vedtaget' };
        await store.putActivityState('r1', 'valg', closed);
        const states = await store.getActivityStates('r1');
        expect(states).toEqual(
          new Map([
            ['valg', closed],
            ['andet', initialActivityState()],
          ]),
        );
        await store.createRoom(room('r2', '222222'));
        expect((await store.getActivityStates('r2')).size).toBe(0);
      });

      it('refuses a state for an unknown room', async () => {
        await expect(store.putActivityState('nope', 'valg', initialActivityState())).rejects.toBeInstanceOf(StorageError);
      });
    });

    describe('document updates', () => {
      it('are appended and loaded in order, byte for byte', async () => {
        const updates = [new Uint8Array([1, 2, 3]), new Uint8Array([]), new Uint8Array([255, 0, 7, 9])];
        for (const u of updates) await store.appendDocUpdate('r1', 'public', u);
        const loaded = await store.loadDocUpdates('r1', 'public');
        expect(loaded).toHaveLength(3);
        for (const [i, u] of loaded.entries()) {
          expect(u).toBeInstanceOf(Uint8Array);
          expect([...u]).toEqual([...updates[i]!]);
        }
      });

      it('are kept per room', async () => {
        await store.createRoom(room('r2', '222222'));
        await store.appendDocUpdate('r1', 'public', new Uint8Array([1]));
        await store.appendDocUpdate('r2', 'public', new Uint8Array([2]));
        await store.appendDocUpdate('r1', 'public', new Uint8Array([3]));
        expect((await store.loadDocUpdates('r1', 'public')).map((u) => [...u])).toEqual([[1], [3]]);
        expect((await store.loadDocUpdates('r2', 'public')).map((u) => [...u])).toEqual([[2]]);
        expect(await store.loadDocUpdates('nope', 'public')).toEqual([]);
      });

      it('compaction replaces the log with one snapshot that rebuilds the same document', async () => {
        const source = new Y.Doc();
        const raw: Uint8Array[] = [];
        source.on('update', (u: Uint8Array) => raw.push(u));
        for (let i = 0; i < 20; i++) source.getMap('present').set('slide', i);
        source.getArray('notes').push(['en', 'to']);
        for (const u of raw) await store.appendDocUpdate('r1', 'public', u);
        expect(await store.loadDocUpdates('r1', 'public')).toHaveLength(21);

        const merged = Y.mergeUpdates(await store.loadDocUpdates('r1', 'public'));
        await store.replaceDocUpdates('r1', 'public', merged);
        const after = await store.loadDocUpdates('r1', 'public');
        expect(after).toHaveLength(1);
        expect([...after[0]!]).toEqual([...merged]);

        // Appending continues after the snapshot.
        const more = docUpdate((d) => d.getMap('present').set('slideTitle', 'Efter'), source);
        await store.appendDocUpdate('r1', 'public', more);
        const rebuilt = new Y.Doc();
        for (const u of await store.loadDocUpdates('r1', 'public')) Y.applyUpdate(rebuilt, u);
        expect(rebuilt.getMap('present').toJSON()).toEqual({ slide: 19, slideTitle: 'Efter' });
        expect(rebuilt.getArray('notes').toJSON()).toEqual(['en', 'to']);
      });

      it('compaction of one room leaves another room’s log alone', async () => {
        await store.createRoom(room('r2', '222222'));
        await store.appendDocUpdate('r1', 'public', new Uint8Array([1]));
        await store.appendDocUpdate('r2', 'public', new Uint8Array([2]));
        await store.appendDocUpdate('r2', 'public', new Uint8Array([3]));
        await store.replaceDocUpdates('r1', 'public', new Uint8Array([9, 9]));
        expect((await store.loadDocUpdates('r1', 'public')).map((u) => [...u])).toEqual([[9, 9]]);
        expect((await store.loadDocUpdates('r2', 'public')).map((u) => [...u])).toEqual([[2], [3]]);
      });

      it('refuses an update for an unknown room', async () => {
        await expect(store.appendDocUpdate('nope', 'public', new Uint8Array([1]))).rejects.toBeInstanceOf(StorageError);
      });
    });

    describe('whiteboard notes, dots and board states', () => {
      const note = (over: Partial<NoteRecord> = {}): NoteRecord => ({
        id: 'n1',
        roomId: 'r1',
        board: 'tavle',
        zone: 'problemer',
        text: 'For mange regler',
        status: 'visible',
        participantId: 'p1',
        createdAt: 3_000,
        updatedAt: 3_000,
        ...over,
      });
      const intent = (intentId: string, scope = 'tavle:notes', participantId = 'p1') => ({
        participantId,
        intentId,
        scope,
        answer: { status: 200, body: { id: intentId } },
        at: 3_000,
      });

      it('stores, edits and deletes notes with their intents; a facilitator’s note has no participant', async () => {
        await store.storeNote(note(), intent('i-n1'));
        await store.storeNote(
          note({ id: 'n2', participantId: null, zone: 'muligheder', text: 'Tillid', createdAt: 3_001, updatedAt: 3_001 }),
        );
        await store.storeNote(note({ text: 'For mange regler og skemaer', updatedAt: 3_500 }), intent('i-e1'));
        const notes = await store.listNotes('r1');
        expect(notes.map((n) => [n.id, n.text, n.participantId])).toEqual([
          ['n1', 'For mange regler og skemaer', 'p1'],
          ['n2', 'Tillid', null],
        ]);
        expect(await store.getIntentAnswer('r1', 'p1', 'i-n1')).toEqual({ status: 200, body: { id: 'i-n1' } });
        await store.deleteNote('r1', 'n1', intent('i-d1'));
        expect((await store.listNotes('r1')).map((n) => n.id)).toEqual(['n2']);
        expect(await store.getIntentAnswer('r1', 'p1', 'i-d1')).toBeDefined();
      });

      it('replaces a participant’s dots, removes them when empty, and deleting a note takes its dots along', async () => {
        await store.storeDots(
          'r1',
          { board: 'tavle', participantId: 'p1', dots: { n1: 2, n2: 1 }, updatedAt: 1 },
          intent('d1', 'tavle:dots'),
        );
        await store.storeDots(
          'r1',
          { board: 'tavle', participantId: 'p2', dots: { n1: 1 }, updatedAt: 2 },
          intent('d2', 'tavle:dots', 'p2'),
        );
        await store.storeDots('r1', { board: 'tavle', participantId: 'p1', dots: { n2: 3 }, updatedAt: 3 }, intent('d3', 'tavle:dots'));
        expect((await store.listDots('r1')).map((d) => [d.participantId, d.dots])).toEqual([
          ['p2', { n1: 1 }],
          ['p1', { n2: 3 }],
        ]);
        await store.deleteNote('r1', 'n1');
        expect((await store.listDots('r1')).map((d) => d.participantId)).toEqual(['p1']);
        await store.storeDots('r1', { board: 'tavle', participantId: 'p1', dots: {}, updatedAt: 4 }, intent('d4', 'tavle:dots'));
        expect(await store.listDots('r1')).toEqual([]);
      });

      it('resetting a board’s dots removes its dots and dot intents, but not note intents or other boards', async () => {
        await store.storeNote(note(), intent('i-n1'));
        await store.storeDots('r1', { board: 'tavle', participantId: 'p1', dots: { n1: 1 }, updatedAt: 1 }, intent('d1', 'tavle:dots'));
        await store.storeDots('r1', { board: 'anden', participantId: 'p1', dots: { x: 1 }, updatedAt: 1 }, intent('d2', 'anden:dots'));
        await store.deleteDots('r1', 'tavle');
        expect((await store.listDots('r1')).map((d) => d.board)).toEqual(['anden']);
        expect(await store.getIntentAnswer('r1', 'p1', 'd1')).toBeUndefined();
        expect(await store.getIntentAnswer('r1', 'p1', 'd2')).toBeDefined();
        expect(await store.getIntentAnswer('r1', 'p1', 'i-n1')).toBeDefined();
      });

      it('keeps board states per room and board, and notes and dots across a reopen', async () => {
        await store.putBoardState('r1', 'tavle', { phase: 'notes', revealed: false });
        await store.putBoardState('r1', 'tavle', { phase: 'dots', revealed: true });
        await store.storeNote(note(), intent('i-n1'));
        await store.storeDots('r1', { board: 'tavle', participantId: 'p1', dots: { n1: 2 }, updatedAt: 1 }, intent('d1', 'tavle:dots'));
        const s = await reopen();
        expect((await s.getBoardStates('r1')).get('tavle')).toEqual({ phase: 'dots', revealed: true });
        expect((await s.listNotes('r1')).map((n) => n.text)).toEqual(['For mange regler']);
        expect((await s.listDots('r1'))[0]?.dots).toEqual({ n1: 2 });
      });
    });

    describe('durability', () => {
      it('keeps everything after close and reopen', async () => {
        await store.storeBallot(ballotInput());
        await store.storeBallot(ballotInput({ participantId: 'p2', intentId: 'i-2', ballot: { option: 'b' } }));
        await store.putActivityState('r1', 'valg', { ...initialActivityState(), status: 'closed', revealed: true, decision: 'Godkendt' });
        const u = docUpdate((d) => d.getMap('meta').set('joinCode', '111111'));
        await store.appendDocUpdate('r1', 'public', u);

        const s = await reopen();
        expect(await s.getRoom('r1')).toEqual(room('r1', '111111'));
        expect(await s.joinCodeTaken('111111')).toBe(true);
        expect(await s.countParticipants('r1')).toBe(2);
        expect((await s.getParticipantByTokenHash('tok-p2'))?.id).toBe('p2');
        expect((await s.listBallots('r1')).map((b) => [b.participantId, b.ballot])).toEqual(
          expect.arrayContaining([
            ['p1', { option: 'a' }],
            ['p2', { option: 'b' }],
          ]),
        );
        expect(await s.getIntentAnswer('r1', 'p2', 'i-2')).toEqual({ status: 200, body: { ok: true } });
        expect((await s.getActivityStates('r1')).get('valg')).toMatchObject({ status: 'closed', revealed: true, decision: 'Godkendt' });
        const doc = new Y.Doc();
        for (const x of await s.loadDocUpdates('r1', 'public')) Y.applyUpdate(doc, x);
        expect(doc.getMap('meta').get('joinCode')).toBe('111111');

        // And it still works for writing after the reopen.
        await s.storeBallot(ballotInput({ intentId: 'i-5', ballot: { option: 'c' } }));
        expect((await s.listBallots('r1')).find((b) => b.participantId === 'p1')?.ballot).toEqual({ option: 'c' });
      });

      it('a closed store rejects calls with a StorageError instead of throwing synchronously', async () => {
        await store.close();
        const call = store.getRoom('r1');
        expect(call).toBeInstanceOf(Promise);
        await expect(call).rejects.toBeInstanceOf(StorageError);
        await expect(store.storeBallot(ballotInput())).rejects.toThrow(/Databasen kunne ikke gemme stemmen/);
      });
    });
  });
}

storageContract({
  name: 'SqliteStorage (file in a temp dir)',
  location: () => join(mkdtempSync(join(tmpdir(), 'radslag-unit-db-')), 'nested', 'radslag.db'),
  open: (file) => new SqliteStorage(file),
  dispose: (file) => rmSync(join(file, '..', '..'), { recursive: true, force: true }),
});

describe('SqliteStorage specifics', () => {
  it('works in memory too', async () => {
    const s = new SqliteStorage(':memory:');
    await s.createRoom(room('m', '123456'));
    expect((await s.getRoomByCode('123456'))?.id).toBe('m');
    await s.close();
  });

  it('a second store on the same file sees committed writes (WAL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radslag-unit-db-'));
    const file = join(dir, 'r.db');
    const a = new SqliteStorage(file);
    const b = new SqliteStorage(file);
    try {
      await a.createRoom(room('r1', '111111'));
      await a.createParticipant({ id: 'p1', roomId: 'r1', tokenHash: 't', createdAt: 1 });
      await a.storeBallot(ballotInput());
      expect((await b.listBallots('r1')).map((x) => x.ballot)).toEqual([{ option: 'a' }]);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
