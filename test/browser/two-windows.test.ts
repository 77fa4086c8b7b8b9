// Many windows, one room: a second presenter window (another laptop with the same facilitator key) joins
// where the room is instead of announcing its first slide, so the phones keep their open ballot; a slide
// change made in either window moves the room and the other window along. A window that loses its
// connection follows the room when it comes back, unless the facilitator moved in it while offline.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/clients.js';
import { browserSuite, goToSlide, PHONE, PROJECTOR } from '../helpers/browser.js';
import { DOC, type PresentState } from '../../core/room-doc.js';

const t = browserSuite();

/** The horizontal index of the slide a presenter page shows. */
const shownSlide = (page: Page) =>
  page.evaluate(() => {
    const slides = [...document.querySelectorAll('.reveal .slides > section')];
    return slides.findIndex((s) => s.classList.contains('present'));
  });

/** Where the room is, as the server has it. */
async function roomSlide(roomId: string): Promise<number | undefined> {
  const room = await t.server.app.rooms.get(roomId);
  return (room!.public.doc.getMap(DOC.present).toJSON() as Partial<PresentState>).slide;
}

/**
 * Lets the test cut a page's connections to the server: every WebSocket the page opens is kept, and while
 * the page is "offline" new ones go to an address the server refuses (so they fail as on a lost network, within the page's CSP).
 */
async function cuttable(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const w = window as unknown as { rsSockets: WebSocket[]; rsOffline: boolean };
    w.rsSockets = [];
    w.rsOffline = false;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(w.rsOffline ? `${location.origin.replace(/^http/, 'ws')}/no-such-socket` : url, protocols);
        w.rsSockets.push(this);
      }
    };
  });
}

/** Takes a page made `cuttable` off the network (its open connections close) or back on it. */
async function setOnline(page: Page, online: boolean): Promise<void> {
  await page.evaluate((on) => {
    const w = window as unknown as { rsSockets: WebSocket[]; rsOffline: boolean };
    w.rsOffline = !on;
    if (!on) for (const socket of w.rsSockets.splice(0)) socket.close();
  }, online);
}

describe('two presenter windows', () => {
  it('a second window joins where the room is, keeps the phones in their ballot, and leads once it moves', async () => {
    const errors: string[] = [];
    const room = await createRoom(t.server.url);
    const projector = await t.projector(room, { errors });
    await goToSlide(projector, 3);
    await expect.poll(() => roomSlide(room.roomId)).toBe(3);
    const phone = await t.page({ viewport: PHONE, errors });
    await phone.goto(`${t.server.url}/j/${room.joinCode}`);
    await phone.getByRole('radio', { name: 'Borgerne' }).waitFor();

    // A second laptop opens the presenter link: it shows the room's slide, and the room does not move.
    const second = await t.page({ viewport: PROJECTOR, errors });
    await t.present(second, room);
    await expect.poll(() => shownSlide(second), { timeout: 10_000 }).toBe(3);
    await phone.waitForTimeout(1500);
    expect(await roomSlide(room.roomId)).toBe(3);
    expect(await shownSlide(projector)).toBe(3);
    expect(await phone.getByRole('radio', { name: 'Borgerne' }).count()).toBe(1);

    // Moving on in the second window moves the room, the phones and the first window.
    await second.keyboard.press('ArrowRight');
    await expect.poll(() => roomSlide(room.roomId)).toBe(4);
    const next = await second.evaluate(() => document.querySelector('.reveal .slides > section.present')?.getAttribute('data-title'));
    await phone.getByText(next!).first().waitFor();
    await expect.poll(() => shownSlide(projector)).toBe(4);
    // …and the first window leads again when the facilitator moves there.
    await projector.keyboard.press('ArrowLeft');
    await expect.poll(() => roomSlide(room.roomId)).toBe(3);
    await expect.poll(() => shownSlide(second)).toBe(3);
    await phone.getByRole('radio', { name: 'Borgerne' }).waitFor();
    expect(errors).toEqual([]);
    await t.closeContexts();
  }, 60_000);

  it('a window that reconnects follows the room, unless the facilitator moved in it while offline', async () => {
    const room = await createRoom(t.server.url);
    const projector = await t.projector(room);
    await goToSlide(projector, 3);
    const second = await t.page({ viewport: PROJECTOR });
    await cuttable(second);
    await t.present(second, room);
    await expect.poll(() => shownSlide(second), { timeout: 10_000 }).toBe(3);
    const status = second.locator('rs-presenter-status [data-status]');

    // Offline, the second window misses a move; back online, it goes where the room is and does not move it back.
    await setOnline(second, false);
    await expect.poll(() => status.getAttribute('data-status')).not.toBe('connected');
    await goToSlide(projector, 5);
    await expect.poll(() => roomSlide(room.roomId)).toBe(5);
    await setOnline(second, true);
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('connected');
    await expect.poll(() => shownSlide(second), { timeout: 10_000 }).toBe(5);
    await second.waitForTimeout(1000);
    expect(await roomSlide(room.roomId)).toBe(5);
    expect(await shownSlide(projector)).toBe(5);

    // The facilitator moves on in the second window while it is offline: that slide is announced once it is back.
    await setOnline(second, false);
    await expect.poll(() => status.getAttribute('data-status')).not.toBe('connected');
    await second.keyboard.press('ArrowRight');
    await expect.poll(() => shownSlide(second)).toBe(6);
    await second.waitForTimeout(500);
    expect(await roomSlide(room.roomId)).toBe(5);
    await setOnline(second, true);
    await expect.poll(() => roomSlide(room.roomId), { timeout: 15_000 }).toBe(6);
    await expect.poll(() => shownSlide(projector)).toBe(6);
    expect(await shownSlide(second)).toBe(6);
    await t.closeContexts();
  }, 90_000);
});
