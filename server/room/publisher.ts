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
   * How often at most states, counts and results are published into the public document every phone gets: a change
   * in a quiet room goes out at once, one during the interval after a publication waits for the interval's end.
   */
  readonly publishIntervalMs: number;
  /**
   * The same for live tallies and presence in the facilitators' document (a few sockets, so it can be often); the
   * public interval when not set, and never longer than it.
   */
  readonly liveIntervalMs?: number;
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
  /** Activities whose state, count or results the public document has yet to get. */
  private readonly dirty = new Set<string>();
  /** Activities whose live tally the facilitators' document has yet to get. */
  private readonly dirtyLive = new Set<string>();
  private presenceDirty = true;
  private metaDirty = false;
  private readonly strays: [Y.Map<unknown>, string][] = [];
  /** When each activity's answered count last went to the public document. */
  private readonly countPublishedAt = new Map<string, number>();
  private countTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly deferred = new Set<string>();
  /** The public document: every phone gets each flush (while results show, a tally per flush). */
  private readonly publicFlush = new Throttle(
    () => this.flushPublic(),
    () => this.host.publishIntervalMs,
  );
  /** The facilitators' document: a few sockets, so a vote shows on the console within the shorter live interval. */
  private readonly liveFlush = new Throttle(
    () => this.flushLive(),
    () => Math.min(this.host.liveIntervalMs ?? this.host.publishIntervalMs, this.host.publishIntervalMs),
  );
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
    for (const id of activityIds) {
      this.dirty.add(id);
      this.dirtyLive.add(id);
    }
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

  /** An activity's state, counts or tally changed: published with the next flush of each document. */
  activityChanged(activityId: string): void {
    this.dirty.add(activityId);
    this.dirtyLive.add(activityId);
    this.schedule();
  }

  presenceChanged(): void {
    this.presenceDirty = true;
    if (!this.closed) this.liveFlush.schedule();
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

  /** A flush of both documents soon, each at most once per its interval (class Throttle). */
  schedule(): void {
    if (this.closed) return;
    this.publicFlush.schedule();
    if (this.dirtyLive.size > 0 || this.presenceDirty) this.liveFlush.schedule();
  }

  /** Publish what changed now, in both documents (a facilitator's action, a room closing). */
  flush(): void {
    this.flushPublic();
    this.flushLive();
  }

  /** States and answered counts to everyone, revealed results to everyone, boards. */
  private flushPublic(): void {
    this.publicFlush.ran();
    if (this.closed) return;
    if (this.metaDirty) {
      this.metaDirty = false;
      this.writeMeta();
    }
    const { publicDoc } = this.host;
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
    }
    this.host.flushBoards();
  }

  /** Live tallies and presence to the facilitators. */
  private flushLive(): void {
    this.liveFlush.ran();
    if (this.closed) return;
    const { liveDoc } = this.host;
    const dirty = [...this.dirtyLive];
    this.dirtyLive.clear();
    if (dirty.length > 0) {
      liveDoc.transact(() => {
        const tallies = liveDoc.getMap(LIVE_DOC.tallies);
        const hidden = liveDoc.getMap(LIVE_DOC.hiddenEntries);
        for (const id of dirty) {
          const state = this.host.stateOf(id);
          if (this.host.sealed(id, state)) tallies.delete(id);
          else tallies.set(id, structuredClone(publicTally(this.host.tally(id), [])));
          if (!sameJson(hidden.get(id) ?? [], state.hiddenEntries)) hidden.set(id, [...state.hiddenEntries]);
        }
      }, 'server');
    }
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
    this.publicFlush.cancel();
    this.liveFlush.cancel();
    if (this.countTimer) clearTimeout(this.countTimer);
  }
}

/**
 * At most one run per interval, leading edge: a change when nothing ran within the interval runs on the next turn of
 * the event loop (whatever else arrives in the same turn goes with it); otherwise at the interval's end, so that a
 * flood of ballots is published a batch at a time. Times are performance.now(), which no clock adjustment moves.
 */
class Throttle {
  private pending:
    | { kind: 'immediate'; handle: ReturnType<typeof setImmediate> }
    | { kind: 'timeout'; handle: ReturnType<typeof setTimeout> }
    | null = null;
  private lastRunAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: () => number,
  ) {}

  schedule(): void {
    if (this.pending) return;
    const wait = this.lastRunAt + this.intervalMs() - performance.now();
    if (wait <= 0) this.pending = { kind: 'immediate', handle: setImmediate(this.run) };
    else this.pending = { kind: 'timeout', handle: setTimeout(this.run, wait) };
  }

  /** A run happened (scheduled or direct): the next waits an interval from now. */
  ran(): void {
    this.cancel();
    this.lastRunAt = performance.now();
  }

  cancel(): void {
    if (this.pending?.kind === 'immediate') clearImmediate(this.pending.handle);
    else if (this.pending?.kind === 'timeout') clearTimeout(this.pending.handle);
    this.pending = null;
  }
}

/** The server's own writes and the stored log's are trusted; anything else on a server-owned map is a stray. */
function fromServer(event: Y.YMapEvent<unknown>): boolean {
  return event.transaction.origin === 'server' || event.transaction.origin === 'storage';
}
