// "Importér PDF" in the deck editor, in real Chromium against a real server: a two-page PDF becomes two slides after
// the chosen slide, each page a picture uploaded with the deck, its text the picture's alt text and the slide's
// notes; the projector shows each page across the whole 1920×1080 screen with the picture loaded. A file that is no
// PDF, a PDF with a password and a PDF with more pages than the deck has room for are refused in Danish before
// anything is uploaded (and in English through the same catalogue); a cancelled import puts nothing in and leaves no
// image behind. axe-core finds nothing in the dialog. Screenshots: the editor during and after an import (1280×800),
// an imported page on the projector (1920×1080).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CreateDeckResponse, CreateRoomResponse, DeckSourceResponse } from '../../core/wire.js';
import { browserSuite, goToSlide, SHOTS } from '../helpers/browser.js';
import { call } from '../helpers/clients.js';
import { makePdf, workshopPages } from '../helpers/make-pdf.js';
import { ROOT } from '../helpers/server.js';

// Room for five images in a deck: two pages fit, and four more after them do not.
const t = browserSuite({ maxImagesPerDeck: 5, deckSaveBurst: 1000 });
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const FILES = join(ROOT, 'test-results', 'pdf-import');

const PAGES = [
  { title: 'Frisættelse af velfærden', lines: ['• Borgernes behov først – også når det er svært', '• Økonomi: 125 mio. kr. over fire år'] },
  { title: 'Næste skridt', lines: ['• Prøvehandlinger i to institutioner', '• Evaluering i udvalget i juni'] },
];

/** A file on disk to pick, as a person picks one. */
function file(name: string, data: Buffer): string {
  mkdirSync(FILES, { recursive: true });
  const path = join(FILES, name);
  writeFileSync(path, data);
  return path;
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<any> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary}`));
  });
}

async function source(deck: CreateDeckResponse): Promise<DeckSourceResponse> {
  return (await call<DeckSourceResponse>(t.server.url, `/api/decks/${deck.id}/source`, { token: deck.editorKey })).body;
}

/** A new deck (the starter: a title slide, the join slide, a poll) open in the editor, saved. */
async function openEditor(errors: string[], expected?: RegExp): Promise<{ page: Page; deck: CreateDeckResponse }> {
  // bypassCSP only lets axe-core's script in; the first test imports under the pages' real policy.
  const made = await call<CreateDeckResponse>(t.server.url, '/api/decks', { body: { title: 'Udvalgsmøde torsdag' } });
  expect(made.status).toBe(201);
  const page = await t.page({ viewport: { width: 1280, height: 800 }, bypassCSP: true, errors, ...(expected ? { expected } : {}) });
  await page.goto(made.body.editUrl.replace(/^http:\/\/[^/]+/, t.server.url));
  await page.locator('rs-deck-editor [data-save="saved"]').waitFor();
  return { page, deck: made.body };
}

/** Clicks "Importér PDF" and picks `path` in the file chooser. */
async function importFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator('rs-deck-editor').getByRole('button', { name: 'Importér PDF' }).click();
  await (await chooser).setFiles(path);
}

const titles = (page: Page) => page.locator('rs-deck-editor rs-slide-list .title').allTextContents();
const dialog = (page: Page) => page.locator('rs-pdf-import dialog');

describe('Importér PDF', () => {
  it('makes each page of a two-page PDF a slide after the chosen one, with its picture, alt text and notes; the projector shows it full screen', async () => {
    const errors: string[] = [];
    const made = await call<CreateDeckResponse>(t.server.url, '/api/decks', { body: { title: 'Udvalgsmøde torsdag' } });
    const deck = made.body;
    const page = await t.page({ viewport: { width: 1280, height: 800 }, errors });
    await page.goto(deck.editUrl.replace(/^http:\/\/[^/]+/, t.server.url));
    await page.locator('rs-deck-editor [data-save="saved"]').waitFor();
    // The title slide is chosen: the pages go in after it, before the join slide.
    await page.locator('rs-deck-editor rs-slide-list button.slide').first().click();
    await importFile(page, file('Udvalgsmøde torsdag.pdf', makePdf(PAGES)));
    await page.locator('rs-pdf-import .toast').getByText('2 sider fra "Udvalgsmøde torsdag.pdf" er sat ind som slides.').waitFor();
    await expect
      .poll(() => titles(page))
      .toEqual(['Udvalgsmøde torsdag', 'Frisættelse af velfærden', 'Næste skridt', 'Deltag fra din telefon', 'Hvad mener I?']);
    expect(await dialog(page).evaluate((d: HTMLDialogElement) => d.open)).toBe(false);

    // The first new slide is chosen: its notes are the page's text, its thumbnail and preview show the page.
    const notes = page.locator('rs-deck-editor textarea#notes');
    await expect.poll(() => notes.inputValue()).toBe([PAGES[0]!.title, ...PAGES[0]!.lines].join('\n\n'));
    await expect
      .poll(() =>
        page
          .locator('rs-deck-editor rs-slide-list rs-slide-view img')
          .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
      )
      .toEqual([1920, 1920]);
    await page.screenshot({ path: join(SHOTS, 'pdf-import-editor-after-1280.png') });

    // Saved by itself, with the images pinned: two slides with layout billede, each naming its own image.
    await page.locator('rs-deck-editor [data-save="saved"]').waitFor();
    await expect.poll(async () => (await source(deck)).source.split('layout: billede').length - 1).toBe(2);
    const saved = await source(deck);
    expect(saved.imageFiles.map((f) => [f.name, f.type])).toEqual([
      ['udvalgsmoede-torsdag-s01.jpg', 'image/jpeg'],
      ['udvalgsmoede-torsdag-s02.jpg', 'image/jpeg'],
    ]);
    expect(saved.source).toContain(
      'titel: Frisættelse af velfærden\n\n![Frisættelse af velfærden. Borgernes behov først – også når det er svært.',
    );
    expect(saved.source).toContain('](udvalgsmoede-torsdag-s01.jpg)');

    // On the projector: the page fills the 1920×1080 screen, its picture loaded, its text the alt text and the notes.
    const room = await call<CreateRoomResponse>(t.server.url, '/api/rooms', { body: { deck: deck.id } });
    expect(room.status).toBe(201);
    const projector = await t.projector(room.body, { errors });
    for (const [n, p] of PAGES.entries()) {
      await goToSlide(projector, n + 1);
      const img = projector.locator('.reveal section.present img');
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1920);
      expect(await img.getAttribute('alt')).toBe(`${p.title}. ${p.lines.map((l) => l.replace('• ', '')).join('. ')}`);
      expect(await projector.locator('.reveal section.present').getAttribute('data-title')).toBe(p.title);
      const box = await img.boundingBox();
      expect(Math.round(box!.x)).toBe(0);
      expect(Math.round(box!.y)).toBe(0);
      expect(Math.round(box!.width)).toBe(1920);
      expect(Math.round(box!.height)).toBe(1080);
      const spoken = await projector.locator('.reveal section.present aside.notes p').allTextContents();
      expect(spoken).toEqual([p.title, ...p.lines]);
    }
    await goToSlide(projector, 1);
    // The photograph once the slide has faded in.
    await expect.poll(() => projector.locator('.reveal section.present').evaluate((s) => getComputedStyle(s).opacity)).toBe('1');
    await projector.waitForTimeout(900);
    await projector.screenshot({ path: join(SHOTS, 'pdf-import-projector-1920.png') });
    expect(errors).toEqual([]);
  });

  it('shows the progress while it works, can be cancelled, and then leaves the deck as it was', async () => {
    const errors: string[] = [];
    // The cancelled uploads never reach the server, so taking them out again is answered 404: expected here.
    const { page, deck } = await openEditor(errors, /status of 404/);
    // The uploads wait until the test lets them go: the dialog is seen mid-way, and Annullér comes before the end.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await page.route('**/api/decks/*/images?*', async (route) => {
      await gate;
      await route.continue().catch(() => undefined);
    });
    await importFile(page, file('Fire sider.pdf', makePdf(workshopPages(4), { picture: 320 })));
    // Four pages drawn while their uploads wait: half the bar, and the words say what is going on.
    await dialog(page).getByText('Lægger siderne op: 0 af 4 …').waitFor();
    expect(
      await dialog(page)
        .locator('progress')
        .evaluate((p: HTMLProgressElement) => [p.value, p.max]),
    ).toEqual([4, 8]);
    expect(await dialog(page).getByRole('heading', { name: 'Importér PDF' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'pdf-import-editor-1280.png') });

    await dialog(page).getByRole('button', { name: 'Annullér' }).click();
    release();
    await page.locator('rs-pdf-import .toast').getByText('Importen er annulleret. Intet er sat ind i decket.').waitFor();
    expect(await titles(page)).toEqual(['Udvalgsmøde torsdag', 'Deltag fra din telefon', 'Hvad mener I?']);
    expect((await source(deck)).imageFiles).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('refuses in Danish a file that is no PDF, a PDF with a password, and more pages than the deck has room for', async () => {
    const errors: string[] = [];
    const { page, deck } = await openEditor(errors);
    const problem = dialog(page).getByRole('alert');
    const close = () => dialog(page).getByRole('button', { name: 'Luk' }).click();

    // A PowerPoint file itself (a zip), not saved as PDF.
    await importFile(page, file('Budget 2027.pptx', Buffer.from('PK\u0003\u0004[Content_Types].xml … ppt/slides/slide1.xml')));
    await expect
      .poll(() => problem.textContent())
      .toBe('"Budget 2027.pptx" er ikke en PDF-fil. Gem præsentationen som PDF (i PowerPoint: Filer → Gem som → PDF), og vælg den fil.');
    expect(await axeViolations(page)).toEqual([]);
    await close();

    await importFile(page, file('Hemmelig.pdf', makePdf(PAGES, { userPassword: 'hemmelig' })));
    await expect.poll(() => problem.textContent()).toMatch(/^"Hemmelig\.pdf" er beskyttet med en adgangskode, så siderne kan ikke læses\./);
    await close();

    // Two pages in (of five images a deck may have here), then four more: three fit, and the message says so.
    await importFile(page, file('To sider.pdf', makePdf(PAGES)));
    await page
      .locator('rs-pdf-import .toast')
      .getByText(/^2 sider fra/)
      .waitFor();
    await importFile(page, file('Fire sider.pdf', makePdf(workshopPages(4))));
    await expect
      .poll(() => problem.textContent())
      .toBe(
        "PDF'en har 4 sider, men der er kun plads til 3 mere i decket (et deck kan højst have 5 billeder). Gem en PDF med højst 3 sider, eller importér den i et nyt deck.",
      );
    await close();
    // Nothing of the refused files was uploaded or put in.
    expect((await source(deck)).imageFiles.map((f) => f.name)).toEqual(['to-sider-s01.jpg', 'to-sider-s02.jpg']);
    expect(await titles(page)).toHaveLength(5);

    // In English, through the same catalogue.
    await page.locator('rs-deck-editor').getByRole('button', { name: 'English' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.locator('rs-deck-editor').getByRole('button', { name: 'Import PDF' }).click();
    await (await chooser).setFiles(join(FILES, 'Budget 2027.pptx'));
    await expect
      .poll(() => problem.textContent())
      .toBe(
        '"Budget 2027.pptx" is not a PDF file. Save the presentation as PDF (in PowerPoint: File → Save As → PDF) and choose that file.',
      );
    expect(await dialog(page).getByRole('heading').textContent()).toBe('Import PDF');
    expect(errors).toEqual([]);
  });
});
