// Danish first, English as the participant's own choice on the phone: the switch changes every string the
// phone shows (through @lit/localize), the page's language for screen readers, and errors from the server;
// the choice survives a reload; and a phone that has not chosen stays Danish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createRoom, presenter, type Presenter, type YClient } from '../helpers/clients.js';
import { launchBrowser, PHONE } from '../helpers/browser.js';
import { ROOT, removeDir, startServer, type TestServer } from '../helpers/server.js';
import type { CreateRoomResponse } from '../../core/wire.js';

let server: TestServer;
let browser: Browser;
const shots = joinPath(ROOT, 'test-results', 'screens');
const contexts: BrowserContext[] = [];
const clients: YClient[] = [];

beforeAll(async () => {
  server = await startServer({ config: { slidesDir: joinPath(ROOT, 'test/fixtures/slides') } });
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  for (const c of clients) c.destroy();
  await browser?.close();
  await server?.stop();
  removeDir(server.dataDir);
});

async function facilitator(room: CreateRoomResponse): Promise<Presenter> {
  const fac = await presenter(server.url, room);
  clients.push(fac.client);
  return fac;
}

async function phone(locale = 'da-DK'): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale });
  contexts.push(context);
  return context.newPage();
}

describe('languages on the phone', () => {
  it('is Danish by default, switches to English on request, keeps the choice, and switches back', async () => {
    const room = await createRoom(server.url, 'alle-aktiviteter');
    const fac = await facilitator(room);
    await fac.control({ action: 'open', activity: 'enkelt' });
    fac.show({ slide: 1, slideTitle: 'Enkeltvalg', activity: 'enkelt', board: null });

    // A browser set to English still gets Danish until the participant chooses.
    const page = await phone('en-GB');
    await page.goto(`${server.url}/j/${room.joinCode}`);
    const app = page.locator('rs-participant-app');
    await app.getByText('Forbundet').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');

    await app.getByRole('button', { name: 'English' }).tap();
    await app.getByText('Connected', { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await app.getByRole('radio', { name: 'Institutionen' }).tap();
    await app.getByText('✓ Your vote is saved: Institutionen.').waitFor();
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
    await page.screenshot({ path: joinPath(shots, 'i18n-phone-board-en.png'), fullPage: true });

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

  it('explains a refusal from the server in English', async () => {
    const room = await createRoom(server.url, 'alle-aktiviteter');
    const fac = await facilitator(room);
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'notes' });
    fac.show({ slide: 8, slideTitle: 'Problemer og muligheder', activity: null, board: 'tavle' });
    const page = await phone();
    await page.goto(`${server.url}/j/${room.joinCode}`);
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
