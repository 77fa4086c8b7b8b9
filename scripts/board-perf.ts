// Measures the whiteboard under load: a board with 500 notes, three facilitator pages in Chromium
// dragging at once (frame times from requestAnimationFrame in each page), the sync latency of a move
// from one page to another, and the shared document after 10,000 moves (size, compaction, load times).
//
//   npm run build && npm run bench:board
//
// Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium). Runs a real server in this process on a free port.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import * as Y from 'yjs';
import { BOARD_LAYOUT, DOC } from '../core/room-doc.js';
import { call, createRoom, waitFor, yClient } from '../test/helpers/clients.js';
import { ROOT, removeDir, startServer, tempDataDir, type TestServer } from '../test/helpers/server.js';

const NOTES = Number(process.env.BENCH_NOTES ?? 500);
const PAGES = Math.max(2, Number(process.env.BENCH_PAGES ?? 3));
const DRAG_MS = Number(process.env.BENCH_DRAG_MS ?? 5000);
const LATENCY_MOVES = 50;
const DOC_MOVES = 10_000;
const BOARD = 'tavle';
const VIEWPORT = { width: 1920, height: 1080 };
const FRAME_MS = 1000 / 60;

const slidesDir = join(ROOT, 'test/fixtures/slides');
const serverConfig = { slidesDir, publishIntervalMs: 200 };

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
function log(line: string): void {
  process.stderr.write(`· ${line}\n`);
}

const rows: [string, string][] = [];
const row = (what: string, value: string) => {
  rows.push([what, value]);
  log(`${what}: ${value}`);
};

function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (!found) throw new Error('Chromium mangler: apt-get install -y chromium, eller sæt CHROMIUM_PATH.');
  return found;
}

/** The board's shadow root inside a page, for page.evaluate callbacks. */
const boardRoot = `document.querySelector('rs-board[board="${BOARD}"]')?.shadowRoot`;

async function openFacilitator(page: Page, url: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('.reveal.ready');
  await page.evaluate(() => (location.hash = '#/8'));
  await page.waitForFunction(
    ([root, n]) => (eval(root as string) as ShadowRoot | undefined)?.querySelectorAll('[data-note]').length === n,
    [boardRoot, NOTES] as const,
    { timeout: 60_000 },
  );
  return Date.now() - t0;
}

/** Centre of a note on the screen. */
async function noteCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([root, id]) => {
      const r = (eval(root as string) as ShadowRoot).querySelector(`[data-note="${id}"]`)!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    [boardRoot, id] as const,
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/present.html'))) {
    log('building the pages (dist/ is missing)');
    execSync('npx vite build', { cwd: ROOT, stdio: 'inherit' });
  }
  const dataDir = tempDataDir();
  let server: TestServer = await startServer({ dataDir, config: serverConfig });
  const url = server.url;
  const room = await createRoom(url, 'alle-aktiviteter');
  const ctl = (body: Record<string, unknown>) => call(url, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body });

  // ---- 500 notes through the facilitator's control calls
  let t = Date.now();
  await ctl({ action: 'board-phase', board: BOARD, phase: 'notes' });
  const ids: string[] = [];
  for (let i = 0; i < NOTES; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, NOTES - i) }, (_, k) =>
        ctl({
          action: 'note-add',
          board: BOARD,
          zone: (i + k) % 2 ? 'muligheder' : 'problemer',
          text: `Seddel ${i + k + 1}: ${['bureaukrati', 'tillid', 'lokale løsninger', 'dokumentation', 'borgernes behov'][(i + k) % 5]}`,
        }),
      ),
    );
    for (const r of batch) {
      if (r.status !== 200) throw new Error(`note-add: ${r.status} ${JSON.stringify(r.body)}`);
      ids.push(r.body.note.id as string);
    }
  }
  row(`${NOTES} × note-add (control, 25 at a time)`, `${Date.now() - t} ms`);

  // ---- three facilitator pages
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const presentUrl = `${url}/present/${room.roomId}#key=${room.facilitatorKey}`;
  const pages: Page[] = [];
  const openTimes: number[] = [];
  for (let i = 0; i < PAGES; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    // tsx keeps function names with a __name() helper that page.evaluate callbacks carry into the page.
    await context.addInitScript('window.__name = (f) => f');
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`page ${i}: ${e.message}`));
    openTimes.push(await openFacilitator(page, presentUrl));
    pages.push(page);
  }
  row(`open deck → ${NOTES} notes drawn (per page)`, openTimes.map((n) => `${n} ms`).join(', '));

  // ---- frame times while nothing happens (the baseline of this machine), then while all three drag
  const recordFrames = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean; __long: number; __run: number };
      w.__run = (w.__run ?? 0) + 1;
      const run = w.__run;
      w.__frames = [];
      w.__stop = false;
      w.__long = 0;
      new PerformanceObserver((list) => {
        if (w.__run === run && !w.__stop) w.__long += list.getEntries().length;
      }).observe({ type: 'longtask' });
      let last = performance.now();
      const loop = (now: number) => {
        if (w.__run !== run || w.__stop) return;
        w.__frames.push(now - last);
        last = now;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame((now) => {
        last = now;
        requestAnimationFrame(loop);
      });
    });
  const stopFrames = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean; __long: number };
      w.__stop = true;
      return { frames: w.__frames, long: w.__long };
    });
  const dropped = (f: number[]) => f.reduce((sum, d) => sum + Math.max(0, Math.round(d / FRAME_MS) - 1), 0);
  for (const page of pages) await recordFrames(page);
  await new Promise((r) => setTimeout(r, 2000));
  const idle = (await Promise.all(pages.map(stopFrames))).map((x) => x.frames);
  row('idle: frame time p50 / p95 / max', `${ms(pct(idle.flat(), 50))} / ${ms(pct(idle.flat(), 95))} / ${ms(Math.max(...idle.flat()))}`);
  row('idle: dropped frames (per page, 2 s)', idle.map((f) => `${dropped(f)}/${f.length + dropped(f)}`).join(', '));

  const dragIds = pages.map((_, i) => ids[i]!);
  for (const page of pages) await recordFrames(page);
  // Mouse moves go straight through the DevTools protocol at 60 a second, as a hand on a mouse makes
  // them, without waiting for each to be handled (page.mouse.move waits, which caps the rate).
  const moveCounts = await Promise.all(
    pages.map(async (page, i) => {
      const c = await noteCentre(page, dragIds[i]!);
      const cdp = await page.context().newCDPSession(page);
      const mouse = (type: string, x: number, y: number) =>
        cdp.send('Input.dispatchMouseEvent', {
          type: type as 'mouseMoved',
          x,
          y,
          button: 'left',
          buttons: type === 'mouseReleased' ? 0 : 1,
          clickCount: 1,
        });
      await mouse('mouseMoved', c.x, c.y);
      await mouse('mousePressed', c.x, c.y);
      const start = Date.now();
      let sent = 0;
      let handled = 0;
      await new Promise<void>((done) => {
        const timer = setInterval(() => {
          const elapsed = Date.now() - start;
          if (elapsed >= DRAG_MS) {
            clearInterval(timer);
            done();
            return;
          }
          const a = (elapsed / 1000) * Math.PI * (1 + i * 0.3);
          sent++;
          void mouse('mouseMoved', c.x + 260 + Math.cos(a) * 180, c.y + 200 + Math.sin(a) * 120).then(() => handled++);
        }, 1000 / 60);
      });
      // Give the drag up (Escape takes back what it wrote), so no note lands on another and makes a cluster.
      await page.keyboard.press('Escape');
      await mouse('mouseReleased', c.x, c.y);
      await cdp.detach();
      return { sent, handled };
    }),
  );
  const measured = await Promise.all(pages.map(stopFrames));
  const frames = measured.map((x) => x.frames);
  const all = frames.flat();
  row(
    'mouse moves per page during the drag (sent, handled)',
    moveCounts.map((n) => `${Math.round(n.sent / (DRAG_MS / 1000))}/s, ${Math.round(n.handled / (DRAG_MS / 1000))}/s`).join(' · '),
  );
  row(`frames measured (${PAGES} pages)`, `${all.length} in ${(DRAG_MS / 1000).toFixed(0)} s`);
  row('frame time p50', ms(pct(all, 50)));
  row('frame time p95', ms(pct(all, 95)));
  row('frame time max', ms(Math.max(...all)));
  row('dropped frames (per page)', frames.map((f) => `${dropped(f)}/${f.length + dropped(f)}`).join(', '));
  row('long tasks > 50 ms (per page)', measured.map((x) => String(x.long)).join(', '));

  // Every page ends with the same positions for the three dragged notes.
  const finalOf = (page: Page) =>
    page.evaluate(
      ([root, list]) =>
        (list as string[]).map(
          (id) => (eval(root as string) as ShadowRoot).querySelector<HTMLElement>(`[data-note="${id}"]`)!.style.transform,
        ),
      [boardRoot, dragIds] as const,
    );
  await waitFor(
    async () => {
      const seen = await Promise.all(pages.map(finalOf));
      return seen.every((s) => JSON.stringify(s) === JSON.stringify(seen[0]));
    },
    5000,
    'pages agree on the dragged notes',
  ).catch(async (err: unknown) => {
    log(JSON.stringify(await Promise.all(pages.map(finalOf))));
    throw err;
  });
  row('three pages converged on the dragged notes', 'yes');

  // ---- sync latency: a move on page A until page B's DOM shows it
  const [a, b] = pages as [Page, Page];
  const latencies: number[] = [];
  const probe = ids[10]!;
  for (let i = 0; i < LATENCY_MOVES; i++) {
    await b.evaluate(
      ([root, id]) => {
        const el = (eval(root as string) as ShadowRoot).querySelector<HTMLElement>(`[data-note="${id}"]`)!;
        const w = window as unknown as { __seen: number | null };
        w.__seen = null;
        const before = el.style.transform;
        const mo = new MutationObserver(() => {
          if (el.style.transform !== before) {
            w.__seen = performance.timeOrigin + performance.now();
            mo.disconnect();
          }
        });
        mo.observe(el, { attributes: true, attributeFilter: ['style'] });
      },
      [boardRoot, probe] as const,
    );
    await a.evaluate(() => {
      const w = window as unknown as { __moved: number | null };
      w.__moved = null;
      window.addEventListener('pointermove', () => (w.__moved ??= performance.timeOrigin + performance.now()), {
        capture: true,
        once: true,
      });
    });
    const c = await noteCentre(a, probe);
    await a.mouse.move(c.x, c.y);
    await a.mouse.down();
    await a.mouse.move(c.x + (i % 2 ? -40 : 40), c.y + (i % 2 ? -12 : 12));
    const seen = await waitFor(
      () => b.evaluate(() => (window as unknown as { __seen: number | null }).__seen),
      5000,
      'page B sees the move',
    ).catch(async (err: unknown) => {
      await a.screenshot({ path: '/tmp/board-perf-a.png' });
      await b.screenshot({ path: '/tmp/board-perf-b.png' });
      throw err;
    });
    await a.mouse.up();
    const moved = await a.evaluate(() => (window as unknown as { __moved: number | null }).__moved);
    if (moved) latencies.push(seen - moved);
    await a.waitForTimeout(30);
  }
  row(`sync latency page A → page B (${latencies.length} moves) p50`, ms(pct(latencies, 50)));
  row('sync latency p95', ms(pct(latencies, 95)));
  await browser.close();

  // ---- 10,000 moves through a Node facilitator client
  const fac = yClient(url, room.roomId, room.facilitatorKey);
  await fac.synced;
  const layout = fac.doc.getMap(DOC.layout).get(BOARD) as Y.Map<unknown>;
  const positions = layout.get(BOARD_LAYOUT.positions) as Y.Map<{ x: number; y: number }>;
  const origin = { bench: true };
  const sizeBefore = Y.encodeStateAsUpdate(fac.doc).length;
  t = Date.now();
  for (let i = 0; i < DOC_MOVES; i++) {
    fac.doc.transact(() => positions.set(ids[i % ids.length]!, { x: 2000 + (i % 997), y: (i * 7) % 1500 }), origin);
  }
  const lastId = ids[(DOC_MOVES - 1) % ids.length]!;
  const lastX = 2000 + ((DOC_MOVES - 1) % 997);
  const check = yClient(url, room.roomId, room.facilitatorKey);
  await check.synced;
  await waitFor(
    () =>
      ((check.doc.getMap(DOC.layout).get(BOARD) as Y.Map<unknown>).get(BOARD_LAYOUT.positions) as Y.Map<{ x: number }>).get(lastId)?.x ===
      lastX,
    30_000,
    'the server has every move',
  );
  row(`${DOC_MOVES} moves (one transaction each) written and relayed`, `${Date.now() - t} ms`);
  check.destroy();
  const encoded = Y.encodeStateAsUpdate(fac.doc).length;
  row('Y.encodeStateAsUpdate(public doc) before → after the moves', `${kb(sizeBefore)} → ${kb(encoded)}`);
  fac.destroy();

  // Stored: the update log as it stands, then after the server compacts it.
  const stored = async () => {
    const updates = await server.app.storage.loadDocUpdates(room.roomId, 'public');
    return { rows: updates.length, bytes: updates.reduce((n, u) => n + u.length, 0) };
  };
  await new Promise((r) => setTimeout(r, 500));
  const before = await stored();
  row('stored update log before compaction', `${before.rows} rows, ${kb(before.bytes)}`);
  const live = (await server.app.rooms.get(room.roomId)) as unknown as { compact(): void };
  live.compact();
  const after = await waitFor(
    async () => {
      const s = await stored();
      return s.rows === 1 ? s : undefined;
    },
    10_000,
    'compaction',
  );
  row('stored after compaction (Y.encodeStateAsUpdate, 1 row)', kb(after.bytes));

  // Load times: a fresh client, then a restarted server loading the room from SQLite.
  const connect = async () => {
    const t0 = performance.now();
    const c = yClient(server.url, room.roomId, room.facilitatorKey);
    await c.synced;
    const took = performance.now() - t0;
    c.destroy();
    return took;
  };
  const fresh: number[] = [];
  for (let i = 0; i < 5; i++) fresh.push(await connect());
  row('fresh client connect → synced (median of 5)', ms(pct(fresh, 50)));
  await server.stop();
  server = await startServer({ dataDir, config: serverConfig });
  row('server restart → first client synced (room loaded from SQLite)', ms(await connect()));
  await server.stop();
  server = await startServer({ dataDir, config: serverConfig });
  t = performance.now();
  await server.app.rooms.get(room.roomId);
  row('server restart → Room.load alone', ms(performance.now() - t));
  await server.stop();
  removeDir(dataDir);

  const width = Math.max(...rows.map(([w]) => w.length));
  const out = [
    `Whiteboard: ${NOTES} notes, ${PAGES} facilitator pages at ${VIEWPORT.width}×${VIEWPORT.height}, loopback`,
    '',
    `${'measure'.padEnd(width)} | value`,
    `${'-'.repeat(width)}-|-${'-'.repeat(30)}`,
    ...rows.map(([w, v]) => `${w.padEnd(width)} | ${v}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
