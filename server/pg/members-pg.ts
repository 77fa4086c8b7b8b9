// PostgreSQL tables for members, voting cards, turnout and secret ballots; every write is a loaded room's, so each runs the fence.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { WireBallot } from '../../core/activity.js';
import type { ClaimResult, MemberRecord, MemberStore, NewMember, SecretCastInput } from '../members-store.js';
import type { StoredAnswer } from '../storage.js';
import { changes, rows, type PgDb, type Queryable } from './db.js';
import { type MemberRow, toMember } from '../storage-rows.js';

/**
 * Member writes that read before they write run one at a time per room, as SQLite's single writer runs them: the
 * room's row is locked, but not its key, so rows that point to the room (ballots, notes …) are written meanwhile.
 */
async function lockRoom(c: pg.PoolClient, roomId: string): Promise<void> {
  await c.query('SELECT 1 FROM rooms WHERE id = $1 FOR NO KEY UPDATE', [roomId]);
}

export class PgMemberStore implements MemberStore {
  constructor(
    private readonly db: PgDb,
    /** Writes the intent's receipt inside the caller's transaction (the shared intents table). */
    private readonly recordIntent: (
      on: Queryable,
      roomId: string,
      participantId: string,
      intentId: string,
      activity: string,
      answer: StoredAnswer,
      at: number,
    ) => Promise<void>,
  ) {}

  addMembers(roomId: string, members: NewMember[], at: number): Promise<void> {
    return this.db.tx('gemme medlemmerne', roomId, async (c) => {
      await lockRoom(c, roomId);
      const [max] = await rows<{ p: number | null }>(c, 'SELECT MAX(position) AS p FROM members WHERE room_id = $1', [roomId]);
      let position = (max?.p ?? 0) + 1;
      for (const m of members) {
        await c.query(
          `INSERT INTO members (room_id, id, name, party, position, card_hash, generation, participant_id, checked_in_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 1, NULL, NULL, $7)`,
          [roomId, m.id, m.name, m.party, position++, m.cardHash, at],
        );
      }
    });
  }

  listMembers(roomId: string): Promise<MemberRecord[]> {
    return this.db.run('læse medlemmerne', async (on) =>
      (await rows<MemberRow>(on, 'SELECT * FROM members WHERE room_id = $1 ORDER BY position, id COLLATE "C"', [roomId])).map(
        (r) => toMember(r)!,
      ),
    );
  }

  updateMember(roomId: string, id: string, fields: { name: string; party: string }): Promise<boolean> {
    return this.db.write(
      'rette medlemmet',
      roomId,
      async (on) =>
        (await changes(on, 'UPDATE members SET name = $1, party = $2 WHERE room_id = $3 AND id = $4', [
          fields.name,
          fields.party,
          roomId,
          id,
        ])) > 0,
    );
  }

  removeMember(roomId: string, id: string): Promise<'removed' | 'unknown' | 'voted'> {
    return this.db.tx('fjerne medlemmet', roomId, async (c): Promise<'removed' | 'unknown' | 'voted'> => {
      // A secret ballot cast at the same moment is either counted before this looks at the turnout, or comes after.
      await lockRoom(c, roomId);
      const [voted] = await rows<{ n: number }>(c, 'SELECT COUNT(*) AS n FROM turnout WHERE room_id = $1 AND member_id = $2', [roomId, id]);
      if ((voted?.n ?? 0) > 0) return 'voted';
      return (await changes(c, 'DELETE FROM members WHERE room_id = $1 AND id = $2', [roomId, id])) > 0 ? 'removed' : 'unknown';
    });
  }

  reissueCard(roomId: string, id: string, cardHash: string): Promise<MemberRecord | undefined> {
    return this.db.write('genudstede kortet', roomId, async (on) =>
      toMember(
        (
          await rows<MemberRow>(
            on,
            `UPDATE members SET card_hash = $1, generation = generation + 1, participant_id = NULL
             WHERE room_id = $2 AND id = $3 RETURNING *`,
            [cardHash, roomId, id],
          )
        )[0],
      ),
    );
  }

  memberByCard(roomId: string, cardHash: string): Promise<MemberRecord | undefined> {
    return this.db.run('slå kortet op', async (on) =>
      toMember((await rows<MemberRow>(on, 'SELECT * FROM members WHERE room_id = $1 AND card_hash = $2', [roomId, cardHash]))[0]),
    );
  }

  memberOfParticipant(roomId: string, participantId: string): Promise<MemberRecord | undefined> {
    return this.db.run('slå stemmekortet op', async (on) =>
      toMember((await rows<MemberRow>(on, 'SELECT * FROM members WHERE room_id = $1 AND participant_id = $2', [roomId, participantId]))[0]),
    );
  }

  claimCard(roomId: string, memberId: string, participantId: string, at: number): Promise<ClaimResult> {
    return this.db.tx('binde kortet', roomId, async (c): Promise<ClaimResult> => {
      const claimed = await changes(
        c,
        `UPDATE members SET participant_id = $1, checked_in_at = COALESCE(checked_in_at, $2)
         WHERE room_id = $3 AND id = $4 AND participant_id IS NULL`,
        [participantId, at, roomId, memberId],
      );
      if (claimed > 0) return 'claimed';
      const [m] = await rows<{ participant_id: string | null }>(c, 'SELECT participant_id FROM members WHERE room_id = $1 AND id = $2', [
        roomId,
        memberId,
      ]);
      return m?.participant_id === participantId ? 'already-yours' : 'taken';
    });
  }

  castSecret(i: SecretCastInput): Promise<'stored' | 'already-voted'> {
    return this.db.tx('gemme stemmen', i.roomId, async (c): Promise<'stored' | 'already-voted'> => {
      await lockRoom(c, i.roomId);
      const counted = await changes(c, 'INSERT INTO turnout (room_id, activity, member_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        i.roomId,
        i.activity,
        i.memberId,
      ]);
      if (counted === 0) return 'already-voted';
      await this.recordIntent(c, i.roomId, i.participantId, i.intentId, i.activity, i.receipt, i.at);
      await this.rewriteBallots(c, i.roomId, i.activity, [randomBytes(16).toString('hex'), JSON.stringify(i.ballot)]);
      return 'stored';
    });
  }

  /**
   * Adds one ballot and writes every ballot of the activity anew, in the order of their random keys. A PostgreSQL
   * row carries the id of the transaction that wrote it (xmin) and sits where it was appended; a ballot inserted on
   * its own would share that id with its member's turnout row. Rewritten together, every ballot of the activity
   * carries the latest cast's id and lies in key order, so neither says whose it is or when it came. A committee
   * casts tens of these, so the cost is small.
   */
  private async rewriteBallots(c: pg.PoolClient, roomId: string, activity: string, added: [string, string]): Promise<void> {
    const before = await rows<{ id: string; ballot: string }>(
      c,
      'DELETE FROM secret_ballots WHERE room_id = $1 AND activity = $2 RETURNING id, ballot',
      [roomId, activity],
    );
    const all = [...before.map((r): [string, string] => [r.id, r.ballot]), added].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    await c.query(
      `INSERT INTO secret_ballots (room_id, activity, id, ballot)
       SELECT $1, $2, t.id, t.ballot FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(id, ballot, n) ORDER BY t.n`,
      [roomId, activity, all.map(([id]) => id), all.map(([, ballot]) => ballot)],
    );
  }

  listTurnout(roomId: string): Promise<{ activity: string; memberId: string }[]> {
    return this.db.run('læse fremmødet', async (on) =>
      (
        await rows<{ activity: string; member_id: string }>(
          on,
          'SELECT activity, member_id FROM turnout WHERE room_id = $1 ORDER BY activity COLLATE "C", member_id COLLATE "C"',
          [roomId],
        )
      ).map((r) => ({ activity: r.activity, memberId: r.member_id })),
    );
  }

  listSecretBallots(roomId: string): Promise<{ activity: string; ballot: WireBallot }[]> {
    return this.db.run('læse stemmerne', async (on) =>
      (
        await rows<{ activity: string; ballot: string }>(
          on,
          'SELECT activity, ballot FROM secret_ballots WHERE room_id = $1 ORDER BY activity COLLATE "C", id COLLATE "C"',
          [roomId],
        )
      ).map((r) => ({ activity: r.activity, ballot: JSON.parse(r.ballot) as WireBallot })),
    );
  }

  /** Inside the caller's transaction (an activity's reset): the turnout and ballots go together. */
  async clearActivity(c: pg.PoolClient, roomId: string, activity: string): Promise<void> {
    await c.query('DELETE FROM turnout WHERE room_id = $1 AND activity = $2', [roomId, activity]);
    await c.query('DELETE FROM secret_ballots WHERE room_id = $1 AND activity = $2', [roomId, activity]);
  }
}
