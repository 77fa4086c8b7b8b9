// The members part of the Storage contract (cards, turnout, secret ballots), run against SQLite; a PostgreSQL backend runs it too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialActivityState } from '../../core/room-doc.js';
import {
  cardHash,
  formatCardCode,
  memberLabel,
  newCardCode,
  normaliseCardCode,
  parseMemberLines,
  CARD_PATTERN,
} from '../../server/members.js';
import type { Storage } from '../../server/storage.js';
import { SqliteStorage } from '../../server/storage-sqlite.js';

const backends = [{ name: 'sqlite', open: (dir: string): Storage => new SqliteStorage(join(dir, 'db.sqlite')) }];

for (const backend of backends) {
  describe(`members storage contract: ${backend.name}`, () => {
    let dir: string;
    let s: Storage;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'radslag-members-'));
      s = backend.open(dir);
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
      rmSync(dir, { recursive: true, force: true });
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

describe('card codes and member lines', () => {
  it('makes 8-sign codes from the unambiguous alphabet and reads them back however typed', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newCardCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(CARD_PATTERN);
    const c = [...codes][0]!;
    expect(normaliseCardCode(formatCardCode(c).toLowerCase())).toBe(c);
    expect(normaliseCardCode(` ${c.slice(0, 4)} ${c.slice(4)} `)).toBe(c);
    expect(cardHash('r1', c)).not.toBe(cardHash('r2', c));
  });

  it('reads the minutes’ lines', () => {
    const lines = parseMemberLines('Fraværende:\nJørgen Bech (V)\n- Anne Hansen (A),\n3. Bo Jensen\n\nErik Nørgaard (Ø); Frida Kjær (RV)');
    expect(lines).toEqual([
      { name: 'Jørgen Bech', party: 'V' },
      { name: 'Anne Hansen', party: 'A' },
      { name: 'Bo Jensen', party: '' },
      { name: 'Erik Nørgaard', party: 'Ø' },
      { name: 'Frida Kjær', party: 'RV' },
    ]);
    expect(lines.map(memberLabel)).toContain('Jørgen Bech (V)');
  });
});
