// reveal.js's speaker view next to the projector: it opens with S, shows the current slide's notes,
// and its preview frames of the current and next slide never move the phones.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import { createRoom } from '../helpers/clients.js';
import { browserSuite, goToSlide, PHONE, SHOTS } from '../helpers/browser.js';

const t = browserSuite();

describe('speaker view', () => {
  it('opens with S, shows the notes of the current slide, and only the main deck leads the phones', async () => {
    const room = await createRoom(t.server.url);
    const projector = await t.projector(room);
    const context = projector.context();
    await goToSlide(projector, 3);
    const phone = await t.page({ viewport: PHONE });
    await phone.goto(`${t.server.url}/j/${room.joinCode}`);
    await phone.getByRole('radio', { name: 'Borgerne' }).waitFor();

    const [speaker] = await Promise.all([context.waitForEvent('page'), projector.keyboard.press('s')]);
    await speaker.waitForLoadState();
    // The notes of "Hvem sættes fri?" appear in the speaker view.
    await expect
      .poll(() => speaker.locator('.speaker-controls-notes').textContent(), { timeout: 15_000 })
      .toContain('Kommunen: afbureaukratisering');
    await speaker.setViewportSize({ width: 1280, height: 800 });
    await speaker.screenshot({ path: joinPath(SHOTS, 'speaker-view.png') });
    // Its previews show the slides only: no facilitator bar, no room menu.
    const preview = speaker.frameLocator('.speaker-controls-upcoming iframe, #speaker-controls-upcoming iframe, iframe').last();
    await preview.locator('.reveal .slides section').first().waitFor({ state: 'attached' });
    await expect.poll(() => preview.locator('rs-presenter-status').isVisible(), { timeout: 10_000 }).toBe(false);
    expect(await preview.locator('rs-room-menu').isVisible()).toBe(false);
    expect(await preview.locator('rs-presenter-status').count()).toBe(1);

    // The speaker view's preview of the next slide must not drag the phones along: they stay on the vote.
    await phone.waitForTimeout(1500);
    expect(await phone.getByRole('radio', { name: 'Borgerne' }).count()).toBe(1);
    // Moving on in the main deck moves the phones to the waiting screen with the next slide's title.
    await projector.keyboard.press('ArrowRight');
    const next = await projector.evaluate(() => document.querySelector('.reveal .slides > section.present')?.getAttribute('data-title'));
    await phone.getByText(next!).first().waitFor();
    await context.close();
  }, 60_000);
});
