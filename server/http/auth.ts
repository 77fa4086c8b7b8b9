// Who may call: a bearer token names the room's facilitator, a participant, or the server's organiser (ADMIN_TOKEN).
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Room } from '../room.js';
import { hashSecret, type Rooms } from '../rooms.js';
import { HttpError } from './errors.js';

/** Compares a presented secret with the expected one in constant time (by their hashes, so lengths do not leak). */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(Buffer.from(hashSecret(presented), 'hex'), Buffer.from(hashSecret(expected), 'hex'));
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

export interface Auth {
  /** The room, for the holder of its facilitator key; 401, 403 or 404 otherwise. */
  facilitatorRoom(req: IncomingMessage, roomId: string): Promise<Room>;
  /** The room and the participant, for a participant ticket of this room; 401, 403 or 404 otherwise. */
  participantRoom(req: IncomingMessage, roomId: string): Promise<{ room: Room; participantId: string }>;
  /** Whether the caller is the organiser; 401 when the server requires ADMIN_TOKEN to create rooms and it is missing. */
  roomCreator(req: IncomingMessage): boolean;
}

export function createAuth(rooms: Rooms, adminToken: string | undefined): Auth {
  return {
    async facilitatorRoom(req, roomId) {
      const key = bearer(req);
      if (!key) throw new HttpError(401, 'unauthorized', 'Mangler facilitatornøgle: send Authorization: Bearer <facilitatorKey>.');
      // The key is checked against the stored record first: a wrong key never loads the room into memory.
      const record = await rooms.record(roomId);
      if (!record) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
      if (!rooms.isFacilitator(record, key)) throw new HttpError(403, 'forbidden', 'Nøglen hører ikke til dette rum.');
      const room = await rooms.get(roomId);
      if (!room) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
      return room;
    },

    async participantRoom(req, roomId) {
      const token = bearer(req);
      if (!token) throw new HttpError(401, 'unauthorized', 'Mangler deltagerbillet: deltag med koden først.');
      const p = await rooms.participant(token);
      if (!p) throw new HttpError(401, 'unauthorized', 'Deltagerbilletten er ukendt eller udløbet: deltag med koden igen.');
      if (p.roomId !== roomId) throw new HttpError(403, 'forbidden', 'Deltagerbilletten hører til et andet rum.');
      const room = await rooms.get(roomId);
      if (!room) throw new HttpError(404, 'not_found', 'Rummet findes ikke.');
      return { room, participantId: p.id };
    },

    roomCreator(req) {
      const admin = adminToken !== undefined && sameSecret(bearer(req), adminToken);
      if (adminToken && !admin) throw new HttpError(401, 'unauthorized', 'Denne server kræver ADMIN_TOKEN for at oprette rum.');
      return admin;
    },
  };
}
