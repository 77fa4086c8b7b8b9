// Waiting for a page to stop moving, instead of a fixed pause that fits one machine and one browser version:
// a slide transition, a bar growing into place or a row gliding is over when the browser says so.
import type { Page } from 'playwright-core';

/**
 * Resolves once the page's fonts are loaded and no CSS transition, CSS animation or scripted animation is
 * running anywhere in it, looked at on animation frames. The document's list leaves out what runs inside shadow
 * roots, so every shadow root is asked too. Endless animations (a spinner) do not count: they never end.
 */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    async () => {
      await document.fonts.ready;
      const lists: Animation[][] = [document.getAnimations()];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (!el.shadowRoot) continue;
          lists.push(el.shadowRoot.getAnimations());
          walk(el.shadowRoot);
        }
      };
      walk(document);
      return lists.flat().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY);
    },
    undefined,
    { timeout, polling: 'raf' },
  );
}
