// `npm run shots`: photographs every slide of a deck as the audience projector shows it (1920×1080), and
// compares two such sets pixel by pixel — to check that a deck looks the same after it was rewritten.
//
//   npx tsx scripts/deck-shots.ts --deck frisaettelse --out /tmp/deck-before [--base http://localhost:PORT]
//   npx tsx scripts/deck-shots.ts --compare /tmp/deck-before /tmp/deck-after
//   npm run shots -- --deck frisaettelse --out /tmp/deck-after
//
// Shots: without --base a Rådslag server is started on a free port over a temporary data folder (it serves
// dist/, so build first: `npm run build`). A room is made for the deck and its projector window
// (/present/<room>?view=audience) opened in Chromium (/usr/bin/chromium, or CHROMIUM_PATH) with reduced motion,
// so reveal.js changes slides without a transition. Each slide is saved once its frame has settled (two
// screenshots in a row alike) as NN-<title slug>.png, and the titles as slides.json. The room's join code
// and join link are random: the pages are given a fixed code and link instead, so two runs of one deck give
// the same pixels.
//
// Compare: slides are matched by their number NN; prints per slide the share of pixels that differ, writes
// NN-<slug>.diff.png (the second set's slide in grey, differing pixels in red) into the second folder for every
// slide that differs, and exits with 1 when any slide differs or is missing from one side.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { CreateRoomResponse } from '../core/wire.js';
import { createRadslag } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { slug } from '../server/decks/blocks.js';

const ROOT = resolve(import.meta.dirname, '..');
const VIEWPORT = { width: 1920, height: 1080 };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
/** The join link the pages show instead of the room's own (the host is the server's PUBLIC_URL here). */
const PUBLIC_URL = 'https://radslag.example';
const FIXED_CODE = '1234567890';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    deck: { type: 'string' },
    out: { type: 'string' },
    base: { type: 'string' },
    compare: { type: 'boolean', default: false },
  },
});

/** A file name for a slide: the deck format's own id rule (server/decks/blocks.ts), longer. */
function slideSlug(title: string): string {
  return slug(title, 60) || 'slide';
}

async function startOwnServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radslag-shots-'));
  const config = configFromEnv(ROOT, { port: 0, host: '127.0.0.1', dataDir, quiet: true, publicUrl: PUBLIC_URL });
  const app = createRadslag(config);
  const { port } = await app.listen();
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createRoom(base: string, deck: string): Promise<CreateRoomResponse> {
  const res = await fetch(`${base}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deck }),
  });
  if (!res.ok) throw new Error(`POST /api/rooms: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateRoomResponse;
}

/** The projector window's address on `base`: the room's presenter link with ?view=audience, key in the hash. */
function audienceUrl(base: string, room: CreateRoomResponse): string {
  const u = new URL(room.presentUrl);
  const there = new URL(u.pathname, base);
  there.searchParams.set('view', 'audience');
  there.hash = u.hash;
  return there.href;
}

/** Gives every join-code display the same code and link, whatever the room's are. */
async function maskJoinCode(page: Page): Promise<void> {
  await page.evaluate(
    async ({ fixed, publicUrl }) => {
      type CodeElement = HTMLElement & { code: string; url: string; updateComplete?: Promise<unknown> };
      const els = [...document.querySelectorAll<CodeElement>('rs-join-info, rs-presenter-status')];
      for (const el of els) {
        if (el.code) el.code = fixed.slice(0, el.code.length).padEnd(el.code.length, '0');
        if (el.url) el.url = `${publicUrl}/j/${el.code}`;
      }
      await Promise.all(els.map((el) => el.updateComplete));
    },
    { fixed: FIXED_CODE, publicUrl: PUBLIC_URL },
  );
}

/** A screenshot once the page has stopped changing: two in a row alike (up to 20 tries). */
async function settledShot(page: Page): Promise<Buffer> {
  let last = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150);
    const next = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    if (next.equals(last)) return next;
    last = next;
  }
  console.warn('  (the frame did not settle; keeping the last one)');
  return last;
}

interface SlideEntry {
  n: number;
  h: number;
  v: number;
  title: string;
  file: string;
}

async function shoot(deck: string, out: string, base?: string): Promise<void> {
  const server = base ? undefined : await startOwnServer();
  const url = base?.replace(/\/+$/, '') ?? server!.url;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const room = await createRoom(url, deck);
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'reduce', locale: 'da-DK' });
    // tsx names the functions it compiles with a helper `__name`, which the functions handed to the page call.
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    page.on('pageerror', (e) => console.warn(`page error: ${e.message}`));
    await page.goto(audienceUrl(url, room));
    await page.locator('.reveal.ready').waitFor({ timeout: 30_000 });
    await page.locator('rs-presenter-status').getByText('Forbundet').waitFor({ timeout: 30_000 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // The mouse stays out of the slides, so nothing shows a hover state.
    await page.mouse.move(0, 0);

    const slides = await page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides > section')].flatMap((section, h) => {
        const title = (s: Element) =>
          (s.getAttribute('data-title') ?? s.querySelector('h1, h2, h3')?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const stack = [...section.querySelectorAll(':scope > section')];
        return stack.length ? stack.map((s, v) => ({ h, v, title: title(s) })) : [{ h, v: 0, title: title(section) }];
      }),
    );
    mkdirSync(out, { recursive: true });
    for (const f of readdirSync(out)) if (/^\d+-.*\.png$/.test(f)) rmSync(join(out, f));
    const width = Math.max(2, String(slides.length).length);
    const list: SlideEntry[] = [];
    for (const [i, s] of slides.entries()) {
      await page.evaluate(({ h, v }) => (window.location.hash = `#/${h}/${v}`), s);
      await page.waitForFunction(({ h, v }) => {
        const top = document.querySelectorAll('.reveal .slides > section')[h];
        if (!top?.classList.contains('present')) return false;
        const inner = top.querySelectorAll(':scope > section')[v];
        return !inner || inner.classList.contains('present');
      }, s);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await maskJoinCode(page);
      const file = `${String(i + 1).padStart(width, '0')}-${slideSlug(s.title)}.png`;
      writeFileSync(join(out, file), await settledShot(page));
      list.push({ n: i + 1, ...s, file });
      console.log(`${file}  ${s.title}`);
    }
    writeFileSync(join(out, 'slides.json'), `${JSON.stringify({ deck, slides: list }, null, 2)}\n`);
    console.log(`${list.length} slides → ${out}`);
  } finally {
    await browser.close();
    await server?.stop();
  }
}

function slideFiles(dir: string): Map<string, string> {
  const files = readdirSync(dir)
    .filter((f) => /^\d+-.*\.png$/.test(f) && !f.endsWith('.diff.png'))
    .sort();
  return new Map(files.map((f) => [String(Number(f.split('-')[0])), f]));
}

function compare(a: string, b: string): boolean {
  for (const f of readdirSync(b)) if (f.endsWith('.diff.png')) rmSync(join(b, f));
  const before = slideFiles(a);
  const after = slideFiles(b);
  const numbers = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => Number(x) - Number(y));
  let same = true;
  for (const n of numbers) {
    const fa = before.get(n);
    const fb = after.get(n);
    if (!fa || !fb) {
      same = false;
      console.log(`${(fa ?? fb)!.padEnd(60)}  only in ${fa ? a : b}`);
      continue;
    }
    const label = fa === fb ? fa : `${fa} ↔ ${fb}`;
    const pa = PNG.sync.read(readFileSync(join(a, fa)));
    const pb = PNG.sync.read(readFileSync(join(b, fb)));
    if (pa.width !== pb.width || pa.height !== pb.height) {
      same = false;
      console.log(`${label.padEnd(60)}  size ${pa.width}×${pa.height} ↔ ${pb.width}×${pb.height}`);
      continue;
    }
    const diff = new PNG({ width: pb.width, height: pb.height });
    let differing = 0;
    for (let i = 0; i < pa.data.length; i += 4) {
      const differs =
        pa.data[i] !== pb.data[i] ||
        pa.data[i + 1] !== pb.data[i + 1] ||
        pa.data[i + 2] !== pb.data[i + 2] ||
        pa.data[i + 3] !== pb.data[i + 3];
      if (differs) {
        differing++;
        diff.data.set([255, 0, 0, 255], i);
      } else {
        const grey = 160 + Math.round((pb.data[i]! * 0.3 + pb.data[i + 1]! * 0.59 + pb.data[i + 2]! * 0.11) * 0.37);
        diff.data.set([grey, grey, grey, 255], i);
      }
    }
    const share = differing / (pa.width * pa.height);
    console.log(`${label.padEnd(60)}  ${(share * 100).toFixed(3).padStart(7)} %  (${differing} px)`);
    if (differing) {
      same = false;
      writeFileSync(join(b, fb.replace(/\.png$/, '.diff.png')), PNG.sync.write(diff));
    }
  }
  console.log(same ? 'No slide differs.' : `Differences: diff images are in ${b}`);
  return same;
}

if (args.compare) {
  const [a, b] = positionals;
  if (!a || !b) throw new Error('usage: deck-shots.ts --compare <before-folder> <after-folder>');
  process.exitCode = compare(a, b) ? 0 : 1;
} else {
  if (!args.deck || !args.out) throw new Error('usage: deck-shots.ts --deck <deck> --out <folder> [--base http://host:port]');
  await shoot(args.deck, resolve(args.out), args.base);
}
