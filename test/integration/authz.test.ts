// The authorization matrix: every facilitator action, tried with every credential that is not this
// room's facilitator key, is refused — and the room is unchanged afterwards.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { call, closed, control, createRoom, join, rawSocket, vote } from '../helpers/clients.js';
import { serverForThisFile } from '../helpers/server.js';
import type { CreateRoomResponse } from '../../core/wire.js';

const server = serverForThisFile();
let room: CreateRoomResponse;
let other: CreateRoomResponse;
let participantToken: string;
let otherParticipantToken: string;

beforeAll(async () => {
  room = await createRoom(server.url);
  other = await createRoom(server.url);
  participantToken = (await join(server.url, room.joinCode)).participantToken;
  otherParticipantToken = (await join(server.url, other.joinCode)).participantToken;
});

/** Credentials that must never act as this room's facilitator, and the status each must get. */
function credentials(): Array<{ name: string; token: string | undefined; status: number[] }> {
  const forged = randomBytes(24).toString('base64url');
  return [
    { name: 'none', token: undefined, status: [401] },
    { name: 'a participant token of this room', token: participantToken, status: [403] },
    { name: 'a participant token of another room', token: otherParticipantToken, status: [403] },
    { name: 'another room’s facilitator key', token: other.facilitatorKey, status: [403] },
    { name: 'a forged key of the right length', token: forged, status: [403] },
    { name: 'this key with one character changed', token: mutate(room.facilitatorKey), status: [403] },
    { name: 'this key cut short', token: room.facilitatorKey.slice(0, 10), status: [403] },
    { name: 'the join code', token: room.joinCode, status: [403] },
  ];
}

function mutate(s: string): string {
  const last = s.at(-1) === 'A' ? 'B' : 'A';
  return s.slice(0, -1) + last;
}

const ACTIONS: Array<Record<string, unknown>> = [
  { action: 'open', activity: 'hvem-saettes-fri' },
  { action: 'close', activity: 'hvem-saettes-fri' },
  { action: 'reveal', activity: 'hvem-saettes-fri' },
  { action: 'hide', activity: 'hvem-saettes-fri' },
  { action: 'reset', activity: 'hvem-saettes-fri' },
  { action: 'decide', activity: 'hvem-saettes-fri', decision: 'Forfalsket beslutning' },
  { action: 'countdown', activity: 'hvem-saettes-fri', seconds: 5 },
  { action: 'hide-entry', activity: 'hvem-saettes-fri', entry: 'x' },
  { action: 'show-entry', activity: 'hvem-saettes-fri', entry: 'x' },
];

describe('authorization matrix', () => {
  it('every control action with every wrong credential is refused and changes nothing', async () => {
    // The room has one open activity with one vote; the matrix must leave exactly that.
    expect((await control(server.url, room, 'open')).status).toBe(200);
    expect((await vote(server.url, room.roomId, participantToken, 'borgerne')).status).toBe(200);

    let tried = 0;
    for (const cred of credentials()) {
      for (const body of ACTIONS) {
        const r = await call(server.url, `/api/rooms/${room.roomId}/control`, { token: cred.token, body });
        expect(cred.status, `${body.action} with ${cred.name}: ${r.status}`).toContain(r.status);
        expect(r.body.error.code).toBe(r.status === 401 ? 'unauthorized' : 'forbidden');
        tried++;
      }
      const info = await call(server.url, `/api/rooms/${room.roomId}`, { token: cred.token });
      expect(cred.status, `room info with ${cred.name}`).toContain(info.status);
      tried++;
    }
    expect(tried).toBe(8 * 10);

    // Still open, not revealed, one vote, no decision, no countdown: the facilitator sees the untouched room.
    const state = (await control(server.url, room, 'open')).body.state;
    expect(state).toMatchObject({ status: 'open', revealed: false, decision: '', answered: 1, closesAt: null });
  });

  it('the live document and room info refuse every wrong credential at the WebSocket upgrade', async () => {
    const ws = server.url.replace(/^http/, 'ws');
    for (const cred of credentials()) {
      const q = cred.token === undefined ? '' : `?token=${encodeURIComponent(cred.token)}`;
      const live = await rawSocket(`${ws}/sync/${room.roomId}/live${q}`);
      expect(live.opened, `live doc with ${cred.name}`).toBe(false);
      expect([401, 403]).toContain(live.status);
      live.ws.terminate();
    }
  });

  it('a participant may read the public document but not with another room’s token, nor a forged one', async () => {
    const ws = server.url.replace(/^http/, 'ws');
    const own = await rawSocket(`${ws}/sync/${room.roomId}?token=${participantToken}`);
    expect(own.opened).toBe(true);
    own.ws.close();
    await closed(own.ws);
    for (const [token, status] of [
      [otherParticipantToken, 403],
      [randomBytes(24).toString('base64url'), 401],
      ['', 401],
    ] as const) {
      const r = await rawSocket(`${ws}/sync/${room.roomId}?token=${token}`);
      expect(r.opened).toBe(false);
      expect(r.status).toBe(status);
    }
  });

  it('participant calls refuse facilitator keys of other rooms, forged tokens and none', async () => {
    for (const [token, status] of [
      [undefined, 401],
      [randomBytes(24).toString('base64url'), 401],
      [otherParticipantToken, 403],
    ] as const) {
      const me = await call(server.url, `/api/rooms/${room.roomId}/me`, { token });
      expect(me.status).toBe(status);
      const intent = await vote(server.url, room.roomId, token as string, 'kommunen');
      expect(intent.status).toBe(status);
    }
    // The facilitator key is not a participant token: it cannot cast a ballot.
    const asFacilitator = await vote(server.url, room.roomId, room.facilitatorKey, 'kommunen');
    expect(asFacilitator.status).toBe(401);
  });
});
