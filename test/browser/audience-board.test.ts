// The whiteboard on the projector's audience view (`?view=audience`), in real Chromium: the board to read,
// with no button, toolbar or moderation, and no note until the facilitator has approved it.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, PROJECTOR, SHOTS } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';
import type { CreateRoomResponse } from '../../core/wire.js';

const t = browserSuite({ slidesDir: FIXTURE_SLIDES });

/** The fixture deck's board that holds notes for approval. */
const GODKEND = 9;

/** The room's projector in the audience view, as the console opens it. */
async function audienceProjector(room: CreateRoomResponse, errors: string[]): Promise<Page> {
  const page = await t.page({ viewport: PROJECTOR, errors });
  const url = new URL(room.presentUrl.replace(/^http:\/\/[^/]+/, t.server.url));
  url.searchParams.set('view', 'audience');
  await page.goto(url.toString());
  await page.locator('rs-presenter-status').getByText('Forbundet').waitFor();
  return page;
}

/** Buttons inside the board's shadow root. */
const boardButtons = (page: Page) =>
  page.evaluate(() => document.querySelector('rs-board[board="godkend"]')?.shadowRoot?.querySelectorAll('button').length ?? -1);

/** The notes the audience board's room holds, drawn or not. */
const notesInRoom = (page: Page) =>
  page.evaluate(
    () => document.querySelector<HTMLElementTagNameMap['rs-board']>('rs-board[board="godkend"]')?.room?.notes('godkend').length ?? -1,
  );

describe('the whiteboard on the audience projector', () => {
  it('shows the board without a button and draws a note only once it is approved', async () => {
    const errors: string[] = [];
    const { room, projector, phones } = await t.roomWithPhones(1, { slide: GODKEND, errors });
    const [phone] = phones as [Page];
    const facilitator = projector.locator('rs-board[board="godkend"]');
    await facilitator.getByRole('button', { name: 'Åbn for sedler' }).waitFor();

    const audience = await audienceProjector(room, errors);
    const shown = audience.locator('rs-board[board="godkend"][view="audience"]');
    await shown.locator('.zone[data-zone="forslag"]').waitFor();
    await shown.getByText('Forslag til næste møde').first().waitFor();
    expect(await boardButtons(audience)).toBe(0);
    expect(await shown.locator('.tools, .controls, .hint, .panel').count()).toBe(0);

    // The facilitator opens the board; a phone posts a note, which waits for approval.
    await facilitator.getByRole('button', { name: 'Åbn for sedler' }).click();
    await shown.locator('.status[data-phase="notes"]').waitFor();
    await phone.getByRole('radio', { name: 'Forslag' }).check();
    await phone.getByLabel('Din seddel').fill('Besøg en frikommune');
    await phone.getByRole('button', { name: 'Sæt sedlen op' }).tap();
    await phone.locator('[data-feedback]').getByText('✓ Sedlen er sat op og venter på facilitatorens godkendelse.').waitFor();
    await facilitator.locator('.note[data-status="pending"]', { hasText: 'Besøg en frikommune' }).waitFor();

    // The audience's room has the note, but the board draws none of it, nor says that one waits.
    await expect.poll(() => notesInRoom(audience)).toBe(1);
    expect(await shown.locator('.note').count()).toBe(0);
    expect(await audience.getByText(/Besøg en frikommune|afventer/).count()).toBe(0);
    expect(await boardButtons(audience)).toBe(0);

    // Approved at the facilitator's board, it appears on the projector, still without a button.
    await facilitator.locator('.note[data-status="pending"]').getByRole('button', { name: 'Godkend' }).click();
    await shown.locator('.note[data-status="visible"]', { hasText: 'Besøg en frikommune' }).waitFor();
    await expect.poll(() => shown.locator('[data-count="notes"] strong').textContent()).toBe('1');
    expect(await boardButtons(audience)).toBe(0);

    await audience.screenshot({ path: joinPath(SHOTS, 'audience-board-1920.png') });
    expect(errors).toEqual([]);
    await t.closeContexts();
  }, 60_000);
});
