// The cap on Chromium exports: never more running than allowed, a short queue, then a clear refusal with Retry-After.
import { describe, expect, it } from 'vitest';
import { ExportGate } from '../../server/export/gate.js';
import { ExportError } from '../../server/export/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ExportGate', () => {
  it('runs at most `running` at once, queues `queued`, refuses the rest at once', async () => {
    const gate = new ExportGate({ running: 2, queued: 2, timeoutMs: 5_000 });
    let now = 0;
    let peak = 0;
    const work = async () => {
      now++;
      peak = Math.max(peak, now);
      await sleep(30);
      now--;
      return 'ok';
    };
    const results = await Promise.allSettled(Array.from({ length: 7 }, () => gate.run(work)));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as ExportError);
    expect(refused).toHaveLength(3);
    for (const e of refused) {
      expect(e).toBeInstanceOf(ExportError);
      expect([e.status, e.code]).toEqual([503, 'rate_limited']);
      expect(e.retryAfter).toBeGreaterThanOrEqual(1);
      expect(e.message).toMatch(/^Serveren laver allerede 2 PDF- eller PNG-eksporter/);
    }
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0, peakRunning: 2, refused: 3 });
  });

  it('a failing export gives its place back', async () => {
    const gate = new ExportGate({ running: 1, queued: 1, timeoutMs: 5_000 });
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });

  it('a wait that renders ahead would make too long is refused at once', async () => {
    // The gate starts by assuming 3 s a render, more than this limit allows any waiting export.
    const gate = new ExportGate({ running: 1, queued: 5, timeoutMs: 50 });
    const slow = gate.run(() => sleep(100).then(() => 'slow'));
    await expect(gate.run(async () => 'never')).rejects.toMatchObject({ status: 503, code: 'rate_limited' });
    await expect(slow).resolves.toBe('slow');
    expect(gate.stats()).toMatchObject({ refused: 1, timedOut: 0 });
  });

  it('a wait longer than the time limit ends in a refusal, and the place is not taken later', async () => {
    const gate = new ExportGate({ running: 1, queued: 5, timeoutMs: 50 });
    // Quick renders teach the gate that a wait is likely short, so the next one is queued.
    for (let i = 0; i < 20; i++) await gate.run(async () => 'quick');
    const slow = gate.run(() => sleep(150).then(() => 'slow'));
    const waiting = gate.run(async () => 'never');
    await expect(waiting).rejects.toMatchObject({ status: 503, code: 'rate_limited' });
    await expect(slow).resolves.toBe('slow');
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0, timedOut: 1 });
  });

  it('0 turns Chromium exports off with a message that says what to do instead', async () => {
    const gate = new ExportGate({ running: 0, queued: 0, timeoutMs: 1_000 });
    await expect(gate.run(async () => 'x')).rejects.toThrow(/slået fra.*HTML/);
  });
});
