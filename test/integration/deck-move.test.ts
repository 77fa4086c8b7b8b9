// A deck moves between installs as one file: exported from one server (deck.md and billeder/) and imported into
// another with its own data, where it has the same slides and manifest and its images load on a projector. A file
// that is no deck — not a zip, a zip bomb, a path out of the deck, no deck.md, a bad image, a deck that does not
// compile — is refused with a Danish message that says what is wrong.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckManifest } from '../../core/deck.js';
import type { CreateDeckResponse, DeckSourceResponse } from '../../core/wire.js';
import { browserSuite, goToSlide } from '../helpers/browser.js';
import { call, createRoom } from '../helpers/clients.js';
import { removeDir, startServer, type TestServer } from '../helpers/server.js';

const LIMITS = { maxImageBytes: 256 * 1024, maxImagesPerDeck: 6, maxDeckImageBytes: 1024 * 1024 };
/** The second install, where decks arrive; the browser looks at its projector. */
const t = browserSuite(LIMITS);

function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([r, g, b, 255], i * 4);
  return PNG.sync.write(image);
}

const SOURCE = `---
titel: Flyttedag
---

# Flyttedag

Et deck med to billeder.

---

## Kortet

![Kommunens kort](kort.png)

Note: Peg på nordbyen.

---

## Hvad nu?

![Skolens logo](logo.png)

::: valg hvad-nu
Hvad skal vi gøre først?
- Bygge {#bygge}
- Vente {#vente}
:::
`;

async function importZip(s: TestServer, zip: Uint8Array, token?: string) {
  const res = await fetch(`${s.url}/api/decks/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/zip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(zip),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function exportZip(s: TestServer, deck: string, token?: string): Promise<Response> {
  return fetch(`${s.url}/api/decks/${deck}/export`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** A zip whose stated sizes are rewritten to `stated`: the central directory's and the local header's. */
function lyingZip(files: Zippable, stated: number): Uint8Array {
  const zip = Buffer.from(zipSync(files));
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    zip.writeUInt32LE(stated, at + 24);
    zip.writeUInt32LE(stated, zip.readUInt32LE(at + 42) + 22);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

describe('moving a deck between installs', () => {
  let first: TestServer;
  beforeAll(async () => {
    first = await startServer({ config: LIMITS });
  });
  afterAll(async () => {
    await first.stop();
    removeDir(first.dataDir);
  });

  it('exports a deck with two images from one server and imports it into another: same slides, same manifest, images load', async () => {
    expect(first.dataDir).not.toBe(t.server.dataDir);
    const made = await call<CreateDeckResponse>(first.url, '/api/decks', { body: { source: '# Flyttedag\n' } });
    expect(made.status).toBe(201);
    const deck = made.body;
    const kort = png(12, 8, [30, 120, 200]);
    const logo = png(5, 5, [240, 180, 0]);
    for (const [name, bytes] of [
      ['kort.png', kort],
      ['logo.png', logo],
    ] as const) {
      const up = await fetch(`${first.url}/api/decks/${deck.id}/images?name=${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${deck.editorKey}` },
        body: new Uint8Array(bytes),
      });
      expect(up.status).toBe(201);
    }
    const saved = await call(first.url, `/api/decks/${deck.id}`, {
      method: 'PUT',
      token: deck.editorKey,
      body: { source: SOURCE, baseVersion: 1 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // Exported: the editor key is needed for a stored deck.
    expect((await exportZip(first, deck.id)).status).toBe(401);
    expect((await exportZip(first, deck.id, 'not-the-key')).status).toBe(403);
    const exported = await exportZip(first, deck.id, deck.editorKey);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('application/zip');
    expect(exported.headers.get('content-disposition')).toBe(`attachment; filename="${deck.id}.zip"`);
    const zip = new Uint8Array(await exported.arrayBuffer());
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['billeder/kort.png', 'billeder/logo.png', 'deck.md']);
    expect(strFromU8(files['deck.md']!)).toBe(SOURCE);
    expect(Buffer.from(files['billeder/kort.png']!).equals(kort)).toBe(true);
    expect(Buffer.from(files['billeder/logo.png']!).equals(logo)).toBe(true);

    // Imported into the second install: a new deck with its own id and key.
    const imported = await importZip(t.server, zip);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const copy = imported.body as CreateDeckResponse;
    expect(copy.id).not.toBe(deck.id);
    expect(copy.editorKey).not.toBe(deck.editorKey);
    expect(copy.version).toBe(1);
    const source = await call<DeckSourceResponse>(t.server.url, `/api/decks/${copy.id}/source`, { token: copy.editorKey });
    expect(source.body.source).toBe(SOURCE);
    expect(Object.keys(source.body.images).sort()).toEqual(['kort.png', 'logo.png']);

    const manifestA = (await call<DeckManifest>(first.url, `/api/decks/${deck.id}`)).body;
    const manifestB = (await call<DeckManifest>(t.server.url, `/api/decks/${copy.id}`)).body;
    expect({ ...manifestB, id: 'x' }).toEqual({ ...manifestA, id: 'x' });
    expect(manifestB.activities.map((a) => a.id)).toEqual(['hvad-nu']);
    const slidesA = (await call<string>(first.url, `/api/decks/${deck.id}/slides`)).body;
    const slidesB = (await call<string>(t.server.url, `/api/decks/${copy.id}/slides`)).body;
    // Images are addressed by their bytes' hash, so the same images have the same addresses on both installs.
    expect(slidesB).toBe(slidesA);
    expect(slidesB.match(/\/api\/deck-images\/[0-9a-f]{64}/g)).toHaveLength(2);

    // On the second install's projector, both images load.
    const room = await createRoom(t.server.url, copy.id);
    const errors: string[] = [];
    const projector = await t.projector(room, { errors });
    const widths: number[] = [];
    for (const slide of [1, 2]) {
      await goToSlide(projector, slide);
      await projector.waitForFunction((n) => {
        const img = document.querySelectorAll<HTMLImageElement>('.reveal .slides > section')[n]?.querySelector('img');
        return !!img && img.complete;
      }, slide);
      widths.push(
        await projector.evaluate(
          (n) => document.querySelectorAll<HTMLImageElement>('.reveal .slides > section')[n]!.querySelector('img')!.naturalWidth,
          slide,
        ),
      );
    }
    expect(widths).toEqual([12, 5]);
    expect(errors).toEqual([]);

    // A template is exported without a key, and imported again it is a deck of its own.
    const template = await exportZip(t.server, 'frisaettelse');
    expect(template.status).toBe(200);
    const again = await importZip(t.server, new Uint8Array(await template.arrayBuffer()));
    expect(again.status).toBe(201);
    const templateManifest = (await call<DeckManifest>(t.server.url, '/api/decks/frisaettelse')).body;
    expect((await call<DeckManifest>(t.server.url, `/api/decks/${again.body.id}`)).body.title).toBe(templateManifest.title);
  }, 60_000);

  it('reads a deck zipped from its folder, and leaves out what a Mac adds', async () => {
    const zip = zipSync({
      'flyttedag/deck.md': strToU8('# Fra en mappe\n\n![Et kort](kort.png)\n'),
      'flyttedag/billeder/kort.png': png(3, 3, [1, 2, 3]),
      '__MACOSX/flyttedag/._deck.md': strToU8('metadata'),
      'flyttedag/.DS_Store': strToU8('metadata'),
    });
    const imported = await importZip(t.server, zip);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  });

  const refusals: [string, () => Uint8Array, number, string][] = [
    ['a file that is not a zip', () => strToU8('# Bare Markdown, ikke pakket\n'), 415, 'ikke en zip-fil'],
    ['a zip without deck.md', () => zipSync({ 'billeder/kort.png': png(2, 2, [0, 0, 0]) }), 400, 'mangler deck.md'],
    ['a path with ..', () => zipSync({ 'deck.md': strToU8('# A\n'), '../../etc/kort.png': png(2, 2, [0, 0, 0]) }), 400, '".."'],
    ['an absolute path', () => zipSync({ 'deck.md': strToU8('# A\n'), '/tmp/kort.png': png(2, 2, [0, 0, 0]) }), 400, 'absolut sti'],
    [
      'something that is not part of a deck',
      () => zipSync({ 'deck.md': strToU8('# A\n'), 'virus.exe': strToU8('MZ') }),
      400,
      'hører til et deck',
    ],
    [
      'more entries than a deck has',
      () =>
        zipSync(
          Object.fromEntries([
            ['deck.md', strToU8('# A\n')],
            ...Array.from({ length: 40 }, (_, i) => [`billeder/b${i}.png`, png(1, 1, [i, 0, 0])]),
          ]),
        ),
      413,
      'filer; et deck har højst',
    ],
    [
      'an image larger than allowed, declared so',
      () => zipSync({ 'deck.md': strToU8('# A\n'), 'billeder/stor.png': new Uint8Array(300 * 1024) }),
      413,
      'et billede må højst fylde',
    ],
    [
      'a zip bomb that declares small sizes and inflates to 50 MB',
      () => lyingZip({ 'deck.md': strToU8('# A\n'), 'billeder/bombe.png': new Uint8Array(50 * 1024 * 1024) }, 100),
      413,
      'fylder mere udpakket, end zip-filen siger',
    ],
    ['a deck.md bomb', () => lyingZip({ 'deck.md': new Uint8Array(20 * 1024 * 1024).fill(0x41) }, 10), 413, 'fylder mere udpakket'],
    [
      'an image whose bytes are no image',
      () => zipSync({ 'deck.md': strToU8('# A\n\n![Kort](kort.png)\n'), 'billeder/kort.png': strToU8('ikke et billede') }),
      415,
      'billeder/kort.png',
    ],
    [
      'an SVG image',
      () => zipSync({ 'deck.md': strToU8('# A\n'), 'billeder/logo.svg': strToU8('<svg xmlns="http://www.w3.org/2000/svg"/>') }),
      415,
      'SVG',
    ],
    [
      'a deck.md that does not compile',
      () => zipSync({ 'deck.md': strToU8('# A\n\n---\n\n## Kortet\n\n![Kort](mangler.png)\n'), 'billeder/kort.png': png(2, 2, [0, 0, 0]) }),
      400,
      'slide 2 ("Kortet"), linje 7',
    ],
  ];
  for (const [what, zip, status, says] of refusals) {
    it(`refuses ${what}`, async () => {
      const refused = await importZip(t.server, zip());
      expect(refused.status, JSON.stringify(refused.body)).toBe(status);
      expect(refused.body.error.message).toContain(says);
    });
  }

  it('asks for ADMIN_TOKEN when the server guards deck creation with it', async () => {
    const guarded = await startServer({ config: { ...LIMITS, adminToken: 'organiser-secret' } });
    try {
      const zip = zipSync({ 'deck.md': strToU8('# Beskyttet\n') });
      const refused = await importZip(guarded, zip);
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toContain('ADMIN_TOKEN');
      expect((await importZip(guarded, zip, 'wrong')).status).toBe(401);
      expect((await importZip(guarded, zip, 'organiser-secret')).status).toBe(201);
    } finally {
      await guarded.stop();
      removeDir(guarded.dataDir);
    }
  });
});
