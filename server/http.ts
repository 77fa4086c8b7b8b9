// HTTP and WebSocket wiring: routes of the wire contract, static pages, the /sync upgrade.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { timingSafeEqual } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import * as v from 'valibot';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DeckManifest, DeckSummary } from '../core/deck.js';
import { LIVE_SUFFIX } from '../core/room-doc.js';
import {
  AnyControlBody,
  CreateRoomBody,
  IntentBody,
  JoinBody,
  describeIssues,
  type CreateRoomResponse,
  type ErrorCode,
  type JoinResponse,
} from '../core/wire.js';
import type { Config } from './config.js';
import type { LoadedDeck } from './deck-manifest.js';
import { ExportError, exportRoom } from './export/index.js';
import './export/formats.js';
import { RateLimiter } from './rate-limit.js';
import type { Room } from './room.js';
import { JOIN_CODE_PATTERN, hashSecret, normaliseJoinCode, type Rooms } from './rooms.js';
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
  type ParticipantBoot,
} from './participant-page.js';
import { ProtocolError, type DocChannel, type Peer, type Role } from './sync.js';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
  });
  res.end(data);
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
  const stamp = () => ['index', 'join', 'present'].map((n) => statSync(join(distDir, `${n}.html`), { throwIfNoEntry: false })?.mtimeMs ?? 0).join();
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

/** A page, rewritten if asked; a rewritten page holds someone's own state and is never cached. */
export function sendPage(res: ServerResponse, html: string, options: PageOptions = {}): void {
  const body = options.transform ? options.transform(html) : html;
  res.writeHead(options.status ?? 200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': options.transform ? 'no-store' : 'no-cache',
    'content-length': Buffer.byteLength(body),
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
  const joinFailures = new RateLimiter(config.joinFailureBurst, config.joinFailuresPerMinute / 60);
  let pendingUpgrades = 0;

  /** The client's address; behind a reverse proxy (TRUST_PROXY) the first X-Forwarded-For entry. */
  function clientAddress(req: IncomingMessage): string {
    if (config.trustProxy) {
      const forwarded = req.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first) return first;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  function tooMany(res: ServerResponse, seconds: number, message: string): never {
    res.setHeader('retry-after', String(seconds));
    throw new HttpError(429, 'rate_limited', message);
  }
  const deckList: DeckSummary[] = [...decks.values()].map((d) => ({ id: d.manifest.id, title: d.manifest.title }));

  /** This server's address as the browser sees it: PUBLIC_URL, or the Host (and, behind a proxy, its scheme). */
  function origin(req: IncomingMessage): string {
    if (config.publicUrl) return config.publicUrl;
    const forwarded = config.trustProxy ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() : '';
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
    const room = await rooms.get(roomId);
    if (!room) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
    if (!rooms.isFacilitator(room, key)) throw new HttpError(403, 'forbidden', 'Nøglen hører ikke til dette rum.');
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
      if (config.adminToken && !sameSecret(bearer(req), config.adminToken)) {
        throw new HttpError(401, 'unauthorized', 'Denne server kræver ADMIN_TOKEN for at oprette rum.');
      }
      const body = parse(CreateRoomBody, await readJson(req, config.maxBodyBytes));
      if (!decks.has(body.deck)) throw new HttpError(400, 'unknown_deck', `Decket "${body.deck}" findes ikke.`);
      const { record, facilitatorKey } = await rooms.create(body.deck);
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
      // Guessing codes costs an address its failed attempts; a right code is never slowed down by them.
      const address = clientAddress(req);
      const joined = await rooms.join(code);
      if (!joined) {
        if (!joinFailures.take(address)) {
          tooMany(res, 60, 'For mange forkerte koder fra denne adresse. Vent et minut, og tjek koden på skærmen.');
        }
        throw new HttpError(404, 'unknown_code', `Der er intet rum med koden ${code}. Tjek koden på skærmen.`);
      }
      const answer: JoinResponse = { roomId: joined.room.id, participantToken: joined.participantToken };
      res.setHeader('set-cookie', participantCookie(joined.participantToken, code, origin(req).startsWith('https:'), config.retentionDays));
      return sendJson(res, 200, answer);
    }

    if (path[1] === 'rooms' && path[2]) {
      const roomId = path[2];
      const tail = path.slice(3).join('/');
      if (tail === '' && method === 'GET') {
        const room = await facilitatorRoom(req, roomId);
        return sendJson(res, 200, {
          roomId,
          deck: room.manifest.id,
          title: room.manifest.title,
          joinCode: room.record.joinCode,
          createdAt: room.record.createdAt,
          ...roomUrls(req, roomId, room.record.joinCode),
        });
      }
      if (tail === '' && method === 'DELETE') {
        const room = await facilitatorRoom(req, roomId);
        await rooms.delete(room.id);
        log(`rum ${room.id} slettet af facilitator`);
        return sendJson(res, 200, { roomId: room.id, deleted: true });
      }
      if (tail === 'me' && method === 'GET') {
        const { room, participantId } = await participantRoom(req, roomId);
        return sendJson(res, 200, {
          roomId,
          participantId,
          deck: room.manifest.id,
          title: room.manifest.title,
          ballots: room.ballotsOf(participantId),
          boards: room.boards.of(participantId),
        });
      }
      if (tail === 'export' && method === 'GET') {
        const room = await facilitatorRoom(req, roomId);
        const url = new URL(req.url ?? '/', 'http://x');
        const format = url.searchParams.get('format') ?? 'json';
        const place = url.searchParams.get('place')?.slice(0, 200) || undefined;
        const file = await exportRoom(room.id, format, { storage: rooms.storage, decks, place });
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
      if (tail === 'intents' && method === 'POST') {
        const { room, participantId } = await participantRoom(req, roomId);
        if (!limiter.take(participantId)) {
          tooMany(res, 1, 'For mange handlinger på kort tid. Vent et øjeblik og prøv igen.');
        }
        const intent = parse(IntentBody, await readJson(req, config.maxBodyBytes));
        if (intent.type !== 'ballot' && !noteLimiter.take(participantId)) {
          tooMany(res, 10, 'Du har skrevet mange sedler på kort tid. Vent lidt, før du skriver den næste.');
        }
        const answer = intent.type === 'ballot' ? await room.castBallot(participantId, intent) : await room.actOnBoard(participantId, intent);
        return sendJson(res, answer.status, answer.body);
      }
    }
    throw new HttpError(404, 'not_found', `Ingen sådan handling: ${method} ${req.url?.split('?')[0] ?? ''}`);
  }

  /** The phone known by its cookie in this room, if any. */
  async function cookieParticipant(req: IncomingMessage, room: Room): Promise<{ id: string; token: string } | undefined> {
    const token = cookieToken(req);
    const p = token ? await rooms.participant(token) : undefined;
    return p && token && p.roomId === room.id ? { id: p.id, token } : undefined;
  }

  /** GET /j/<code>: the participant page with the current activity as a form and the app's boot record. */
  async function participantPage(req: IncomingMessage, res: ServerResponse, code: string, message?: PageState['message'], status = 200): Promise<void> {
    const room = await rooms.byCode(code);
    if (!room) {
      if (!joinFailures.take(clientAddress(req))) tooMany(res, 60, 'For mange forkerte koder fra denne adresse. Vent et minut, og tjek koden på skærmen.');
      // The app says what is wrong and offers to type another code.
      const locale = pageLocale(req);
      return await pages.page('join', req, res, { status: 404, transform: (html) => inLocale(locale, () => injectParticipantPage(html, unknownCodeFallback(code), undefined, locale)) });
    }
    const me = await cookieParticipant(req, room);
    const ballots = me ? room.ballotsOf(me.id) : {};
    const boot: ParticipantBoot = {
      code,
      manifest: room.manifest,
      ...(me ? { session: { roomId: room.id, token: me.token, ballots, boards: room.boards.of(me.id) } } : {}),
    };
    const locale = pageLocale(req);
    const fallback = inLocale(locale, () => renderFallback({ code, room, ballots, ...(message ? { message } : {}) }));
    return await pages.page('join', req, res, { status, transform: (html) => inLocale(locale, () => injectParticipantPage(html, fallback, boot, locale)) });
  }

  /** POST /j/<code>: a vote from the server-rendered form, for a phone whose JavaScript has not (yet) run. */
  async function formVote(req: IncomingMessage, res: ServerResponse, code: string): Promise<void> {
    const form = await readForm(req, config.maxBodyBytes);
    const room = await rooms.byCode(code);
    if (!room) return await participantPage(req, res, code);
    let me = await cookieParticipant(req, room);
    if (!me) {
      const joined = await rooms.join(code);
      if (!joined) return await participantPage(req, res, code);
      me = { id: joined.participant.id, token: joined.participantToken };
      res.setHeader('set-cookie', participantCookie(joined.participantToken, code, origin(req).startsWith('https:'), config.retentionDays));
    }
    if (!limiter.take(me.id)) tooMany(res, 1, 'For mange handlinger på kort tid. Vent et øjeblik og prøv igen.');
    const locale = pageLocale(req);
    const refused = (reason: string) => inLocale(locale, () => msg(str`Stemmen blev ikke modtaget: ${reason}`));
    const def = room.activity(form.get('activity') ?? '');
    if (!def) return await participantPage(req, res, code, { kind: 'rejected', text: inLocale(locale, () => msg('Afstemningen findes ikke (længere).')) }, 404);
    const ballot = inLocale(locale, () => formBallot(def, form));
    if (!ballot.ok) return await participantPage(req, res, code, { kind: 'rejected', text: refused(ballot.message) }, 400);
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
    return await participantPage(req, res, code, { kind: 'rejected', text: refused(reason) }, answer.status);
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
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', rooms: rooms.loaded });
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
          transform: (html) => inLocale(locale, () => injectParticipantPage(html, joinFallback(typed, msg('Koden består af 6 cifre, fx 123 456.')), undefined, locale)),
        });
      }
      if (url.pathname === '/join' || (path[0] === 'j' && path.length === 2)) {
        const locale = pageLocale(req);
        return await pages.page('join', req, res, { transform: (html) => inLocale(locale, () => injectParticipantPage(html, joinFallback(), undefined, locale)) });
      }
      if (path[0] === 'present' && path.length === 2) return await pages.page('present', req, res);
      pages.asset(req, res, () => sendError(res, 404, 'not_found', 'Siden findes ikke.'));
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message);
      if (err instanceof ExportError) return sendError(res, err.status, err.code, err.message);
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes, perMessageDeflate: false });

  function refuse(socket: Duplex, status: number, text: string): void {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  async function authenticate(
    req: IncomingMessage,
  ): Promise<{ room: Room; channel: DocChannel; role: Role; id: string } | { status: number; text: string }> {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'sync' || parts.length < 2 || parts.length > 3) return { status: 404, text: 'Not Found' };
    if (parts.length === 3 && parts[2] !== LIVE_SUFFIX) return { status: 404, text: 'Not Found' };
    const token = url.searchParams.get('token') ?? undefined;
    if (!token) return { status: 401, text: 'Unauthorized' };
    const room = await rooms.get(parts[1]!);
    if (!room) return { status: 404, text: 'Not Found' };
    const live = parts.length === 3;
    if (rooms.isFacilitator(room, token)) {
      return { room, channel: live ? room.live : room.public, role: 'facilitator', id: 'facilitator' };
    }
    if (live) return { status: 403, text: 'Forbidden' };
    const p = await rooms.participant(token);
    if (!p) return { status: 401, text: 'Unauthorized' };
    if (p.roomId !== room.id) return { status: 403, text: 'Forbidden' };
    return { room, channel: room.public, role: 'participant', id: p.id };
  }

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (pendingUpgrades >= config.maxPendingUpgrades || !addressLimiter.take(clientAddress(req))) {
      refuse(socket, 429, 'Too Many Requests');
      return;
    }
    pendingUpgrades++;
    authenticate(req)
      .then(
        (auth) => {
          if ('status' in auth) return refuse(socket, auth.status, auth.text);
          // A full room still lets its facilitators in: they must be able to run the meeting.
          if (auth.role === 'participant' && auth.room.connectionCount >= config.maxConnectionsPerRoom) {
            log(`rum ${auth.room.id}: fuldt (${config.maxConnectionsPerRoom} forbindelser)`);
            return refuse(socket, 503, 'Service Unavailable');
          }
          wss.handleUpgrade(req, socket, head, (ws) => connect(ws, auth.room, auth.channel, auth.role, auth.id));
        },
        (err: unknown) => {
          log(`upgrade: ${(err as Error).message}`);
          refuse(socket, 503, 'Service Unavailable');
        },
      )
      .finally(() => {
        pendingUpgrades--;
      });
  });

  const MAX_BUFFERED = 8 * 1024 * 1024;

  function connect(ws: WebSocket, room: Room, channel: DocChannel, role: Role, id: string): void {
    let alive = true;
    const peer: Peer = {
      role,
      id,
      send(data) {
        if (ws.readyState !== ws.OPEN) return;
        // A client that cannot keep up is cut off rather than allowed to hold the server's memory.
        if (ws.bufferedAmount > MAX_BUFFERED) {
          ws.terminate();
          return;
        }
        ws.send(data);
      },
      close(code, reason) {
        ws.close(code, reason);
      },
    };
    room.attach(peer, channel);
    ws.on('pong', () => {
      alive = true;
    });
    const pinger = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, 30_000);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        ws.close(1003, 'Kun binære y-websocket-beskeder.');
        return;
      }
      const bytes = Array.isArray(data)
        ? new Uint8Array(Buffer.concat(data))
        : data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      try {
        channel.receive(peer, bytes);
      } catch (err) {
        const e = err instanceof ProtocolError ? err : new ProtocolError(1011, 'Intern fejl.');
        if (!(err instanceof ProtocolError)) log(`sync ${room.id}: ${(err as Error).message}`);
        ws.close(e.closeCode, e.message.slice(0, 120));
      }
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      clearInterval(pinger);
      room.detach(peer, channel);
    });
  }

  const heartbeat = setInterval(() => rooms.forEach((r) => r.heartbeat()), config.heartbeatMs);
  heartbeat.unref();
  server.on('close', () => clearInterval(heartbeat));

  return {
    server,
    closeSockets() {
      for (const ws of wss.clients) ws.terminate();
    },
  };
}
