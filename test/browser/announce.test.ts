// A screen reader on the phone hears the room move on: a live region says when a vote opens or closes and
// when the whiteboard opens for notes or dots, in the participant's language.
import { describe, expect, it } from 'vitest';

import { browserSuite } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';

const t = browserSuite({ slidesDir: FIXTURE_SLIDES });

describe('announcements on the phone', () => {
  it('says each new activity, a closed vote and the board phases in a polite live region', async () => {
    const { room, fac } = await t.roomWithFacilitator();
    const { show, control: ctl } = fac;

    const page = await t.connectedPhone(room);
    const app = page.locator('rs-participant-app');
    const live = app.locator('[data-announcement]');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    expect(await live.textContent()).toBe('');

    await ctl({ action: 'open', activity: 'enkelt' });
    show({ slide: 1, slideTitle: 'Enkeltvalg', activity: 'enkelt' });
    await expect.poll(() => live.textContent()).toBe('Ny afstemning: Hvem sættes fri?');
    await ctl({ action: 'close', activity: 'enkelt' });
    await expect.poll(() => live.textContent()).toBe('Afstemningen er lukket: Hvem sættes fri?');

    show({ slide: 8, slideTitle: 'Problemer og muligheder', activity: null, board: 'tavle' });
    await expect.poll(() => live.textContent()).toBe('Tavlen: Hvilke problemer og muligheder ser I?');
    await ctl({ action: 'board-phase', board: 'tavle', phase: 'notes' });
    await expect.poll(() => live.textContent()).toBe('Tavlen er åben for sedler: Hvilke problemer og muligheder ser I?');
    // The tab's title follows the language too.
    expect(await page.title()).toBe('Deltag · Rådslag');
    await app.getByRole('button', { name: 'English' }).tap();
    // The English texts load on demand: the next announcement is English once the switch is done.
    await expect.poll(() => page.title()).toBe('Join · Rådslag');
    await ctl({ action: 'board-phase', board: 'tavle', phase: 'dots' });
    await expect.poll(() => live.textContent()).toBe('The dot vote is open: Hvilke problemer og muligheder ser I?');
  });

  it('says a countdown once as it starts, each change once, and names the question once', async () => {
    const { room, fac } = await t.roomWithFacilitator();
    const { show, control: ctl } = fac;
    const page = await t.connectedPhone(room);
    try {
      const app = page.locator('rs-participant-app');
      const live = app.locator('[data-announcement]');
      // Every text a live region takes on, anywhere in the page's shadow roots, in order.
      await page.evaluate(() => {
        const w = window as unknown as { said: string[] };
        w.said = [];
        const liveOf = (n: Node | null): Element | null => {
          for (let e: Node | null = n; e; e = e.parentNode instanceof ShadowRoot ? e.parentNode.host : e.parentNode)
            if (e instanceof Element && (e.getAttribute('aria-live') ?? 'off') !== 'off') return e;
          return null;
        };
        const last = new Map<Element, string>();
        const observer = new MutationObserver((records) => {
          const changed = new Set<Element>();
          for (const r of records) {
            const region = liveOf(r.target);
            if (region) changed.add(region);
            for (const n of r.addedNodes) {
              if (n instanceof Element && (n.getAttribute('aria-live') ?? 'off') !== 'off') continue;
              const inner = n instanceof Element ? n.querySelector('[aria-live]:not([aria-live="off"])') : null;
              if (inner) changed.add(inner);
            }
          }
          for (const region of changed) {
            const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
            if (text && text !== last.get(region)) w.said.push(text);
            last.set(region, text);
          }
        });
        const watch = (root: Document | ShadowRoot) => {
          observer.observe(root, { subtree: true, childList: true, characterData: true });
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) watch(el.shadowRoot);
        };
        watch(document);
      });
      const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said.slice());
      const clear = () => page.evaluate(() => ((window as unknown as { said: string[] }).said = []));

      // A vote opens; then a 30 s countdown starts: said once, not every second.
      await ctl({ action: 'open', activity: 'enkelt' });
      show({ slide: 1, slideTitle: 'Enkeltvalg', activity: 'enkelt' });
      await expect.poll(() => live.textContent()).toBe('Ny afstemning: Hvem sættes fri?');
      await clear();
      await ctl({ action: 'countdown', activity: 'enkelt', seconds: 30 });
      await expect.poll(() => live.textContent()).toBe('Afstemningen lukker om 30 sekunder.');
      await app.getByRole('timer').waitFor();
      await page.waitForTimeout(2500);
      expect((await said()).filter((t) => t.includes('lukker om'))).toEqual(['Afstemningen lukker om 30 sekunder.']);

      // The question is named once: the radio group, with no group or second label around it.
      const prompt = 'Hvem sættes fri?';
      expect(await app.getByRole('radiogroup', { name: prompt, exact: true }).count()).toBe(1);
      expect(await app.getByRole('group', { name: prompt, exact: true }).count()).toBe(0);
      const tree = await app.locator('rs-single-choice').ariaSnapshot();
      expect(tree.split(prompt).length - 1, tree).toBe(1);

      // The vote closes: "closed" is said once.
      await ctl({ action: 'countdown', activity: 'enkelt', seconds: 0 });
      await clear();
      await ctl({ action: 'close', activity: 'enkelt' });
      await expect.poll(() => live.textContent()).toBe('Afstemningen er lukket: Hvem sættes fri?');
      await page.waitForTimeout(300);
      expect((await said()).filter((t) => t.includes('lukket'))).toEqual(['Afstemningen er lukket: Hvem sættes fri?']);

      // A plain slide: one announcement, and the waiting card is no live region of its own.
      await clear();
      show({ slide: 0, slideTitle: 'Pause', activity: null, board: null });
      await expect.poll(() => live.textContent()).toBe('Vent på næste aktivitet.');
      await page.waitForTimeout(300);
      expect(await said()).toEqual(['Vent på næste aktivitet.']);
      expect(await app.locator('.card[aria-live]').count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});
