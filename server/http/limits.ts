// The allowances one server grants: per participant, per address and server-wide, and its cap on exports.
import type { IncomingMessage } from 'node:http';
import { CodeBrake } from '../code-brake.js';
import type { Config } from '../config.js';
import { ExportGate } from '../export/gate.js';
import { RateLimiter } from '../rate-limit.js';
import { tooMany } from './errors.js';

export interface Limits {
  /** Intents (a ballot, a note, a vote from the form) per participant. */
  intents: RateLimiter;
  /** Notes per participant, and per address: a script's many participants share one allowance. */
  notes: RateLimiter;
  addressNotes: RateLimiter;
  /** Wrong join codes, per address and server-wide (server/code-brake.ts). */
  codeBrake: CodeBrake;
  /** New participants per address. */
  joins: RateLimiter;
  /** New rooms per address and on the whole server. */
  roomsByAddress: RateLimiter;
  roomsOnServer: RateLimiter;
  /** New decks per address and on the whole server; saved deck versions the same (each is a stored copy). */
  decksByAddress: RateLimiter;
  decksOnServer: RateLimiter;
  deckSavesByAddress: RateLimiter;
  deckSavesOnServer: RateLimiter;
  /** Images uploaded to decks, per address and on the whole server. */
  imagesByAddress: RateLimiter;
  imagesOnServer: RateLimiter;
  exports: ExportGate;
  /** Whether the address has a request left (the API, the form post and the /sync upgrade share one allowance). */
  admits(req: IncomingMessage): boolean;
  /** As `admits`, but a refusal is a 429. */
  admit(req: IncomingMessage): void;
}

export function createLimits(config: Config, clientAddress: (req: IncomingMessage) => string): Limits {
  const addresses = new RateLimiter(config.addressBurst, config.addressRate);
  const admits = (req: IncomingMessage) => addresses.take(clientAddress(req));
  return {
    intents: new RateLimiter(config.intentBurst, config.intentRate),
    notes: new RateLimiter(config.noteBurst, config.notesPerMinute / 60),
    // A room behind one NAT writes far fewer notes a minute than this.
    addressNotes: new RateLimiter(config.addressNoteBurst, config.addressNotesPerMinute / 60),
    codeBrake: new CodeBrake({
      addressBurst: config.joinFailureBurst,
      addressPerMinute: config.joinFailuresPerMinute,
      serverBurst: config.serverJoinFailureBurst,
      serverPerMinute: config.serverJoinFailuresPerMinute,
    }),
    joins: new RateLimiter(config.joinBurst, config.joinsPerMinute / 60),
    roomsByAddress: new RateLimiter(config.roomCreateBurst, config.roomsPerHourPerAddress / 3600),
    roomsOnServer: new RateLimiter(Math.max(1, Math.ceil(config.roomsPerHour / 10)), config.roomsPerHour / 3600),
    decksByAddress: new RateLimiter(config.deckCreateBurst, config.decksPerHourPerAddress / 3600),
    decksOnServer: new RateLimiter(Math.max(1, Math.ceil(config.decksPerHour / 10)), config.decksPerHour / 3600),
    deckSavesByAddress: new RateLimiter(config.deckSaveBurst, config.deckSavesPerHourPerAddress / 3600),
    deckSavesOnServer: new RateLimiter(Math.max(1, Math.ceil(config.deckSavesPerHour / 10)), config.deckSavesPerHour / 3600),
    imagesByAddress: new RateLimiter(config.imageUploadBurst, config.imageUploadsPerHourPerAddress / 3600),
    imagesOnServer: new RateLimiter(Math.max(1, Math.ceil(config.imageUploadsPerHour / 10)), config.imageUploadsPerHour / 3600),
    // One cap for the whole server: each PDF or PNG export is a Chromium of its own.
    exports: new ExportGate({ running: config.exportConcurrency, queued: config.exportQueue, timeoutMs: config.exportTimeoutMs }),
    admits,
    admit(req) {
      if (!admits(req)) tooMany(1, 'For mange forespørgsler fra denne adresse. Vent et øjeblik og prøv igen.');
    },
  };
}
