// What `npm run bench` runs the rooms on: one Rådslag process on SQLite, one on PostgreSQL, or N processes on one
// PostgreSQL behind HAProxy with deploy/haproxy.cfg (docs/deploy.md). The servers are started by the same helpers the
// cluster tests use (test/helpers/postgres.ts, test/helpers/cluster.ts); this file adds what the bench reads from
// /proc: CPU seconds of every process involved and the Rådslag processes' peak memory.
import { readdirSync, readFileSync } from 'node:fs';
import {
  freePort,
  haproxyMissing,
  MANY_PHONES_FROM_ONE_ADDRESS,
  startHaproxy,
  startProcess,
  type ClusterProcess,
  type HaProxy,
} from '../test/helpers/cluster.js';
import { postgresMissing, startPostgres, type PgServer } from '../test/helpers/postgres.js';

export type Storage = 'sqlite' | 'postgres';

export interface Deployment {
  storage: Storage;
  processes: number;
  /** Where phones and facilitators go: the one process, or HAProxy in front of several. */
  url: string;
  /** A snapshot of CPU seconds and peak memory; `usage(after, before)` is what happened in between. */
  snapshot(): Snapshot;
  stop(): Promise<void>;
}

export interface Snapshot {
  /** CPU seconds (user + system) of each Rådslag process. */
  server: number[];
  /** Peak resident memory (VmHWM) of each Rådslag process, MB. */
  peakRssMb: number[];
  /** CPU seconds of the PostgreSQL server: the postmaster and every backend, ended ones included. */
  postgres: number | null;
  haproxy: number | null;
}

export interface Usage {
  /** CPU seconds of the Rådslag processes together, and of each. */
  serverCpu: number;
  serverCpuEach: number[];
  peakRssMb: number[];
  postgresCpu: number | null;
  haproxyCpu: number | null;
}

export function usage(after: Snapshot, before: Snapshot): Usage {
  const each = after.server.map((c, i) => c - before.server[i]!);
  return {
    serverCpu: each.reduce((a, b) => a + b, 0),
    serverCpuEach: each,
    peakRssMb: after.peakRssMb,
    postgresCpu: after.postgres === null || before.postgres === null ? null : after.postgres - before.postgres,
    haproxyCpu: after.haproxy === null || before.haproxy === null ? null : after.haproxy - before.haproxy,
  };
}

const TICKS = 100; // USER_HZ on Linux

/** Fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds of one process (user + system), and peak resident memory in MB. */
export function procStats(pid: number): { cpu: number; peakRssMb: number } {
  const f = statFields(pid);
  const cpu = f ? (Number(f[11]) + Number(f[12])) / TICKS : NaN;
  let hwm: RegExpExecArray | null = null;
  try {
    hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {}
  return { cpu, peakRssMb: Number(hwm?.[1] ?? 0) / 1024 };
}

/**
 * CPU seconds of a process and all its descendants: their own time, and (cutime, cstime) the time of children that
 * ended and were waited for. PostgreSQL's backends are children of the postmaster and come and go with connections.
 */
export function treeCpu(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (!f) continue;
    const ppid = Number(f[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  let ticks = 0;
  const visit = (pid: number) => {
    const f = statFields(pid);
    if (!f) return;
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return ticks / TICKS;
}

/** Why this deployment cannot run here, or undefined. */
export function deploymentMissing(storage: Storage, processes: number): string | undefined {
  if (storage === 'postgres' || processes > 1) {
    const pg = postgresMissing();
    if (pg) return pg;
  }
  if (processes > 1) return haproxyMissing();
  return undefined;
}

/** One PostgreSQL server for the whole bench run, started on first use; each deployment gets a database of its own. */
let postgres: Promise<PgServer | undefined> | undefined;

export async function stopPostgres(): Promise<void> {
  const server = await postgres;
  postgres = undefined;
  await server?.stop();
}

/**
 * Starts `processes` Rådslag processes on `storage` (several processes always on PostgreSQL), with the per-address
 * limits lifted (every simulated phone comes from 127.0.0.1), and HAProxy in front when there are several.
 */
export async function startDeployment(storage: Storage, processes: number, env: Record<string, string> = {}): Promise<Deployment> {
  if (processes > 1 && storage !== 'postgres') throw new Error('several processes share one PostgreSQL: use --storage postgres');
  const missing = deploymentMissing(storage, processes);
  if (missing) throw new Error(missing);
  let pgServer: PgServer | undefined;
  const base: Record<string, string> = { ...MANY_PHONES_FROM_ONE_ADDRESS, ...env };
  if (storage === 'postgres') {
    // The helper's default max_connections (200) covers N processes × DATABASE_POOL (10) and the liveness locks.
    postgres ??= startPostgres({ maxConnections: 200 });
    pgServer = await postgres;
    if (!pgServer) throw new Error('PostgreSQL did not start');
    base.DATABASE_URL = await pgServer.createDatabase();
  }
  const started: ClusterProcess[] = [];
  let proxy: HaProxy | undefined;
  const stop = async () => {
    await proxy?.stop();
    for (const p of started) await p.stop().catch(() => undefined);
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < processes; i++) ports.push(await freePort());
    // The first migrates the database; the others start together after it, as systemd would start them.
    started.push(await startProcess('radslag-bench1', ports[0]!, base));
    started.push(...(await Promise.all(ports.slice(1).map((port, i) => startProcess(`radslag-bench${i + 2}`, port, base)))));
    if (processes > 1) proxy = await startHaproxy(started.map((p) => ({ name: p.name, port: p.port })));
  } catch (err) {
    await stop();
    throw err;
  }
  const pgPid = pgServer?.pid;
  return {
    storage,
    processes,
    url: proxy?.url ?? started[0]!.url,
    snapshot() {
      const stats = started.map((p) => procStats(p.proc.pid!));
      return {
        server: stats.map((s) => s.cpu),
        peakRssMb: stats.map((s) => s.peakRssMb),
        postgres: pgPid === undefined ? null : treeCpu(pgPid),
        haproxy: proxy ? procStats(proxy.pid).cpu : null,
      };
    },
    stop,
  };
}

export function describeDeployment(storage: Storage, processes: number): string {
  const store = storage === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  return processes === 1 ? `${store}, 1 process` : `${store}, ${processes} processes + HAProxy`;
}
