// One brake on every path that takes a join code: checked before the code is looked up, per address and server-wide.
//
// A join code is six digits, so what keeps a live room from being found is the number of guesses the server
// answers. Only wrong codes spend the allowance, so a room full of phones that scan the right code never
// feels it; but the brake is checked *before* the lookup, so once an address (or the whole server) has spent
// its allowance a right code waits like a wrong one — a guesser learns nothing from the answer's timing or
// status while braked. Phones that already belong to the room (their cookie) do not pass through here, and
// the server-wide brake never stops an address that has not missed.
import { RateLimiter } from './rate-limit.js';

export interface CodeBrakeLimits {
  /** Wrong codes one address may try at once, then this many a minute. */
  addressBurst: number;
  addressPerMinute: number;
  /** Wrong codes the whole server answers at once, then this many a minute (guessing from many addresses). */
  serverBurst: number;
  serverPerMinute: number;
}

export type BrakeVerdict = { ok: true } | { ok: false; retryAfter: number; scope: 'address' | 'server' };

const SERVER = '*';

export class CodeBrake {
  private readonly byAddress: RateLimiter;
  private readonly server: RateLimiter;

  constructor(limits: CodeBrakeLimits, now: () => number = Date.now) {
    this.byAddress = new RateLimiter(limits.addressBurst, limits.addressPerMinute / 60, now);
    this.server = new RateLimiter(limits.serverBurst, limits.serverPerMinute / 60, now);
  }

  /** Before looking a code up: may this address try one now? */
  check(address: string): BrakeVerdict {
    if (!this.byAddress.ready(address))
      return { ok: false, retryAfter: Math.max(1, this.byAddress.waitSeconds(address)), scope: 'address' };
    // The server-wide brake holds back only addresses that have missed lately: guessing from many addresses
    // is slowed, while a phone on an address that has typed no wrong code walks in even then — otherwise a
    // guesser could lock every new phone out of every room.
    if (!this.byAddress.full(address) && !this.server.ready(SERVER)) {
      return { ok: false, retryAfter: Math.max(1, this.server.waitSeconds(SERVER)), scope: 'server' };
    }
    return { ok: true };
  }

  /** After a lookup found no room: the guess is paid for by the address and by the server. */
  miss(address: string): void {
    this.byAddress.take(address);
    this.server.take(SERVER);
  }
}
