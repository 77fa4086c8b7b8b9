// The steps integration tests take in a room over HTTP: create it with N phones joined, control it, send intents and ballots.
import type { CreateRoomResponse } from '../../core/wire.js';
import { expect } from 'vitest';
import { call, createRoom, join, type Reply } from '../helpers/clients.js';

export type Room = CreateRoomResponse;
/** What `call` answers: the body stays as loosely typed as there, for tests that read error codes from it. */
type Answer = Promise<Reply<any>>;

export interface RoomSteps {
  /** The facilitator's control API (open, close, reveal, board-phase …) with the room's key. */
  control(room: Room, body: Record<string, unknown>, base?: string): Answer;
  /** One participant intent (a ballot, a note, a dot …); a fresh id unless the test re-sends one. */
  intent(room: Room, token: string, body: Record<string, unknown>, id?: string, base?: string): Answer;
  /** One ballot, with a fresh intent id. */
  cast(room: Room, token: string, activity: string, ballot: unknown, base?: string): Answer;
  /** A new room of the fixture deck `alle-aktiviteter` (unless told) with `n` phones joined: their participant tokens. */
  roomWith(n: number, base?: string, deck?: string): Promise<{ room: Room; people: string[] }>;
  /** Open an activity, have the i-th person cast the i-th ballot (each must be stored), close it. */
  voteRound(room: Room, people: string[], activity: string, ballots: unknown[]): Promise<void>;
}

/** The steps against `server` (read when a step runs, so a file's server may start after this is called). */
export function roomSteps(server: { url: string }): RoomSteps {
  const intent: RoomSteps['intent'] = (room, token, body, id = crypto.randomUUID(), base = server.url) =>
    call(base, `/api/rooms/${room.roomId}/intents`, { token, body: { id, ...body } });
  const control: RoomSteps['control'] = (room, body, base = server.url) =>
    call(base, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body });
  return {
    control,
    intent,
    async voteRound(room, people, activity, ballots) {
      await control(room, { action: 'open', activity });
      for (const [i, ballot] of ballots.entries())
        expect((await intent(room, people[i]!, { type: 'ballot', activity, ballot })).status).toBe(200);
      await control(room, { action: 'close', activity });
    },
    cast: (room, token, activity, ballot, base) => intent(room, token, { type: 'ballot', activity, ballot }, undefined, base),
    async roomWith(n, base = server.url, deck = 'alle-aktiviteter') {
      const room = await createRoom(base, deck);
      const people = await Promise.all(Array.from({ length: n }, () => join(base, room.joinCode).then((j) => j.participantToken)));
      return { room, people };
    },
  };
}
