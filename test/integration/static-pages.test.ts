// The built pages under a running server: a rebuild (new hashed assets, new pages) is picked up without
// a restart, so a page never points at assets that are gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { staticPages } from '../../server/http/pages.js';

let dir: string;
let server: Server;
let url: string;

function build(asset: string, when: Date): void {
  writeFileSync(join(dir, `${asset}.js`), `console.log("${asset}")`);
  for (const name of ['index', 'join', 'present']) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, `<!doctype html><script type="module" src="/${asset}.js"></script>`);
    utimesSync(file, when, when);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radslag-dist-'));
  build('app-aaaa', new Date(Date.now() - 60_000));
  const pages = staticPages(dir);
  server = createServer((req, res) => {
    if (req.url === '/join') void pages.page('join', req, res);
    else pages.asset(req, res, () => res.writeHead(404).end('missing'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('static pages', () => {
  it('follow a rebuild: the new page and its new asset are served, the old asset is gone', async () => {
    expect(await (await fetch(`${url}/join`)).text()).toContain('/app-aaaa.js');
    expect((await fetch(`${url}/app-aaaa.js`)).status).toBe(200);

    rmSync(join(dir, 'app-aaaa.js'));
    build('app-bbbb', new Date());
    // Checked at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await (await fetch(`${url}/join`)).text()).toContain('/app-bbbb.js');
    const asset = await fetch(`${url}/app-bbbb.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('app-bbbb');
    expect((await fetch(`${url}/app-aaaa.js`)).status).toBe(404);
  });
});
