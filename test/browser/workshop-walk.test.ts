// A whole workshop walked as its users run it, in real Chromium: the frisættelse deck from the title slide to
// "Tak for i dag", worked from the facilitator's console on the laptop (1280×800), shown by the projector window
// the console opens (1920×1080), answered by three phones (360×640). Every activity is opened, answered, closed
// and revealed; the whiteboard takes notes from the phones, is grouped in the console, dotted and revealed, and
// ranks its top priorities; the motion gets a recorded decision; the referat is exported. At each step the test
// checks what a person in the room would: the projector shows no control, results appear once revealed, the
// console counts the answers, the phones show the slide's activity.
//
// With RADSLAG_WALK_SHOTS=<folder> it also saves a picture of the projector, the console and a phone at every
// step, to be looked at; without it none are taken (they double the run time).
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join as joinPath, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, PHONE, PROJECTOR } from '../helpers/browser.js';
import { call, createRoom } from '../helpers/clients.js';
import type { DeckManifest } from '../../core/deck.js';
import type { ActivityDef } from '../../core/activity.js';

const t = browserSuite();
const LAPTOP = { width: 1280, height: 800 };
const SHOTS_DIR = process.env.RADSLAG_WALK_SHOTS ? resolve(process.env.RADSLAG_WALK_SHOTS) : undefined;

/**
 * The labels of every button a person could see in the page, shadow roots included; the slides reveal.js keeps
 * ready next to the current one are there but transparent, so they do not count.
 */
function visibleButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (
          (el.tagName === 'BUTTON' || el.tagName === 'SUMMARY' || el.getAttribute('role') === 'button') &&
          el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
        )
          found.push(el.textContent?.trim() ?? '');
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}

/** The titles the console's pictures of the current and the next slide show. */
const pictures = (desk: Page) =>
  desk.evaluate(() =>
    [...document.querySelectorAll<HTMLIFrameElement>('.thumb iframe')].map(
      (f) => f.contentDocument?.querySelector('.reveal .slides > section.present')?.getAttribute('data-title') ?? '',
    ),
  );

const projectorTitle = (projector: Page) =>
  projector.evaluate(() => document.querySelector('.reveal .slides > section.present')?.getAttribute('data-title') ?? '');

interface Walk {
  desk: Page;
  projector: Page;
  phones: Page[];
  step: number;
}

/** The three pictures of one step, when asked for: the projector, the console as the laptop shows it, one phone. */
async function shoot(w: Walk, name: string): Promise<void> {
  w.step++;
  if (!SHOTS_DIR) return;
  const prefix = joinPath(SHOTS_DIR, `${String(w.step).padStart(3, '0')}-${name}`);
  await Promise.all([
    w.projector.screenshot({ path: `${prefix}-projector.png` }),
    w.desk.screenshot({ path: `${prefix}-console.png` }),
    w.phones[0]!.screenshot({ path: `${prefix}-phone.png` }),
  ]);
}

/** A phone's own answer to an activity of each kind; `i` makes the three phones answer differently. */
async function answer(phone: Page, def: ActivityDef, i: number): Promise<void> {
  const app = phone.locator('rs-participant-app');
  const labels = def.options.map((o) => o.label);
  switch (def.kind) {
    case 'single':
    case 'motion':
    case 'scale':
      await app.getByRole('radio', { name: labels[[0, 1, 0][i]! % labels.length]!, exact: true }).tap();
      break;
    case 'multi':
      for (const label of [labels[i % labels.length]!, labels[(i + 1) % labels.length]!])
        await app.getByRole('checkbox', { name: label, exact: true }).tap();
      await app.getByRole('button', { name: 'Send', exact: true }).tap();
      break;
    case 'ranking':
      // Each phone moves a different option to the top.
      for (let k = 0; k < i; k++) await app.getByRole('button', { name: `Flyt ${labels[i]!} op` }).tap();
      await app.getByRole('button', { name: 'Send prioritering' }).tap();
      break;
    case 'points': {
      const budget = 'budget' in def ? def.budget : 10;
      const more = (label: string) => app.getByRole('button', { name: `Flere point til ${label}` });
      // 8 and 2, 6 and 4, 4 and 6 over the options in turn.
      const first = budget - 2 * (i + 1);
      for (let k = 0; k < first; k++) await more(labels[i % labels.length]!).tap();
      for (let k = 0; k < budget - first; k++) await more(labels[(i + 1) % labels.length]!).tap();
      await app.getByRole('button', { name: 'Send', exact: true }).tap();
      break;
    }
    case 'text':
      await app.getByRole('textbox', { name: def.prompt }).fill(['Tillid', 'Mindre bureaukrati', 'tillid'][i]!);
      await app.getByRole('button', { name: 'Send', exact: true }).tap();
      break;
  }
  await app.locator('.vote-status[data-kind="stored"]').waitFor();
}

describe('a whole workshop, console, projector and phones', () => {
  it('walks the frisættelse deck from the title slide to "Tak for i dag"', async () => {
    if (SHOTS_DIR) mkdirSync(SHOTS_DIR, { recursive: true });
    const errors: string[] = [];
    const room = await createRoom(t.server.url, 'frisaettelse');
    const manifest = (await call<DeckManifest>(t.server.url, '/api/decks/frisaettelse')).body;

    // The facilitator opens the console on the laptop and the projector from it.
    const desk = await t.page({ viewport: LAPTOP, errors, acceptDownloads: true, reducedMotion: 'reduce' });
    await desk.goto(`${t.server.url}/console/${room.roomId}#key=${room.facilitatorKey}`);
    await desk.locator('.connection').getByText('Forbundet').waitFor();
    const [projector] = await Promise.all([desk.waitForEvent('popup'), desk.getByRole('button', { name: 'Åbn projektor' }).click()]);
    await projector.setViewportSize(PROJECTOR);
    await projector.emulateMedia({ reducedMotion: 'reduce' });
    await projector.locator('rs-presenter-status').getByText('Forbundet').waitFor();
    const phones = await t.joinPhones(room, 3, { errors, reducedMotion: 'reduce' });
    await Promise.all(phones.map((p) => p.locator('rs-participant-app').getByText('Forbundet').waitFor()));
    const w: Walk = { desk, projector, phones, step: 0 };
    await expect.poll(() => desk.locator('[data-participants] strong').textContent()).toBe('3');

    const next = desk.locator('[data-action="next"]');
    let codeShown = false;
    for (const slide of manifest.slides) {
      if (slide.index > 0) await next.click();
      await desk.locator('[data-current]').getByText(slide.title, { exact: true }).waitFor();
      await expect.poll(() => projectorTitle(projector)).toBe(slide.title);
      // The console's pictures: the slide the room sees and the one after it.
      const after = manifest.slides[slide.index + 1];
      await expect.poll(() => pictures(desk)).toEqual(after ? [slide.title, after.title] : [slide.title]);
      // The projector never shows a control, whatever is on the slide.
      expect(await visibleButtons(projector), `buttons on the projector at "${slide.title}"`).toEqual([]);
      const def = manifest.activities.find((a) => a.slide === slide.index);
      const board = manifest.boards.find((b) => b.slide === slide.index);
      const name = slide.title
        .toLowerCase()
        .replace(/[^a-zæøå0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      if (def) await runActivity(w, def, name);
      else if (board) await runBoard(w, board.id, name);
      else if (await projector.locator('.reveal .slides > section.present rs-top-priorities').count()) await runPriorities(w, name);
      else await shoot(w, name);
      // A late arrival: the facilitator shows the join code big on the projector from the console, then hides it.
      if (!codeShown && slide.index > 0 && !slide.join && !def && !board) {
        codeShown = true;
        await showJoinCode(w, room.joinCode);
      }
    }

    // The referat, exported from the console's room menu.
    const menu = desk.locator('rs-room-menu');
    await menu.getByText('Rum ▾').click();
    const [md] = await Promise.all([desk.waitForEvent('download'), menu.getByRole('button', { name: /^Referat \(Markdown\)/ }).click()]);
    const referat = readFileSync((await md.path())!, 'utf8');
    if (SHOTS_DIR) writeFileSync(joinPath(SHOTS_DIR, 'referat.md'), referat);
    // Every activity the room answered, the board's top priority and the decision, once each.
    for (const a of manifest.activities) expect(referat, a.prompt).toContain(a.prompt);
    expect(referat).toContain('Regler og styring');
    expect(referat.split('Udvalget indstiller frisættelse på dagtilbudsområdet.').length - 1).toBe(1);
    const [docx] = await Promise.all([desk.waitForEvent('download'), menu.getByRole('button', { name: /^Referat \(Word\)/ }).click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    expect(
      readFileSync((await docx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await shoot(w, 'referat');
    expect(errors).toEqual([]);
  }, 120_000);
});

async function runActivity(w: Walk, def: ActivityDef, name: string): Promise<void> {
  const { desk, projector, phones } = w;
  const controls = desk.locator(`rs-activity[activity="${def.id}"]`);
  const shown = projector.locator(`rs-activity[activity="${def.id}"]`);
  await shown.getByText('Ikke åbnet').waitFor();
  await shoot(w, `${name}-idle`);
  await controls.getByRole('button', { name: 'Åbn afstemning' }).click();
  await shown.getByText('Åben for svar').waitFor();
  for (const [i, phone] of phones.entries()) await answer(phone, def, i);
  await expect.poll(() => desk.locator('[data-answers] strong').textContent()).toBe('3');
  await expect.poll(() => shown.locator('[data-answered]').textContent()).toBe('3');
  await shoot(w, `${name}-answered`);
  await controls.getByRole('button', { name: 'Luk afstemning' }).click();
  // Closed and not yet shown: the room reads that the vote has closed and how many answered, not a ballot.
  await shown.locator('[data-closed-note]').getByText('Afstemningen er lukket.').waitFor();
  expect(await shown.locator('.status').getAttribute('data-status')).toBe('closed');
  expect(await shown.locator('[data-answered]').textContent()).toBe('3');
  expect(await shown.locator('rs-result-view').count()).toBe(0);
  await Promise.all(phones.map((p) => p.locator('rs-participant-app').getByText('Afstemningen er lukket.').waitFor()));
  await shoot(w, `${name}-closed`);
  await controls.getByRole('button', { name: 'Vis resultat' }).click();
  await shown.locator('rs-result-view[revealed]').waitFor();
  await Promise.all(phones.map((p) => p.locator('rs-participant-app section.results rs-result-view').waitFor()));
  if (def.kind === 'motion') {
    const field = controls.getByRole('textbox', { name: 'Beslutning' });
    await field.fill('Udvalget indstiller frisættelse på dagtilbudsområdet.');
    await controls.getByRole('button', { name: 'Gem beslutning' }).click();
    await shown.locator('[data-decision]').getByText('Udvalget indstiller frisættelse på dagtilbudsområdet.').waitFor();
  }
  await shoot(w, `${name}-revealed`);
}

async function runBoard(w: Walk, id: string, name: string): Promise<void> {
  const { desk, projector, phones } = w;
  const board = desk.locator(`rs-board[board="${id}"]`);
  const shown = projector.locator(`rs-board[board="${id}"]`);
  await board.getByRole('button', { name: 'Åbn for sedler' }).click();
  await shown.locator('.status[data-phase="notes"]').waitFor();
  const notes: [number, string, string][] = [
    [0, 'Problemer', 'For mange regler'],
    [1, 'Problemer', 'Regler binder os'],
    [2, 'Problemer', 'Lang sagsbehandling'],
    [0, 'Muligheder', 'Mere tid til borgerne'],
    [1, 'Muligheder', 'Lokale løsninger'],
    [2, 'Muligheder', 'Tillid til medarbejderne'],
  ];
  for (const [i, zone, text] of notes) {
    const phone = phones[i]!;
    await phone.getByRole('radio', { name: zone }).check();
    await phone.getByLabel('Din seddel').fill(text);
    await phone.getByRole('button', { name: 'Sæt sedlen op' }).tap();
    await phone.locator('[data-my-note]', { hasText: text }).waitFor();
  }
  for (const [, , text] of notes) await shown.getByRole('group', { name: text, exact: true }).waitFor();
  await shoot(w, `${name}-notes`);
  await expectBoardInSight(projector, id);
  // Grouped in the console: one note dragged onto another, the group named.
  await dragOnto(
    desk,
    board.getByRole('group', { name: 'For mange regler', exact: true }),
    board.getByRole('group', { name: 'Regler binder os', exact: true }),
  );
  const groupName = board.getByRole('textbox', { name: 'Gruppens navn' });
  await groupName.fill('Regler og styring');
  await groupName.press('Enter');
  await shown.getByRole('group', { name: 'Gruppe: Regler og styring, 2 sedler' }).waitFor();
  await shoot(w, `${name}-grouped`);
  await expectBoardInSight(projector, id);
  await board.getByRole('button', { name: 'Åbn for prikker' }).click();
  const give = (phone: Page, target: string) => phone.getByRole('button', { name: `Giv en prik til ${target}`, exact: true }).tap();
  for (const phone of phones) {
    await phone.getByRole('button', { name: 'Send prikker' }).waitFor();
    for (let k = 0; k < 3; k++) await give(phone, 'gruppen Regler og styring');
    await give(phone, 'Lokale løsninger');
    await give(phone, 'Tillid til medarbejderne');
    await phone.getByRole('button', { name: 'Send prikker' }).tap();
    await phone.locator('[data-feedback]').getByText('✓ Dine prikker er gemt.').waitFor();
  }
  await expect.poll(() => shown.locator('[data-count="dotters"] strong').textContent()).toBe('3');
  await shoot(w, `${name}-dotted`);
  await board.getByRole('button', { name: 'Vis prikker' }).click();
  await shown.getByText('Prikkerne vises').waitFor();
  await shoot(w, `${name}-revealed`);
  await expectBoardInSight(projector, id);
}

/** "Vis koden stort" in the console (and its key C): the projector shows the code over the slide, with nothing to press. */
async function showJoinCode(w: Walk, code: string): Promise<void> {
  const { desk, projector } = w;
  const overlay = projector.locator('#rs-join-overlay');
  const toggle = desk.getByRole('button', { name: 'Vis koden stort' });
  await toggle.click();
  await overlay
    .locator('rs-join-info [data-code]')
    .getByText(`${code.slice(0, 3)} ${code.slice(3)}`)
    .waitFor();
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
  expect(await visibleButtons(projector)).toEqual([]);
  await shoot(w, 'join-code-big');
  await desk.keyboard.press('c');
  await expect.poll(() => overlay.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
}

/** The ranked top priorities, on the projector, in the console and first on the phones. */
async function runPriorities(w: Walk, name: string): Promise<void> {
  const { desk, projector, phones } = w;
  const first = (page: Page) => page.locator('rs-top-priorities li[data-place="1"]').first();
  await expect.poll(() => first(projector).getAttribute('data-dots')).toBe('9');
  expect(await first(projector).textContent()).toContain('Regler og styring');
  expect(await first(desk).textContent()).toContain('Regler og styring');
  for (const phone of phones) {
    // What the room looks at comes first on the phone: the ranking, at the top of the card, without scrolling.
    await phone.evaluate(() => window.scrollTo(0, 0));
    const ranking = phone.locator('rs-participant-app section.results');
    await ranking.waitFor();
    const box = (await ranking.boundingBox())!;
    expect(box.y).toBeLessThan(PHONE.height / 2);
    expect(await first(phone).textContent()).toContain('Regler og styring');
  }
  await shoot(w, name);
}

/**
 * The board on the projector, where nobody can pan: every note and group wholly inside the board's window, and
 * note text no smaller than half the slide's body text.
 */
async function expectBoardInSight(projector: Page, id: string): Promise<void> {
  const measure = () =>
    projector.locator(`rs-board[board="${id}"]`).evaluate((el) => {
      const root = el.shadowRoot!;
      const frame = root.querySelector('.viewport')!.getBoundingClientRect();
      const out: string[] = [];
      for (const item of root.querySelectorAll<HTMLElement>('.note, .cluster')) {
        const r = item.getBoundingClientRect();
        if (r.left < frame.left - 1 || r.top < frame.top - 1 || r.right > frame.right + 1 || r.bottom > frame.bottom + 1)
          out.push(item.getAttribute('aria-label') ?? item.textContent?.trim() ?? '');
      }
      const slides = document.querySelector<HTMLElement>('.reveal .slides')!;
      const body =
        parseFloat(getComputedStyle(document.querySelector('.reveal')!).fontSize) *
        (slides.getBoundingClientRect().width / slides.offsetWidth);
      // The notes' text size as the board's zoom draws it (a note whose longest word is too long for it draws that smaller).
      const sizes = [...root.querySelectorAll<HTMLElement>('.note')].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * (t.getBoundingClientRect().width / t.offsetWidth),
      );
      return { cut: out, smallest: Math.min(...sizes) / body };
    });
  await expect.poll(async () => (await measure()).cut).toEqual([]);
  expect((await measure()).smallest).toBeGreaterThanOrEqual(0.49);
}

/** Drags one note onto another with the mouse (pointer events, in steps). */
async function dragOnto(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2 + 20, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}
