// The phone's outbox: intents (votes, notes, dots) kept until the server has stored them, resent with the same id.
import { ApiError } from '../room/api.js';

/** Anything the outbox can hold: an id made once, which the server uses to count a retry only once. */
export interface OutboxEntry {
  id: string;
}

/** How a failed send is taken: tried again later (no network, a server in trouble, too many at once) or given up. */
export function worthRetrying(e: ApiError): boolean {
  return e.status === 0 || e.status >= 500 || e.status === 429;
}

/** A request's failure as the ApiError the request helper throws; anything else counts as no network. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
}

export interface OutboxOptions<T extends OutboxEntry> {
  /** Entries in one lane go out one at a time and in order (a note before its edit); lanes go out side by side. */
  lane(entry: T): string;
  /** Sends one entry; resolves with the server's answer, rejects with what the request helper throws. */
  send(entry: T): Promise<unknown>;
  /** The server stored it. */
  stored(entry: T, answer: unknown): void;
  /** The server refused it, or could not take it now (`retry`: it stays and goes again later). */
  failed(entry: T, error: ApiError, retry: boolean): void;
  /** The entries changed: keep them across reloads. */
  save(entries: readonly T[]): void;
  /** Something the page shows may have changed. */
  changed(): void;
  /** First wait before a retry (ms); it doubles up to `maxDelay`. */
  delay?: number;
  maxDelay?: number;
}

export class Outbox<T extends OutboxEntry> {
  private list: T[];
  /** Lanes with an entry on its way, and that entry's id. */
  private readonly sending = new Map<string, string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private lastOffline = false;

  constructor(
    private readonly options: OutboxOptions<T>,
    entries: readonly T[] = [],
  ) {
    this.list = [...entries];
    this.retryDelay = options.delay ?? 1000;
  }

  /** Every entry not yet stored, oldest first, the ones on their way included. */
  get entries(): readonly T[] {
    return this.list;
  }

  /** Whether the phone is offline as far as the last attempt to send told. */
  get offline(): boolean {
    return this.lastOffline;
  }

  isSending(id: string): boolean {
    for (const sent of this.sending.values()) if (sent === id) return true;
    return false;
  }

  /** Queues an entry, and sends what waits. */
  add(entry: T): void {
    this.list.push(entry);
    this.options.save(this.list);
    this.options.changed();
    void this.flush();
  }

  /** Drops waiting entries that `which` picks; one already on its way cannot be called back. */
  drop(which: (entry: T) => boolean): void {
    const before = this.list.length;
    this.list = this.list.filter((e) => this.isSending(e.id) || !which(e));
    if (this.list.length !== before) this.options.save(this.list);
  }

  /** Sends every waiting entry; called on a new entry, on reconnect, when back online and by the retry timer. */
  async flush(): Promise<void> {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const lanes = new Set(this.list.map((e) => this.options.lane(e)));
    const again = await Promise.all([...lanes].map((lane) => this.flushLane(lane)));
    this.options.changed();
    if (again.includes(true) && this.list.length > 0) {
      this.retryTimer = setTimeout(() => void this.flush(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxDelay ?? 10_000);
    }
  }

  /** Sends one lane's entries in order; true when one must be tried again later. */
  private async flushLane(lane: string): Promise<boolean> {
    if (this.sending.has(lane)) return false;
    for (;;) {
      const entry = this.list.find((e) => this.options.lane(e) === lane);
      if (!entry) return false;
      this.sending.set(lane, entry.id);
      try {
        const answer = await this.options.send(entry);
        this.lastOffline = false;
        this.retryDelay = this.options.delay ?? 1000;
        this.options.stored(entry, answer);
      } catch (err) {
        const e = asApiError(err);
        const retry = worthRetrying(e);
        if (retry) this.lastOffline = e.status === 0;
        this.options.failed(entry, e, retry);
        if (retry) return true;
      } finally {
        this.sending.delete(lane);
      }
      this.list = this.list.filter((e) => e.id !== entry.id);
      this.options.save(this.list);
      this.options.changed();
    }
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

/** A fresh intent id (a UUID, as the wire asks). */
export function newIntentId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; phones on a LAN address over plain http do not have one.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
