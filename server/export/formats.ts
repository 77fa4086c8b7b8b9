// The export formats that need libraries: CSV files in a zip, an Excel workbook, PDF and PNG through
// headless Chromium, and the whiteboard as SVG. Importing this module registers them.
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { ActivityExport, BoardExport, RoomExport } from './model.js';
import { ExportError, fileName, registerRenderer, type ExportDeps } from './index.js';
import { ExportGate } from './gate.js';
import { escapeHtml } from '../html.js';
import { referatHtml } from './referat.js';
import { meanLeads, resultTable, type Figure } from './table.js';
import { NOTE_H, NOTE_W, noteRect, union, type Rect } from '../../core/board-geometry.js';

// ---------------------------------------------------------------- CSV

/**
 * One CSV cell for Danish Excel: semicolon-separated, decimal comma, quoted when needed, and text that
 * Excel would run as a formula (= + - @, tab, carriage return) neutralised with a leading apostrophe.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e4) / 1e4).replace('.', ',');
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

function activityRows(a: ActivityExport): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ['Nr.', a.number],
    ['Spørgsmål', a.prompt],
    ['Metode', a.method],
    ['Svar', a.answered],
    ['Beslutning', a.decision || null],
    [],
  ];
  const table = resultTable(a);
  rows.push(table.heads, ...table.rows);
  if (a.mean !== null) rows.push([], ['Gennemsnit', a.mean]);
  return rows;
}

function boardRows(b: BoardExport): (string | number | null)[][] {
  const cluster = (id: string | null) => b.clusters.find((c) => c.id === id)?.name ?? null;
  return [
    ['Nr.', b.number],
    ['Opgave', b.prompt],
    ['Prikker pr. deltager', b.dotsPerParticipant],
    ['Deltagere med prikker', b.participantsWithDots],
    [],
    ['Plads', 'Top prioritet', 'Type', 'Prikker'],
    ...b.topPriorities.map((p) => [p.place, p.label, p.kind === 'cluster' ? 'Gruppe' : 'Seddel', p.dots]),
    [],
    ['Seddel', 'Felt', 'Gruppe', 'Prikker'],
    ...b.notes.map((n) => [n.text, n.zoneLabel, cluster(n.cluster), n.dots]),
  ];
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

registerRenderer('csv', (x) => {
  const files: Record<string, Uint8Array> = {};
  for (const a of x.activities) files[`${String(a.number).padStart(2, '0')}-${slugOf(a.id)}.csv`] = strToU8(csv(activityRows(a)));
  for (const b of x.boards) files[`${String(b.number).padStart(2, '0')}-${slugOf(b.id)}.csv`] = strToU8(csv(boardRows(b)));
  return { name: fileName(x, 'zip'), type: 'application/zip', body: Buffer.from(zipSync(files, { level: 6 })) };
});

// ---------------------------------------------------------------- XLSX

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF14213D' } };

function header(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.eachCell((c) => (c.fill = HEADER_FILL));
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(number: number, text: string, taken: Set<string>): string {
  const base = `${number}. ${text.replace(/[[\]:*?/\\]/g, ' ')}`.slice(0, 31).trim();
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function leader(a: ActivityExport): string {
  if (a.answered === 0 || a.rows.length === 0) return '';
  if (meanLeads(a)) return `Gennemsnit ${a.mean!.toFixed(1).replace('.', ',')}`;
  // Rows are in the deck's order for most kinds, so the leader is the highest count, and a tie says so.
  const top = Math.max(...a.rows.map((r) => r.count));
  if (top <= 0) return '';
  const best = a.rows.filter((r) => r.count === top).map((r) => r.label);
  return best.length === 1 ? best[0]! : `${best.join(' / ')} (stå lige)`;
}

registerRenderer('xlsx', async (x) => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rådslag';
  wb.created = new Date(x.exportedAt);
  const taken = new Set<string>(['oversigt']);
  const summary = wb.addWorksheet('Oversigt', { views: [{ state: 'frozen', ySplit: 7 }] });
  summary.columns = [{ width: 6 }, { width: 60 }, { width: 34 }, { width: 10 }, { width: 36 }, { width: 50 }];
  summary.addRow([x.room.title]).font = { bold: true, size: 14 };
  summary.addRow(['Oprettet', x.room.createdAt.slice(0, 10)]);
  summary.addRow(['Deltagere', x.room.participants]);
  summary.addRow(['Sted', x.room.place || '—']);
  summary.addRow(['Fraværende', x.room.absent || '—']);
  summary.addRow([]);
  header(summary.addRow(['Nr.', 'Spørgsmål', 'Metode', 'Svar', 'Resultat (flest)', 'Beslutning']));
  const items = [
    ...x.activities.map((a) => ({ n: a.number, row: [a.number, a.prompt, a.method, a.answered, leader(a), a.decision] })),
    ...x.boards.map((b) => ({
      n: b.number,
      row: [b.number, b.prompt, 'Tavle med prikafstemning', b.participantsWithDots, b.topPriorities[0]?.label ?? '', ''],
    })),
  ].sort((a, b) => a.n - b.n);
  for (const i of items) summary.addRow(i.row).alignment = { wrapText: true, vertical: 'top' };

  // One sheet per item in the referat's order, activities and boards as they come in the deck.
  const sheets = [
    ...x.activities.map((a) => ({ n: a.number, add: () => activitySheet(wb, a, taken) })),
    ...x.boards.map((b) => ({ n: b.number, add: () => boardSheet(wb, b, taken) })),
  ].sort((a, b) => a.n - b.n);
  for (const sheet of sheets) sheet.add();
  return {
    name: fileName(x, 'xlsx'),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
});

function activitySheet(wb: ExcelJS.Workbook, a: ActivityExport, taken: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(a.number, a.prompt, taken));
  ws.columns = [{ width: 48 }, { width: 14 }, { width: 10 }, { width: 12 }];
  ws.addRow([a.prompt]).font = { bold: true, size: 13 };
  ws.addRow(['Metode', a.method]);
  ws.addRow(['Svar', a.answered]);
  ws.addRow(['Beslutning', a.decision || '—']);
  ws.addRow([]);
  const table = resultTable(a);
  header(ws.addRow(table.heads));
  const numFmt: Record<Figure, string | undefined> = { label: undefined, count: '0', share: '0%', rank: '0.0' };
  for (const cells of table.rows) {
    const row = ws.addRow(cells);
    table.figures.forEach((f, i) => {
      if (numFmt[f]) row.getCell(i + 1).numFmt = numFmt[f];
    });
  }
  if (a.mean !== null) {
    ws.addRow([]);
    ws.addRow(['Gennemsnit', a.mean]).getCell(2).numFmt = '0.0';
  }
}

function boardSheet(wb: ExcelJS.Workbook, b: BoardExport, taken: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(b.number, b.prompt, taken));
  ws.columns = [{ width: 8 }, { width: 56 }, { width: 14 }, { width: 10 }, { width: 30 }];
  ws.addRow([b.prompt]).font = { bold: true, size: 13 };
  ws.addRow(['Prikker pr. deltager', b.dotsPerParticipant]);
  ws.addRow(['Deltagere med prikker', b.participantsWithDots]);
  ws.addRow([]);
  header(ws.addRow(['Plads', 'Top prioritet', 'Type', 'Prikker']));
  for (const p of b.topPriorities) ws.addRow([p.place, p.label, p.kind === 'cluster' ? 'Gruppe' : 'Seddel', p.dots]);
  ws.addRow([]);
  header(ws.addRow(['Nr.', 'Seddel', 'Felt', 'Prikker', 'Gruppe']));
  const clusterName = new Map(b.clusters.map((c) => [c.id, c.name]));
  b.notes.forEach((n, i) => {
    const row = ws.addRow([i + 1, n.text, n.zoneLabel, n.dots, n.cluster ? (clusterName.get(n.cluster) ?? null) : null]);
    row.getCell(4).numFmt = '0';
    row.alignment = { wrapText: true, vertical: 'top' };
  });
}

// ---------------------------------------------------------------- Board picture

const ZONE_FILLS = ['#fff3b0', '#cde8ff', '#d8f5d0', '#ffd9e1', '#eadcff', '#ffe2c4'];
/** Margin around a board, and room above it for its prompt. */
const PAD = 20;
const BOARD_TOP = 64;
// The picture's bounds: wide and tall enough for any real board, small enough that its PNG stays a few MB
// however far away a layout puts a note or a stroke. What lies further out is drawn at the edge.
const SVG_MIN_WIDTH = 1600;
const SVG_MAX_WIDTH = 3200;
const BOARD_MAX_HEIGHT = 6000;
const PEN_COLOR = /^#(?:[0-9a-f]{3}){1,2}$/i;
/** Characters on a line of a note at 16 px, and lines on a note. */
const NOTE_CHARS = 20;
const NOTE_LINES = 5;

/** A number as an attribute value or text: finite and rounded, so only digits, a sign and a point reach the SVG. */
function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

function clampTo(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}

/** A note's text in lines of its width; a word longer than a line (a URL, a long compound) is broken. */
function noteLines(text: string): string[] {
  const words = text
    .split(/\s+/)
    .flatMap((w) =>
      [...w].length <= NOTE_CHARS
        ? [w]
        : (w.match(new RegExp(`.{1,${NOTE_CHARS - 1}}`, 'gu')) ?? [w]).map((p, i, all) => (i < all.length - 1 ? `${p}-` : p)),
    );
  const lines: string[] = [];
  for (const w of words) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${w}`.length <= NOTE_CHARS) lines[lines.length - 1] = `${last} ${w}`;
    else if (w) lines.push(w);
  }
  if (lines.length > NOTE_LINES)
    lines.splice(NOTE_LINES - 1, lines.length, `${[...lines[NOTE_LINES - 1]!].slice(0, NOTE_CHARS - 1).join('')}…`);
  return lines;
}

/** The part of board coordinates a board's picture shows: its zones and what lies around them, within the bounds. */
function boardWindow(b: BoardExport): Rect {
  const all = union([
    ...b.zones.map((z) => z.frame),
    ...b.notes.map((n) => noteRect(n.at)),
    ...b.clusters.filter((c) => c.notes.length > 0).map((c) => c.frame),
  ]) ?? { x: 0, y: 0, w: SVG_MIN_WIDTH - 2 * PAD, h: 140 };
  const x = clampTo(all.x, -(SVG_MAX_WIDTH - 2 * PAD) / 2, 0);
  const y = clampTo(all.y, -BOARD_MAX_HEIGHT / 2, 0);
  return { x, y, w: clampTo(all.x + all.w - x, 0, SVG_MAX_WIDTH - 2 * PAD), h: clampTo(all.y + all.h - y, 0, BOARD_MAX_HEIGHT) };
}

/**
 * The whiteboards as one SVG, each drawn from the layout the board shows (core/board-geometry.ts): zone columns,
 * notes in their groups, where facilitators put them or in their spots, group frames and pen strokes, in board
 * coordinates inside a group that moves the board below its prompt. Every text goes through escapeHtml and every
 * number through num(), and the only elements are g, rect, text, circle and polyline: the file can be opened in
 * a browser, and nothing in it runs or loads anything.
 */
export function boardSvg(x: RoomExport): string {
  const boards = x.boards.map((b) => ({ b, view: boardWindow(b) }));
  const width = Math.min(SVG_MAX_WIDTH, Math.max(SVG_MIN_WIDTH, ...boards.map(({ view }) => view.w + 2 * PAD)));
  const parts: string[] = [];
  let offsetY = 0;
  for (const { b, view } of boards) {
    const zoneIndex = new Map(b.zones.map((z, i) => [z.id, i]));
    const right = view.x + width - 2 * PAD;
    const bottom = view.y + BOARD_MAX_HEIGHT;
    // Whatever lies beyond the picture's bounds is drawn at its edge: a far-off note must not stretch the file.
    const inside = (p: { x: number; y: number }, w = 0, h = 0) => ({
      x: clampTo(p.x, view.x, Math.max(view.x, right - w)),
      y: clampTo(p.y, view.y, Math.max(view.y, bottom - h)),
    });
    const strokes = b.strokes.map((s) => {
      const pts: string[] = [];
      let low = view.y;
      for (let i = 0; i + 1 < s.points.length; i += 2) {
        const p = inside({ x: s.points[i]!, y: s.points[i + 1]! });
        low = Math.max(low, p.y);
        pts.push(`${num(p.x)},${num(p.y)}`);
      }
      return { pts, low, color: PEN_COLOR.test(s.color) ? s.color : '#14213d', width: clampTo(s.width, 1, 40) };
    });
    const drawn = strokes.filter((s) => s.pts.length > 1);
    const height = Math.min(BOARD_MAX_HEIGHT, Math.max(view.y + view.h, ...drawn.map((s) => s.low + 20)) - view.y);
    parts.push(`<g transform="translate(0 ${num(offsetY)})">`);
    parts.push(`<text x="${PAD}" y="40" font-size="28" font-weight="700">${escapeHtml(b.prompt)}</text>`);
    parts.push(`<g data-board="${escapeHtml(b.id)}" transform="translate(${num(PAD - view.x)} ${num(BOARD_TOP - view.y)})">`);
    b.zones.forEach((z, i) => {
      const f = z.frame;
      parts.push(
        `<rect x="${num(f.x)}" y="${num(f.y)}" width="${num(f.w)}" height="${num(f.h)}" rx="12" fill="#f6f8fb" stroke="#dde3ec" stroke-width="2"/>`,
        `<text x="${num(f.x + 20)}" y="${num(f.y + 40)}" font-size="22" font-weight="700" fill="${i % 2 ? '#0b5cad' : '#3d4a66'}">${escapeHtml(z.label)}</text>`,
      );
    });
    if (b.notes.length === 0) parts.push('<text x="20" y="100" font-size="18" fill="#3d4a66">Ingen sedler.</text>');
    for (const c of b.clusters) {
      if (c.notes.length === 0) continue;
      const f = { ...c.frame, ...inside(c.frame, c.frame.w, c.frame.h) };
      parts.push(
        `<rect data-cluster="${escapeHtml(c.id)}" x="${num(f.x)}" y="${num(f.y)}" width="${num(f.w)}" height="${num(f.h)}" rx="12" fill="#eef4fb" stroke="#0b5cad" stroke-width="3"/>`,
        `<text x="${num(f.x + 14)}" y="${num(f.y + 34)}" font-size="20" font-weight="700" fill="#0b5cad">${escapeHtml(c.name)} · ${num(c.dots)} ${c.dots === 1 ? 'prik' : 'prikker'}</text>`,
      );
    }
    for (const n of b.notes) {
      const { x: nx, y: ny } = inside(n.at, NOTE_W, NOTE_H);
      const fill = ZONE_FILLS[(zoneIndex.get(n.zone) ?? 0) % ZONE_FILLS.length]!;
      parts.push(
        `<rect data-note="${escapeHtml(n.id)}" x="${num(nx)}" y="${num(ny)}" width="${NOTE_W}" height="${NOTE_H}" rx="6" fill="${fill}" stroke="#c9b458" stroke-width="1"/>`,
      );
      for (const [i, l] of noteLines(n.text).entries())
        parts.push(`<text x="${num(nx + 12)}" y="${num(ny + 26 + i * 19)}" font-size="16">${escapeHtml(l)}</text>`);
      if (n.dots > 0) {
        parts.push(
          `<circle cx="${num(nx + NOTE_W - 18)}" cy="${num(ny + NOTE_H - 18)}" r="14" fill="#b42318"/><text x="${num(nx + NOTE_W - 18)}" y="${num(ny + NOTE_H - 13)}" font-size="14" fill="#fff" text-anchor="middle">${num(n.dots)}</text>`,
        );
      }
    }
    for (const s of drawn)
      parts.push(
        `<polyline points="${s.pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="${num(s.width)}" stroke-linecap="round" stroke-linejoin="round"/>`,
      );
    parts.push('</g></g>');
    offsetY += BOARD_TOP + height + 40;
  }
  const total = Math.max(200, offsetY);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(total)}" viewBox="0 0 ${num(width)} ${num(total)}" font-family="system-ui, sans-serif" fill="#14213d"><rect width="100%" height="100%" fill="#fff"/>${
    x.boards.length === 0 ? '<text x="20" y="40" font-size="20">Rummet har ingen tavle.</text>' : parts.join('')
  }</svg>`;
}

registerRenderer('svg', (x) => ({ name: fileName(x, 'svg'), type: 'image/svg+xml; charset=utf-8', body: Buffer.from(boardSvg(x)) }));

// ---------------------------------------------------------------- Chromium: PDF and PNG

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const CHROMIUM_ARGS = [
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these, Chromium keeps trying to reach its update and sync services from a closed network.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--dns-prefetch-disable',
  // Anything the browser would still fetch past the aborted routes goes to a proxy that is not there, loopback
  // included (Chromium otherwise never proxies localhost): an export must not reach the server's own ports.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

/** Chromium browsers of exports alive in this process now, and the most at once: what the gate must keep small. */
export const chromiumLive = { now: 0, peak: 0 };

/** The command line brings no gate: it renders one export and then ends. */
const ownGate = new ExportGate();

/** Whether Chromium's sandbox starts on this machine: never as root, elsewhere found out once. */
let sandboxWorks: boolean | undefined = process.getuid?.() === 0 ? false : undefined;

async function launch(executablePath: string, timeout: number): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  if (sandboxWorks !== false) {
    try {
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout, chromiumSandbox: true });
      sandboxWorks = true;
      return browser;
    } catch (err) {
      if (sandboxWorks === true) throw err;
      // A container without user namespaces: the page still runs no script and reaches no network.
      sandboxWorks = false;
    }
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout, chromiumSandbox: false });
}

/**
 * Renders in a Chromium that can run nothing and reach nothing: JavaScript off, every request aborted (the
 * content is set, never fetched), no service workers, offline, a proxy that leads nowhere, a deadline, and
 * a place in the server's queue of Chromium exports. A new browser each time, so no export sees another's.
 */
async function withChromium<T>(deps: ExportDeps, use: (page: Page) => Promise<T>): Promise<T> {
  const executablePath = CHROMIUM.find((p): p is string => !!p && existsSync(p));
  if (!executablePath) {
    throw new ExportError(
      503,
      'internal',
      'PDF og PNG kræver Chromium på serveren: installer det med "apt-get install -y chromium" eller sæt CHROMIUM_PATH.',
    );
  }
  const gate = deps.gate ?? ownGate;
  const timeoutMs = gate.limits.timeoutMs;
  return gate.run(async () => {
    let browser: Browser | undefined;
    let over = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        over = true;
        reject(
          new ExportError(
            503,
            'internal',
            `Eksporten tog mere end ${Math.round(timeoutMs / 1000)} sekunder og blev stoppet. Prøv igen om lidt, eller hent referatet som HTML og udskriv det som PDF.`,
          ),
        );
      }, timeoutMs);
    });
    const work = (async () => {
      const launched = await launch(executablePath, timeoutMs);
      browser = launched;
      chromiumLive.now++;
      chromiumLive.peak = Math.max(chromiumLive.peak, chromiumLive.now);
      // The deadline passed while Chromium started: nobody waits for this page any more.
      if (over) throw new Error('Eksporten tog for lang tid.');
      const context = await launched.newContext({
        javaScriptEnabled: false,
        offline: true,
        serviceWorkers: 'block',
        acceptDownloads: false,
      });
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      return use(page);
    })();
    // After the deadline the work's own failure has nobody to tell.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
      // Closing the browser ends whatever still runs in it; a launch still under way ends too (its own timeout
      // bounds it) and its browser is closed as well. Only then is the place in the queue given back.
      await (browser as Browser | undefined)?.close().catch(() => undefined);
      await work.catch(() => undefined);
      const late = browser as Browser | undefined;
      if (late) {
        await late.close().catch(() => undefined);
        chromiumLive.now--;
      }
    }
  });
}

registerRenderer('pdf', async (x, deps) => {
  const html = referatHtml(x, { place: deps.place });
  const body = await withChromium(deps, async (page) => {
    await page.setContent(html, { waitUntil: 'load' });
    // Tagged with an outline, so a screen reader reads the referat's headings, tables and order.
    return page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    });
  });
  return { name: fileName(x, 'pdf'), type: 'application/pdf', body: Buffer.from(body) };
});

// The largest PNG made: a bigger picture (only a layout with things far out makes one) is scaled down to fit,
// so its screenshot stays a second's work and a few MB.
const PNG_MAX_PIXELS = 12_000_000;
const PNG_MAX_SIDE = 16_000;

registerRenderer('png', async (x, deps) => {
  const svg = boardSvg(x);
  const size = /width="([\d.]+)" height="([\d.]+)"/.exec(svg)!;
  const fullW = Math.max(1, Number(size[1]));
  const fullH = Math.max(1, Number(size[2]));
  const scale = Math.min(1, Math.sqrt(PNG_MAX_PIXELS / (fullW * fullH)), PNG_MAX_SIDE / fullW, PNG_MAX_SIDE / fullH);
  const width = Math.max(1, Math.floor(fullW * scale));
  const height = Math.max(1, Math.floor(fullH * scale));
  const body = await withChromium(deps, async (page) => {
    await page.setViewportSize({ width, height });
    // Drawn as an image: an SVG in <img> runs no script and loads nothing, whatever it holds.
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<!doctype html><html><body style="margin:0"><img alt="" src="${src}" width="${width}" height="${height}" style="display:block"></body></html>`,
      { waitUntil: 'load' },
    );
    return page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } });
  });
  return { name: fileName(x, 'png'), type: 'image/png', body: Buffer.from(body) };
});
