// A participant with a keyboard and a screen reader, in real Chromium: joins by typing the code, votes in every kind
// of activity and works the whiteboard with Tab, Shift+Tab, Space, Enter and the arrow keys alone; focus is always
// visible and never falls back to the page when a vote is stored or the room moves on; every control has a name and
// "stored" is said in a live region. Every result has a table with the chart's figures; the phone pages hold at
// 320 px with the text at 200 %; reduced motion stops the bars, the reordering and the slide transitions; result
// text on the projector keeps its contrast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { call, createRoom, join, presenter, type Presenter, type YClient } from '../helpers/clients.js';
import { launchBrowser, PHONE, PROJECTOR } from '../helpers/browser.js';
import { ROOT, removeDir, startServer, type TestServer } from '../helpers/server.js';
import type { CreateRoomResponse } from '../../core/wire.js';
import type { DeckManifest } from '../../core/deck.js';

let server: TestServer;
let browser: Browser;
let manifest: DeckManifest;
const shots = joinPath(ROOT, 'test-results', 'screens');
const contexts: BrowserContext[] = [];
const clients: YClient[] = [];

/** Slides of the fixture deck `alle-aktiviteter`. */
const SLIDE = { enkelt: 1, flere: 2, prioritet: 3, point: 4, skala: 5, ord: 6, indstilling: 7, tavle: 8 } as const;
type ActivityId = Exclude<keyof typeof SLIDE, 'tavle'>;
const PROMPT: Record<ActivityId, string> = {
  enkelt: 'Hvem sættes fri?',
  flere: 'Hvilke virkninger er vigtigst? Vælg højst to.',
  prioritet: 'Prioritér områderne',
  point: 'Fordel 10 point mellem styringslogikkerne',
  skala: 'Rødt, blåt – eller violet?',
  ord: 'Hvilket ord beskriver frisættelse for dig?',
  indstilling: 'Udvalget anbefaler, at kommunen arbejder videre med frisættelse på dagtilbudsområdet.',
};

beforeAll(async () => {
  server = await startServer({ config: { slidesDir: joinPath(ROOT, 'test/fixtures/slides') } });
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
  manifest = (await call<DeckManifest>(server.url, '/api/decks/alle-aktiviteter')).body;
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  for (const c of clients) c.destroy();
  await browser?.close();
  await server?.stop();
  removeDir(server.dataDir);
});

async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  contexts.push(context);
  return context;
}

/** Polls for up to 5 s: a page that starts, syncs and renders may take longer than vitest's default second. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 5000 });

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
}

async function room(): Promise<{ room: CreateRoomResponse; fac: Presenter }> {
  const r = await createRoom(server.url, 'alle-aktiviteter');
  const fac = await presenter(server.url, r);
  clients.push(fac.client);
  fac.show({ slide: 0, slideTitle: 'Start', activity: null, board: null });
  return { room: r, fac };
}

/** Opens an activity and puts it on the phones, as the presenter page does when the facilitator gets to its slide. */
async function showActivity(fac: Presenter, id: ActivityId): Promise<void> {
  const r = await fac.control({ action: 'open', activity: id });
  expect(r.status).toBe(200);
  fac.show({ slide: SLIDE[id], slideTitle: id, activity: id, board: null });
}

interface Focus {
  /** Tag of the focused element, deep through shadow roots; 'body' when focus is lost. */
  tag: string;
  name: string;
  role: string;
  /** A visible focus indicator: an outline or a ring on the element or on the label around it. */
  indicator: boolean;
  focusVisible: boolean;
}

/** The focused element, looked up through every shadow root, with its name and its focus indicator. */
function focus(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { tag: 'body', name: '', role: '', indicator: false, focusVisible: false };
    const label = el.closest('label');
    const name = (
      el.getAttribute('aria-label') ??
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
        ? [...(el.labels ?? [])].map((l) => l.textContent).join(' ') || label?.textContent
        : el.textContent) ??
      ''
    )
      .replace(/\s+/g, ' ')
      .trim();
    const ring = (e: Element | null) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow !== '');
    };
    return {
      tag: el.tagName.toLowerCase(),
      name,
      role: el.getAttribute('role') ?? (el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase()),
      indicator: ring(el) || ring(label),
      focusVisible: el.matches(':focus-visible'),
    };
  });
}

/** Presses a key and checks that focus went somewhere visible, not back to the page. */
async function press(page: Page, key: string): Promise<Focus> {
  await page.keyboard.press(key);
  const f = await focus(page);
  expect(f.tag, `focus after ${key}`).not.toBe('body');
  expect(f.indicator, `focus indicator on ${f.tag} "${f.name}" after ${key}`).toBe(true);
  return f;
}

/** Tabs forward until the focused control has this name (at most `limit` presses); returns the names passed. */
async function tabTo(page: Page, name: string | RegExp, limit = 12): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i++) {
    const f = await press(page, 'Tab');
    passed.push(f.name);
    if (typeof name === 'string' ? f.name === name : name.test(f.name)) return passed;
  }
  throw new Error(`"${name}" not reached by Tab; passed ${JSON.stringify(passed)}`);
}

/** Focus is on the card the room shows now, so the next Tab reaches its first control. */
async function expectFocusOnCard(page: Page): Promise<void> {
  await poll(() => page.evaluate(() => document.querySelector('rs-participant-app')?.shadowRoot?.activeElement?.classList.contains('card') ?? false))
    .toBe(true);
}

/** The text is in an aria-live region (or a status/alert role) of the phone's page, through shadow roots. */
function inLiveRegion(page: Page, text: string): Promise<boolean> {
  return page.evaluate((text) => {
    const found: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.children.length === 0 && el.textContent?.includes(text)) found.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const live = (el: Element) => {
      for (let e: Node | null = el; e; e = e instanceof ShadowRoot ? e.host : e.parentNode) {
        if (e instanceof Element && (e.hasAttribute('aria-live') || ['status', 'alert', 'log'].includes(e.getAttribute('role') ?? ''))) {
          return e.getAttribute('aria-live') !== 'off';
        }
      }
      return false;
    };
    return found.length > 0 && found.every(live);
  }, text);
}

/** Every control in the accessibility tree has a name (buttons, checkboxes, radios, text fields). */
async function expectNamedControls(page: Page, context: BrowserContext, what: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  await cdp.detach();
  const controls = nodes.filter((n) => !n.ignored && ['button', 'checkbox', 'radio', 'textbox', 'spinbutton', 'combobox'].includes(n.role?.value ?? ''));
  expect(controls.length, `${what}: controls`).toBeGreaterThan(0);
  const unnamed = controls.filter((n) => !n.name?.value.trim());
  expect(unnamed.map((n) => n.role?.value), `${what}: controls without a name`).toEqual([]);
}

/** The phone's vote confirmation, once stored, said in a live region. */
async function expectStored(page: Page, text: string): Promise<void> {
  const app = page.locator('rs-participant-app');
  await app.locator('.vote-status[data-kind="stored"]', { hasText: text }).waitFor();
  expect(await inLiveRegion(page, text), `"${text}" in a live region`).toBe(true);
}

describe('keyboard alone on the phone', () => {
  it('joins by code, votes in every kind, changes votes and works the whiteboard, focus visible and kept', async () => {
    const errors: string[] = [];
    const { room: r, fac } = await room();
    const context = await newContext();
    const page = await context.newPage();
    watchErrors(page, errors);
    const app = page.locator('rs-participant-app');

    // Join: the code field has focus; type the code and press Enter.
    await page.goto(`${server.url}/join`);
    await poll(async () => (await focus(page)).name).toBe('Deltagerkode (6 cifre)');
    await page.keyboard.type(`${r.joinCode.slice(0, 3)} ${r.joinCode.slice(3)}`);
    let f = await focus(page);
    expect(f.indicator).toBe(true);
    await expectNamedControls(page, context, 'join');
    await page.keyboard.press('Enter');
    await poll(() => page.url()).toContain(`/j/${r.joinCode}`);
    await app.getByText('Forbundet').waitFor();
    await expectFocusOnCard(page);

    // Single choice: Tab to the options, arrows move, Space and Enter vote; focus stays on the option.
    await showActivity(fac, 'enkelt');
    await app.getByRole('radio', { name: 'Kommunen' }).waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'single');
    f = await press(page, 'Tab');
    expect(f).toMatchObject({ name: 'Kommunen', role: 'radio', focusVisible: true });
    f = await press(page, 'ArrowDown');
    expect(f.name).toBe('Institutionen');
    await press(page, 'Space');
    await expectStored(page, '✓ Din stemme er gemt: Institutionen.');
    expect(await app.getByRole('radio', { name: 'Institutionen' }).getAttribute('aria-checked')).toBe('true');
    expect((await focus(page)).name).toBe('Institutionen');
    await press(page, 'ArrowDown');
    await press(page, 'Enter');
    await expectStored(page, '✓ Din stemme er gemt: Borgerne.');
    f = await focus(page);
    expect(f).toMatchObject({ name: 'Borgerne', indicator: true });

    // Multi choice, at most two: a third is refused until one is unticked; the send button keeps focus once sent.
    await showActivity(fac, 'flere');
    await app.getByRole('checkbox', { name: 'Kulturændring' }).waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'multi');
    expect(await tabTo(page, 'Kulturændring')).toEqual(['Kulturændring']);
    await press(page, 'Space');
    await press(page, 'Tab');
    await press(page, 'Space');
    f = await press(page, 'Tab');
    expect(f.name).toBe('Øget motivation');
    await press(page, 'Space');
    await app.getByText('Du har valgt 3 — fjern 1 for at kunne sende.').waitFor();
    expect(await inLiveRegion(page, 'Du har valgt 3 — fjern 1 for at kunne sende.')).toBe(true);
    const sendMulti = app.locator('rs-multi-choice').getByRole('button', { name: 'Send' });
    expect(await sendMulti.getAttribute('aria-disabled')).toBe('true');
    await press(page, 'Space');
    expect(await tabTo(page, 'Send')).toEqual(['Arbejdet tilrettelagt efter borgernes behov', 'Send']);
    await press(page, 'Enter');
    await expectStored(page, '✓ Din stemme er gemt: Kulturændring, Mere dynamik.');
    f = await focus(page);
    expect(f).toMatchObject({ name: 'Send', indicator: true });
    expect(await sendMulti.getAttribute('aria-disabled')).toBe('true');
    // Change the vote: Shift+Tab back up to the first option.
    for (const name of ['Arbejdet tilrettelagt efter borgernes behov', 'Øget motivation', 'Mere dynamik', 'Kulturændring']) {
      expect((await press(page, 'Shift+Tab')).name).toBe(name);
    }
    await press(page, 'Space');
    await tabTo(page, 'Øget motivation');
    await press(page, 'Space');
    await tabTo(page, 'Send');
    await press(page, 'Enter');
    await expectStored(page, '✓ Din stemme er gemt: Mere dynamik, Øget motivation.');

    // Ranking: the move buttons in reading order; a moved row keeps focus on its button.
    await showActivity(fac, 'prioritet');
    await app.locator('rs-ranking li').first().waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'ranking');
    const order = () => app.locator('rs-ranking li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-option')));
    expect(await tabTo(page, 'Send prioritering', 10)).toEqual([
      'Flyt Dagtilbud ned',
      'Flyt Folkeskole op',
      'Flyt Folkeskole ned',
      'Flyt Ældre op',
      'Flyt Ældre ned',
      'Flyt Beskæftigelse op',
      'Send prioritering',
    ]);
    await press(page, 'Shift+Tab');
    f = await press(page, 'Enter');
    expect(f.name).toBe('Flyt Beskæftigelse op');
    await press(page, 'Enter');
    f = await press(page, 'Enter');
    // At the top the up button stops applying, so focus goes to the row's other button.
    expect(f.name).toBe('Flyt Beskæftigelse ned');
    expect(await order()).toEqual(['beskaeftigelse', 'dagtilbud', 'folkeskole', 'aeldre']);
    await app.getByText('Beskæftigelse er nu nummer 1 af 4.').waitFor();
    expect(await inLiveRegion(page, 'Beskæftigelse er nu nummer 1 af 4.')).toBe(true);
    await tabTo(page, 'Send prioritering');
    await press(page, 'Enter');
    await expectStored(page, '✓ Din stemme er gemt: 1. Beskæftigelse, 2. Dagtilbud, 3. Folkeskole, 4. Ældre.');
    expect((await focus(page)).name).toBe('Send prioritering');

    // Points: + and − per option; at the budget the + buttons stop applying but keep focus.
    await showActivity(fac, 'point');
    await app.locator('rs-points li').first().waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'points');
    await tabTo(page, 'Flere point til Bureaukrati');
    for (let i = 0; i < 7; i++) await press(page, 'Space');
    await tabTo(page, 'Flere point til New Public Management');
    for (let i = 0; i < 3; i++) await press(page, 'Enter');
    await app.getByText('Alle point er fordelt').waitFor();
    f = await focus(page);
    expect(f).toMatchObject({ name: 'Flere point til New Public Management', indicator: true });
    await press(page, 'Enter'); // over the budget: nothing happens
    expect(await app.locator('rs-points li[data-option="npm"]').getAttribute('data-points')).toBe('3');
    expect((await press(page, 'Shift+Tab')).name).toBe('Færre point til New Public Management');
    await press(page, 'Enter');
    await tabTo(page, 'Flere point til Innovationsdoktrin');
    await press(page, 'Enter');
    await tabTo(page, 'Send');
    await press(page, 'Enter');
    await expectStored(page, '✓ Din stemme er gemt: Bureaukrati: 7, New Public Management: 2, Innovationsdoktrin: 1.');
    expect((await focus(page)).name).toBe('Send');

    // Scale: arrows along the values, Space votes, Enter changes.
    await showActivity(fac, 'skala');
    await app.locator('rs-scale button').first().waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'scale');
    const scale = manifest.activities.find((a) => a.id === 'skala')!;
    const labelOf = (n: number) => scale.options.find((o) => o.id === String(n))!.label;
    expect((await press(page, 'Tab')).name).toBe(labelOf(1));
    for (let i = 0; i < 3; i++) await press(page, 'ArrowRight');
    expect((await focus(page)).name).toBe(labelOf(4));
    await press(page, 'Space');
    await expectStored(page, `✓ Din stemme er gemt: ${labelOf(4)}.`);
    expect(await app.getByRole('radio', { name: labelOf(4) }).getAttribute('aria-checked')).toBe('true');
    await press(page, 'ArrowUp');
    await press(page, 'Enter');
    await expectStored(page, `✓ Din stemme er gemt: ${labelOf(3)}.`);
    expect((await focus(page)).name).toBe(labelOf(3));

    // Open text: type, Tab to Send, Enter; then change the answer.
    await showActivity(fac, 'ord');
    await app.getByRole('textbox', { name: PROMPT.ord }).waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'text');
    f = await press(page, 'Tab');
    expect(f).toMatchObject({ tag: 'textarea', name: PROMPT.ord });
    await page.keyboard.type('Tillid');
    await tabTo(page, 'Send');
    await press(page, 'Enter');
    await expectStored(page, '✓ Dit svar er gemt: “Tillid”.');
    expect((await focus(page)).name).toBe('Send');
    await press(page, 'Shift+Tab');
    await page.keyboard.type(' og ansvar');
    await press(page, 'Tab');
    await press(page, 'Enter');
    await expectStored(page, '✓ Dit svar er gemt: “Tillid og ansvar”.');

    // Motion: For / Imod / Undlader with the arrows.
    await showActivity(fac, 'indstilling');
    await app.getByRole('radio', { name: 'For' }).waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'motion');
    expect((await press(page, 'Tab')).name).toBe('For');
    expect((await press(page, 'ArrowDown')).name).toBe('Imod');
    await press(page, 'Space');
    await expectStored(page, '✓ Din stemme er gemt: Imod.');
    expect((await press(page, 'ArrowDown')).name).toMatch(/^Undlader/);
    await press(page, 'Enter');
    await expectStored(page, '✓ Din stemme er gemt: Undlader.');
    await press(page, 'ArrowUp');
    await press(page, 'ArrowUp');
    await press(page, 'Space');
    await expectStored(page, '✓ Din stemme er gemt: For.');
    // Closing the vote takes the buttons away from the keyboard; focus goes to the card, not the page.
    await fac.control({ action: 'close', activity: 'indstilling' });
    await app.getByText('Afstemningen er lukket.').waitFor();
    await expectFocusOnCard(page);

    // The whiteboard: a note into each zone, one edited, one withdrawn; then dots.
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'notes' });
    fac.show({ slide: SLIDE.tavle, slideTitle: 'Problemer og muligheder', activity: null, board: 'tavle' });
    await app.getByRole('textbox', { name: 'Din seddel' }).waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'board notes');
    const feedback = app.locator('rs-board-notes [data-feedback]');
    /** From the card Tab reaches the zones; from the note field (after a note) Shift+Tab goes back to them. */
    const post = async (from: 'Tab' | 'Shift+Tab', zoneKeys: string[], text: string) => {
      expect((await press(page, from)).name).toMatch(/^(Problemer|Muligheder)$/);
      for (const k of zoneKeys) await press(page, k);
      f = await press(page, 'Tab');
      expect(f).toMatchObject({ tag: 'textarea', name: 'Din seddel' });
      await page.keyboard.type(text);
      expect((await press(page, 'Tab')).name).toBe('Sæt sedlen op');
      await press(page, 'Enter');
      // Focus goes back to the empty note field for the next one.
      await poll(async () => (await focus(page)).name).toBe('Din seddel');
      await app.locator(`rs-board-notes [data-my-note][data-status="visible"]`, { hasText: text }).waitFor();
      await poll(() => feedback.textContent()).toBe('✓ Sedlen er sat op.');
      expect(await inLiveRegion(page, '✓ Sedlen er sat op.')).toBe(true);
    };
    await post('Tab', [], 'Lang sagsbehandling');
    // The arrow keys choose the zone.
    await post('Shift+Tab', ['ArrowRight'], 'Lokale løsninger');
    await post('Shift+Tab', ['ArrowLeft'], 'Fortrudt idé');
    expect(await app.locator('rs-board-notes [data-my-note]').count()).toBe(3);
    const myNote = (text: string) => app.locator('rs-board-notes [data-my-note]', { hasText: text });
    expect(await myNote('Lokale løsninger').locator('.state').textContent()).toContain('Muligheder');

    // Edit: "Ret" opens the editor with focus in it; saving puts focus back on "Ret".
    await tabTo(page, 'Ret sedlen: Lang sagsbehandling');
    await press(page, 'Enter');
    f = await focus(page);
    expect(f).toMatchObject({ tag: 'textarea', name: 'Ret din seddel', indicator: true });
    await page.keyboard.press('End');
    await page.keyboard.type(' i byggesager');
    expect((await press(page, 'Tab')).name).toBe('Gem ændringen');
    await press(page, 'Enter');
    await poll(async () => (await focus(page)).name).toBe('Ret sedlen: Lang sagsbehandling i byggesager');
    await poll(() => feedback.textContent()).toBe('✓ Ændringen er gemt.');
    expect(await inLiveRegion(page, '✓ Ændringen er gemt.')).toBe(true);

    // Withdraw: asks first, on the same button; then focus goes back to the note field.
    await tabTo(page, 'Træk sedlen tilbage: Fortrudt idé');
    f = await press(page, 'Enter');
    expect(f.name).toBe('Ja, træk sedlen tilbage: Fortrudt idé');
    expect((await press(page, 'Tab')).name).toBe('Behold');
    await press(page, 'Enter');
    expect((await focus(page)).name).toBe('Træk sedlen tilbage: Fortrudt idé');
    await press(page, 'Enter');
    await press(page, 'Enter');
    await poll(async () => (await focus(page)).name).toBe('Din seddel');
    await poll(() => myNote('Fortrudt idé').count()).toBe(0);
    await poll(() => feedback.textContent()).toBe('✓ Sedlen er trukket tilbage.');
    expect(await inLiveRegion(page, '✓ Sedlen er trukket tilbage.')).toBe(true);

    // Dots: three to spread; at none left the + buttons stop applying but keep focus.
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'dots' });
    await app.locator('rs-board-dots').waitFor();
    await expectFocusOnCard(page);
    await expectNamedControls(page, context, 'board dots');
    await tabTo(page, 'Giv en prik til Lang sagsbehandling i byggesager');
    await press(page, 'Enter');
    await press(page, 'Space');
    await tabTo(page, 'Giv en prik til Lokale løsninger');
    await press(page, 'Enter');
    await app.getByText('0 af 3 prikker tilbage').waitFor();
    f = await focus(page);
    expect(f).toMatchObject({ name: 'Giv en prik til Lokale løsninger', indicator: true });
    expect(await app.getByRole('button', { name: 'Giv en prik til Lokale løsninger' }).isDisabled()).toBe(true);
    await tabTo(page, 'Send prikker');
    await press(page, 'Enter');
    const dotsFeedback = app.locator('rs-board-dots [data-feedback]');
    await poll(() => dotsFeedback.textContent()).toBe('✓ Dine prikker er gemt.');
    expect(await inLiveRegion(page, '✓ Dine prikker er gemt.')).toBe(true);
    expect((await focus(page)).name).toBe('Send prikker');
    // Move one dot and send again.
    await press(page, 'Shift+Tab');
    expect((await press(page, 'Shift+Tab')).name).toBe('Fjern en prik fra Lokale løsninger');
    await press(page, 'Enter');
    expect((await press(page, 'Shift+Tab')).name).toBe('Giv en prik til Lang sagsbehandling i byggesager');
    await press(page, 'Enter');
    await tabTo(page, 'Send prikker');
    await press(page, 'Enter');
    const dotsOn = (text: string) => app.locator('rs-board-dots li[data-dots]', { hasText: text }).getAttribute('data-dots');
    await poll(() => dotsOn('Lang sagsbehandling')).toBe('3');
    expect(await dotsOn('Lokale løsninger')).toBe('0');
    await poll(() => dotsFeedback.textContent()).toBe('✓ Dine prikker er gemt.');

    expect(errors).toEqual([]);
  });
});
