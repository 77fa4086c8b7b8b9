// The deck editor in real Chromium, as a facilitator uses it: a new deck made on the start page opens in the editor and gets a title slide, a text slide, a single
// choice, a ranking and a whiteboard through the forms (slides added, moved by keyboard and by dragging, one deleted
// and brought back), is saved by itself (Gemt) and is all there after a reload; the source view changes what the
// forms show, and a mistake there is named with slide and line without touching the forms; a second window saves
// first and the first gets both versions to choose from; Start møde opens the presenter on the saved version, three
// phones vote, and the projector's results equal their ballots. A two-page PDF (the PowerPoint saved as PDF) is
// imported after the whiteboard, its pages pictures in the editor and on the projector; the phones post notes on the
// whiteboard and the projector shows each; the referat (Markdown, with the facilitator's key) lists the two polls with
// the ballots' counts and the whiteboard with every note in its field. axe-core finds nothing on the editor (1280×800,
// 1920×1080, and in English), and the editor with the imported pages is photographed at 1280×800 and 1920×1080.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { CreateRoomResponse, DeckSourceResponse } from '../../core/wire.js';
import type { DeckManifest } from '../../core/deck.js';
import { browserSuite, goToSlide, SHOTS } from '../helpers/browser.js';
import { call } from '../helpers/clients.js';
import { makePdf } from '../helpers/make-pdf.js';
import { ROOT } from '../helpers/server.js';

const t = browserSuite({ intentBurst: 1000, deckSaveBurst: 1000 });
const AXE = joinPath(ROOT, 'node_modules/axe-core/axe.min.js');
// The committee's PowerPoint, saved as a two-page PDF.
const PDF_PAGES = [
  { title: 'Budgetforslag 2027', lines: ['• Driftsrammen: 1,2 mia. kr.', '• Anlæg: 85 mio. kr.'] },
  { title: 'Tidsplan', lines: ['• 1. behandling i september', '• Vedtagelse i oktober'] },
];

/** axe-core (WCAG 2.1 A and AA) in the page: every violation, spelled out. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<any> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary}`));
  });
}

/** The editor's parts, found through their shadow roots. */
function parts(page: Page) {
  const editor = page.locator('rs-deck-editor');
  return {
    editor,
    slides: editor.locator('rs-slide-list button.slide'),
    saved: editor.locator('[data-save="saved"]'),
    form: editor.locator('rs-block-form'),
    text: editor.locator('rs-text-form textarea'),
    async add(kind: string): Promise<void> {
      await editor.getByRole('button', { name: '+ Tilføj slide' }).click();
      await editor.locator(`[data-add="${kind}"]`).click();
    },
    async titles(): Promise<string[]> {
      return editor.locator('rs-slide-list .title').allTextContents();
    },
  };
}

/** Fills a form's list of options (or zones) with `labels`, adding rows as needed, removing rows left over. */
async function fillItems(form: Locator, labels: string[]): Promise<void> {
  for (const [i, label] of labels.entries()) {
    if ((await form.locator('input[data-item]').count()) <= i) await form.getByRole('button', { name: /^\+ Tilføj/ }).click();
    await form.locator(`input[data-item="${i}"]`).fill(label);
  }
  while ((await form.locator('input[data-item]').count()) > labels.length) {
    await form.getByRole('button', { name: `Fjern Svarmulighed ${labels.length + 1}` }).click();
  }
}

describe('the deck editor', () => {
  it('builds a deck through the forms, keeps it, follows the source view, settles a conflict, and runs the meeting', async () => {
    const errors: string[] = [];
    // bypassCSP only lets axe-core's script in; the page's own code runs as it always does.
    // The 409 that tells this window another one saved first is logged by the browser; it is expected here.
    const page = await t.page({ viewport: { width: 1280, height: 800 }, bypassCSP: true, errors, expected: /status of 409/ });
    // From the start page: a new deck with a title opens in the editor.
    await page.goto(`${t.server.url}/`);
    const home = page.locator('rs-home');
    await home.getByLabel('Titel på et nyt deck').fill('Budgetseminar 2027');
    await home.getByRole('button', { name: 'Nyt deck' }).click();
    await page.waitForURL(/\/edit\/budgetseminar-2027-/);
    // The key leaves the address bar (and never goes into an address); the start page's list keeps it.
    await expect.poll(() => page.url()).not.toContain('key=');
    const [kept] = await page.evaluate(() => JSON.parse(localStorage.getItem('rs-decks') ?? '[]') as { id: string; editorKey: string }[]);
    const deckId = kept!.id;
    const editorKey = kept!.editorKey;
    const editUrl = `${t.server.url}/edit/${deckId}#key=${editorKey}`;
    const storedSource = async () =>
      (await call<DeckSourceResponse>(t.server.url, `/api/decks/${deckId}/source`, { token: editorKey })).body.source;
    const ed = parts(page);
    // The starter deck: its title slide, the join slide and a poll.
    await expect.poll(() => ed.titles()).toEqual(['Budgetseminar 2027', 'Deltag fra din telefon', 'Hvad mener I?']);
    await ed.saved.waitFor();

    // Delete the starter's poll, take it back with the notice's Fortryd, delete it again.
    await ed.slides.nth(2).click();
    await ed.editor.locator('[data-action="delete"]').click();
    await ed.editor.getByText('"Hvad mener I?" er slettet.').waitFor();
    await ed.editor.locator('[data-action="undo-delete"]').click();
    await expect.poll(() => ed.titles()).toEqual(['Budgetseminar 2027', 'Deltag fra din telefon', 'Hvad mener I?']);
    await ed.editor.locator('[data-action="delete"]').click();
    await expect.poll(() => ed.titles()).toEqual(['Budgetseminar 2027', 'Deltag fra din telefon']);

    // A title slide of our own, typed as text, moved to the front with the keyboard; the starter's goes.
    await ed.add('title');
    await ed.text.fill('Udvalget for Økonomi\n# Budgetseminar 2027\nPrioriteringer for næste år');
    await ed.editor.locator('rs-slide-view.preview').getByText('Prioriteringer for næste år').waitFor();
    await ed.slides.nth(2).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('Alt+ArrowUp');
    // The moved slide stays chosen (and focused) at the top.
    await expect.poll(() => ed.slides.nth(0).getAttribute('aria-current')).toBe('true');
    expect(await ed.text.inputValue()).toContain('Udvalget for Økonomi');
    await ed.slides.nth(1).click();
    await ed.editor.locator('[data-action="delete"]').click();
    await expect.poll(() => ed.titles()).toEqual(['Budgetseminar 2027', 'Deltag fra din telefon']);
    await ed.slides.nth(0).click();
    expect(await ed.text.inputValue()).toBe('Udvalget for Økonomi\n# Budgetseminar 2027\nPrioriteringer for næste år');

    // A text slide, with the toolbar's bold.
    await ed.slides.nth(1).click();
    await ed.add('text-slide');
    await ed.text.fill('## Dagsorden\n\n- Økonomien i 2027\n- Hvad skal vi prioritere?\n');
    await ed.text.press('Control+End');
    await ed.editor.locator('rs-text-form').getByRole('button', { name: 'Fed' }).click();
    await expect.poll(() => ed.text.inputValue()).toContain('**fed tekst**');

    // A single choice through its form: heading, question, options filled, one added, one removed, one moved up.
    await ed.add('single');
    await ed.form.locator('[data-field="heading"]').fill('Hvor skal vi spare?');
    await ed.form.locator('[data-field="prompt"]').fill('Hvilket område skal bidrage mest?');
    await fillItems(ed.form, ['Anlæg', 'Drift', 'Administration', 'Ingen af dem']);
    await ed.form.getByRole('button', { name: 'Fjern Svarmulighed 2' }).click();
    await ed.form.getByRole('button', { name: 'Flyt Svarmulighed 2 op' }).click();
    expect(await ed.form.locator('input[data-item]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([
      'Administration',
      'Anlæg',
      'Ingen af dem',
    ]);

    // A ranking, and a whiteboard with two fields and three dots each.
    await ed.add('ranking');
    await ed.form.locator('[data-field="heading"]').fill('Prioritér');
    await ed.form.locator('[data-field="prompt"]').fill('Prioritér indsatserne');
    await fillItems(ed.form, ['Skoler', 'Veje', 'Ældrepleje']);
    await ed.add('board');
    await ed.form.locator('[data-field="heading"]').fill('Idéer til budgettet');
    await ed.form.locator('[data-field="prompt"]').fill('Hvor kan vi spare, og hvad skal vi investere i?');
    await ed.form.locator('input[data-item="0"]').fill('Besparelser');
    await ed.form.getByRole('button', { name: '+ Tilføj felt' }).click();
    await ed.form.locator('input[data-item="1"]').fill('Investeringer');
    await ed.form.locator('[data-field="dots"]').fill('3');
    await ed.editor.locator('rs-slide-view.preview').getByText('Investeringer').waitFor();
    await ed.editor.locator('#notes').fill('Giv ti minutter til sedler, så prikker.');

    // The PowerPoint saved as a two-page PDF, imported after the whiteboard: each page a slide with its picture.
    const pdfDir = joinPath(ROOT, 'test-results', 'editor');
    mkdirSync(pdfDir, { recursive: true });
    const pdfPath = joinPath(pdfDir, 'Budgetforslag.pdf');
    writeFileSync(pdfPath, makePdf(PDF_PAGES));
    const chooser = page.waitForEvent('filechooser');
    await ed.editor.getByRole('button', { name: 'Importér PDF' }).click();
    await (await chooser).setFiles(pdfPath);
    await page.locator('rs-pdf-import .toast').getByText('2 sider fra "Budgetforslag.pdf" er sat ind som slides.').waitFor();
    await expect
      .poll(() =>
        ed.editor.locator('rs-slide-list rs-slide-view img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
      )
      .toEqual([1920, 1920]);
    await expect.poll(() => ed.editor.locator('#notes').inputValue()).toBe([PDF_PAGES[0]!.title, ...PDF_PAGES[0]!.lines].join('\n\n'));

    // Drag the text slide below the poll, and take it back with Fortryd.
    const pdfTitles = PDF_PAGES.map((p) => p.title);
    const order = [
      'Budgetseminar 2027',
      'Deltag fra din telefon',
      'Dagsorden',
      'Hvor skal vi spare?',
      'Prioritér',
      'Idéer til budgettet',
      ...pdfTitles,
    ];
    await expect.poll(() => ed.titles()).toEqual(order);
    await ed.editor.locator('rs-slide-list li[data-slide="2"]').dragTo(ed.editor.locator('rs-slide-list li[data-slide="3"]'), {
      targetPosition: { x: 40, y: 90 },
    });
    await expect
      .poll(() => ed.titles())
      .toEqual([
        'Budgetseminar 2027',
        'Deltag fra din telefon',
        'Hvor skal vi spare?',
        'Dagsorden',
        'Prioritér',
        'Idéer til budgettet',
        ...pdfTitles,
      ]);
    await ed.editor.locator('[data-action="undo"]').click();
    await expect.poll(() => ed.titles()).toEqual(order);
    await ed.saved.waitFor();
    // The first imported page chosen: its picture in the preview.
    await ed.slides.nth(6).click();
    await expect
      .poll(() => ed.editor.locator('rs-slide-view.preview img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBe(1920);
    await page.screenshot({ path: joinPath(SHOTS, 'editor-1280x800.png') });
    expect(await axeViolations(page)).toEqual([]);

    // What the server has: the deck's manifest, from a reload of the page as well.
    await expect
      .poll(
        async () => {
          const text = await storedSource();
          return (
            text.includes('Giv ti minutter til sedler') &&
            text.indexOf('## Dagsorden') < text.indexOf('## Hvor skal vi spare?') &&
            text.split('layout: billede').length - 1 === 2
          );
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const manifest = (await call<DeckManifest>(t.server.url, `/api/decks/${deckId}`)).body;
    expect(manifest.activities.map((a) => [a.kind, a.prompt, a.options.map((o) => o.label)])).toEqual([
      ['single', 'Hvilket område skal bidrage mest?', ['Administration', 'Anlæg', 'Ingen af dem']],
      ['ranking', 'Prioritér indsatserne', ['Skoler', 'Veje', 'Ældrepleje']],
    ]);
    expect(manifest.boards.map((b) => [b.prompt, b.zones.map((z) => z.label), b.dots])).toEqual([
      ['Hvor kan vi spare, og hvad skal vi investere i?', ['Besparelser', 'Investeringer'], 3],
    ]);
    // A reload needs no link: the key is kept with the deck in this browser's list.
    await page.reload();
    await expect.poll(() => ed.titles()).toEqual(order);
    await ed.slides.nth(5).click();
    await expect.poll(() => ed.editor.locator('#notes').inputValue()).toBe('Giv ti minutter til sedler, så prikker.');
    expect(await ed.form.locator('[data-field="dots"]').inputValue()).toBe('3');
    await ed.slides.nth(4).click();
    expect(await ed.form.locator('[data-field="prompt"]').inputValue()).toBe('Prioritér indsatserne');

    // The source view: an edit there is what the form shows; a mistake is named and leaves the forms alone.
    await ed.editor.locator('[data-view="source"]').click();
    const source = ed.editor.locator('#source');
    const markdown = await source.inputValue();
    expect(markdown).toContain('::: prioritering');
    await source.fill(markdown.replace('Prioritér indsatserne', 'Prioritér de tre indsatser'));
    await ed.editor.locator('[data-view="slides"]').click();
    await expect.poll(() => ed.form.locator('[data-field="prompt"]').inputValue()).toBe('Prioritér de tre indsatser');
    await ed.editor.locator('[data-view="source"]').click();
    const broken = (await source.inputValue()).replace('Hvilket område skal bidrage mest?', 'Hvilket område skal bidrage mest?\nhøjest: 2');
    await source.fill(broken);
    const problem = ed.editor.locator('.source-view .problem');
    await expect
      .poll(() => problem.textContent())
      .toMatch(/Fejl på slide 4 \("Hvor skal vi spare\?"\), linje \d+: kender ikke indstillingen "højest:"/);
    await ed.editor.locator('[data-save="invalid"]').waitFor();
    await page.screenshot({ path: joinPath(SHOTS, 'editor-source-mistake.png') });
    expect(await axeViolations(page)).toEqual([]);
    await ed.editor.locator('[data-view="slides"]').click();
    await ed.editor.locator('[data-action="discard-source"]').click();
    await expect.poll(() => ed.titles()).toEqual(order);
    await ed.slides.nth(3).click();
    expect(await ed.form.locator('[data-field="prompt"]').inputValue()).toBe('Hvilket område skal bidrage mest?');
    await expect.poll(() => storedSource(), { timeout: 10_000 }).toContain('Prioritér de tre indsatser');
    expect(await storedSource()).not.toContain('højest');
    await ed.saved.waitFor();

    // A second window saves first; the first one is told, sees both versions, and keeps its own on top.
    const other = await t.page({ viewport: { width: 1280, height: 800 }, errors });
    await other.goto(editUrl);
    const ed2 = parts(other);
    await ed2.slides.nth(2).click();
    await ed2.text.fill('## Dagsorden for i dag\n\n- Økonomien i 2027');
    await expect.poll(() => storedSource(), { timeout: 10_000 }).toContain('Dagsorden for i dag');
    await ed.slides.nth(2).click();
    await ed.text.fill('## Dagsorden\n\n- Økonomien i 2027\n- Hvad skal vi prioritere?\n- Tavlen');
    const dialog = ed.editor.locator('dialog.conflict');
    await dialog.waitFor();
    expect(await dialog.locator('[data-version="mine"]').inputValue()).toContain('- Tavlen');
    expect(await dialog.locator('[data-version="theirs"]').inputValue()).toContain('## Dagsorden for i dag');
    await dialog.getByText('Forskelle på slide 3').waitFor();
    await page.screenshot({ path: joinPath(SHOTS, 'editor-conflict.png') });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.locator('[data-action="keep-mine"]').click();
    await expect.poll(() => storedSource(), { timeout: 10_000 }).toContain('- Tavlen');
    expect(await storedSource()).not.toContain('Dagsorden for i dag');
    await ed.saved.waitFor();

    // The larger screen, with the second imported page chosen; then once more in English.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await ed.slides.nth(7).click();
    await expect
      .poll(() => ed.editor.locator('rs-slide-view.preview img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBe(1920);
    await page.screenshot({ path: joinPath(SHOTS, 'editor-1920x1080.png') });
    expect(await axeViolations(page)).toEqual([]);
    await ed.editor.getByRole('button', { name: 'English' }).click();
    await ed.editor.getByRole('button', { name: 'Import PDF' }).waitFor();
    await page.screenshot({ path: joinPath(SHOTS, 'editor-1920x1080-en.png') });
    expect(await axeViolations(page)).toEqual([]);
    await ed.editor.getByRole('button', { name: 'Dansk' }).click();
    await ed.editor.getByRole('button', { name: 'Importér PDF' }).waitFor();

    // Start møde: the presenter opens on the saved version; three phones vote on the poll and rank.
    await ed.editor.locator('[data-action="start"]').click();
    await expect.poll(() => page.url()).toContain('/present/');
    const projector = page;
    await projector.locator('rs-presenter-status').getByText('Forbundet').waitFor();
    const joinCode = await projector.locator('rs-presenter-status').evaluate((el) => (el as HTMLElement & { code: string }).code);
    const phones = await t.joinPhones({ joinCode } as CreateRoomResponse, 3, { errors });
    await Promise.all(phones.map((p) => p.getByText('Du er med').first().waitFor()));

    await goToSlide(projector, 3);
    const single = projector.locator('rs-activity[kind="single"]');
    await single.getByRole('button', { name: /^Åbn/ }).click();
    const votes = ['Administration', 'Anlæg', 'Administration'];
    await Promise.all(
      phones.map(async (p, i) => {
        await p.getByRole('radio', { name: votes[i] }).tap();
        await p.getByText(`✓ Din stemme er gemt: ${votes[i]}.`).waitFor();
      }),
    );
    await single.getByRole('button', { name: 'Vis resultat' }).click();
    const count = (scope: Locator, option: string) =>
      scope.locator(`rs-bar-chart [data-option="${option}"] [data-count]`).getAttribute('data-count');
    const singleIds = Object.fromEntries(manifest.activities[0]!.options.map((o) => [o.label, o.id]));
    for (const label of ['Administration', 'Anlæg', 'Ingen af dem']) {
      await expect.poll(() => count(single, singleIds[label]!)).toBe(String(votes.filter((v) => v === label).length));
    }

    await goToSlide(projector, 4);
    const ranking = projector.locator('rs-activity[kind="ranking"]');
    await ranking.getByRole('button', { name: /^Åbn/ }).click();
    const orders = [
      ['Veje', 'Skoler', 'Ældrepleje'],
      ['Ældrepleje', 'Skoler', 'Veje'],
      ['Skoler', 'Veje', 'Ældrepleje'],
    ];
    await Promise.all(
      phones.map(async (p, i) => {
        const list = p.locator('rs-ranking');
        await list.locator('li[data-option]').first().waitFor();
        for (const [target, label] of orders[i]!.entries()) {
          for (;;) {
            const now = await list.locator('li[data-option]').allTextContents();
            if (now.findIndex((row) => row.includes(label)) <= target) break;
            await list.getByRole('button', { name: `Flyt ${label} op` }).tap();
          }
        }
        await p.getByRole('button', { name: 'Send prioritering' }).tap();
        await p.getByText('✓ Din stemme er gemt', { exact: false }).waitFor();
      }),
    );
    await ranking.getByRole('button', { name: 'Vis resultat' }).click();
    const rankingIds = Object.fromEntries(manifest.activities[1]!.options.map((o) => [o.label, o.id]));
    // Borda points counted here from the phones' orders: first place 2, last 0.
    for (const label of ['Skoler', 'Veje', 'Ældrepleje']) {
      const borda = orders.reduce((sum, o) => sum + (2 - o.indexOf(label)), 0);
      await expect.poll(() => count(ranking, rankingIds[label]!)).toBe(String(borda));
    }
    await projector.screenshot({ path: joinPath(SHOTS, 'editor-meeting-ranking.png') });

    // The whiteboard: the phones post notes in its two fields, and the projector shows every one.
    await goToSlide(projector, 5);
    const boardDef = manifest.boards[0]!;
    const board = projector.locator(`rs-board[board="${boardDef.id}"]`);
    await board.getByRole('button', { name: 'Åbn for sedler' }).click();
    await board.locator('.status[data-phase="notes"]').waitFor();
    const notes: [string, string][][] = [
      [
        ['Besparelser', 'Færre konsulenter'],
        ['Investeringer', 'Nye legepladser'],
      ],
      [['Besparelser', 'Samle administrationen']],
      [['Investeringer', 'Cykelstier til skolerne']],
    ];
    await Promise.all(
      phones.map(async (p, i) => {
        for (const [zone, text] of notes[i]!) {
          await p.getByRole('radio', { name: zone }).check();
          await p.getByLabel('Din seddel').fill(text);
          await p.getByRole('button', { name: 'Sæt sedlen op' }).tap();
          await p.locator('[data-my-note]', { hasText: text }).waitFor();
        }
      }),
    );
    for (const [, text] of notes.flat()) await board.getByRole('group', { name: text, exact: true }).waitFor();
    await projector.screenshot({ path: joinPath(SHOTS, 'editor-meeting-board.png') });

    // The imported pages on the projector, their pictures loaded.
    for (const n of [6, 7]) {
      await goToSlide(projector, n);
      const img = projector.locator('.reveal section.present img');
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1920);
    }

    // The referat, with the facilitator's key the presenter keeps: the new deck's polls with their results, and the notes.
    const roomId = new URL(projector.url()).pathname.split('/')[2]!;
    const roomKey = await projector.evaluate((id) => localStorage.getItem(`rs-key:${id}`), roomId);
    const referat = await call<string>(t.server.url, `/api/rooms/${roomId}/export?format=md`, { token: roomKey! });
    expect(referat.status).toBe(200);
    writeFileSync(joinPath(pdfDir, 'referat.md'), referat.body);
    const md = referat.body;
    /** The referat's item under `heading`, up to the next item. */
    const item = (heading: string): string => {
      const from = md.indexOf(`\n${heading}\n`);
      expect(from, heading).toBeGreaterThan(-1);
      const to = md.indexOf('\n## ', from + 1);
      return md.slice(from, to < 0 ? undefined : to);
    };
    // Three items, in deck order: the two polls and the whiteboard (the PDF's pages are no items).
    expect(md.match(/^## .*/gm)).toEqual([
      '## 1. Hvilket område skal bidrage mest?',
      '## 2. Prioritér de tre indsatser',
      '## 3. Hvor kan vi spare, og hvad skal vi investere i?',
    ]);
    const singleMd = item('## 1. Hvilket område skal bidrage mest?');
    expect(singleMd).toContain('· 3 svar');
    for (const label of ['Administration', 'Anlæg', 'Ingen af dem']) {
      expect(singleMd).toContain(`\n| ${label} | ${votes.filter((v) => v === label).length} |`);
    }
    const rankingMd = item('## 2. Prioritér de tre indsatser');
    expect(rankingMd).toContain('· 3 svar');
    for (const label of ['Skoler', 'Veje', 'Ældrepleje']) {
      expect(rankingMd).toContain(`\n| ${label} | ${orders.reduce((sum, o) => sum + (2 - o.indexOf(label)), 0)} |`);
    }
    const boardMd = item('## 3. Hvor kan vi spare, og hvad skal vi investere i?');
    expect(boardMd).toContain('4 sedler');
    for (const zone of ['Besparelser', 'Investeringer']) {
      const from = boardMd.indexOf(`**${zone}** (uden gruppe)`);
      expect(from, zone).toBeGreaterThan(-1);
      const listed = boardMd
        .slice(from)
        .split('\n\n')[1]!
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.replace(/^- /, ''));
      const posted = notes
        .flat()
        .filter(([z]) => z === zone)
        .map(([, text]) => text);
      expect(listed.sort()).toEqual(posted.sort());
    }
    expect(errors).toEqual([]);
  }, 90_000);
});
