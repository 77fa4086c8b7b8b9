// Exports of a room whose board layout a facilitator's client filled with hostile values: nothing runs, nothing
// is fetched, the files stay well-formed with the real notes in them, and PDF/PNG exports are capped server-wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { parse as parseHtml } from 'node-html-parser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { BOARD_LAYOUT, DOC } from '../../core/room-doc.js';
import { chromiumLive } from '../../server/export/formats.js';
import type { RoomExport } from '../../server/export/model.js';
import { launchBrowser } from '../helpers/browser.js';
import { call, createRoom, waitFor, type YClient, yClient } from '../helpers/clients.js';
import { FIXTURE_SLIDES, removeDir, serverForThisFile, startServer } from '../helpers/server.js';
import { roomSteps } from '../helpers/room.js';

/** A server on a local port that an export must never reach: it records every request. */
let canary: Server;
let canaryUrl: string;
const hits: string[] = [];

const server = serverForThisFile({
  slidesDir: FIXTURE_SLIDES,
  noteBurst: 100,
  notesPerMinute: 6000,
  exportConcurrency: 2,
  exportQueue: 1,
  // A long time limit: this machine may be running other suites' Chromiums too; the limit itself is tested below.
  exportTimeoutMs: 45_000,
});
const { roomWith, control, intent } = roomSteps(server);
let browser: Browser;

beforeAll(async () => {
  canary = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('hit');
  });
  await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => canary.close(() => r()));
});

type Room = Awaited<ReturnType<typeof createRoom>>;

async function boardWithNotes(url: string) {
  const { room, people } = await roomWith(2, url);
  const ctl = (body: Record<string, unknown>) => control(room, body, url);
  const act = (token: string, body: Record<string, unknown>) => intent(room, token, body, undefined, url);
  await ctl({ action: 'board-phase', board: 'tavle', phase: 'notes' });
  const post = async (who: string, zone: string, text: string) => {
    const r = await act(who, { type: 'note', board: 'tavle', zone, text });
    expect(r.status).toBe(200);
    return r.body.id as string;
  };
  const notes = {
    rules: await post(people[0]!, 'problemer', 'For mange regler'),
    trust: await post(people[1]!, 'muligheder', 'Mere tillid'),
    time: await post(people[0]!, 'problemer', 'For lidt tid'),
    budget: await post(people[1]!, 'muligheder', 'Friere budget'),
  };
  await ctl({ action: 'board-phase', board: 'tavle', phase: 'dots' });
  expect((await act(people[0]!, { type: 'dots', board: 'tavle', dots: { [notes.rules]: 2, [notes.trust]: 1 } })).status).toBe(200);
  return { room, notes };
}

/** What a facilitator's client could write into the board's layout: every field hostile, some legitimate. */
function writeHostileLayout(doc: Y.Doc, notes: Record<'rules' | 'trust' | 'time' | 'budget', string>): void {
  const script = `0"/><script>fetch('${canaryUrl}/script')</script><x y="`;
  doc.transact(() => {
    const layout = new Y.Map<unknown>();
    doc.getMap(DOC.layout).set('tavle', layout);
    const positions = new Y.Map<unknown>();
    positions.set(notes.rules, { x: script, y: 200 });
    positions.set(notes.trust, { x: Number.NaN, y: Number.POSITIVE_INFINITY });
    positions.set(notes.time, { x: 1e308, y: -1e308 });
    positions.set(notes.budget, { x: 420, y: 160 });
    positions.set('x'.repeat(5000), { x: 1, y: 1 });
    layout.set(BOARD_LAYOUT.positions, positions);

    const clusters = new Y.Map<unknown>();
    const bad = new Y.Map<unknown>();
    bad.set('name', `<img src=${canaryUrl}/img onerror="fetch('${canaryUrl}/onerror')">`);
    bad.set('x', 'NaN"><script>fetch(1)</script>');
    clusters.set('c-bad', bad);
    const numbered = new Y.Map<unknown>();
    numbered.set('name', { toString: 'x' });
    clusters.set('c-num', numbered);
    clusters.set('c-string', `<svg onload="fetch('${canaryUrl}/onload')">`);
    layout.set(BOARD_LAYOUT.clusters, clusters);

    const membership = new Y.Map<unknown>();
    membership.set(notes.time, 'c-bad');
    membership.set(notes.budget, 'c-bad');
    membership.set(notes.trust, { id: 'c-bad' });
    membership.set(notes.rules, 'c-string');
    layout.set(BOARD_LAYOUT.membership, membership);

    const strokes = new Y.Array<unknown>();
    strokes.push([
      { id: 's1', color: `url(${canaryUrl}/stroke-url)`, width: 4, points: [10, 10, 200, 200] },
      {
        id: 's2',
        color: `red" onload="fetch('${canaryUrl}/stroke')`,
        width: `3" onmouseover="fetch('${canaryUrl}/width')`,
        points: [10, 10, 'a', Number.NaN, 200, 220, 300, 260],
      },
      { id: 's3', color: '#0b5cad', width: 1e9, points: [0, 0, 1e12, 1e12, Number.NEGATIVE_INFINITY, 5] },
      { id: 's4', points: 'not an array' },
      42,
      'polyline',
      { id: 's5', color: '#c0262d', width: 6, points: [700, 300, 760, 320, 820, 300, 880, 330] },
    ]);
    layout.set(BOARD_LAYOUT.strokes, strokes);
  });
}

/** Every element and attribute of the SVG as Chromium's XML parser reads it (null if it does not parse). */
async function svgTree(svg: string): Promise<{ tags: string[]; attributes: { name: string; value: string }[]; text: string } | null> {
  const page = await browser.newPage();
  try {
    return await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      if (doc.getElementsByTagName('parsererror').length > 0 || doc.documentElement.nodeName !== 'svg') return null;
      const all = [doc.documentElement, ...Array.from(doc.documentElement.querySelectorAll('*'))];
      return {
        tags: [...new Set(all.map((e) => e.localName))],
        attributes: all.flatMap((e) => Array.from(e.attributes, (a) => ({ name: a.name, value: a.value }))),
        text: doc.documentElement.textContent ?? '',
      };
    }, svg);
  } finally {
    await page.close();
  }
}

async function pdfText(body: ArrayBuffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(body), useSystemFonts: true }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    text += `${(await page.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
  }
  await doc.destroy();
  return text;
}

const get = (room: Room, format: string) =>
  fetch(`${server.url}/api/rooms/${room.roomId}/export?format=${format}`, { headers: { authorization: `Bearer ${room.facilitatorKey}` } });

describe('export of a hostile board layout', () => {
  let room: Room;
  let facilitator: YClient;

  beforeAll(async () => {
    const made = await boardWithNotes(server.url);
    room = made.room;
    facilitator = yClient(server.url, room.roomId, room.facilitatorKey);
    await facilitator.synced;
    writeHostileLayout(facilitator.doc, made.notes);
    // The layout is on the server's disk once the export sees the hostile cluster.
    await waitFor(
      async () => {
        const r = await call<RoomExport>(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey });
        return r.body.boards.find((b) => b.id === 'tavle')?.clusters.some((c) => c.id === 'c-bad');
      },
      10_000,
      'hostile layout stored',
    );
  });
  afterAll(() => facilitator?.destroy());

  it('JSON keeps only validated layout values: finite numbers within the board, hex colours, capped ids', async () => {
    const x = (await call<RoomExport>(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey })).body;
    const board = x.boards.find((b) => b.id === 'tavle')!;
    expect(board.notes.map((n) => n.text).sort()).toEqual(['For lidt tid', 'For mange regler', 'Friere budget', 'Mere tillid']);
    for (const p of Object.values(board.positions)) {
      expect(typeof p.x).toBe('number');
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      expect(Math.abs(p.x)).toBeLessThanOrEqual(20_000);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(20_000);
    }
    expect(Object.keys(board.positions).every((id) => id.length <= 64)).toBe(true);
    for (const s of board.strokes) {
      expect(s.color).toMatch(/^#(?:[0-9a-f]{3}){1,2}$/i);
      expect(Number.isFinite(s.width) && s.width >= 1 && s.width <= 40).toBe(true);
      expect(s.points.every((n) => typeof n === 'number' && Number.isFinite(n))).toBe(true);
    }
    // The legitimate stroke is kept as drawn; the cluster with a name of the wrong kind keeps its place.
    expect(board.strokes.some((s) => s.color === '#c0262d' && s.points.join() === '700,300,760,320,820,300,880,330')).toBe(true);
    expect(board.clusters.find((c) => c.id === 'c-num')?.name).toBe('Gruppe');
    expect(board.clusters.some((c) => c.id === 'c-string')).toBe(false);
    expect(board.notes.find((n) => n.text === 'Mere tillid')?.cluster).toBeNull();
  });

  it('SVG parses, holds only shapes and text, and still shows the notes', async () => {
    const r = await get(room, 'svg');
    expect(r.status).toBe(200);
    const svg = await r.text();
    expect(svg).not.toMatch(/<script|<img|<image|<foreignObject|<use|<a[\s>]|javascript:/i);
    const tree = await svgTree(svg);
    expect(tree).not.toBeNull();
    expect(tree!.tags.every((t) => ['svg', 'g', 'rect', 'text', 'circle', 'polyline'].includes(t))).toBe(true);
    for (const a of tree!.attributes) {
      expect(a.name, `${a.name}="${a.value}"`).not.toMatch(/^on|href$|^src$|^style$/i);
      expect(a.value).not.toMatch(/url\(|javascript:|127\.0\.0\.1/i);
      if (['x', 'y', 'width', 'height', 'cx', 'cy', 'r', 'stroke-width'].includes(a.name) && a.value !== '100%') {
        expect(Number.isFinite(Number(a.value)), `${a.name}="${a.value}"`).toBe(true);
      }
    }
    for (const note of ['For mange regler', 'Mere tillid', 'For lidt tid', 'Friere budget']) expect(tree!.text).toContain(note);
    // The hostile name is shown as the text it is.
    expect(tree!.text).toContain(`<img src=${canaryUrl}/img`);
  });

  it('PNG and PDF render in a Chromium that runs no script and reaches no address', async () => {
    // Both at once: the cap is two.
    const started = Date.now();
    let pngMs = 0;
    let pdfMs = 0;
    const [png, pdf] = await Promise.all([
      get(room, 'png').then((r) => {
        pngMs = Date.now() - started;
        return r;
      }),
      get(room, 'pdf').then((r) => {
        pdfMs = Date.now() - started;
        return r;
      }),
    ]);
    expect(png.status).toBe(200);
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: the picture stays within the caps however far the layout put things.
    expect(bytes.readUInt32BE(16)).toBeLessThanOrEqual(3200);
    expect(bytes.readUInt32BE(16) * bytes.readUInt32BE(20)).toBeLessThanOrEqual(12_000_000);

    expect(pdf.status).toBe(200);
    const text = await pdfText(await pdf.arrayBuffer());
    expect(text).toContain('For mange regler');
    expect(text).toContain('Mere tillid');
    expect(text).toContain(`<img src=${canaryUrl}/img`);
    console.log(`PNG og PDF samtidig: ${pngMs} og ${pdfMs} ms`);

    await new Promise((r) => setTimeout(r, 300));
    expect(hits).toEqual([]);
  }, 60_000);

  it('HTML and Markdown write the hostile name as text', async () => {
    const html = await (await get(room, 'html')).text();
    const dom = parseHtml(html);
    expect(dom.querySelectorAll('script, img, iframe, object, embed, link, image, foreignObject').length).toBe(0);
    for (const el of dom.querySelectorAll('*')) expect(Object.keys(el.attributes).filter((a) => /^on/i.test(a))).toEqual([]);
    expect(dom.textContent).toContain(`<img src=${canaryUrl}/img`);
    expect(dom.textContent).toContain('For mange regler');
    // Opened anywhere, the file may fetch and run nothing.
    expect(dom.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toMatch(/^default-src 'none'/);

    const md = await (await get(room, 'md')).text();
    expect(md).not.toMatch(/<img|<script|<svg/i);
    expect(md).toContain('&lt;img src=');
    expect(md).toContain('For mange regler');
    expect(hits).toEqual([]);
  });
});

describe('PDF and PNG exports are capped server-wide', () => {
  it('ten at once: at most two Chromiums, one waits, the rest are told in Danish when to come back', async () => {
    const { room } = await boardWithNotes(server.url);
    chromiumLive.peak = chromiumLive.now;
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const r = await get(room, 'pdf');
        const body = Buffer.from(await r.arrayBuffer());
        return { status: r.status, retryAfter: r.headers.get('retry-after'), body, ms: Date.now() - started };
      }),
    );
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(chromiumLive.peak).toBeLessThanOrEqual(2);
    // Two run and one waits; on a busy machine the waiting one may pass its time limit and be told to come back too.
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(ok.length).toBeLessThanOrEqual(3);
    expect(refused.length).toBeGreaterThanOrEqual(7);
    for (const a of ok) expect(a.body.subarray(0, 5).toString()).toBe('%PDF-');
    for (const a of refused) {
      expect(a.status).toBe(503);
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      const err = JSON.parse(a.body.toString()) as { error: { code: string; message: string } };
      expect(err.error.code).toBe('rate_limited');
      expect(err.error.message).toMatch(/Prøv igen om ca\. \d+ sekunder/);
    }
    console.log(
      `10 samtidige PDF-eksporter: ${ok.length} lavet, ${refused.length} afvist, højst ${chromiumLive.peak} Chromium ad gangen, sidste svar efter ${Math.max(...answers.map((a) => a.ms))} ms`,
    );

    // Nothing is left running, and the server answers as before.
    await waitFor(() => chromiumLive.now === 0, 10_000, 'every Chromium closed');
    expect((await call(server.url, '/healthz')).status).toBe(200);
    expect((await get(room, 'md')).status).toBe(200);
  }, 60_000);

  it('an export over its time limit is stopped with a Danish message, and its Chromium is closed', async () => {
    const slow = await startServer({ config: { slidesDir: FIXTURE_SLIDES, exportTimeoutMs: 200 } });
    try {
      const room = await createRoom(slow.url, 'alle-aktiviteter');
      const r = await call<{ error: { code: string; message: string } }>(slow.url, `/api/rooms/${room.roomId}/export?format=pdf`, {
        token: room.facilitatorKey,
      });
      expect(r.status).toBe(503);
      expect(r.body.error.message).toMatch(/tog mere end \d+ sekunder og blev stoppet/);
      await waitFor(() => chromiumLive.now === 0, 10_000, 'the late Chromium closed');
      expect((await call(slow.url, `/api/rooms/${room.roomId}/export?format=md`, { token: room.facilitatorKey })).status).toBe(200);
    } finally {
      await slow.stop();
      removeDir(slow.dataDir);
    }
  }, 30_000);
});
