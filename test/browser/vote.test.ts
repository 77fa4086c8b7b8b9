// A person's path in real Chromium: a phone at 360×640 joins by code and votes while the projector page counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createRoom } from '../helpers/clients.js';
import { launchBrowser, PHONE, PROJECTOR } from '../helpers/browser.js';
import { ROOT, removeDir, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const shots = joinPath(ROOT, 'test-results', 'screens');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeDir(server.dataDir);
});

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
}

describe('join by code and vote', () => {
  it('the phone votes and changes its vote; the projector’s count and results follow', async () => {
    const errors: string[] = [];
    const room = await createRoom(server.url);
    const projector = await browser.newPage({ viewport: PROJECTOR });
    watchErrors(projector, errors);
    await projector.goto(room.presentUrl.replace(/^http:\/\/[^/]+/, server.url));
    // The key leaves the address bar once it is stored.
    await expect.poll(() => projector.url()).not.toContain('key=');
    await projector.locator('rs-presenter-status').getByText('Forbundet').waitFor();

    // Go to the "Hvem sættes fri?" slide.
    await projector.evaluate(() => (window as unknown as { location: Location }).location.hash = '#/3');
    const activity = projector.locator('rs-activity[activity="hvem-saettes-fri"]');
    await activity.getByRole('button', { name: 'Åbn afstemning' }).click();
    await activity.getByText('Åben for svar').waitFor();

    const phone = await browser.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
    watchErrors(phone, errors);
    await phone.goto(`${server.url}/join`);
    const input = phone.getByLabel('Deltagerkode (6 cifre)');
    await input.fill(`${room.joinCode.slice(0, 3)} ${room.joinCode.slice(3)}`);
    await phone.getByRole('button', { name: 'Deltag' }).click();
    await expect.poll(() => phone.url()).toContain(`/j/${room.joinCode}`);

    // The phone follows the projector to the activity.
    const institutionen = phone.getByRole('radio', { name: 'Institutionen' });
    await institutionen.waitFor();
    await expect.poll(() => projector.locator('rs-presenter-status [data-participants]').getAttribute('data-participants')).toBe('1');
    await institutionen.tap();
    await phone.getByText('✓ Din stemme er gemt: Institutionen.').waitFor();
    expect(await institutionen.getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => activity.locator('[data-answered]').textContent()).toBe('1');
    await phone.screenshot({ path: joinPath(shots, 'phone-voted.png') });

    // Results stay hidden on the phone until the facilitator reveals them.
    expect(await phone.getByText('Resultat').count()).toBe(0);
    await phone.getByRole('radio', { name: 'Borgerne' }).tap();
    await phone.getByText('✓ Din stemme er gemt: Borgerne.').waitFor();
    await activity.getByRole('button', { name: 'Vis resultat' }).click();
    const counts = activity.locator('rs-bar-chart [data-option="borgerne"] [data-count]');
    await expect.poll(() => counts.getAttribute('data-count')).toBe('1');
    expect(await activity.locator('rs-bar-chart [data-option="institutionen"] [data-count]').getAttribute('data-count')).toBe('0');
    await phone.getByText('Resultat (1 svar)').waitFor();
    await projector.screenshot({ path: joinPath(shots, 'projector-results.png') });

    // A reload keeps the same participant and the stored vote.
    await phone.reload();
    await phone.getByText('✓ Din stemme er gemt: Borgerne.').waitFor();
    await expect.poll(() => activity.locator('[data-answered]').textContent()).toBe('1');

    // Closing is shown on the phone and its buttons stop working.
    await activity.getByRole('button', { name: 'Luk afstemning' }).click();
    await phone.getByText('Afstemningen er lukket.').waitFor();
    expect(await phone.getByRole('radio', { name: 'Kommunen' }).isDisabled()).toBe(true);
    await phone.screenshot({ path: joinPath(shots, 'phone-closed.png') });

    expect(errors).toEqual([]);
  });

  it('an unknown code gets a clear message on the phone', async () => {
    const phone = await browser.newPage({ viewport: PHONE });
    await phone.goto(`${server.url}/join`);
    await phone.getByLabel('Deltagerkode (6 cifre)').fill('12');
    await phone.getByRole('button', { name: 'Deltag' }).click();
    await phone.getByText('Koden består af 6 cifre').waitFor();
    await phone.screenshot({ path: joinPath(shots, 'phone-bad-code.png') });
  });
});
