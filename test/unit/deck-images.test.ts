// Deck images without a server: the type read from the bytes, the SQLite store (quota, the current set, what a
// sweep may remove), and the deck file's reader on its own.
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkImage, sha256, type StoredImage } from '../../server/deck-images.js';
import { DeckZipError, deckZip, readDeckZip } from '../../server/decks/zip.js';
import { SqliteStorage } from '../../server/storage-sqlite.js';
import { removeDir } from '../helpers/server.js';

function png(width: number, height: number, seed = 0): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(seed);
  return PNG.sync.write(image);
}

function stored(data: Buffer): StoredImage {
  return { hash: sha256(data), type: 'image/png', data };
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

describe('SqliteDeckImageStore', () => {
  let dir: string;
  let s: SqliteStorage;
  const quota = { maxImages: 2, maxTotalBytes: 10_000 };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radslag-images-'));
    s = new SqliteStorage(join(dir, 'db.sqlite'));
    const deck = { title: 'D', template: false, editorKeyHash: 'x'.repeat(64), source: '# D', images: {}, at: 1 };
    await s.decks.createDeck({ ...deck, id: 'a' });
    await s.decks.createDeck({ ...deck, id: 'b' });
  });
  afterEach(async () => {
    await s.close();
    removeDir(dir);
  });

  it('keeps the current set within the quota; replacing a name is no new image', async () => {
    const one = stored(png(2, 2, 1));
    const two = stored(png(2, 2, 2));
    expect(await s.images.put('a', 'one.png', one, quota, 1)).toEqual({ status: 'stored', replaced: false });
    expect(await s.images.put('a', 'two.png', two, quota, 1)).toEqual({ status: 'stored', replaced: false });
    expect(await s.images.put('a', 'three.png', one, quota, 1)).toEqual({ status: 'too_many', count: 2 });
    expect(await s.images.put('a', 'two.png', one, quota, 1)).toEqual({ status: 'stored', replaced: true });
    const total = await s.images.put('a', 'two.png', stored(Buffer.concat([png(2, 2, 3), Buffer.alloc(10_000)])), quota, 1);
    expect(total).toMatchObject({ status: 'too_large_total' });
    expect((await s.images.current('a')).map((e) => [e.name, e.hash])).toEqual([
      ['one.png', one.hash],
      ['two.png', one.hash],
    ]);
    expect(await s.images.current('b')).toEqual([]);
    expect((await s.images.get(one.hash))?.data.equals(one.data)).toBe(true);
  });

  it('sweeps bytes nobody names, after the grace time, but never those a version pins', async () => {
    const pinned = stored(png(2, 2, 4));
    const loose = stored(png(2, 2, 5));
    const fresh = stored(png(2, 2, 6));
    await s.images.put('a', 'p.png', pinned, quota, 100);
    expect(await s.decks.saveVersion('a', 1, '# D\n\n![P](p.png)', 'D', { 'p.png': pinned.hash }, 100)).toMatchObject({ status: 'saved' });
    await s.images.remove('a', 'p.png');
    await s.images.putBytes([loose], 100);
    await s.images.putBytes([fresh], 500);
    expect(await s.images.sweep(200)).toBe(1);
    expect(await s.images.get(loose.hash)).toBeUndefined();
    expect(await s.images.get(pinned.hash)).toBeDefined();
    expect(await s.images.get(fresh.hash)).toBeDefined();

    // A deleted deck's current set goes, and then its unpinned bytes.
    await s.images.adopt('b', { 'f.png': fresh.hash });
    await s.decks.deleteDeck('b', 600);
    expect(await s.images.sweep(1000)).toBe(1);
    expect(await s.images.current('b')).toEqual([]);
    expect(await s.images.get(fresh.hash)).toBeUndefined();
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
