// `npm run bench`: simulated phones over worker threads vote in one room; prints latency percentiles,
// server CPU and peak memory, bytes per participant, lost and duplicated votes — for Rådslag and for the
// naive design (votes written straight into one shared Y.Doc on a plain relay), and their ratio.
//   npm run bench -- --phones 2000 --window 10
//   npm run bench -- --phones 10 --gap 500 --no-naive     (a quiet room: one vote at a time, 500 ms apart)
//   npm run bench -- --rooms 200 --phones 10 --no-naive   (200 rooms of 10 phones each, on one server)
//   npm run bench -- --reveal --no-naive                   (results shown while the room votes: each publication to every phone)
//   npm run bench -- --knee            (largest room whose p95 vote → facilitator stays under 1 s)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type { PhoneReport, VoteRecord } from './bench-phone.js';

const ROOT = resolve(import.meta.dirname, '..');
process.setMaxListeners(0);
const now = () => performance.timeOrigin + performance.now();
const { values: args } = parseArgs({
  options: {
    /** Phones in each room. */
    phones: { type: 'string', default: '2000' },
    /** Rooms on the one server, each with its own facilitator and `phones` phones, all voting in the same window. */
    rooms: { type: 'string', default: '1' },
    window: { type: 'string', default: '10' },
    /** Instead of random moments within the window: phone i votes at i × gap ms, one vote at a time. */
    gap: { type: 'string' },
    /** Results revealed before the vote: every publication then carries the tally to every phone (the costliest case). */
    reveal: { type: 'boolean', default: false },
    workers: { type: 'string', default: '4' },
    knee: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '500,1000,2000,3000,4000,5000,6000,8000,10000,12000,15000' },
    naive: { type: 'boolean', default: true },
    'no-naive': { type: 'boolean', default: false },
  },
});

interface Child {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function startChild(argv: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...argv], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolveChild, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        const exited = new Promise<void>((r) => proc.once('exit', () => r()));
        resolveChild({
          proc,
          url: `http://127.0.0.1:${m[1]}`,
          stop: async () => {
            proc.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

/** CPU seconds (user + system) and peak resident memory of a process, from /proc. */
function procStats(pid: number): { cpu: number; peakRssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpu: ticks / 100, peakRssMb: Number(hwm?.[1] ?? 0) / 1024 };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Result {
  design: 'Rådslag' | 'naive';
  /** Phones in all rooms together. */
  phones: number;
  rooms: number;
  joinSeconds: number;
  stored: { p50: number; p95: number; p99: number } | null;
  tally: { p50: number; p95: number; p99: number };
  /** Tally publications a facilitator saw: on average per room, and the most any room's facilitator saw within one second. */
  publications: { perRoom: number; mostInOneSecond: number };
  cpuSeconds: number;
  peakRssMb: number;
  wsBytesPerPhone: number;
  httpBytesPerPhone: number;
  acked: number;
  counted: number;
  lost: number;
  duplicated: number;
  failures: string[];
}

async function post(origin: string, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Observes the facilitator's view: (time, count) each time the count grows. */
function observe(url: string, room: string, token: string | undefined, count: (doc: Y.Doc) => number) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const seen: { at: number; count: number }[] = [];
  doc.on('update', () => {
    const c = count(doc);
    if (c > (seen.at(-1)?.count ?? 0)) seen.push({ at: now(), count: c });
  });
  const synced = new Promise<void>((r) => provider.on('sync', (s: boolean) => s && r()));
  return { seen, synced, current: () => count(doc), destroy: () => provider.destroy() };
}

type Observer = ReturnType<typeof observe>;

async function runPhones(
  mode: 'radslag' | 'naive',
  origin: string,
  rooms: { roomId: string; joinCode: string }[],
  phones: number,
): Promise<{
  workers: Worker[];
  joinSeconds: number;
  vote: (windowMs: number, gapMs: number | null) => Promise<VoteRecord[]>;
  report: () => Promise<PhoneReport>;
  stop: () => Promise<void>;
}> {
  const n = Math.max(1, Math.min(Number(args.workers), phones));
  const started = now();
  const workers: Worker[] = [];
  const ready: Promise<void>[] = [];
  for (let w = 0; w < n; w++) {
    const count = Math.floor(phones / n) + (w < phones % n ? 1 : 0);
    const firstIndex = w * Math.floor(phones / n) + Math.min(w, phones % n);
    // Worker threads do not load TypeScript by themselves: register tsx first, then import the phone code.
    const entry = new URL('./bench-phone.ts', import.meta.url).href;
    const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
      eval: true,
      workerData: { mode, origin, rooms, phones: count, firstIndex, retryShare: 0.05 },
    });
    workers.push(worker);
    ready.push(
      new Promise((res, rej) => {
        worker.once('message', (m: { type: string; error?: string }) => (m.type === 'ready' ? res() : rej(new Error(m.error))));
        worker.once('error', rej);
      }),
    );
  }
  await Promise.all(ready);
  const joinSeconds = (now() - started) / 1000;
  const ask = <T>(worker: Worker, msg: unknown, answer: string): Promise<T> =>
    new Promise((res) => {
      const on = (m: { type: string } & Record<string, unknown>) => {
        if (m.type !== answer) return;
        worker.off('message', on);
        res(m as T);
      };
      worker.on('message', on);
      worker.postMessage(msg);
    });
  return {
    workers,
    joinSeconds,
    async vote(windowMs, gapMs) {
      const start = now() + 300;
      const all = await Promise.all(workers.map((w) => ask<{ votes: VoteRecord[] }>(w, { type: 'vote', start, windowMs, gapMs }, 'voted')));
      return all.flatMap((a) => a.votes);
    },
    async report() {
      const all = await Promise.all(workers.map((w) => ask<{ report: PhoneReport }>(w, { type: 'report' }, 'report')));
      return {
        votes: [],
        wsBytes: all.reduce((a, r) => a + r.report.wsBytes, 0),
        httpBytes: all.reduce((a, r) => a + r.report.httpBytes, 0),
        failures: all.flatMap((r) => r.report.failures),
      };
    },
    async stop() {
      await Promise.all(workers.map((w) => ask(w, { type: 'stop' }, 'stopped')));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * Vote → facilitator, in one room: the k-th vote to be acknowledged (or, naive, sent) is taken as visible
 * to the room's facilitator at the first moment the facilitator's count reached k; its latency is that
 * moment minus the time the phone sent it.
 */
function tallyLatencies(votes: VoteRecord[], seen: { at: number; count: number }[], naive: boolean): number[] {
  const order = votes.filter((v) => naive || v.ackedAt !== null).sort((a, b) => (naive ? a.sentAt - b.sentAt : a.ackedAt! - b.ackedAt!));
  const out: number[] = [];
  let j = 0;
  order.forEach((v, i) => {
    while (j < seen.length && seen[j]!.count < i + 1) j++;
    if (j < seen.length) out.push(seen[j]!.at - v.sentAt);
  });
  return out;
}

/** The most tally publications the facilitator saw within any one second (a half-open window from each one). */
function mostInOneSecond(seen: { at: number }[]): number {
  let most = 0;
  let j = 0;
  for (let i = 0; i < seen.length; i++) {
    while (seen[i]!.at - seen[j]!.at >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const summary = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });

/**
 * The vote and its figures, measured the same way for both designs: the crowd votes, each room's facilitator
 * view is given `waitMs` to count the `acked(votes)` it should, stragglers get half a second more, then the
 * server's CPU and memory and the crowd's bytes are read. Only Rådslag stores votes and uses HTTP.
 */
async function measure(
  design: Result['design'],
  phones: number,
  server: Child,
  facilitators: Observer[],
  crowd: Awaited<ReturnType<typeof runPhones>>,
  windowMs: number,
  gapMs: number | null,
  waitMs: number,
  acked: (votes: VoteRecord[]) => number,
): Promise<Result> {
  const naive = design === 'naive';
  const before = procStats(server.proc.pid!);
  const votes = await crowd.vote(windowMs, gapMs);
  const byRoom = facilitators.map((_, room) => votes.filter((v) => v.room === room));
  const expected = byRoom.map(acked);
  const deadline = now() + waitMs;
  const behind = () => facilitators.some((f, room) => f.current() < expected[room]!);
  while (behind() && now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 500));
  const after = procStats(server.proc.pid!);
  const report = await crowd.report();
  const counted = facilitators.map((f) => f.current());
  const stored = votes
    .filter((v) => v.ackedAt !== null)
    .map((v) => v.ackedAt! - v.sentAt)
    .sort((a, b) => a - b);
  await crowd.stop();
  for (const f of facilitators) f.destroy();
  const latencies = facilitators.flatMap((f, room) => tallyLatencies(byRoom[room]!, f.seen, naive)).sort((a, b) => a - b);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    design,
    phones,
    rooms: facilitators.length,
    joinSeconds: crowd.joinSeconds,
    stored: naive ? null : summary(stored),
    tally: summary(latencies),
    publications: {
      perRoom: sum(facilitators.map((f) => f.seen.length)) / facilitators.length,
      mostInOneSecond: Math.max(...facilitators.map((f) => mostInOneSecond(f.seen))),
    },
    cpuSeconds: after.cpu - before.cpu,
    peakRssMb: after.peakRssMb,
    wsBytesPerPhone: report.wsBytes / phones,
    httpBytesPerPhone: naive ? 0 : report.httpBytes / phones,
    acked: sum(expected),
    counted: sum(counted),
    lost: sum(expected.map((e, room) => Math.max(0, e - counted[room]!))),
    duplicated: sum(expected.map((e, room) => Math.max(0, counted[room]! - e))),
    failures: report.failures,
  };
}

/** `phones` phones in each of `rooms` rooms. */
async function benchRadslag(phones: number, rooms: number, windowMs: number, gapMs: number | null): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radslag-bench-'));
  // Every simulated phone comes from 127.0.0.1; real rooms come from many addresses (or one NAT, which
  // the default allowance covers for a few hundred phones a second), so the per-address limits are lifted.
  const server = await startChild(
    ['server/main.ts'],
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADDRESS_BURST: '1000000',
      ADDRESS_RATE: '1000000',
      MAX_PENDING_UPGRADES: '100000',
      MAX_CONNECTIONS_PER_ROOM: '100000',
      JOIN_BURST: '1000000',
      JOINS_PER_MINUTE: '1000000',
      ROOM_CREATE_BURST: '100000',
      ROOMS_PER_HOUR_PER_ADDRESS: '1000000',
      ROOMS_PER_HOUR: '1000000',
    },
    /På denne maskine:\s+http:\/\/\S+:(\d+)\//,
  );
  try {
    const ws = `${server.url.replace(/^http/, 'ws')}/sync`;
    const created: { roomId: string; joinCode: string; facilitatorKey: string }[] = [];
    for (let i = 0; i < rooms; i++) created.push(await post(server.url, '/api/rooms', { deck: 'frisaettelse' }));
    const facilitators = created.map((room) =>
      observe(ws, `${room.roomId}/live`, room.facilitatorKey, (d) => {
        const t = d.getMap('tallies').get('hvem-saettes-fri') as { ballots?: number } | undefined;
        return t?.ballots ?? 0;
      }),
    );
    await Promise.all(facilitators.map((f) => f.synced));
    for (const room of created) {
      const control = (action: string) =>
        post(server.url, `/api/rooms/${room.roomId}/control`, { action, activity: 'hvem-saettes-fri' }, room.facilitatorKey);
      await control('open');
      if (args.reveal) await control('reveal');
    }
    const crowd = await runPhones('radslag', server.url, created, phones * rooms);
    // Rådslag acknowledges each stored vote: the facilitator should count every phone that got its 200.
    const acked = (votes: VoteRecord[]) => new Set(votes.filter((v) => v.status === 200).map((v) => v.phone)).size;
    return await measure('Rådslag', phones * rooms, server, facilitators, crowd, windowMs, gapMs, 30_000, acked);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchNaive(phones: number, windowMs: number, gapMs: number | null): Promise<Result> {
  const server = await startChild(['scripts/bench-naive-server.ts'], {}, /naive-listening http:\/\/127\.0\.0\.1:(\d+)\//);
  try {
    const ws = server.url.replace(/^http/, 'ws');
    const facilitator = observe(ws, 'room', undefined, (d) => d.getMap('votes').size);
    await facilitator.synced;
    const crowd = await runPhones('naive', server.url, [{ roomId: 'room', joinCode: '' }], phones);
    // The naive design acknowledges nothing: every phone's vote should arrive.
    return await measure('naive', phones, server, [facilitator], crowd, windowMs, gapMs, 60_000, () => phones);
  } finally {
    await server.stop();
  }
}

const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;

function print(results: Result[]): void {
  const rows: [string, ...string[]][] = [
    [
      '',
      ...results.map((r) =>
        r.rooms === 1 ? `${r.design}, ${r.phones} phones` : `${r.design}, ${r.rooms} rooms × ${r.phones / r.rooms} phones`,
      ),
    ],
    ['join (all phones connected)', ...results.map((r) => `${r.joinSeconds.toFixed(1)} s`)],
    [
      'vote → stored p50 / p95 / p99',
      ...results.map((r) => (r.stored ? `${ms(r.stored.p50)} / ${ms(r.stored.p95)} / ${ms(r.stored.p99)}` : 'not stored')),
    ],
    ['vote → facilitator p50 / p95 / p99', ...results.map((r) => `${ms(r.tally.p50)} / ${ms(r.tally.p95)} / ${ms(r.tally.p99)}`)],
    [
      'tally publications per room (most in 1 s)',
      ...results.map((r) => `${r.publications.perRoom.toFixed(1)} (${r.publications.mostInOneSecond})`),
    ],
    ['server CPU during the vote', ...results.map((r) => `${r.cpuSeconds.toFixed(2)} s`)],
    ['server peak RSS', ...results.map((r) => `${r.peakRssMb.toFixed(0)} MB`)],
    ['WebSocket bytes received per phone', ...results.map((r) => kb(r.wsBytesPerPhone))],
    ['HTTP body bytes per phone', ...results.map((r) => kb(r.httpBytesPerPhone))],
    ['acknowledged / counted', ...results.map((r) => `${r.acked} / ${r.counted}`)],
    ['lost / duplicated', ...results.map((r) => `${r.lost} / ${r.duplicated}`)],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  │  '));
  for (const r of results)
    if (r.failures.length > 0) console.log(`${r.design}: ${r.failures.length} failures, e.g. ${r.failures.slice(0, 3).join('; ')}`);
}

async function main(): Promise<void> {
  const windowMs = Number(args.window) * 1000;
  const gapMs = args.gap === undefined ? null : Number(args.gap);
  const rooms = Number(args.rooms);
  const when = `${gapMs === null ? `votes spread over ${args.window} s` : `one vote every ${gapMs} ms`}${args.reveal ? ', results revealed' : ''}`;
  console.log(
    `Rådslag bench on ${process.platform}, Node ${process.version}; phones over ${args.workers} worker threads, ${when}; ` +
      `PUBLISH_INTERVAL_MS ${process.env.PUBLISH_INTERVAL_MS || 'default'}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.`,
  );
  if (args.knee) {
    let best = 0;
    // Each phone holds a socket in this process and one in the server: mind `ulimit -n` (20,000 here).
    for (const n of args.sizes!.split(',').map(Number)) {
      const r = await benchRadslag(n, 1, windowMs, gapMs);
      print([r]);
      if (!(r.tally.p95 < 1000) || r.lost > 0 || r.duplicated > 0) break;
      best = n;
    }
    console.log(`Knee: the largest room tried whose p95 vote → facilitator stays under 1 s: ${best} phones.`);
    return;
  }
  const phones = Number(args.phones);
  const ours = await benchRadslag(phones, rooms, windowMs, gapMs);
  const results = [ours];
  // The naive relay is one room; it runs beside a single room only.
  if (!args['no-naive'] && rooms === 1) results.push(await benchNaive(phones, windowMs, gapMs));
  print(results);
  if (results.length === 2) {
    const naive = results[1]!;
    console.log(
      `Ratio naive / Rådslag: p95 vote → facilitator ${(naive.tally.p95 / ours.tally.p95).toFixed(1)}×, server CPU ${(naive.cpuSeconds / ours.cpuSeconds).toFixed(1)}×, ` +
        `WebSocket bytes per phone ${(naive.wsBytesPerPhone / ours.wsBytesPerPhone).toFixed(1)}×, peak RSS ${(naive.peakRssMb / ours.peakRssMb).toFixed(1)}×.`,
    );
  }
  const intact = ours.lost === 0 && ours.duplicated === 0;
  if (gapMs !== null) {
    // One vote at a time: nothing else is waiting to go out, so each vote should reach the facilitator at once.
    const met = ours.tally.p50 <= 20 && intact;
    console.log(
      `Target (a quiet room, one vote at a time: p50 vote → facilitator ≤ 20 ms, 0 lost, 0 duplicated): ${met ? 'met' : 'NOT met'}.`,
    );
    return;
  }
  if (rooms > 1) {
    console.log(`${rooms} rooms: ${intact ? '0 lost, 0 duplicated' : `${ours.lost} lost, ${ours.duplicated} duplicated`}.`);
    return;
  }
  const met = ours.tally.p95 <= 150 && intact && ours.peakRssMb <= 400;
  const verdict =
    ours.phones < 2000
      ? `not checked: run with --phones 2000 or more (this run: ${ours.phones}, ${met ? 'within' : 'outside'} the limits)`
      : met
        ? 'met'
        : 'NOT met';
  console.log(`Targets (2,000 phones, p95 vote → facilitator ≤ 150 ms, 0 lost, 0 duplicated, RSS ≤ 400 MB): ${verdict}.`);
}

await main();
process.exit(0);
