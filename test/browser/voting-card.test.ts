// Voting cards in real Chromium: a phone at 360×640 claims its card (typed, or by the card's QR link) and casts a final secret ballot; the projector says "1 af 3"; the A4 sheet is drawn.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import type AxeCore from 'axe-core';
import { call, createRoom } from '../helpers/clients.js';
import { browserSuite, goToSlide, PROJECTOR, SHOTS } from '../helpers/browser.js';
import { FIXTURE_VOTING_CARDS, ROOT } from '../helpers/server.js';

const t = browserSuite({ slidesDir: FIXTURE_VOTING_CARDS });

/** A refused claim or ballot is an answer the page shows, not an error of the page. */
const REFUSED = /status of (403|404|409)/;

async function joinPhone(code: string, errors: string[]): Promise<Page> {
  // axe-core goes in as an inline script, which the page's content security policy refuses: the test's tool is let past it.
  const phone = await t.phone({ bypassCSP: true, errors, expected: REFUSED });
  phone.setDefaultTimeout(10_000);
  await phone.goto(`${t.server.url}/join`);
  await phone.getByLabel('Deltagerkode (6 cifre)').fill(code);
  await phone.getByRole('button', { name: 'Deltag' }).click();
  await expect.poll(() => phone.url()).toContain(`/j/${code}`);
  return phone;
}

/** axe-core inside the page, on the voting card's shadow tree included. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: joinPath(ROOT, 'node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof AxeCore }).axe;
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

describe('voting cards on a phone', () => {
  it('a member claims the card, confirms a final ballot, and the projector counts members', async () => {
    const errors: string[] = [];
    const room = await createRoom(t.server.url, 'udvalg');
    const added = await call<{ cards: { label: string; code: string }[] }>(t.server.url, `/api/rooms/${room.roomId}/members`, {
      token: room.facilitatorKey,
      body: { text: 'Jørgen Bech (V)\nAnne Hansen (A)\nBo Jensen (C)' },
    });
    expect(added.status).toBe(201);
    const [jorgen, anne] = added.body.cards;

    const projector = await t.page({ viewport: PROJECTOR, errors, expected: REFUSED });
    projector.setDefaultTimeout(10_000);
    await t.present(projector, room);
    await goToSlide(projector, 2);
    const activity = projector.locator('rs-activity[activity="indstilling"]');
    await activity.getByRole('button', { name: 'Åbn afstemning' }).click();
    await activity.getByText('0 af 3 medlemmer har stemt').waitFor();

    // Typed: the card's code as printed on the card.
    const phone = await joinPhone(room.joinCode, errors);
    await phone.getByLabel('Din stemmeseddel-kode').fill(`${jorgen!.code.slice(0, 4).toLowerCase()}-${jorgen!.code.slice(4)}`);
    await phone.getByRole('button', { name: 'Brug stemmekortet' }).click();
    await phone.getByText('Jørgen Bech (V)').waitFor();
    await phone.getByText('Din stemme er hemmelig og kan ikke ændres, når den er afgivet.').waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: joinPath(SHOTS, 'voting-card-phone-claimed.png') });
    await phone.getByRole('radio', { name: 'For' }).click();
    // Nothing is sent before the member confirms: the ballot is final.
    await phone.getByText('Din stemme kan ikke ændres, når den er afgivet.', { exact: false }).waitFor();
    await phone.screenshot({ path: joinPath(SHOTS, 'voting-card-phone-confirm.png') });
    await phone.getByRole('button', { name: 'Afgiv stemme' }).click();
    await phone.getByText('Du har stemt: For. Din stemme kan ikke ændres.').waitFor();
    await activity.getByText('1 af 3 medlemmer har stemt').waitFor();
    await phone.screenshot({ path: joinPath(SHOTS, 'voting-card-phone-voted.png') });
    // After a reload the phone still knows it voted, and what, though the server keeps no link to it.
    await phone.reload();
    await phone.getByText('Du har stemt: For. Din stemme kan ikke ændres.').waitFor();

    // Scanned: the card's QR opens the join address with the card; a phone that already joined claims it.
    const second = await joinPhone(room.joinCode, errors);
    await second.goto(`${t.server.url}/j/${room.joinCode}?card=${anne!.code}`);
    await second.getByText('Anne Hansen (A)').waitFor();
    // The code leaves the address bar at once.
    expect(second.url()).not.toContain('card=');
    await second.getByRole('radio', { name: 'Imod' }).click();
    await second.getByRole('button', { name: 'Afgiv stemme' }).click();
    await second.getByText('Du har stemt: Imod. Din stemme kan ikke ændres.').waitFor();
    await activity.getByText('2 af 3 medlemmer har stemt').waitFor();

    // A third phone with Anne's card is told the card is in use.
    const third = await joinPhone(room.joinCode, errors);
    await third.getByLabel('Din stemmeseddel-kode').fill(anne!.code);
    await third.getByRole('button', { name: 'Brug stemmekortet' }).click();
    await third.getByText(/bruges allerede på en anden telefon/).waitFor();
    await projector.screenshot({ path: joinPath(SHOTS, 'voting-card-projector.png') });
    expect(errors).toEqual([]);
  }, 120_000);

  it('the facilitator pastes members in the room menu and prints their cards', async () => {
    const errors: string[] = [];
    const room = await createRoom(t.server.url, 'udvalg');
    const projector = await t.page({ viewport: PROJECTOR, bypassCSP: true, errors, expected: REFUSED });
    projector.setDefaultTimeout(10_000);
    await t.present(projector, room);
    const context = projector.context();
    const menu = projector.locator('rs-room-menu');
    await menu.getByText('Rum ▾').click();
    await menu.getByText('Medlemmer og stemmekort').click();
    await menu
      .getByLabel('Tilføj medlemmer, én pr. linje som i referatet')
      .fill('Fraværende:\nJørgen Bech (V)\nAnne Hansen (A)\nBo Jensen (C)');
    await menu.getByRole('button', { name: 'Tilføj medlemmer' }).click();
    await menu.getByText('0 af 3 medlemmer er tjekket ind med deres kort.').waitFor();
    await menu.getByText('Jørgen Bech (V)').waitFor();
    expect(await axeViolations(projector)).toEqual([]);
    await projector.screenshot({ path: joinPath(SHOTS, 'voting-card-room-menu.png') });
    const opened = context.waitForEvent('page');
    await menu.getByRole('button', { name: 'Udskriv stemmekort (3)' }).click();
    const sheet = await opened;
    await sheet.waitForLoadState();
    await expect.poll(() => sheet.locator('.card').count(), { timeout: 10_000 }).toBe(3);
    await sheet.getByText('Anne Hansen (A)').waitFor();
    // The printed code is the valid one: a phone claims it.
    const code = (await sheet.locator('.card .code').first().textContent())!.trim();
    const phone = await call<{ participantToken: string }>(t.server.url, '/api/join', { body: { code: room.joinCode } });
    expect(
      (await call(t.server.url, `/api/rooms/${room.roomId}/card`, { token: phone.body.participantToken, body: { code } })).status,
    ).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('draws the printable sheet of cards on A4', async () => {
    const room = await createRoom(t.server.url, 'udvalg');
    const names = [
      'Jørgen Bech (V)',
      'Anne Hansen (A)',
      'Bo Jensen (C)',
      'Cecilie Lund (F)',
      'Dorthe Holm (O)',
      'Erik Nørgaard (Ø)',
      'Frida Kjær (B)',
      'Gustav Berg (A)',
      'Hanne Friis-Christiansen (RV)',
    ];
    await call(t.server.url, `/api/rooms/${room.roomId}/members`, { token: room.facilitatorKey, body: { text: names.join('\n') } });
    const sheet = await call<string>(t.server.url, `/api/rooms/${room.roomId}/members/print`, { token: room.facilitatorKey, body: {} });
    expect(sheet.status).toBe(200);
    // A4 at 96 dpi.
    const page = await t.browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.setContent(sheet.body);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.card').count()).toBe(9);
    const box = await page.locator('.card').first().boundingBox();
    // 105 × 74.25 mm: eight cards fill one sheet.
    expect(box!.width).toBeCloseTo(396.85, 0);
    expect(box!.height).toBeCloseTo(280.6, 0);
    await page.screenshot({ path: joinPath(SHOTS, 'voting-cards-a4.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    // Nine cards: two pages.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(2);
  });
});
