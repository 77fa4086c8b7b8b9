// SQLite tables for members, voting cards, turnout and secret ballots; shares the SqliteStorage's database and transactions.
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { WireBallot } from '../core/activity.js';
import type { ClaimResult, MemberRecord, MemberStore, NewMember, SecretCastInput } from './members-store.js';
import { guard } from './sqlite.js';
import { type MemberRow, toMember } from './storage-rows.js';

// Why the tables look as they do: server/sqlite-migrations.ts (migration 1).

export class SqliteMemberStore implements MemberStore {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    /** Writes the intent's receipt inside the caller's transaction (the shared intents table). */
    private readonly recordIntent: (
      roomId: string,
      participantId: string,
      intentId: string,
      activity: string,
      answer: SecretCastInput['receipt'],
      at: number,
    ) => void,
  ) {
    this.stmt = {
      maxPosition: db.prepare<[string], { p: number | null }>('SELECT MAX(position) AS p FROM members WHERE room_id = ?'),
      insert: db.prepare(
        `INSERT INTO members (room_id, id, name, party, position, card_hash, generation, participant_id, checked_in_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, NULL, NULL, ?)`,
      ),
      list: db.prepare<[string], MemberRow>('SELECT * FROM members WHERE room_id = ? ORDER BY position, id'),
      update: db.prepare('UPDATE members SET name = ?, party = ? WHERE room_id = ? AND id = ?'),
      hasVoted: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM turnout WHERE room_id = ? AND member_id = ?'),
      remove: db.prepare('DELETE FROM members WHERE room_id = ? AND id = ?'),
      reissue: db.prepare(
        'UPDATE members SET card_hash = ?, generation = generation + 1, participant_id = NULL WHERE room_id = ? AND id = ?',
      ),
      byId: db.prepare<[string, string], MemberRow>('SELECT * FROM members WHERE room_id = ? AND id = ?'),
      byCard: db.prepare<[string, string], MemberRow>('SELECT * FROM members WHERE room_id = ? AND card_hash = ?'),
      byParticipant: db.prepare<[string, string], MemberRow>('SELECT * FROM members WHERE room_id = ? AND participant_id = ?'),
      claim: db.prepare(
        'UPDATE members SET participant_id = ?, checked_in_at = COALESCE(checked_in_at, ?) WHERE room_id = ? AND id = ? AND participant_id IS NULL',
      ),
      insertTurnout: db.prepare('INSERT OR IGNORE INTO turnout (room_id, activity, member_id) VALUES (?, ?, ?)'),
      insertSecret: db.prepare('INSERT INTO secret_ballots (room_id, activity, id, ballot) VALUES (?, ?, ?, ?)'),
      turnout: db.prepare<[string], { activity: string; member_id: string }>(
        'SELECT activity, member_id FROM turnout WHERE room_id = ? ORDER BY activity, member_id',
      ),
      secret: db.prepare<[string], { activity: string; ballot: string }>(
        'SELECT activity, ballot FROM secret_ballots WHERE room_id = ? ORDER BY activity, id',
      ),
      clearTurnout: db.prepare('DELETE FROM turnout WHERE room_id = ? AND activity = ?'),
      clearSecret: db.prepare('DELETE FROM secret_ballots WHERE room_id = ? AND activity = ?'),
    };
  }

  addMembers(roomId: string, members: NewMember[], at: number): Promise<void> {
    return guard('gemme medlemmerne', () => {
      this.db.transaction(() => {
        let position = (this.stmt.maxPosition.get(roomId)?.p ?? 0) + 1;
        for (const m of members) this.stmt.insert.run(roomId, m.id, m.name, m.party, position++, m.cardHash, at);
      })();
    });
  }

  listMembers(roomId: string): Promise<MemberRecord[]> {
    return guard('læse medlemmerne', () => this.stmt.list.all(roomId).map((r) => toMember(r)!));
  }

  updateMember(roomId: string, id: string, fields: { name: string; party: string }): Promise<boolean> {
    return guard('rette medlemmet', () => this.stmt.update.run(fields.name, fields.party, roomId, id).changes > 0);
  }

  removeMember(roomId: string, id: string): Promise<'removed' | 'unknown' | 'voted'> {
    return guard('fjerne medlemmet', () =>
      this.db.transaction((): 'removed' | 'unknown' | 'voted' => {
        if ((this.stmt.hasVoted.get(roomId, id)?.n ?? 0) > 0) return 'voted';
        return this.stmt.remove.run(roomId, id).changes > 0 ? 'removed' : 'unknown';
      })(),
    );
  }

  reissueCard(roomId: string, id: string, cardHash: string): Promise<MemberRecord | undefined> {
    return guard('genudstede kortet', () =>
      this.db.transaction(() => {
        if (this.stmt.reissue.run(cardHash, roomId, id).changes === 0) return undefined;
        return toMember(this.stmt.byId.get(roomId, id));
      })(),
    );
  }

  memberByCard(roomId: string, cardHash: string): Promise<MemberRecord | undefined> {
    return guard('slå kortet op', () => toMember(this.stmt.byCard.get(roomId, cardHash)));
  }

  memberOfParticipant(roomId: string, participantId: string): Promise<MemberRecord | undefined> {
    return guard('slå stemmekortet op', () => toMember(this.stmt.byParticipant.get(roomId, participantId)));
  }

  claimCard(roomId: string, memberId: string, participantId: string, at: number): Promise<ClaimResult> {
    return guard('binde kortet', () =>
      this.db.transaction((): ClaimResult => {
        if (this.stmt.claim.run(participantId, at, roomId, memberId).changes > 0) return 'claimed';
        return this.stmt.byId.get(roomId, memberId)?.participant_id === participantId ? 'already-yours' : 'taken';
      })(),
    );
  }

  castSecret(i: SecretCastInput): Promise<'stored' | 'already-voted'> {
    return guard('gemme stemmen', () => {
      const result = this.db.transaction((): 'stored' | 'already-voted' => {
        if (this.stmt.insertTurnout.run(i.roomId, i.activity, i.memberId).changes === 0) return 'already-voted';
        // 128 random bits: the key orders the table, and that order is unrelated to time or member.
        this.stmt.insertSecret.run(i.roomId, i.activity, randomBytes(16).toString('hex'), JSON.stringify(i.ballot));
        this.recordIntent(i.roomId, i.participantId, i.intentId, i.activity, i.receipt, i.at);
        return 'stored';
      })();
      // The write-ahead log holds this transaction's pages side by side (turnout and ballot); moved into the
      // file and emptied, no log frame pairs them. A committee casts tens of these, so the cost is small.
      if (result === 'stored') this.db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    });
  }

  listTurnout(roomId: string): Promise<{ activity: string; memberId: string }[]> {
    return guard('læse fremmødet', () => this.stmt.turnout.all(roomId).map((r) => ({ activity: r.activity, memberId: r.member_id })));
  }

  listSecretBallots(roomId: string): Promise<{ activity: string; ballot: WireBallot }[]> {
    return guard('læse stemmerne', () =>
      this.stmt.secret.all(roomId).map((r) => ({ activity: r.activity, ballot: JSON.parse(r.ballot) as WireBallot })),
    );
  }

  /** Inside the caller's transaction (an activity's reset): the turnout and ballots go together. */
  clearActivitySync(roomId: string, activity: string): void {
    this.stmt.clearTurnout.run(roomId, activity);
    this.stmt.clearSecret.run(roomId, activity);
  }
}
