// Speaker notes stay with the facilitator: the slides any phone may fetch by deck id carry none; the room's
// facilitator key fetches them with notes, for the pinned version.
import { describe, expect, it } from 'vitest';
import { call, createRoom, join } from '../helpers/clients.js';
import { serverForThisFile } from '../helpers/server.js';

const server = serverForThisFile();
/** A sentence from the frisættelse deck's notes on the first activity's slide. */
const NOTE = 'Tag det som en mavefornemmelse';

describe('speaker notes', () => {
  it('are not in the slides anyone can fetch, and are in the facilitator’s', async () => {
    const room = await createRoom(server.url);
    const phone = await join(server.url, room.joinCode);
    const me = await call<{ deck: string; deckVersion: number }>(server.url, `/api/rooms/${room.roomId}/me`, {
      token: phone.participantToken,
    });
    expect(me.status).toBe(200);

    const open = await call<string>(server.url, `/api/decks/${me.body.deck}/slides?version=${me.body.deckVersion}`);
    expect(open.status).toBe(200);
    expect(open.body).toContain('Hvem sættes fri?');
    expect(open.body).not.toContain(NOTE);
    expect(open.body).not.toContain('class="notes"');

    const mine = await call<string>(server.url, `/api/rooms/${room.roomId}/slides`, { token: room.facilitatorKey });
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(NOTE);
    // The same slides otherwise: the notes are all that differs.
    expect(mine.body.replace(/\n?<aside class="notes">[\s\S]*?<\/aside>/g, '')).toBe(open.body);

    expect((await call(server.url, `/api/rooms/${room.roomId}/slides`, { token: phone.participantToken })).status).toBe(403);
    expect((await call(server.url, `/api/rooms/${room.roomId}/slides`)).status).toBe(401);
  });
});
