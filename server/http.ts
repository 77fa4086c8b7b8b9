// HTTP wiring: the route table of the wire contract and the pages, one dispatch for every request, and the /sync upgrade.
import { createServer, type Server } from 'node:http';
import { deckImageRoutes } from './deck-images-routes.js';
import { createAuth } from './http/auth.js';
import { readJson } from './http/body.js';
import { createDispatch } from './http/dispatch.js';
import { createLimits } from './http/limits.js';
import { route, routeTable, type Method } from './http/router.js';
import { createSite } from './http/site.js';
import { memberRoutes } from './members-routes.js';
import { sendJson } from './respond.js';
import type { HttpDeps, RouteContext } from './routes/context.js';
import { deckRoutes } from './routes/decks.js';
import { joining } from './routes/join.js';
import { participantPages } from './routes/participant-pages.js';
import { roomRoutes } from './routes/rooms.js';
import { templateRoutes } from './export/docx-template.js';
import { createSyncSockets } from './socket.js';

export interface RadslagHttp {
  server: Server;
  /** Disconnects every WebSocket client. */
  closeSockets(): void;
}

/** Pages answer HEAD as GET; the API does not. */
const PAGE: readonly Method[] = ['GET', 'HEAD'];

export function createHttp(deps: HttpDeps): RadslagHttp {
  const { config, rooms, pages, log } = deps;
  const site = createSite(config);
  const limits = createLimits(config, site.clientAddress);
  const ctx: RouteContext = { ...deps, auth: createAuth(rooms, config.adminToken), site, limits };

  const deck = deckRoutes(ctx);
  // Images in decks and decks as one file (server/deck-images-routes.ts), guarded as the deck routes guard a deck.
  const images = deckImageRoutes({
    config,
    store: ctx.decks.store,
    images: rooms.storage.images,
    access: deck.access,
    limits,
    clientAddress: site.clientAddress,
    log,
  });
  const room = roomRoutes(ctx);
  const template = templateRoutes(config);
  const join = joining(ctx);
  const phone = participantPages(ctx, join);
  // Members and voting cards (docs/voting-cards.md).
  const members = memberRoutes({
    storage: rooms.storage,
    auth: ctx.auth,
    readJson: (req) => readJson(req, config.maxBodyBytes),
    clientAddress: site.clientAddress,
    joinUrl: (req, joinCode) => site.roomUrls(req, '', joinCode).joinUrl,
    cardBurst: config.cardFailureBurst,
    cardsPerMinute: config.cardFailuresPerMinute,
  });

  // First match wins. Every /api call spends the address's allowance first; an unmatched one is a 404.
  const table = routeTable([
    // HAProxy's health check: a process that can take no room (several processes, no database lock) is taken out.
    route(
      '*',
      '/healthz',
      ({ res }) =>
        rooms.healthy
          ? sendJson(res, 200, { status: 'ok', rooms: rooms.loaded })
          : sendJson(res, 503, { status: 'ingen forbindelse til databasen', rooms: rooms.loaded }),
      { open: true },
    ),

    route('GET', '/api/decks', deck.list),
    route('POST', '/api/decks', deck.create),
    route('GET', '/api/decks/:deck', deck.manifest),
    route('PUT', '/api/decks/:deck', deck.update),
    route('DELETE', '/api/decks/:deck', deck.remove),
    route('GET', '/api/decks/:deck/slides', deck.slides),
    route('GET', '/api/decks/:deck/source', deck.source),
    route('POST', '/api/decks/:deck/duplicate', deck.duplicate),
    route('POST', '/api/decks/import', images.importZip),
    route('GET', '/api/decks/:deck/export', images.exportZip),
    route('POST', '/api/decks/:deck/images', images.upload),
    route('DELETE', '/api/decks/:deck/images/:name', images.remove),
    route('GET', '/api/deck-images/:hash', images.serve),
    route('POST', '/api/rooms', room.create),
    route('POST', '/api/join', join.join),
    route('GET', '/api/rooms/:roomId', room.info),
    route('GET', '/api/rooms/:roomId/slides', room.slides),
    route('DELETE', '/api/rooms/:roomId', room.remove),
    route('GET', '/api/rooms/:roomId/me', room.me),
    route('GET', '/api/rooms/:roomId/export', room.export),
    route('POST', '/api/admin/referat-template', template.put),
    route('DELETE', '/api/admin/referat-template', template.remove),
    route('POST', '/api/rooms/:roomId/control', room.control),
    route('POST', '/api/rooms/:roomId/intents', room.intents),
    route('GET', '/api/rooms/:roomId/members', members.list),
    route('POST', '/api/rooms/:roomId/members', members.add),
    route('POST', '/api/rooms/:roomId/members/print', members.print),
    route('PATCH', '/api/rooms/:roomId/members/:memberId', members.edit),
    route('DELETE', '/api/rooms/:roomId/members/:memberId', members.remove),
    route('POST', '/api/rooms/:roomId/members/:memberId/reissue', members.reissue),
    route('*', '/api/rooms/:roomId/members/*', members.unknown),
    route('GET', '/api/rooms/:roomId/card', members.card),
    route('POST', '/api/rooms/:roomId/card', members.claim),
    route('*', '/api/rooms/:roomId/card', members.cardMethod),

    route('POST', '/j/:code', phone.vote, { when: phone.isCode }),
    route(PAGE, '/j/:code', phone.page),
    route(PAGE, '/j', phone.typed, { when: phone.hasCode }),
    route(PAGE, '/join', phone.join),
    route(PAGE, '/', ({ req, res }) => pages.page('index', req, res)),
    route(PAGE, '/present/:roomId', ({ req, res }) => pages.page('present', req, res)),
    route(PAGE, '/console/:roomId', ({ req, res }) => pages.page('console', req, res)),
    route(PAGE, '/edit/:deck', ({ req, res }) => pages.page('edit', req, res)),
  ]);
  // Anything else: a GET or HEAD is a static file or 404, any other method 405.

  const dispatch = createDispatch({ table, site, limits, pages, log, canonicalRoomAddresses: rooms.clustered });
  const server = createServer({ maxHeaderSize: 16 * 1024, connectionsCheckingInterval: 1000 }, (req, res) => void dispatch(req, res));
  // Limits before anyone is authenticated: slow or endless requests are cut off.
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;

  // The /sync WebSockets (authentication, per-socket and per-participant limits) live in server/socket.ts.
  const sockets = createSyncSockets({ config, rooms, log, admitAddress: limits.admits });
  server.on('upgrade', sockets.upgrade);
  server.on('close', () => sockets.stop());

  return { server, closeSockets: () => sockets.closeAll() };
}
