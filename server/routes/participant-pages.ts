// The phone's pages: /j/<code> with the current activity as a form and the app's boot record, its no-JavaScript vote, and the join page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { msg, str } from '@lit/localize';
import { JOIN_CODE_PATTERN, normaliseJoinCode, type ParticipantBoot } from '../../core/wire.js';
import { readForm } from '../http/body.js';
import { tooMany } from '../http/errors.js';
import type { RouteRequest } from '../http/router.js';
import { inLocale, pageLocale } from '../i18n.js';
import {
  formBallot,
  injectParticipantPage,
  joinFallback,
  participantCookie,
  refusalText,
  renderFallback,
  unknownCodeFallback,
  type PageState,
} from '../participant-page.js';
import type { RouteContext } from './context.js';
import type { Joining, Opened } from './join.js';

type CodeRequest = RouteRequest<{ readonly code: string }>;

/** A vote from the form keeps the phone's intent id when it is one, so a resent form counts once. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function participantPages(
  { config, rooms, pages, site, limits }: Pick<RouteContext, 'config' | 'rooms' | 'pages' | 'site' | 'limits'>,
  { openCode, newParticipant, brakeText }: Joining,
) {
  /** The join page with the server-rendered form for a code, in the phone's language. */
  function joinPage(req: IncomingMessage, res: ServerResponse, fallback: () => string, status = 200): Promise<void> {
    const locale = pageLocale(req);
    return pages.page('join', req, res, {
      status,
      transform: (html) => inLocale(locale, () => injectParticipantPage(html, fallback(), undefined, locale)),
    });
  }

  /** The join page saying what stopped the code. */
  async function codePage(
    req: IncomingMessage,
    res: ServerResponse,
    code: string,
    opened: Exclude<Opened, { kind: 'room' }>,
  ): Promise<void> {
    if (opened.kind === 'braked') {
      res.setHeader('retry-after', String(opened.retryAfter));
      return await joinPage(req, res, () => joinFallback(code, brakeText(opened)), 429);
    }
    // The app says what is wrong and offers to type another code.
    return await joinPage(req, res, () => unknownCodeFallback(code), 404);
  }

  /**
   * With several processes (docs/deploy.md) a room is served by one of them, and the proxy finds it by the room id
   * in the address. A code's page names no room, so the first answer sends the phone on to the same page with the
   * room id (`?rum=`); any process answers that redirect without loading the room. Answers whether it did.
   */
  function sentToRoom(req: IncomingMessage, res: ServerResponse, code: string, roomId: string): boolean {
    if (!rooms.clustered) return false;
    if (new URL(req.url ?? '/', 'http://x').searchParams.get('rum') === roomId) return false;
    res.writeHead(307, { location: roomAddress(code, roomId), 'cache-control': 'no-store' });
    res.end();
    return true;
  }

  function roomAddress(code: string, roomId: string): string {
    return rooms.clustered ? `/j/${code}?rum=${encodeURIComponent(roomId)}` : `/j/${code}`;
  }

  /** The participant page for a code: the current activity as a form, and the app's boot record. */
  async function participantPage(
    req: IncomingMessage,
    res: ServerResponse,
    code: string,
    known?: Opened,
    message?: PageState['message'],
    status = 200,
  ): Promise<void> {
    const opened = known ?? (await openCode(req, code));
    if (opened.kind !== 'room') return await codePage(req, res, code, opened);
    if (sentToRoom(req, res, code, opened.record.id)) return;
    const room = await rooms.get(opened.record.id);
    if (!room) return await codePage(req, res, code, { kind: 'unknown' });
    const me = opened.me;
    const ballots = me ? room.ballotsOf(me.id) : {};
    const boot: ParticipantBoot = {
      code,
      manifest: room.manifest,
      ...(me ? { session: { roomId: room.id, token: me.token, ballots, boards: room.boards.of(me.id) } } : {}),
    };
    const locale = pageLocale(req);
    const fallback = inLocale(locale, () => renderFallback({ code, room, ballots, ...(message ? { message } : {}) }));
    return await pages.page('join', req, res, {
      status,
      transform: (html) => inLocale(locale, () => injectParticipantPage(html, fallback, boot, locale)),
    });
  }

  /** A vote from the server-rendered form, for a phone whose JavaScript has not (yet) run. */
  async function formVote(req: IncomingMessage, res: ServerResponse, code: string): Promise<void> {
    const form = await readForm(req, config.maxBodyBytes);
    const opened = await openCode(req, code);
    if (opened.kind !== 'room') return await codePage(req, res, code, opened);
    if (sentToRoom(req, res, code, opened.record.id)) return;
    const room = await rooms.get(opened.record.id);
    if (!room) return await codePage(req, res, code, { kind: 'unknown' });
    const locale = pageLocale(req);
    const refused = (reason: string) => inLocale(locale, () => msg(str`Stemmen blev ikke modtaget: ${reason}`));
    // A form that cannot count makes no participant: the checks come before the phone is given one.
    const def = room.activity(form.get('activity') ?? '');
    if (!def) {
      const text = inLocale(locale, () => msg('Afstemningen findes ikke (længere).'));
      return await participantPage(req, res, code, opened, { kind: 'rejected', text }, 404);
    }
    const ballot = inLocale(locale, () => formBallot(def, form));
    if (!ballot.ok) return await participantPage(req, res, code, opened, { kind: 'rejected', text: refused(ballot.message) }, 400);
    let me = opened.me;
    if (!me) {
      me = await newParticipant(req, opened.record);
      res.setHeader('set-cookie', participantCookie(me.token, code, site.secure(req), config.retentionDays));
    }
    const known: Opened = { kind: 'room', record: opened.record, me };
    if (!limits.intents.take(me.id)) tooMany(1, 'For mange handlinger på kort tid. Vent et øjeblik og prøv igen.');
    const intentId = form.get('intent') ?? '';
    const id = UUID.test(intentId) ? intentId : crypto.randomUUID();
    const answer = await room.castBallot(me.id, { id, type: 'ballot', activity: def.id, ballot: ballot.ballot });
    if (answer.status === 200) {
      // Post/redirect/get: a reload shows the stored vote and never sends it again.
      res.writeHead(303, { location: roomAddress(code, room.id), 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const error = (answer.body as { error?: { code?: string; message?: string } }).error;
    const reason = inLocale(locale, () => refusalText(locale, error?.code ?? 'internal', error?.message ?? 'ukendt fejl'));
    return await participantPage(req, res, code, known, { kind: 'rejected', text: refused(reason) }, answer.status);
  }

  return {
    /** GET /j/<code>: the participant page; a path that is no code gets the plain join page. */
    async page({ req, res, params }: CodeRequest): Promise<void> {
      const code = normaliseJoinCode(params.code);
      if (JOIN_CODE_PATTERN.test(code)) return await participantPage(req, res, code);
      return await joinPage(req, res, () => joinFallback());
    },

    /** For POST /j/<code>: a path that is no code is no route (405 like any other POST). */
    isCode: (_url: URL, params: { readonly code: string }) => JOIN_CODE_PATTERN.test(normaliseJoinCode(params.code)),

    /** POST /j/<code>: the form's vote. */
    async vote({ req, res, params }: CodeRequest): Promise<void> {
      limits.admit(req);
      return await formVote(req, res, normaliseJoinCode(params.code));
    },

    /** For GET /j: only with a code (without one it is an unknown page). */
    hasCode: (url: URL) => url.searchParams.has('code'),

    /**
     * GET /j?code=…: the join page's own form, for a phone whose JavaScript has not arrived. Answered here
     * rather than redirected to /j/<code>: on a slow link a redirect costs another round trip.
     */
    async typed({ req, res, url }: RouteRequest): Promise<void> {
      const code = normaliseJoinCode(url.searchParams.get('code') ?? '');
      if (JOIN_CODE_PATTERN.test(code)) return await participantPage(req, res, code);
      const typed = (url.searchParams.get('code') ?? '').slice(0, 32);
      return await joinPage(req, res, () => joinFallback(typed, msg('Koden består af 6 cifre, fx 123 456.')), 400);
    },

    /** GET /join: the join page, where a code is typed. */
    async join({ req, res }: RouteRequest): Promise<void> {
      return await joinPage(req, res, () => joinFallback());
    },
  };
}
