// The grouped whiteboard read from the back of the room: at 1920×1080 and 1280×720 a board of three zones and
// twenty notes in five groups shows its note text at least as large as a slide's body text (a note whose longest
// word would not fit draws it a little smaller instead of breaking it), and every group's frame lies inside its
// zone without touching another group's frame.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import { DECK_FILE } from '../../server/decks/templates.js';
import { browserSuite, goToSlide, SHOTS } from '../helpers/browser.js';
import { call, createRoom, join } from '../helpers/clients.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';

// The fixture deck with its board given a third zone: a board of three columns, as a workshop often has.
const slidesDir = mkdtempSync(joinPath(tmpdir(), 'radslag-readable-'));
cpSync(FIXTURE_SLIDES, slidesDir, { recursive: true });
const deckFile = joinPath(slidesDir, 'alle-aktiviteter', DECK_FILE);
const fixture = readFileSync(deckFile, 'utf8');
const zones = '- Problemer\n- Muligheder\n';
if (!fixture.includes(zones)) throw new Error(`the fixture deck's board no longer lists its fields as "${zones}"`);
writeFileSync(deckFile, fixture.replace(zones, `${zones}- Barrierer\n`));
afterAll(() => rmSync(slidesDir, { recursive: true, force: true }));

const t = browserSuite({ slidesDir });
const TAVLE = 8;

/** Five groups across the three zones, and a few notes left outside a group. */
const GROUPS: { zone: string; notes: string[] }[] = [
  { zone: 'problemer', notes: ['For mange regler', 'Regler binder os', 'Dokumentationskrav', 'Kontrol fra staten'] },
  { zone: 'problemer', notes: ['Lang sagsbehandling', 'Ventetid på svar', 'For lidt tid'] },
  { zone: 'muligheder', notes: ['Mere tid til borgerne', 'Borgerne med i planen', 'Lokale løsninger'] },
  { zone: 'muligheder', notes: ['Frihed til skolerne', 'Tillid til personalet'] },
  { zone: 'barrierer', notes: ['Budgettet er stramt', 'Puljer styrer', 'Mangel på hænder'] },
];
const LOOSE: { zone: string; text: string }[] = [
  { zone: 'problemer', text: 'Bureaukrati' },
  { zone: 'muligheder', text: 'Forsøg med frikommune' },
  { zone: 'muligheder', text: 'Fælles mål' },
  { zone: 'barrierer', text: 'Gamle it-systemer' },
  { zone: 'barrierer', text: 'Vaner' },
];

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the projector shows, in screen px: text sizes, each zone's and group's frame. */
async function measure(board: Locator) {
  return board.evaluate((el) => {
    const root = el.shadowRoot!;
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    };
    /** An element's font size as drawn on screen: its CSS size times every scale above it. */
    const drawn = (e: HTMLElement) => parseFloat(getComputedStyle(e).fontSize) * (e.getBoundingClientRect().width / e.offsetWidth);
    const reveal = document.querySelector<HTMLElement>('.reveal')!;
    const slides = document.querySelector<HTMLElement>('.reveal .slides')!;
    const scale = slides.getBoundingClientRect().width / slides.offsetWidth;
    // The notes' text size as the board draws it, and each note's own (smaller where its longest word needs it).
    const notes = [...root.querySelectorAll<HTMLElement>('.note')].map((n) => drawn(n));
    const texts = [...root.querySelectorAll<HTMLElement>('.note .text')];
    const words = texts.map((t) => drawn(t));
    // Words broken over two lines ("Dokumentationskra / v"): a word's range has one box per line it is on.
    const split: string[] = [];
    for (const t of texts) {
      const node = t.firstChild;
      if (!(node instanceof Text)) continue;
      for (const w of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, w.index);
        range.setEnd(node, w.index + w[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) split.push(w[0]);
      }
    }
    const counts = [...root.querySelectorAll<HTMLElement>('.cluster-head .count')].map((t) => drawn(t));
    return {
      body: parseFloat(getComputedStyle(reveal).fontSize) * scale,
      notes,
      words,
      split,
      counts,
      zones: [...root.querySelectorAll('.zone')].map(rect),
      clusters: [...root.querySelectorAll<HTMLElement>('.cluster')].map((c) => ({
        name: c.querySelector('.cluster-name')?.textContent?.trim() ?? '',
        box: rect(c),
      })),
    };
  });
}

const inside = (a: Box, z: Box) => a.x >= z.x - 0.5 && a.y >= z.y - 0.5 && a.x + a.w <= z.x + z.w + 0.5 && a.y + a.h <= z.y + z.h + 0.5;
const meets = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('the grouped whiteboard on the projector', () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    it(`shows note text at least as large as a slide's body text, groups inside their zones and apart, at ${viewport.width}×${viewport.height}`, async () => {
      const errors: string[] = [];
      const room = await createRoom(t.server.url, 'alle-aktiviteter');
      const projector = await t.projector(room, { viewport, errors });
      await goToSlide(projector, TAVLE);
      const board = projector.locator('rs-board[board="tavle"]');
      await board.getByRole('button', { name: 'Åbn for sedler' }).click();

      // Twenty notes from four phones, over HTTP as the phones send them.
      const people = await Promise.all([0, 1, 2, 3].map(() => join(t.server.url, room.joinCode).then((j) => j.participantToken)));
      const all = [...GROUPS.flatMap((g) => g.notes.map((text) => ({ zone: g.zone, text }))), ...LOOSE];
      for (const [i, n] of all.entries()) {
        const r = await call(t.server.url, `/api/rooms/${room.roomId}/intents`, {
          token: people[i % people.length],
          body: { id: crypto.randomUUID(), type: 'note', board: 'tavle', ...n },
        });
        expect(r.status, n.text).toBe(200);
      }
      for (const n of all) await board.getByRole('group', { name: n.text, exact: true }).waitFor();

      // The facilitator groups them with the keyboard: a new group from a note (named after it), the rest moved in.
      const note = (text: string) => board.getByRole('group', { name: text, exact: true });
      const moveTo = async (text: string, value: string | { label: string }, group: string, count: string) => {
        await note(text).focus();
        await projector.keyboard.press('Enter');
        await board.getByRole('combobox', { name: 'Flyt til gruppe' }).selectOption(value);
        await board.getByRole('group', { name: `Gruppe: ${group}, ${count}` }).waitFor();
        await projector.keyboard.press('Escape');
      };
      for (const g of GROUPS) {
        const [first, ...rest] = g.notes as [string, ...string[]];
        await moveTo(first, '__new', first, '1 seddel');
        for (const [i, text] of rest.entries()) await moveTo(text, { label: first }, first, `${i + 2} sedler`);
      }
      // The view the board opens with (the keyboard's moves panned it): the zones fitted across the slide from the top.
      await projector.reload();
      await projector.locator('rs-presenter-status').getByText('Forbundet').waitFor();
      await board.getByRole('group', { name: `Gruppe: ${GROUPS[0]!.notes[0]}, ${GROUPS[0]!.notes.length} sedler` }).waitFor();
      const m = await measure(board);
      await projector.screenshot({ path: joinPath(SHOTS, `board-readable-${viewport.width}x${viewport.height}.png`) });
      console.log(
        `${viewport.width}×${viewport.height}: body ${m.body.toFixed(1)} px, note text ${Math.min(...m.notes).toFixed(1)} px, counts ${Math.min(...m.counts).toFixed(1)} px`,
      );

      expect(m.clusters).toHaveLength(GROUPS.length);
      expect(m.zones).toHaveLength(3);
      for (const size of m.notes) expect(size).toBeGreaterThanOrEqual(m.body - 0.01);
      // A word too long for a note at that size is drawn smaller rather than broken, down to 0.7 of it.
      for (const size of m.words) expect(size).toBeGreaterThanOrEqual(m.body * 0.7 - 0.01);
      expect(m.split).toEqual([]);
      for (const size of m.counts) expect(size).toBeGreaterThanOrEqual(m.body * 0.75);
      for (const [i, c] of m.clusters.entries()) {
        expect(
          m.zones.some((z) => inside(c.box, z)),
          `${c.name} inside a zone`,
        ).toBe(true);
        for (const d of m.clusters.slice(i + 1)) expect(meets(c.box, d.box), `${c.name} and ${d.name}`).toBe(false);
      }
      expect(errors).toEqual([]);
    }, 120_000);
  }
});
