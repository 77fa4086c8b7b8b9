// Real Chromium for tests, driven by playwright-core (the machine's own /usr/bin/chromium; no browser download).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../server/config.js';
import type { CreateRoomResponse } from '../../core/wire.js';
import { createRoom, presenter, type Presenter, type YClient } from './clients.js';
import { ROOT, serverForThisFile, type TestServer } from './server.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Chromium mangler: installer den med "apt-get install -y chromium" eller sæt CHROMIUM_PATH.');
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export const PHONE = { width: 360, height: 640 };
export const PROJECTOR = { width: 1920, height: 1080 };

/** Where browser tests put the screenshots a person looks at. */
export const SHOTS = join(ROOT, 'test-results', 'screens');

/**
 * Collects a page's uncaught errors and console errors (a refusal by the content security policy is one);
 * `expected` lets a test keep answers it provokes on purpose (a refused ballot) out of the list.
 */
export function watchErrors(page: Page, errors: string[], expected?: RegExp): void {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected?.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
  });
}

/**
 * Moves the deck on a presenter page to slide n and returns once reveal.js shows it as the present slide.
 * reveal.js reads the address's hash on the hashchange event, a task after the hash is set: until then the
 * slide before is still the present one and no transition has begun, so a look for "nothing moving"
 * (settled) or at the slide's contents right after setting the hash would see the old slide.
 */
export async function goToSlide(projector: Page, n: number): Promise<void> {
  await projector.evaluate((i) => (window.location.hash = `#/${i}`), n);
  await projector.waitForFunction(
    (i) => document.querySelectorAll('.reveal .slides > section')[i]?.classList.contains('present') === true,
    n,
    { polling: 'raf' },
  );
}

export interface PageOptions extends BrowserContextOptions {
  /** Where the page's errors go (see watchErrors); without it none are collected. */
  errors?: string[];
  /** Errors the test provokes on purpose, kept out of `errors`. */
  expected?: RegExp;
}

export interface RoomOptions {
  deck?: string;
  slide?: number;
  errors?: string[];
  /** The projector's page, past the errors (1920×1080 unless told). */
  projector?: BrowserContextOptions;
  /** The phones' pages, past the errors (a 360×640 phone with touch unless told). */
  phone?: BrowserContextOptions;
}

export interface BrowserSuite {
  /** Set before the file's first test. */
  server: TestServer;
  browser: Browser;
  /** A browser context of its own (its own storage, as one person's device), closed after the file. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a context of its own. */
  page(options?: PageOptions): Promise<Page>;
  /** A phone: a page at 360×640 with touch, in a context of its own. */
  phone(options?: PageOptions): Promise<Page>;
  /** `n` phones, one after the other, each opened on the room's join link. */
  joinPhones(room: CreateRoomResponse, n: number, options?: PageOptions): Promise<Page[]>;
  /** A phone on the room's join link, once the app says it is connected. */
  connectedPhone(room: CreateRoomResponse, options?: PageOptions): Promise<Page>;
  /** Takes a page to the room's presenter link (the facilitator's key in it) and waits until it says it is connected. */
  present(page: Page, room: CreateRoomResponse): Promise<void>;
  /** The room's presenter page, at 1920×1080 unless told, once connected. */
  projector(room: CreateRoomResponse, options?: PageOptions): Promise<Page>;
  /**
   * A room of `deck` (the fixture `alle-aktiviteter` unless told) on a projector, moved to `slide` if given,
   * and `n` phones that opened its join link after that; `errors` collects every page's errors.
   */
  roomWithPhones(n: number, options?: RoomOptions): Promise<{ room: CreateRoomResponse; projector: Page; phones: Page[] }>;
  /**
   * A room of `deck` (the fixture `alle-aktiviteter` unless told) with the facilitator's connection to it
   * instead of a presenter page, showing the start slide as a presenter page that just opened does.
   */
  roomWithFacilitator(deck?: string): Promise<{ room: CreateRoomResponse; fac: Presenter }>;
  /** The facilitator's connection to the room's document (what the presenter page writes), closed after the file. */
  presenter(room: CreateRoomResponse): Promise<Presenter>;
  /** Closes every context opened so far: a test's idle decks and phones would slow the next test's sockets. */
  closeContexts(): Promise<void>;
}

/**
 * A real server (on port 0, with the test's settings) and Chromium for one test file: started before its
 * tests; the browser, every context and document connection the suite opened, and the server stopped after.
 */
export function browserSuite(config: Partial<Config> = {}): BrowserSuite {
  const server = serverForThisFile(config);
  const contexts: BrowserContext[] = [];
  const clients: YClient[] = [];
  const suite: BrowserSuite = {
    server,
    browser: undefined as unknown as Browser,
    async context(options = {}) {
      const context = await suite.browser.newContext(options);
      contexts.push(context);
      return context;
    },
    async page({ errors, expected, ...options } = {}) {
      const page = await (await suite.context(options)).newPage();
      if (errors) watchErrors(page, errors, expected);
      return page;
    },
    phone: (options = {}) => suite.page({ viewport: PHONE, hasTouch: true, isMobile: true, ...options }),
    async joinPhones(room, n, options = {}) {
      const phones: Page[] = [];
      for (let i = 0; i < n; i++) {
        const phone = await suite.phone(options);
        await phone.goto(`${server.url}/j/${room.joinCode}`);
        phones.push(phone);
      }
      return phones;
    },
    async connectedPhone(room, options = {}) {
      const [phone] = (await suite.joinPhones(room, 1, options)) as [Page];
      await phone.locator('rs-participant-app').getByText('Forbundet').waitFor();
      return phone;
    },
    async present(page, room) {
      await page.goto(room.presentUrl.replace(/^http:\/\/[^/]+/, server.url));
      await page.locator('rs-presenter-status').getByText('Forbundet').waitFor();
    },
    async projector(room, options = {}) {
      const page = await suite.page({ viewport: PROJECTOR, ...options });
      await suite.present(page, room);
      return page;
    },
    async roomWithPhones(n, { deck = 'alle-aktiviteter', slide, errors, ...pages } = {}) {
      const room = await createRoom(server.url, deck);
      const projector = await suite.projector(room, { ...pages.projector, errors });
      if (slide !== undefined) await goToSlide(projector, slide);
      const phones = await suite.joinPhones(room, n, { ...pages.phone, errors });
      return { room, projector, phones };
    },
    async roomWithFacilitator(deck = 'alle-aktiviteter') {
      const room = await createRoom(server.url, deck);
      const fac = await suite.presenter(room);
      fac.show({ slide: 0, slideTitle: 'Start', activity: null, board: null });
      return { room, fac };
    },
    async presenter(room) {
      const fac = await presenter(server.url, room);
      clients.push(fac.client);
      return fac;
    },
    async closeContexts() {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    },
  };
  beforeAll(async () => {
    suite.browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await suite.closeContexts();
    for (const c of clients) c.destroy();
    await suite.browser?.close();
  });
  return suite;
}
