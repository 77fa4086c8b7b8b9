// The room routes of the wire contract: create a room, its facts for the facilitator, delete it, a phone's own view, control, intents, export.
import {
  AnyControlBody,
  CreateRoomBody,
  IntentBody,
  openingCode,
  type CreateRoomResponse,
  type MeResponse,
  type RoomInfo,
} from '../../core/wire.js';
import { exportRoom } from '../export/index.js';
import '../export/formats.js';
import { parse, readJson } from '../http/body.js';
import { HttpError, tooMany } from '../http/errors.js';
import type { RouteRequest } from '../http/router.js';
import { sendJson } from '../respond.js';
import { NoFreeCodeError, type CreatedRoom } from '../rooms.js';
import type { RouteContext } from './context.js';

type RoomRequest = RouteRequest<{ readonly roomId: string }>;

export function roomRoutes({ config, rooms, decks, log, auth, site, limits }: RouteContext) {
  const json = (r: RouteRequest) => readJson(r.req, config.maxBodyBytes);

  return {
    /** POST /api/rooms */
    async create(r: RouteRequest): Promise<void> {
      const { req, res } = r;
      const admin = auth.roomCreator(req);
      const body = parse(CreateRoomBody, await json(r));
      // The room pins the deck's latest version now: what is saved to the deck later reaches the next room, not this one.
      const deck = await decks.current(body.deck);
      if (!deck) throw new HttpError(400, 'unknown_deck', `Decket "${body.deck}" findes ikke.`);
      // Every room holds a join code for JOIN_CODE_DAYS: creation is limited per address (an organiser with
      // ADMIN_TOKEN is trusted) and server-wide, so the code space can never be used up.
      const address = site.clientAddress(req);
      if (!admin && !limits.roomsByAddress.ready(address)) {
        tooMany(
          limits.roomsByAddress.waitSeconds(address),
          'Der er oprettet mange rum fra denne adresse. Vent lidt, før du opretter det næste.',
        );
      }
      if (!limits.roomsOnServer.take('*')) {
        tooMany(Math.max(1, limits.roomsOnServer.waitSeconds('*')), 'Serveren opretter ikke flere rum lige nu. Prøv igen om lidt.');
      }
      if (!admin) limits.roomsByAddress.take(address);
      let created: CreatedRoom;
      try {
        created = await rooms.create(body.deck, deck.version);
      } catch (err) {
        if (err instanceof NoFreeCodeError) throw new HttpError(503, 'no_free_code', err.message);
        throw err;
      }
      const { record, facilitatorKey } = created;
      const answer: CreateRoomResponse = {
        roomId: record.id,
        joinCode: record.joinCode,
        facilitatorKey,
        ...site.roomUrls(req, record.id, record.joinCode),
      };
      // The key travels in the fragment, which browsers never send to a server or write to its logs.
      answer.presentUrl += `#key=${facilitatorKey}`;
      sendJson(res, 201, answer);
    },

    /** GET /api/rooms/<roomId> */
    async info({ req, res, params: { roomId } }: RoomRequest): Promise<void> {
      const room = await auth.facilitatorRoom(req, roomId);
      const info: RoomInfo = {
        roomId,
        deck: room.manifest.id,
        deckVersion: room.record.deckVersion,
        title: room.manifest.title,
        joinCode: openingCode(room.record.joinCode),
        createdAt: room.record.createdAt,
        ...site.roomUrls(req, roomId, openingCode(room.record.joinCode)),
      };
      sendJson(res, 200, info);
    },

    /** GET /api/rooms/<roomId>/slides: the slides of the room's pinned deck version, speaker notes included. */
    async slides({ req, res, params: { roomId } }: RoomRequest): Promise<void> {
      const room = await auth.facilitatorRoom(req, roomId);
      const pinned = await decks.pinned(room.record);
      if (!pinned) throw new HttpError(404, 'unknown_deck', `Decket "${room.record.deck}" findes ikke længere.`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(pinned.deck.html);
    },

    /** DELETE /api/rooms/<roomId> */
    async remove({ req, res, params: { roomId } }: RoomRequest): Promise<void> {
      const room = await auth.facilitatorRoom(req, roomId);
      await rooms.delete(room.id);
      log(`rum ${room.id} slettet af facilitator`);
      sendJson(res, 200, { roomId: room.id, deleted: true });
    },

    /** GET /api/rooms/<roomId>/me */
    async me({ req, res, params: { roomId } }: RoomRequest): Promise<void> {
      const { room, participantId } = await auth.participantRoom(req, roomId);
      const me: MeResponse = {
        roomId,
        participantId,
        deck: room.manifest.id,
        deckVersion: room.record.deckVersion,
        title: room.manifest.title,
        ballots: room.ballotsOf(participantId),
        boards: room.boards.of(participantId),
      };
      sendJson(res, 200, me);
    },

    /** GET /api/rooms/<roomId>/export?format=…&place=… */
    async export({ req, res, url, params: { roomId } }: RoomRequest): Promise<void> {
      const room = await auth.facilitatorRoom(req, roomId);
      const format = url.searchParams.get('format') ?? 'json';
      const place = url.searchParams.get('place')?.slice(0, 200) || undefined;
      const file = await exportRoom(room.id, format, {
        storage: rooms.storage,
        decks,
        place,
        gate: limits.exports,
        dataDir: config.dataDir,
      });
      if (!file) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
      res.writeHead(200, {
        'content-type': file.type,
        'content-length': file.body.length,
        'content-disposition': `attachment; filename="${file.name}"`,
        'cache-control': 'no-store',
      });
      res.end(file.body);
    },

    /** POST /api/rooms/<roomId>/control */
    async control(r: RoomRequest): Promise<void> {
      const room = await auth.facilitatorRoom(r.req, r.params.roomId);
      const body = parse(AnyControlBody, await json(r));
      const answer = await room.control(body);
      sendJson(r.res, answer.status, answer.body);
    },

    /** POST /api/rooms/<roomId>/intents */
    async intents(r: RoomRequest): Promise<void> {
      const { room, participantId } = await auth.participantRoom(r.req, r.params.roomId);
      if (!limits.intents.take(participantId)) tooMany(1, 'For mange handlinger på kort tid. Vent et øjeblik og prøv igen.');
      const intent = parse(IntentBody, await json(r));
      if (intent.type !== 'ballot' && !limits.notes.take(participantId)) {
        tooMany(10, 'Du har skrevet mange sedler på kort tid. Vent lidt, før du skriver den næste.');
      }
      if (intent.type !== 'ballot' && !limits.addressNotes.take(site.clientAddress(r.req))) {
        tooMany(10, 'Der er skrevet mange sedler fra dette netværk på kort tid. Vent lidt, før du skriver den næste.');
      }
      const answer = intent.type === 'ballot' ? await room.castBallot(participantId, intent) : await room.actOnBoard(participantId, intent);
      sendJson(r.res, answer.status, answer.body);
    },
  };
}
