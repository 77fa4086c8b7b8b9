// Hostile text from a phone is shown as text everywhere: on the projector's word cloud and moderation
// list and on every phone's result, with no markup interpreted and no script run.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/clients.js';
import { browserSuite, goToSlide, SHOTS } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';

const t = browserSuite({ slidesDir: FIXTURE_SLIDES });

const PAYLOADS = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '"><svg onload=window.__xss=3>'];

/** Whether any script of ours ran, and whether any element came from the payloads, anywhere in the page (shadow roots included). */
async function injected(page: Page): Promise<{ ran: unknown; elements: number }> {
  return page.evaluate(() => {
    let elements = 0;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if ((el.tagName === 'IMG' && el.getAttribute('src') === 'x') || el.getAttribute('onload') || el.getAttribute('onerror')) elements++;
        if (el.tagName === 'SCRIPT' && el.textContent?.includes('__xss')) elements++;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { ran: (window as unknown as { __xss?: unknown }).__xss, elements };
  });
}

describe('hostile text', () => {
  it('is rendered as text on the projector and the phones', async () => {
    const room = await createRoom(t.server.url, 'alle-aktiviteter');
    const projector = await t.projector(room);
    await goToSlide(projector, 6);
    const activity = projector.locator('rs-activity[activity="ord"]');
    await activity.getByRole('button', { name: /^Åbn/ }).click();

    const phones: Page[] = [];
    for (const payload of PAYLOADS) {
      const phone = await t.phone();
      phones.push(phone);
      await phone.goto(`${t.server.url}/j/${room.joinCode}`);
      const box = phone.getByRole('textbox', { name: 'Hvilket ord beskriver frisættelse for dig?' });
      await box.fill(payload);
      await phone.locator('rs-text-answer').getByRole('button', { name: 'Send' }).tap();
      await phone.getByText('✓ Dit svar er gemt', { exact: false }).waitFor();
    }
    await activity.getByRole('button', { name: 'Vis resultat' }).click();
    // The literal text is shown: on the projector and on a phone.
    // The word cloud shows the words; the moderation list shows each whole answer.
    await activity.getByText(/Moderér svar/).click();
    await projector.screenshot({ path: joinPath(SHOTS, 'projector-xss.png') });
    for (const payload of PAYLOADS) {
      await activity.getByText(payload, { exact: false }).first().waitFor({ timeout: 5000 });
    }
    // The phones get the word cloud: the payloads' words as plain list items.
    await phones[0]!.locator('rs-result-view li[data-word="script"]').waitFor();
    expect(await phones[0]!.locator('rs-result-view li[data-word="onerror"]').count()).toBe(1);
    for (const page of [projector, ...phones]) expect(await injected(page)).toEqual({ ran: undefined, elements: 0 });
    for (const p of phones) await p.context().close();
  }, 60_000);
});
