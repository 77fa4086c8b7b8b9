// Room ownership across processes that share one PostgreSQL: a lease per loaded room, fenced by an epoch that every
// write of the room checks in its own transaction, and a liveness lock per process so a dead owner's rooms move
// at once. docs/deploy.md explains the design; test/integration/cluster-*.test.ts prove it.
import { randomBytes, randomInt } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { RoomMovedError, StorageError } from '../storage.js';

export { RoomMovedError };

/** The first half of every advisory lock key Rådslag takes ("RADS"), so other users of the database are not hit. */
const LOCK_CLASS = 0x52414453;

export type Acquired = { ok: true; epoch: number } | { ok: false; owner: string };

export interface LeaseOptions {
  /** How long a lease lasts without renewal: the longest a frozen (not dead) owner keeps its rooms. */
  ttlMs: number;
  /** How often leases are renewed and handover requests read; a third of the lease by default. */
  renewMs?: number;
  log?: (message: string) => void;
}

/** The table the leases use: PostgreSQL migration 2 (server/pg/migrations.ts). */
export const LEASES_SCHEMA = `
CREATE TABLE room_leases (
  room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  owner TEXT NOT NULL,
  owner_key INTEGER NOT NULL,
  epoch BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  wanted_by TEXT,
  wanted_at TIMESTAMPTZ
)`;

/**
 * This process's leases. A room is loaded only after `acquire` answered ok, every write of it passes `fence` in its
 * transaction, and `release` hands it back when it leaves memory.
 *
 * - Liveness: at `start` the process takes a session advisory lock on its own key on a connection of its own. A
 *   process that dies (kill -9, a crash, a lost machine) loses that connection and the lock with it; another
 *   process may then take its rooms at once, without waiting for the lease to run out.
 * - Expiry: a process that lives but stops renewing (frozen, cut off from the database) loses its rooms when
 *   their leases run out (`ttlMs`).
 * - Fencing: taking a room over raises its epoch under a row lock. A write checks, in its own transaction and
 *   with `FOR SHARE` on the lease row, that the epoch is still the one this process was given; a takeover waits
 *   for writes under way and every later write of the old owner fails. Two processes that both believe they own
 *   a room can therefore never both write it.
 * - Handover: a process that is sent requests for a room another process owns (the proxy's view changed, e.g. a
 *   process came back) marks the lease wanted; the owner reads that at its next renewal and lets the room go.
 */
export class RoomLeases {
  /** Who this process is in the lease table: host, pid and a random part, unique across restarts. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private key = 0;
  private liveness: pg.PoolClient | null = null;
  private readonly held = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private renewing = false;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly log: (message: string) => void;
  /**
   * Rooms whose lease this process lost (its writes already fail) or that another process was sent requests for
   * (still held): the owner of the rooms lets them go and calls `release`.
   */
  onLost: (roomId: string, why: 'lost' | 'wanted') => void = () => undefined;

  constructor(
    private readonly pool: pg.Pool,
    options: LeaseOptions,
  ) {
    this.ttlMs = options.ttlMs;
    this.renewMs = options.renewMs ?? Math.max(100, Math.floor(options.ttlMs / 3));
    this.log = options.log ?? (() => undefined);
  }

  /** Takes this process's liveness lock and starts renewing. */
  async start(): Promise<void> {
    const liveness = await this.pool.connect();
    liveness.on('error', (err) => this.livenessLost(liveness, err));
    this.liveness = liveness;
    for (let tries = 0; ; tries++) {
      const key = randomInt(1, 2 ** 31 - 1);
      const { rows } = await this.liveness.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_CLASS, key]);
      if (rows[0]?.ok) {
        this.key = key;
        break;
      }
      if (tries > 20) throw new StorageError('Kunne ikke tage en procesnøgle i databasen.');
    }
    this.timer = setInterval(() => void this.renew(), this.renewMs);
    this.timer.unref();
  }

  /** The liveness connection broke: other processes may take every room now, so none is written here any more. */
  private livenessLost(client: pg.PoolClient, err: Error): void {
    if (client !== this.liveness) return;
    this.log(`forbindelsen, der holder processens rum, blev afbrudt (${err.message}); rummene gives fra`);
    this.liveness.release(err);
    this.liveness = null;
    for (const roomId of [...this.held.keys()]) this.lose(roomId, 'lost');
    void this.reconnect();
  }

  /** A new liveness lock, tried again with a growing wait until the database answers; /healthz fails meanwhile. */
  private async reconnect(): Promise<void> {
    for (let wait = 250; this.timer !== null && !this.liveness; wait = Math.min(wait * 2, 5_000)) {
      try {
        const client = await this.pool.connect();
        try {
          const key = randomInt(1, 2 ** 31 - 1);
          const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_CLASS, key]);
          if (!rows[0]?.ok) throw new Error('nøglen var optaget');
          client.on('error', (e) => this.livenessLost(client, e));
          this.key = key;
          this.liveness = client;
          this.log('processen har igen forbindelse til databasen og kan tage rum');
          return;
        } catch (e) {
          client.release(e as Error);
          throw e;
        }
      } catch (e) {
        this.log(`ny procesnøgle mislykkedes (${(e as Error).message}); prøver igen om ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait).unref());
      }
    }
  }

  /** False while the process has no liveness lock: it can take no room, and the proxy should send rooms elsewhere. */
  get healthy(): boolean {
    return this.liveness !== null;
  }

  /** Whether this process holds the room's lease now. */
  holds(roomId: string): boolean {
    return this.held.has(roomId);
  }

  get heldCount(): number {
    return this.held.size;
  }

  /**
   * The room's lease for this process: new, renewed, or taken over from an owner that is dead or whose lease ran
   * out. Otherwise the room's owner, and the lease is marked wanted so that owner lets it go.
   */
  async acquire(roomId: string): Promise<Acquired> {
    if (!this.liveness) throw new StorageError('Processen har ingen forbindelse til databasen lige nu.');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ owner: string; owner_key: number; epoch: string; expired: boolean }>(
        'SELECT owner, owner_key, epoch, expires_at < now() AS expired FROM room_leases WHERE room_id = $1 FOR UPDATE',
        [roomId],
      );
      const row = rows[0];
      let epoch: number;
      if (!row) {
        const inserted = await client.query<{ epoch: string }>(
          `INSERT INTO room_leases (room_id, owner, owner_key, epoch, expires_at)
           VALUES ($1, $2, $3, 1, now() + $4 * interval '1 millisecond')
           ON CONFLICT (room_id) DO NOTHING RETURNING epoch`,
          [roomId, this.owner, this.key, this.ttlMs],
        );
        if (!inserted.rows[0]) {
          await client.query('ROLLBACK');
          return { ok: false, owner: 'ukendt' };
        }
        epoch = Number(inserted.rows[0].epoch);
      } else if (row.owner === this.owner && this.held.get(roomId) === Number(row.epoch)) {
        // Held already (two requests loading at once): the same copy of the room, the same epoch.
        await client.query("UPDATE room_leases SET owner_key = $3, expires_at = now() + $2 * interval '1 millisecond' WHERE room_id = $1", [
          roomId,
          this.ttlMs,
          this.key,
        ]);
        epoch = Number(row.epoch);
      } else if (row.owner === this.owner) {
        // Taken back after it was let go: a new copy of the room, so a new epoch; a write of the old copy that is
        // still on its way can never pass as the new one's.
        const taken = await client.query<{ epoch: string }>(
          `UPDATE room_leases SET owner_key = $3, epoch = epoch + 1, expires_at = now() + $2 * interval '1 millisecond',
             wanted_by = NULL, wanted_at = NULL
           WHERE room_id = $1 RETURNING epoch`,
          [roomId, this.ttlMs, this.key],
        );
        epoch = Number(taken.rows[0]?.epoch);
      } else {
        // The owner is gone when its lease ran out or its liveness lock is free (taken here for this transaction only).
        let gone = row.expired;
        if (!gone) {
          const probe = await client.query<{ free: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS free', [
            LOCK_CLASS,
            row.owner_key,
          ]);
          gone = probe.rows[0]?.free === true;
        }
        if (!gone) {
          await client.query('UPDATE room_leases SET wanted_by = $2, wanted_at = now() WHERE room_id = $1', [roomId, this.owner]);
          await client.query('COMMIT');
          return { ok: false, owner: row.owner };
        }
        const taken = await client.query<{ epoch: string }>(
          `UPDATE room_leases SET owner = $2, owner_key = $3, epoch = epoch + 1,
             expires_at = now() + $4 * interval '1 millisecond', wanted_by = NULL, wanted_at = NULL
           WHERE room_id = $1 RETURNING epoch`,
          [roomId, this.owner, this.key, this.ttlMs],
        );
        epoch = Number(taken.rows[0]?.epoch);
        this.log(`overtog rum ${roomId} fra ${row.owner} (${row.expired ? 'lejemålet udløb' : 'processen er væk'})`);
      }
      await client.query('COMMIT');
      this.held.set(roomId, epoch);
      return { ok: true, epoch };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err instanceof StorageError
        ? err
        : new StorageError(`Rummets ejerskab kunne ikke afgøres: ${(err as Error).message}`, { cause: err });
    } finally {
      client.release();
    }
  }

  /**
   * Inside a write transaction of the room, on its client: proceeds only while this process's epoch is the room's.
   * `FOR SHARE` holds the lease row until the transaction ends, so a takeover waits for this write and no write
   * of an old owner can land after it.
   */
  readonly fence = async (client: pg.PoolClient, roomId: string): Promise<void> => {
    const epoch = this.held.get(roomId);
    if (epoch === undefined) throw new RoomMovedError(roomId);
    const { rowCount } = await client.query('SELECT 1 FROM room_leases WHERE room_id = $1 AND owner = $2 AND epoch = $3 FOR SHARE', [
      roomId,
      this.owner,
      epoch,
    ]);
    if (!rowCount) {
      this.lose(roomId, 'lost');
      throw new RoomMovedError(roomId);
    }
  };

  /** A room wanted elsewhere stays held (its writes under way still land) until the owner of the rooms releases it. */
  private readonly lettingGo = new Set<string>();

  private lose(roomId: string, why: 'lost' | 'wanted'): void {
    if (why === 'wanted') {
      if (!this.held.has(roomId) || this.lettingGo.has(roomId)) return;
      this.lettingGo.add(roomId);
    } else if (!this.held.delete(roomId)) return;
    this.onLost(roomId, why);
  }

  /** A room wanted elsewhere that stays after all: the next request elsewhere asks for it again. */
  keep(roomId: string): void {
    this.lettingGo.delete(roomId);
  }

  /**
   * Hands a room back (it left memory): the lease ends now and the next process asked for the room takes it at
   * once. The row stays, so the room's epoch only ever grows.
   */
  async release(roomId: string): Promise<void> {
    const epoch = this.held.get(roomId);
    this.lettingGo.delete(roomId);
    if (epoch === undefined) return;
    this.held.delete(roomId);
    await this.pool
      .query("UPDATE room_leases SET expires_at = '-infinity' WHERE room_id = $1 AND owner = $2 AND epoch = $3", [
        roomId,
        this.owner,
        epoch,
      ])
      .catch((err: unknown) => this.log(`rum ${roomId} kunne ikke gives fri: ${(err as Error).message}`));
  }

  /** Renews every lease this process holds; rooms whose lease is gone or wanted elsewhere are let go. */
  async renew(): Promise<void> {
    if (this.renewing || !this.liveness || this.held.size === 0) return;
    this.renewing = true;
    try {
      const ids = [...this.held.keys()];
      const epochs = ids.map((id) => this.held.get(id)!);
      // Only the leases this process holds now, at the epoch it holds them: a lease released while this ran
      // (an idle room, a handover) stays released instead of coming back to life for another lease period.
      const { rows } = await this.pool.query<{ room_id: string; epoch: string; wanted: boolean }>(
        `UPDATE room_leases AS l SET expires_at = now() + $4 * interval '1 millisecond', owner_key = $5
         FROM unnest($2::text[], $3::bigint[]) AS h(room_id, epoch)
         WHERE l.room_id = h.room_id AND l.epoch = h.epoch AND l.owner = $1 AND l.expires_at > '-infinity'
         RETURNING l.room_id, l.epoch,
           (l.wanted_by IS NOT NULL AND l.wanted_at > now() - $6 * interval '1 millisecond') AS wanted`,
        [this.owner, ids, epochs, this.ttlMs, this.key, 3 * this.renewMs],
      );
      const kept = new Map(rows.map((r) => [r.room_id, r]));
      ids.forEach((id, i) => {
        // A room released or taken back meanwhile is no longer this renewal's business.
        if (this.held.get(id) !== epochs[i]) return;
        const row = kept.get(id);
        if (!row) this.lose(id, 'lost');
        else if (row.wanted) this.lose(id, 'wanted');
      });
    } catch (err) {
      this.log(`lejemål kunne ikke fornyes: ${(err as Error).message}`);
    } finally {
      this.renewing = false;
    }
  }

  /** Stops renewing and hands every room back; the liveness lock goes with its connection. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const ids = [...this.held.keys()];
    if (ids.length > 0) {
      await this.pool
        .query("UPDATE room_leases SET expires_at = '-infinity' WHERE owner = $1 AND room_id = ANY($2)", [this.owner, ids])
        .catch((err: unknown) => this.log(`lejemål kunne ikke gives fri: ${(err as Error).message}`));
    }
    this.held.clear();
    this.liveness?.release();
    this.liveness = null;
  }
}
