// A server-wide cap on exports that start a headless Chromium (PDF, PNG): a few run, a few wait, the rest are told to come back.
import { ExportError } from './index.js';

export interface ExportGateLimits {
  /** Chromium exports running at once; 0 turns PDF and PNG off. */
  running: number;
  /** Exports waiting for a free place; more than this are refused at once. */
  queued: number;
  /** Longest wait in the queue, and longest render once started (ms). */
  timeoutMs: number;
}

/** Two at once, four waiting, 20 s each: one export took 30 s of a small server's CPU before this cap. */
export const DEFAULT_EXPORT_GATE: ExportGateLimits = { running: 2, queued: 4, timeoutMs: 20_000 };

interface Waiter {
  start(): void;
  timer: NodeJS.Timeout;
}

export interface ExportGateStats {
  running: number;
  queued: number;
  /** The most that ever ran at once (tests check the cap with it). */
  peakRunning: number;
  /** Exports told to come back, those whose wait ran out included. */
  refused: number;
  timedOut: number;
}

export class ExportGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private peak = 0;
  private refused = 0;
  private timedOut = 0;
  /** A running mean of render times, so Retry-After says roughly when a place frees up. */
  private meanMs = 3_000;

  constructor(readonly limits: ExportGateLimits = DEFAULT_EXPORT_GATE) {}

  stats(): ExportGateStats {
    return { running: this.running, queued: this.waiting.length, peakRunning: this.peak, refused: this.refused, timedOut: this.timedOut };
  }

  /** Seconds until a place is likely free: the renders ahead of a newcomer, shared over the places. */
  retryAfter(): number {
    const ahead = this.waiting.length + this.running;
    const places = Math.max(1, this.limits.running);
    return Math.min(120, Math.max(1, Math.ceil(((ahead / places) * this.meanMs) / 1000)));
  }

  /** Runs `work` when a place is free; refuses with 503 and Retry-After when the queue is full or the wait too long. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.limits.running <= 0) {
      throw new ExportError(
        503,
        'internal',
        'PDF og PNG er slået fra på denne server (EXPORT_CONCURRENCY=0). Hent referatet som HTML og udskriv det som PDF.',
      );
    }
    await this.enter();
    const started = Date.now();
    try {
      return await work();
    } finally {
      this.meanMs = this.meanMs * 0.7 + (Date.now() - started) * 0.3;
      this.leave();
    }
  }

  private busy(): ExportError {
    this.refused++;
    const seconds = this.retryAfter();
    return new ExportError(
      503,
      'rate_limited',
      `Serveren laver allerede ${this.running} PDF- eller PNG-eksporter, og ${this.waiting.length} venter. Prøv igen om ca. ${seconds} sekunder; JSON, CSV, Excel, HTML og Markdown kan hentes med det samme.`,
      seconds,
    );
  }

  private enter(): Promise<void> {
    if (this.running < this.limits.running) {
      this.started();
      return Promise.resolve();
    }
    // Refused now rather than after a long wait: the queue is full, or the renders ahead would take longer
    // than a waiting export may wait (the mean render time, per round of free places).
    const rounds = Math.ceil((this.waiting.length + 1) / Math.max(1, this.limits.running));
    if (this.waiting.length >= this.limits.queued || rounds * this.meanMs > this.limits.timeoutMs) return Promise.reject(this.busy());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          this.started();
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          this.timedOut++;
          reject(this.busy());
        }, this.limits.timeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  private started(): void {
    this.running++;
    this.peak = Math.max(this.peak, this.running);
  }

  private leave(): void {
    this.running--;
    this.waiting.shift()?.start();
  }
}
