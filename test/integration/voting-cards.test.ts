// Voting cards end to end on a real server: only members vote on a members-only motion, once per card, secretly.
import Database from 'better-sqlite3';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC, LIVE_DOC, type ActivityState } from '../../core/room-doc.js';
import type { CreateRoomResponse } from '../../core/wire.js';
import { call, control, createRoom, join, waitFor, yClient, type YClient } from '../helpers/clients.js';
import { FIXTURE_VOTING_CARDS, removeDir, restartableServer, serverForThisFile, startServer } from '../helpers/server.js';

const MOTION = 'indstilling';
const NINE = `Fraværende:
Jørgen Bech (V)
Anne Hansen (A)
Bo Jensen (C)
Cecilie Lund (F)
Dorthe Holm (O)
Erik Nørgaard (Ø)
Frida Kjær (B)
Gustav Berg (A)
Hanne Friis (V)`;

const server = serverForThisFile({ slidesDir: FIXTURE_VOTING_CARDS, intentBurst: 1000 });

/** Waits until the facilitator's live document holds the motion's tally: `ballots` ballots, split as `counts`. */
function motionTallyShows(live: YClient, ballots: number, counts: Record<string, number>): Promise<unknown> {
  return waitFor(() => expect(live.doc.getMap(LIVE_DOC.tallies).get(MOTION)).toEqual({ kind: 'motion', ballots, counts }));
}

interface Card {
  id: string;
  label: string;
  code: string;
}

async function roomWithMembers(text = NINE): Promise<{ room: CreateRoomResponse; cards: Card[] }> {
  const room = await createRoom(server.url, 'udvalg');
  const added = await call<{ cards: Card[] }>(server.url, `/api/rooms/${room.roomId}/members`, {
    token: room.facilitatorKey,
    body: { text },
  });
  expect(added.status).toBe(201);
  return { room, cards: added.body.cards };
}

function ballot(roomId: string, token: string, option: string, id: string = crypto.randomUUID(), activity = MOTION) {
  return call(server.url, `/api/rooms/${roomId}/intents`, { token, body: { id, type: 'ballot', activity, ballot: { option } } });
}

function claim(roomId: string, token: string, code: string, headers: Record<string, string> = {}) {
  return call(server.url, `/api/rooms/${roomId}/card`, { token, body: { code }, headers });
}

describe('voting cards', () => {
  it('marks the members-only motion in the manifest, and parses the minutes’ lines', async () => {
    const manifest = await call(server.url, '/api/decks/udvalg');
    const byId = Object.fromEntries(manifest.body.activities.map((a: { id: string }) => [a.id, a]));
    expect(byId[MOTION].membersOnly).toBe(true);
    expect('membersOnly' in byId.enkelt).toBe(false);
    const { room, cards } = await roomWithMembers();
    expect(cards).toHaveLength(9);
    expect(cards[0]!.label).toBe('Jørgen Bech (V)');
    expect(cards[0]!.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const list = await call(server.url, `/api/rooms/${room.roomId}/members`, { token: room.facilitatorKey });
    expect(list.body.members.map((m: { name: string; party: string }) => `${m.name}|${m.party}`)).toContain('Erik Nørgaard|Ø');
    expect(JSON.stringify(list.body)).not.toMatch(/card_?hash|participant/i);
    // Only the facilitator sees or changes the list.
    const p = await join(server.url, room.joinCode);
    expect((await call(server.url, `/api/rooms/${room.roomId}/members`, { token: p.participantToken })).status).toBe(403);
  });

  it('refuses a non-member on a members-only motion with 403 in Danish, while the poll stays open to all', async () => {
    const { room } = await roomWithMembers();
    await control(server.url, room, 'open', MOTION);
    await control(server.url, room, 'open', 'enkelt');
    const p = await join(server.url, room.joinCode);
    const refused = await ballot(room.roomId, p.participantToken, 'for');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('members_only');
    expect(refused.body.error.message).toMatch(/Kun udvalgets medlemmer/);
    expect((await ballot(room.roomId, p.participantToken, 'kommunen', undefined, 'enkelt')).status).toBe(200);
  });

  it('one card gives exactly one ballot: a retry is answered as before, a second intent is refused 409', async () => {
    const { room, cards } = await roomWithMembers();
    await control(server.url, room, 'open', MOTION);
    const a = await join(server.url, room.joinCode);
    const claimed = await claim(room.roomId, a.participantToken, cards[1]!.code.toLowerCase().replace(/^(....)/, '$1-'));
    expect(claimed.status).toBe(200);
    expect(claimed.body.card.member.label).toBe('Anne Hansen (A)');
    const id = crypto.randomUUID();
    const first = await ballot(room.roomId, a.participantToken, 'for', id);
    expect(first.status).toBe(200);
    expect(first.body.ballot).toEqual({ option: 'for' });
    const retries = await Promise.all([1, 2, 3].map(() => ballot(room.roomId, a.participantToken, 'for', id)));
    for (const r of retries) {
      expect(r.status).toBe(200);
      // The stored receipt never holds the choice.
      expect(r.body.ballot).toBeNull();
    }
    const second = await ballot(room.roomId, a.participantToken, 'imod');
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_voted');
    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    await live.synced;
    // Sealed while open, for the facilitator too: a split that moves with each ballot would name the voter.
    await waitFor(() => (live.doc.getMap(LIVE_DOC.presence).size > 0 ? true : undefined));
    expect(live.doc.getMap(LIVE_DOC.tallies).get(MOTION)).toBeUndefined();
    await control(server.url, room, 'close', MOTION);
    await motionTallyShows(live, 1, { for: 1, imod: 0, undlader: 0 });
    live.destroy();
    // Closed with ballots, it does not reopen (closing after each ballot would show each vote).
    const reopen = await control(server.url, room, 'open', MOTION);
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.message).toMatch(/kan ikke genåbnes/);
    // /me holds no members-only ballot: the phone remembers its own choice.
    const me = await call(server.url, `/api/rooms/${room.roomId}/me`, { token: a.participantToken });
    expect(me.body.ballots[MOTION]).toBeUndefined();
    const card = await call(server.url, `/api/rooms/${room.roomId}/card`, { token: a.participantToken });
    expect(card.body.card.voted).toEqual([MOTION]);
  });

  it('binds a card to the first phone; another phone is refused, and one phone holds one card', async () => {
    const { room, cards } = await roomWithMembers();
    const a = await join(server.url, room.joinCode);
    const b = await join(server.url, room.joinCode);
    expect((await claim(room.roomId, a.participantToken, cards[2]!.code)).status).toBe(200);
    // The same phone again is fine (a reload, a second scan).
    expect((await claim(room.roomId, a.participantToken, cards[2]!.code)).status).toBe(200);
    const other = await claim(room.roomId, b.participantToken, cards[2]!.code);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('card_taken');
    expect(other.body.error.message).toMatch(/anden telefon/);
    const twoCards = await claim(room.roomId, a.participantToken, cards[3]!.code);
    expect(twoCards.status).toBe(409);
    expect(twoCards.body.error.message).toMatch(/Én telefon bruger ét stemmekort/);
  });

  it('reissuing a card voids the old one: its phone and its code no longer vote', async () => {
    const { room, cards } = await roomWithMembers();
    await control(server.url, room, 'open', MOTION);
    const lost = await join(server.url, room.joinCode);
    expect((await claim(room.roomId, lost.participantToken, cards[4]!.code)).status).toBe(200);
    const re = await call(server.url, `/api/rooms/${room.roomId}/members/${cards[4]!.id}/reissue`, {
      token: room.facilitatorKey,
      method: 'POST',
    });
    expect(re.status).toBe(200);
    expect(re.body.card.generation).toBe(2);
    expect(re.body.card.code).not.toBe(cards[4]!.code);
    expect((await ballot(room.roomId, lost.participantToken, 'for')).status).toBe(403);
    const found = await join(server.url, room.joinCode);
    const old = await claim(room.roomId, found.participantToken, cards[4]!.code);
    expect(old.status).toBe(404);
    expect(old.body.error.code).toBe('unknown_card');
    expect((await claim(room.roomId, found.participantToken, re.body.card.code)).status).toBe(200);
    expect((await ballot(room.roomId, found.participantToken, 'imod')).status).toBe(200);
  });

  it('brakes wrong card codes per phone', async () => {
    const { room } = await roomWithMembers();
    const p = await join(server.url, room.joinCode);
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await claim(room.roomId, p.participantToken, 'ZZZZ-ZZZZ')).status);
    expect(answers.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(answers.at(-1)).toBe(429);
  });

  it('brakes wrong card codes server-wide for guessing addresses, never for a member who typed none', async () => {
    const s = await startServer({
      config: { slidesDir: FIXTURE_VOTING_CARDS, cardFailureBurst: 1, cardFailuresPerMinute: 1, trustProxy: true },
    });
    try {
      const room = await createRoom(s.url, 'udvalg');
      const added = await call<{ cards: Card[] }>(s.url, `/api/rooms/${room.roomId}/members`, {
        token: room.facilitatorKey,
        body: { text: NINE },
      });
      // One wrong guess each from 20 phones on 20 addresses spends the server's allowance (20 × the phone's).
      for (let i = 0; i < 20; i++) {
        const headers = { 'x-forwarded-for': `192.0.2.${i + 1}` };
        const p = await call<{ participantToken: string }>(s.url, '/api/join', { body: { code: room.joinCode }, headers });
        expect(
          (await call(s.url, `/api/rooms/${room.roomId}/card`, { token: p.body.participantToken, body: { code: 'ZZZZ-ZZZZ' }, headers }))
            .status,
        ).toBe(404);
      }
      // A phone on an address that has guessed now waits, even with a right card …
      const guesser = { 'x-forwarded-for': '192.0.2.1' };
      const again = await call<{ participantToken: string }>(s.url, '/api/join', { body: { code: room.joinCode }, headers: guesser });
      const braked = await call(s.url, `/api/rooms/${room.roomId}/card`, {
        token: again.body.participantToken,
        body: { code: added.body.cards[0]!.code },
        headers: guesser,
      });
      expect(braked.status).toBe(429);
      // … while a member on an address that typed no wrong code claims her card: guessers cannot lock members out.
      const headers = { 'x-forwarded-for': '198.51.100.99' };
      const fresh = await call<{ participantToken: string }>(s.url, '/api/join', { body: { code: room.joinCode }, headers });
      const right = await call(s.url, `/api/rooms/${room.roomId}/card`, {
        token: fresh.body.participantToken,
        body: { code: added.body.cards[0]!.code },
        headers,
      });
      expect(right.status).toBe(200);
    } finally {
      await s.stop();
      removeDir(s.dataDir);
    }
  });

  it('publishes "7 af 9", keeps who voted apart from what was voted in the database, exports Fraværende and resets both', async () => {
    const { room, cards } = await roomWithMembers();
    await control(server.url, room, 'open', MOTION);
    const options = ['for', 'for', 'for', 'imod', 'imod', 'undlader', 'for'];
    // Members 2..8 come and vote; Jørgen Bech (V) and Hanne Friis (V) never check in.
    for (let i = 0; i < 7; i++) {
      const phone = await join(server.url, room.joinCode);
      expect((await claim(room.roomId, phone.participantToken, cards[i + 1]!.code)).status).toBe(200);
      expect((await ballot(room.roomId, phone.participantToken, options[i]!)).status).toBe(200);
    }
    const pub = yClient(server.url, room.roomId, room.facilitatorKey);
    await pub.synced;
    await waitFor(() => {
      const s = pub.doc.getMap(DOC.activities).get(MOTION) as ActivityState | undefined;
      return s?.answered === 7 && s.eligible === 9;
    });
    const poll = pub.doc.getMap(DOC.activities).get('enkelt') as ActivityState;
    expect(poll.eligible).toBeUndefined();
    pub.destroy();

    const listed = await call(server.url, `/api/rooms/${room.roomId}/members`, { token: room.facilitatorKey });
    expect(listed.body.turnout[MOTION]).toEqual({ voted: 7, eligible: 9 });

    // The database file: no table holds both a person (member or participant) and a members-only ballot.
    const db = new Database(joinPath(server.dataDir, 'radslag.sqlite'), { readonly: true });
    try {
      const tables = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
      ).map((t) => t.name);
      for (const table of tables) {
        const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
        const names = columns.some((c) => /participant|member/.test(c));
        if (!names) continue;
        const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        for (const row of rows) {
          const cells = Object.values(row).map((v) => (Buffer.isBuffer(v) ? '' : String(v)));
          if (!cells.some((c) => c.includes(MOTION))) continue;
          for (const c of cells) expect(c, `${table} joins a person to a ballot`).not.toMatch(/"option"|"for"|"imod"|"undlader"/);
        }
      }
      const secretColumns = (db.prepare('PRAGMA table_info(secret_ballots)').all() as { name: string }[]).map((c) => c.name);
      expect(secretColumns.sort()).toEqual(['activity', 'ballot', 'id', 'room_id']);
      // No rowid: the table's order is its random key, not the order ballots came in.
      expect(() => db.prepare('SELECT rowid FROM secret_ballots').all()).toThrow();
      const secret = db.prepare('SELECT ballot FROM secret_ballots WHERE room_id = ? AND activity = ?').all(room.roomId, MOTION) as {
        ballot: string;
      }[];
      expect(secret).toHaveLength(7);
      expect(db.prepare('SELECT COUNT(*) AS n FROM ballots WHERE room_id = ? AND activity = ?').get(room.roomId, MOTION)).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM turnout WHERE room_id = ? AND activity = ?').get(room.roomId, MOTION)).toEqual({ n: 7 });
    } finally {
      db.close();
    }

    // While open, the export holds no split either.
    const early = await call(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey });
    expect(early.body.activities.find((a: { id: string }) => a.id === MOTION).rows.every((r: { count: number }) => r.count === 0)).toBe(
      true,
    );
    await control(server.url, room, 'close', MOTION);
    const json = await call(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey });
    const motion = json.body.activities.find((a: { id: string }) => a.id === MOTION);
    expect(motion.answered).toBe(7);
    expect(Object.fromEntries(motion.rows.map((r: { id: string; count: number }) => [r.id, r.count]))).toEqual({
      for: 4,
      imod: 2,
      undlader: 1,
    });
    expect(json.body.room.absent).toBe('Jørgen Bech (V), Hanne Friis (V)');
    expect(json.body.room.present).toHaveLength(7);
    const md = await call<string>(server.url, `/api/rooms/${room.roomId}/export?format=md`, { token: room.facilitatorKey });
    expect(md.body).toContain('**Fraværende:** Jørgen Bech (V), Hanne Friis (V)');
    expect(md.body).toMatch(/\*\*Til stede:\*\* Anne Hansen \(A\), Bo Jensen \(C\)/);
    const page = await call<string>(server.url, `/api/rooms/${room.roomId}/export?format=html`, { token: room.facilitatorKey });
    expect(page.body).toContain('<strong>Fraværende:</strong> Jørgen Bech (V), Hanne Friis (V)');
    // A name corrected by the facilitator is what the referat writes.
    const fixed = await call(server.url, `/api/rooms/${room.roomId}/members/${cards[8]!.id}`, {
      token: room.facilitatorKey,
      method: 'PATCH',
      body: { name: 'Hanne Friis Holm', party: 'V' },
    });
    expect(fixed.status).toBe(200);
    expect((await call<string>(server.url, `/api/rooms/${room.roomId}/export?format=md`, { token: room.facilitatorKey })).body).toContain(
      '**Fraværende:** Jørgen Bech (V), Hanne Friis Holm (V)',
    );
    // A member who voted cannot be removed (the count would no longer add up); one who did not can.
    expect(
      (await call(server.url, `/api/rooms/${room.roomId}/members/${cards[1]!.id}`, { token: room.facilitatorKey, method: 'DELETE' }))
        .status,
    ).toBe(409);
    expect(
      (await call(server.url, `/api/rooms/${room.roomId}/members/${cards[0]!.id}`, { token: room.facilitatorKey, method: 'DELETE' }))
        .status,
    ).toBe(200);

    // Reset clears turnout and ballots together: every member may vote again.
    expect((await control(server.url, room, 'reset', MOTION)).status).toBe(200);
    const db2 = new Database(joinPath(server.dataDir, 'radslag.sqlite'), { readonly: true });
    try {
      expect(db2.prepare('SELECT COUNT(*) AS n FROM secret_ballots WHERE room_id = ?').get(room.roomId)).toEqual({ n: 0 });
      expect(db2.prepare('SELECT COUNT(*) AS n FROM turnout WHERE room_id = ?').get(room.roomId)).toEqual({ n: 0 });
    } finally {
      db2.close();
    }
  });

  it('keeps turnout, tallies and bound cards across a restart', async () => {
    const s = await restartableServer({ slidesDir: FIXTURE_VOTING_CARDS });
    try {
      const room = await createRoom(s.url, 'udvalg');
      const added = await call<{ cards: Card[] }>(s.url, `/api/rooms/${room.roomId}/members`, {
        token: room.facilitatorKey,
        body: { text: 'A (V)\nB (A)' },
      });
      await call(s.url, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body: { action: 'open', activity: MOTION } });
      const a = await join(s.url, room.joinCode);
      await call(s.url, `/api/rooms/${room.roomId}/card`, { token: a.participantToken, body: { code: added.body.cards[0]!.code } });
      const cast = (token: string, option: string) =>
        call(s.url, `/api/rooms/${room.roomId}/intents`, {
          token,
          body: { id: crypto.randomUUID(), type: 'ballot', activity: MOTION, ballot: { option } },
        });
      expect((await cast(a.participantToken, 'imod')).status).toBe(200);
      await s.restart();
      expect((await cast(a.participantToken, 'for')).status).toBe(409);
      const listed = await call(s.url, `/api/rooms/${room.roomId}/members`, { token: room.facilitatorKey });
      expect(listed.body.turnout[MOTION]).toEqual({ voted: 1, eligible: 2 });
      await call(s.url, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body: { action: 'close', activity: MOTION } });
      const live = yClient(s.url, `${room.roomId}/live`, room.facilitatorKey);
      await live.synced;
      await motionTallyShows(live, 1, { for: 0, imod: 1, undlader: 0 });
      live.destroy();
    } finally {
      await s.close();
    }
  });

  it('prints an A4 sheet of cards with fresh codes and QR, and only for cards not in use', async () => {
    const { room, cards } = await roomWithMembers('Jørgen Bech (V)\nAnne Hansen (A)\nBo Jensen (C)');
    const a = await join(server.url, room.joinCode);
    expect((await claim(room.roomId, a.participantToken, cards[0]!.code)).status).toBe(200);
    const sheet = await call<string>(server.url, `/api/rooms/${room.roomId}/members/print`, { token: room.facilitatorKey, body: {} });
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toMatch(/text\/html/);
    expect(sheet.body).toContain('Anne Hansen (A)');
    expect(sheet.body).not.toContain('Jørgen Bech (V)');
    expect(sheet.body).toContain('<svg');
    expect(sheet.body).toContain('@page { size: A4');
    // Printing issued new cards: the codes from before are void, the printed ones work.
    expect((await claim(room.roomId, (await join(server.url, room.joinCode)).participantToken, cards[1]!.code)).status).toBe(404);
    const printed =
      /<p class="code">([A-Z0-9]{4}-[A-Z0-9]{4})<\/p>[\s\S]*?Anne|Anne Hansen \(A\)<\/h2>\s*<p class="code-label">[^<]*<\/p>\s*<p class="code">([A-Z0-9-]{9})/.exec(
        sheet.body,
      );
    const code = printed?.[1] ?? printed?.[2];
    expect(code).toBeTruthy();
    expect((await claim(room.roomId, (await join(server.url, room.joinCode)).participantToken, code!)).status).toBe(200);
  });
});
