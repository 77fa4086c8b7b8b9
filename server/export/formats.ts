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
const NOTE_W = 150;
const NOTE_H = 110;
/** Room above a board's notes for its prompt and zone labels. */
const BOARD_TOP = 90;
// The picture's bounds: wide and tall enough for any real board, small enough that its PNG stays a few MB
// however far away a layout puts a note or a stroke.
const SVG_MIN_WIDTH = 1600;
const SVG_MAX_WIDTH = 3200;
const BOARD_MAX_HEIGHT = 6000;
const PEN_COLOR = /^#(?:[0-9a-f]{3}){1,2}$/i;

/** A number as an attribute value or text: finite and rounded, so only digits, a sign and a point reach the SVG. */
function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

function clampTo(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}

interface PlacedNote {
  n: BoardExport['notes'][number];
  x: number;
  y: number;
}

/** Notes where facilitators put them (kept inside the picture), the others in their zone's column around them. */
function placeNotes(b: BoardExport): PlacedNote[] {
  const zoneIndex = new Map(b.zones.map((z, i) => [z.id, i]));
  const colW = SVG_MIN_WIDTH / Math.max(1, b.zones.length);
  const fixed = new Map<string, PlacedNote>();
  for (const n of b.notes) {
    const p = b.positions[n.id];
    if (p) fixed.set(n.id, { n, x: clampTo(p.x, 0, SVG_MAX_WIDTH - NOTE_W), y: clampTo(p.y, BOARD_TOP, BOARD_MAX_HEIGHT - NOTE_H) });
  }
  // An automatic spot that a placed note covers is skipped, as the board does, so no note hides another.
  const covered = (x: number, y: number) =>
    [...fixed.values()].some((f) => x < f.x + NOTE_W + 10 && f.x < x + NOTE_W + 10 && y < f.y + NOTE_H + 26 && f.y < y + NOTE_H + 26);
  const spot = (z: number, k: number) => ({
    x: z * colW + 20 + (k % 3) * 170,
    y: clampTo(130 + Math.floor(k / 3) * 160, BOARD_TOP, BOARD_MAX_HEIGHT - NOTE_H),
  });
  const nextInZone = new Map<string, number>();
  return b.notes.map((n) => {
    const placed = fixed.get(n.id);
    if (placed) return placed;
    const z = zoneIndex.get(n.zone) ?? 0;
    let k = nextInZone.get(n.zone) ?? 0;
    for (let tries = 0; tries < 200 && covered(spot(z, k).x, spot(z, k).y); tries++) k++;
    nextInZone.set(n.zone, k + 1);
    // Rows leave room above each note for a cluster's label.
    return { n, ...spot(z, k) };
  });
}

/**
 * The whiteboards as one SVG: notes where facilitators put them (or in zone columns), clusters, pen strokes.
 * Every text goes through escapeHtml and every number through num(), and the only elements are g, rect,
 * text, circle and polyline: the file can be opened in a browser, and nothing in it runs or loads anything.
 */
export function boardSvg(x: RoomExport): string {
  const boards = x.boards.map((b) => ({ b, placed: placeNotes(b) }));
  const width = Math.min(SVG_MAX_WIDTH, Math.max(SVG_MIN_WIDTH, ...boards.flatMap(({ placed }) => placed.map((p) => p.x + NOTE_W + 20))));
  const parts: string[] = [];
  let offsetY = 0;
  for (const { b, placed } of boards) {
    const zoneIndex = new Map(b.zones.map((z, i) => [z.id, i]));
    const colW = SVG_MIN_WIDTH / Math.max(1, b.zones.length);
    // Strokes stay inside their board's part of the picture; one far away would otherwise stretch it.
    const strokes = b.strokes.map((s) => {
      const pts: string[] = [];
      let bottom = 0;
      for (let i = 0; i + 1 < s.points.length; i += 2) {
        const px = clampTo(s.points[i]!, 0, width);
        const py = clampTo(s.points[i + 1]!, 0, BOARD_MAX_HEIGHT);
        bottom = Math.max(bottom, py);
        pts.push(`${num(px)},${num(py)}`);
      }
      return { pts, bottom, color: PEN_COLOR.test(s.color) ? s.color : '#14213d', width: clampTo(s.width, 1, 40) };
    });
    const bottoms = [...placed.map((p) => p.y + 140), ...strokes.filter((s) => s.pts.length > 1).map((s) => s.bottom + 20)];
    const height = bottoms.length === 0 ? 140 : Math.min(BOARD_MAX_HEIGHT, Math.max(300, ...bottoms));
    parts.push(`<g transform="translate(0 ${num(offsetY)})">`);
    parts.push(`<text x="20" y="40" font-size="28" font-weight="700">${escapeHtml(b.prompt)}</text>`);
    b.zones.forEach((z, i) => {
      parts.push(`<text x="${num(i * colW + 20)}" y="76" font-size="18" font-weight="700" fill="#3d4a66">${escapeHtml(z.label)}</text>`);
    });
    if (placed.length === 0) parts.push('<text x="20" y="112" font-size="16" fill="#3d4a66">Ingen sedler.</text>');
    for (const c of b.clusters) {
      const members = placed.filter((p) => c.notes.includes(p.n.id));
      if (members.length === 0) continue;
      const x0 = Math.min(...members.map((m) => m.x)) - 12;
      const y0 = Math.min(...members.map((m) => m.y)) - 36;
      const x1 = Math.max(...members.map((m) => m.x + NOTE_W)) + 12;
      const y1 = Math.max(...members.map((m) => m.y + NOTE_H)) + 12;
      parts.push(
        `<rect x="${num(x0)}" y="${num(y0)}" width="${num(x1 - x0)}" height="${num(y1 - y0)}" rx="10" fill="none" stroke="#0b5cad" stroke-width="3" stroke-dasharray="8 5"/>`,
      );
      parts.push(
        `<text x="${num(x0 + 10)}" y="${num(y0 + 24)}" font-size="18" font-weight="700" fill="#0b5cad">${escapeHtml(c.name)} · ${num(c.dots)} prikker</text>`,
      );
    }
    for (const { n, x: nx, y: ny } of placed) {
      const fill = ZONE_FILLS[(zoneIndex.get(n.zone) ?? 0) % ZONE_FILLS.length]!;
      // A word longer than a line (a URL, a long compound) is broken so it stays on its note.
      const words = n.text
        .split(/\s+/)
        .flatMap((w) => ([...w].length <= 18 ? [w] : (w.match(/.{1,17}/gu) ?? [w]).map((p, i, all) => (i < all.length - 1 ? `${p}-` : p))));
      const lines: string[] = [];
      for (const w of words) {
        const last = lines.at(-1);
        if (last !== undefined && `${last} ${w}`.length <= 18) lines[lines.length - 1] = `${last} ${w}`;
        else lines.push(w);
      }
      parts.push(
        `<rect x="${num(nx)}" y="${num(ny)}" width="${NOTE_W}" height="${NOTE_H}" rx="4" fill="${fill}" stroke="#c9b458" stroke-width="1"/>`,
      );
      if (lines.length > 5) lines.splice(4, lines.length - 4, `${lines[4]!.slice(0, 17)}…`);
      for (const [i, l] of lines.entries())
        parts.push(`<text x="${num(nx + 10)}" y="${num(ny + 24 + i * 18)}" font-size="15">${escapeHtml(l)}</text>`);
      if (n.dots > 0) {
        parts.push(
          `<circle cx="${num(nx + 136)}" cy="${num(ny + 96)}" r="13" fill="#b42318"/><text x="${num(nx + 136)}" y="${num(ny + 101)}" font-size="13" fill="#fff" text-anchor="middle">${num(n.dots)}</text>`,
        );
      }
    }
    for (const s of strokes) {
      if (s.pts.length > 1)
        parts.push(
          `<polyline points="${s.pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="${num(s.width)}" stroke-linecap="round" stroke-linejoin="round"/>`,
        );
    }
    parts.push('</g>');
    offsetY += height + 40;
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
