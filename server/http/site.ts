// Where a request comes from and where this server is reached: the client's address, the origins to hand out, the cross-site check.
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { clientAddress } from '../client-address.js';
import type { JoinWarning } from '../../core/wire.js';
import type { Config } from '../config.js';

/** The first non-internal IPv4 address: what a phone on the same Wi-Fi can reach. */
export function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/** HOST values that listen on every interface. */
export function listensEverywhere(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** HOST values that listen on this machine only: no phone can reach them. */
export function listensLocally(host: string): boolean {
  return host === '::1' || LOOPBACK.test(host);
}

/**
 * Where phones join when nobody said (no PUBLIC_URL): on every interface, the machine's LAN address; on
 * one address that is not loopback, that address. On loopback only, or with no network, there is none.
 */
export function phoneHost(config: Pick<Config, 'host'>): { host: string } | { warning: JoinWarning } {
  if (listensLocally(config.host)) return { warning: 'loopback' };
  if (!listensEverywhere(config.host)) return { host: config.host.includes(':') ? `[${config.host}]` : config.host };
  const lan = lanAddress();
  return lan ? { host: lan } : { warning: 'no_network' };
}

export interface Site {
  /** The client's address as every per-address limit counts it (server/client-address.ts). */
  clientAddress(req: IncomingMessage): string;
  /** This server's address as the browser sees it: PUBLIC_URL, or the Host (and, behind a proxy, its scheme). */
  origin(req: IncomingMessage): string;
  /** Whether the browser reached us over https (a cookie set now is Secure). */
  secure(req: IncomingMessage): boolean;
  /**
   * The projector's and the phones' addresses for a room; `joinWarning` when the phones' address is one
   * phones cannot reach (the presenter shows why instead of the QR code).
   */
  roomUrls(req: IncomingMessage, roomId: string, joinCode: string): { presentUrl: string; joinUrl: string; joinWarning?: JoinWarning };
  /**
   * A state-changing request made by another site — a form or a script on a page elsewhere, riding on the
   * phone's cookie or simply its network — is refused before anything runs. Browsers say where a request
   * comes from (Sec-Fetch-Site, Origin); a client without a browser says nothing and is judged by its
   * credentials alone.
   */
  fromElsewhere(req: IncomingMessage): boolean;
}

export function createSite(config: Config): Site {
  function origin(req: IncomingMessage): string {
    if (config.publicUrl) return config.publicUrl;
    const forwarded = config.trustProxy
      ? String(req.headers['x-forwarded-proto'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    const scheme = forwarded === 'https' ? 'https' : 'http';
    return `${scheme}://${req.headers.host ?? `localhost:${config.port}`}`;
  }

  /**
   * Phones cannot reach "localhost": use PUBLIC_URL, else the address phones can reach (phoneHost). When
   * there is none, the address stays the one the browser used, with the reason phones cannot use it.
   */
  function joinOrigin(req: IncomingMessage): { origin: string; warning?: JoinWarning } {
    if (config.publicUrl) return { origin: config.publicUrl };
    const host = req.headers.host ?? '';
    if (!LOOPBACK.test(host)) return { origin: origin(req) };
    const phones = phoneHost(config);
    if ('warning' in phones) return { origin: origin(req), warning: phones.warning };
    const port = /:(\d+)$/.exec(host)?.[1];
    return { origin: `http://${phones.host}${port ? `:${port}` : ''}` };
  }

  /** A Host this server answers to by itself: PUBLIC_URL's, loopback, or one of the machine's addresses. */
  function ownHost(host: string): boolean {
    const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (config.publicUrl && new URL(config.publicUrl).hostname === name) return true;
    if (LOOPBACK.test(host)) return true;
    return Object.values(networkInterfaces()).some((list) => (list ?? []).some((a) => a.address === name));
  }

  return {
    clientAddress: (req) => clientAddress(req, config.trustProxy),
    origin,
    secure: (req) => origin(req).startsWith('https:'),
    roomUrls(req, roomId, joinCode) {
      const join = joinOrigin(req);
      return {
        presentUrl: `${origin(req)}/present/${roomId}`,
        joinUrl: `${join.origin}/j/${joinCode}`,
        ...(join.warning ? { joinWarning: join.warning } : {}),
      };
    },
    fromElsewhere(req) {
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
      const from = req.headers.origin;
      if (from === undefined) return false;
      let host: string;
      try {
        host = new URL(from).host;
      } catch {
        return true; // "null" (a sandboxed frame, a file) or garbage: not this site.
      }
      const ours = new Set<string>();
      // With PUBLIC_URL the server knows its name: a page that reaches it under another name (a rebound
      // DNS name pointing at this machine) is not this site, even though its Origin matches its Host.
      if (req.headers.host && (!config.publicUrl || ownHost(req.headers.host))) ours.add(req.headers.host);
      if (config.publicUrl) ours.add(new URL(config.publicUrl).host);
      const forwarded = config.trustProxy
        ? String(req.headers['x-forwarded-host'] ?? '')
            .split(',')[0]
            ?.trim()
        : '';
      if (forwarded && (!config.publicUrl || ownHost(forwarded))) ours.add(forwarded);
      return !ours.has(host);
    },
  };
}
