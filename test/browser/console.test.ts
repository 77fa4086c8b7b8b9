// The facilitator's console on the laptop and the projector without controls it opens, in real Chromium.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, goToSlide, PROJECTOR, SHOTS } from '../helpers/browser.js';
import { createRoom } from '../helpers/clients.js';
import type { CreateRoomResponse } from '../../core/wire.js';

const t = browserSuite();
const LAPTOP = { width: 1280, height: 800 };

/** Every button inside the page's activities, their shadow roots included. */
function activityButtons(page: Page): Promise<number> {
  return page.evaluate(() => {
    const count = (root: Element | ShadowRoot): number => {
      let n = 0;
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'BUTTON') n++;
        if (el.shadowRoot) n += count(el.shadowRoot);
      }
      return n;
    };
    return [...document.querySelectorAll('rs-activity')].reduce(
      (n, el) => n + (el.tagName === 'BUTTON' ? 1 : 0) + count(el.shadowRoot ?? el),
      0,
    );
  });
}

/** The console at 1280×800 and the projector it opens with "Åbn projektor", at 1920×1080. */
async function consoleAndProjector(room: CreateRoomResponse, errors: string[]): Promise<{ desk: Page; projector: Page }> {
  const desk = await t.page({ viewport: LAPTOP, errors });
  await desk.goto(`${t.server.url}/console/${room.roomId}#key=${room.facilitatorKey}`);
  await desk.locator('.connection').getByText('Forbundet').waitFor();
  await expect.poll(() => desk.url()).not.toContain('key=');
  const [projector] = await Promise.all([desk.waitForEvent('popup'), desk.getByRole('button', { name: 'Åbn projektor' }).click()]);
  await projector.setViewportSize(PROJECTOR);
  await projector.locator('rs-presenter-status').getByText('Forbundet').waitFor();
  expect(projector.url()).toContain('?view=audience');
  expect(projector.url()).not.toContain('key=');
  return { desk, projector };
}

const projectorTitle = (projector: Page) =>
  projector.evaluate(() => document.querySelector('.reveal section.present')?.getAttribute('data-title'));

describe('the console and the audience projector', () => {
  it('the console moves the room, runs a poll and reveals it; the projector shows no controls', async () => {
    const errors: string[] = [];
    const room = await createRoom(t.server.url, 'frisaettelse');
    const { desk, projector } = await consoleAndProjector(room, errors);
    await desk.locator('[data-current]').getByText('Frisættelse — problemer og muligheder').waitFor();
    expect(await desk.locator('[data-next]').textContent()).toBe('Agenda');

    // ←/→ in the console move the room and the projector with it.
    for (let i = 0; i < 4; i++) await desk.keyboard.press('ArrowRight');
    await desk.locator('[data-current]').getByText('Del 1: Hvordan kan vi forstå frisættelsen?').waitFor();
    await expect.poll(() => projectorTitle(projector)).toBe('Del 1: Hvordan kan vi forstå frisættelsen?');
    await desk.keyboard.press('ArrowLeft');
    await desk.locator('[data-current]').getByText('Hvem sættes fri?').waitFor();
    await expect.poll(() => projectorTitle(projector)).toBe('Hvem sættes fri?');
    expect(await desk.locator('[data-next]').textContent()).toBe('Del 1: Hvordan kan vi forstå frisættelsen?');
    expect((await desk.locator('[data-notes]').textContent())?.trim().length).toBeGreaterThan(20);

    // The projector shows the poll with no button, no moderation and no room menu.
    const shown = projector.locator('rs-activity[activity="hvem-saettes-fri"]');
    await shown.getByText('Ikke åbnet').waitFor();
    expect(await activityButtons(projector)).toBe(0);
    expect(await projector.locator('rs-room-menu').isVisible()).toBe(false);
    // Not reveal.js's arrows either: the slide shows no button at all.
    expect(await projector.evaluate(() => [...document.querySelectorAll('.reveal button')].filter((b) => b.checkVisibility()).length)).toBe(
      0,
    );

    const controls = desk.locator('rs-activity[activity="hvem-saettes-fri"]');
    await controls.getByRole('button', { name: 'Åbn afstemning' }).click();
    await shown.getByText('Åben for svar').waitFor();
    const phone = await t.connectedPhone(room, { errors });
    await phone.getByRole('radio', { name: 'Institutionen' }).tap();
    await phone.getByText('✓ Din stemme er gemt: Institutionen.').waitFor();
    await expect.poll(() => desk.locator('[data-answers] strong').textContent()).toBe('1');
    await expect.poll(() => desk.locator('[data-participants] strong').textContent()).toBe('1');
    expect(await activityButtons(projector)).toBe(0);
    await desk.evaluate(() => window.scrollTo(0, 0));
    await desk.screenshot({ path: joinPath(SHOTS, 'console-poll.png') });

    await controls.getByRole('button', { name: 'Vis resultat' }).click();
    await expect.poll(() => shown.locator('rs-bar-chart [data-option="institutionen"] [data-count]').getAttribute('data-count')).toBe('1');
    await projector.screenshot({ path: joinPath(SHOTS, 'console-projector-result.png') });
    expect(errors).toEqual([]);
    await t.closeContexts();
  }, 60_000);

  it('text answers are moderated in the console and reach the projector only when revealed', async () => {
    const errors: string[] = [];
    const room = await createRoom(t.server.url, 'frisaettelse');
    const { desk, projector } = await consoleAndProjector(room, errors);
    for (let i = 0; i < 19; i++) await desk.keyboard.press('ArrowRight');
    await desk.locator('[data-current]').getByText('Frisættelse i ét ord').waitFor();
    await expect.poll(() => projectorTitle(projector)).toBe('Frisættelse i ét ord');

    const controls = desk.locator('rs-activity[activity="et-ord"]');
    await controls.getByRole('button', { name: 'Åbn afstemning' }).click();
    const phone = await t.connectedPhone(room, { errors });
    await phone.getByRole('textbox', { name: 'Hvad betyder frisættelse for dig? Skriv ét ord eller en kort sætning.' }).fill('Rundkørsel');
    await phone.locator('rs-text-answer').getByRole('button', { name: 'Send' }).tap();
    await phone.getByText('✓ Dit svar er gemt', { exact: false }).waitFor();

    // The console lists the answer to moderate; the projector has none of it, not even hidden.
    await controls.getByText('Moderér svar (1)').click();
    await controls.getByText('Rundkørsel (1)').waitFor();
    await desk.screenshot({ path: joinPath(SHOTS, 'console-moderation.png'), fullPage: true });
    const shown = projector.locator('rs-activity[activity="et-ord"]');
    await expect.poll(() => shown.locator('[data-answered]').textContent()).toBe('1');
    expect(await projector.getByText(/Rundkørsel/i).count()).toBe(0);
    expect(
      await projector
        .locator('rs-activity')
        .getByText(/Moderér/)
        .count(),
    ).toBe(0);
    expect(await activityButtons(projector)).toBe(0);

    await controls.getByRole('button', { name: 'Vis resultat' }).click();
    await shown.locator('rs-result-view li[data-word="rundkørsel"]').waitFor();
    await projector.screenshot({ path: joinPath(SHOTS, 'console-projector-words.png') });
    expect(errors).toEqual([]);
    await t.closeContexts();
  }, 60_000);

  it('the console works the whiteboard of the slide', async () => {
    const errors: string[] = [];
    const room = await createRoom(t.server.url, 'frisaettelse');
    const { desk, projector } = await consoleAndProjector(room, errors);
    for (let i = 0; i < 29; i++) await desk.keyboard.press('ArrowRight');
    await expect.poll(() => projectorTitle(projector)).toBe(await desk.locator('[data-current]').textContent());
    const board = desk.locator('rs-board[board="problemer-muligheder"]');
    // Opened for notes from the console: the projector's board says so too.
    await board.getByRole('button', { name: 'Åbn for sedler' }).click();
    await board.getByText('Åben for sedler').first().waitFor();
    await projector.locator('rs-board[board="problemer-muligheder"]').getByText('Åben for sedler').first().waitFor();
    await desk.screenshot({ path: joinPath(SHOTS, 'console-board.png'), fullPage: true });
    expect(errors).toEqual([]);
    await t.closeContexts();
  }, 60_000);

  it('on one screen for both (solo) the controls fold away until the pointer or a key asks for them', async () => {
    const errors: string[] = [];
    const room = await createRoom(t.server.url, 'frisaettelse');
    const projector = await t.projector(room, { errors });
    await goToSlide(projector, 3);
    const controls = projector.locator('rs-activity[activity="hvem-saettes-fri"] .controls');
    const opacity = () => controls.evaluate((el) => getComputedStyle(el).opacity);
    await expect.poll(opacity, { timeout: 10_000 }).toBe('0');
    await projector.screenshot({ path: joinPath(SHOTS, 'console-solo-folded.png') });
    await projector.mouse.move(400, 300);
    await expect.poll(opacity).toBe('1');
    await expect.poll(opacity, { timeout: 10_000 }).toBe('0');
    await projector.keyboard.press('Shift');
    await expect.poll(opacity).toBe('1');
    // A control used with the pointer works as before.
    await projector.locator('rs-activity[activity="hvem-saettes-fri"]').getByRole('button', { name: 'Åbn afstemning' }).click();
    await projector.locator('rs-activity[activity="hvem-saettes-fri"]').getByText('Åben for svar').waitFor();
    expect(errors).toEqual([]);
    await t.closeContexts();
  }, 60_000);
});
