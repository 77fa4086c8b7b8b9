// The whiteboard on the audience projector with one to six zones, empty and with a few notes, at 1920×1080 and
// 1280×720: the zones fill the board from its top; every zone's heading, count and "Ingen sedler endnu" lies
// whole inside the board's visible area and its own zone, no two texts overlap, and a heading wraps at its
// words into at most two lines.
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CreateRoomResponse } from '../../core/wire.js';
import { browserSuite, goToSlide, SHOTS } from '../helpers/browser.js';
import { call, createRoom, join, presenter } from '../helpers/clients.js';
import { ROOT } from '../helpers/server.js';

const t = browserSuite({ slidesDir: joinPath(ROOT, 'test', 'fixtures', 'board-zones') });
const DECK = 'tavle-zoner';
/** The deck's boards: `z<n>` has n zones, on slide `slide`. */
const BOARDS = [
  { zones: 1, slide: 1 },
  { zones: 2, slide: 2 },
  { zones: 3, slide: 3 },
  { zones: 4, slide: 4 },
  { zones: 6, slide: 5 },
];

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the audience sees of board `id`, in screen px: the board's visible area, the zones, and every text drawn on it. */
function measure(page: Page, id: string) {
  return page.evaluate((board) => {
    const root = document.querySelector(`rs-board[board="${board}"]`)!.shadowRoot!;
    const box = (r: DOMRect) => ({ x: r.x, y: r.y, w: r.width, h: r.height });
    const vp = root.querySelector<HTMLElement>('.viewport')!;
    const outer = vp.getBoundingClientRect();
    const s = outer.width / vp.offsetWidth;
    // Inside the border: what the board shows.
    const area = {
      x: outer.x + vp.clientLeft * s,
      y: outer.y + vp.clientTop * s,
      w: vp.clientWidth * s,
      h: vp.clientHeight * s,
    };
    const zones = [...root.querySelectorAll<HTMLElement>('.zone')];
    const texts: { what: string; zone: number; lines: number; x: number; y: number; w: number; h: number }[] = [];
    /** The ink of an element's text (not its box): a range over its contents, with the lines it takes. */
    const text = (e: Element | null, zone: number) => {
      if (!e?.textContent?.trim()) return;
      const range = document.createRange();
      range.selectNodeContents(e);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      texts.push({ what: e.textContent.trim(), zone, lines, ...box(range.getBoundingClientRect()) });
    };
    for (const [i, z] of zones.entries()) {
      text(z.querySelector('h3 .label'), i);
      text(z.querySelector('h3 .count'), i);
      text(z.querySelector('.zone-empty'), i);
    }
    const notes = [...root.querySelectorAll<HTMLElement>('.note')].map((n) => ({
      what: n.textContent?.trim() ?? '',
      ...box(n.getBoundingClientRect()),
    }));
    const loose = [...root.querySelectorAll('.readonly-empty')].map((e) => e.textContent?.trim() ?? '');
    return { area, zones: zones.map((z) => box(z.getBoundingClientRect())), texts, notes, loose };
  }, id);
}

const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;
const meets = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

async function audience(room: CreateRoomResponse, viewport: { width: number; height: number }, errors: string[]): Promise<Page> {
  const page = await t.page({ viewport, errors });
  const url = new URL(room.presentUrl.replace(/^http:\/\/[^/]+/, t.server.url));
  url.searchParams.set('view', 'audience');
  await page.goto(url.toString());
  await page.locator('rs-presenter-status').getByText('Forbundet').waitFor();
  return page;
}

/** Checks what the audience sees of a board; `notes` are the texts that must be drawn. */
async function check(page: Page, zones: number, notes: string[], label: string) {
  const id = `z${zones}`;
  const board = page.locator(`rs-board[board="${id}"]`);
  await board
    .locator('.zone')
    .nth(zones - 1)
    .waitFor();
  for (const n of notes) await board.getByRole('group', { name: n, exact: true }).waitFor();
  // The slide's transition over, and the view (it follows the board) settled on what it holds.
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'));
  await page.waitForTimeout(300);
  const m = await measure(page, id);
  await page.screenshot({ path: joinPath(SHOTS, `board-zones-${label}.png`) });

  expect(m.zones, label).toHaveLength(zones);
  expect(m.notes.map((n) => n.what).sort(), label).toEqual([...notes].sort());
  // The zones start at the board's top (its 16 px margin), not lower down with an empty band above.
  const top = Math.min(...m.zones.map((z) => z.y));
  expect(top - m.area.y, `${label}: the zones' top below the board's top`).toBeGreaterThanOrEqual(0);
  expect(top - m.area.y, `${label}: the zones' top below the board's top`).toBeLessThanOrEqual(24);
  // Each zone's heading and count (and on an empty board its hint), whole, inside the board's area and its zone.
  const headings = m.texts.filter((x) => !x.what.includes('sedler') && !x.what.includes('seddel') && x.what !== 'Ingen sedler endnu');
  expect(headings, label).toHaveLength(zones);
  expect(
    m.texts.filter((x) => /^\d+ sed/.test(x.what)),
    label,
  ).toHaveLength(zones);
  expect(
    m.texts.filter((x) => x.what === 'Ingen sedler endnu'),
    label,
  ).toHaveLength(notes.length === 0 ? zones : 0);
  expect(m.loose, label).toEqual([]);
  for (const x of m.texts) {
    expect(inside(x, m.area), `${label}: "${x.what}" inside the board's visible area`).toBe(true);
    expect(inside(x, m.zones[x.zone]!), `${label}: "${x.what}" inside its zone`).toBe(true);
  }
  // A heading wraps at its words into at most two lines, never one word a line.
  for (const h of headings) expect(h.lines, `${label}: lines of "${h.what}"`).toBeLessThanOrEqual(2);
  // No two texts (headings, counts, hints, notes) overlap.
  const all: (Box & { what: string })[] = [...m.texts, ...m.notes];
  for (const [i, a] of all.entries()) {
    for (const b of all.slice(i + 1)) expect(meets(a, b), `${label}: "${a.what}" and "${b.what}" overlap`).toBe(false);
  }
  for (const n of m.notes) expect(inside(n, m.area), `${label}: the note "${n.what}" in view`).toBe(true);
}

describe('the whiteboard with one to six zones on the audience projector', () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`fills the board from the top with readable, whole headings, empty and with a few notes, at ${size}`, async () => {
      const errors: string[] = [];
      const room = await createRoom(t.server.url, DECK);
      const fac = await presenter(t.server.url, room);
      const page = await audience(room, viewport, errors);

      for (const b of BOARDS) {
        // Once the board's slide is the present one: its fade has begun, and check() waits for it to end.
        await goToSlide(page, b.slide);
        await check(page, b.zones, [], `${b.zones}-empty-${size}`);

        // A few notes from a phone: two in the first zone, one in the last.
        const person = (await join(t.server.url, room.joinCode)).participantToken;
        const ids = await page
          .locator(`rs-board[board="z${b.zones}"]`)
          .evaluate((el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.zone')].map((z) => z.dataset.zone!));
        expect((await fac.control({ action: 'board-phase', board: `z${b.zones}`, phase: 'notes' })).status).toBe(200);
        const notes = [
          { zone: ids[0]!, text: 'Flere hænder i hjemmeplejen' },
          { zone: ids[0]!, text: 'Sagsbehandlingstider' },
          { zone: ids[ids.length - 1]!, text: 'Bedre cykelstier' },
        ];
        for (const n of notes) {
          const r = await call(t.server.url, `/api/rooms/${room.roomId}/intents`, {
            token: person,
            body: { id: crypto.randomUUID(), type: 'note', board: `z${b.zones}`, ...n },
          });
          expect(r.status, n.text).toBe(200);
        }
        await check(
          page,
          b.zones,
          notes.map((n) => n.text),
          `${b.zones}-notes-${size}`,
        );
      }
      expect(errors).toEqual([]);
    }, 120_000);
  }
});
