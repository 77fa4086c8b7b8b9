// Joining with a code: the one door every join code passes (the code brake), a new participant per phone, and POST /api/join.
import type { IncomingMessage } from 'node:http';
import { msg } from '@lit/localize';
import { JOIN_CODE_PATTERN, JoinBody, normaliseJoinCode, type JoinResponse } from '../../core/wire.js';
import type { BrakeVerdict } from '../code-brake.js';
import { parse, readJson } from '../http/body.js';
import { HttpError, tooMany } from '../http/errors.js';
import type { RouteRequest } from '../http/router.js';
import { cookieToken, participantCookie } from '../participant-page.js';
import { sendJson } from '../respond.js';
import type { RoomRecord } from '../storage.js';
import type { RouteContext } from './context.js';

export type Opened =
  | { kind: 'room'; record: RoomRecord; me?: { id: string; token: string } }
  | { kind: 'unknown' }
  | ({ kind: 'braked' } & Extract<BrakeVerdict, { ok: false }>);

export interface Joining {
  /**
   * Every path that takes a join code (`POST /api/join`, `GET`/`HEAD /j/<code>`, `/j?code=`, `POST /j/<code>`)
   * comes through here. A phone that belongs to the room (its cookie) goes straight in: its token is 192
   * bits, no guess. Anyone else meets the code brake *before* the lookup, so once it has fired a right code
   * waits like a wrong one, and a wrong code is paid for by the address and the server. Nothing is loaded.
   */
  openCode(req: IncomingMessage, code: string): Promise<Opened>;
  /** A participant for a phone that has none in this room yet; limited per address (one script, many voters). */
  newParticipant(req: IncomingMessage, record: RoomRecord): Promise<{ id: string; token: string }>;
  /** What the brake says to the person waiting, in the current locale. */
  brakeText(b: { scope: 'address' | 'server' }): string;
  /** POST /api/join */
  join(r: RouteRequest): Promise<void>;
}

export function joining({ config, rooms, site, limits }: Pick<RouteContext, 'config' | 'rooms' | 'site' | 'limits'>): Joining {
  async function openCode(req: IncomingMessage, code: string): Promise<Opened> {
    const token = cookieToken(req, code);
    const p = token ? await rooms.participant(token) : undefined;
    if (p && token) {
      const record = await rooms.record(p.roomId);
      if (record?.joinCode === code) return { kind: 'room', record, me: { id: p.id, token } };
    }
    const address = site.clientAddress(req);
    const verdict = limits.codeBrake.check(address);
    if (!verdict.ok) return { kind: 'braked', ...verdict };
    const record = await rooms.byCode(code);
    if (!record) {
      limits.codeBrake.miss(address);
      return { kind: 'unknown' };
    }
    return { kind: 'room', record };
  }

  function brakeText(b: { scope: 'address' | 'server' }): string {
    return b.scope === 'address'
      ? msg('For mange forkerte koder fra denne adresse. Vent lidt, og tjek koden på skærmen.')
      : msg('Serveren har fået mange forkerte koder på det seneste. Vent et øjeblik, og prøv igen.');
  }

  async function newParticipant(req: IncomingMessage, record: RoomRecord): Promise<{ id: string; token: string }> {
    const address = site.clientAddress(req);
    if (!limits.joins.take(address)) {
      tooMany(
        Math.max(1, limits.joins.waitSeconds(address)),
        'Der er kommet mange nye deltagere fra denne adresse på kort tid. Vent et øjeblik og prøv igen.',
      );
    }
    const joined = await rooms.join(record.id);
    if (!joined) throw new HttpError(404, 'unknown_code', 'Rummet findes ikke længere.');
    return { id: joined.participant.id, token: joined.participantToken };
  }

  return {
    openCode,
    newParticipant,
    brakeText,
    async join({ req, res }) {
      const body = parse(JoinBody, await readJson(req, config.maxBodyBytes));
      const code = normaliseJoinCode(body.code);
      if (!JOIN_CODE_PATTERN.test(code)) throw new HttpError(400, 'invalid_request', 'Koden består af 6 cifre.');
      const opened = await openCode(req, code);
      if (opened.kind === 'braked') tooMany(opened.retryAfter, brakeText(opened));
      if (opened.kind === 'unknown') throw new HttpError(404, 'unknown_code', `Der er intet rum med koden ${code}. Tjek koden på skærmen.`);
      // A browser that already joined (its cookie) stays the same participant: a reload or a second join
      // is one person, not another vote.
      const me = opened.me ?? (await newParticipant(req, opened.record));
      const answer: JoinResponse = { roomId: opened.record.id, participantToken: me.token };
      res.setHeader('set-cookie', participantCookie(me.token, code, site.secure(req), config.retentionDays));
      sendJson(res, 200, answer);
    },
  };
}
