// The public document's log on disk: every Yjs update appended, compacted into one snapshot now and then, repaired after a failed write.
import * as Y from 'yjs';
import { StorageError, type Storage } from '../storage.js';

/** After a document write failed, the whole document is written again after this long, then twice as long each time. */
const REPAIR_FIRST_MS = 250;
const REPAIR_MAX_MS = 30_000;

export interface DocLogOptions {
  /** Compact the document log into one snapshot after this many appended updates. */
  compactAfter: number;
  log: (message: string) => void;
}

export class DocLog {
  private appendedSinceCompaction: number;
  /**
   * An append failed, so the log on disk misses an update. Every later Yjs update builds on it, and a restart would
   * hold them all back as incomplete: only a whole snapshot in place of the log makes it whole again.
   */
  private hole = false;
  /** Counts document updates, so a repair knows whether its snapshot still holds everything. */
  private version = 0;
  private repairTimer: ReturnType<typeof setTimeout> | null = null;
  private repairDelayMs = REPAIR_FIRST_MS;
  private repairing: Promise<void> | null = null;
  /** Document writes not yet on disk: a room leaves memory only once they are. */
  private readonly writes = new Set<Promise<unknown>>();
  private closed = false;

  /** Starts logging `doc`'s updates; `appended` is how many updates the stored log holds already. */
  constructor(
    private readonly doc: Y.Doc,
    private readonly roomId: string,
    private readonly storage: Storage,
    private readonly options: DocLogOptions,
    appended: number,
  ) {
    this.appendedSinceCompaction = appended;
    doc.on('update', this.append);
  }

  /** The public document as stored: its log merged, applied with the origin the room's guards let pass. */
  static async read(storage: Storage, roomId: string): Promise<{ doc: Y.Doc; appended: number }> {
    const doc = new Y.Doc({ gc: true });
    const updates = await storage.loadDocUpdates(roomId, 'public');
    if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates), 'storage');
    return { doc, appended: updates.length };
  }

  private readonly append = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'storage' || this.closed) return;
    this.version++;
    // Appending on top of a hole is no use: the repair's snapshot will hold this update too.
    if (this.hole) {
      this.scheduleRepair();
      return;
    }
    this.track(this.storage.appendDocUpdate(this.roomId, 'public', update)).then(
      () => {
        if (++this.appendedSinceCompaction >= this.options.compactAfter) this.compact();
      },
      // The document stays whole in memory; it goes to disk whole as soon as the disk takes it.
      (err: unknown) => {
        this.report(err);
        this.hole = true;
        this.scheduleRepair();
      },
    );
  };

  private report(err: unknown): void {
    this.options.log(`room ${this.roomId}: ${(err as Error).message}`);
  }

  private scheduleRepair(): void {
    if (this.repairTimer || this.repairing || this.closed) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      if (this.hole) void this.repair();
    }, this.repairDelayMs);
  }

  /** Replace the log with the whole document; while the disk refuses, try again later, waiting longer each time. */
  private repair(): Promise<void> {
    if (this.repairing) return this.repairing;
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.repairTimer = null;
    const version = this.version;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.repairing = this.track(this.storage.replaceDocUpdates(this.roomId, 'public', snapshot))
      .then(
        () => {
          this.appendedSinceCompaction = 0;
          this.repairDelayMs = REPAIR_FIRST_MS;
          // An update that came while the snapshot was being written was not appended: write again.
          if (this.version === version) {
            this.hole = false;
            this.options.log(`room ${this.roomId}: dokumentet er skrevet helt til disken igen`);
          }
        },
        (err: unknown) => {
          this.report(err);
          this.repairDelayMs = Math.min(REPAIR_MAX_MS, this.repairDelayMs * 2);
        },
      )
      .finally(() => {
        this.repairing = null;
        if (this.hole) this.scheduleRepair();
      });
    return this.repairing;
  }

  private compact(): void {
    this.appendedSinceCompaction = 0;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.track(this.storage.replaceDocUpdates(this.roomId, 'public', snapshot)).catch((err: unknown) => this.report(err));
  }

  private track<T>(write: Promise<T>): Promise<T> {
    this.writes.add(write);
    const done = () => this.writes.delete(write);
    write.then(done, done);
    return write;
  }

  /** Resolves once every write started so far is on disk and the log is whole; throws while it cannot be. */
  async settled(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
    // Memory holds the only whole copy of a document whose log has a hole: the room may not leave memory yet.
    if (this.hole) await this.repair();
    if (this.hole) throw new StorageError(`Rummets dokument kunne ikke skrives helt til disken endnu; rummet bliver i hukommelsen.`);
  }

  /** Stops logging; with `lastTry`, a log with a hole is written whole once more (SQLite takes it before the document goes). */
  close(lastTry: boolean): void {
    if (lastTry && this.hole) void this.repair();
    this.closed = true;
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.doc.off('update', this.append);
  }
}
