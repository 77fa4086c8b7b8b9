// Real Chromium for tests, driven by playwright-core (the machine's own /usr/bin/chromium; no browser download).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../server/config.js';
import { ROOT, removeDir, startServer, type TestServer } from './server.js';

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

export interface BrowserSuite {
  /** Set before the file's first test. */
  server: TestServer;
  browser: Browser;
}

/** A real server (on port 0, with the test's settings) and Chromium for one test file: started before its tests, stopped after. */
export function browserSuite(config: Partial<Config> = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startServer({ config });
    suite.browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await suite.browser?.close();
    if (suite.server) {
      await suite.server.stop();
      removeDir(suite.server.dataDir);
    }
  });
  return suite;
}
