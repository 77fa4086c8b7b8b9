// The start page keeps the decks and rooms this browser made: a new deck is listed after a reload, a template is
// copied, a deck file is imported, a made deck starts a workshop, is downloaded as a file and deleted; a server
// that guards creation with ADMIN_TOKEN asks for it. At 1280×800 and on a 360×640 phone, with screenshots.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { DeckManifest } from '../../core/deck.js';
import { browserSuite, PHONE, SHOTS } from '../helpers/browser.js';
import { call } from '../helpers/clients.js';
import { ROOT, removeDir, startServer } from '../helpers/server.js';

const t = browserSuite();

/** axe-core's WCAG 2.1 A and AA rules over the page as it is; what it finds, by rule and element. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.flatMap((v) => v.nodes.map((n: { target: unknown }) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([11, 92, 173, 255], i * 4);
  return PNG.sync.write(image);
}

/** A deck file as "Hent som fil" makes one: deck.md and an image. */
const IMPORT = zipSync({
  'deck.md': strToU8('---\ntitel: Importeret budgetdeck\n---\n\n# Importeret budgetdeck\n\n![Et blåt felt](felt.png)\n'),
  'billeder/felt.png': png(40, 20),
});

const deckItem = (page: Page, title: string) => page.locator('rs-home li.item').filter({ has: page.getByRole('heading', { name: title }) });

for (const [size, viewport] of [
  ['1280x800', { width: 1280, height: 800 }],
  ['360x640', PHONE],
] as const) {
  describe(`the start page's decks at ${size}`, () => {
    it('makes a deck that is there after a reload, copies a template, imports a file, exports, starts a room and deletes', async () => {
      const errors: string[] = [];
      // bypassCSP lets the test add axe-core's script; the page's own code runs as it always does.
      const page = await t.page({
        viewport,
        errors,
        acceptDownloads: true,
        bypassCSP: true,
        ...(viewport === PHONE ? { hasTouch: true, isMobile: true } : {}),
      });
      await page.goto(`${t.server.url}/`);
      const home = page.locator('rs-home');
      await home.getByRole('button', { name: 'Opret rum' }).first().waitFor();

      // A new deck, with a title of its own.
      await home.getByLabel('Titel på et nyt deck').fill(`Budgetseminar ${size}`);
      await home.getByRole('button', { name: 'Nyt deck' }).click();
      // It opens in the deck editor, and is listed on the start page when one comes back.
      await page.waitForURL(/\/edit\/budgetseminar-/);
      await page.locator('rs-deck-editor [data-save="saved"]').waitFor();
      await page.goto(`${t.server.url}/`);
      const made = deckItem(page, `Budgetseminar ${size}`);
      await made.waitFor();
      await expect(made.textContent()).resolves.toContain('Sidst ændret');

      // After a reload it is still listed: this browser kept its id and key.
      await page.reload();
      await made.waitFor();
      const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('rs-decks') ?? '[]') as { id: string; editorKey: string }[]);
      expect(kept).toHaveLength(1);
      const source = await call(t.server.url, `/api/decks/${kept[0]!.id}/source`, { token: kept[0]!.editorKey });
      expect(source.status).toBe(200);
      expect(source.body.title).toBe(`Budgetseminar ${size}`);

      // A copy of the template.
      const template = (await call<DeckManifest>(t.server.url, '/api/decks/frisaettelse')).body;
      await home.getByRole('button', { name: `Duplikér ${template.title}` }).click();
      await page.waitForURL(/\/edit\/frisaettelse-/);
      await page.locator('rs-deck-editor [data-save="saved"]').waitFor();
      await page.goto(`${t.server.url}/`);
      await deckItem(page, template.title).waitFor();

      // A deck file imported.
      await home
        .getByLabel('Importér deck')
        .setInputFiles({ name: 'budget.zip', mimeType: 'application/zip', buffer: Buffer.from(IMPORT) });
      const imported = deckItem(page, 'Importeret budgetdeck');
      await imported.waitFor();
      expect(await page.evaluate(() => (JSON.parse(localStorage.getItem('rs-decks') ?? '[]') as unknown[]).length)).toBe(3);

      // Downloaded as a file: the same deck.md and image.
      const [download] = await Promise.all([page.waitForEvent('download'), imported.getByRole('button', { name: 'Hent som fil' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^importeret-budgetdeck-[a-z2-7]{10}\.zip$/);
      const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
      expect(strFromU8(files['deck.md']!)).toContain('![Et blåt felt](felt.png)');
      expect(Buffer.from(files['billeder/felt.png']!).equals(png(40, 20))).toBe(true);

      // Each deck links to the deck editor, the key in the link's fragment.
      expect(await made.getByRole('link', { name: 'Rediger' }).getAttribute('href')).toMatch(/^\/edit\/budgetseminar-[^#]+#key=/);
      await page.screenshot({ path: join(SHOTS, `start-decks-${size}.png`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      // Deleted, after a second thought.
      const copy = deckItem(page, template.title);
      await copy.getByRole('button', { name: 'Slet' }).click();
      await copy.getByText('Slet decket for altid?').waitFor();
      await page.screenshot({ path: join(SHOTS, `start-decks-confirm-${size}.png`), fullPage: true });
      await copy.getByRole('button', { name: 'Slet decket' }).click();
      await home.getByRole('status').filter({ hasText: 'er slettet' }).waitFor();
      expect(await deckItem(page, template.title).count()).toBe(0);

      // A workshop from the imported deck: the projector opens on it, and the start page lists the room after.
      await imported.getByRole('button', { name: 'Ny workshop med dette deck' }).click();
      await page.waitForURL(/\/present\//);
      await page.locator('rs-presenter-status').getByText('Forbundet').waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.reveal .slides img');
        return !!img && img.complete && img.naturalWidth === 40;
      });
      await page.goto(`${t.server.url}/`);
      const room = home.locator('li.item[data-room]').filter({ hasText: 'Importeret budgetdeck' });
      await room.waitFor();
      await expect(room.textContent()).resolves.toMatch(/Kode \d{3} \d{3}/);
      await room.getByRole('link', { name: 'Åbn konsol' }).waitFor();
      await page.screenshot({ path: join(SHOTS, `start-decks-rooms-${size}.png`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      // Nothing on the page is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(errors).toEqual([]);
    }, 90_000);
  });
}

describe('a server that guards creation with ADMIN_TOKEN', () => {
  it('asks for the administrator key, and makes the deck with it', async () => {
    const guarded = await startServer({ config: { adminToken: 'organiser-secret' } });
    try {
      const errors: string[] = [];
      const page = await t.page({ viewport: PHONE, hasTouch: true, isMobile: true, errors, expected: /status of 401/ });
      await page.goto(`${guarded.url}/`);
      const home = page.locator('rs-home');
      await home.getByLabel('Titel på et nyt deck').fill('Beskyttet deck');
      await home.getByRole('button', { name: 'Nyt deck' }).click();
      await home.getByRole('alert').filter({ hasText: 'kræver en administratornøgle' }).waitFor();
      const key = home.getByRole('textbox', { name: 'Administratornøgle' });
      await expect(key.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);
      await page.screenshot({ path: join(SHOTS, 'start-decks-admin-360x640.png'), fullPage: true });
      await key.fill('wrong');
      await home.getByRole('button', { name: 'Nyt deck' }).click();
      await home.getByRole('alert').filter({ hasText: 'passer ikke' }).waitFor();
      await key.fill('organiser-secret');
      await home.getByRole('button', { name: 'Nyt deck' }).click();
      await page.waitForURL(/\/edit\/beskyttet-deck-/);
      await page.goto(`${guarded.url}/`);
      await deckItem(page, 'Beskyttet deck').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await guarded.stop();
      removeDir(guarded.dataDir);
    }
  });
});
