// The timers that close an activity when its countdown runs out; the deadline is the stored closesAt, so it survives a restart.
import type { ActivityState } from '../../core/room-doc.js';

export class Countdowns {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private stopped = false;

  /** `due` closes the activity (as a facilitator's close would). */
  constructor(private readonly due: (activityId: string) => void) {}

  /** Follows the activity's state: a timer while it is open with a deadline, none otherwise. */
  arm(activityId: string, state: ActivityState | undefined): void {
    const old = this.timers.get(activityId);
    if (old) clearTimeout(old);
    this.timers.delete(activityId);
    if (state?.status !== 'open' || state.closesAt === null || this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(activityId);
        this.due(activityId);
      },
      Math.max(0, state.closesAt - Date.now()),
    );
    this.timers.set(activityId, timer);
  }

  /** The room is closing: no timer fires any more, and none is armed again. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
