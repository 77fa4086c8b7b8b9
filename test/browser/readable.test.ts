// Readable from the back of the room, at 1920×1080 and 1280×720: the join code big on demand over any slide
// (key C or the corner's button; Escape closes), small but legible in a corner for late arrivals, and a board's
// top priorities with many rows all in sight, none under the status bar.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createRoom, join } from '../helpers/clients.js';
import { roomSteps } from '../helpers/room.js';
import { browserSuite, goToSlide, SHOTS } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';

// A public address, so the room's join link is one phones can reach and the page shows it.
const t = browserSuite({ slidesDir: FIXTURE_SLIDES, publicUrl: 'http://192.168.1.20:8080' });
const { control, intent } = roomSteps(t.server);

/** Slides of the fixture deck `alle-aktiviteter`. */
const SLIDE = { join: 0, content: 1, top: 10 } as const;
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const fontSize = (l: Locator) => l.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
/** A slide element's font size as seen on screen: reveal.js scales the 1280 px wide slide to the window. */
const slideFontSize = (l: Locator) =>
  l.evaluate(
    (el) =>
      Number.parseFloat(getComputedStyle(el).fontSize) * (document.querySelector('.reveal .slides')!.getBoundingClientRect().width / 1280),
  );
const box = async (l: Locator) => (await l.boundingBox())!;

async function currentHeading(projector: Page): Promise<Locator> {
  const heading = projector.locator('.reveal .slides section.present h2');
  await heading.waitFor();
  return heading;
}

describe('the join code from the back of the room', () => {
  for (const size of SIZES) {
    it(`shows big over a content slide on C and on the corner's button, closes on Escape, and stays in the corner at ${size.width}×${size.height}`, async () => {
      const errors: string[] = [];
      const room = await createRoom(t.server.url, 'alle-aktiviteter');
      const projector = await t.projector(room, { viewport: size, errors });
      const corner = projector.locator('rs-presenter-status [data-join-corner]');
      const overlay = projector.locator('#rs-join-overlay');
      const bigCode = overlay.locator('rs-join-info [data-code]');

      // The join slide shows the code big already: no corner there.
      await projector.locator('.reveal .slides section.present rs-join-info [data-code]').waitFor();
      expect(await corner.count()).toBe(0);

      await goToSlide(projector, SLIDE.content);
      const heading = await currentHeading(projector);
      await corner.waitFor();
      expect(await corner.locator('[data-code]').textContent()).toBe(`${room.joinCode.slice(0, 3)} ${room.joinCode.slice(3)}`);
      expect(await corner.textContent()).toContain('/join');
      expect(await fontSize(corner)).toBeGreaterThanOrEqual(20);
      if (size.width === 1920) expect(await fontSize(corner)).toBeGreaterThanOrEqual(24);
      expect(intersects(await box(corner), await box(heading))).toBe(false);
      const cornerBox = await box(corner);
      expect(cornerBox.y + cornerBox.height).toBeLessThanOrEqual(size.height);
      await projector.screenshot({ path: joinPath(SHOTS, `readable-corner-${size.width}.png`) });

      // C ("kode") shows the code, the address and the QR code big over the slide.
      await projector.keyboard.press('c');
      await bigCode.waitFor();
      expect(await bigCode.textContent()).toContain(room.joinCode.slice(0, 3));
      expect(await fontSize(bigCode)).toBeGreaterThanOrEqual(size.width === 1920 ? 96 : 64);
      const qr = await box(overlay.locator('rs-join-info .qr'));
      expect(qr.height).toBeGreaterThanOrEqual(size.height * 0.5);
      expect(qr.y + qr.height).toBeLessThanOrEqual(size.height);
      const code = await box(bigCode);
      expect(code.x + code.width).toBeLessThanOrEqual(size.width);
      await projector.screenshot({ path: joinPath(SHOTS, `readable-overlay-${size.width}.png`) });

      // Escape closes it, and only it: the deck stays on its slide, not in reveal.js's overview.
      await projector.keyboard.press('Escape');
      await overlay.waitFor({ state: 'hidden' });
      expect(await projector.locator('.reveal.overview').count()).toBe(0);
      expect(await projector.evaluate(() => location.hash)).toBe(`#/${SLIDE.content}`);

      // The corner's button does the same; C closes it again.
      await corner.click();
      await bigCode.waitFor();
      await projector.keyboard.press('c');
      await overlay.waitFor({ state: 'hidden' });
      await corner.click();
      await bigCode.waitFor();
      await projector.keyboard.press('Escape');
      await overlay.waitFor({ state: 'hidden' });
      expect(await projector.locator('.reveal.overview').count()).toBe(0);
      expect(errors).toEqual([]);
      await t.closeContexts();
    });
  }
});

/** A room whose board "tavle" has one note per text, every one with dots, shown: the top priorities list them all. */
async function rankedBoard(texts: string[]) {
  const room = await createRoom(t.server.url, 'alle-aktiviteter');
  const people = await Promise.all(texts.map(() => join(t.server.url, room.joinCode).then((j) => j.participantToken)));
  expect((await control(room, { action: 'board-phase', board: 'tavle', phase: 'notes' })).status).toBe(200);
  const notes: string[] = [];
  for (const [i, text] of texts.entries()) {
    const posted = await intent(room, people[i]!, { type: 'note', board: 'tavle', zone: i % 2 ? 'muligheder' : 'problemer', text });
    expect(posted.status).toBe(200);
    notes.push(posted.body.id as string);
  }
  expect((await control(room, { action: 'board-phase', board: 'tavle', phase: 'dots' })).status).toBe(200);
  // Person i gives one dot to note i and, every third, two more to the next note: every row, different counts.
  for (const [i, token] of people.entries()) {
    const dots: Record<string, number> = { [notes[i]!]: 1 };
    if (i % 3 === 0 && i + 1 < notes.length) dots[notes[i + 1]!] = 2;
    expect((await intent(room, token, { type: 'dots', board: 'tavle', dots })).status).toBe(200);
  }
  expect((await control(room, { action: 'board-reveal', board: 'tavle' })).status).toBe(200);
  return room;
}

/**
 * The top priorities slide at `size`: every row's box inside the window and clear of the status bar's (waited
 * for, as the list is fitted once shown); answers the first label's font size on screen.
 */
async function everyRowInSight(
  room: Awaited<ReturnType<typeof rankedBoard>>,
  size: { width: number; height: number },
  n: number,
  shot: string,
) {
  const errors: string[] = [];
  const projector = await t.projector(room, { viewport: size, errors });
  await goToSlide(projector, SLIDE.top);
  const rows = projector.locator('rs-top-priorities[board="tavle"] li[data-priority]');
  await expect.poll(() => rows.count()).toBe(n);
  const bar = projector.locator('rs-presenter-status');
  await bar.locator('[data-join-corner]').waitFor();
  const misplaced = async () => {
    const barBox = await box(bar);
    const out: string[] = [];
    for (const row of await rows.all()) {
      const r = await box(row);
      const inside = r.x >= 0 && r.y >= 0 && r.x + r.width <= size.width && r.y + r.height <= size.height;
      if (!inside || intersects(r, barBox)) out.push(`${await row.getAttribute('data-place')}: ${JSON.stringify(r)}`);
    }
    return out;
  };
  await expect.poll(misplaced, { timeout: 10_000 }).toEqual([]);
  const label = await slideFontSize(rows.first().locator('.label'));
  await projector.screenshot({ path: joinPath(SHOTS, `readable-${shot}-${size.width}.png`) });
  expect(errors).toEqual([]);
  await t.closeContexts();
  return label;
}

describe('top priorities from the back of the room', () => {
  it('keeps every one of nine rows inside the slide and clear of the status bar at both sizes', async () => {
    const room = await rankedBoard([
      'For mange regler',
      'Lang sagsbehandling, også når sagen er enkel og borgeren har ventet længe',
      'Regler binder os',
      'Mere tid til borgerne',
      'Lokale løsninger i hvert dagtilbud og hver skole, med forældrene med',
      'Bureaukrati og dokumentation',
      'Tillid',
      'Færre møder og kortere referater',
      'Frie midler',
    ]);
    // Two columns hold them at (nearly) full size: the labels over 30 px on screen at 1920, 20 px at 1280.
    expect(await everyRowInSight(room, SIZES[0], 9, 'top')).toBeGreaterThanOrEqual(30);
    expect(await everyRowInSight(room, SIZES[1], 9, 'top')).toBeGreaterThanOrEqual(20);
  });

  it('shrinks ten long rows until the last ends above the status bar, and no further than half size', async () => {
    const long = (i: number) => `Forslag ${i + 1}: mere tid til borgerne, færre regler og lokale løsninger i hver institution`.slice(0, 80);
    const room = await rankedBoard(Array.from({ length: 10 }, (_, i) => long(i)));
    for (const size of SIZES) {
      const label = await everyRowInSight(room, size, 10, 'top-crowded');
      // Shrunk below full size (25.6 px on the 1280 px slide, scaled to the window), but not under half of it.
      const full = 25.6 * (size.width / 1280) * 0.95;
      expect(label).toBeLessThan(full);
      expect(label).toBeGreaterThanOrEqual(full / 2);
    }
  });
});
