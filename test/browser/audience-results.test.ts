// A revealed result on the projector's audience view (`?view=audience`), in real Chromium: the figures with no
// button at all, while the console and the phones keep their "Vis som tabel" toggle; and the console's
// "Åbn projektor" button on one line at 1280 px.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, PROJECTOR, SHOTS } from '../helpers/browser.js';
import { createRoom } from '../helpers/clients.js';

const t = browserSuite();
const LAPTOP = { width: 1280, height: 800 };

/** The labels of every visible button in the page, shadow roots included (the join code's corner is none). */
function visibleButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'BUTTON' && el.checkVisibility()) found.push(el.textContent?.trim() ?? '');
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}

/** How many lines the button's label takes, and its content height against one line's. */
function labelLines(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const button = document.querySelector<HTMLElement>(sel)!;
    const range = document.createRange();
    range.selectNodeContents(button);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const tops = new Set(rects.map((r) => Math.round(r.top)));
    const line = Math.max(...rects.map((r) => r.height));
    const style = getComputedStyle(button);
    const content =
      button.getBoundingClientRect().height -
      Number.parseFloat(style.paddingTop) -
      Number.parseFloat(style.paddingBottom) -
      Number.parseFloat(style.borderTopWidth) -
      Number.parseFloat(style.borderBottomWidth);
    return { lines: tops.size, content, line };
  }, selector);
}

describe('a revealed result on the audience projector', () => {
  it('shows no button on the projector; the console and the phone keep the table toggle', async () => {
    const errors: string[] = [];
    const room = await createRoom(t.server.url, 'frisaettelse');
    const desk = await t.page({ viewport: LAPTOP, errors });
    await desk.goto(`${t.server.url}/console/${room.roomId}#key=${room.facilitatorKey}`);
    await desk.locator('.connection').getByText('Forbundet').waitFor();

    // "Åbn projektor" keeps its label on one line at 1280 px.
    const open = await labelLines(desk, '[data-action="open-projector"]');
    expect(open.lines).toBe(1);
    expect(open.content).toBeLessThan(open.line * 1.5);

    const [projector] = await Promise.all([desk.waitForEvent('popup'), desk.getByRole('button', { name: 'Åbn projektor' }).click()]);
    await projector.setViewportSize(PROJECTOR);
    await projector.locator('rs-presenter-status').getByText('Forbundet').waitFor();
    expect(projector.url()).toContain('?view=audience');

    for (let i = 0; i < 3; i++) await desk.keyboard.press('ArrowRight');
    await desk.locator('[data-current]').getByText('Hvem sættes fri?').waitFor();
    const controls = desk.locator('rs-activity[activity="hvem-saettes-fri"]');
    const shown = projector.locator('rs-activity[activity="hvem-saettes-fri"]');
    await controls.getByRole('button', { name: 'Åbn afstemning' }).click();
    await shown.getByText('Åben for svar').waitFor();
    const phone = await t.connectedPhone(room, { errors });
    await phone.getByRole('radio', { name: 'Institutionen' }).tap();
    await phone.getByText('✓ Din stemme er gemt: Institutionen.').waitFor();
    // With the count of answers in the bar too, the label still takes one line.
    await expect.poll(() => desk.locator('[data-answers] strong').textContent()).toBe('1');
    await expect.poll(() => labelLines(desk, '[data-action="open-projector"]').then((l) => l.lines)).toBe(1);
    const busy = await labelLines(desk, '[data-action="open-projector"]');
    expect(busy.content).toBeLessThan(busy.line * 1.5);
    await desk.screenshot({ path: joinPath(SHOTS, 'audience-result-console-1280.png') });

    await controls.getByRole('button', { name: 'Vis resultat' }).click();
    await expect.poll(() => shown.locator('rs-bar-chart [data-option="institutionen"] [data-count]').getAttribute('data-count')).toBe('1');
    // The console and the phone still offer the table; the projector offers nothing to press.
    await controls.locator('rs-result-view').getByRole('button', { name: 'Vis som tabel' }).waitFor();
    await phone.locator('rs-result-view').first().getByRole('button', { name: 'Vis som tabel' }).waitFor();
    expect(await shown.locator('rs-result-view').count()).toBe(1);
    expect(await visibleButtons(projector)).toEqual([]);
    await projector.screenshot({ path: joinPath(SHOTS, 'audience-result-1920.png') });
    expect(errors).toEqual([]);
    await t.closeContexts();
  }, 60_000);
});
