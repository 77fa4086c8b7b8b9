// Whiteboards through the real server: notes posted as intents, own notes only, moderation, approval,
// dots validated and counted, layout shaped by two facilitators at once, restart keeps everything.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_LAYOUT, DOC, LIVE_DOC } from '../../core/room-doc.js';
import { call, makeCluster, waitFor, yClient } from '../helpers/clients.js';
import { FIXTURE_SLIDES, removeDir, serverForThisFile, spawnServer, startServer, tempDataDir } from '../helpers/server.js';
import { type Room, roomSteps } from '../helpers/room.js';

const server = serverForThisFile({ slidesDir: FIXTURE_SLIDES, noteBurst: 1000, notesPerMinute: 60_000 });

const { control: ctl, intent, roomWith } = roomSteps(server);
const post = (room: Room, token: string, zone: string, text: string, board = 'tavle') =>
  intent(room, token, { type: 'note', board, zone, text });

describe('notes', () => {
  it('are posted into a zone while the board is open, reach everyone, and refuse bad input with reasons', async () => {
    const { room, people } = await roomWith(2);
    const [a, b] = people as [string, string];
    expect((await post(room, a, 'problemer', 'For mange regler')).body.error.code).toBe('board_closed');
    expect((await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' })).status).toBe(200);

    const posted = await post(room, a, 'problemer', '  For  mange regler ');
    expect(posted.status).toBe(200);
    expect(posted.body.note).toMatchObject({ zone: 'problemer', text: 'For mange regler', status: 'visible', byFacilitator: false });
    expect(JSON.stringify(posted.body)).not.toContain(a);

    for (const [body, status, code] of [
      [{ type: 'note', board: 'tavle', zone: 'andet', text: 'x' }, 400, 'unknown_zone'],
      [{ type: 'note', board: 'tavle', zone: 'problemer', text: '   ' }, 400, 'invalid_note'],
      [{ type: 'note', board: 'tavle', zone: 'problemer', text: 'x'.repeat(81) }, 400, 'invalid_note'],
      [{ type: 'note', board: 'ingen', zone: 'problemer', text: 'x' }, 400, 'unknown_board'],
      [{ type: 'note', board: 'tavle', zone: 'problemer', text: 5 }, 400, 'invalid_request'],
    ] as const) {
      const r = await intent(room, b, body);
      expect([r.status, r.body.error.code]).toEqual([status, code]);
    }

    // Everyone sees the note in the shared document; nobody sees who wrote it.
    const phone = yClient(server.url, room.roomId, b);
    await phone.synced;
    const seen = await waitFor(() => phone.doc.getMap(DOC.notes).get(posted.body.id as string) as { text: string } | undefined);
    expect(seen).toMatchObject({ text: 'For mange regler', zone: 'problemer' });
    expect(JSON.stringify(phone.doc.getMap(DOC.notes).toJSON())).not.toContain(a);
    await waitFor(() => (phone.doc.getMap(DOC.boards).get('tavle') as { notes: number } | undefined)?.notes === 1);
    phone.destroy();
  });

  it('a participant may edit and withdraw their own note, never another’s', async () => {
    const { room, people } = await roomWith(2);
    const [a, b] = people as [string, string];
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
    const id = (await post(room, a, 'muligheder', 'Mere tillid')).body.id as string;
    const facilitatorNote = (await ctl(room, { action: 'note-add', board: 'tavle', zone: 'muligheder', text: 'Fra facilitator' })).body.note
      .id;

    for (const target of [id, facilitatorNote]) {
      // Note ids are public: posting with someone else's note id must not rewrite or take over that note.
      const hijack = await intent(room, b, { type: 'note', board: 'tavle', zone: 'problemer', text: 'Overtaget' }, target);
      expect([hijack.status, hijack.body.error.code]).toEqual([409, 'duplicate_id']);
      const edit = await intent(room, b, { type: 'note-edit', note: target, text: 'Overtaget' });
      expect([edit.status, edit.body.error.code]).toEqual([403, 'not_your_note']);
      const withdraw = await intent(room, b, { type: 'note-withdraw', note: target });
      expect([withdraw.status, withdraw.body.error.code]).toEqual([403, 'not_your_note']);
    }
    // A participant's direct document write to the notes is undone.
    const sneaky = yClient(server.url, room.roomId, b);
    await sneaky.synced;
    sneaky.doc.getMap(DOC.notes).set(id, { id, text: 'Forfalsket', zone: 'problemer', status: 'visible' });
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    await fac.synced;
    // And a facilitator's client cannot rewrite a note through the document either: only through control.
    fac.doc.getMap(DOC.notes).set(id, { id, text: 'Facilitator-forfalsket', zone: 'problemer', status: 'visible' });
    await waitFor(() => (fac.doc.getMap(DOC.notes).get(id) as { text: string }).text === 'Mere tillid');

    const edited = await intent(room, a, { type: 'note-edit', note: id, text: 'Mere tillid til medarbejderne' });
    expect(edited.status).toBe(200);
    await waitFor(() => (fac.doc.getMap(DOC.notes).get(id) as { text: string }).text === 'Mere tillid til medarbejderne');
    const me = await call(server.url, `/api/rooms/${room.roomId}/me`, { token: a });
    expect(me.body.boards.notes.map((n: { id: string }) => n.id)).toEqual([id]);
    expect((await call(server.url, `/api/rooms/${room.roomId}/me`, { token: b })).body.boards.notes).toEqual([]);
    expect((fac.doc.getMap(DOC.notes).get(facilitatorNote) as { text: string }).text).toBe('Fra facilitator');
    expect((await intent(room, a, { type: 'note-withdraw', note: id })).status).toBe(200);
    await waitFor(() => !fac.doc.getMap(DOC.notes).has(id));
    expect((await intent(room, a, { type: 'note-withdraw', note: id })).body.error.code).toBe('unknown_note');
    sneaky.destroy();
    fac.destroy();
  });

  it('with approval, a note is seen only by facilitators until approved; hidden and deleted notes leave the board', async () => {
    const { room, people } = await roomWith(1);
    await ctl(room, { action: 'board-phase', board: 'godkend', phase: 'notes' });
    const posted = await post(room, people[0]!, 'forslag', 'Møde om skolerne', 'godkend');
    expect(posted.body.note.status).toBe('pending');
    const phone = yClient(server.url, room.roomId, people[0]!);
    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    await Promise.all([phone.synced, live.synced]);
    const id = posted.body.id as string;
    await waitFor(() => (live.doc.getMap(LIVE_DOC.notes).get(id) as { status: string } | undefined)?.status === 'pending');
    expect(phone.doc.getMap(DOC.notes).has(id)).toBe(false);

    expect((await ctl(room, { action: 'note-approve', board: 'godkend', note: id })).status).toBe(200);
    await waitFor(() => phone.doc.getMap(DOC.notes).has(id));
    expect((await ctl(room, { action: 'note-hide', board: 'godkend', note: id })).status).toBe(200);
    await waitFor(() => !phone.doc.getMap(DOC.notes).has(id));
    expect((await ctl(room, { action: 'note-delete', board: 'godkend', note: id })).status).toBe(200);
    await waitFor(() => !live.doc.getMap(LIVE_DOC.notes).has(id));
    expect((await ctl(room, { action: 'note-approve', board: 'godkend', note: id })).body.error.code).toBe('unknown_note');
    phone.destroy();
    live.destroy();
  });

  it('posting notes is rate limited per participant', async () => {
    const s = await startServer({ config: { slidesDir: FIXTURE_SLIDES, noteBurst: 3, notesPerMinute: 1 } });
    const { room, people } = await roomWith(2, s.url);
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' }, s.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await intent(room, people[0]!, { type: 'note', board: 'tavle', zone: 'problemer', text: `Seddel ${i}` }, undefined, s.url)).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(
      (await intent(room, people[1]!, { type: 'note', board: 'tavle', zone: 'problemer', text: 'Min første' }, undefined, s.url)).status,
    ).toBe(200);
    await s.stop();
    removeDir(s.dataDir);
  });
});

describe('dots', () => {
  it('are validated against the board’s dots and live targets, replaced per participant, and counted once', async () => {
    const { room, people } = await roomWith(3);
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
    const n1 = (await post(room, people[0]!, 'problemer', 'Bureaukrati')).body.id as string;
    const n2 = (await post(room, people[1]!, 'muligheder', 'Tillid')).body.id as string;
    const dots = (token: string, d: Record<string, unknown>, id?: string) =>
      intent(room, token, { type: 'dots', board: 'tavle', dots: d }, id);
    expect((await dots(people[0]!, { [n1]: 1 })).body.error.code).toBe('board_closed');
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'dots' });
    // Notes cannot be posted while dots are placed.
    expect((await post(room, people[0]!, 'problemer', 'For sent')).body.error.code).toBe('board_closed');

    expect((await dots(people[0]!, { [n1]: 2, [n2]: 2 })).body.error.code).toBe('invalid_dots');
    expect((await dots(people[0]!, { 'findes-ikke': 1 })).body.error.code).toBe('unknown_target');
    expect((await dots(people[0]!, { [n1]: -1 })).body.error.code).toBe('invalid_dots');
    const retried = crypto.randomUUID();
    expect((await dots(people[0]!, { [n1]: 2, [n2]: 1 }, retried)).status).toBe(200);
    expect((await dots(people[0]!, { [n1]: 2, [n2]: 1 }, retried)).status).toBe(200);
    expect((await dots(people[1]!, { [n2]: 3 })).status).toBe(200);
    expect((await dots(people[2]!, { [n1]: 1 })).status).toBe(200);
    expect((await dots(people[2]!, { [n2]: 1 })).status).toBe(200);

    // Facilitators see the counts live; participants only once revealed.
    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    const phone = yClient(server.url, room.roomId, people[2]!);
    await Promise.all([live.synced, phone.synced]);
    await waitFor(() => JSON.stringify(live.doc.getMap(LIVE_DOC.dots).get('tavle')) === JSON.stringify({ [n1]: 2, [n2]: 5 }));
    expect(phone.doc.getMap(DOC.dots).has('tavle')).toBe(false);
    await ctl(room, { action: 'board-reveal', board: 'tavle' });
    await waitFor(() => (phone.doc.getMap(DOC.dots).get('tavle') as Record<string, number> | undefined)?.[n2] === 5);
    await waitFor(() => (phone.doc.getMap(DOC.boards).get('tavle') as { dotters: number } | undefined)?.dotters === 3);

    // Deleting a note removes the dots on it.
    await ctl(room, { action: 'note-delete', board: 'tavle', note: n1 });
    await waitFor(() => JSON.stringify(phone.doc.getMap(DOC.dots).get('tavle')) === JSON.stringify({ [n2]: 5 }));
    live.destroy();
    phone.destroy();
  });

  it('may be placed on a cluster that facilitators made on the board', async () => {
    const { room, people } = await roomWith(1);
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    await fac.synced;
    makeCluster(fac.doc, 'tavle', 'klynge-1', 'Styring');
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'dots' });
    const r = await waitFor(async () => {
      const x = await intent(room, people[0]!, { type: 'dots', board: 'tavle', dots: { 'klynge-1': 3 } });
      return x.status === 200 ? x : undefined;
    });
    expect(r.body.dots).toEqual({ 'klynge-1': 3 });
    fac.destroy();
  });
});

describe('layout', () => {
  it('two facilitators editing at once converge through the server, and participants see the result', async () => {
    const { room, people } = await roomWith(1);
    const f1 = yClient(server.url, room.roomId, room.facilitatorKey);
    const f2 = yClient(server.url, room.roomId, room.facilitatorKey);
    const phone = yClient(server.url, room.roomId, people[0]!);
    await Promise.all([f1.synced, f2.synced, phone.synced]);
    f1.doc.getMap(DOC.layout).set('tavle', new Y.Map());
    await waitFor(() => f2.doc.getMap(DOC.layout).get('tavle') instanceof Y.Map);
    const positions = (d: Y.Doc) => {
      const layout = d.getMap(DOC.layout).get('tavle') as Y.Map<unknown>;
      if (!layout.has(BOARD_LAYOUT.positions)) layout.set(BOARD_LAYOUT.positions, new Y.Map());
      return layout.get(BOARD_LAYOUT.positions) as Y.Map<{ x: number; y: number }>;
    };
    positions(f1.doc);
    await waitFor(() => (f2.doc.getMap(DOC.layout).get('tavle') as Y.Map<unknown>).has(BOARD_LAYOUT.positions));
    // Concurrent moves of different notes and of the same note.
    for (let i = 0; i < 50; i++) {
      positions(f1.doc).set(`a${i}`, { x: i, y: 1 });
      positions(f2.doc).set(`b${i}`, { x: i, y: 2 });
      positions(f1.doc).set('same', { x: i, y: 10 });
      positions(f2.doc).set('same', { x: i, y: 20 });
    }
    // Key order in toJSON follows arrival order, so compare with sorted keys.
    const sorted = (v: unknown): unknown =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
    const snapshot = (d: Y.Doc) => JSON.stringify(sorted((d.getMap(DOC.layout).get('tavle') as Y.Map<unknown>).toJSON()));
    await waitFor(() => snapshot(f1.doc) === snapshot(f2.doc) && snapshot(phone.doc) === snapshot(f1.doc), 5000, 'convergence');
    expect(positions(f1.doc).size).toBe(101);
    f1.destroy();
    f2.destroy();
    phone.destroy();
  });
});

describe('durability', () => {
  it('kill -9 keeps notes, statuses, dots and board states', async () => {
    const dataDir = tempDataDir();
    let s = await spawnServer(dataDir, { SLIDES_DIR: FIXTURE_SLIDES });
    const { room, people } = await roomWith(2, s.url);
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' }, s.url);
    const n1 = (
      await intent(room, people[0]!, { type: 'note', board: 'tavle', zone: 'problemer', text: 'Lange sagsgange' }, undefined, s.url)
    ).body.id;
    const n2 = (
      await intent(room, people[1]!, { type: 'note', board: 'tavle', zone: 'muligheder', text: 'Lokale løsninger' }, undefined, s.url)
    ).body.id;
    await ctl(room, { action: 'note-hide', board: 'tavle', note: n1 }, s.url);
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'dots' }, s.url);
    expect((await intent(room, people[0]!, { type: 'dots', board: 'tavle', dots: { [n2]: 3 } }, undefined, s.url)).status).toBe(200);
    await s.kill9();

    s = await spawnServer(dataDir, { SLIDES_DIR: FIXTURE_SLIDES });
    const live = yClient(s.url, `${room.roomId}/live`, room.facilitatorKey);
    const phone = yClient(s.url, room.roomId, people[0]!);
    await Promise.all([live.synced, phone.synced]);
    await waitFor(() => (live.doc.getMap(LIVE_DOC.notes).get(n1) as { status: string } | undefined)?.status === 'hidden');
    expect(phone.doc.getMap(DOC.notes).has(n1)).toBe(false);
    expect((phone.doc.getMap(DOC.notes).get(n2) as { text: string }).text).toBe('Lokale løsninger');
    expect(phone.doc.getMap(DOC.boards).get('tavle')).toMatchObject({ phase: 'dots', notes: 1, dotters: 1 });
    await waitFor(() => (live.doc.getMap(LIVE_DOC.dots).get('tavle') as Record<string, number> | undefined)?.[n2] === 3);
    live.destroy();
    phone.destroy();
    await s.stop();
    removeDir(dataDir);
  });
});
