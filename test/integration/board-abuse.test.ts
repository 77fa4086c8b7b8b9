// Whiteboard abuse through the real server: re-used ids of deleted notes, a facilitator hiding everything
// from one sender without learning who it is, and note approval switched on and off during the meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import * as Y from 'yjs';
import { BOARD_LAYOUT, DOC, LIVE_DOC } from '../../core/room-doc.js';
import { call, createRoom, join, makeCluster, waitFor, yClient } from '../helpers/clients.js';
import { ROOT, removeDir, startServer, tempDataDir, type TestServer } from '../helpers/server.js';

const slidesDir = joinPath(ROOT, 'test/fixtures/slides');
const config = { slidesDir, noteBurst: 1000, notesPerMinute: 60_000 };
let server: TestServer;
let url: string;

beforeAll(async () => {
  server = await startServer({ config });
  url = server.url;
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

type Room = Awaited<ReturnType<typeof createRoom>>;
const ctl = (room: Room, body: Record<string, unknown>, base = url) =>
  call(base, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body });
const intent = (room: Room, token: string, body: Record<string, unknown>, id: string = crypto.randomUUID(), base = url) =>
  call(base, `/api/rooms/${room.roomId}/intents`, { token, body: { id, ...body } });
const post = (room: Room, token: string, text: string, options: { board?: string; zone?: string; id?: string; base?: string } = {}) =>
  intent(room, token, { type: 'note', board: options.board ?? 'tavle', zone: options.zone ?? 'problemer', text }, options.id, options.base);

async function roomWith(n: number, base = url) {
  const room = await createRoom(base, 'alle-aktiviteter');
  const people = await Promise.all(Array.from({ length: n }, () => join(base, room.joinCode).then((j) => j.participantToken)));
  return { room, people };
}

describe('a deleted note’s id', () => {
  it('stays reserved: nobody can post under it and inherit its group and position, not even after a restart', async () => {
    const dataDir = tempDataDir();
    let s = await startServer({ dataDir, config });
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

      await s.stop();
      s = await startServer({ dataDir, config });
      await tryTakeOver(s.url);
      const after = yClient(s.url, room.roomId, room.facilitatorKey);
      await after.synced;
      expect(after.doc.getMap(DOC.notes).has(withdrawn)).toBe(false);
      expect(after.doc.getMap(DOC.notes).has(deleted)).toBe(false);
      after.destroy();
      // A fresh id still works.
      expect((await post(room, b, 'Ny seddel', { base: s.url })).status).toBe(200);
    } finally {
      await s.stop();
      removeDir(dataDir);
    }
  });
});
