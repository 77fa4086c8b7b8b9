// A deck as one file, to move it between installs: a zip with deck.md and billeder/<name> for each image. Reading
// one is reading a stranger's file, so every size is checked twice — as the zip declares it, and as it inflates.
import { Inflate, strToU8, zipSync, type Zippable } from 'fflate';
import { IMAGE_NAME, sizeText } from '../deck-images.js';

export const DECK_FILE = 'deck.md';
export const IMAGE_FOLDER = 'billeder';

/** What a deck file may hold: the same limits a deck and its images have on the server. */
export interface DeckZipLimits {
  maxDeckBytes: number;
  maxImageBytes: number;
  maxImages: number;
  maxTotalImageBytes: number;
}

export interface DeckZipContents {
  source: string;
  images: { name: string; data: Uint8Array }[];
}

/** A deck file that cannot be read; the message is Danish and says what to do. */
export class DeckZipError extends Error {
  constructor(
    message: string,
    /** 415 not a zip at all, 413 over a size limit, 400 anything else. */
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
    this.name = 'DeckZipError';
  }
}

/** The deck's Markdown and its images as a zip. Images are compressed already and are stored as they are. */
export function deckZip(source: string, images: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const files: Zippable = { [DECK_FILE]: [strToU8(source), { level: 9 }] };
  for (const image of images) files[`${IMAGE_FOLDER}/${image.name}`] = [image.data, { level: 0 }];
  return zipSync(files, { mtime: new Date('2026-01-01T00:00:00Z') });
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Inflated a few kilobytes at a time, so a bomb is caught after at most a few megabytes of output, not all of it. */
const SLICE = 4096;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The zip's table of contents (its central directory), with the sizes it declares. */
function centralDirectory(zip: Buffer, maxEntries: number): Entry[] {
  const notZip = () =>
    new DeckZipError('Filen er ikke en zip-fil. Et deck flyttes som den zip-fil, "Hent som fil" giver (deck.md og mappen billeder).', 415);
  if (zip.length < 22 || zip.readUInt32LE(0) !== LOCAL) throw notZip();
  // The end record is the last 22 bytes, or up to 64 KB earlier when the zip has a comment.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65_535); at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw notZip();
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new DeckZipError(
      'Zip-filen er i ZIP64-format, som bruges til meget store filer. Et deck er aldrig så stort: hent det igen med "Hent som fil".',
      413,
    );
  }
  if (count > maxEntries) {
    throw new DeckZipError(`Zip-filen indeholder ${count} filer; et deck har højst ${maxEntries} (deck.md og billederne).`, 413);
  }
  if (offset + size > end) throw notZip();
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL) throw notZip();
    const nameLength = zip.readUInt16LE(at + 28);
    const flags = zip.readUInt16LE(at + 8);
    // Bit 11: the name is UTF-8; otherwise it is the old DOS code page, of which we read the ASCII part right.
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      name: (flags & 0x800 ? rawName.toString('utf8') : rawName.toString('latin1')).normalize('NFC'),
      method: zip.readUInt16LE(at + 10),
      flags,
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Where an entry belongs: the deck's text, one of its images, or nothing worth reading (folders, a Mac's extras). */
type Place = { kind: 'deck' } | { kind: 'image'; name: string } | { kind: 'skip' };

function placeOf(path: string, prefix: string): Place {
  const shown = path.slice(0, 120);
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-zA-Z]:/.test(path)) {
    throw new DeckZipError(`Zip-filen indeholder en absolut sti ("${shown}"). Et deck må kun have deck.md og billeder/<filnavn>.`);
  }
  const segments = path.split(/[/\\]/);
  if (segments.includes('..')) {
    throw new DeckZipError(`Zip-filen indeholder en sti med ".." ("${shown}"), som peger uden for decket. Den tages ikke imod.`);
  }
  if (path.includes('\0')) throw new DeckZipError('Zip-filen indeholder et filnavn med et nul-tegn. Den tages ikke imod.');
  const last = segments[segments.length - 1]!;
  if (last === '' || segments[0] === '__MACOSX' || last === '.DS_Store' || last === 'Thumbs.db') return { kind: 'skip' };
  const inside = path.startsWith(prefix) ? segments.slice(prefix.split('/').length - 1) : undefined;
  if (inside?.length === 1 && inside[0] === DECK_FILE) return { kind: 'deck' };
  if (inside?.length === 2 && inside[0] === IMAGE_FOLDER) {
    if (!IMAGE_NAME.test(inside[1]!)) {
      throw new DeckZipError(
        `Billedet "${shown}" har et filnavn, der ikke kan bruges. Brug bogstaver, tal, punktum, bindestreg og understreg, højst 100 tegn.`,
      );
    }
    return { kind: 'image', name: inside[1]! };
  }
  throw new DeckZipError(
    `Zip-filen indeholder "${shown}", som ikke hører til et deck. Et deck er deck.md og billederne i mappen billeder/.`,
  );
}

/** The entry's bytes, inflated slice by slice and stopped as soon as they pass `limit`. */
function inflateEntry(zip: Buffer, entry: Entry, limit: number, tooLarge: () => DeckZipError): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw new DeckZipError(`Zip-filen er beskadiget ved "${entry.name}".`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new DeckZipError(`Zip-filen er ufuldstændig: "${entry.name}" mangler sin sidste del. Hent filen igen.`);
  const packed = zip.subarray(start, end);
  if (entry.method === 0) {
    if (packed.length > limit) throw tooLarge();
    return new Uint8Array(packed);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let i = 0; i < packed.length || i === 0; i += SLICE) inflate.push(packed.subarray(i, i + SLICE), i + SLICE >= packed.length);
  } catch (err) {
    if (err instanceof DeckZipError) throw err;
    throw new DeckZipError(`Zip-filen er beskadiget: "${entry.name}" kan ikke pakkes ud. Hent filen igen.`);
  }
  if (!finished) throw new DeckZipError(`Zip-filen er beskadiget: "${entry.name}" kan ikke pakkes ud. Hent filen igen.`);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * The deck in a zip, or DeckZipError saying what is wrong: not a zip, more entries than a deck has, a path with
 * ".." or an absolute one, something that is not deck.md or billeder/<name>, no deck.md, or any size — declared
 * or inflated — over the limits. The images' bytes are checked by the caller (server/deck-images.ts).
 */
export function readDeckZip(data: Uint8Array, limits: DeckZipLimits): DeckZipContents {
  const zip = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // deck.md, the images, and room for folders and the extras a Mac's "Komprimer" adds.
  const maxEntries = limits.maxImages + 20;
  const entries = centralDirectory(zip, maxEntries);

  // A deck zipped from its folder ("mit-deck/deck.md") is read as if the folder were not there.
  const names = entries.map((e) => e.name);
  let prefix = '';
  if (!names.includes(DECK_FILE)) {
    const nested = names.filter((n) => /^[^/\\]+\/deck\.md$/.test(n) && !n.startsWith('__MACOSX/'));
    if (nested.length === 1) prefix = nested[0]!.slice(0, -DECK_FILE.length);
  }

  const places = entries.map((e) => placeOf(e.name, prefix));
  if (!places.some((p) => p.kind === 'deck')) {
    throw new DeckZipError('Zip-filen mangler deck.md, decket selv. Et deck er deck.md og billederne i mappen billeder/.');
  }
  const seen = new Set<string>();
  let images = 0;
  let declared = 0;
  for (const [i, entry] of entries.entries()) {
    const place = places[i]!;
    if (place.kind === 'skip') continue;
    const key = place.kind === 'deck' ? DECK_FILE : place.name;
    if (seen.has(key)) throw new DeckZipError(`Zip-filen indeholder "${entry.name}" to gange.`);
    seen.add(key);
    if (entry.flags & 0x1) throw new DeckZipError('Zip-filen er krypteret med en adgangskode. Pak den uden adgangskode, og prøv igen.');
    if (entry.method !== 0 && entry.method !== 8) {
      throw new DeckZipError(`"${entry.name}" er pakket med en metode, Rådslag ikke kan læse. Pak filen som almindelig zip (deflate).`);
    }
    if (place.kind === 'image' && ++images > limits.maxImages) {
      throw new DeckZipError(`Zip-filen har mere end ${limits.maxImages} billeder; et deck må højst have ${limits.maxImages}.`, 413);
    }
    const limit = place.kind === 'deck' ? limits.maxDeckBytes : limits.maxImageBytes;
    if (entry.size > limit) {
      throw new DeckZipError(
        place.kind === 'deck'
          ? `deck.md fylder ${sizeText(entry.size)}; et deck må højst fylde ${sizeText(limits.maxDeckBytes)} tekst.`
          : `"${entry.name}" fylder ${sizeText(entry.size)}; et billede må højst fylde ${sizeText(limits.maxImageBytes)}.`,
        413,
      );
    }
    if (place.kind === 'image') declared += entry.size;
  }
  if (declared > limits.maxTotalImageBytes) {
    throw new DeckZipError(
      `Billederne fylder ${sizeText(declared)} tilsammen; et decks billeder må højst fylde ${sizeText(limits.maxTotalImageBytes)}.`,
      413,
    );
  }

  // The declared sizes are the zip's word; the bytes as they inflate are the truth, and are held to the same limits.
  let source = '';
  const out: DeckZipContents['images'] = [];
  let total = 0;
  for (const [i, entry] of entries.entries()) {
    const place = places[i]!;
    if (place.kind === 'skip') continue;
    const bomb = () =>
      new DeckZipError(
        `"${entry.name}" fylder mere udpakket, end zip-filen siger (over ${place.kind === 'deck' ? sizeText(limits.maxDeckBytes) : sizeText(limits.maxImageBytes)}). Filen tages ikke imod.`,
        413,
      );
    if (place.kind === 'deck') {
      const bytes = inflateEntry(zip, entry, limits.maxDeckBytes, bomb);
      try {
        source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new DeckZipError('deck.md er ikke tekst i UTF-8. Gem den som UTF-8, og prøv igen.');
      }
      continue;
    }
    const bytes = inflateEntry(zip, entry, Math.min(limits.maxImageBytes, limits.maxTotalImageBytes - total), bomb);
    total += bytes.length;
    out.push({ name: place.name, data: bytes });
  }
  return { source, images: out };
}
