// The routes of a deck's images and of a deck as one file: upload and remove an image (editor key), serve an image
// by its hash (anyone: the projector and the phones show it), export a deck as a zip, import one as a new deck.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeckImageUploadResponse } from '../core/wire.js';
import type { Config } from './config.js';
import {
  checkImage,
  type DeckImageStore,
  HASH_PATTERN,
  imageNameProblem,
  imageUrl,
  type StoredImage,
  SWEEP_GRACE_MS,
  sha256,
  sizeText,
} from './deck-images.js';
import type { DeckImages, DeckRecord, DeckStore } from './deck-store.js';
import { DeckZipError, deckZip, readDeckZip } from './decks/zip.js';
import { HttpError, tooMany } from './http/errors.js';
import type { Limits } from './http/limits.js';
import type { RouteRequest } from './http/router.js';
import { sendJson } from './respond.js';

/** What a new deck is made from; `bytes` are images to store first (an import brings its own). */
export interface DeckOrigin {
  source: string;
  images: DeckImages;
  bytes?: readonly StoredImage[];
  /** Copying a stored deck is authorised by its editor key, not by ADMIN_TOKEN. */
  byEditorKey: boolean;
}

/** The deck routes' own checks (server/routes/decks.ts), so a deck's images are guarded exactly as the deck is. */
export interface DeckAccess {
  /** A stored deck the caller holds the editor key of: 401 without a key, 403 with another or for a template, 404. */
  editable(req: IncomingMessage, deckId: string): Promise<DeckRecord>;
  /** A template for anyone, a stored deck for the holder of its editor key. */
  readable(req: IncomingMessage, deckId: string): Promise<DeckRecord>;
  /** ADMIN_TOKEN as for a new deck: 401 when the server requires it and it is missing. */
  mayCreate(req: IncomingMessage): void;
  /** A new deck from `origin` under a fresh id, answered 201 as POST /api/decks is (its allowances, its checks). */
  createFrom(req: IncomingMessage, res: ServerResponse, origin: DeckOrigin): Promise<void>;
}

export interface DeckImageDeps {
  config: Config;
  store: DeckStore;
  images: DeckImageStore;
  access: DeckAccess;
  limits: Pick<Limits, 'imagesByAddress' | 'imagesOnServer'>;
  clientAddress: (req: IncomingMessage) => string;
  log: (message: string) => void;
}

type DeckRequest = RouteRequest<{ readonly deck: string }>;

/** A raw request body, refused (413) as soon as it passes `limit`: a declared length over it before a byte is read. */
async function readBytes(req: IncomingMessage, limit: number, tooLarge: string): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new HttpError(413, 'body_too_large', tooLarge);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'body_too_large', tooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function deckImageRoutes({ config, store, images, access, limits, clientAddress, log }: DeckImageDeps) {
  const quota = { maxImages: config.maxImagesPerDeck, maxTotalBytes: config.maxDeckImageBytes };
  const { imagesByAddress: uploadsByAddress, imagesOnServer: uploadsOnServer } = limits;
  const zipLimits = {
    maxDeckBytes: config.maxDeckBytes,
    maxImageBytes: config.maxImageBytes,
    maxImages: config.maxImagesPerDeck,
    maxTotalImageBytes: config.maxDeckImageBytes,
  };

  // Bytes nobody names any longer (a replaced or removed image no version pinned, a deleted deck's) are swept
  // after a change, at most once a minute: the sweep reads every version's images.
  let sweptAt = 0;
  function sweepSoon(): void {
    const now = Date.now();
    if (now - sweptAt < 60_000) return;
    sweptAt = now;
    images.sweep(now - SWEEP_GRACE_MS).then(
      (n) => n > 0 && log(`${n} billeder, som intet deck bruger længere, er slettet`),
      (err: unknown) => log(`billederne kunne ikke ryddes op: ${(err as Error).message}`),
    );
  }

  function spend(req: IncomingMessage): void {
    const address = clientAddress(req);
    if (!uploadsByAddress.ready(address)) {
      tooMany(uploadsByAddress.waitSeconds(address), 'Der er lagt mange billeder op fra denne adresse. Vent lidt, og prøv igen.');
    }
    if (!uploadsOnServer.take('*')) {
      tooMany(Math.max(1, uploadsOnServer.waitSeconds('*')), 'Serveren tager ikke imod flere billeder lige nu. Prøv igen om lidt.');
    }
    uploadsByAddress.take(address);
  }

  return {
    /** POST /api/decks/<deck>/images?name=<file name>, the image's bytes as the body. */
    async upload({ req, res, url, params }: DeckRequest): Promise<void> {
      const deck = await access.editable(req, params.deck);
      const name = (url.searchParams.get('name') ?? '').normalize('NFC');
      const problem = imageNameProblem(name);
      if (problem) throw new HttpError(400, 'invalid_request', problem);
      spend(req);
      const data = await readBytes(
        req,
        config.maxImageBytes,
        `"${name}" er for stort; et billede må højst fylde ${sizeText(config.maxImageBytes)}. Gem det mindre (fx 1920 punkter bredt), og læg det op igen.`,
      );
      const check = checkImage(data, config.maxImageBytes, name);
      if (!check.ok) throw new HttpError(check.status, check.code, check.message);
      const hash = sha256(data);
      const put = await images.put(deck.id, name, { hash, type: check.type, data }, quota, Date.now());
      if (put.status === 'too_many') {
        throw new HttpError(
          409,
          'images_full',
          `Decket har allerede ${put.count} billeder, og et deck må højst have ${quota.maxImages}. Fjern et billede, decket ikke bruger, og prøv igen.`,
        );
      }
      if (put.status === 'too_large_total') {
        throw new HttpError(
          409,
          'images_full',
          `Decket har billeder for ${sizeText(put.total)}; med "${name}" bliver det mere end de ${sizeText(quota.maxTotalBytes)}, et deck må have. Fjern et billede, eller gem billederne mindre.`,
        );
      }
      if (put.replaced) sweepSoon();
      const answer: DeckImageUploadResponse = {
        name,
        hash,
        url: imageUrl(hash),
        type: check.type,
        bytes: data.length,
        width: check.width,
        height: check.height,
      };
      sendJson(res, 201, answer);
    },

    /** DELETE /api/decks/<deck>/images/<name>: out of the current set; versions that pinned it keep showing it. */
    async remove({ req, res, params }: RouteRequest<{ readonly deck: string; readonly name: string }>): Promise<void> {
      const deck = await access.editable(req, params.deck);
      const name = params.name.normalize('NFC');
      if (!(await images.remove(deck.id, name))) {
        throw new HttpError(404, 'not_found', `Decket har intet billede, der hedder "${name.slice(0, 100)}".`);
      }
      sweepSoon();
      res.writeHead(204, { 'cache-control': 'no-store' });
      res.end();
    },

    /** GET /api/deck-images/<sha256>: the same bytes for as long as the URL exists, so they are cached for good. */
    async serve({ req, res, params }: RouteRequest<{ readonly hash: string }>): Promise<void> {
      const hash = params.hash;
      const image = HASH_PATTERN.test(hash) ? await images.get(hash) : undefined;
      if (!image) throw new HttpError(404, 'not_found', 'Billedet findes ikke.');
      const headers = {
        'content-type': image.type,
        'cache-control': 'public, max-age=31536000, immutable',
        etag: `"${hash}"`,
        // Opened on its own, an image is a document: it may run nothing and load nothing.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'cross-origin-resource-policy': 'same-origin',
      };
      if (req.headers['if-none-match'] === `"${hash}"`) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': image.data.length });
      res.end(image.data);
    },

    /** GET /api/decks/<deck>/export: deck.md and billeder/<name> of the latest version, as <deck>.zip. */
    async exportZip({ req, res, params }: DeckRequest): Promise<void> {
      const deck = await access.readable(req, params.deck);
      const latest = await store.getLatestVersion(deck.id);
      if (!latest) throw new HttpError(404, 'unknown_deck', `Decket "${deck.id}" findes ikke.`);
      const files: { name: string; data: Uint8Array }[] = [];
      for (const [name, hash] of Object.entries(latest.images)) {
        const image = await images.get(hash);
        if (!image) {
          log(`decket ${deck.id} version ${latest.version}: billedet ${name} (${hash}) mangler i lageret`);
          throw new HttpError(500, 'internal', `Billedet "${name}" mangler på serveren, så decket kan ikke hentes som fil.`);
        }
        files.push({ name, data: image.data });
      }
      const zip = deckZip(latest.source, files);
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': zip.length,
        'content-disposition': `attachment; filename="${deck.id}.zip"`,
        'cache-control': 'no-store',
      });
      res.end(zip);
    },

    /** POST /api/decks/import, a deck file (zip) as the body: a new deck with a new id and a new editor key. */
    async importZip({ req, res }: RouteRequest): Promise<void> {
      // Refused before a byte of a large body is read, when the server requires ADMIN_TOKEN and it is missing.
      access.mayCreate(req);
      const limit = config.maxDeckBytes + config.maxDeckImageBytes + 64 * 1024;
      const zip = await readBytes(
        req,
        limit,
        `Filen er for stor (højst ${sizeText(limit)}): et deck er højst ${sizeText(config.maxDeckBytes)} tekst og ${sizeText(config.maxDeckImageBytes)} billeder.`,
      );
      let contents: ReturnType<typeof readDeckZip>;
      try {
        contents = readDeckZip(zip, zipLimits);
      } catch (err) {
        if (err instanceof DeckZipError)
          throw new HttpError(err.status, err.status === 415 ? 'unsupported_media_type' : 'invalid_zip', err.message);
        throw err;
      }
      const map: DeckImages = {};
      const bytes: StoredImage[] = [];
      for (const image of contents.images) {
        const check = checkImage(image.data, config.maxImageBytes, `billeder/${image.name}`);
        if (!check.ok) throw new HttpError(check.status, check.code, `Decket blev ikke importeret: ${check.message}`);
        const hash = sha256(image.data);
        map[image.name] = hash;
        bytes.push({ hash, type: check.type, data: Buffer.from(image.data) });
      }
      await access.createFrom(req, res, { source: contents.source, images: map, bytes, byEditorKey: false });
    },
  };
}
