// HTTP routes for members and voting cards: the facilitator's list, printing and reissuing cards, a phone claiming its card.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { describeIssues, type ErrorCode, type MemberView } from '../core/wire.js';
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
import { RateLimiter } from './rate-limit.js';
import { sendJson as send } from './respond.js';
import type { Room } from './room.js';
import type { Storage } from './storage.js';

export interface MemberRouteDeps {
  storage: Storage;
  facilitatorRoom(req: IncomingMessage, roomId: string): Promise<Room>;
  participantRoom(req: IncomingMessage, roomId: string): Promise<{ room: Room; participantId: string }>;
  readJson(req: IncomingMessage): Promise<unknown>;
  clientAddress(req: IncomingMessage): string;
  /** The join address a phone opens for this join code (PUBLIC_URL or the LAN address). */
  joinUrl(req: IncomingMessage, joinCode: string): string;
  /** Wrong card codes: a few at once, then this many a minute, per address and per phone. */
  cardBurst?: number;
  cardsPerMinute?: number;
}

class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
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

function parse<const T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, body);
  if (!result.success) throw new RouteError(400, 'invalid_request', describeIssues(result.issues));
  return result.output;
}

export interface MemberRoutes {
  /** Whether this route is ours: `members…` (facilitator) or `card` (phone). */
  owns(tail: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, roomId: string, tail: string): Promise<void>;
}

export function memberRoutes(deps: MemberRouteDeps): MemberRoutes {
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

  async function facilitator(req: IncomingMessage, res: ServerResponse, roomId: string, tail: string): Promise<void> {
    const method = req.method ?? 'GET';
    const room = await deps.facilitatorRoom(req, roomId);
    const parts = tail.split('/');
    if (tail === 'members' && method === 'GET') return send(res, 200, await listing(room));
    if (tail === 'members' && method === 'POST') {
      const body = parse(AddBody, await deps.readJson(req));
      const lines: MemberLine[] =
        'text' in body ? parseMemberLines(body.text) : body.members.map((m) => ({ name: m.name, party: m.party }));
      if (lines.length === 0)
        throw new RouteError(400, 'invalid_request', 'Skriv ét medlem pr. linje som i referatet, fx "Jørgen Bech (V)".');
      const existing = await storage.members.listMembers(room.id);
      if (existing.length + lines.length > MEMBERS_MAX) {
        throw new RouteError(400, 'invalid_request', `Et rum kan højst have ${MEMBERS_MAX} medlemmer (har ${existing.length}).`);
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
      return send(res, 201, { ...(await listing(room)), cards });
    }
    if (tail === 'members/print' && method === 'POST') {
      const body = parse(PrintBody, await deps.readJson(req));
      const all = await storage.members.listMembers(room.id);
      // Without a list: every card not yet in use, so printing again never voids a card a member holds.
      const chosen = body.members ? all.filter((m) => body.members!.includes(m.id)) : all.filter((m) => m.participantId === null);
      const cards = await issue(room, chosen, req);
      const html = cardSheetHtml({ title: room.manifest.title, joinCode: room.record.joinCode, cards });
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(html),
        'cache-control': 'no-store',
        // The sheet holds live codes: nothing on it runs, nothing is fetched from elsewhere.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      });
      res.end(html);
      return;
    }
    if (parts[0] === 'members' && parts.length === 2 && parts[1]) {
      const id = parts[1];
      if (method === 'PATCH') {
        const body = parse(EditBody, await deps.readJson(req));
        if (!(await storage.members.updateMember(room.id, id, body)))
          throw new RouteError(404, 'unknown_member', 'Medlemmet findes ikke i dette rum.');
        return send(res, 200, await listing(room));
      }
      if (method === 'DELETE') {
        const result = await storage.members.removeMember(room.id, id);
        if (result === 'unknown') throw new RouteError(404, 'unknown_member', 'Medlemmet findes ikke i dette rum.');
        if (result === 'voted') {
          throw new RouteError(
            409,
            'already_voted',
            'Medlemmet har allerede stemt og kan ikke fjernes, så optællingen passer. Genudsted kortet, hvis det er blevet væk.',
          );
        }
        await room.secret.refreshMembers();
        return send(res, 200, await listing(room));
      }
    }
    if (parts[0] === 'members' && parts.length === 3 && parts[2] === 'reissue' && method === 'POST') {
      const member = (await storage.members.listMembers(room.id)).find((m) => m.id === parts[1]);
      if (!member) throw new RouteError(404, 'unknown_member', 'Medlemmet findes ikke i dette rum.');
      const [card] = await issue(room, [member], req);
      return send(res, 200, { card: { id: member.id, ...card }, ...(await listing(room)) });
    }
    throw new RouteError(404, 'not_found', `Ingen sådan handling: ${method} ${tail}`);
  }

  async function phone(req: IncomingMessage, res: ServerResponse, roomId: string): Promise<void> {
    const method = req.method ?? 'GET';
    const { room, participantId } = await deps.participantRoom(req, roomId);
    if (method === 'GET') return send(res, 200, { card: (await room.secret.cardOf(participantId)) ?? null });
    if (method !== 'POST') throw new RouteError(405, 'method_not_allowed', 'Brug GET eller POST.');
    const body = parse(ClaimBody, await deps.readJson(req));
    const address = deps.clientAddress(req);
    const verdict = brake.check(address);
    const wait = !verdict.ok ? verdict.retryAfter : byPhone.ready(participantId) ? 0 : Math.max(1, byPhone.waitSeconds(participantId));
    if (wait > 0)
      throw new RouteError(429, 'rate_limited', 'For mange forkerte stemmekort-koder. Vent lidt, og tjek koden på dit kort.', wait);
    const code = normaliseCardCode(body.code);
    const member = CARD_PATTERN.test(code) ? await storage.members.memberByCard(room.id, cardHash(room.id, code)) : undefined;
    if (!member) {
      brake.miss(address);
      byPhone.take(participantId);
      throw new RouteError(
        404,
        'unknown_card',
        'Koden passer ikke til et stemmekort i dette rum. Tjek koden på dit kort (8 tegn, fx ABCD-EFGH).',
      );
    }
    const mine = await storage.members.memberOfParticipant(room.id, participantId);
    if (mine && mine.id !== member.id) {
      throw new RouteError(
        409,
        'card_taken',
        `Denne telefon stemmer allerede med ${memberLabel(mine)}s kort. Én telefon bruger ét stemmekort.`,
      );
    }
    const claimed = await storage.members.claimCard(room.id, member.id, participantId, Date.now());
    if (claimed === 'taken') {
      throw new RouteError(
        409,
        'card_taken',
        'Stemmekortet bruges allerede på en anden telefon. Er det dit, og er telefonen blevet væk, så bed mødelederen om et nyt kort.',
      );
    }
    return send(res, 200, { card: await room.secret.cardOf(participantId) });
  }

  return {
    owns: (tail) => tail === 'card' || tail === 'members' || tail.startsWith('members/'),
    async handle(req, res, roomId, tail) {
      try {
        if (tail === 'card') await phone(req, res, roomId);
        else await facilitator(req, res, roomId, tail);
      } catch (err) {
        if (!(err instanceof RouteError)) throw err;
        if (err.retryAfter) res.setHeader('retry-after', String(err.retryAfter));
        send(res, err.status, { error: { code: err.code, message: err.message } });
      }
    },
  };
}
