// Token buckets with an injected clock: a burst, then a steady rate, per key.
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { addressKey, clientAddress } from '../../server/client-address.js';
import { CodeBrake } from '../../server/code-brake.js';
import { RateLimiter } from '../../server/rate-limit.js';

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** A limiter of `burst` at once and `perSecond` after, on a clock of its own that the test moves. */
function limiter(burst: number, perSecond: number) {
  const c = clock();
  return { c, l: new RateLimiter(burst, perSecond, c.now) };
}

function takeMany(l: RateLimiter, key: string, n: number): number {
  let granted = 0;
  for (let i = 0; i < n; i++) if (l.take(key)) granted++;
  return granted;
}

describe('RateLimiter', () => {
  it('allows exactly the burst at once, then refuses', () => {
    const { l } = limiter(5, 1);
    expect(takeMany(l, 'a', 5)).toBe(5);
    expect(l.take('a')).toBe(false);
    expect(l.take('a')).toBe(false);
  });

  it('refills at the steady rate', () => {
    const { c, l } = limiter(3, 2);
    expect(takeMany(l, 'a', 3)).toBe(3);
    c.advance(499);
    expect(l.take('a')).toBe(false);
    c.advance(1);
    expect(l.take('a')).toBe(true);
    expect(l.take('a')).toBe(false);
    c.advance(1_000);
    expect(takeMany(l, 'a', 5)).toBe(2);
  });

  it('refused attempts do not use up tokens', () => {
    const { c, l } = limiter(1, 1);
    expect(l.take('a')).toBe(true);
    // Quarter seconds add up exactly in binary floating point (tenths would not: 10 × 0.1 < 1).
    for (let i = 0; i < 3; i++) {
      c.advance(250);
      expect(l.take('a')).toBe(false);
    }
    c.advance(250);
    expect(l.take('a')).toBe(true);
    expect(l.take('a')).toBe(false);
  });

  it('never holds more than the burst after a long pause', () => {
    const { c, l } = limiter(4, 10);
    expect(takeMany(l, 'a', 4)).toBe(4);
    c.advance(3_600_000);
    expect(takeMany(l, 'a', 10)).toBe(4);
  });

  it('keeps keys apart', () => {
    const { l } = limiter(2, 1);
    expect(takeMany(l, 'a', 3)).toBe(2);
    expect(takeMany(l, 'b', 3)).toBe(2);
    expect(l.take('a')).toBe(false);
  });

  it('works with slow rates such as a few per minute', () => {
    const { c, l } = limiter(2, 30 / 60);
    expect(takeMany(l, 'ip', 2)).toBe(2);
    c.advance(1_999);
    expect(l.take('ip')).toBe(false);
    c.advance(1);
    expect(l.take('ip')).toBe(true);
  });

  it('sustains the configured rate over a long run of steady traffic', () => {
    const { c, l } = limiter(20, 5);
    let granted = 0;
    // 60 seconds at 50 attempts per second.
    for (let ms = 0; ms < 60_000; ms += 20) {
      c.advance(20);
      if (l.take('busy')) granted++;
    }
    // The burst plus five a second, give or take one for rounding.
    expect(granted).toBeGreaterThanOrEqual(20 + 5 * 60 - 1);
    expect(granted).toBeLessThanOrEqual(20 + 5 * 60 + 1);
  });

  it('defaults to the real clock', async () => {
    const l = new RateLimiter(1, 20);
    expect(l.take('a')).toBe(true);
    expect(l.take('a')).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(l.take('a')).toBe(true);
  });

  it('still limits an exhausted key after the map of keys has been trimmed', () => {
    const { l } = limiter(3, 1);
    expect(takeMany(l, 'hammer', 3)).toBe(3);
    for (let i = 0; i < 50_001; i++) l.take(`phone-${i}`);
    expect(l.take('hammer')).toBe(false);
  });
});

describe('RateLimiter sweep', () => {
  it('never gives back a spent token when forgetting keys, even with a burst of one', () => {
    let t = 1_000_000;
    const l = new RateLimiter(1, 1 / 60, () => t, 100);
    expect(l.take('x')).toBe(true);
    expect(l.take('x')).toBe(false);
    t += 1500;
    for (let i = 0; i < 200; i++) l.take(`other-${i}`);
    expect(l.take('x')).toBe(false);
    // Keys whose buckets are full again are forgotten; the map does not grow without end.
    t += 61_000;
    l.take('y');
    expect(l.size).toBeLessThan(10);
    expect(l.take('x')).toBe(true);
  });
});

describe('CodeBrake', () => {
  it('is checked before the lookup: once wrong codes spent the allowance, every try waits, per address and server-wide', () => {
    const c = clock();
    const brake = new CodeBrake({ addressBurst: 2, addressPerMinute: 60, serverBurst: 3, serverPerMinute: 60 }, c.now);
    expect(brake.check('a')).toEqual({ ok: true });
    brake.miss('a');
    brake.miss('a');
    expect(brake.check('a')).toEqual({ ok: false, retryAfter: 1, scope: 'address' });
    // Another address still may, until the server's allowance is spent too: then every address that has
    // missed waits, while one that has typed no wrong code still walks in.
    expect(brake.check('b')).toEqual({ ok: true });
    brake.miss('b');
    expect(brake.check('b')).toMatchObject({ ok: false, scope: 'server' });
    expect(brake.check('c')).toEqual({ ok: true });
    c.advance(1000);
    expect(brake.check('a')).toEqual({ ok: true });
    expect(brake.check('b')).toEqual({ ok: true });
  });
});

describe('addressKey and clientAddress', () => {
  const req = (remote: string, forwarded?: string) =>
    ({
      socket: { remoteAddress: remote },
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    }) as unknown as IncomingMessage;

  it('counts an IPv6 network by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0003::9')).toBe('2001:db8:1:3::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });

  it('behind trusted proxies takes the entry the nearest one appended, never what the client wrote', () => {
    expect(clientAddress(req('10.0.0.1', '6.6.6.6, 203.0.113.99'), true)).toBe('203.0.113.99');
    expect(clientAddress(req('10.0.0.1', '6.6.6.6, 203.0.113.99, 10.0.0.2'), 2)).toBe('203.0.113.99');
    expect(clientAddress(req('10.0.0.1', '203.0.113.99'), 1)).toBe('203.0.113.99');
    // Without a trusted proxy the header is the client's own words and is ignored.
    expect(clientAddress(req('198.51.100.4', '6.6.6.6'), false)).toBe('198.51.100.4');
    expect(clientAddress(req('198.51.100.4'), 1)).toBe('198.51.100.4');
  });
});
