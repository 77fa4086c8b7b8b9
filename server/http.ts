// HTTP wiring: routes of the wire contract, static pages; the /sync upgrade is handed to server/socket.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { timingSafeEqual } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sirv from 'sirv';
import * as v from 'valibot';
import type { DeckManifest, DeckSummary } from '../core/deck.js';
import {
  AnyControlBody,
  CreateRoomBody,
  IntentBody,
  JoinBody,
  describeIssues,
  type CreateRoomResponse,
  type ErrorCode,
  type JoinResponse,
  JOIN_CODE_PATTERN,
  normaliseJoinCode,
  openingCode,
  type MeResponse,
  type ParticipantBoot,
  type RoomInfo,
} from '../core/wire.js';
import type { Config } from './config.js';
import type { LoadedDeck } from './deck-manifest.js';
import { ExportError, exportRoom } from './export/index.js';
import { ExportGate } from './export/gate.js';
import './export/formats.js';
import { clientAddress as addressOf } from './client-address.js';
import { CodeBrake, type BrakeVerdict } from './code-brake.js';
import { contentSecurityPolicy } from './csp.js';
import { RateLimiter } from './rate-limit.js';
import { sendJson } from './respond.js';
import { memberRoutes } from './members-routes.js';
import type { Room } from './room.js';
import { NoFreeCodeError, hashSecret, type CreatedRoom, type Rooms } from './rooms.js';
import type { RoomRecord } from './storage.js';
import { inLocale, pageLocale } from './i18n.js';
import { msg, str } from '@lit/localize';
import { StorageError } from './storage.js';
import {
  cookieToken,
  formBallot,
  injectParticipantPage,
  joinFallback,
  participantCookie,
  refusalText,
  renderFallback,
  unknownCodeFallback,
  type PageState,
} from './participant-page.js';
import { createSyncSockets } from './socket.js';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

/** Compares a presented secret with the expected one in constant time (by their hashes, so lengths do not leak). */
function sameSecret(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(Buffer.from(hashSecret(presented), 'hex'), Buffer.from(hashSecret(expected), 'hex'));
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

/** A request body within the size limit: a declared length over it is refused before reading a byte. */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    throw new HttpError(413, 'body_too_large', `Forespørgslen er for stor (højst ${limit} bytes).`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'body_too_large', `Forespørgslen er for stor (højst ${limit} bytes).`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type && !/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send JSON med Content-Type: application/json.');
  }
  const text = await readBody(req, limit);
  if (text.trim() === '') throw new HttpError(400, 'bad_json', 'Forespørgslen mangler en JSON-krop.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'bad_json', 'Forespørgslens krop er ikke gyldig JSON.');
  }
}

/** An HTML form's body (application/x-www-form-urlencoded), within the size limit. */
async function readForm(req: IncomingMessage, limit: number): Promise<URLSearchParams> {
  const type = req.headers['content-type'];
  if (!type || !/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send formularen som application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(await readBody(req, limit));
}

function parse<const T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, body);
  if (!result.success) throw new HttpError(400, 'invalid_request', describeIssues(result.issues));
  return result.output;
}

/** The first non-internal IPv4 address: what a phone on the same Wi-Fi can reach. */
export function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

export interface HttpDeps {
  config: Config;
  rooms: Rooms;
  decks: ReadonlyMap<string, LoadedDeck>;
  /** Serves the built (or, in development, Vite-served) pages; returns false when nothing matched. */
  pages: PageServer;
  log: (message: string) => void;
}

export interface PageOptions {
  /** Rewrites the page before it is sent (the participant page's server-rendered part). */
  transform?: (html: string) => string;
  status?: number;
  /** False for pages served by Vite in development, whose client runs inline. */
  csp?: boolean;
}

export interface PageServer {
  page(name: 'index' | 'join' | 'present', req: IncomingMessage, res: ServerResponse, options?: PageOptions): Promise<void>;
  asset(req: IncomingMessage, res: ServerResponse, next: () => void): void;
}

export function staticPages(distDir: string): PageServer {
  const serveAssets = () => sirv(distDir, { etag: true, gzip: false, immutable: true, dotfiles: false });
  let assets = serveAssets();
  const cache = new Map<string, string>();
  // sirv lists the files once and the pages are cached, so a rebuild under a running server would leave
  // pages pointing at deleted assets and new assets unserved. At most once a second, look whether the
  // build changed (its pages' time stamps) and start afresh if it did.
  const stamp = () =>
    ['index', 'join', 'present'].map((n) => statSync(join(distDir, `${n}.html`), { throwIfNoEntry: false })?.mtimeMs ?? 0).join();
  let build = stamp();
  let checkedAt = Date.now();
  const fresh = () => {
    const now = Date.now();
    if (now - checkedAt < 1000) return;
    checkedAt = now;
    const next = stamp();
    if (next === build) return;
    build = next;
    cache.clear();
    assets = serveAssets();
  };
  return {
    async page(name, _req, res, options = {}) {
      fresh();
      let html = cache.get(name);
      if (html === undefined) {
        html = await readFile(join(distDir, `${name}.html`), 'utf8');
        cache.set(name, html);
      }
      sendPage(res, html, options);
    },
    asset(req, res, next) {
      // A rebuild replaces hashed asset files; one that vanished is a 404, never a crash of the server.
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        return next();
      }
      if (path !== '/' && (path.includes('\0') || !existsSync(join(distDir, path)))) return next();
      fresh();
      assets(req, res, next);
    },
  };
}

/** Headers every answer carries: no type sniffing, no address leaking to other sites, no framing elsewhere. */
export function securityHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  // Not "no-referrer": under it a browser sends `Origin: null` with the page's own form posts, which the
  // cross-site check must refuse. "same-origin" keeps the address (and the code in it) from other sites.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'SAMEORIGIN');
}

/** A page, rewritten if asked; a rewritten page holds someone's own state and is never cached. */
export function sendPage(res: ServerResponse, html: string, options: PageOptions = {}): void {
  const body = options.transform ? options.transform(html) : html;
  res.writeHead(options.status ?? 200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': options.transform ? 'no-store' : 'no-cache',
    'content-length': Buffer.byteLength(body),
    ...(options.csp === false ? {} : { 'content-security-policy': contentSecurityPolicy() }),
  });
  res.end(body);
}

export interface RadslagHttp {
  server: Server;
  /** Disconnects every WebSocket client. */
  closeSockets(): void;
}

export function createHttp(deps: HttpDeps): RadslagHttp {
  const { config, rooms, decks, pages, log } = deps;
  const limiter = new RateLimiter(config.intentBurst, config.intentRate);
  const addressLimiter = new RateLimiter(config.addressBurst, config.addressRate);
  const noteLimiter = new RateLimiter(config.noteBurst, config.notesPerMinute / 60);
  // Notes per address too: a script's many participants share one allowance (a room behind one NAT writes
  // far fewer notes a minute than this).
  const addressNoteLimiter = new RateLimiter(config.addressNoteBurst, config.addressNotesPerMinute / 60);
  const codeBrake = new CodeBrake({
    addressBurst: config.joinFailureBurst,
    addressPerMinute: config.joinFailuresPerMinute,
    serverBurst: config.serverJoinFailureBurst,
    serverPerMinute: config.serverJoinFailuresPerMinute,
  });
  const joinsByAddress = new RateLimiter(config.joinBurst, config.joinsPerMinute / 60);
  const roomsByAddress = new RateLimiter(config.roomCreateBurst, config.roomsPerHourPerAddress / 3600);
  const roomsOnServer = new RateLimiter(Math.max(1, Math.ceil(config.roomsPerHour / 10)), config.roomsPerHour / 3600);
  // One cap for the whole server: each PDF or PNG export is a Chromium of its own.
  const exportGate = new ExportGate({ running: config.exportConcurrency, queued: config.exportQueue, timeoutMs: config.exportTimeoutMs });

  /** The client's address; behind a reverse proxy (TRUST_PROXY) the first X-Forwarded-For entry. */
  /** The client's address as every per-address limit counts it (server/client-address.ts). */
  const clientAddress = (req: IncomingMessage): string => addressOf(req, config.trustProxy);

  function tooMany(res: ServerResponse, seconds: number, message: string): never {
    res.setHeader('retry-after', String(seconds));
    throw new HttpError(429, 'rate_limited', message);
  }
  const deckList: DeckSummary[] = [...decks.values()].map((d) => ({ id: d.manifest.id, title: d.manifest.title }));

  /** This server's address as the browser sees it: PUBLIC_URL, or the Host (and, behind a proxy, its scheme). */
  function origin(req: IncomingMessage): string {
    if (config.publicUrl) return config.publicUrl;
    const forwarded = config.trustProxy
      ? String(req.headers['x-forwarded-proto'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    const scheme = forwarded === 'https' ? 'https' : 'http';
    return `${scheme}://${req.headers.host ?? `localhost:${config.port}`}`;
  }

  /** Phones cannot reach "localhost": use PUBLIC_URL, else the machine's LAN address. */
  function joinOrigin(req: IncomingMessage): string {
    if (config.publicUrl) return config.publicUrl;
    const host = req.headers.host ?? '';
    if (LOOPBACK.test(host)) {
      const lan = lanAddress();
      const port = /:(\d+)$/.exec(host)?.[1];
      if (lan) return `http://${lan}${port ? `:${port}` : ''}`;
    }
    return origin(req);
  }

  async function facilitatorRoom(req: IncomingMessage, roomId: string): Promise<Room> {
    const key = bearer(req);
    if (!key) throw new HttpError(401, 'unauthorized', 'Mangler facilitatornøgle: send Authorization: Bearer <facilitatorKey>.');
    // The key is checked against the stored record first: a wrong key never loads the room into memory.
    const record = await rooms.record(roomId);
    if (!record) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
    if (!rooms.isFacilitator(record, key)) throw new HttpError(403, 'forbidden', 'Nøglen hører ikke til dette rum.');
    const room = await rooms.get(roomId);
    if (!room) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
    return room;
  }

  async function participantRoom(req: IncomingMessage, roomId: string): Promise<{ room: Room; participantId: string }> {
    const token = bearer(req);
    if (!token) throw new HttpError(401, 'unauthorized', 'Mangler deltagerbillet: deltag med koden først.');
    const p = await rooms.participant(token);
    if (!p) throw new HttpError(401, 'unauthorized', 'Deltagerbilletten er ukendt eller udløbet: deltag med koden igen.');
    if (p.roomId !== roomId) throw new HttpError(403, 'forbidden', 'Deltagerbilletten hører til et andet rum.');
    const room = await rooms.get(roomId);
    if (!room) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
    return { room, participantId: p.id };
  }

  function roomUrls(req: IncomingMessage, roomId: string, joinCode: string) {
    return {
      presentUrl: `${origin(req)}/present/${roomId}`,
      joinUrl: `${joinOrigin(req)}/j/${joinCode}`,
    };
  }

  // Members and voting cards (docs/voting-cards.md): routes of their own, reached through the room's checks here.
  const members = memberRoutes({
    storage: rooms.storage,
    facilitatorRoom,
    participantRoom,
    readJson: (req) => readJson(req, config.maxBodyBytes),
    clientAddress,
    joinUrl: (req, joinCode) => roomUrls(req, '', joinCode).joinUrl,
    cardBurst: config.cardFailureBurst,
    cardsPerMinute: config.cardFailuresPerMinute,
  });

  async function api(req: IncomingMessage, res: ServerResponse, path: string[]): Promise<void> {
    const method = req.method ?? 'GET';
    const route = `${method} /${path.join('/')}`;

    if (route === 'GET /api/decks') return sendJson(res, 200, deckList);

    if (path[1] === 'decks' && path.length === 3 && method === 'GET') {
      const deck = decks.get(path[2]!);
      if (!deck) throw new HttpError(404, 'unknown_deck', `Decket "${path[2]}" findes ikke.`);
      const manifest: DeckManifest = deck.manifest;
      return sendJson(res, 200, manifest);
    }

    if (path[1] === 'decks' && path.length === 4 && path[3] === 'slides' && method === 'GET') {
      const deck = decks.get(path[2]!);
      if (!deck) throw new HttpError(404, 'unknown_deck', `Decket "${path[2]}" findes ikke.`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(deck.html);
      return;
    }

    if (route === 'POST /api/rooms') {
      const admin = config.adminToken !== undefined && sameSecret(bearer(req), config.adminToken);
      if (config.adminToken && !admin) {
        throw new HttpError(401, 'unauthorized', 'Denne server kræver ADMIN_TOKEN for at oprette rum.');
      }
      const body = parse(CreateRoomBody, await readJson(req, config.maxBodyBytes));
      if (!decks.has(body.deck)) throw new HttpError(400, 'unknown_deck', `Decket "${body.deck}" findes ikke.`);
      // Every room holds a join code for JOIN_CODE_DAYS: creation is limited per address (an organiser with
      // ADMIN_TOKEN is trusted) and server-wide, so the code space can never be used up.
      const address = clientAddress(req);
      if (!admin && !roomsByAddress.ready(address)) {
        tooMany(
          res,
          roomsByAddress.waitSeconds(address),
          'Der er oprettet mange rum fra denne adresse. Vent lidt, før du opretter det næste.',
        );
      }
      if (!roomsOnServer.take('*')) {
        tooMany(res, Math.max(1, roomsOnServer.waitSeconds('*')), 'Serveren opretter ikke flere rum lige nu. Prøv igen om lidt.');
      }
      if (!admin) roomsByAddress.take(address);
      let created: CreatedRoom;
      try {
        created = await rooms.create(body.deck);
      } catch (err) {
        if (err instanceof NoFreeCodeError) throw new HttpError(503, 'no_free_code', err.message);
        throw err;
      }
      const { record, facilitatorKey } = created;
      const answer: CreateRoomResponse = {
        roomId: record.id,
        joinCode: record.joinCode,
        facilitatorKey,
        ...roomUrls(req, record.id, record.joinCode),
      };
      // The key travels in the fragment, which browsers never send to a server or write to its logs.
      answer.presentUrl += `#key=${facilitatorKey}`;
      return sendJson(res, 201, answer);
    }

    if (route === 'POST /api/join') {
      const body = parse(JoinBody, await readJson(req, config.maxBodyBytes));
      const code = normaliseJoinCode(body.code);
      if (!JOIN_CODE_PATTERN.test(code)) throw new HttpError(400, 'invalid_request', 'Koden består af 6 cifre.');
      const opened = await openCode(req, code);
      if (opened.kind === 'braked') tooMany(res, opened.retryAfter, brakeText(opened));
      if (opened.kind === 'unknown') throw new HttpError(404, 'unknown_code', `Der er intet rum med koden ${code}. Tjek koden på skærmen.`);
      // A browser that already joined (its cookie) stays the same participant: a reload or a second join
      // is one person, not another vote.
      const me = opened.me ?? (await newParticipant(req, res, opened.record));
      const answer: JoinResponse = { roomId: opened.record.id, participantToken: me.token };
      res.setHeader('set-cookie', participantCookie(me.token, code, origin(req).startsWith('https:'), config.retentionDays));
      return sendJson(res, 200, answer);
    }

    if (path[1] === 'rooms' && path[2]) {
      const roomId = path[2];
      const tail = path.slice(3).join('/');
      if (tail === '' && method === 'GET') {
        const room = await facilitatorRoom(req, roomId);
        const info: RoomInfo = {
          roomId,
          deck: room.manifest.id,
          title: room.manifest.title,
          joinCode: openingCode(room.record.joinCode),
          createdAt: room.record.createdAt,
          ...roomUrls(req, roomId, openingCode(room.record.joinCode)),
        };
        return sendJson(res, 200, info);
      }
      if (tail === '' && method === 'DELETE') {
        const room = await facilitatorRoom(req, roomId);
        await rooms.delete(room.id);
        log(`rum ${room.id} slettet af facilitator`);
        return sendJson(res, 200, { roomId: room.id, deleted: true });
      }
      if (tail === 'me' && method === 'GET') {
        const { room, participantId } = await participantRoom(req, roomId);
        const me: MeResponse = {
          roomId,
          participantId,
          deck: room.manifest.id,
          title: room.manifest.title,
          ballots: room.ballotsOf(participantId),
          boards: room.boards.of(participantId),
        };
        return sendJson(res, 200, me);
      }
      if (tail === 'export' && method === 'GET') {
        const room = await facilitatorRoom(req, roomId);
        const url = new URL(req.url ?? '/', 'http://x');
        const format = url.searchParams.get('format') ?? 'json';
        const place = url.searchParams.get('place')?.slice(0, 200) || undefined;
        const file = await exportRoom(room.id, format, { storage: rooms.storage, decks, place, gate: exportGate });
        if (!file) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
        res.writeHead(200, {
          'content-type': file.type,
          'content-length': file.body.length,
          'content-disposition': `attachment; filename="${file.name}"`,
          'cache-control': 'no-store',
        });
        res.end(file.body);
        return;
      }
      if (tail === 'control' && method === 'POST') {
        const room = await facilitatorRoom(req, roomId);
        const body = parse(AnyControlBody, await readJson(req, config.maxBodyBytes));
        const answer = await room.control(body);
        return sendJson(res, answer.status, answer.body);
      }
      if (members.owns(tail)) return await members.handle(req, res, roomId, tail);
      if (tail === 'intents' && method === 'POST') {
        const { room, participantId } = await participantRoom(req, roomId);
        if (!limiter.take(participantId)) {
          tooMany(res, 1, 'For mange handlinger på kort tid. Vent et øjeblik og prøv igen.');
        }
        const intent = parse(IntentBody, await readJson(req, config.maxBodyBytes));
        if (intent.type !== 'ballot' && !noteLimiter.take(participantId)) {
          tooMany(res, 10, 'Du har skrevet mange sedler på kort tid. Vent lidt, før du skriver den næste.');
        }
        if (intent.type !== 'ballot' && !addressNoteLimiter.take(clientAddress(req))) {
          tooMany(res, 10, 'Der er skrevet mange sedler fra dette netværk på kort tid. Vent lidt, før du skriver den næste.');
        }
        const answer =
          intent.type === 'ballot' ? await room.castBallot(participantId, intent) : await room.actOnBoard(participantId, intent);
        return sendJson(res, answer.status, answer.body);
      }
    }
    throw new HttpError(404, 'not_found', `Ingen sådan handling: ${method} ${req.url?.split('?')[0] ?? ''}`);
  }

  type Opened =
    | { kind: 'room'; record: RoomRecord; me?: { id: string; token: string } }
    | { kind: 'unknown' }
    | ({ kind: 'braked' } & Extract<BrakeVerdict, { ok: false }>);

  /**
   * Every path that takes a join code (`POST /api/join`, `GET`/`HEAD /j/<code>`, `/j?code=`, `POST /j/<code>`)
   * comes through here. A phone that belongs to the room (its cookie) goes straight in: its token is 192
   * bits, no guess. Anyone else meets the code brake *before* the lookup, so once it has fired a right code
   * waits like a wrong one, and a wrong code is paid for by the address and the server. Nothing is loaded.
   */
  async function openCode(req: IncomingMessage, code: string): Promise<Opened> {
    const token = cookieToken(req, code);
    const p = token ? await rooms.participant(token) : undefined;
    if (p && token) {
      const record = await rooms.record(p.roomId);
      if (record?.joinCode === code) return { kind: 'room', record, me: { id: p.id, token } };
    }
    const address = clientAddress(req);
    const verdict = codeBrake.check(address);
    if (!verdict.ok) return { kind: 'braked', ...verdict };
    const record = await rooms.byCode(code);
    if (!record) {
      codeBrake.miss(address);
      return { kind: 'unknown' };
    }
    return { kind: 'room', record };
  }

  function brakeText(b: { scope: 'address' | 'server' }): string {
    return b.scope === 'address'
      ? msg('For mange forkerte koder fra denne adresse. Vent lidt, og tjek koden på skærmen.')
      : msg('Serveren har fået mange forkerte koder på det seneste. Vent et øjeblik, og prøv igen.');
  }

  /** A participant for a phone that has none in this room yet; limited per address (one script, many voters). */
  async function newParticipant(req: IncomingMessage, res: ServerResponse, record: RoomRecord): Promise<{ id: string; token: string }> {
    const address = clientAddress(req);
    if (!joinsByAddress.take(address)) {
      tooMany(
        res,
        Math.max(1, joinsByAddress.waitSeconds(address)),
        'Der er kommet mange nye deltagere fra denne adresse på kort tid. Vent et øjeblik og prøv igen.',
      );
    }
    const joined = await rooms.join(record.id);
    if (!joined) throw new HttpError(404, 'unknown_code', 'Rummet findes ikke længere.');
    return { id: joined.participant.id, token: joined.participantToken };
  }

  /** The join page saying what stopped the code, in the phone's language. */
  async function codePage(
    req: IncomingMessage,
    res: ServerResponse,
    code: string,
    opened: Exclude<Opened, { kind: 'room' }>,
  ): Promise<void> {
    const locale = pageLocale(req);
    if (opened.kind === 'braked') {
      res.setHeader('retry-after', String(opened.retryAfter));
      return await pages.page('join', req, res, {
        status: 429,
        transform: (html) => inLocale(locale, () => injectParticipantPage(html, joinFallback(code, brakeText(opened)), undefined, locale)),
      });
    }
    // The app says what is wrong and offers to type another code.
    return await pages.page('join', req, res, {
      status: 404,
      transform: (html) => inLocale(locale, () => injectParticipantPage(html, unknownCodeFallback(code), undefined, locale)),
    });
  }

  /** GET /j/<code>: the participant page with the current activity as a form and the app's boot record. */
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

  /** POST /j/<code>: a vote from the server-rendered form, for a phone whose JavaScript has not (yet) run. */
  async function formVote(req: IncomingMessage, res: ServerResponse, code: string): Promise<void> {
    const form = await readForm(req, config.maxBodyBytes);
    const opened = await openCode(req, code);
    if (opened.kind !== 'room') return await codePage(req, res, code, opened);
    const room = await rooms.get(opened.record.id);
    if (!room) return await codePage(req, res, code, { kind: 'unknown' });
    const locale = pageLocale(req);
    const refused = (reason: string) => inLocale(locale, () => msg(str`Stemmen blev ikke modtaget: ${reason}`));
    // A form that cannot count makes no participant: the checks come before the phone is given one.
    const def = room.activity(form.get('activity') ?? '');
    if (!def)
      return await participantPage(
        req,
        res,
        code,
        opened,
        { kind: 'rejected', text: inLocale(locale, () => msg('Afstemningen findes ikke (længere).')) },
        404,
      );
    const ballot = inLocale(locale, () => formBallot(def, form));
    if (!ballot.ok) return await participantPage(req, res, code, opened, { kind: 'rejected', text: refused(ballot.message) }, 400);
    let me = opened.me;
    if (!me) {
      me = await newParticipant(req, res, opened.record);
      res.setHeader('set-cookie', participantCookie(me.token, code, origin(req).startsWith('https:'), config.retentionDays));
    }
    const known: Opened = { kind: 'room', record: opened.record, me };
    if (!limiter.take(me.id)) tooMany(res, 1, 'For mange handlinger på kort tid. Vent et øjeblik og prøv igen.');
    const intentId = form.get('intent') ?? '';
    const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(intentId) ? intentId : crypto.randomUUID();
    const answer = await room.castBallot(me.id, { id, type: 'ballot', activity: def.id, ballot: ballot.ballot });
    if (answer.status === 200) {
      // Post/redirect/get: a reload shows the stored vote and never sends it again.
      res.writeHead(303, { location: `/j/${code}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const error = (answer.body as { error?: { code?: string; message?: string } }).error;
    const reason = inLocale(locale, () => refusalText(locale, error?.code ?? 'internal', error?.message ?? 'ukendt fejl'));
    return await participantPage(req, res, code, known, { kind: 'rejected', text: refused(reason) }, answer.status);
  }

  /**
   * A state-changing request made by another site — a form or a script on a page elsewhere, riding on the
   * phone's cookie or simply its network — is refused before anything runs. Browsers say where a request
   * comes from (Sec-Fetch-Site, Origin); a client without a browser says nothing and is judged by its
   * credentials alone.
   */
  function fromElsewhere(req: IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
    const from = req.headers.origin;
    if (from === undefined) return false;
    let host: string;
    try {
      host = new URL(from).host;
    } catch {
      return true; // "null" (a sandboxed frame, a file) or garbage: not this site.
    }
    const ours = new Set<string>();
    // With PUBLIC_URL the server knows its name: a page that reaches it under another name (a rebound
    // DNS name pointing at this machine) is not this site, even though its Origin matches its Host.
    if (req.headers.host && (!config.publicUrl || ownHost(req.headers.host))) ours.add(req.headers.host);
    if (config.publicUrl) ours.add(new URL(config.publicUrl).host);
    const forwarded = config.trustProxy
      ? String(req.headers['x-forwarded-host'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    if (forwarded && (!config.publicUrl || ownHost(forwarded))) ours.add(forwarded);
    return !ours.has(host);
  }

  /** A Host this server answers to by itself: PUBLIC_URL's, loopback, or one of the machine's addresses. */
  function ownHost(host: string): boolean {
    const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (config.publicUrl && new URL(config.publicUrl).hostname === name) return true;
    if (LOOPBACK.test(host)) return true;
    return Object.values(networkInterfaces()).some((list) => (list ?? []).some((a) => a.address === name));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url = new URL('http://x/');
    try {
      url = new URL(req.url ?? '/', 'http://x');
      let path: string[];
      try {
        path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      } catch {
        throw new HttpError(400, 'invalid_request', 'Adressen indeholder ugyldige %-tegn.');
      }
      securityHeaders(res);
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', rooms: rooms.loaded });
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && fromElsewhere(req)) {
        throw new HttpError(403, 'cross_site', 'Forespørgslen kom fra en anden side og er afvist. Åbn Rådslag direkte.');
      }
      if (path[0] === 'api') {
        if (!addressLimiter.take(clientAddress(req))) {
          tooMany(res, 1, 'For mange forespørgsler fra denne adresse. Vent et øjeblik og prøv igen.');
        }
        return await api(req, res, path);
      }
      const joinPath = path[0] === 'j' && path.length === 2 ? normaliseJoinCode(path[1]!) : undefined;
      if (joinPath !== undefined && JOIN_CODE_PATTERN.test(joinPath) && req.method === 'POST') {
        if (!addressLimiter.take(clientAddress(req))) {
          tooMany(res, 1, 'For mange forespørgsler fra denne adresse. Vent et øjeblik og prøv igen.');
        }
        return await formVote(req, res, joinPath);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new HttpError(405, 'method_not_allowed', 'Kun GET er tilladt her.');
      }
      if (joinPath !== undefined && JOIN_CODE_PATTERN.test(joinPath)) return await participantPage(req, res, joinPath);
      if (url.pathname === '/') return await pages.page('index', req, res);
      // The join page's own form, for a phone whose JavaScript has not arrived: GET /j?code=… is /j/<code>.
      if (url.pathname === '/j' && url.searchParams.has('code')) {
        const code = normaliseJoinCode(url.searchParams.get('code') ?? '');
        // Answered here rather than redirected: on a slow link a redirect costs another round trip.
        if (JOIN_CODE_PATTERN.test(code)) return await participantPage(req, res, code);
        const typed = (url.searchParams.get('code') ?? '').slice(0, 32);
        const locale = pageLocale(req);
        return await pages.page('join', req, res, {
          status: 400,
          transform: (html) =>
            inLocale(locale, () =>
              injectParticipantPage(html, joinFallback(typed, msg('Koden består af 6 cifre, fx 123 456.')), undefined, locale),
            ),
        });
      }
      if (url.pathname === '/join' || (path[0] === 'j' && path.length === 2)) {
        const locale = pageLocale(req);
        return await pages.page('join', req, res, {
          transform: (html) => inLocale(locale, () => injectParticipantPage(html, joinFallback(), undefined, locale)),
        });
      }
      if (path[0] === 'present' && path.length === 2) return await pages.page('present', req, res);
      pages.asset(req, res, () => sendError(res, 404, 'not_found', 'Siden findes ikke.'));
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message);
      if (err instanceof ExportError) {
        if (err.retryAfter !== undefined) res.setHeader('retry-after', String(err.retryAfter));
        return sendError(res, err.status, err.code, err.message);
      }
      if (err instanceof StorageError) {
        log(err.message);
        return sendError(res, 503, 'storage_unavailable', 'Lageret svarer ikke lige nu. Prøv igen om et øjeblik.');
      }
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return sendError(res, 503, 'internal', 'Siden er ikke bygget: kør "npm run build" (npm start gør det selv).');
      }
      log(`fejl ved ${req.method} ${url.pathname}: ${(err as Error).stack ?? String(err)}`);
      return sendError(res, 500, 'internal', 'Der skete en fejl på serveren. Prøv igen.');
    }
  }

  const server = createServer({ maxHeaderSize: 16 * 1024, connectionsCheckingInterval: 1000 }, (req, res) => {
    void handle(req, res);
  });
  // Limits before anyone is authenticated: slow or endless requests are cut off.
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;

  // The /sync WebSockets (authentication, per-socket and per-participant limits) live in server/socket.ts.
  const sockets = createSyncSockets({ config, rooms, log, admitAddress: (req) => addressLimiter.take(clientAddress(req)) });
  server.on('upgrade', sockets.upgrade);
  server.on('close', () => sockets.stop());

  return {
    server,
    closeSockets() {
      sockets.closeAll();
    },
  };
}
