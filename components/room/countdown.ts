// The seconds left of an activity's countdown, and a host that renders again twice a second while one runs.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ActivityState } from '../../core/room-doc.js';

/** Seconds left before the server closes an open activity by itself; null when no countdown runs. */
export function secondsLeft(state: Pick<ActivityState, 'status' | 'closesAt'> | undefined, now = Date.now()): number | null {
  return state?.status === 'open' && state.closesAt ? Math.max(0, Math.ceil((state.closesAt - now) / 1000)) : null;
}

export class CountdownController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The seconds left of `state`'s countdown (see secondsLeft); the host ticks while there are. */
  remaining(state: Pick<ActivityState, 'status' | 'closesAt'> | undefined): number | null {
    const left = secondsLeft(state);
    this.running = left !== null;
    return left;
  }

  private set running(on: boolean) {
    if (on && !this.timer) this.timer = setInterval(() => this.host.requestUpdate(), 500);
    if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  hostDisconnected(): void {
    this.running = false;
  }
}
