// Honest start-up in the browser: the start page lists a deck with a mistake with its error (and no button),
// and on a server that listens on this machine only the join slide says why phones cannot join instead of
// showing a QR code that leads nowhere.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DECK_FILE } from '../../server/decks/templates.js';
import { createRoom } from '../helpers/clients.js';
import { browserSuite, goToSlide, PROJECTOR } from '../helpers/browser.js';
import { FIXTURE_SLIDES, removeDir } from '../helpers/server.js';

const slides = mkdtempSync(join(tmpdir(), 'radslag-start-page-'));
cpSync(join(FIXTURE_SLIDES, 'alle-aktiviteter'), join(slides, 'alle-aktiviteter'), { recursive: true });
mkdirSync(join(slides, 'brudt'));
// Slide 2's block word is not one the format knows, on line 7 of the file.
writeFileSync(
  join(slides, 'brudt', DECK_FILE),
  `## Intro

---

## Valg

::: lotteri x
Hvem vinder?
- A
- B
:::
`,
);
afterAll(() => removeDir(slides));

const t = browserSuite({ slidesDir: slides, host: '127.0.0.1' });

describe('the start page', () => {
  it('shows a deck with a mistake with its error in Danish, and the good deck with its button', async () => {
    const errors: string[] = [];
    const page = await t.page({ errors });
    await page.goto(`${t.server.url}/`);
    const broken = page.locator('rs-home li[data-deck="brudt"]');
    await broken.waitFor();
    await expect(broken.getByRole('note').textContent()).resolves.toContain('Decket har en fejl og kan ikke bruges, før den er rettet:');
    await expect(broken.textContent()).resolves.toContain('slide 2 ("Valg"), linje 7: kender ikke blokken "::: lotteri"');
    expect(await broken.getByRole('button').count()).toBe(0);

    const good = page.locator('rs-home li[data-deck="alle-aktiviteter"]');
    await expect(good.getByRole('button', { name: 'Opret rum' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('the join slide on a server that listens on this machine only', () => {
  it('says phones cannot join and why, with the code but no QR code', async () => {
    const room = await createRoom(t.server.url, 'alle-aktiviteter');
    expect(room.joinWarning).toBe('loopback');
    const errors: string[] = [];
    const page = await t.projector(room, { viewport: PROJECTOR, errors });
    const index = await page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides > section')].findIndex((s) => s.querySelector('rs-join-info')),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    await goToSlide(page, index);
    const info = page.locator('rs-join-info').first();
    await info.locator('[data-code]').waitFor();
    await expect(info.getByRole('alert').textContent()).resolves.toContain(
      'Telefoner kan ikke deltage: Rådslag lytter kun på denne computer (HOST er en lokal adresse).',
    );
    expect(await info.locator('.qr').count()).toBe(0);
    expect(await info.locator('[data-code]').getAttribute('data-code')).toBe(room.joinCode);
    expect(errors).toEqual([]);
  });
});
