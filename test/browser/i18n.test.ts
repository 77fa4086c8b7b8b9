// Danish first, English as the participant's own choice on the phone: the switch changes every string the
// phone shows (through @lit/localize), the page's language for screen readers, and errors from the server;
// the choice survives a reload; and a phone that has not chosen stays Danish.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import { createRoom } from '../helpers/clients.js';
import { browserSuite, SHOTS } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';

const t = browserSuite({ slidesDir: FIXTURE_SLIDES });

describe('languages on the phone', () => {
  it('is Danish by default, switches to English on request, keeps the choice, and switches back', async () => {
    const room = await createRoom(t.server.url, 'alle-aktiviteter');
    const fac = await t.presenter(room);
    await fac.control({ action: 'open', activity: 'enkelt' });
    fac.show({ slide: 1, slideTitle: 'Enkeltvalg', activity: 'enkelt', board: null });

    // A browser set to English still gets Danish until the participant chooses.
    const page = await t.connectedPhone(room, { locale: 'en-GB' });
    const app = page.locator('rs-participant-app');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');

    await app.getByRole('button', { name: 'English' }).tap();
    await app.getByText('Connected', { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await app.getByRole('radio', { name: 'Institutionen' }).tap();
    await app.getByText('✓ Your vote is saved: Institutionen.').waitFor();
    // The deck's own words stay Danish and say so, for a screen reader's voice (WCAG 3.1.2).
    expect(await app.locator('rs-single-choice legend').getAttribute('lang')).toBe('da');
    expect(await app.locator('rs-single-choice [role="radio"] span[lang="da"]').allTextContents()).toEqual([
      'Kommunen',
      'Institutionen',
      'Borgerne',
    ]);
    expect(await app.locator('header h1').getAttribute('lang')).toBe('da');
    await app.getByText('You can change your answer while the vote is open.').waitFor();

    // The vote's state, in English.
    await fac.control({ action: 'close', activity: 'enkelt' });
    await app.getByText('The vote is closed.').waitFor();

    // The whiteboard, in English.
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'notes' });
    fac.show({ slide: 8, slideTitle: 'Problemer og muligheder', activity: null, board: 'tavle' });
    await app.getByRole('button', { name: 'Put the note up' }).waitFor();
    await app.getByText('Where does the note belong?').waitFor();
    await app.getByLabel('Your note').fill('Mindre bureaukrati');
    await app.getByRole('button', { name: 'Put the note up' }).tap();
    await app.getByText('✓ The note is up.').waitFor();
    await app.getByText('Your notes (1)').waitFor();
    await page.screenshot({ path: joinPath(SHOTS, 'i18n-phone-board-en.png'), fullPage: true });

    // The choice reaches the server too, so the page it sends before the app runs is English as well.
    const early = await (await page.request.get(page.url())).text();
    expect(early).toMatch(/<html lang="en">/);
    expect(early).toContain('<title>Join · Rådslag</title>');

    // The choice is kept across a reload.
    await page.reload();
    await app.getByText('Connected', { exact: true }).waitFor();
    await app.getByRole('button', { name: 'Put the note up' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // And undone the same way.
    await app.getByRole('button', { name: 'Dansk' }).tap();
    await app.getByRole('button', { name: 'Sæt sedlen op' }).waitFor();
    await app.getByText('Forbundet').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
  });

  it('says why a ballot cannot be sent in English, and says a too long answer once, not at every key', async () => {
    const room = await createRoom(t.server.url, 'alle-aktiviteter');
    const fac = await t.presenter(room);
    const page = await t.connectedPhone(room, { locale: 'da-DK' });
    const app = page.locator('rs-participant-app');
    await app.getByRole('button', { name: 'English' }).tap();
    await app.getByText('Connected', { exact: true }).waitFor();

    // Multiple choice: none chosen, then one too many.
    await fac.control({ action: 'open', activity: 'flere' });
    fac.show({ slide: 2, slideTitle: 'Flervalg', activity: 'flere', board: null });
    const multi = app.locator('rs-multi-choice');
    await multi.getByText('Choose at least one option.', { exact: true }).waitFor();
    for (const name of ['Kulturændring', 'Mere dynamik', 'Øget motivation']) await multi.getByRole('checkbox', { name }).tap();
    await multi.getByText('You have chosen 3 — remove 1 to be able to send.', { exact: true }).waitFor();

    // Points: none given out yet.
    await fac.control({ action: 'open', activity: 'point' });
    fac.show({ slide: 4, slideTitle: 'Pointfordeling', activity: 'point', board: null });
    await app.locator('rs-points').getByText('Give out at least one point.', { exact: true }).waitFor();

    // Text: over the limit, shown with the count; the live region says the limit once and keeps still.
    await fac.control({ action: 'open', activity: 'ord' });
    fac.show({ slide: 6, slideTitle: 'Fritekst', activity: 'ord', board: null });
    const text = app.locator('rs-text-answer');
    const shown = text.locator('[data-hint]');
    const live = text.locator('[data-live-hint]');
    await expect.poll(() => shown.textContent()).toBe('Write an answer before you send.');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    await text.getByRole('textbox').fill('x'.repeat(81));
    await expect.poll(() => shown.textContent()).toBe('The answer can be at most 80 characters (it is 81).');
    await expect.poll(() => live.textContent()).toBe('The answer can be at most 80 characters.');
    await text.getByRole('textbox').fill('x'.repeat(82));
    await expect.poll(() => shown.textContent()).toBe('The answer can be at most 80 characters (it is 82).');
    expect(await live.textContent()).toBe('The answer can be at most 80 characters.');
    expect(await text.locator('[data-count]').textContent()).toContain('82 / 80');
    expect(await text.getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
  });

  it('explains a refusal from the server in English', async () => {
    const room = await createRoom(t.server.url, 'alle-aktiviteter');
    const fac = await t.presenter(room);
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'notes' });
    fac.show({ slide: 8, slideTitle: 'Problemer og muligheder', activity: null, board: 'tavle' });
    const page = await t.phone({ locale: 'da-DK' });
    await page.goto(`${t.server.url}/j/${room.joinCode}`);
    const app = page.locator('rs-participant-app');
    await app.getByRole('button', { name: 'English' }).tap();
    // Written without a connection; the board closes before the connection returns, so the server refuses it.
    await page.context().setOffline(true);
    await app.getByLabel('Your note').fill('For sent');
    await app.getByRole('button', { name: 'Put the note up' }).tap();
    await app.getByText('No connection — the note will go up as soon as the connection is back.').waitFor();
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'closed' });
    await page.context().setOffline(false);
    await app.getByText('The note was not put up: The board is not open for that right now.').waitFor({ timeout: 15_000 });
    await app.getByText('The board is not open for new notes right now.').waitFor();
  });
});
