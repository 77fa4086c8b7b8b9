// Who a request comes from, as every per-address limit counts it: one key per IPv4 address, one per IPv6 /64.
import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address, `::` expanded; undefined for anything else. */
function ipv6Groups(address: string): string[] | undefined {
  if (!isIPv6(address)) return undefined;
  const [head = '', tail] = address.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const widen = (groups: string[]) => groups.flatMap((g) => (isIPv4(g) ? ['v4', 'v4'] : [g]));
  const l = widen(left);
  const r = widen(right);
  const fill = tail === undefined ? [] : Array.from({ length: 8 - l.length - r.length }, () => '0');
  return [...l, ...fill, ...r];
}

/**
 * One key per person's network: an IPv4 address as it is; an IPv4 address mapped into IPv6 as the IPv4
 * address; any other IPv6 address by its /64, which one household or one attacker gets whole (a limit per
 * single IPv6 address would be a limit per 2⁶⁴ addresses).
 */
export function addressKey(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped) return mapped[1]!;
  const groups = ipv6Groups(trimmed);
  if (!groups) return trimmed;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The client's address. Behind `trustProxy` proxies, the entry the nearest trusted proxy appended to
 * X-Forwarded-For: counted from the right, because everything to the left of it came from the client, who
 * can write anything there.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean | number): string {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : Math.max(0, Math.floor(trustProxy));
  if (hops > 0) {
    const header = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const chosen = entries[entries.length - hops] ?? entries[0];
    if (chosen) return addressKey(chosen);
  }
  return addressKey(req.socket.remoteAddress ?? 'unknown');
}
