// The storage contract every backend passes (SQLite, PostgreSQL): rooms, participants, ballots and intents,
// activity and board states, notes and dots, the document log, members, decks and images. Each function defines the
// describe blocks for one Backend; test/unit/storage-sqlite.test.ts and test/integration/storage-postgres.test.ts run them.
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initialActivityState, type ActivityState } from '../../core/room-doc.js';
import { sha256, type StoredImage } from '../../server/deck-images.js';
import type { NewDeck, SaveResult } from '../../server/deck-store.js';
import {
  JoinCodeTakenError,
  StorageError,
  type NoteRecord,
  type RoomRecord,
  type Storage,
  type StoreBallotInput,
} from '../../server/storage.js';

export interface Backend {
  name: string;
  /** A fresh location for one test (a file, a database URL). */
  location(): Promise<string>;
  /** Open the store at a location, ready for calls; the same location again reopens the same data. */
  open(location: string): Promise<Storage>;
  dispose(location: string): Promise<void>;
  /**
   * `count` separate processes open the store at `location`, wait until all are ready, then save on top of
   * `baseVersion` at the same moment; answers what each save said.
   */
  racingSaves(location: string, deckId: string, baseVersion: number, count: number): Promise<SaveResult[]>;
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

export function storageContract(backend: Backend): void {
  describe(`Storage contract: ${backend.name}`, () => {
    let where: string;
    let store: Storage;
    let open: Storage[];

    const reopen = async (): Promise<Storage> => {
      await store.close();
      store = await backend.open(where);
      open.push(store);
      return store;
    };

    beforeEach(async () => {
      where = await backend.location();
      open = [];
      store = await backend.open(where);
      open.push(store);
      await store.createRoom(room('r1', '111111'));
      await store.createParticipant({ id: 'p1', roomId: 'r1', tokenHash: 'tok-p1', createdAt: 2_000 });
      await store.createParticipant({ id: 'p2', roomId: 'r1', tokenHash: 'tok-p2', createdAt: 2_001 });
    });

    afterEach(async () => {
      for (const s of open) await s.close().catch(() => undefined);
      await backend.dispose(where);
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

      it('refuses a second room with the same join code (JoinCodeTakenError) or id (StorageError)', async () => {
        await expect(store.createRoom(room('r2', '111111'))).rejects.toBeInstanceOf(JoinCodeTakenError);
        // The same id is another fault, not a taken code: nobody draws a new code for it.
        const sameId = store.createRoom(room('r1', '222222'));
        await expect(sameId).rejects.toBeInstanceOf(StorageError);
        await expect(sameId).rejects.not.toBeInstanceOf(JoinCodeTakenError);
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

    describe('values', () => {
      it('keeps ms timestamps of today exactly, as numbers', async () => {
        const now = 1_767_225_600_123;
        await store.createRoom(room('r2', '222222', now));
        await store.createParticipant({ id: 'q1', roomId: 'r2', tokenHash: 'tok-q1', createdAt: now + 1 });
        await store.storeBallot(ballotInput({ roomId: 'r2', participantId: 'q1', at: now + 2 }));
        expect((await store.getRoom('r2'))?.createdAt).toBe(now);
        expect((await store.getParticipantByTokenHash('tok-q1'))?.createdAt).toBe(now + 1);
        expect((await store.listBallots('r2'))[0]?.updatedAt).toBe(now + 2);
        expect(await store.listRoomsCreatedBefore(now)).toEqual(['r1']);
        expect(await store.listRoomsCreatedBefore(now + 1)).toEqual(['r1', 'r2']);
        expect(typeof (await store.countParticipants('r2'))).toBe('number');
      });

      it('orders ids byte by byte, whatever the database’s language', async () => {
        for (const [i, id] of ['b', 'B', 'a', 'Å', 'A'].entries()) {
          await store.createParticipant({ id, roomId: 'r1', tokenHash: `tok-${id}`, createdAt: 10 + i });
          await store.storeBallot(ballotInput({ participantId: id, intentId: `i-${id}`, at: 9_000 }));
        }
        expect((await store.listBallots('r1')).map((b) => b.participantId)).toEqual(['A', 'B', 'a', 'b', 'Å']);
      });

      it('is ready once, however often asked', async () => {
        await store.ready();
        await Promise.all([store.ready(), store.ready()]);
        expect((await store.getRoom('r1'))?.id).toBe('r1');
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

export function membersContract(backend: Backend): void {
  describe(`members storage contract: ${backend.name}`, () => {
    let where: string;
    let s: Storage;
    beforeEach(async () => {
      where = await backend.location();
      s = await backend.open(where);
      await s.createRoom({ id: 'r1', deck: 'd', deckVersion: 1, joinCode: '123456', facilitatorKeyHash: 'h', createdAt: 1 });
      await s.createRoom({ id: 'r2', deck: 'd', deckVersion: 1, joinCode: '654321', facilitatorKeyHash: 'h', createdAt: 1 });
      await s.members.addMembers(
        'r1',
        [
          { id: 'm1', name: 'Jørgen Bech', party: 'V', cardHash: 'c1' },
          { id: 'm2', name: 'Anne Hansen', party: 'A', cardHash: 'c2' },
        ],
        10,
      );
    });
    afterEach(async () => {
      await s.close();
      await backend.dispose(where);
    });

    it('keeps members in the order given, per room, and finds them by card', async () => {
      await s.members.addMembers('r1', [{ id: 'm3', name: 'Bo Jensen', party: 'C', cardHash: 'c3' }], 11);
      expect((await s.members.listMembers('r1')).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
      expect(await s.members.listMembers('r2')).toEqual([]);
      expect((await s.members.memberByCard('r1', 'c2'))?.name).toBe('Anne Hansen');
      expect(await s.members.memberByCard('r2', 'c2')).toBeUndefined();
      expect(await s.members.updateMember('r1', 'm2', { name: 'Anne Holm', party: 'A' })).toBe(true);
      expect((await s.members.memberByCard('r1', 'c2'))?.name).toBe('Anne Holm');
    });

    it('binds a card to the first phone and checks the member in once', async () => {
      expect(await s.members.claimCard('r1', 'm1', 'p1', 100)).toBe('claimed');
      expect(await s.members.claimCard('r1', 'm1', 'p1', 200)).toBe('already-yours');
      expect(await s.members.claimCard('r1', 'm1', 'p2', 300)).toBe('taken');
      const m = (await s.members.memberOfParticipant('r1', 'p1'))!;
      expect(m).toMatchObject({ id: 'm1', checkedInAt: 100, generation: 1 });
      // A reissue voids the card and unbinds it; the check-in (attendance) stays.
      const re = (await s.members.reissueCard('r1', 'm1', 'c1b'))!;
      expect(re).toMatchObject({ generation: 2, participantId: null, checkedInAt: 100 });
      expect(await s.members.memberByCard('r1', 'c1')).toBeUndefined();
      expect(await s.members.memberOfParticipant('r1', 'p1')).toBeUndefined();
      expect(await s.members.claimCard('r1', 'm1', 'p2', 400)).toBe('claimed');
    });

    it('stores a secret ballot once per member, apart from the turnout, and a reset clears both', async () => {
      const cast = (member: string, option: string, intent: string) =>
        s.members.castSecret({
          roomId: 'r1',
          activity: 'motion',
          memberId: member,
          participantId: `p-${member}`,
          intentId: intent,
          ballot: { option },
          receipt: { status: 200, body: { id: intent, ballot: null } },
          at: 5,
        });
      expect(await cast('m1', 'for', 'i1')).toBe('stored');
      expect(await cast('m1', 'imod', 'i2')).toBe('already-voted');
      expect(await cast('m2', 'imod', 'i3')).toBe('stored');
      expect(await s.members.listTurnout('r1')).toEqual([
        { activity: 'motion', memberId: 'm1' },
        { activity: 'motion', memberId: 'm2' },
      ]);
      const ballots = await s.members.listSecretBallots('r1');
      expect(ballots.map((b) => (b.ballot as { option: string }).option).sort()).toEqual(['for', 'imod']);
      expect(Object.keys(ballots[0]!).sort()).toEqual(['activity', 'ballot']);
      expect(await s.getIntentAnswer('r1', 'p-m1', 'i1')).toEqual({ status: 200, body: { id: 'i1', ballot: null } });
      // The refused second intent wrote nothing.
      expect(await s.getIntentAnswer('r1', 'p-m1', 'i2')).toBeUndefined();
      expect(await s.members.removeMember('r1', 'm1')).toBe('voted');
      await s.resetActivity('r1', 'motion', initialActivityState());
      expect(await s.members.listTurnout('r1')).toEqual([]);
      expect(await s.members.listSecretBallots('r1')).toEqual([]);
      expect(await s.getIntentAnswer('r1', 'p-m1', 'i1')).toBeUndefined();
      expect(await s.members.removeMember('r1', 'm1')).toBe('removed');
      expect(await s.members.removeMember('r1', 'm1')).toBe('unknown');
    });

    it('of two secret ballots on one card at the same moment, one is stored', async () => {
      const cast = (option: string, intent: string) =>
        s.members.castSecret({
          roomId: 'r1',
          activity: 'motion',
          memberId: 'm1',
          participantId: 'p-m1',
          intentId: intent,
          ballot: { option },
          receipt: { status: 200, body: { id: intent, ballot: null } },
          at: 5,
        });
      const results = await Promise.all([cast('for', 'i1'), cast('imod', 'i2'), cast('hverken', 'i3')]);
      expect(results.filter((r) => r === 'stored')).toHaveLength(1);
      expect(results.filter((r) => r === 'already-voted')).toHaveLength(2);
      expect(await s.members.listSecretBallots('r1')).toHaveLength(1);
      expect(await s.members.listTurnout('r1')).toEqual([{ activity: 'motion', memberId: 'm1' }]);
    });

    it('lists added at the same moment number their members one after the other', async () => {
      await Promise.all(
        ['x', 'y', 'z'].map((k, i) => s.members.addMembers('r1', [{ id: `${k}1`, name: k, party: '', cardHash: `c-${k}` }], 20 + i)),
      );
      const positions = (await s.members.listMembers('r1')).map((m) => m.position);
      expect(positions).toEqual([1, 2, 3, 4, 5]);
    });

    it('deleting the room removes its members, turnout and ballots', async () => {
      await s.members.castSecret({
        roomId: 'r1',
        activity: 'a',
        memberId: 'm1',
        participantId: 'p',
        intentId: 'i',
        ballot: { option: 'for' },
        receipt: { status: 200, body: {} },
        at: 1,
      });
      expect(await s.deleteRoom('r1')).toBe(true);
      expect(await s.members.listMembers('r1')).toEqual([]);
      expect(await s.members.listTurnout('r1')).toEqual([]);
      expect(await s.members.listSecretBallots('r1')).toEqual([]);
    });
  });
}

function deck(id: string, over: Partial<NewDeck> = {}): NewDeck {
  return {
    id,
    title: `Deck ${id}`,
    template: false,
    editorKeyHash: `hash-${id}`,
    source: `# Deck ${id}\n`,
    images: {},
    at: 1_000,
    ...over,
  };
}

function deckRoom(id: string, deckId: string, deckVersion: number, joinCode: string): RoomRecord {
  return { id, deck: deckId, deckVersion, joinCode, facilitatorKeyHash: `hash-${id}`, createdAt: 1 };
}

export function decksContract(backend: Backend): void {
  describe(`decks storage contract: ${backend.name}`, () => {
    let where: string;
    let s: Storage;
    let open: Storage[];

    const reopen = async (): Promise<Storage> => {
      await s.close();
      s = await backend.open(where);
      open.push(s);
      return s;
    };

    beforeEach(async () => {
      where = await backend.location();
      s = await backend.open(where);
      open = [s];
      expect(await s.decks.createDeck(deck('budget-abc'))).toBe('created');
    });

    afterEach(async () => {
      for (const x of open) await x.close().catch(() => undefined);
      await backend.dispose(where);
    });

    it('creates a deck with its version 1', async () => {
      expect(await s.decks.getDeck('budget-abc')).toEqual({
        id: 'budget-abc',
        title: 'Deck budget-abc',
        template: false,
        editorKeyHash: 'hash-budget-abc',
        createdAt: 1_000,
        updatedAt: 1_000,
        latestVersion: 1,
        deletedAt: null,
      });
      const v1 = {
        deckId: 'budget-abc',
        version: 1,
        source: '# Deck budget-abc\n',
        title: 'Deck budget-abc',
        images: {},
        createdAt: 1_000,
      };
      expect(await s.decks.getVersion('budget-abc', 1)).toEqual(v1);
      expect(await s.decks.getLatestVersion('budget-abc')).toEqual(v1);
      expect(await s.decks.getDeck('nope')).toBeUndefined();
      expect(await s.decks.getVersion('budget-abc', 2)).toBeUndefined();
      expect(await s.decks.getLatestVersion('nope')).toBeUndefined();
    });

    it('refuses a second deck with the same id and writes nothing of it', async () => {
      expect(await s.decks.createDeck(deck('budget-abc', { title: 'Another', source: 'other' }))).toBe('taken');
      expect((await s.decks.getDeck('budget-abc'))?.title).toBe('Deck budget-abc');
      expect((await s.decks.getLatestVersion('budget-abc'))?.source).toBe('# Deck budget-abc\n');
    });

    it('saves versions 2, 3 … on top of the latest; the deck takes the latest title', async () => {
      expect(await s.decks.saveVersion('budget-abc', 1, 'two', 'Title two', {}, 2_000)).toEqual({ status: 'saved', version: 2 });
      expect(await s.decks.saveVersion('budget-abc', 2, 'three', 'Title three', { 'kort.png': 'sha256-aa' }, 3_000)).toEqual({
        status: 'saved',
        version: 3,
      });
      expect(await s.decks.getDeck('budget-abc')).toMatchObject({
        latestVersion: 3,
        title: 'Title three',
        createdAt: 1_000,
        updatedAt: 3_000,
      });
      expect(await s.decks.getLatestVersion('budget-abc')).toEqual({
        deckId: 'budget-abc',
        version: 3,
        source: 'three',
        title: 'Title three',
        images: { 'kort.png': 'sha256-aa' },
        createdAt: 3_000,
      });
    });

    it('keeps every version as it was saved: a later save changes no earlier version', async () => {
      const before = await s.decks.getVersion('budget-abc', 1);
      await s.decks.saveVersion('budget-abc', 1, 'two', 'Title two', {}, 2_000);
      await s.decks.saveVersion('budget-abc', 2, 'three', 'Title three', {}, 3_000);
      expect(await s.decks.getVersion('budget-abc', 1)).toEqual(before);
      expect(await s.decks.getVersion('budget-abc', 2)).toMatchObject({ source: 'two', title: 'Title two', createdAt: 2_000 });
    });

    it('refuses a save based on a stale version, says which is current, and loses nothing', async () => {
      await s.decks.saveVersion('budget-abc', 1, 'mine', 'Mine', {}, 2_000);
      expect(await s.decks.saveVersion('budget-abc', 1, 'theirs', 'Theirs', {}, 2_500)).toEqual({ status: 'stale', currentVersion: 2 });
      // A base ahead of the latest is no better.
      expect(await s.decks.saveVersion('budget-abc', 7, 'theirs', 'Theirs', {}, 2_500)).toEqual({ status: 'stale', currentVersion: 2 });
      expect(await s.decks.getLatestVersion('budget-abc')).toMatchObject({ version: 2, source: 'mine', title: 'Mine' });
      expect(await s.decks.getVersion('budget-abc', 3)).toBeUndefined();
      expect(await s.decks.getDeck('budget-abc')).toMatchObject({ latestVersion: 2, title: 'Mine', updatedAt: 2_000 });
    });

    it('of several saves on the same base in one process, exactly one is stored', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => s.decks.saveVersion('budget-abc', 1, `save ${i}`, `Save ${i}`, {}, 2_000 + i)),
      );
      const saved = results.filter((r) => r.status === 'saved');
      expect(saved).toEqual([{ status: 'saved', version: 2 }]);
      expect(results.filter((r) => r.status === 'stale')).toHaveLength(7);
      expect(await s.decks.getVersion('budget-abc', 3)).toBeUndefined();
    });

    it('of saves on the same base from separate processes at the same moment, exactly one is stored', async () => {
      const results = await backend.racingSaves(where, 'budget-abc', 1, 6);
      expect(results).toHaveLength(6);
      expect(results.filter((r) => r.status === 'saved')).toEqual([{ status: 'saved', version: 2 }]);
      expect(results.filter((r) => r.status === 'stale')).toEqual(
        Array.from({ length: 5 }, () => ({ status: 'stale', currentVersion: 2 })),
      );
      const latest = await s.decks.getLatestVersion('budget-abc');
      expect(latest?.version).toBe(2);
      expect(await s.decks.getVersion('budget-abc', 3)).toBeUndefined();
    }, 30_000);

    it('lists decks that are not deleted, oldest first, templates or stored decks apart', async () => {
      await s.decks.createDeck(deck('frisaettelse', { template: true, editorKeyHash: null, at: 500 }));
      await s.decks.createDeck(deck('plan-xyz', { at: 2_000 }));
      await s.decks.createDeck(deck('gone-xyz', { at: 3_000 }));
      await s.decks.deleteDeck('gone-xyz', 4_000);
      expect((await s.decks.listDecks()).map((d) => d.id)).toEqual(['frisaettelse', 'budget-abc', 'plan-xyz']);
      expect((await s.decks.listDecks({ template: true })).map((d) => d.id)).toEqual(['frisaettelse']);
      expect((await s.decks.listDecks({ template: false })).map((d) => d.id)).toEqual(['budget-abc', 'plan-xyz']);
      expect((await s.decks.getDeck('frisaettelse'))?.editorKeyHash).toBeNull();
    });

    it('deletes softly: gone from lists, no latest and no new versions, the id never given again', async () => {
      expect(await s.decks.deleteDeck('budget-abc', 5_000)).toBe(true);
      expect(await s.decks.deleteDeck('budget-abc', 6_000)).toBe(false);
      expect(await s.decks.deleteDeck('nope', 6_000)).toBe(false);
      expect(await s.decks.getDeck('budget-abc')).toMatchObject({ deletedAt: 5_000 });
      expect(await s.decks.listDecks()).toEqual([]);
      expect(await s.decks.getLatestVersion('budget-abc')).toBeUndefined();
      expect(await s.decks.saveVersion('budget-abc', 1, 'x', 'X', {}, 7_000)).toEqual({ status: 'gone' });
      expect(await s.decks.saveVersion('nope', 1, 'x', 'X', {}, 7_000)).toEqual({ status: 'gone' });
      expect(await s.decks.createDeck(deck('budget-abc'))).toBe('taken');
    });

    it('keeps the versions rooms pin after a delete until those rooms are deleted; the others go at once', async () => {
      await s.decks.saveVersion('budget-abc', 1, 'two', 'Two', {}, 2_000);
      await s.decks.saveVersion('budget-abc', 2, 'three', 'Three', {}, 3_000);
      await s.createRoom(deckRoom('r1', 'budget-abc', 1, '111111'));
      await s.createRoom(deckRoom('r3', 'budget-abc', 3, '333333'));
      await s.decks.deleteDeck('budget-abc', 4_000);
      expect((await s.decks.getVersion('budget-abc', 1))?.source).toBe('# Deck budget-abc\n');
      expect(await s.decks.getVersion('budget-abc', 2)).toBeUndefined();
      expect((await s.decks.getVersion('budget-abc', 3))?.source).toBe('three');
      await s.deleteRoom('r1');
      expect(await s.decks.getVersion('budget-abc', 1)).toBeUndefined();
      expect((await s.decks.getVersion('budget-abc', 3))?.source).toBe('three');
      await s.deleteRooms(['r3']);
      expect(await s.decks.getVersion('budget-abc', 3)).toBeUndefined();
      // A deck that is not deleted keeps every version whatever happens to rooms.
      await s.decks.createDeck(deck('plan-xyz'));
      await s.createRoom(deckRoom('r4', 'plan-xyz', 1, '444444'));
      await s.deleteRoom('r4');
      expect(await s.decks.getVersion('plan-xyz', 1)).toBeDefined();
    });

    it('stores the version a room pins, and pins rooms from before versions to their deck latest', async () => {
      await s.decks.saveVersion('budget-abc', 1, 'two', 'Two', {}, 2_000);
      await s.createRoom(deckRoom('pinned', 'budget-abc', 1, '111111'));
      await s.createRoom(deckRoom('older', 'budget-abc', 0, '222222'));
      await s.createRoom(deckRoom('orphan', 'not-stored', 0, '333333'));
      expect((await s.getRoom('pinned'))?.deckVersion).toBe(1);
      expect((await s.getRoom('older'))?.deckVersion).toBe(0);
      expect(await s.pinRoomsToLatest()).toBe(1);
      expect((await s.getRoom('older'))?.deckVersion).toBe(2);
      expect((await s.getRoom('pinned'))?.deckVersion).toBe(1);
      // A room whose deck is not in the store waits for it.
      expect((await s.getRoom('orphan'))?.deckVersion).toBe(0);
      expect(await s.pinRoomsToLatest()).toBe(0);
    });

    it('keeps decks, versions and pins after close and reopen', async () => {
      await s.decks.saveVersion('budget-abc', 1, 'two', 'Two', { 'a.png': 'h1' }, 2_000);
      await s.decks.createDeck(deck('frisaettelse', { template: true, editorKeyHash: null }));
      await s.decks.createDeck(deck('gone-xyz'));
      await s.decks.deleteDeck('gone-xyz', 3_000);
      await s.createRoom(deckRoom('r1', 'budget-abc', 2, '111111'));
      const x = await reopen();
      expect(await x.decks.getDeck('budget-abc')).toMatchObject({ latestVersion: 2, title: 'Two', editorKeyHash: 'hash-budget-abc' });
      expect(await x.decks.getVersion('budget-abc', 1)).toMatchObject({ source: '# Deck budget-abc\n' });
      expect(await x.decks.getLatestVersion('budget-abc')).toMatchObject({ version: 2, source: 'two', images: { 'a.png': 'h1' } });
      expect(await x.decks.getDeck('frisaettelse')).toMatchObject({ template: true, editorKeyHash: null });
      expect(await x.decks.getDeck('gone-xyz')).toMatchObject({ deletedAt: 3_000 });
      expect((await x.getRoom('r1'))?.deckVersion).toBe(2);
      // And it goes on from there.
      expect(await x.decks.saveVersion('budget-abc', 1, 'late', 'Late', {}, 4_000)).toEqual({ status: 'stale', currentVersion: 2 });
      expect(await x.decks.saveVersion('budget-abc', 2, 'three', 'Three', {}, 4_000)).toEqual({ status: 'saved', version: 3 });
    });
  });
}

function png(width: number, height: number, seed = 0): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(seed);
  return PNG.sync.write(image);
}

function stored(data: Buffer): StoredImage {
  return { hash: sha256(data), type: 'image/png', data };
}

export function imagesContract(backend: Backend): void {
  describe(`deck images storage contract: ${backend.name}`, () => {
    let where: string;
    let s: Storage;
    const quota = { maxImages: 2, maxTotalBytes: 10_000 };
    beforeEach(async () => {
      where = await backend.location();
      s = await backend.open(where);
      const deck = { title: 'D', template: false, editorKeyHash: 'x'.repeat(64), source: '# D', images: {}, at: 1 };
      await s.decks.createDeck({ ...deck, id: 'a' });
      await s.decks.createDeck({ ...deck, id: 'b' });
    });
    afterEach(async () => {
      await s.close();
      await backend.dispose(where);
    });

    it('keeps the current set within the quota; replacing a name is no new image', async () => {
      const one = stored(png(2, 2, 1));
      const two = stored(png(2, 2, 2));
      expect(await s.images.put('a', 'one.png', one, quota, 1)).toEqual({ status: 'stored', replaced: false });
      expect(await s.images.put('a', 'two.png', two, quota, 1)).toEqual({ status: 'stored', replaced: false });
      expect(await s.images.put('a', 'three.png', one, quota, 1)).toEqual({ status: 'too_many', count: 2 });
      expect(await s.images.put('a', 'two.png', one, quota, 1)).toEqual({ status: 'stored', replaced: true });
      const total = await s.images.put('a', 'two.png', stored(Buffer.concat([png(2, 2, 3), Buffer.alloc(10_000)])), quota, 1);
      expect(total).toMatchObject({ status: 'too_large_total' });
      expect((await s.images.current('a')).map((e) => [e.name, e.hash])).toEqual([
        ['one.png', one.hash],
        ['two.png', one.hash],
      ]);
      expect(await s.images.current('b')).toEqual([]);
      expect((await s.images.get(one.hash))?.data.equals(one.data)).toBe(true);
    });

    it('sweeps bytes nobody names, after the grace time, but never those a version pins', async () => {
      const pinned = stored(png(2, 2, 4));
      const loose = stored(png(2, 2, 5));
      const fresh = stored(png(2, 2, 6));
      await s.images.put('a', 'p.png', pinned, quota, 100);
      expect(await s.decks.saveVersion('a', 1, '# D\n\n![P](p.png)', 'D', { 'p.png': pinned.hash }, 100)).toMatchObject({
        status: 'saved',
      });
      await s.images.remove('a', 'p.png');
      await s.images.putBytes([loose], 100);
      await s.images.putBytes([fresh], 500);
      expect(await s.images.sweep(200)).toBe(1);
      expect(await s.images.get(loose.hash)).toBeUndefined();
      expect(await s.images.get(pinned.hash)).toBeDefined();
      expect(await s.images.get(fresh.hash)).toBeDefined();

      // A deleted deck's current set goes, and then its unpinned bytes.
      await s.images.adopt('b', { 'f.png': fresh.hash });
      await s.decks.deleteDeck('b', 600);
      expect(await s.images.sweep(1000)).toBe(1);
      expect(await s.images.current('b')).toEqual([]);
      expect(await s.images.get(fresh.hash)).toBeUndefined();
    });
    it('of uploads to one deck at the same moment, no more than the quota are stored', async () => {
      const results = await Promise.all(
        [11, 12, 13, 14, 15].map((seed) => s.images.put('a', `p${seed}.png`, stored(png(2, 2, seed)), quota, 1)),
      );
      expect(results.filter((r) => r.status === 'stored')).toHaveLength(2);
      expect(results.filter((r) => r.status === 'too_many')).toHaveLength(3);
      expect(await s.images.current('a')).toHaveLength(2);
    });

    it('describes stored images in the order asked, leaving out those not stored', async () => {
      const one = stored(png(3, 1, 1));
      const two = stored(png(1, 3, 2));
      await s.images.putBytes([one, two], 1);
      const described = await s.images.describe([two.hash, 'nope', one.hash, two.hash]);
      expect([...described.entries()]).toEqual([
        [two.hash, { type: 'image/png', bytes: two.data.length }],
        [one.hash, { type: 'image/png', bytes: one.data.length }],
      ]);
    });
  });
}
