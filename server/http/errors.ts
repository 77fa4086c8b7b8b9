// The error a route throws to answer with a status and a code: `{"error":{"code","message"}}`, with Retry-After when it has one.
import type { ErrorCode } from '../../core/wire.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Seconds after which trying again makes sense; sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** A refusal for spending an allowance too fast: 429, and when to come back. */
export function tooMany(seconds: number, message: string): never {
  throw new HttpError(429, 'rate_limited', message, seconds);
}
