// Publishing a room into its shared documents: states, counts, results and presence, throttled; stray writes to server-owned maps undone.
import type * as Y from 'yjs';
import type { Tally } from '../../core/activity.js';
import { type ActivityState, DOC, LIVE_DOC, type Presence, type RoomMeta } from '../../core/room-doc.js';
import { publicTally } from './ballots.js';
import { putIfChanged, removeIfPresent, sameJson } from './doc-maps.js';

/** The answered count alone reaches the phones at most this often. */
const PUBLIC_COUNT_INTERVAL_MS = 1000;

/** What the publisher reads from the room; it never changes the room, only the documents. */
export interface PublisherHost {
  readonly publicDoc: Y.Doc;
  readonly liveDoc: Y.Doc;
  /**
   * How often at most tallies and presence are published into the shared documents: a change in a quiet room goes
   * out at once, one during the interval after a publication waits for the interval's end.
   */
  readonly publishIntervalMs: number;
  meta(): RoomMeta;
  isActivity(id: string): boolean;
  /** The activity's state with its counts, hidden entries included (left out here for the public document). */
  stateOf(activityId: string): ActivityState;
  tally(activityId: string): Tally | undefined;
  /** A members-only vote's split is withheld while it is open (server/members.ts). */
  sealed(activityId: string, state: ActivityState): boolean;
  presence(): Presence;
  /** A write to a server-owned board map: the boards put it back. */
  restoreBoard(map: 'boards' | 'notes' | 'dots', key: string): void;
  /** The boards publish their own changes in the same flush. */
  flushBoards(): void;
}

export class Publisher {
  private readonly dirty = new Set<string>();
  private presenceDirty = true;
  private metaDirty = false;
  private readonly strays: [Y.Map<unknown>, string][] = [];
  /** When each activity's answered count last went to the public document. */
  private readonly countPublishedAt = new Map<string, number>();
  private countTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly deferred = new Set<string>();
  /** The flush waiting to run: on the next turn of the event loop (a quiet room), or at the interval's end. */
  private pending:
    | { kind: 'immediate'; handle: ReturnType<typeof setImmediate> }
    | { kind: 'timeout'; handle: ReturnType<typeof setTimeout> }
    | null = null;
  /** When the last flush ran (performance.now(), which no clock adjustment moves). */
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(private readonly host: PublisherHost) {
    const doc = host.publicDoc;
    for (const name of [DOC.activities, DOC.results, DOC.meta]) doc.getMap(name).observe(this.guardServerOwned);
    for (const name of [DOC.boards, DOC.notes, DOC.dots] as const) {
      doc.getMap(name).observe((event) => {
        if (fromServer(event)) return;
        for (const key of event.keysChanged) host.restoreBoard(name, key);
      });
    }
  }

  /** Facilitators may write the document, but states, results and meta are the server's: a stray write is undone. */
  private readonly guardServerOwned = (event: Y.YMapEvent<unknown>): void => {
    if (fromServer(event)) return;
    let metaTouched = false;
    for (const key of event.keysChanged) {
      if (event.target === this.host.publicDoc.getMap(DOC.meta)) metaTouched = true;
      else if (this.host.isActivity(key)) this.dirty.add(key);
      else this.strays.push([event.target as Y.Map<unknown>, key]);
    }
    if (metaTouched) this.metaDirty = true;
    this.schedule();
  };

  /** Server-owned parts of the public document, rebuilt from what the room loaded so they always match the ballots. */
  publishAll(activityIds: Iterable<string>): void {
    this.writeMeta();
    for (const id of activityIds) this.dirty.add(id);
    this.flush();
  }

  private writeMeta(): void {
    const doc = this.host.publicDoc;
    doc.transact(() => {
      const meta = this.host.meta();
      const metaMap = doc.getMap(DOC.meta);
      for (const k of metaMap.keys()) if (!(k in meta)) metaMap.delete(k);
      for (const [k, v] of Object.entries(meta)) if (metaMap.get(k) !== v) metaMap.set(k, v);
    }, 'server');
  }

  /** An activity's state, counts or tally changed: published with the next flush. */
  activityChanged(activityId: string): void {
    this.dirty.add(activityId);
    this.schedule();
  }

  presenceChanged(): void {
    this.presenceDirty = true;
    this.schedule();
  }

  /** Publish an answered count that was held back, once it is due. */
  private deferCount(activityId: string, due: number): void {
    this.deferred.add(activityId);
    // A pending timer's flush picks this activity up too.
    if (this.countTimer || this.closed) return;
    this.countTimer = setTimeout(
      () => {
        this.countTimer = null;
        for (const id of this.deferred) this.dirty.add(id);
        this.deferred.clear();
        // Through the throttle, so that the count's own flush keeps the room within one flush per interval.
        this.schedule();
      },
      Math.max(0, due - Date.now()),
    );
  }

  /**
   * A flush soon, at most one per publish interval (leading edge): if none ran within the interval, on the next turn
   * of the event loop, so that whatever else arrives in the same turn goes out with it; otherwise at the end of the
   * interval, so that a flood of ballots is published a batch at a time.
   */
  schedule(): void {
    if (this.pending || this.closed) return;
    const wait = this.lastFlushAt + this.host.publishIntervalMs - performance.now();
    if (wait <= 0) this.pending = { kind: 'immediate', handle: setImmediate(() => this.flush()) };
    else this.pending = { kind: 'timeout', handle: setTimeout(() => this.flush(), wait) };
  }

  private cancelPending(): void {
    if (this.pending?.kind === 'immediate') clearImmediate(this.pending.handle);
    else if (this.pending?.kind === 'timeout') clearTimeout(this.pending.handle);
    this.pending = null;
  }

  /** Publish what changed: states and answered counts to everyone, revealed results to everyone, live tallies to facilitators. */
  flush(): void {
    this.cancelPending();
    if (this.closed) return;
    this.lastFlushAt = performance.now();
    if (this.metaDirty) {
      this.metaDirty = false;
      this.writeMeta();
    }
    const { publicDoc, liveDoc } = this.host;
    if (this.strays.length > 0) {
      const strays = this.strays.splice(0);
      publicDoc.transact(() => {
        for (const [map, key] of strays) removeIfPresent(map, key);
      }, 'server');
    }
    const dirty = [...this.dirty];
    this.dirty.clear();
    if (dirty.length > 0) {
      const states = new Map(dirty.map((id) => [id, this.host.stateOf(id)]));
      publicDoc.transact(() => {
        const activities = publicDoc.getMap(DOC.activities);
        const results = publicDoc.getMap(DOC.results);
        for (const [id, state] of states) {
          this.publishState(activities, id, state);
          const tally = this.host.sealed(id, state) ? undefined : publicTally(this.host.tally(id), state.hiddenEntries);
          if (state.revealed && tally) putIfChanged(results, id, structuredClone(tally));
          else removeIfPresent(results, id);
        }
      }, 'server');
      liveDoc.transact(() => {
        const tallies = liveDoc.getMap(LIVE_DOC.tallies);
        const hidden = liveDoc.getMap(LIVE_DOC.hiddenEntries);
        for (const [id, state] of states) {
          if (this.host.sealed(id, state)) tallies.delete(id);
          else tallies.set(id, structuredClone(publicTally(this.host.tally(id), [])));
          if (!sameJson(hidden.get(id) ?? [], state.hiddenEntries)) hidden.set(id, [...state.hiddenEntries]);
        }
      }, 'server');
    }
    this.host.flushBoards();
    if (this.presenceDirty) {
      this.presenceDirty = false;
      const presence = this.host.presence();
      liveDoc.transact(() => {
        const map = liveDoc.getMap(LIVE_DOC.presence);
        for (const [k, v] of Object.entries(presence)) if (map.get(k) !== v) map.set(k, v);
      }, 'server');
    }
  }

  /**
   * The public state, with hidden entries left out. Rewriting an equal value would still grow the persisted log.
   * A change of the answered count alone reaches every phone at most once a second (facilitators see it live in
   * their own document); anything else goes out at once.
   */
  private publishState(activities: Y.Map<unknown>, id: string, state: ActivityState): void {
    const published: ActivityState = { ...state, hiddenEntries: [] };
    const before = activities.get(id) as ActivityState | undefined;
    if (sameJson(before, published)) return;
    const countOnly = before !== undefined && sameJson({ ...before, answered: 0 }, { ...published, answered: 0 });
    const due = (this.countPublishedAt.get(id) ?? 0) + PUBLIC_COUNT_INTERVAL_MS;
    if (countOnly && Date.now() < due) this.deferCount(id, due);
    else {
      activities.set(id, published);
      this.countPublishedAt.set(id, Date.now());
    }
  }

  /** The room is closing: nothing more is published. */
  stop(): void {
    this.closed = true;
    this.cancelPending();
    if (this.countTimer) clearTimeout(this.countTimer);
  }
}

/** The server's own writes and the stored log's are trusted; anything else on a server-owned map is a stray. */
function fromServer(event: Y.YMapEvent<unknown>): boolean {
  return event.transaction.origin === 'server' || event.transaction.origin === 'storage';
}
