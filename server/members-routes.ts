// HTTP routes for members and voting cards: the facilitator's list, printing and reissuing cards, a phone claiming its card.
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { MemberView } from '../core/wire.js';
import {
  CARD_PATTERN,
  MEMBERS_MAX,
  MEMBER_NAME_MAX,
  MEMBER_PARTY_MAX,
  cardHash,
  memberLabel,
  newCardCode,
  normaliseCardCode,
  parseMemberLines,
  type MemberLine,
} from './members.js';
import { cardSheetHtml, type PrintedCard } from './members-sheet.js';
import type { MemberRecord } from './members-store.js';
import { CodeBrake } from './code-brake.js';
import type { Auth } from './http/auth.js';
import { parse } from './http/body.js';
import { HttpError } from './http/errors.js';
import type { RouteRequest } from './http/router.js';
import { RateLimiter } from './rate-limit.js';
import { sendJson as send } from './respond.js';
import type { Room } from './room.js';
import type { Storage } from './storage.js';

export interface MemberRouteDeps {
  storage: Storage;
  auth: Pick<Auth, 'facilitatorRoom' | 'participantRoom'>;
  readJson(req: IncomingMessage): Promise<unknown>;
  clientAddress(req: IncomingMessage): string;
  /** The join address a phone opens for this join code (PUBLIC_URL or the LAN address). */
  joinUrl(req: IncomingMessage, joinCode: string): string;
  /** Wrong card codes: a few at once, then this many a minute, per address and per phone. */
  cardBurst?: number;
  cardsPerMinute?: number;
}

const Name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MEMBER_NAME_MAX));
const Party = v.pipe(v.string(), v.trim(), v.maxLength(MEMBER_PARTY_MAX));
/** Either the minutes' lines pasted as they are, or members one by one. */
const AddBody = v.union([
  v.strictObject({ text: v.pipe(v.string(), v.maxLength(20_000)) }),
  v.strictObject({ members: v.pipe(v.array(v.strictObject({ name: Name, party: v.optional(Party, '') })), v.maxLength(MEMBERS_MAX)) }),
]);
const EditBody = v.strictObject({ name: Name, party: v.optional(Party, '') });
const PrintBody = v.strictObject({ members: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(MEMBERS_MAX))) });
const ClaimBody = v.strictObject({ code: v.pipe(v.string(), v.maxLength(64)) });

export function memberRoutes(deps: MemberRouteDeps) {
  const { storage } = deps;
  const burst = deps.cardBurst ?? 5;
  const perSecond = (deps.cardsPerMinute ?? 5) / 60;
  // As the join code's brake: checked before the lookup, paid for by a miss; a right card never waits.
  // Per address and server-wide as the join code's brake (server/code-brake.ts): the server-wide allowance
  // holds back only addresses that have missed, so guessers cannot lock honest members out of their cards.
  const brake = new CodeBrake({
    addressBurst: burst * 2,
    addressPerMinute: perSecond * 60 * 2,
    serverBurst: burst * 20,
    serverPerMinute: perSecond * 60 * 20,
  });
  const byPhone = new RateLimiter(burst, perSecond);

  async function views(roomId: string): Promise<MemberView[]> {
    const members = await storage.members.listMembers(roomId);
    const turnout = await storage.members.listTurnout(roomId);
    return members.map((m) => ({
      id: m.id,
      name: m.name,
      party: m.party,
      label: memberLabel(m),
      generation: m.generation,
      claimed: m.participantId !== null,
      checkedIn: m.checkedInAt !== null,
      voted: turnout.filter((t) => t.memberId === m.id).map((t) => t.activity),
    }));
  }

  async function listing(room: Room) {
    const members = await views(room.id);
    const turnout: Record<string, { voted: number; eligible: number }> = {};
    for (const def of room.manifest.activities) {
      if (def.membersOnly) turnout[def.id] = { voted: room.activityState(def.id).answered, eligible: members.length };
    }
    return { members, turnout };
  }

  /** New codes for these members: issuing is printing, so the sheet made now holds the only valid cards. */
  async function issue(room: Room, members: MemberRecord[], req: IncomingMessage): Promise<PrintedCard[]> {
    const cards: PrintedCard[] = [];
    for (const m of members) {
      const code = newCardCode();
      const updated = await storage.members.reissueCard(room.id, m.id, cardHash(room.id, code));
      if (!updated) continue;
      cards.push({
        label: memberLabel(updated),
        code,
        generation: updated.generation,
        url: `${deps.joinUrl(req, room.record.joinCode)}?card=${code}`,
      });
    }
    return cards;
  }

  type RoomRequest = RouteRequest<{ readonly roomId: string }>;
  type MemberRequest = RouteRequest<{ readonly roomId: string; readonly memberId: string }>;
  const facilitatorRoom = (r: RoomRequest) => deps.auth.facilitatorRoom(r.req, r.params.roomId);
  const json = (r: RouteRequest) => deps.readJson(r.req);
  const unknownMember = () => new HttpError(404, 'unknown_member', 'Medlemmet findes ikke i dette rum.');

  return {
    /** GET /api/rooms/<roomId>/members */
    async list(r: RoomRequest): Promise<void> {
      send(r.res, 200, await listing(await facilitatorRoom(r)));
    },

    /** POST /api/rooms/<roomId>/members */
    async add(r: RoomRequest): Promise<void> {
      const room = await facilitatorRoom(r);
      const body = parse(AddBody, await json(r));
      const lines: MemberLine[] =
        'text' in body ? parseMemberLines(body.text) : body.members.map((m) => ({ name: m.name, party: m.party }));
      if (lines.length === 0)
        throw new HttpError(400, 'invalid_request', 'Skriv ét medlem pr. linje som i referatet, fx "Jørgen Bech (V)".');
      const existing = await storage.members.listMembers(room.id);
      if (existing.length + lines.length > MEMBERS_MAX) {
        throw new HttpError(400, 'invalid_request', `Et rum kan højst have ${MEMBERS_MAX} medlemmer (har ${existing.length}).`);
      }
      // Every member gets a card at once; the codes are in this answer only (the sheet reissues on print).
      const made = lines.map((l) => ({ ...l, id: randomUUID(), code: newCardCode() }));
      await storage.members.addMembers(
        room.id,
        made.map((m) => ({ id: m.id, name: m.name, party: m.party, cardHash: cardHash(room.id, m.code) })),
        Date.now(),
      );
      await room.secret.refreshMembers();
      const cards = made.map((m) => ({ id: m.id, label: memberLabel(m), code: m.code }));
      send(r.res, 201, { ...(await listing(room)), cards });
    },

    /** POST /api/rooms/<roomId>/members/print: the printable sheet, with new codes for the chosen cards. */
    async print(r: RoomRequest): Promise<void> {
      const room = await facilitatorRoom(r);
      const body = parse(PrintBody, await json(r));
      const all = await storage.members.listMembers(room.id);
      // Without a list: every card not yet in use, so printing again never voids a card a member holds.
      const chosen = body.members ? all.filter((m) => body.members!.includes(m.id)) : all.filter((m) => m.participantId === null);
      const cards = await issue(room, chosen, r.req);
      const html = cardSheetHtml({ title: room.manifest.title, joinCode: room.record.joinCode, cards });
      r.res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(html),
        'cache-control': 'no-store',
        // The sheet holds live codes: nothing on it runs, nothing is fetched from elsewhere.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      });
      r.res.end(html);
    },

    /** PATCH /api/rooms/<roomId>/members/<memberId> */
    async edit(r: MemberRequest): Promise<void> {
      const room = await facilitatorRoom(r);
      const body = parse(EditBody, await json(r));
      if (!(await storage.members.updateMember(room.id, r.params.memberId, body))) throw unknownMember();
      send(r.res, 200, await listing(room));
    },

    /** DELETE /api/rooms/<roomId>/members/<memberId> */
    async remove(r: MemberRequest): Promise<void> {
      const room = await facilitatorRoom(r);
      const result = await storage.members.removeMember(room.id, r.params.memberId);
      if (result === 'unknown') throw unknownMember();
      if (result === 'voted') {
        throw new HttpError(
          409,
          'already_voted',
          'Medlemmet har allerede stemt og kan ikke fjernes, så optællingen passer. Genudsted kortet, hvis det er blevet væk.',
        );
      }
      await room.secret.refreshMembers();
      send(r.res, 200, await listing(room));
    },

    /** POST /api/rooms/<roomId>/members/<memberId>/reissue */
    async reissue(r: MemberRequest): Promise<void> {
      const room = await facilitatorRoom(r);
      const member = (await storage.members.listMembers(room.id)).find((m) => m.id === r.params.memberId);
      if (!member) throw unknownMember();
      const [card] = await issue(room, [member], r.req);
      send(r.res, 200, { card: { id: member.id, ...card }, ...(await listing(room)) });
    },

    /** Any other call under /api/rooms/<roomId>/members: the key is checked before the call is said not to exist. */
    async unknown(r: RouteRequest<{ readonly roomId: string; readonly rest: string }>): Promise<void> {
      await facilitatorRoom(r);
      const tail = r.params.rest ? `members/${r.params.rest}` : 'members';
      throw new HttpError(404, 'not_found', `Ingen sådan handling: ${r.req.method ?? 'GET'} ${tail}`);
    },

    /** GET /api/rooms/<roomId>/card: the phone's own card, or null. */
    async card(r: RoomRequest): Promise<void> {
      const { room, participantId } = await deps.auth.participantRoom(r.req, r.params.roomId);
      send(r.res, 200, { card: (await room.secret.cardOf(participantId)) ?? null });
    },

    /** POST /api/rooms/<roomId>/card: a phone claims the card whose code it was given. */
    async claim(r: RoomRequest): Promise<void> {
      const { req, res } = r;
      const { room, participantId } = await deps.auth.participantRoom(req, r.params.roomId);
      const body = parse(ClaimBody, await json(r));
      const address = deps.clientAddress(req);
      const verdict = brake.check(address);
      const wait = !verdict.ok ? verdict.retryAfter : byPhone.ready(participantId) ? 0 : Math.max(1, byPhone.waitSeconds(participantId));
      if (wait > 0)
        throw new HttpError(429, 'rate_limited', 'For mange forkerte stemmekort-koder. Vent lidt, og tjek koden på dit kort.', wait);
      const code = normaliseCardCode(body.code);
      const member = CARD_PATTERN.test(code) ? await storage.members.memberByCard(room.id, cardHash(room.id, code)) : undefined;
      if (!member) {
        brake.miss(address);
        byPhone.take(participantId);
        throw new HttpError(
          404,
          'unknown_card',
          'Koden passer ikke til et stemmekort i dette rum. Tjek koden på dit kort (8 tegn, fx ABCD-EFGH).',
        );
      }
      const mine = await storage.members.memberOfParticipant(room.id, participantId);
      if (mine && mine.id !== member.id) {
        throw new HttpError(
          409,
          'card_taken',
          `Denne telefon stemmer allerede med ${memberLabel(mine)}s kort. Én telefon bruger ét stemmekort.`,
        );
      }
      const claimed = await storage.members.claimCard(room.id, member.id, participantId, Date.now());
      if (claimed === 'taken') {
        throw new HttpError(
          409,
          'card_taken',
          'Stemmekortet bruges allerede på en anden telefon. Er det dit, og er telefonen blevet væk, så bed mødelederen om et nyt kort.',
        );
      }
      send(res, 200, { card: await room.secret.cardOf(participantId) });
    },

    /** Any other method on /api/rooms/<roomId>/card, after the ticket is checked. */
    async cardMethod(r: RoomRequest): Promise<void> {
      await deps.auth.participantRoom(r.req, r.params.roomId);
      throw new HttpError(405, 'method_not_allowed', 'Brug GET eller POST.');
    },
  };
}
