// A screen reader on the phone hears the room move on: a live region says when a vote opens or closes and
// when the whiteboard opens for notes or dots, in the participant's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { createRoom, presenter, type YClient } from '../helpers/clients.js';
import { launchBrowser, PHONE } from '../helpers/browser.js';
import { ROOT, removeDir, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
const clients: YClient[] = [];

beforeAll(async () => {
  server = await startServer({ config: { slidesDir: joinPath(ROOT, 'test/fixtures/slides') } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await context?.close();
  for (const c of clients) c.destroy();
  await browser?.close();
  await server?.stop();
  removeDir(server.dataDir);
});

describe('announcements on the phone', () => {
  it('says each new activity, a closed vote and the board phases in a polite live region', async () => {
    const room = await createRoom(server.url, 'alle-aktiviteter');
    const fac = await presenter(server.url, room);
    clients.push(fac.client);
    const { show, control: ctl } = fac;
    show({ slide: 0, slideTitle: 'Start', activity: null, board: null });

    context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/j/${room.joinCode}`);
    const app = page.locator('rs-participant-app');
    await app.getByText('Forbundet').waitFor();
    const live = app.locator('[data-announcement]');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    expect(await live.textContent()).toBe('');

    await ctl({ action: 'open', activity: 'enkelt' });
    show({ slide: 1, slideTitle: 'Enkeltvalg', activity: 'enkelt' });
    await expect.poll(() => live.textContent()).toBe('Ny afstemning: Hvem sættes fri?');
    await ctl({ action: 'close', activity: 'enkelt' });
    await expect.poll(() => live.textContent()).toBe('Afstemningen er lukket: Hvem sættes fri?');

    show({ slide: 8, slideTitle: 'Problemer og muligheder', activity: null, board: 'tavle' });
    await expect.poll(() => live.textContent()).toBe('Tavlen: Hvilke problemer og muligheder ser I?');
    await ctl({ action: 'board-phase', board: 'tavle', phase: 'notes' });
    await expect.poll(() => live.textContent()).toBe('Tavlen er åben for sedler: Hvilke problemer og muligheder ser I?');
    await app.getByRole('button', { name: 'English' }).tap();
    await ctl({ action: 'board-phase', board: 'tavle', phase: 'dots' });
    await expect.poll(() => live.textContent()).toBe('The dot vote is open: Hvilke problemer og muligheder ser I?');
  });
});
