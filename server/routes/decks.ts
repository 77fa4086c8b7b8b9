// The deck routes: the templates' list, a deck version's manifest and slides, and the deck API (create, read the
// source, save a version, copy, delete) for whoever holds a deck's editor key.
import { withoutNotes } from '../decks/notes.js';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeckManifest } from '../../core/deck.js';
import {
  CreateDeckBody,
  UpdateDeckBody,
  type CreateDeckResponse,
  type DeckSourceResponse,
  type InvalidDeckBody,
  type StaleVersionBody,
} from '../../core/wire.js';
import { imageUrl } from '../deck-images.js';
import type { DeckAccess, DeckOrigin } from '../deck-images-routes.js';
import { DeckError, type LoadedDeck } from '../deck-manifest.js';
import type { DeckImages, DeckRecord } from '../deck-store.js';
import { slug } from '../decks/blocks.js';
import { bearer, sameSecret } from '../http/auth.js';
import { parse, readJson } from '../http/body.js';
import { HttpError, tooMany } from '../http/errors.js';
import type { RouteRequest } from '../http/router.js';
import { sendJson } from '../respond.js';
import { hashSecret } from '../rooms.js';
import type { RouteContext } from './context.js';
import { starterDeck } from './starter-deck.js';

type DeckRequest = RouteRequest<{ readonly deck: string }>;

/** What a new deck starts from (an import brings the bytes of its images too). */
type Origin = DeckOrigin;

/** "Budgetmøde 2026 — Udvalget" → "budgetmoede-2026-udvalget": the readable half of a new deck's id. */
function deckSlug(title: string): string {
  return slug(title, 40) || 'deck';
}

/**
 * The random half: 10 characters of a-z and 2-7 (50 bits). A stored deck's manifest and slides are readable by
 * whoever knows its id (the projector and the phones fetch them), so the id must not be guessable.
 */
function suffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(10)].map((b) => alphabet[b & 31]).join('');
}

/** 256 bits: as a facilitator key. */
function newEditorKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether `key` is the deck's editor key: their hashes compared in constant time, as the facilitator key's are. */
function holdsKey(deck: DeckRecord, key: string | undefined): boolean {
  if (!key || key.length > 128 || !deck.editorKeyHash) return false;
  const a = Buffer.from(hashSecret(key), 'hex');
  const b = Buffer.from(deck.editorKeyHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 400 invalid_deck, naming the slide and the line of the mistake. Nothing was stored. */
function sendInvalid(res: ServerResponse, err: DeckError): void {
  // The error's own text after its "Deck "<id>", <slide>, linje <n>: " (the id is a stand-in for a new deck).
  const where = `${err.slide}${err.line ? `, linje ${err.line}` : ''}`;
  const prefix = `Deck "${err.deck}", ${where}: `;
  const what = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  const body: InvalidDeckBody = {
    error: {
      code: 'invalid_deck',
      message: `Decket blev ikke gemt. Fejl på ${where}: ${what}`,
      slide: err.slide,
      ...(err.line ? { line: err.line } : {}),
    },
  };
  sendJson(res, 400, body);
}

export function deckRoutes({ config, decks, rooms, site, limits, log }: RouteContext) {
  const store = decks.store;
  const images = rooms.storage.images;
  // The JSON around a source of MAX_DECK_BYTES: escaping (quotes, newlines, backslashes) may double it.
  const bodyLimit = 2 * config.maxDeckBytes + 4096;
  const kb = (bytes: number) => Math.ceil(bytes / 1024);

  function withinSize(source: string): void {
    const bytes = Buffer.byteLength(source);
    if (bytes > config.maxDeckBytes) {
      throw new HttpError(
        413,
        'body_too_large',
        `Decket er for stort: ${kb(bytes)} KB. Et deck må højst fylde ${kb(config.maxDeckBytes)} KB tekst; del det i to, eller fjern noget.`,
      );
    }
  }

  /** The deck at `?version=N`, or at its latest when there is no version; 404 when there is no such deck or version. */
  async function served(deckId: string, url: URL): Promise<LoadedDeck> {
    const raw = url.searchParams.get('version');
    try {
      if (raw === null) {
        const current = await decks.current(deckId);
        if (!current) throw new HttpError(404, 'unknown_deck', `Decket "${deckId}" findes ikke.`);
        return current.deck;
      }
      if (!/^[1-9]\d{0,8}$/.test(raw)) {
        throw new HttpError(400, 'invalid_request', `Parameteren "version" skal være et helt tal fra 1 (fik "${raw.slice(0, 20)}").`);
      }
      const deck = await decks.compiled(deckId, Number(raw));
      if (!deck) throw new HttpError(404, 'unknown_deck', `Decket "${deckId}" har ingen version ${raw}.`);
      return deck;
    } catch (err) {
      // A stored version is checked when it is saved; one that no longer compiles is this server's fault.
      if (err instanceof DeckError) {
        log(`decket ${deckId} (version ${raw ?? 'seneste'}) kan ikke vises: ${err.message}`);
        throw new HttpError(500, 'internal', `Decket "${deckId}" kan ikke vises: ${err.message}`);
      }
      throw err;
    }
  }

  /** A deck that is not deleted; 404 otherwise. */
  async function liveDeck(deckId: string): Promise<DeckRecord> {
    const deck = await store.getDeck(deckId);
    if (!deck || deck.deletedAt !== null) throw new HttpError(404, 'unknown_deck', `Decket "${deckId}" findes ikke.`);
    return deck;
  }

  /** A stored deck the caller holds the editor key of: 401 without a key, 403 with another or for a template. */
  async function editable(req: IncomingMessage, deckId: string): Promise<DeckRecord> {
    const deck = await liveDeck(deckId);
    if (deck.template) {
      throw new HttpError(
        403,
        'template_read_only',
        `"${deck.title}" er en skabelon og kan ikke ændres eller slettes. Lav en kopi (POST /api/decks/${deckId}/duplicate), og ret i kopien.`,
      );
    }
    checkKey(req, deck);
    return deck;
  }

  function checkKey(req: IncomingMessage, deck: DeckRecord): void {
    const key = bearer(req);
    if (!key) throw new HttpError(401, 'unauthorized', 'Mangler redigeringsnøgle: send Authorization: Bearer <editorKey>.');
    if (!holdsKey(deck, key)) throw new HttpError(403, 'forbidden', 'Nøglen hører ikke til dette deck.');
  }

  /** The latest version of the deck a copy is made from: a template anyone may copy, a stored deck with its key. */
  async function copyOf(req: IncomingMessage, deckId: string): Promise<Origin> {
    const deck = await liveDeck(deckId);
    if (deck.template && !decks.isTemplate(deckId)) throw new HttpError(404, 'unknown_deck', `Decket "${deckId}" findes ikke.`);
    if (!deck.template) checkKey(req, deck);
    const latest = await store.getLatestVersion(deckId);
    if (!latest) throw new HttpError(404, 'unknown_deck', `Decket "${deckId}" findes ikke.`);
    return { source: latest.source, images: latest.images, byEditorKey: !deck.template };
  }

  /** Whether the caller is the organiser; 401 when the server requires ADMIN_TOKEN and it is missing (as for rooms). */
  function organiser(req: IncomingMessage): boolean {
    const admin = config.adminToken !== undefined && sameSecret(bearer(req), config.adminToken);
    if (config.adminToken && !admin) throw new HttpError(401, 'unauthorized', 'Denne server kræver ADMIN_TOKEN for at oprette decks.');
    return admin;
  }

  /**
   * ADMIN_TOKEN as for rooms (401 when the server requires it and it is missing), then the allowance: per address
   * unless the organiser asks, and server-wide.
   */
  function admit(req: IncomingMessage, origin: Origin): void {
    const admin = origin.byEditorKey ? false : organiser(req);
    const address = site.clientAddress(req);
    if (!admin && !limits.decksByAddress.ready(address)) {
      tooMany(
        limits.decksByAddress.waitSeconds(address),
        'Der er oprettet mange decks fra denne adresse. Vent lidt, før du opretter det næste.',
      );
    }
    if (!limits.decksOnServer.take('*')) {
      tooMany(Math.max(1, limits.decksOnServer.waitSeconds('*')), 'Serveren opretter ikke flere decks lige nu. Prøv igen om lidt.');
    }
    if (!admin) limits.decksByAddress.take(address);
  }

  /** A new deck from `origin`, under a fresh id; answers 201 with its editor key. */
  async function createFrom(req: IncomingMessage, res: ServerResponse, origin: Origin): Promise<void> {
    admit(req, origin);
    withinSize(origin.source);
    let compiled: LoadedDeck;
    try {
      // Compiled under a stand-in id: the id is made from the deck's title, which compiling finds.
      compiled = decks.check('nyt-deck', origin.source, origin.images);
    } catch (err) {
      if (err instanceof DeckError) return sendInvalid(res, err);
      throw err;
    }
    const editorKey = newEditorKey();
    const title = compiled.manifest.title;
    const at = Date.now();
    if (origin.bytes?.length) await images.putBytes(origin.bytes, at);
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = `${deckSlug(title)}-${suffix()}`;
      const created = await store.createDeck({
        id,
        title,
        template: false,
        editorKeyHash: hashSecret(editorKey),
        source: origin.source,
        images: origin.images,
        at,
      });
      if (created === 'taken') continue;
      // Its images now are those of its version 1; uploads change them from here (server/deck-images.ts).
      await images.adopt(id, origin.images);
      const answer: CreateDeckResponse = {
        id,
        version: 1,
        editorKey,
        // The key travels in the fragment, which browsers never send to a server or write to its logs.
        editUrl: `${site.origin(req)}/edit/${id}#key=${editorKey}`,
      };
      return sendJson(res, 201, answer);
    }
    throw new HttpError(503, 'internal', 'Der kunne ikke findes et ledigt id til decket. Prøv igen.');
  }

  /** The images the source answer lists: a stored deck's now (what its next version pins), a template's of its version. */
  async function imagesNow(deck: DeckRecord, pinned: DeckImages): Promise<Pick<DeckSourceResponse, 'images' | 'imageFiles'>> {
    let files: { name: string; hash: string; type: string; bytes: number }[];
    if (deck.template) {
      const stored = await images.describe(Object.values(pinned));
      files = Object.entries(pinned).map(([name, hash]) => ({
        name,
        hash,
        type: stored.get(hash)?.type ?? '',
        bytes: stored.get(hash)?.bytes ?? 0,
      }));
    } else files = await images.current(deck.id);
    return {
      images: Object.fromEntries(files.map((f) => [f.name, f.hash])),
      imageFiles: files.map((f) => ({ ...f, url: imageUrl(f.hash) })),
    };
  }

  /** The checks and the creation that the image and deck-file routes share (server/deck-images-routes.ts). */
  const access: DeckAccess = {
    editable,
    async readable(req, deckId) {
      const deck = await liveDeck(deckId);
      if (!deck.template) checkKey(req, deck);
      return deck;
    },
    mayCreate: (req) => void organiser(req),
    createFrom,
  };

  /** The body of a request that may have none. */
  async function optionalJson(req: IncomingMessage): Promise<unknown> {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length === 0 && !req.headers['transfer-encoding']) return {};
    return readJson(req, bodyLimit);
  }

  return {
    access,

    /** GET /api/decks: the templates (and those left out, with their error). Stored decks are never listed. */
    list({ res }: RouteRequest): void {
      sendJson(res, 200, decks.list());
    },

    /** GET /api/decks/<deck>[?version=N] */
    async manifest({ res, url, params }: DeckRequest): Promise<void> {
      const manifest: DeckManifest = (await served(params.deck, url)).manifest;
      sendJson(res, 200, manifest);
    },

    /**
     * GET /api/decks/<deck>/slides[?version=N]: without the speaker notes. Anyone who knows a deck's id (every
     * phone in a room learns it) may fetch this; the facilitator's pages get the notes with the room's key from
     * GET /api/rooms/<roomId>/slides.
     */
    async slides({ res, url, params }: DeckRequest): Promise<void> {
      const deck = await served(params.deck, url);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(withoutNotes(deck.html));
    },

    /** GET /api/decks/<deck>/source: a template's for anyone, a stored deck's for the holder of its editor key. */
    async source({ req, res, params }: DeckRequest): Promise<void> {
      const deck = await liveDeck(params.deck);
      if (!deck.template) checkKey(req, deck);
      const latest = await store.getLatestVersion(deck.id);
      if (!latest) throw new HttpError(404, 'unknown_deck', `Decket "${deck.id}" findes ikke.`);
      const answer: DeckSourceResponse = {
        id: deck.id,
        title: latest.title,
        version: latest.version,
        updatedAt: latest.createdAt,
        source: latest.source,
        template: deck.template,
        ...(await imagesNow(deck, latest.images)),
        imageLimits: { maxImageBytes: config.maxImageBytes, maxImages: config.maxImagesPerDeck, maxTotalBytes: config.maxDeckImageBytes },
      };
      sendJson(res, 200, answer);
    },

    /** POST /api/decks */
    async create({ req, res }: RouteRequest): Promise<void> {
      const body = parse(CreateDeckBody, await readJson(req, bodyLimit));
      if (body.from !== undefined && body.source !== undefined) {
        throw new HttpError(400, 'invalid_request', 'Send enten "source" (et nyt deck) eller "from" (en kopi), ikke begge.');
      }
      if (body.title !== undefined && (body.from !== undefined || body.source !== undefined)) {
        throw new HttpError(
          400,
          'invalid_request',
          'Feltet "title" bruges kun til et nyt tomt deck. Et deck med "source" eller "from" har sin titel i teksten.',
        );
      }
      const origin: Origin =
        body.from !== undefined
          ? await copyOf(req, body.from)
          : { source: body.source ?? starterDeck(body.title ?? 'Nyt deck'), images: {}, byEditorKey: false };
      await createFrom(req, res, origin);
    },

    /** POST /api/decks/<deck>/duplicate */
    async duplicate({ req, res, params }: DeckRequest): Promise<void> {
      const body = await optionalJson(req);
      if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length > 0) {
        throw new HttpError(400, 'invalid_request', 'En kopi tager ingen felter: send en tom krop eller {}.');
      }
      await createFrom(req, res, await copyOf(req, params.deck));
    },

    /** PUT /api/decks/<deck>: a new version on top of `baseVersion`. */
    async update({ req, res, params }: DeckRequest): Promise<void> {
      const deck = await editable(req, params.deck);
      const body = parse(UpdateDeckBody, await readJson(req, bodyLimit));
      withinSize(body.source);
      const address = site.clientAddress(req);
      if (!limits.deckSavesByAddress.take(address)) {
        tooMany(limits.deckSavesByAddress.waitSeconds(address), 'Der er gemt mange gange fra denne adresse. Vent lidt, og gem igen.');
      }
      if (!limits.deckSavesOnServer.take('*')) {
        tooMany(Math.max(1, limits.deckSavesOnServer.waitSeconds('*')), 'Serveren gemmer ikke flere decks lige nu. Prøv igen om lidt.');
      }
      const stale = (currentVersion: number) => {
        const answer: StaleVersionBody = {
          error: {
            code: 'stale_version',
            message: `Nogen har gemt en nyere udgave af decket (version ${currentVersion}), mens du rettede. Din tekst er ikke væk: hent den nye udgave, og flet dine rettelser ind, før du gemmer igen.`,
            currentVersion,
          },
        };
        sendJson(res, 409, answer);
      };
      // The cheap refusal first; the store checks again atomically below.
      if (body.baseVersion !== deck.latestVersion) return stale(deck.latestVersion);
      // The version pins the deck's images as they are now: later uploads under the same name never reach it.
      const pinned: DeckImages = Object.fromEntries((await images.current(deck.id)).map((e) => [e.name, e.hash]));
      let compiled: LoadedDeck;
      try {
        compiled = decks.check(deck.id, body.source, pinned);
      } catch (err) {
        if (err instanceof DeckError) return sendInvalid(res, err);
        throw err;
      }
      const saved = await store.saveVersion(deck.id, body.baseVersion, body.source, compiled.manifest.title, pinned, Date.now());
      if (saved.status === 'stale') return stale(saved.currentVersion);
      if (saved.status === 'gone') throw new HttpError(404, 'unknown_deck', `Decket "${deck.id}" findes ikke.`);
      decks.remember(deck.id, saved.version, Promise.resolve(compiled));
      sendJson(res, 200, { version: saved.version });
    },

    /** DELETE /api/decks/<deck>: soft; the rooms that pinned a version keep it (server/deck-store.ts). */
    async remove({ req, res, params }: DeckRequest): Promise<void> {
      const deck = await editable(req, params.deck);
      if (!(await store.deleteDeck(deck.id, Date.now()))) throw new HttpError(404, 'unknown_deck', `Decket "${deck.id}" findes ikke.`);
      decks.forget(deck.id);
      log(`deck ${deck.id} slettet`);
      res.writeHead(204, { 'cache-control': 'no-store' });
      res.end();
    },
  };
}
