// Voting cards: card codes, the members' list as the minutes write it, and a room's secret members-only ballots.
import { createHash, randomInt } from 'node:crypto';
import { applyToTally, ballotOf, checkBallot, wireBallot, type ActivityDef, type Tally } from '../core/activity.js';
import type { DeckManifest } from '../core/deck.js';
import type { ActivityStatus } from '../core/room-doc.js';
import type { MemberRecord } from './members-store.js';
import type { Storage, StoredAnswer } from './storage.js';
import { fail, type Answer } from './answer.js';

/** No 0/O, 1/I/L: a code read aloud or typed from paper is not mistaken. 31 signs ≈ 4.95 bits each. */
export const CARD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 8 signs ≈ 39.6 bits: with the brake (10 wrong codes a minute an address) an even chance at one of 30 cards takes ~2,700 years. */
export const CARD_LENGTH = 8;

export function newCardCode(): string {
  let code = '';
  for (let i = 0; i < CARD_LENGTH; i++) code += CARD_ALPHABET[randomInt(CARD_ALPHABET.length)];
  return code;
}

/** "abcd-efgh", "ABCD EFGH" and "ABCDEFGH" are the same card. */
export function normaliseCardCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-–.]/g, '')
    .slice(0, 32);
}

/** The code as printed: two groups of four. */
export function formatCardCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const CARD_PATTERN = new RegExp(`^[${CARD_ALPHABET}]{${CARD_LENGTH}}$`);

/** Salted with the room: the same code in two rooms has two hashes, and no table of hashes serves every room. */
export function cardHash(roomId: string, code: string): string {
  return createHash('sha256').update(`radslag-card:${roomId}:${code}`).digest('hex');
}

export interface MemberLine {
  name: string;
  party: string;
}

/** Longest name and party kept (characters). */
export const MEMBER_NAME_MAX = 120;
export const MEMBER_PARTY_MAX = 12;
/** Most members one room holds: a committee, a council (Københavns Borgerrepræsentation has 55). */
export const MEMBERS_MAX = 101;

/** Lines as in the minutes, "Jørgen Bech (V)", one member a line; bullets, numbers and commas between are forgiven. */
export function parseMemberLines(text: string): MemberLine[] {
  const out: MemberLine[] = [];
  for (const raw of text.split(/\r?\n|;/)) {
    const line = raw
      .replace(/^\s*(?:[-*•·]|\d+[.)])\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!line || /^fraværende:?$/i.test(line)) continue;
    const m = /^(.*?)\s*\(([^()]{1,12})\)\s*,?$/.exec(line);
    const name = (m ? m[1]! : line.replace(/,$/, '')).trim();
    if (!name) continue;
    out.push({ name: [...name].slice(0, MEMBER_NAME_MAX).join(''), party: m ? [...m[2]!.trim()].slice(0, MEMBER_PARTY_MAX).join('') : '' });
  }
  return out;
}

/** "Jørgen Bech (V)", as the minutes name a member. */
export function memberLabel(m: Pick<MemberRecord, 'name' | 'party'>): string {
  return m.party ? `${m.name} (${m.party})` : m.name;
}

export interface AttendanceLines {
  /** Members who checked in with their card, as the minutes name them. */
  present: string[];
  /** Members who never did: "Fraværende". */
  absent: string[];
}

/** The referat's lines: who came (claimed a card), who never did. Empty lists when the room has no members. */
export async function attendance(storage: Storage, roomId: string): Promise<AttendanceLines> {
  const members = await storage.members.listMembers(roomId);
  return {
    present: members.filter((m) => m.checkedInAt !== null).map(memberLabel),
    absent: members.filter((m) => m.checkedInAt === null).map(memberLabel),
  };
}

/**
 * A room's members-only activities: turnout counts and tallies in memory (never who voted what), the
 * cast that writes turnout and ballot apart, and the eligible count the projector shows. One per Room.
 */
export class SecretVotes {
  private readonly turnout = new Map<string, number>();
  private eligible = 0;
  private memberIds = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly roomId: string,
    private readonly manifest: DeckManifest,
    /** Tells the room an activity's published state changed (its counts). */
    private readonly changed: (activity: string) => void,
  ) {}

  private get secretActivities(): ActivityDef[] {
    return this.manifest.activities.filter((a) => a.membersOnly);
  }

  /** Reads members, turnout and secret ballots; the ballots are added to the room's tallies. */
  async load(tallyOf: (activity: string) => Tally | undefined): Promise<void> {
    await this.refreshMembers();
    for (const t of await this.storage.members.listTurnout(this.roomId))
      this.turnout.set(t.activity, (this.turnout.get(t.activity) ?? 0) + 1);
    for (const b of await this.storage.members.listSecretBallots(this.roomId)) {
      const tally = tallyOf(b.activity);
      if (tally) applyToTally(tally, ballotOf(tally, b.ballot), 1);
    }
  }

  /** After the facilitator changed the list: the projector's "af 9" follows. */
  async refreshMembers(): Promise<void> {
    const members = await this.storage.members.listMembers(this.roomId);
    this.memberIds = new Set(members.map((m) => m.id));
    if (members.length !== this.eligible) {
      this.eligible = members.length;
      for (const def of this.secretActivities) this.changed(def.id);
    }
  }

  /** The counts a members-only activity publishes in place of the plain answered count. */
  counts(activity: string): { answered: number; eligible: number } | Record<string, never> {
    const def = this.manifest.activities.find((a) => a.id === activity);
    if (!def?.membersOnly) return {};
    return { answered: this.turnout.get(activity) ?? 0, eligible: this.eligible };
  }

  /**
   * While a members-only vote is open its split is withheld from everyone, facilitators too: a split that moves
   * with each ballot, watched beside the attendance ("Jørgen Bech has voted"), would tell who voted what.
   */
  sealed(activity: string, status: ActivityStatus): boolean {
    return status === 'open' && this.manifest.activities.some((a) => a.id === activity && a.membersOnly);
  }

  /**
   * A closed members-only vote with ballots is not reopened: closing after each ballot and reading the split
   * would undo the secrecy. To vote again the facilitator resets it (every ballot goes).
   */
  refuse(def: ActivityDef, action: string, status: ActivityStatus): Answer | undefined {
    if (!def.membersOnly || action !== 'open' || status !== 'closed' || (this.turnout.get(def.id) ?? 0) === 0) return undefined;
    return fail(
      409,
      'activity_closed',
      `Afstemningen "${def.prompt}" er kun for medlemmer og er lukket efter ${this.turnout.get(def.id)} stemmer; den kan ikke genåbnes, for så kunne man se, hvad de næste stemte. Nulstil den for at stemme forfra.`,
    );
  }

  reset(activity: string): void {
    this.turnout.delete(activity);
  }

  /**
   * A members-only ballot. Called inside the room's serial queue, after the activity was found open.
   * The answer returned now carries the phone's own choice; the receipt stored for a retry does not.
   */
  async cast(participantId: string, def: ActivityDef, intentId: string, raw: unknown, tally: Tally): Promise<Answer> {
    const member = await this.storage.members.memberOfParticipant(this.roomId, participantId);
    if (!member || !this.memberIds.has(member.id)) {
      return fail(
        403,
        'members_only',
        `Kun udvalgets medlemmer kan stemme om "${def.prompt}". Er du medlem, så indtast koden fra dit stemmekort først.`,
      );
    }
    const checked = checkBallot(def, raw);
    if (!checked.ok) return fail(400, checked.code, checked.message);
    const at = Date.now();
    const receipt: StoredAnswer = {
      status: 200,
      body: { id: intentId, type: 'ballot', activity: def.id, ballot: null, secret: true, storedAt: at },
    };
    const result = await this.storage.members.castSecret({
      roomId: this.roomId,
      activity: def.id,
      memberId: member.id,
      participantId,
      intentId,
      ballot: wireBallot(checked.ballot),
      receipt,
      at,
    });
    if (result === 'already-voted') {
      return fail(
        409,
        'already_voted',
        `${memberLabel(member)} har allerede stemt om "${def.prompt}". En stemme på et stemmekort kan ikke ændres.`,
      );
    }
    applyToTally(tally, checked.ballot, 1);
    this.turnout.set(def.id, (this.turnout.get(def.id) ?? 0) + 1);
    this.changed(def.id);
    return { status: 200, body: { ...(receipt.body as object), ballot: wireBallot(checked.ballot) } };
  }

  /** The phone's own card: which member it votes for, and where it already voted. */
  async cardOf(participantId: string): Promise<{ member: { name: string; party: string; label: string }; voted: string[] } | undefined> {
    const member = await this.storage.members.memberOfParticipant(this.roomId, participantId);
    if (!member) return undefined;
    const voted = (await this.storage.members.listTurnout(this.roomId)).filter((t) => t.memberId === member.id).map((t) => t.activity);
    return { member: { name: member.name, party: member.party, label: memberLabel(member) }, voted };
  }
}
