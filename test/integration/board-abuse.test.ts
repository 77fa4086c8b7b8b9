// Whiteboard abuse through the real server: re-used ids of deleted notes, a facilitator hiding everything
// from one sender without learning who it is, and note approval switched on and off during the meeting.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_LAYOUT, DOC, LIVE_DOC } from '../../core/room-doc.js';
import { call, makeCluster, waitFor, yClient } from '../helpers/clients.js';
import { FIXTURE_SLIDES, restartableServer, serverForThisFile, type TestServer } from '../helpers/server.js';
import { type Room, roomSteps } from '../helpers/room.js';

const config = { slidesDir: FIXTURE_SLIDES, noteBurst: 1000, notesPerMinute: 60_000 };

const server = serverForThisFile(config);

const { control: ctl, intent, roomWith } = roomSteps(server);
const post = (room: Room, token: string, text: string, options: { board?: string; zone?: string; id?: string; base?: string } = {}) =>
  intent(room, token, { type: 'note', board: options.board ?? 'tavle', zone: options.zone ?? 'problemer', text }, options.id, options.base);

describe('a deleted note’s id', () => {
  it('stays reserved: nobody can post under it and inherit its group and position, not even after a restart', async () => {
    const s = await restartableServer(config);
    try {
      const { room, people } = await roomWith(2, s.url);
      const [a, b] = people as [string, string];
      expect((await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' }, s.url)).status).toBe(200);
      const withdrawn = (await post(room, a, 'Trækkes tilbage', { base: s.url })).body.id as string;
      const deleted = (await post(room, a, 'Slettes af facilitator', { base: s.url })).body.id as string;

      // The facilitator groups both notes and places them; the layout keeps those entries after the notes go.
      const fac = yClient(s.url, room.roomId, room.facilitatorKey);
      await fac.synced;
      makeCluster(fac.doc, 'tavle', 'c1', 'Vigtigst', [withdrawn, deleted]);
      fac.doc.transact(() => {
        const layout = fac.doc.getMap(DOC.layout).get('tavle') as Y.Map<unknown>;
        const positions = new Y.Map();
        layout.set(BOARD_LAYOUT.positions, positions);
        positions.set(withdrawn, { x: 10, y: 10 });
        positions.set(deleted, { x: 200, y: 10 });
      });
      await waitFor(() => fac.doc.getMap(DOC.notes).has(deleted));

      expect((await intent(room, a, { type: 'note-withdraw', note: withdrawn }, undefined, s.url)).status).toBe(200);
      expect((await ctl(room, { action: 'note-delete', board: 'tavle', note: deleted }, s.url)).status).toBe(200);
      await waitFor(() => !fac.doc.getMap(DOC.notes).has(withdrawn) && !fac.doc.getMap(DOC.notes).has(deleted));

      const tryTakeOver = async (base: string) => {
        for (const id of [withdrawn, deleted]) {
          const r = await post(room, b, 'Overtaget plads i gruppen', { id, base });
          expect([r.status, r.body.error?.code]).toEqual([409, 'duplicate_id']);
          expect(r.body.error.message).toMatch(/nyt id/);
        }
      };
      await tryTakeOver(s.url);
      // The author's own retry of the first post is answered as before (the wire contract), but brings nothing back.
      expect((await post(room, a, 'Igen', { id: deleted, base: s.url })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      expect(fac.doc.getMap(DOC.notes).has(deleted)).toBe(false);
      expect(fac.doc.getMap(DOC.notes).has(withdrawn)).toBe(false);
      fac.destroy();

      await s.restart();
      await tryTakeOver(s.url);
      const after = yClient(s.url, room.roomId, room.facilitatorKey);
      await after.synced;
      expect(after.doc.getMap(DOC.notes).has(withdrawn)).toBe(false);
      expect(after.doc.getMap(DOC.notes).has(deleted)).toBe(false);
      after.destroy();
      // A fresh id still works.
      expect((await post(room, b, 'Ny seddel', { base: s.url })).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

/** Every participant id of a room, read straight from the database: what must never reach a facilitator. */
function participantIds(s: TestServer, roomId: string): string[] {
  const db = (s.app.storage as unknown as { db: import('better-sqlite3').Database }).db;
  return (db.prepare('SELECT id FROM participants WHERE room_id = ?').all(roomId) as { id: string }[]).map((r) => r.id);
}

function everything(doc: Y.Doc): string {
  const out: Record<string, unknown> = {};
  for (const name of doc.share.keys()) out[name] = doc.getMap(name).toJSON();
  return JSON.stringify(out);
}

describe('hide everything from one sender', () => {
  it('hides all of one participant’s notes and text answers from one of their notes, nobody else’s, and never names them', async () => {
    const { room, people } = await roomWith(4);
    const [a, b, c, d] = people as [string, string, string, string];
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
    await ctl(room, { action: 'board-phase', board: 'godkend', phase: 'notes' });
    await ctl(room, { action: 'open', activity: 'ord' });
    const fromA = [
      (await post(room, a, 'Grim seddel 1')).body.id as string,
      (await post(room, a, 'Grim seddel 2', { zone: 'muligheder' })).body.id as string,
      // A note still waiting for approval on another board is hidden too.
      (await post(room, a, 'Grim seddel 3', { board: 'godkend', zone: 'forslag' })).body.id as string,
    ];
    const fromB = (await post(room, b, 'En god idé')).body.id as string;
    const facilitatorNote = (await ctl(room, { action: 'note-add', board: 'tavle', zone: 'problemer', text: 'Fra facilitator' })).body.note
      .id as string;
    const answer = (token: string, text: string) => intent(room, token, { type: 'ballot', activity: 'ord', ballot: { text } });
    expect((await answer(a, 'Grimt svar')).status).toBe(200);
    expect((await answer(b, 'Tillid')).status).toBe(200);
    expect((await answer(c, 'tillid!')).status).toBe(200);
    expect((await answer(d, 'Ansvar')).status).toBe(200);
    const dNote = (await post(room, d, 'Mere ansvar')).body.id as string;

    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    const phone = yClient(server.url, room.roomId, b);
    await Promise.all([live.synced, fac.synced, phone.synced]);
    await waitFor(() => fromA.every((id) => live.doc.getMap(LIVE_DOC.notes).has(id)));

    const hidden = await ctl(room, { action: 'note-hide-sender', board: 'tavle', note: fromA[0] });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toEqual({ hidden: { notes: 3, answers: 1 }, kept: 0 });

    const status = (id: string) => (live.doc.getMap(LIVE_DOC.notes).get(id) as { status: string } | undefined)?.status;
    await waitFor(() => fromA.every((id) => status(id) === 'hidden'));
    expect(status(fromB)).toBe('visible');
    expect(status(dNote)).toBe('visible');
    expect(status(facilitatorNote)).toBe('visible');
    await waitFor(() => fromA.every((id) => !phone.doc.getMap(DOC.notes).has(id)));
    expect(phone.doc.getMap(DOC.notes).has(fromB)).toBe(true);
    await waitFor(() => (live.doc.getMap(LIVE_DOC.hiddenEntries).get('ord') as string[] | undefined)?.includes('grimt svar'));
    expect(live.doc.getMap(LIVE_DOC.hiddenEntries).get('ord')).toEqual(['grimt svar']);
    expect((await ctl(room, { action: 'reveal', activity: 'ord' })).status).toBe(200);
    await waitFor(() => phone.doc.getMap(DOC.results).has('ord'));
    const entries = (phone.doc.getMap(DOC.results).get('ord') as { entries: Record<string, { count: number }> }).entries;
    expect(Object.keys(entries).sort()).toEqual(['ansvar', 'tillid']);
    expect(entries.tillid!.count).toBe(2);

    // Through a text entry: one participant's answer leads to their notes; an answer several gave leads nowhere.
    const shared = await ctl(room, { action: 'entry-hide-sender', activity: 'ord', entry: 'tillid' });
    expect([shared.status, shared.body.error.code]).toEqual([409, 'several_senders']);
    expect(shared.body.error.message).toMatch(/Flere deltagere/);
    const viaEntry = await ctl(room, { action: 'entry-hide-sender', activity: 'ord', entry: 'ansvar' });
    expect(viaEntry.body).toEqual({ hidden: { notes: 1, answers: 1 }, kept: 0 });
    await waitFor(() => status(dNote) === 'hidden');
    expect(status(fromB)).toBe('visible');

    // A facilitator's note has no sender to hide; unknown notes and entries are said to be gone.
    expect((await ctl(room, { action: 'note-hide-sender', board: 'tavle', note: facilitatorNote })).status).toBe(400);
    expect((await ctl(room, { action: 'note-hide-sender', board: 'tavle', note: 'findes-ikke' })).body.error.code).toBe('unknown_note');
    expect((await ctl(room, { action: 'entry-hide-sender', activity: 'ord', entry: 'aldrig skrevet' })).status).toBe(404);
    expect((await ctl(room, { action: 'entry-hide-sender', activity: 'enkelt', entry: 'x' })).status).toBe(400);
    // Only the facilitator may do it.
    const asParticipant = await call(server.url, `/api/rooms/${room.roomId}/control`, {
      token: b,
      body: { action: 'note-hide-sender', board: 'tavle', note: fromB },
    });
    expect([401, 403]).toContain(asParticipant.status);

    // Nothing the facilitator received names anyone: not the answers, not either document.
    await new Promise((r) => setTimeout(r, 100));
    const seen = [JSON.stringify([hidden.body, viaEntry.body, shared.body]), everything(live.doc), everything(fac.doc)].join('\n');
    const ids = participantIds(server, room.roomId);
    expect(ids).toHaveLength(4);
    for (const secret of [...ids, a, b, c, d]) expect(seen).not.toContain(secret);
    live.destroy();
    fac.destroy();
    phone.destroy();
  });

  it('keeps up a text answer that others gave too, and says so', async () => {
    const { room, people } = await roomWith(2);
    const [a, b] = people as [string, string];
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
    await ctl(room, { action: 'open', activity: 'ord' });
    const note = (await post(room, a, 'Seddel')).body.id as string;
    for (const token of [a, b])
      expect((await intent(room, token, { type: 'ballot', activity: 'ord', ballot: { text: 'Tillid' } })).status).toBe(200);
    const r = await ctl(room, { action: 'note-hide-sender', board: 'tavle', note });
    expect(r.body).toEqual({ hidden: { notes: 1, answers: 0 }, kept: 1 });
    // Again: nothing more to hide.
    expect((await ctl(room, { action: 'note-hide-sender', board: 'tavle', note })).body).toEqual({
      hidden: { notes: 0, answers: 0 },
      kept: 1,
    });
  });
});

describe('note approval during the meeting', () => {
  it('can be switched on and off: later notes wait or not, earlier ones stay as they were, and it survives a restart', async () => {
    const s = await restartableServer(config);
    try {
      const { room, people } = await roomWith(1, s.url);
      const a = people[0]!;
      await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' }, s.url);
      const phone = yClient(s.url, room.roomId, a);
      await phone.synced;
      const boardState = () => phone.doc.getMap(DOC.boards).get('tavle') as { approval: boolean; notes: number } | undefined;
      await waitFor(() => boardState()?.approval === false);

      const before = await post(room, a, 'Før godkendelse', { base: s.url });
      expect(before.body.note.status).toBe('visible');
      const on = await ctl(room, { action: 'board-approval', board: 'tavle', approval: true }, s.url);
      expect(on.status).toBe(200);
      expect(on.body.state).toMatchObject({ approval: true, phase: 'notes' });
      await waitFor(() => boardState()?.approval === true);

      const waiting = await post(room, a, 'Venter på godkendelse', { base: s.url });
      expect(waiting.body.note.status).toBe('pending');
      await new Promise((r) => setTimeout(r, 100));
      expect(phone.doc.getMap(DOC.notes).has(waiting.body.id as string)).toBe(false);
      expect(phone.doc.getMap(DOC.notes).has(before.body.id as string)).toBe(true);
      phone.destroy();

      await s.restart();
      const still = await post(room, a, 'Efter genstart', { base: s.url });
      expect(still.body.note.status).toBe('pending');

      expect((await ctl(room, { action: 'board-approval', board: 'tavle', approval: false }, s.url)).body.state.approval).toBe(false);
      const after = await post(room, a, 'Efter godkendelse', { base: s.url });
      expect(after.body.note.status).toBe('visible');
      // The notes that were waiting still wait for a facilitator.
      const me = await call(s.url, `/api/rooms/${room.roomId}/me`, { token: a });
      const statusOf = Object.fromEntries((me.body.boards.notes as { id: string; status: string }[]).map((n) => [n.id, n.status]));
      expect(statusOf[waiting.body.id as string]).toBe('pending');
      expect(statusOf[still.body.id as string]).toBe('pending');
      expect(statusOf[before.body.id as string]).toBe('visible');

      // A board whose deck asks for approval can have it switched off as well.
      await ctl(room, { action: 'board-phase', board: 'godkend', phase: 'notes' }, s.url);
      expect((await ctl(room, { action: 'board-approval', board: 'godkend', approval: false }, s.url)).status).toBe(200);
      expect((await post(room, a, 'Straks synlig', { board: 'godkend', zone: 'forslag', base: s.url })).body.note.status).toBe('visible');
      // Participants cannot switch it, and the value must be true or false.
      expect([401, 403]).toContain(
        (
          await call(s.url, `/api/rooms/${room.roomId}/control`, {
            token: a,
            body: { action: 'board-approval', board: 'tavle', approval: true },
          })
        ).status,
      );
      expect((await ctl(room, { action: 'board-approval', board: 'tavle', approval: 'ja' }, s.url)).status).toBe(400);
    } finally {
      await s.close();
    }
  });
});
