// The shared document over real y-websocket clients: who may write, who is refused, and hostile frames.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC } from '../../core/room-doc.js';
import { closed, createRoom, join, rawSocket, updateMessage, waitFor, yClient } from '../helpers/clients.js';
import { serverForThisFile } from '../helpers/server.js';

const server = serverForThisFile({ maxFrameBytes: 64 * 1024 });
const ws = () => server.url.replace(/^http/, 'ws');

/** The update of a fresh document that `build` writes, framed as y-websocket sends it. */
function updateOf(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc);
  return updateMessage(Y.encodeStateAsUpdate(doc));
}

describe('roles on the shared document', () => {
  it('a facilitator’s write reaches every participant', async () => {
    const room = await createRoom(server.url);
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    const phones = await Promise.all(
      [1, 2, 3].map(async () => yClient(server.url, room.roomId, (await join(server.url, room.joinCode)).participantToken)),
    );
    await Promise.all([fac.synced, ...phones.map((p) => p.synced)]);
    fac.doc.getMap(DOC.present).set('slideTitle', 'Agenda');
    for (const p of phones) await waitFor(() => p.doc.getMap(DOC.present).get('slideTitle') === 'Agenda');
    expect(phones[0]!.doc.getMap(DOC.meta).get('joinCode')).toBe(room.joinCode);
    for (const c of [fac, ...phones]) c.destroy();
  });

  it('a participant’s direct write changes nothing anywhere', async () => {
    const room = await createRoom(server.url);
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    const evil = yClient(server.url, room.roomId, (await join(server.url, room.joinCode)).participantToken);
    const other = yClient(server.url, room.roomId, (await join(server.url, room.joinCode)).participantToken);
    await Promise.all([fac.synced, evil.synced, other.synced]);
    evil.doc.getMap(DOC.present).set('activity', 'hijacked');
    evil.doc.getMap(DOC.results).set('hvem-saettes-fri', { counts: { kommunen: 999 } });
    // A facilitator write afterwards proves the channel is live and ordered behind the dropped one.
    fac.doc.getMap(DOC.present).set('slideTitle', 'efter');
    await waitFor(() => other.doc.getMap(DOC.present).get('slideTitle') === 'efter');
    await new Promise((r) => setTimeout(r, 100));
    expect(other.doc.getMap(DOC.present).get('activity')).toBeUndefined();
    expect(fac.doc.getMap(DOC.present).get('activity')).toBeUndefined();
    expect(fac.doc.getMap(DOC.results).has('hvem-saettes-fri')).toBe(false);
    const serverRoom = await server.app.rooms.get(room.roomId);
    expect(serverRoom!.public.doc.getMap(DOC.present).get('activity')).toBeUndefined();
    expect(serverRoom!.public.stats.droppedUpdates).toBeGreaterThan(0);
    // A fresh participant sees the server's state, not the forged one.
    const late = yClient(server.url, room.roomId, (await join(server.url, room.joinCode)).participantToken);
    await late.synced;
    expect(late.doc.getMap(DOC.present).get('activity')).toBeUndefined();
    for (const c of [fac, evil, other, late]) c.destroy();
  });

  it('a facilitator’s stray write to the server-owned parts is undone', async () => {
    const room = await createRoom(server.url);
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    const phone = yClient(server.url, room.roomId, (await join(server.url, room.joinCode)).participantToken);
    await Promise.all([fac.synced, phone.synced]);
    fac.doc.getMap(DOC.activities).set('hvem-saettes-fri', { status: 'open', revealed: true });
    fac.doc.getMap(DOC.results).set('invented', { counts: {} });
    fac.doc.getMap(DOC.meta).set('joinCode', '000000');
    await waitFor(() => (fac.doc.getMap(DOC.activities).get('hvem-saettes-fri') as { status: string }).status === 'idle');
    await waitFor(() => !fac.doc.getMap(DOC.results).has('invented'));
    await waitFor(() => fac.doc.getMap(DOC.meta).get('joinCode') === room.joinCode);
    await waitFor(() => phone.doc.getMap(DOC.meta).get('joinCode') === room.joinCode);
    await waitFor(() => (phone.doc.getMap(DOC.activities).get('hvem-saettes-fri') as { status: string }).status === 'idle');
    fac.destroy();
    phone.destroy();
  });

  it('refuses a missing token, a forged token, another room’s token, and participants on the live document', async () => {
    const a = await createRoom(server.url);
    const b = await createRoom(server.url);
    const pb = await join(server.url, b.joinCode);
    expect((await rawSocket(`${ws()}/sync/${a.roomId}`)).status).toBe(401);
    expect((await rawSocket(`${ws()}/sync/${a.roomId}?token=forged`)).status).toBe(401);
    expect((await rawSocket(`${ws()}/sync/${a.roomId}?token=${pb.participantToken}`)).status).toBe(403);
    expect((await rawSocket(`${ws()}/sync/${a.roomId}?token=${b.facilitatorKey}`)).status).toBe(401);
    expect((await rawSocket(`${ws()}/sync/${b.roomId}/live?token=${pb.participantToken}`)).status).toBe(403);
    expect((await rawSocket(`${ws()}/sync/nosuchroom?token=${pb.participantToken}`)).status).toBe(404);
    const ok = await rawSocket(`${ws()}/sync/${b.roomId}/live?token=${b.facilitatorKey}`);
    expect(ok.opened).toBe(true);
    ok.ws.close();
  });
});

describe('hostile frames close only the sender', () => {
  async function setup() {
    const room = await createRoom(server.url);
    const p = await join(server.url, room.joinCode);
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    const bystander = yClient(server.url, room.roomId, (await join(server.url, room.joinCode)).participantToken);
    await Promise.all([fac.synced, bystander.synced]);
    const bad = await rawSocket(`${ws()}/sync/${room.roomId}?token=${p.participantToken}`);
    expect(bad.opened).toBe(true);
    return { room, fac, bystander, bad: bad.ws };
  }

  const frames: [string, () => Uint8Array | string, number][] = [
    ['random bytes', () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), 1007],
    ['unknown message type', () => new Uint8Array([42, 0, 0]), 1003],
    ['unknown sync type', () => new Uint8Array([0, 9, 0]), 1003],
    ['truncated update', () => new Uint8Array([0, 2, 200, 1, 1]), 1007],
    ['huge varint length', () => new Uint8Array([0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]), 1007],
    ['text frame', () => 'hello', 1003],
    ['oversize frame', () => new Uint8Array(100 * 1024), 1009],
  ];

  for (const [name, frame, code] of frames) {
    it(name, async () => {
      const { fac, bystander, bad } = await setup();
      const ended = closed(bad);
      bad.send(frame());
      expect((await ended).code).toBe(code);
      fac.doc.getMap(DOC.present).set('slideTitle', `efter ${name}`);
      await waitFor(() => bystander.doc.getMap(DOC.present).get('slideTitle') === `efter ${name}`);
      fac.destroy();
      bystander.destroy();
    });
  }

  it('a crafted Yjs update from a participant is dropped, not applied', async () => {
    const { room, fac, bystander, bad } = await setup();
    bad.send(updateOf((d) => d.getMap(DOC.activities).set('hvem-saettes-fri', { status: 'open' })));
    fac.doc.getMap(DOC.present).set('slideTitle', 'efter forfalsket opdatering');
    await waitFor(() => bystander.doc.getMap(DOC.present).get('slideTitle') === 'efter forfalsket opdatering');
    const serverRoom = await server.app.rooms.get(room.roomId);
    expect((serverRoom!.public.doc.getMap(DOC.activities).get('hvem-saettes-fri') as { status: string }).status).toBe('idle');
    expect(bad.readyState).toBe(bad.OPEN);
    bad.close();
    fac.destroy();
    bystander.destroy();
  });
});
