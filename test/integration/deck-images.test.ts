// Images in decks, with a real server on a real port and real Chromium: each format uploaded and shown on a
// projector, the bytes (not the name) deciding the type, the limits, the key, the cache headers, an image the
// Markdown names but nobody uploaded, and an old version that keeps its image when the name gets new bytes.
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreateDeckResponse, CreateRoomResponse, DeckSourceResponse } from '../../core/wire.js';
import { browserSuite, goToSlide } from '../helpers/browser.js';
import { call, createRoom } from '../helpers/clients.js';

const MAX_IMAGE = 48 * 1024;
const t = browserSuite({ maxImageBytes: MAX_IMAGE, maxImagesPerDeck: 8, maxDeckImageBytes: 160 * 1024 });

/** A PNG of one colour, as pngjs writes it. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([r, g, b, 255], i * 4);
  return PNG.sync.write(image);
}

/** A PNG of noise (xorshift), which does not compress: about `side`² × 3 bytes, different for each seed. */
function noisyPng(side: number, seed = 1): Buffer {
  const image = new PNG({ width: side, height: side });
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < image.data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    image.data[i] = i % 4 === 3 ? 255 : x & 0xff;
  }
  return PNG.sync.write(image);
}

/** A 1×1 GIF, byte by byte: header, screen of 1×1 with a two-colour table, one image of one pixel, end. */
const GIF = Buffer.concat([
  Buffer.from('GIF89a', 'latin1'),
  Buffer.from('01000100800000', 'hex'), // a screen of 1×1 with a global table of two colours
  Buffer.from('d02030000000', 'hex'), // the two colours
  Buffer.from('2c000000000100010000', 'hex'), // one image at 0,0 of 1×1
  Buffer.from('0202440100', 'hex'), // its one pixel, LZW-coded
  Buffer.from('3b', 'hex'), // the end
]);

/** JPEG and WebP as Chromium encodes them from a canvas. */
async function encoded(page: Page, type: 'image/jpeg' | 'image/webp'): Promise<Buffer> {
  const dataUrl = await page.evaluate((mime) => {
    const canvas = document.createElement('canvas');
    canvas.width = 6;
    canvas.height = 4;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#2a7f3c';
    ctx.fillRect(0, 0, 6, 4);
    return canvas.toDataURL(mime, 0.9);
  }, type);
  expect(dataUrl.startsWith(`data:${type};base64,`)).toBe(true);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

interface ErrorReply {
  error: { code: string; message: string };
}

async function newDeck(source: string): Promise<CreateDeckResponse> {
  const made = await call<CreateDeckResponse>(t.server.url, '/api/decks', { body: { source } });
  expect(made.status).toBe(201);
  return made.body;
}

async function upload(deck: CreateDeckResponse, name: string, bytes: Uint8Array, token: string | null = deck.editorKey) {
  const res = await fetch(`${t.server.url}/api/decks/${deck.id}/images?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    // The header says PNG whatever is sent: the server must not believe it.
    headers: { 'content-type': 'image/png', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function save(deck: CreateDeckResponse, source: string, baseVersion: number) {
  return call<{ version: number } & ErrorReply>(t.server.url, `/api/decks/${deck.id}`, {
    method: 'PUT',
    token: deck.editorKey,
    body: { source, baseVersion },
  });
}

/** Every image on the projector's slides loaded: decoded with a width. */
async function loadedImages(projector: Page): Promise<{ alt: string; src: string; width: number }[]> {
  await projector.waitForFunction(() => {
    const imgs = [...document.querySelectorAll<HTMLImageElement>('.reveal .slides img')];
    return imgs.length > 0 && imgs.every((i) => i.complete);
  });
  return projector.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('.reveal .slides img')].map((i) => ({
      alt: i.alt,
      src: i.getAttribute('src') ?? '',
      width: i.naturalWidth,
    })),
  );
}

/** The colour of an image's first pixel as the browser decoded it. */
function firstPixel(projector: Page, alt: string): Promise<number[]> {
  return projector.evaluate((a) => {
    const img = document.querySelector<HTMLImageElement>(`.reveal .slides img[alt="${a}"]`)!;
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, alt);
}

const START = '# Billeder\n\nEt deck med billeder.\n';

describe('images in decks', () => {
  let page: Page;
  let jpeg: Buffer;
  let webp: Buffer;
  beforeAll(async () => {
    page = await t.page();
    await page.goto(`${t.server.url}/`);
    jpeg = await encoded(page, 'image/jpeg');
    webp = await encoded(page, 'image/webp');
  });

  it('takes PNG, JPEG, WebP and GIF by their bytes, serves them for good, and a projector shows each', async () => {
    const deck = await newDeck(START);
    const red = png(8, 5, [220, 30, 30]);
    const files: [string, Buffer, string][] = [
      ['kort.png', red, 'image/png'],
      // The name says PNG; the bytes are JPEG, and the bytes decide.
      ['foto.png', jpeg, 'image/jpeg'],
      ['tegning.webp', webp, 'image/webp'],
      ['prik.gif', GIF, 'image/gif'],
    ];
    for (const [name, bytes, type] of files) {
      const up = await upload(deck, name, bytes);
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      expect(up.body).toMatchObject({ name, type, bytes: bytes.length });
      expect(up.body.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(up.body.url).toBe(`/api/deck-images/${up.body.hash}`);

      const served = await fetch(t.server.url + up.body.url);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(type);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
      // Asked again with its ETag: nothing to send.
      const again = await fetch(t.server.url + up.body.url, { headers: { 'if-none-match': served.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }

    // The deck's source lists its images, name → hash.
    const source = await call<DeckSourceResponse>(t.server.url, `/api/decks/${deck.id}/source`, { token: deck.editorKey });
    expect(Object.keys(source.body.images).sort()).toEqual(['foto.png', 'kort.png', 'prik.gif', 'tegning.webp']);

    const markdown = `${START}
---

## Fire formater

![Et rødt kort](kort.png)
![Et grønt foto](foto.png)
![En grøn tegning](tegning.webp)
![En prik](prik.gif)
`;
    const saved = await save(deck, markdown, 1);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const room = await createRoom(t.server.url, deck.id);
    const errors: string[] = [];
    const projector = await t.projector(room, { errors });
    await goToSlide(projector, 1);
    const images = await loadedImages(projector);
    expect(images.map((i) => i.alt)).toEqual(['Et rødt kort', 'Et grønt foto', 'En grøn tegning', 'En prik']);
    for (const image of images) {
      expect(image.src).toMatch(/^\/api\/deck-images\/[0-9a-f]{64}$/);
      expect(image.width, image.alt).toBeGreaterThan(0);
    }
    expect(await firstPixel(projector, 'Et rødt kort')).toEqual([220, 30, 30]);
    expect(errors).toEqual([]);
  });

  it('refuses bytes that are no image it shows, whatever the name says, and SVG by name', async () => {
    const deck = await newDeck(START);
    const text = await upload(deck, 'kort.png', Buffer.from('Dette er ikke et billede, bare tekst med et .png-navn.'));
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported_media_type');
    expect(text.body.error.message).toContain('er ikke et billede, Rådslag kan vise');

    const svg = await upload(
      deck,
      'logo.png',
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    );
    expect(svg.status).toBe(415);
    expect(svg.body.error.message).toContain('SVG');
    expect(svg.body.error.message).toContain('PNG');

    // A PNG's signature with no picture behind it.
    const broken = await upload(deck, 'halv.png', png(4, 4, [0, 0, 0]).subarray(0, 12));
    expect(broken.status).toBe(415);

    const badName = await upload(deck, '../kort.png', png(2, 2, [0, 0, 0]));
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toContain('Filnavnet');

    const source = await call<DeckSourceResponse>(t.server.url, `/api/decks/${deck.id}/source`, { token: deck.editorKey });
    expect(source.body.images).toEqual({});
  });

  it('refuses an image that is too large, one too many, and more bytes than a deck may hold', async () => {
    const deck = await newDeck(START);
    const big = noisyPng(140);
    expect(big.length).toBeGreaterThan(MAX_IMAGE);
    const tooBig = await upload(deck, 'stor.png', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toContain('højst fylde');

    // Eight images are allowed; the ninth is refused and the eight are kept.
    for (let i = 0; i < 8; i++) expect((await upload(deck, `b${i}.png`, png(2, 2, [i, i, i]))).status).toBe(201);
    const ninth = await upload(deck, 'b8.png', png(2, 2, [9, 9, 9]));
    expect(ninth.status).toBe(409);
    expect(ninth.body.error.code).toBe('images_full');
    expect(ninth.body.error.message).toContain('højst have 8');
    // Replacing one of the eight is no ninth.
    expect((await upload(deck, 'b0.png', png(3, 3, [1, 2, 3]))).status).toBe(201);

    // Together: four images of about 33 KB fit under 160 KB, a fifth does not.
    const other = await newDeck(START);
    const sizes: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const up = await upload(other, `stor${i}.png`, noisyPng(100, i));
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      sizes.push(up.body.bytes);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(160 * 1024 - Math.min(...sizes));
    const fifth = await upload(other, 'stor5.png', noisyPng(100, 5));
    expect(fifth.status).toBe(409);
    expect(fifth.body.error.message).toContain('et deck må have');
  });

  it('needs the editor key to upload or remove, and a template takes no images', async () => {
    const deck = await newDeck(START);
    const bytes = png(2, 2, [0, 0, 255]);
    expect((await upload(deck, 'a.png', bytes, null)).status).toBe(401);
    expect((await upload(deck, 'a.png', bytes, 'not-the-key')).status).toBe(403);
    const template = await fetch(`${t.server.url}/api/decks/frisaettelse/images?name=a.png`, {
      method: 'POST',
      body: new Uint8Array(bytes),
    });
    expect([401, 403]).toContain(template.status);

    expect((await upload(deck, 'a.png', bytes)).status).toBe(201);
    const path = `/api/decks/${deck.id}/images/a.png`;
    expect((await call(t.server.url, path, { method: 'DELETE' })).status).toBe(401);
    expect((await call(t.server.url, path, { method: 'DELETE', token: 'not-the-key' })).status).toBe(403);
    expect((await call(t.server.url, path, { method: 'DELETE', token: deck.editorKey })).status).toBe(204);
    expect((await call(t.server.url, path, { method: 'DELETE', token: deck.editorKey })).status).toBe(404);
    const source = await call<DeckSourceResponse>(t.server.url, `/api/decks/${deck.id}/source`, { token: deck.editorKey });
    expect(source.body.images).toEqual({});
    expect((await fetch(`${t.server.url}/api/deck-images/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${t.server.url}/api/deck-images/kort.png`)).status).toBe(404);
  });

  it('refuses to save a deck that shows an image nobody uploaded, naming the slide and the line', async () => {
    const deck = await newDeck(START);
    const markdown = `${START}
---

## Kortet

Her er kortet:

![Kommunens kort](kort.png)
`;
    const refused = await save(deck, markdown, 1);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_deck');
    expect(refused.body.error.message).toContain('slide 2 ("Kortet")');
    expect(refused.body.error.message).toContain('linje 11');
    expect(refused.body.error.message).toContain('kort.png');

    // Uploaded, the same Markdown is saved; without alt text it is not.
    expect((await upload(deck, 'kort.png', png(4, 4, [10, 200, 10]))).status).toBe(201);
    expect((await save(deck, markdown.replace('Kommunens kort', ''), 1)).body.error.message).toContain('alternativ tekst');
    expect((await save(deck, markdown, 1)).status).toBe(200);
  });

  it('copies a deck with its images: the copy shows them and uploads to it leave the original alone', async () => {
    const deck = await newDeck(START);
    const green = png(4, 4, [0, 160, 0]);
    const up = await upload(deck, 'kort.png', green);
    expect((await save(deck, `${START}\n![Kortet](kort.png)\n`, 1)).status).toBe(200);
    const copy = await call<CreateDeckResponse>(t.server.url, `/api/decks/${deck.id}/duplicate`, { body: {}, token: deck.editorKey });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    const copied = await call<DeckSourceResponse>(t.server.url, `/api/decks/${copy.body.id}/source`, { token: copy.body.editorKey });
    expect(copied.body.images).toEqual({ 'kort.png': up.body.hash });
    expect(copied.body.imageFiles).toEqual([
      { name: 'kort.png', hash: up.body.hash, url: up.body.url, type: 'image/png', bytes: green.length },
    ]);
    expect((await call<string>(t.server.url, `/api/decks/${copy.body.id}/slides`)).body).toContain(up.body.url);
    expect((await upload(copy.body, 'andet.png', png(2, 2, [9, 9, 9]))).status).toBe(201);
    const original = await call<DeckSourceResponse>(t.server.url, `/api/decks/${deck.id}/source`, { token: deck.editorKey });
    expect(Object.keys(original.body.images)).toEqual(['kort.png']);
  });

  it('keeps showing an old version its image after the name is uploaded again with other bytes', async () => {
    const deck = await newDeck(START);
    const markdown = `${START}
---

## Kortet

![Kortet](kort.png)
`;
    const red = png(6, 6, [200, 20, 20]);
    const blue = png(6, 6, [20, 20, 200]);
    const first = await upload(deck, 'kort.png', red);
    expect((await save(deck, markdown, 1)).body.version).toBe(2);
    const before: CreateRoomResponse = await createRoom(t.server.url, deck.id);

    const second = await upload(deck, 'kort.png', blue);
    expect(second.status).toBe(201);
    expect(second.body.hash).not.toBe(first.body.hash);
    expect((await save(deck, `${markdown}\nNu i blåt.\n`, 2)).body.version).toBe(3);
    const after = await createRoom(t.server.url, deck.id);

    // Bytes nobody names are swept; the red ones are pinned by version 2 and stay.
    await t.server.app.storage.images.sweep(Date.now() + 1);
    expect((await fetch(t.server.url + first.body.url)).status).toBe(200);

    const v2 = await call<string>(t.server.url, `/api/decks/${deck.id}/slides?version=2`);
    expect(v2.body).toContain(first.body.url);
    const v3 = await call<string>(t.server.url, `/api/decks/${deck.id}/slides?version=3`);
    expect(v3.body).toContain(second.body.url);

    const old = await t.projector(before);
    await goToSlide(old, 1);
    expect((await loadedImages(old))[0]!.width).toBe(6);
    expect(await firstPixel(old, 'Kortet')).toEqual([200, 20, 20]);
    const fresh = await t.projector(after);
    await goToSlide(fresh, 1);
    expect((await loadedImages(fresh))[0]!.width).toBe(6);
    expect(await firstPixel(fresh, 'Kortet')).toEqual([20, 20, 200]);

    // An image uploaded and removed before any version used it is swept for good.
    const stray = await upload(deck, 'stray.png', png(3, 3, [1, 1, 1]));
    await call(t.server.url, `/api/decks/${deck.id}/images/stray.png`, { method: 'DELETE', token: deck.editorKey });
    await t.server.app.storage.images.sweep(Date.now() + 1);
    expect((await fetch(t.server.url + stray.body.url)).status).toBe(404);
  }, 60_000);
});
