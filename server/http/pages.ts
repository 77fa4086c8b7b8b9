// Static pages: the built pages (cached, refreshed after a rebuild) and their assets, with the headers every answer carries.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sirv from 'sirv';
import { contentSecurityPolicy } from '../csp.js';

export interface PageOptions {
  /** Rewrites the page before it is sent (the participant page's server-rendered part). */
  transform?: (html: string) => string;
  status?: number;
  /** False for pages served by Vite in development, whose client runs inline. */
  csp?: boolean;
}

/** Serves the built (or, in development, Vite-served) pages; `asset` calls `next` when nothing matched. */
export interface PageServer {
  page(
    name: 'index' | 'join' | 'present' | 'console' | 'edit',
    req: IncomingMessage,
    res: ServerResponse,
    options?: PageOptions,
  ): Promise<void>;
  asset(req: IncomingMessage, res: ServerResponse, next: () => void): void;
}

export function staticPages(distDir: string): PageServer {
  const serveAssets = () => sirv(distDir, { etag: true, gzip: false, immutable: true, dotfiles: false });
  let assets = serveAssets();
  const cache = new Map<string, string>();
  // sirv lists the files once and the pages are cached, so a rebuild under a running server would leave
  // pages pointing at deleted assets and new assets unserved. At most once a second, look whether the
  // build changed (its pages' time stamps) and start afresh if it did.
  const stamp = () =>
    ['index', 'join', 'present'].map((n) => statSync(join(distDir, `${n}.html`), { throwIfNoEntry: false })?.mtimeMs ?? 0).join();
  let build = stamp();
  let checkedAt = Date.now();
  const fresh = () => {
    const now = Date.now();
    if (now - checkedAt < 1000) return;
    checkedAt = now;
    const next = stamp();
    if (next === build) return;
    build = next;
    cache.clear();
    assets = serveAssets();
  };
  return {
    async page(name, _req, res, options = {}) {
      fresh();
      let html = cache.get(name);
      if (html === undefined) {
        html = await readFile(join(distDir, `${name}.html`), 'utf8');
        cache.set(name, html);
      }
      sendPage(res, html, options);
    },
    asset(req, res, next) {
      // A rebuild replaces hashed asset files; one that vanished is a 404, never a crash of the server.
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        return next();
      }
      if (path !== '/' && (path.includes('\0') || !existsSync(join(distDir, path)))) return next();
      fresh();
      assets(req, res, next);
    },
  };
}

/** Headers every answer carries: no type sniffing, no address leaking to other sites, no framing elsewhere. */
export function securityHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  // Not "no-referrer": under it a browser sends `Origin: null` with the page's own form posts, which the
  // cross-site check must refuse. "same-origin" keeps the address (and the code in it) from other sites.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'SAMEORIGIN');
}

/** A page, rewritten if asked; a rewritten page holds someone's own state and is never cached. */
export function sendPage(res: ServerResponse, html: string, options: PageOptions = {}): void {
  const body = options.transform ? options.transform(html) : html;
  res.writeHead(options.status ?? 200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': options.transform ? 'no-store' : 'no-cache',
    'content-length': Buffer.byteLength(body),
    ...(options.csp === false ? {} : { 'content-security-policy': contentSecurityPolicy() }),
  });
  res.end(body);
}
