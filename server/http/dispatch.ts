// One request through the route table: the checks every request passes, the table's handler or the static files, and errors as JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../respond.js';
import { ambiguousRoomAddress } from '../cluster/routing.js';
import { StorageError } from '../storage.js';
import { HttpError } from './errors.js';
import type { Limits } from './limits.js';
import { securityHeaders, type PageServer } from './pages.js';
import { pathSegments, type RouteTable } from './router.js';
import type { Site } from './site.js';

export interface DispatchDeps {
  table: RouteTable;
  /** Several processes behind HAProxy: a room's address must be written one way only (server/cluster/routing.ts). */
  canonicalRoomAddresses?: boolean;
  site: Pick<Site, 'fromElsewhere'>;
  limits: Pick<Limits, 'admit'>;
  pages: PageServer;
  log: (message: string) => void;
}

/** Methods that change nothing: the cross-site check leaves them alone. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createDispatch(deps: DispatchDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { table, site, limits, pages, log } = deps;

  async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (deps.canonicalRoomAddresses && ambiguousRoomAddress(req.url ?? '/')) {
      throw new HttpError(400, 'invalid_request', 'Adressen skal skrives uden %-tegn, tomme led og punktum-led.');
    }
    const path = pathSegments(url.pathname);
    securityHeaders(res);
    const method = req.method ?? 'GET';
    const found = table.match(method, path, url);
    const run = () => found?.route.handle({ req, res, url, params: found.params });
    // The health check answers before any check, so a monitor never spends an allowance.
    if (found?.route.open) return await run();
    if (!SAFE.has(method) && site.fromElsewhere(req)) {
      throw new HttpError(403, 'cross_site', 'Forespørgslen kom fra en anden side og er afvist. Åbn Rådslag direkte.');
    }
    if (path[0] === 'api') {
      // Every API call spends the address's allowance, a call to nothing too.
      limits.admit(req);
      if (found) return await run();
      throw new HttpError(404, 'not_found', `Ingen sådan handling: ${method} ${req.url?.split('?')[0] ?? ''}`);
    }
    if (found) return await run();
    // Anything else is a static file, for GET and HEAD only.
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', 'Kun GET er tilladt her.');
    pages.asset(req, res, () => sendError(res, 404, 'not_found', 'Siden findes ikke.'));
  }

  return async (req, res) => {
    let url = new URL('http://x/');
    try {
      url = new URL(req.url ?? '/', 'http://x');
      await dispatch(req, res, url);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        if (err.retryAfter !== undefined) res.setHeader('retry-after', String(err.retryAfter));
        return sendError(res, err.status, err.code, err.message);
      }
      if (err instanceof StorageError) {
        log(err.message);
        return sendError(res, 503, 'storage_unavailable', 'Lageret svarer ikke lige nu. Prøv igen om et øjeblik.');
      }
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return sendError(res, 503, 'internal', 'Siden er ikke bygget: kør "npm run build" (npm start gør det selv).');
      }
      log(`fejl ved ${req.method} ${url.pathname}: ${(err as Error).stack ?? String(err)}`);
      return sendError(res, 500, 'internal', 'Der skete en fejl på serveren. Prøv igen.');
    }
  };
}
