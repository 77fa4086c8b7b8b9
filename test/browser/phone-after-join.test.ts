// The phone after joining, at 360×640 in real Chromium: the header says where the room is (not the call to join),
// a closed vote's result fits the screen without scrolling, a filled dot is a dot still to give, and a stored
// text answer is confirmed in Danish quotation marks.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, PHONE, SHOTS } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';
import { settled } from './settle.js';

const t = browserSuite({ slidesDir: FIXTURE_SLIDES });

/** The element's box and whether it lies wholly inside the phone's screen, without scrolling the page. */
async function inViewport(page: Page, selector: string) {
  const scrolled = await page.evaluate(() => window.scrollY);
  const box = await page.locator(selector).boundingBox();
  return {
    scrolled,
    box,
    inside: !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= PHONE.height && box.x + box.width <= PHONE.width,
  };
}

describe('the phone after joining', () => {
  it('the header names the deck and the slide, never the call to join; the waiting card says the phone is in', async () => {
    const errors: string[] = [];
    const { room, fac } = await t.roomWithFacilitator();
    const phone = await t.connectedPhone(room, { errors });
    const app = phone.locator('rs-participant-app');
    // The start slide of the fixture holds <rs-join-info>: the joined phone is not asked to join again.
    await app.getByRole('heading', { name: 'Du er med' }).waitFor();
    expect(await app.locator('header h1').textContent()).toBe('Alle aktiviteter (testdeck)');
    expect(await app.locator('header [data-where]').count()).toBe(0);
    expect(await app.locator('main').textContent()).not.toContain('Start');
    await phone.screenshot({ path: joinPath(SHOTS, 'phone-after-join-waiting.png') });

    // On a slide with an activity, the header says which slide.
    fac.show({ slide: 1, slideTitle: 'Enkeltvalg', activity: 'enkelt', board: null });
    await expect.poll(() => app.locator('header [data-where]').textContent()).toBe('Enkeltvalg');
    expect(await app.locator('header h1').textContent()).toBe('Alle aktiviteter (testdeck)');
    // The header stays one tidy band at the top: title and slide above the content, nothing wider than the screen.
    const header = await app.locator('header').boundingBox();
    expect(header!.height).toBeLessThan(120);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: joinPath(SHOTS, 'phone-after-join-header.png') });
    expect(errors).toEqual([]);
  });

  it('a closed vote shows its result first, wholly inside the screen without scrolling', async () => {
    const errors: string[] = [];
    const { room, fac } = await t.roomWithFacilitator();
    await fac.control({ action: 'open', activity: 'flere' });
    fac.show({ slide: 2, slideTitle: 'Flervalg', activity: 'flere', board: null });
    const phone = await t.connectedPhone(room, { errors });
    const app = phone.locator('rs-participant-app');
    await app.getByRole('checkbox').first().tap();
    await app.getByRole('button', { name: 'Send' }).tap();
    await app.locator('.vote-status[data-kind="stored"]').waitFor();
    await fac.control({ action: 'close', activity: 'flere' });
    await fac.control({ action: 'reveal', activity: 'flere' });
    await app.getByText('Resultat (1 svar)').waitFor();
    await app.locator('rs-result-view').waitFor();
    // Let the chart settle before it is measured.
    await settled(phone);
    const result = await inViewport(phone, 'rs-participant-app section.results');
    expect(result.scrolled).toBe(0);
    expect(result.box, 'the result section is drawn').not.toBeNull();
    expect(result.inside, `result box ${JSON.stringify(result.box)}`).toBe(true);
    // What this phone voted is still said, and the ballot that can no longer change is not in the way.
    expect(await app.locator('.vote-status[data-kind="stored"]').textContent()).toContain('✓ Din stemme er gemt:');
    expect(await app.getByRole('checkbox').count()).toBe(0);
    await phone.screenshot({ path: joinPath(SHOTS, 'phone-closed-result.png') });
    expect(errors).toEqual([]);
  });

  it('a stored text answer is confirmed in Danish quotation marks', async () => {
    const errors: string[] = [];
    const { room, fac } = await t.roomWithFacilitator();
    await fac.control({ action: 'open', activity: 'ord' });
    fac.show({ slide: 6, slideTitle: 'Fritekst', activity: 'ord', board: null });
    const phone = await t.connectedPhone(room, { errors });
    const app = phone.locator('rs-participant-app');
    await app.getByRole('textbox').fill('Tillid');
    await app.getByRole('button', { name: 'Send' }).tap();
    await app.getByText('✓ Dit svar er gemt: „Tillid“.').waitFor();
    await phone.screenshot({ path: joinPath(SHOTS, 'phone-text-stored.png') });
    expect(errors).toEqual([]);
  });

  it('in a dot vote the filled dots are the dots still to give', async () => {
    const errors: string[] = [];
    const { room, fac } = await t.roomWithFacilitator();
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'notes' });
    fac.show({ slide: 8, slideTitle: 'Problemer og muligheder', activity: null, board: 'tavle' });
    const phone = await t.connectedPhone(room, { errors });
    const app = phone.locator('rs-participant-app');
    await app.getByRole('radio').first().check();
    await app.getByLabel('Din seddel').fill('Mindre bureaukrati');
    await app.getByRole('button', { name: 'Sæt sedlen op' }).tap();
    await app.getByText('✓ Sedlen er sat op.').waitFor();
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'dots' });
    const dots = app.locator('rs-board-dots');
    const pips = dots.locator('.pip');
    const filled = dots.locator('.pip[data-left]');
    await expect.poll(() => pips.count()).toBe(3);
    expect(await filled.count()).toBe(3);
    await dots.getByRole('button', { name: 'Giv en prik til Mindre bureaukrati', exact: true }).tap();
    await expect.poll(() => filled.count()).toBe(2);
    expect(await dots.locator('p.left').getAttribute('data-left')).toBe('2');
    // A filled dot is drawn filled; a given one only as a ring.
    const fills = await pips.evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    expect(fills[0]).not.toBe(fills[2]);
    expect(fills[2]).toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    await dots.getByRole('button', { name: 'Send prikker' }).tap();
    await app.getByText('✓ Dine prikker er gemt.').waitFor();
    expect(await filled.count()).toBe(2);
    await phone.screenshot({ path: joinPath(SHOTS, 'phone-dots-left.png') });
    expect(errors).toEqual([]);
  });
});
