// A deck full of XSS payloads (test/fixtures/hostile-deck) in real Chromium: on the start page, the console, the
// audience projector it opens, the facilitator's presenter page and a phone, walked slide by slide with every
// activity opened, answered and revealed. Nothing may open a dialog, send a request to another origin, set
// window.__pwned, or log an error (a payload the Content-Security-Policy had to stop would log one).
import { join as joinPath } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DeckManifest } from '../../core/deck.js';
import { browserSuite, goToSlide, PROJECTOR, SHOTS, watchErrors } from '../helpers/browser.js';
import { call, createRoom } from '../helpers/clients.js';
import { ROOT } from '../helpers/server.js';

const t = browserSuite({ slidesDir: joinPath(ROOT, 'test/fixtures/hostile-deck') });
const DECK = 'fjendtlig';

interface Watch {
  dialogs: string[];
  foreign: string[];
  errors: string[];
}

/** Every page of the context, the projector the console opens too: its dialogs, its requests elsewhere, its errors. */
function watch(context: BrowserContext, w: Watch, origin: string): void {
  const own = (url: string) => url.startsWith(`${origin}/`) || /^(?:data|blob|about):/.test(url);
  const page = (p: Page) => {
    watchErrors(p, w.errors);
    p.on('dialog', (d) => {
      w.dialogs.push(`${p.url()}: ${d.type()} "${d.message()}"`);
      void d.dismiss().catch(() => undefined);
    });
    p.on('websocket', (ws) => {
      if (!ws.url().startsWith(origin.replace(/^http/, 'ws'))) w.foreign.push(`websocket ${ws.url()}`);
    });
  };
  context.on('page', page);
  for (const p of context.pages()) page(p);
  context.on('request', (r) => {
    if (!own(r.url())) w.foreign.push(`${r.method()} ${r.url()}`);
  });
}

/** What a payload could have left in a page or frame: the flag, elements that run or load, handlers, anywhere in the DOM. */
function traces(frame: Frame) {
  return frame.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        // The console's previews of the current and next slide are the app's own frames, of the audience view.
        const preview = tag === 'iframe' && (el.getAttribute('src') ?? '').startsWith('/present/');
        if (['iframe', 'object', 'embed', 'frame', 'base', 'link', 'style', 'meta'].includes(tag) && !el.closest('head') && !preview)
          found.push(el.outerHTML.slice(0, 120));
        // The app's own forms post nowhere; one with an address came from a deck.
        if (tag === 'form' && el.hasAttribute('action')) found.push(el.outerHTML.slice(0, 120));
        if (tag === 'script' && (el.textContent?.includes('__pwned') || !el.closest('head'))) found.push(el.outerHTML.slice(0, 120));
        for (const a of el.getAttributeNames()) {
          if (a.startsWith('on')) found.push(`${tag}[${a}]`);
          if (/^(?:href|src|action|formaction|data|srcdoc)$/.test(a) && /^\s*(?:javascript|data|vbscript):/i.test(el.getAttribute(a) ?? ''))
            found.push(`${tag}[${a}=${el.getAttribute(a)}]`);
        }
        if (tag === 'img' && /evil\.example|^x$/.test(el.getAttribute('src') ?? '')) found.push(el.outerHTML.slice(0, 120));
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null, found };
  });
}

async function expectNoTraces(pages: Record<string, Page>, origin: string): Promise<void> {
  for (const [name, page] of Object.entries(pages)) {
    for (const frame of page.frames()) {
      // Only the page itself and the console's previews of the deck, all from this server.
      if (frame !== page.mainFrame()) expect(frame.url().startsWith(`${origin}/present/`), `${name}: a frame of ${frame.url()}`).toBe(true);
      expect(await traces(frame), `${name}: ${frame.url()}`).toEqual({ pwned: null, found: [] });
    }
  }
}

/** Waits for the slide's transitions to end, so a screenshot shows the slide rather than a fade. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
}

/** Moves the mouse over the whole screen: a handler on mouseover, had one survived, would run now. */
async function sweep(page: Page): Promise<void> {
  const { width, height } = page.viewportSize() ?? PROJECTOR;
  for (let y = 20; y < height; y += 90) for (let x = 20; x < width; x += 160) await page.mouse.move(x, y);
}

describe('a deck full of XSS payloads', () => {
  it('runs nothing and loads nothing from elsewhere on the start page, console, projector, presenter and phone', async () => {
    const origin = t.server.url;
    const w: Watch = { dialogs: [], foreign: [], errors: [] };

    // The watch and the search see what they look for, on a page without the app's policy where a payload runs.
    const probeWatch: Watch = { dialogs: [], foreign: [], errors: [] };
    const probeContext = await t.context();
    watch(probeContext, probeWatch, origin);
    const probe = await probeContext.newPage();
    await probe.setContent(`<img src="https://evil.example/probe.png" onerror="window.__pwned='probe'">`);
    await probe.evaluate(() => alert('probe'));
    await expect.poll(() => probeWatch.foreign).toEqual(['GET https://evil.example/probe.png']);
    await expect
      .poll(() => traces(probe.mainFrame()))
      .toMatchObject({ pwned: 'probe', found: ['img[onerror]', expect.stringContaining('evil.example')] });
    expect(probeWatch.dialogs).toEqual([expect.stringContaining('alert "probe"')]);
    await probeContext.close();

    const manifest = (await call<DeckManifest>(origin, `/api/decks/${DECK}`)).body;
    expect(manifest.slides.length).toBeGreaterThanOrEqual(10);

    // The start page lists the deck by its title: the payload as text.
    const homeContext = await t.context({ viewport: PROJECTOR });
    watch(homeContext, w, origin);
    const home = await homeContext.newPage();
    await home.goto(`${origin}/`);
    const listed = home.locator(`rs-home li[data-deck="${DECK}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain(manifest.title);

    const room = await createRoom(origin, DECK);

    // The console, and the audience projector it opens.
    const deskContext = await t.context({ viewport: PROJECTOR });
    watch(deskContext, w, origin);
    const desk = await deskContext.newPage();
    await desk.goto(`${origin}/console/${room.roomId}#key=${room.facilitatorKey}`);
    await desk.locator('.connection').getByText('Forbundet').waitFor();
    const [projector] = await Promise.all([desk.waitForEvent('popup'), desk.getByRole('button', { name: 'Åbn projektor' }).click()]);
    await projector.setViewportSize(PROJECTOR);
    await projector.locator('rs-presenter-status').getByText('Forbundet').waitFor();

    // The facilitator's presenter page, with reveal.js and its speaker notes.
    const presenterContext = await t.context({ viewport: PROJECTOR });
    watch(presenterContext, w, origin);
    const presenter = await presenterContext.newPage();
    await t.present(presenter, room);

    // A phone.
    const phoneContext = await t.context({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
    watch(phoneContext, w, origin);
    const phone = await phoneContext.newPage();
    await phone.goto(`${origin}/j/${room.joinCode}`);
    const app = phone.locator('rs-participant-app');
    await app.getByText('Forbundet').waitFor();
    expect(await app.locator('header h1').textContent()).toBe(manifest.title);

    const pages = { home, desk, projector, presenter, phone };
    const shown = (page: Page) => page.evaluate(() => document.querySelector('.reveal section.present')?.getAttribute('data-title'));

    for (const [index, slide] of manifest.slides.entries()) {
      if (index > 0) await desk.keyboard.press('ArrowRight');
      // Each slide is one section the payloads could not close: the room, the projector and the console agree.
      await expect.poll(() => shown(projector), { message: `projector on slide ${index + 1}` }).toBe(slide.title);
      await desk.locator('[data-current]').getByText(slide.title, { exact: true }).waitFor();
      for (const activity of manifest.activities.filter((a) => a.slide === index)) {
        expect(
          (
            await call(origin, `/api/rooms/${room.roomId}/control`, {
              token: room.facilitatorKey,
              body: { action: 'open', activity: activity.id },
            })
          ).status,
        ).toBe(200);
        // The phone shows the question, and each option, as the text the author wrote.
        await expect
          .poll(() => app.locator('main').textContent(), { message: `phone shows ${activity.id}` })
          .toContain(activity.prompt.replace(/\s+/g, ' '));
        if (activity.kind === 'single' || activity.kind === 'multi') {
          for (const option of activity.options) await app.getByText(option.label, { exact: true }).first().waitFor();
        }
        const ballot =
          activity.kind === 'scale'
            ? { value: activity.min }
            : activity.kind === 'text'
              ? { text: '<img src=x onerror="window.__pwned=\'svar\'">' }
              : activity.kind === 'motion'
                ? { option: 'for' }
                : { option: activity.options[0]!.id };
        const joined = await call<{ participantToken: string }>(origin, '/api/join', { body: { code: room.joinCode } });
        const voted = await call(origin, `/api/rooms/${room.roomId}/intents`, {
          token: joined.body.participantToken,
          body: { id: crypto.randomUUID(), type: 'ballot', activity: activity.id, ballot },
        });
        // A members-only motion takes no ballot without a voting card; every other activity takes this one.
        expect(voted.status, `${activity.id}: ${JSON.stringify(voted.body)}`).toBe(activity.membersOnly ? 403 : 200);
        for (const action of ['close', 'reveal']) {
          expect(
            (
              await call(origin, `/api/rooms/${room.roomId}/control`, {
                token: room.facilitatorKey,
                body: { action, activity: activity.id },
              })
            ).status,
          ).toBe(200);
        }
      }
      for (const board of manifest.boards.filter((b) => b.slide === index)) {
        const body = { action: 'board-phase', board: board.id, phase: 'notes' };
        expect((await call(origin, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body })).status).toBe(200);
        await expect
          .poll(() => app.locator('main').textContent(), { message: 'phone shows the board' })
          .toContain(board.prompt.replace(/\s+/g, ' '));
        for (const zone of board.zones) await app.getByText(zone.label, { exact: true }).first().waitFor();
        const joined = await call<{ participantToken: string }>(origin, '/api/join', { body: { code: room.joinCode } });
        const note = {
          id: crypto.randomUUID(),
          type: 'note',
          board: board.id,
          zone: board.zones[0]!.id,
          text: '<svg onload="window.__pwned=\'seddel\'">',
        };
        expect((await call(origin, `/api/rooms/${room.roomId}/intents`, { token: joined.body.participantToken, body: note })).status).toBe(
          200,
        );
        await projector.locator(`rs-board[board="${board.id}"]`).getByText(note.text, { exact: true }).waitFor();
      }
      // The slide on every screen (the presenter page shows it once reveal.js has it as the present one), move over
      // it, and look for anything a payload left.
      await goToSlide(presenter, index);
      await sweep(projector);
      await expectNoTraces(pages, origin);
      if (index === 0) {
        await settled(projector);
        await projector.screenshot({ path: joinPath(SHOTS, 'deck-xss-projector-title.png') });
      }
    }

    // Back to the revealed choice: the projector draws its result with the labels as the text they are.
    const valg = manifest.activities.find((a) => a.id === 'valg')!;
    for (let i = manifest.slides.length - 1; i > valg.slide; i--) await desk.keyboard.press('ArrowLeft');
    await expect.poll(() => shown(projector)).toBe(manifest.slides[valg.slide]!.title);
    await projector.locator('rs-activity[activity="valg"]').getByText(valg.options[0]!.label).filter({ visible: true }).first().waitFor();
    await settled(projector);
    await projector.screenshot({ path: joinPath(SHOTS, 'deck-xss-projector-valg.png') });
    await desk.screenshot({ path: joinPath(SHOTS, 'deck-xss-console.png') });
    await phone.screenshot({ path: joinPath(SHOTS, 'deck-xss-phone.png') });

    // The projector holds one section per slide: a payload that closed one would have made more.
    for (const page of [projector, presenter]) {
      expect(await page.evaluate(() => document.querySelectorAll('.reveal .slides > section').length)).toBe(manifest.slides.length);
      expect(await page.evaluate(() => document.querySelectorAll('.reveal .slides section section').length)).toBe(0);
    }
    await expectNoTraces(pages, origin);
    expect(w.dialogs).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(w.errors).toEqual([]);
  }, 180_000);
});
