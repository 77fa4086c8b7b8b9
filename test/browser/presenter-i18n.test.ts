// The facilitator's language: Danish by default, English from the Rum ▾ menu. The choice changes the
// activity's status and controls, the status bar, the whiteboard's toolbar and the numbers on the
// projector (2,5 in Danish, 2.5 in English); it survives a reload, reaches the start page, and goes back.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import { call, createRoom, join } from '../helpers/clients.js';
import { browserSuite, goToSlide, PROJECTOR, SHOTS } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';

const t = browserSuite({ slidesDir: FIXTURE_SLIDES });

describe('languages on the projector', () => {
  it('switches the facilitator to English from the room menu, keeps it, and switches back', async () => {
    const room = await createRoom(t.server.url, 'alle-aktiviteter');
    const control = (body: Record<string, unknown>) =>
      call(t.server.url, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body });
    // Two answers on the scale give a mean of 2.5; the result is shown, then the vote is closed.
    expect((await control({ action: 'open', activity: 'skala' })).status).toBe(200);
    for (const value of [2, 3]) {
      const p = await join(t.server.url, room.joinCode);
      const r = await call(t.server.url, `/api/rooms/${room.roomId}/intents`, {
        token: p.participantToken,
        body: { id: crypto.randomUUID(), type: 'ballot', activity: 'skala', ballot: { value } },
      });
      expect(r.status).toBe(200);
    }
    expect((await control({ action: 'reveal', activity: 'skala' })).status).toBe(200);
    expect((await control({ action: 'close', activity: 'skala' })).status).toBe(200);

    const page = await t.page({ viewport: PROJECTOR, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A browser set to English still gets Danish until the facilitator chooses.
    await t.present(page, room);
    const status = page.locator('rs-presenter-status');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
    await goToSlide(page, 5);
    const scale = page.locator('rs-activity[activity="skala"]');
    await scale.getByText('Lukket', { exact: true }).waitFor();
    await scale.getByRole('button', { name: 'Genåbn afstemning' }).waitFor();
    await expect.poll(() => scale.locator('[data-mean]').textContent()).toBe('2,5');
    await status.getByText('0 deltagere tilsluttet').waitFor();

    // Rum ▾ → English.
    const menu = page.locator('rs-room-menu');
    await menu.getByText('Rum ▾').click();
    await menu.getByRole('button', { name: 'English' }).click();
    await menu.getByText('Room ▾').waitFor();
    expect(await menu.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await menu.getByRole('button', { name: 'Delete the room …' }).waitFor();
    await menu.getByRole('button', { name: /^Minutes \(PDF\)/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await status.getByText('Connected', { exact: true }).waitFor();
    await status.getByText('0 participants connected').waitFor();
    await scale.getByText('Closed', { exact: true }).waitFor();
    await scale.getByRole('button', { name: 'Reopen vote' }).waitFor();
    await scale.getByRole('button', { name: 'Hide result' }).waitFor();
    await scale.getByRole('button', { name: 'Reset' }).waitFor();
    await scale.getByText('have answered').waitFor();
    await expect.poll(() => scale.locator('[data-mean]').textContent()).toBe('2.5');
    await page.screenshot({ path: joinPath(SHOTS, 'i18n-projector-en.png') });

    // The controls work in English: open the vote again.
    await scale.getByRole('button', { name: 'Reopen vote' }).click();
    await scale.getByText('Open for answers').waitFor();
    await scale.getByRole('button', { name: 'Close vote' }).waitFor();
    await scale.getByRole('button', { name: 'Close in 30 s' }).waitFor();

    // A motion: the recommendation, its three answers and the decision form, in English.
    await goToSlide(page, 7);
    const motion = page.locator('rs-activity[activity="indstilling"]');
    await motion.getByText('Recommendation:').waitFor();
    await motion.locator('rs-bar-chart [data-option="undlader"]').getByText('Abstain').waitFor();
    await motion.locator('rs-bar-chart [data-option="imod"]').getByText('Against').waitFor();
    // The decision field waits behind its summary until the vote is closed.
    await motion.getByText('Record the decision').click();
    await motion.getByRole('button', { name: 'Save decision' }).waitFor();

    // The whiteboard's toolbar, in English.
    await goToSlide(page, 8);
    const board = page.locator('rs-board[board="tavle"]');
    await board.getByRole('button', { name: 'Open for notes' }).waitFor();
    await board.getByRole('button', { name: 'As a table' }).waitFor();
    await board.getByRole('button', { name: 'Undo' }).waitFor();

    // The choice survives a reload.
    await page.reload();
    await status.getByText('Connected', { exact: true }).waitFor();
    await board.getByRole('button', { name: 'Open for notes' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // And reaches the start page, where it can be undone.
    await page.goto(`${t.server.url}/`);
    const home = page.locator('rs-home');
    await home.getByRole('button', { name: 'Create room' }).first().waitFor();
    await home.getByRole('button', { name: 'Dansk' }).click();
    await home.getByRole('button', { name: 'Opret rum' }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');

    // Back on the projector, Danish again.
    await page.goBack();
    await status.getByText('Forbundet').waitFor();
    await goToSlide(page, 5);
    await scale.getByRole('button', { name: 'Luk afstemning' }).waitFor();
    await expect.poll(() => scale.locator('[data-mean]').textContent()).toBe('2,5');
    expect(errors).toEqual([]);
  }, 60_000);
});
