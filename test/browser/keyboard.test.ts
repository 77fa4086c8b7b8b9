// A participant with a keyboard and a screen reader, in real Chromium: joins by typing the code, votes in every kind
// of activity and works the whiteboard with Tab, Shift+Tab, Space, Enter and the arrow keys alone; focus is always
// visible and never falls back to the page when a vote is stored or the room moves on; every control has a name and
// "stored" is said in a live region. Every result has a table with the chart's figures; the phone pages hold at
// 320 px with the text at 200 %; reduced motion stops the bars, the reordering and the slide transitions; result
// text on the projector keeps its contrast.
import { beforeAll, describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { call, join, type Presenter } from '../helpers/clients.js';
import { browserSuite, goToSlide, PHONE, PROJECTOR, SHOTS, watchErrors } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';
import { settled } from './settle.js';
import type { CreateRoomResponse } from '../../core/wire.js';
import type { DeckManifest } from '../../core/deck.js';

const t = browserSuite({ slidesDir: FIXTURE_SLIDES });
let manifest: DeckManifest;

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
  manifest = (await call<DeckManifest>(t.server.url, '/api/decks/alle-aktiviteter')).body;
});

/** A context of its own, phone-sized unless told; no touch, since the keys are what these tests use. */
const newContext = (options: BrowserContextOptions = {}) => t.context({ viewport: PHONE, ...options });

/** Polls for up to 5 s: a page that starts, syncs and renders may take longer than vitest's default second. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 5000 });

const room = () => t.roomWithFacilitator();

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
    await page.keyboard.press('Tab');
    const lost = await focus(page);
    if (lost.tag === 'body') throw new Error(`focus lost after Tab; passed ${JSON.stringify(passed)} on the way to "${name}"`);
    const f = lost;
    expect(f.indicator, `focus indicator on ${f.tag} "${f.name}" after Tab`).toBe(true);
    passed.push(f.name);
    if (typeof name === 'string' ? f.name === name : name.test(f.name)) return passed;
  }
  throw new Error(`"${name}" not reached by Tab; passed ${JSON.stringify(passed)}`);
}

/** Focus is on the card the room shows now, so the next Tab reaches its first control. */
async function expectFocusOnCard(page: Page): Promise<void> {
  await poll(() =>
    page.evaluate(() => document.querySelector('rs-participant-app')?.shadowRoot?.activeElement?.classList.contains('card') ?? false),
  ).toBe(true);
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
  const controls = nodes.filter(
    (n) => !n.ignored && ['button', 'checkbox', 'radio', 'textbox', 'spinbutton', 'combobox'].includes(n.role?.value ?? ''),
  );
  expect(controls.length, `${what}: controls`).toBeGreaterThan(0);
  const unnamed = controls.filter((n) => !n.name?.value.trim());
  expect(
    unnamed.map((n) => n.role?.value),
    `${what}: controls without a name`,
  ).toEqual([]);
}

/** The phone's vote confirmation, once stored, said in a live region. */
async function expectStored(page: Page, text: string): Promise<void> {
  const app = page.locator('rs-participant-app');
  await app.locator('.vote-status[data-kind="stored"]', { hasText: text }).waitFor();
  expect(await inLiveRegion(page, text), `"${text}" in a live region`).toBe(true);
}

/**
 * Puts an activity on the phone and checks its arrival: `ready` shows, focus is on the card (not lost to the
 * page), and every control has a name.
 */
async function arrive(fac: Presenter, page: Page, id: ActivityId, ready: Locator, what: string): Promise<void> {
  await showActivity(fac, id);
  await ready.waitFor();
  await expectFocusOnCard(page);
  await expectNamedControls(page, page.context(), what);
}

/** Tabs to a send button, presses Enter, and checks the "stored" it says. */
async function sendByKeyboard(page: Page, button: string, stored: string): Promise<void> {
  await tabTo(page, button);
  await press(page, 'Enter');
  await expectStored(page, stored);
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
    await page.goto(`${t.server.url}/join`);
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
    await arrive(fac, page, 'enkelt', app.getByRole('radio', { name: 'Kommunen' }), 'single');
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
    await arrive(fac, page, 'flere', app.getByRole('checkbox', { name: 'Kulturændring' }), 'multi');
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
    await sendByKeyboard(page, 'Send', '✓ Din stemme er gemt: Mere dynamik, Øget motivation.');

    // Ranking: the move buttons in reading order; a moved row keeps focus on its button.
    await arrive(fac, page, 'prioritet', app.locator('rs-ranking li').first(), 'ranking');
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
    await sendByKeyboard(page, 'Send prioritering', '✓ Din stemme er gemt: 1. Beskæftigelse, 2. Dagtilbud, 3. Folkeskole, 4. Ældre.');
    expect((await focus(page)).name).toBe('Send prioritering');

    // Points: + and − per option; at the budget the + buttons stop applying but keep focus.
    await arrive(fac, page, 'point', app.locator('rs-points li').first(), 'points');
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
    await sendByKeyboard(page, 'Send', '✓ Din stemme er gemt: Bureaukrati: 7, New Public Management: 2, Innovationsdoktrin: 1.');
    expect((await focus(page)).name).toBe('Send');

    // Scale: arrows along the values, Space votes, Enter changes.
    await arrive(fac, page, 'skala', app.locator('rs-scale button').first(), 'scale');
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
    await arrive(fac, page, 'ord', app.getByRole('textbox', { name: PROMPT.ord }), 'text');
    f = await press(page, 'Tab');
    expect(f).toMatchObject({ tag: 'textarea', name: PROMPT.ord });
    await page.keyboard.type('Tillid');
    await sendByKeyboard(page, 'Send', '✓ Dit svar er gemt: „Tillid“.');
    expect((await focus(page)).name).toBe('Send');
    await press(page, 'Shift+Tab');
    await page.keyboard.type(' og ansvar');
    await press(page, 'Tab');
    await press(page, 'Enter');
    await expectStored(page, '✓ Dit svar er gemt: „Tillid og ansvar“.');

    // Motion: For / Imod / Undlader with the arrows.
    await arrive(fac, page, 'indstilling', app.getByRole('radio', { name: 'For' }), 'motion');
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
    // Two browsers and many steps: on two busy cores (the whole suite at once) several times the idle run time.
  }, 60_000);
});

/** Three ballots per activity, cast through the API. */
const BALLOTS: Record<ActivityId, Record<string, unknown>[]> = {
  enkelt: [{ option: 'kommunen' }, { option: 'borgerne' }, { option: 'borgerne' }],
  flere: [{ options: ['kultur', 'dynamik'] }, { options: ['kultur'] }, { options: ['motivation', 'borgerbehov'] }],
  prioritet: [
    { order: ['folkeskole', 'dagtilbud', 'aeldre', 'beskaeftigelse'] },
    { order: ['dagtilbud', 'folkeskole', 'beskaeftigelse', 'aeldre'] },
    { order: ['folkeskole', 'aeldre', 'dagtilbud', 'beskaeftigelse'] },
  ],
  point: [{ points: { bureaukrati: 5, npm: 3, innovation: 2 } }, { points: { innovation: 10 } }, { points: { npm: 4, innovation: 6 } }],
  skala: [{ value: 2 }, { value: 5 }, { value: 5 }],
  ord: [{ text: 'Tillid' }, { text: 'tillid og ansvar' }, { text: 'Frihed' }],
  indstilling: [{ option: 'for' }, { option: 'for' }, { option: 'imod' }],
};
const ACTIVITIES = Object.keys(BALLOTS) as ActivityId[];

/** Opens every activity, casts three ballots in each, closes and reveals it. */
async function castAndReveal(url: string, r: CreateRoomResponse, fac: Presenter): Promise<void> {
  const voters = await Promise.all([0, 1, 2].map(() => join(url, r.joinCode)));
  for (const id of ACTIVITIES) {
    expect((await fac.control({ action: 'open', activity: id })).status).toBe(200);
    for (const [i, ballot] of BALLOTS[id].entries()) {
      const res = await call(url, `/api/rooms/${r.roomId}/intents`, {
        token: voters[i]!.participantToken,
        body: { id: crypto.randomUUID(), type: 'ballot', activity: id, ballot },
      });
      expect(res.status, `${id} ballot ${i}`).toBe(200);
    }
    await fac.control({ action: 'close', activity: id });
    await fac.control({ action: 'reveal', activity: id });
  }
}

interface Figures {
  /** Option or word → the figure the chart or the table shows. */
  counts: Record<string, string>;
  /** Ranking: option → mean place as written. */
  meanRank: Record<string, string>;
}

/** What the chart (bars or word cloud) in a result view shows. */
function chartFigures(view: Locator): Promise<Figures> {
  return view.evaluate((el) => {
    const root = el.shadowRoot!;
    const counts: Record<string, string> = {};
    const meanRank: Record<string, string> = {};
    const bars = root.querySelector('rs-bar-chart')?.shadowRoot;
    for (const li of bars?.querySelectorAll('li[data-option]') ?? []) {
      const id = li.getAttribute('data-option')!;
      counts[id] = li.querySelector('[data-count]')!.getAttribute('data-count')!;
      const m = /gns\. plads ([\d,.]+)/.exec(li.querySelector('.value')!.textContent ?? '');
      if (m) meanRank[id] = m[1]!;
    }
    const cloud = root.querySelector('rs-word-cloud')?.shadowRoot;
    for (const li of cloud?.querySelectorAll('li[data-word]') ?? []) {
      counts[li.getAttribute('data-word')!] = /(\d+)/.exec(li.querySelector('.count')!.textContent ?? '')![1]!;
    }
    return { counts, meanRank };
  });
}

/** What the table in a result view shows. */
function tableFigures(view: Locator): Promise<Figures> {
  return view.evaluate((el) => {
    const counts: Record<string, string> = {};
    const meanRank: Record<string, string> = {};
    for (const tr of el.shadowRoot!.querySelectorAll('table[data-result-table] tbody tr')) {
      const id = tr.getAttribute('data-option') ?? tr.getAttribute('data-word');
      if (!id) continue;
      const cells = tr.querySelectorAll('td');
      counts[id] = cells[0]!.textContent!.trim();
      if (cells[1]) meanRank[id] = cells[1].textContent!.trim();
    }
    return { counts, meanRank };
  });
}

describe('every result as a table', () => {
  it('on the projector and on the phone the table holds the chart’s figures, behind a toggle that keeps focus', async () => {
    const errors: string[] = [];
    const { room: r, fac } = await room();
    await castAndReveal(t.server.url, r, fac);

    const projector = await t.projector(r, { errors });

    const phone = await t.connectedPhone(r, { hasTouch: false, isMobile: false, errors });
    const app = phone.locator('rs-participant-app');

    for (const id of ACTIVITIES) {
      await goToSlide(projector, SLIDE[id]);
      await poll(() =>
        phone.evaluate(() => document.querySelector('rs-participant-app')?.shadowRoot?.querySelector('rs-result-view')?.definition?.id),
      ).toBe(id);
      const view = projector.locator(`rs-activity[activity="${id}"] rs-result-view`);
      // The projector: the chart's figures, then the same in the table.
      await poll(async () => Object.keys((await chartFigures(view)).counts).length).toBeGreaterThan(0);
      const chart = await chartFigures(view);
      const toggle = view.getByRole('button', { name: 'Vis som tabel' });
      // By keyboard on the projector: Space works the toggle and does not move the deck on.
      await toggle.focus();
      await projector.keyboard.press('Space');
      // The table is Space's doing; reveal.js would have moved the deck in the same key press, so it shows by now.
      const table = view.getByRole('table', { name: `${PROMPT[id]} (3 svar)` });
      await table.waitFor();
      expect(
        await projector.evaluate(() =>
          [...document.querySelectorAll('.reveal .slides > section')].findIndex((s) => s.classList.contains('present')),
        ),
      ).toBe(SLIDE[id]);
      expect(await view.getByRole('columnheader').count(), id).toBeGreaterThanOrEqual(2);
      const fromTable = await tableFigures(view);
      expect(fromTable.counts, `${id}: table = chart`).toEqual(chart.counts);
      if (id === 'prioritet') {
        expect(Object.keys(chart.meanRank)).toHaveLength(4);
        expect(fromTable.meanRank, 'mean places').toEqual(chart.meanRank);
      }
      await projector.screenshot({ path: joinPath(SHOTS, `table-projector-${id}.png`) });
      await view.getByRole('button', { name: 'Vis som diagram' }).click();
      await poll(async () => (await chartFigures(view)).counts).toEqual(chart.counts);

      // The phone follows the slide and shows the revealed result; its toggle works by keyboard and keeps focus.
      const phoneView = app.locator('rs-result-view');
      await app.locator('section.results').waitFor();
      await poll(async () => (await chartFigures(phoneView)).counts).toEqual(chart.counts);
      const phoneChart = await chartFigures(phoneView);
      // The result view stays from one activity to the next, and with it the toggle and its focus.
      if ((await focus(phone)).name !== 'Vis som tabel') await tabTo(phone, 'Vis som tabel', 20);
      const f = await press(phone, 'Enter');
      expect(f.name, 'focus stays on the toggle').toBe('Vis som diagram');
      await phoneView.getByRole('table', { name: `${PROMPT[id]} (3 svar)` }).waitFor();
      expect((await tableFigures(phoneView)).counts, `${id} on the phone`).toEqual(phoneChart.counts);
      await phone.screenshot({ path: joinPath(SHOTS, `table-phone-${id}.png`), fullPage: true });
      await press(phone, 'Enter');
      await phoneView.locator('rs-bar-chart, rs-word-cloud').waitFor();
    }
    // The figures themselves, counted here from the ballots: single choice and points.
    await goToSlide(projector, SLIDE.enkelt);
    const single = projector.locator('rs-activity[activity="enkelt"] rs-result-view');
    await poll(async () => (await chartFigures(single)).counts).toEqual({ kommunen: '1', institutionen: '0', borgerne: '2' });
    expect(errors).toEqual([]);
    // Two browsers through every activity, with screenshots: 11–17 s on an idle machine, twice that on a busy one.
  }, 90_000);
});

describe('keyboard on the projector', () => {
  it('Space and Enter work the focused control and leave the deck where it is; letters typed in a field are not shortcuts', async () => {
    const errors: string[] = [];
    const { room: r } = await room();
    const projector = await t.projector(r, { errors });
    await goToSlide(projector, SLIDE.indstilling);
    const current = () =>
      projector.evaluate(() =>
        [...document.querySelectorAll('.reveal .slides > section')].findIndex((s) => s.classList.contains('present')),
      );
    await poll(current).toBe(SLIDE.indstilling);
    const activity = projector.locator('rs-activity[activity="indstilling"]');
    const state = () => t.server.app.rooms.get(r.roomId).then((x) => x!.activityState('indstilling').status);

    await activity.getByRole('button', { name: 'Åbn afstemning' }).focus();
    await projector.keyboard.press('Space');
    await poll(state).toBe('open');
    await activity.getByRole('button', { name: 'Luk afstemning' }).focus();
    await projector.keyboard.press('Enter');
    await poll(state).toBe('closed');
    // reveal.js moves the deck within the key press itself: by the time the vote has closed it would have.
    expect(await current()).toBe(SLIDE.indstilling);

    // Typing a decision that starts with U (the open/close shortcut) and holds spaces only writes text.
    const field = activity.getByRole('textbox');
    await field.focus();
    await projector.keyboard.type('Udvalget vedtog indstillingen');
    expect(await field.inputValue()).toBe('Udvalget vedtog indstillingen');
    expect(await state()).toBe('closed');
    expect(await current()).toBe(SLIDE.indstilling);

    // Away from the controls, Space still moves the deck on.
    await projector.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await projector.locator('body').focus();
    await projector.keyboard.press('Space');
    await poll(current).toBe(SLIDE.indstilling + 1);
    expect(errors).toEqual([]);
  });
});

interface Fit {
  /** How far the page scrolls sideways. */
  overflowX: number;
  /** Elements that stick out of the viewport or whose text overflows their own box. */
  clipped: string[];
  /** Text broken into far more lines than it has words: "K o m m u n e n", one letter a line. */
  broken: string[];
  /** Sticky or fixed boxes that cover other content at some scroll position. */
  covering: string[];
}

/** Measures, through every shadow root, whether the phone's page fits its width. */
function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const se = document.scrollingElement!;
    const clipped: string[] = [];
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!(el instanceof HTMLElement) || ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
        const r = el.getBoundingClientRect();
        // Visually hidden text for screen readers is 1 px wide on purpose.
        if (r.width <= 1 || r.height <= 1) continue;
        const s = getComputedStyle(el);
        if (s.visibility === 'hidden') continue;
        if (r.right > width + 1 || r.left < -1)
          clipped.push(`${describe(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} of ${width}`);
        else if (
          ['BUTTON', 'LABEL', 'LEGEND', 'H1', 'H2', 'H3', 'P', 'TD', 'TH', 'LI', 'OUTPUT', 'SPAN', 'CAPTION'].includes(el.tagName) &&
          s.textOverflow !== 'ellipsis' &&
          el.scrollWidth > el.clientWidth + 1 &&
          el.clientWidth > 0 &&
          s.display !== 'inline'
        )
          clipped.push(`${describe(el)} text ${el.scrollWidth} px in ${el.clientWidth} px`);
      }
    };
    walk(document);

    // Text squeezed into a column too narrow for its words: its lines, counted from the text's own line boxes,
    // far outnumber its words. A single word wider than the screen may break once or twice, not letter by letter.
    const broken: string[] = [];
    const texts: HTMLElement[] = [];
    const collect = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) collect(el.shadowRoot);
        if (el instanceof HTMLElement && !['STYLE', 'SCRIPT', 'TEMPLATE'].includes(el.tagName)) texts.push(el);
      }
    };
    collect(document);
    for (const el of texts) {
      const nodes = [...el.childNodes].filter((n): n is Text => n.nodeType === Node.TEXT_NODE && !!(n as Text).data.trim());
      if (nodes.length === 0) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
      const tops = new Set<number>();
      for (const n of nodes) {
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const line of range.getClientRects()) if (line.width > 0) tops.add(Math.round(line.top / 4));
      }
      const words = nodes
        .map((n) => n.data)
        .join(' ')
        .trim()
        .split(/\s+/).length;
      if (tops.size > words + 1) broken.push(`${describe(el)} ${words} word(s) on ${tops.size} lines`);
    }

    // Sticky and fixed boxes: scrolled through the page, they must never lie over the options, buttons or text.
    const covering: string[] = [];
    const composedParent = (n: Node): Node | null => (n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode);
    const within = (outer: Node, inner: Node) => {
      for (let n: Node | null = inner; n; n = composedParent(n)) if (n === outer) return true;
      return false;
    };
    const stuck = texts.filter((el) => ['sticky', 'fixed'].includes(getComputedStyle(el).position));
    const content = texts.filter(
      (el) =>
        el.tagName === 'LI' ||
        el.tagName === 'BUTTON' ||
        el.tagName === 'INPUT' ||
        el.tagName === 'TEXTAREA' ||
        [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && !!(n as Text).data.trim()),
    );
    const start = se.scrollTop;
    const last = se.scrollHeight - se.clientHeight;
    for (const box of stuck) {
      const others = content.filter((el) => !within(box, el) && !within(el, box));
      const seen = new Set<Element>();
      for (let y = 0; y <= last + 20; y += 20) {
        se.scrollTo({ top: Math.min(y, last), behavior: 'instant' });
        const b = box.getBoundingClientRect();
        for (const el of others) {
          if (seen.has(el)) continue;
          const r = el.getBoundingClientRect();
          if (r.width <= 1 || r.height <= 1) continue;
          const x = Math.min(b.right, r.right) - Math.max(b.left, r.left);
          const h = Math.min(b.bottom, r.bottom) - Math.max(b.top, r.top);
          if (x > 2 && h > 2) {
            seen.add(el);
            covering.push(`${describe(box)} covers ${describe(el)} at scroll ${Math.min(y, last)}`);
          }
        }
      }
    }
    se.scrollTo({ top: start, behavior: 'instant' });
    return { overflowX: se.scrollWidth - se.clientWidth, clipped, broken, covering };
  });
}

/** Text zoom: the root font size doubled, as a reader's larger text setting does. */
const ZOOM = 'html { font-size: 200% !important; }';

describe('320 px wide with the text at 200 %', () => {
  it('the join page, every activity, the whiteboard and the results fit without sideways scrolling', async () => {
    const { room: r, fac } = await room();
    const context = await newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const app = page.locator('rs-participant-app');
    const measured: Record<string, Fit> = {};
    const check = async (what: string) => {
      await settled(page);
      const m = await measureFit(page);
      measured[what] = m;
      await page.screenshot({ path: joinPath(SHOTS, `zoom200-320-${what}.png`), fullPage: true });
      if (m.overflowX > 0) problems.push(`${what}: scrolls ${m.overflowX} px sideways`);
      for (const c of [...m.clipped, ...m.broken, ...m.covering]) problems.push(`${what}: ${c}`);
    };
    const problems: string[] = [];

    await page.goto(`${t.server.url}/join`);
    await page.addStyleTag({ content: ZOOM });
    // The text really is twice as large.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
    await app.getByLabel('Deltagerkode (6 cifre)').waitFor();
    await check('join');
    await page.keyboard.type(r.joinCode);
    await page.keyboard.press('Enter');
    await app.getByText('Forbundet').waitFor();
    await check('waiting');

    for (const id of ACTIVITIES) {
      await showActivity(fac, id);
      await poll(() =>
        page.evaluate(
          () =>
            !!document
              .querySelector('rs-participant-app')
              ?.shadowRoot?.querySelector(
                '.card [data-state="open"], .card rs-single-choice, .card rs-multi-choice, .card rs-ranking, .card rs-points, .card rs-scale, .card rs-text-answer, .card rs-motion',
              ),
        ),
      ).toBe(true);
      await check(id);
    }
    // The whiteboard, taking notes and then dots.
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'notes' });
    fac.show({ slide: SLIDE.tavle, slideTitle: 'Problemer og muligheder', activity: null, board: 'tavle' });
    const field = app.getByRole('textbox', { name: 'Din seddel' });
    await field.focus();
    await page.keyboard.type('Lange sagsbehandlingstider i byggesager');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await app.locator('rs-board-notes [data-my-note][data-status="visible"]').waitFor();
    await check('board-notes');
    await fac.control({ action: 'board-phase', board: 'tavle', phase: 'dots' });
    await app.locator('rs-board-dots li[data-target]').waitFor();
    await check('board-dots');

    // Results on the phone, as a chart and as a table.
    await castAndReveal(t.server.url, r, fac);
    for (const id of ['prioritet', 'point', 'ord'] as const) {
      fac.show({ slide: SLIDE[id], slideTitle: id, activity: id, board: null });
      await app.locator('section.results rs-result-view').waitFor();
      await poll(() =>
        page.evaluate(() => document.querySelector('rs-participant-app')?.shadowRoot?.querySelector('rs-result-view')?.definition?.id),
      ).toBe(id);
      await check(`${id}-chart`);
      await app.getByRole('button', { name: 'Vis som tabel' }).focus();
      await page.keyboard.press('Enter');
      await app.getByRole('table').waitFor();
      await check(`${id}-table`);
      await page.keyboard.press('Enter');
    }
    expect(Object.keys(measured)).toHaveLength(2 + ACTIVITIES.length + 2 + 6);
    expect(problems).toEqual([]);
    // Two browsers and many steps: on two busy cores (the whole suite at once) several times the idle run time.
  }, 60_000);
});

describe('reduced motion', () => {
  async function motion(reduced: boolean) {
    const { room: r, fac } = await room();
    await castAndReveal(t.server.url, r, fac);
    const phone = await t.connectedPhone(r, { hasTouch: false, isMobile: false, reducedMotion: reduced ? 'reduce' : 'no-preference' });
    const context = phone.context();
    const app = phone.locator('rs-participant-app');
    fac.show({ slide: SLIDE.enkelt, slideTitle: 'Enkeltvalg', activity: 'enkelt', board: null });
    const bar = app.locator('rs-bar-chart .bar').first();
    await bar.waitFor();
    const barTransition = await bar.evaluate((el) => getComputedStyle(el).transitionDuration);
    // Reordering a ranking glides the rows, unless motion is reduced.
    await fac.control({ action: 'reset', activity: 'prioritet' });
    await fac.control({ action: 'open', activity: 'prioritet' });
    fac.show({ slide: SLIDE.prioritet, slideTitle: 'Prioritering', activity: 'prioritet', board: null });
    const down = app.getByRole('button', { name: 'Flyt Dagtilbud ned' });
    // The vote must be open on the phone before its buttons take focus and a key press.
    await poll(() => down.isEnabled()).toBe(true);
    const row = app.locator('rs-ranking li[data-option]', { hasText: 'Dagtilbud' });
    const from = Number(await row.getAttribute('data-position'));
    // Count the glides as they start: a 160 ms animation can be over before a look afterwards on a busy machine.
    await app.locator('rs-ranking').evaluate((el) => {
      const root = el.shadowRoot!;
      const w = window as unknown as { rowAnimations: number };
      w.rowAnimations = 0;
      const animate = Element.prototype.animate;
      Element.prototype.animate = function (this: Element, ...args: Parameters<Element['animate']>) {
        if (this.getRootNode() === root) w.rowAnimations++;
        return animate.apply(this, args);
      };
    });
    await down.focus();
    await phone.keyboard.press('Enter');
    // The glides start right after the ranking renders the new order (its updateComplete), in the same task.
    await poll(() => row.getAttribute('data-position')).toBe(String(from + 1));
    const rowAnimations = await phone.evaluate(() => (window as unknown as { rowAnimations: number }).rowAnimations);

    const projector = await context.newPage();
    await projector.setViewportSize(PROJECTOR);
    await t.present(projector, r);
    await projector.locator('.reveal.ready').waitFor();
    const slides = await projector.evaluate(() => ({
      classes: document.querySelector('.reveal')!.className,
      duration: getComputedStyle(document.querySelector('.reveal .slides > section.present')!).transitionDuration,
      bars: getComputedStyle(
        document
          .querySelector('rs-activity')!
          .shadowRoot!.querySelector('rs-result-view')!
          .shadowRoot!.querySelector('rs-bar-chart')!
          .shadowRoot!.querySelector('.bar')!,
      ).transitionDuration,
    }));
    await context.close();
    return { barTransition, rowAnimations, slides };
  }

  it('stops the bars, the reordering and the slide transitions when the system asks for less motion', async () => {
    const moving = await motion(false);
    expect(moving.barTransition).toBe('0.3s');
    expect(moving.rowAnimations).toBeGreaterThan(0);
    expect(moving.slides.classes.split(' ')).toContain('fade');
    expect(moving.slides.duration).not.toBe('0s');

    const still = await motion(true);
    expect(still.barTransition).toBe('0s');
    expect(still.rowAnimations).toBe(0);
    expect(still.slides.classes.split(' ')).not.toContain('fade');
    expect(still.slides.classes.split(' ')).toContain('none');
    expect(still.slides.duration).toBe('0s');
    expect(still.slides.bars).toBe('0s');
    // Two browsers and many steps: on two busy cores (the whole suite at once) several times the idle run time.
  }, 60_000);
});

describe('contrast of results on the projector', () => {
  it('every text in the charts, the word cloud, the tables and the toggle is at least 4.5:1 against its background', async () => {
    const { room: r, fac } = await room();
    await castAndReveal(t.server.url, r, fac);
    const projector = await t.projector(r, { reducedMotion: 'reduce' });
    const low: string[] = [];
    let checked = 0;
    for (const id of ACTIVITIES) {
      await goToSlide(projector, SLIDE[id]);
      const view = projector.locator(`rs-activity[activity="${id}"] rs-result-view`);
      for (const mode of ['chart', 'table'] as const) {
        if (mode === 'table') await view.getByRole('button', { name: 'Vis som tabel' }).click();
        await view.locator(mode === 'table' ? 'table' : 'rs-bar-chart, rs-word-cloud').waitFor();
        const result = await view.evaluate((host) => {
          // A colour as the browser paints it, read back from a one-pixel canvas: how a Chromium version writes a
          // computed colour (rgb(), color(srgb …), oklch() …) does not matter.
          const pixel = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
          pixel.canvas.width = 1;
          pixel.canvas.height = 1;
          const parse = (c: string) => {
            pixel.clearRect(0, 0, 1, 1);
            pixel.fillStyle = 'rgba(0, 0, 0, 0)';
            pixel.fillStyle = c;
            pixel.fillRect(0, 0, 1, 1);
            const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
            return { rgb: [r!, g!, b!], a: a! / 255 };
          };
          const lum = ([r, g, b]: number[]) => {
            const f = (c: number) => {
              const v = c / 255;
              return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
            };
            return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
          };
          const background = (el: Element) => {
            for (let e: Node | null = el; e; e = e instanceof ShadowRoot ? e.host : e.parentNode) {
              if (e instanceof Element) {
                const bg = parse(getComputedStyle(e).backgroundColor);
                if (bg.a >= 0.9) return bg.rgb;
              }
            }
            return [255, 255, 255];
          };
          const out: { text: string; ratio: number }[] = [];
          const walk = (root: ShadowRoot) => {
            for (const el of root.querySelectorAll('*')) {
              if (el.shadowRoot) walk(el.shadowRoot);
              const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
              const r = el.getBoundingClientRect();
              if (!own || r.width <= 1 || r.height <= 1) continue;
              const s = getComputedStyle(el);
              const fg = parse(s.color);
              const a = lum(fg.rgb);
              const b = lum(background(el));
              out.push({ text: (el.textContent ?? '').trim().slice(0, 30), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
            }
          };
          walk(host.shadowRoot!);
          return out;
        });
        checked += result.length;
        for (const t of result) if (t.ratio < 4.5) low.push(`${id} ${mode}: "${t.text}" ${t.ratio.toFixed(2)}:1`);
      }
      await view.getByRole('button', { name: 'Vis som diagram' }).click();
    }
    expect(checked).toBeGreaterThan(50);
    expect(low).toEqual([]);
    // Two browsers and many steps: on two busy cores (the whole suite at once) several times the idle run time.
  }, 60_000);
});
