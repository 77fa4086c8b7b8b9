// The storage contract for a committee's members, their voting cards and secret ballots (part of Storage).
import type { WireBallot } from '../core/activity.js';
import type { StoredAnswer } from './storage.js';

/** A committee member as the minutes name them ("Jørgen Bech (V)"), with the state of their voting card. */
export interface MemberRecord {
  id: string;
  roomId: string;
  name: string;
  /** The party letter(s) in the minutes' parentheses; '' when none. */
  party: string;
  /** Order in the list the facilitator pasted, so the referat names them as the minutes do. */
  position: number;
  /** Hash of the card code (salted with the room id); the code itself is never stored. */
  cardHash: string;
  /** Raised on every reissue: the printed card says which card is the valid one. */
  generation: number;
  /** The phone (participant) the card is bound to; null until first used, and again after a reissue. */
  participantId: string | null;
  /** When the member first claimed a card: present at the meeting. Null: "Fraværende". */
  checkedInAt: number | null;
  createdAt: number;
}

export interface NewMember {
  id: string;
  name: string;
  party: string;
  cardHash: string;
}

export type ClaimResult = 'claimed' | 'already-yours' | 'taken';

export interface SecretCastInput {
  roomId: string;
  activity: string;
  memberId: string;
  /** Whose intent this was, for the idempotency receipt only (which carries no choice). */
  participantId: string;
  intentId: string;
  ballot: WireBallot;
  /** The receipt a retry is answered with: it must not contain the ballot. */
  receipt: StoredAnswer;
  at: number;
}

export interface MemberStore {
  addMembers(roomId: string, members: NewMember[], at: number): Promise<void>;
  listMembers(roomId: string): Promise<MemberRecord[]>;
  updateMember(roomId: string, id: string, fields: { name: string; party: string }): Promise<boolean>;
  /** 'voted': a member whose ballot is counted stays, so the turnout never exceeds the members. */
  removeMember(roomId: string, id: string): Promise<'removed' | 'unknown' | 'voted'>;
  /** A new card: new code hash, generation + 1, bound to no phone. The old code opens nothing afterwards. */
  reissueCard(roomId: string, id: string, cardHash: string): Promise<MemberRecord | undefined>;
  memberByCard(roomId: string, cardHash: string): Promise<MemberRecord | undefined>;
  memberOfParticipant(roomId: string, participantId: string): Promise<MemberRecord | undefined>;
  /** Bind the card to this phone if it is bound to none; checks the member in at the first claim. */
  claimCard(roomId: string, memberId: string, participantId: string, at: number): Promise<ClaimResult>;
  /**
   * One transaction: the member's turnout (unique, so once), the ballot in a table that names nobody,
   * and the intent's receipt. 'already-voted' when the member's turnout exists; nothing is written then.
   */
  castSecret(input: SecretCastInput): Promise<'stored' | 'already-voted'>;
  /** Member ids that have voted, per activity (the attendance side; no ballots). */
  listTurnout(roomId: string): Promise<{ activity: string; memberId: string }[]>;
  /** The ballots of members-only activities, in an order that says nothing of when they were cast. */
  listSecretBallots(roomId: string): Promise<{ activity: string; ballot: WireBallot }[]>;
}
