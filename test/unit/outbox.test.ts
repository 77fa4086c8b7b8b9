// The phone's outbox: each intent goes until the server answers, with the same id, in order within its lane.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../components/room/api.js';
import { Outbox, newIntentId, worthRetrying } from '../../components/participant/outbox.js';

interface Entry {
  id: string;
  lane: string;
}

function box(send: (e: Entry) => Promise<unknown>, entries: Entry[] = []) {
  const log: string[] = [];
  const saved: Entry[][] = [];
  const outbox = new Outbox<Entry>(
    {
      lane: (e) => e.lane,
      send,
      stored: (e) => log.push(`stored ${e.id}`),
      failed: (e, err, retry) => log.push(`${retry ? 'waits' : 'refused'} ${e.id} ${err.code}`),
      save: (list) => saved.push([...list]),
      changed: () => undefined,
    },
    entries,
  );
  return { outbox, log, saved };
}

describe('Outbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends, keeps what waits across reloads, and forgets what the server stored', async () => {
    const { outbox, log, saved } = box(async () => ({ ok: true }));
    outbox.add({ id: 'a', lane: 'x' });
    await vi.runAllTimersAsync();
    expect(log).toEqual(['stored a']);
    expect(outbox.entries).toEqual([]);
    expect(saved[0]).toEqual([{ id: 'a', lane: 'x' }]);
    expect(saved.at(-1)).toEqual([]);
  });

  it('sends one lane in order, one at a time, and lanes side by side', async () => {
    const order: string[] = [];
    const waiting: (() => void)[] = [];
    const { outbox } = box(
      (e) =>
        new Promise((resolve) => {
          order.push(e.id);
          waiting.push(() => resolve({}));
        }),
    );
    outbox.add({ id: 'note', lane: 'board' });
    outbox.add({ id: 'edit', lane: 'board' });
    outbox.add({ id: 'vote', lane: 'ballot:q1' });
    await Promise.resolve();
    expect(order).toEqual(['note', 'vote']);
    expect(outbox.isSending('note')).toBe(true);
    waiting.shift()?.();
    await vi.runAllTimersAsync();
    expect(order).toEqual(['note', 'vote', 'edit']);
  });

  it('resends with the same id after no network or a server error, backing off, and says it is offline', async () => {
    const ids: string[] = [];
    let fail = 2;
    const { outbox, log } = box(async (e) => {
      ids.push(e.id);
      if (fail-- > 0) throw new ApiError(0, 'network', 'Ingen forbindelse til serveren.');
      return {};
    });
    outbox.add({ id: 'v1', lane: 'x' });
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.offline).toBe(true);
    expect(log).toEqual(['waits v1 network']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(ids).toEqual(['v1', 'v1']);
    // The second wait is twice the first.
    await vi.advanceTimersByTimeAsync(1999);
    expect(ids).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(ids).toEqual(['v1', 'v1', 'v1']);
    expect(outbox.offline).toBe(false);
    expect(log.at(-1)).toBe('stored v1');
  });

  it('gives up on what the server refuses and goes on with the lane', async () => {
    const { outbox, log } = box(async (e) => {
      if (e.id === 'bad') throw new ApiError(409, 'board_closed', 'Tavlen er lukket.');
      return {};
    });
    outbox.add({ id: 'bad', lane: 'board' });
    outbox.add({ id: 'good', lane: 'board' });
    await vi.runAllTimersAsync();
    expect(log).toEqual(['refused bad board_closed', 'stored good']);
    expect(outbox.entries).toEqual([]);
  });

  it('drops waiting entries but never the one on its way', async () => {
    let release: () => void = () => undefined;
    const { outbox } = box(() => new Promise((resolve) => (release = () => resolve({}))));
    outbox.add({ id: 'first', lane: 'dots' });
    outbox.add({ id: 'second', lane: 'dots' });
    await Promise.resolve();
    outbox.drop((e) => e.lane === 'dots');
    expect(outbox.entries.map((e) => e.id)).toEqual(['first']);
    release();
    await vi.runAllTimersAsync();
    expect(outbox.entries).toEqual([]);
  });

  it('takes entries kept from before and sends them on flush', async () => {
    const { outbox, log } = box(async () => ({}), [{ id: 'kept', lane: 'x' }]);
    await outbox.flush();
    expect(log).toEqual(['stored kept']);
  });
});

describe('retries and ids', () => {
  it('retries no network, server errors and rate limits; not refusals', () => {
    expect([0, 500, 503, 429].map((s) => worthRetrying(new ApiError(s, 'x', '')))).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404, 409].map((s) => worthRetrying(new ApiError(s, 'x', '')))).toEqual([false, false, false, false, false]);
  });

  it('makes UUIDs the wire accepts', () => {
    expect(newIntentId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
