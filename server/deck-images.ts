// Images uploaded with a deck: what an image is (decided from its bytes), the names a deck may give one, and the
// storage contract — content-addressed bytes, and each deck's current name → hash map that its next version pins.
import { createHash } from 'node:crypto';
import type { DeckImages } from './deck-store.js';

/** The formats a slide may show. SVG is refused: it is a document that may hold scripts and load from elsewhere. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** Where an image is served: its bytes' SHA-256, so a URL always shows the same picture (server/decks/sanitise.ts allows exactly this). */
export function imageUrl(hash: string): string {
  return `/api/deck-images/${hash}`;
}

export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** A size as a person reads it in a message: "340 KB", "4,8 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024).toLocaleString('da-DK')} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('da-DK', { maximumFractionDigits: 1 })} MB`;
}

/** A projector shows a slide at 1920×1080; an image far larger than that only costs the phones and projectors memory. */
export const MAX_IMAGE_SIDE = 10_000;
export const MAX_IMAGE_PIXELS = 40_000_000;

/**
 * A file name as the Markdown writes it (`![Kortet](kort.png)`): letters, digits, dot, hyphen and underscore, not
 * starting with a dot, at most 100 characters. No folders, so a name can never point anywhere but at the deck's
 * own images.
 */
export const IMAGE_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}._-]{0,99}$/u;

export function imageNameProblem(name: string): string | undefined {
  if (name === '') return 'Billedet mangler et filnavn: send det som ?name=kort.png.';
  if (!IMAGE_NAME.test(name.normalize('NFC'))) {
    return `Filnavnet "${name.slice(0, 100)}" kan ikke bruges. Brug bogstaver, tal, punktum, bindestreg og understreg (fx "kort-2026.png"), højst 100 tegn, og ingen mapper.`;
  }
  return undefined;
}

/** What an image's bytes are, or why they are not an image a slide may show. */
export type ImageCheck =
  | { ok: true; type: ImageType; width: number; height: number }
  | { ok: false; status: 400 | 413 | 415; code: 'unsupported_media_type' | 'invalid_image' | 'body_too_large'; message: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ascii(b: Buffer, at: number, length: number): string {
  return b.subarray(at, at + length).toString('latin1');
}

/** SVG or another XML document, which we refuse by name so the person knows what to do instead. */
function looksLikeSvg(b: Buffer): boolean {
  const head = b
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<?xml') || head.startsWith('<svg') || (head.startsWith('<!') && head.includes('<svg'));
}

function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    let marker = b[at + 1]!;
    // Fill bytes: any number of 0xFF before a marker.
    while (marker === 0xff && at + 2 < b.length) {
      at++;
      marker = b[at + 1]!;
    }
    at += 2;
    // Markers without a length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (marker === 0xd9 || marker === 0xda) return undefined;
    if (at + 2 > b.length) return undefined;
    const length = b.readUInt16BE(at);
    if (length < 2) return undefined;
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header holds the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 7 > b.length) return undefined;
      return { height: b.readUInt16BE(at + 3), width: b.readUInt16BE(at + 5) };
    }
    at += length;
  }
  return undefined;
}

function webpSize(b: Buffer): { width: number; height: number } | undefined {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  }
  return undefined;
}

/** The image's type and size from its magic numbers and header; the name and the request's Content-Type play no part. */
export function checkImage(bytes: Uint8Array, maxBytes: number, name = 'billedet'): ImageCheck {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length > maxBytes) {
    return {
      ok: false,
      status: 413,
      code: 'body_too_large',
      message: `"${name}" fylder ${sizeText(b.length)}; et billede må højst fylde ${sizeText(maxBytes)}. Gem det mindre (fx 1920 punkter bredt), og læg det op igen.`,
    };
  }
  let found: { type: ImageType; size: { width: number; height: number } | undefined } | undefined;
  if (b.length >= 24 && b.subarray(0, 8).equals(PNG_SIGNATURE) && ascii(b, 12, 4) === 'IHDR') {
    found = { type: 'image/png', size: { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } };
  } else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    found = { type: 'image/jpeg', size: jpegSize(b) };
  } else if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    found = { type: 'image/webp', size: webpSize(b) };
  } else if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    found = { type: 'image/gif', size: { width: b.readUInt16LE(6), height: b.readUInt16LE(8) } };
  }
  if (!found) {
    if (looksLikeSvg(b)) {
      return {
        ok: false,
        status: 415,
        code: 'unsupported_media_type',
        message: `"${name}" er et SVG-billede, og dem tager Rådslag ikke imod, fordi de kan indeholde kode. Gem billedet som PNG (fx med "Eksportér som PNG"), og læg det op igen.`,
      };
    }
    return {
      ok: false,
      status: 415,
      code: 'unsupported_media_type',
      message: `"${name}" er ikke et billede, Rådslag kan vise. Læg et PNG-, JPEG-, WebP- eller GIF-billede op; filnavnet afgør ikke typen, det gør indholdet.`,
    };
  }
  const { size } = found;
  if (!size || size.width < 1 || size.height < 1) {
    return {
      ok: false,
      status: 400,
      code: 'invalid_image',
      message: `"${name}" ligner et ${found.type.slice(6).toUpperCase()}-billede, men er beskadiget. Gem det igen, og læg det op på ny.`,
    };
  }
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE || size.width * size.height > MAX_IMAGE_PIXELS) {
    return {
      ok: false,
      status: 413,
      code: 'body_too_large',
      message: `"${name}" er ${size.width}×${size.height} punkter; højst ${MAX_IMAGE_SIDE} på hver led og ${MAX_IMAGE_PIXELS / 1_000_000} millioner i alt. Gem det mindre, og læg det op igen.`,
    };
  }
  return { ok: true, type: found.type, width: size.width, height: size.height };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** An image as the deck sees it: its name in the Markdown and what is stored under its hash. */
export interface DeckImageEntry {
  name: string;
  hash: string;
  type: ImageType;
  bytes: number;
}

/** The bytes of one stored image. */
export interface StoredImage {
  hash: string;
  type: ImageType;
  data: Buffer;
}

/** How many images, and how many bytes together, one deck's current set may hold. */
export interface DeckImageQuota {
  maxImages: number;
  maxTotalBytes: number;
}

export type PutImageResult =
  | { status: 'stored'; replaced: boolean }
  | { status: 'too_many'; count: number }
  | { status: 'too_large_total'; total: number };

/**
 * The storage contract for deck images (part of Storage). Bytes are stored once per SHA-256 and never change; a
 * deck's current set names them (`name → hash`). Saving a version copies the current set into the version
 * (DeckVersion.images), so a version keeps showing its images whatever is uploaded or removed later. Bytes that
 * neither a current set nor a stored version names any longer are removed by `sweep`.
 */
export interface DeckImageStore {
  /**
   * Store the bytes (once per hash) and give them `name` in the deck's current set, replacing what the name
   * showed. Checked against the quota in the same transaction, so two uploads at once cannot both slip past it.
   */
  put(deckId: string, name: string, image: StoredImage, quota: DeckImageQuota, at: number): Promise<PutImageResult>;
  /** Store bytes that no deck names yet (an import, before its deck exists). Kept at least `sweep`'s grace time. */
  putBytes(images: readonly StoredImage[], at: number): Promise<void>;
  /** The deck's current set, by name. */
  current(deckId: string): Promise<DeckImageEntry[]>;
  /** Make `images` the deck's current set (a new deck, a copy, an import: the set of its version 1). */
  adopt(deckId: string, images: DeckImages): Promise<void>;
  /** Take the name out of the deck's current set; false when it was not there. Versions that pinned it keep it. */
  remove(deckId: string, name: string): Promise<boolean>;
  get(hash: string): Promise<StoredImage | undefined>;
  /** The type and size of stored images, by hash (those not stored are left out). */
  describe(hashes: readonly string[]): Promise<Map<string, { type: ImageType; bytes: number }>>;
  /**
   * Remove the current sets of deleted decks, and bytes stored before `before` that no current set and no stored
   * version names. Answers how many images' bytes went.
   */
  sweep(before: number): Promise<number>;
}

/** Bytes nobody names are kept this long, so an import between storing its images and creating its deck never loses them. */
export const SWEEP_GRACE_MS = 10 * 60 * 1000;

/** The compiler's view of a version's images: the file name in the Markdown → the URL it is served from. */
export function imageUrls(images: DeckImages): Map<string, string> {
  return new Map(Object.entries(images).map(([name, hash]) => [name, imageUrl(hash)]));
}
