// Deck images without a server: the type read from the bytes, and the deck file's reader on its own. The image
// store's contract (quota, the current set, what a sweep may remove) is in test/contract/.
import { strToU8, zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { checkImage } from '../../server/deck-images.js';
import { DeckZipError, deckZip, readDeckZip } from '../../server/decks/zip.js';

function png(width: number, height: number, seed = 0): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(seed);
  return PNG.sync.write(image);
}

describe('checkImage', () => {
  it('reads the type and size from the bytes', () => {
    expect(checkImage(png(7, 3), 1e6)).toEqual({ ok: true, type: 'image/png', width: 7, height: 3 });
    const gif = Buffer.from('GIF89a\x05\x00\x02\x00\x00\x00\x00;', 'latin1');
    expect(checkImage(gif, 1e6)).toEqual({ ok: true, type: 'image/gif', width: 5, height: 2 });
    // A JPEG's frame header after an APP0 segment.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x09, 0x00, 0x0c, 0x01, 0x01, 0x11, 0x00,
    ]);
    expect(checkImage(jpeg, 1e6)).toEqual({ ok: true, type: 'image/jpeg', width: 12, height: 9 });
    // WebP, lossless: 14 bits of width-1 and height-1.
    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBPVP8L', 8, 'latin1');
    webp[20] = 0x2f;
    webp.writeUInt32LE(((4 - 1) << 14) | (6 - 1), 21);
    expect(checkImage(webp, 1e6)).toEqual({ ok: true, type: 'image/webp', width: 6, height: 4 });
  });

  it('refuses what is not one of the four formats, SVG by name, and pictures too large to show', () => {
    expect(checkImage(strToU8('hello'), 1e6)).toMatchObject({ ok: false, status: 415 });
    expect(checkImage(strToU8('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"/>'), 1e6)).toMatchObject({
      ok: false,
      status: 415,
      message: expect.stringContaining('SVG'),
    });
    expect(checkImage(png(4, 4), 10)).toMatchObject({ ok: false, status: 413 });
    const huge = png(1, 1);
    huge.writeUInt32BE(20_000, 16);
    expect(checkImage(huge, 1e6)).toMatchObject({ ok: false, status: 413, message: expect.stringContaining('20000×1') });
    expect(checkImage(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 1e6)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('readDeckZip', () => {
  const limits = { maxDeckBytes: 10_000, maxImageBytes: 5_000, maxImages: 2, maxTotalImageBytes: 8_000 };

  it('reads what deckZip writes', () => {
    const image = png(3, 3, 7);
    const zip = deckZip('# Hej\n', [{ name: 'æble.png', data: image }]);
    const read = readDeckZip(zip, limits);
    expect(read.source).toBe('# Hej\n');
    expect(read.images).toHaveLength(1);
    expect(read.images[0]!.name).toBe('æble.png');
    expect(Buffer.from(read.images[0]!.data).equals(image)).toBe(true);
  });

  it('holds the images together to the limit as they inflate', () => {
    const zip = zipSync({ 'deck.md': strToU8('# A'), 'billeder/a.png': new Uint8Array(4_500), 'billeder/b.png': new Uint8Array(4_500) });
    expect(() => readDeckZip(zip, limits)).toThrow(DeckZipError);
    expect(() => readDeckZip(zip, limits)).toThrow(/tilsammen/);
  });

  it('refuses a folder inside billeder/ and a file twice', () => {
    expect(() => readDeckZip(zipSync({ 'deck.md': strToU8('# A'), 'billeder/x/a.png': png(1, 1) }), limits)).toThrow(/hører til et deck/);
    expect(() => readDeckZip(zipSync({ 'deck.md': strToU8('# A'), 'mappe/deck.md': strToU8('# B') }), limits)).toThrow(/hører til et deck/);
  });
});
