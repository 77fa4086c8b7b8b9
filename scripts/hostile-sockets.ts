// Figures for issue 13 (points 3, 4, 8): /healthz latency during a sync-step-1 flood, server RSS with sockets that stop
// reading and after they close, one token's sockets, an oversized facilitator update. Loopback only, bounded loops.
//   npx tsx scripts/hostile-sockets.ts                     (this checkout)
//   npx tsx scripts/hostile-sockets.ts --root <checkout>   (another checkout, e.g. the code before the limits)
//   npx tsx scripts/hostile-sockets.ts --sockets 200 --flood-seconds 3
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { rawSocket, STEP1_EMPTY, updateMessage } from '../test/helpers/clients.js';

const { values: args } = parseArgs({
  options: {
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
    sockets: { type: 'string', default: '200' },
    'flood-seconds': { type: 'string', default: '3' },
  },
});
const ROOT = resolve(args.root);
const SOCKETS = Math.min(1000, Math.max(1, Number(args.sockets)));
const FLOOD_MS = Math.min(30, Math.max(1, Number(args['flood-seconds']))) * 1000;

/** The flooding participant, run as its own process: `node -e FLOODER <url> <ms>`; prints what happened as JSON. */
const FLOODER = `
import WebSocket from 'ws';
const [url, ms] = process.argv.slice(1);
const ws = new WebSocket(url);
let sent = 0, bytes = 0, code = 0, after = 0, opened = -1;
const start = Date.now();
const finish = () => { console.log(JSON.stringify({ sent, bytes, code, after, opened })); process.exit(0); };
ws.on('message', (d) => { bytes += d.length; });
ws.on('close', (c) => { code = c; after = Date.now() - start; });
ws.on('error', () => {});
ws.on('unexpected-response', (_req, res) => { code = res.statusCode; after = Date.now() - start; });
ws.on('open', () => { opened = Date.now() - start; console.log('open'); });
const timer = setInterval(() => {
  if (Date.now() - start > Number(ms)) { clearInterval(timer); ws.terminate(); setTimeout(finish, 50); return; }
  if (ws.readyState !== WebSocket.OPEN) return;
  for (let i = 0; i < 20; i++) ws.send(new Uint8Array([0, 0, 1, 0]));
  sent += 20;
}, 10);
`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Server {
  url: string;
  close(): Promise<void>;
}

/**
 * The server runs in this process, so its event-loop delay and memory are measured directly; the flooding client
 * runs in a process of its own. Loaded from --root, so the same figures can be taken of another checkout.
 */
async function startServer(dataDir: string): Promise<Server> {
  const app = (await import(pathToFileURL(join(ROOT, 'server/app.ts')).href)) as typeof import('../server/app.js');
  const conf = (await import(pathToFileURL(join(ROOT, 'server/config.ts')).href)) as typeof import('../server/config.js');
  // No pages are needed here, so no build either: every page is a 404.
  const pages = {
    async page(_name: string, _req: unknown, res: ServerResponse): Promise<void> {
      res.writeHead(404).end();
    },
    asset(_req: unknown, _res: unknown, next: () => void): void {
      next();
    },
  };
  const radslag = app.createRadslag(conf.configFromEnv(ROOT, { port: 0, host: '127.0.0.1', dataDir, quiet: true }), { pages });
  const { port } = await radslag.listen();
  return { url: `http://127.0.0.1:${port}`, close: () => radslag.close() };
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function post<T>(url: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function health(url: string): Promise<number> {
  const started = performance.now();
  try {
    await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(60_000) })).text();
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  return performance.now() - started;
}

/** Writes `updates` updates of 1,000 map entries (about 50 kB each) into the public document as a facilitator. */
async function grow(ws: WebSocket, doc: Y.Doc, from: number, updates: number): Promise<void> {
  for (let t = from; t < from + updates; t++) {
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      const map = doc.getMap<string>('stress');
      for (let i = 0; i < 1000; i++) map.set(`k${t}-${i}`, `verdi ${t} ${i} ${'x'.repeat(20)}`);
    });
    if (ws.readyState === WebSocket.OPEN) ws.send(updateMessage(Y.encodeStateAsUpdate(doc, before)));
    await sleep(20);
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'no answer');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radslag-hostile-'));
  const server = await startServer(dataDir);
  const ws = server.url.replace(/^http/, 'ws');
  const rows: [string, string][] = [];
  try {
    const room = await post<{ roomId: string; joinCode: string; facilitatorKey: string }>(server.url, '/api/rooms', {
      deck: 'frisaettelse',
    });
    const facilitator = await rawSocket(`${ws}/sync/${room.roomId}?token=${room.facilitatorKey}`);
    if (!facilitator.opened) throw new Error('the facilitator could not connect');
    const doc = new Y.Doc();
    await grow(facilitator.ws, doc, 0, 20);
    await sleep(500);
    const docKb = Math.round(Y.encodeStateAsUpdate(doc).length / 1024);
    rows.push(['public document', `${docKb} kB in ${doc.getMap('stress').size} entries`]);
    await health(server.url);
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push(await health(server.url));
    rows.push(['/healthz at rest (max of 20)', ms(Math.max(...idle))]);
    rows.push(['server RSS at rest', `${rssMb()} MB`]);

    // 1. One participant sends 20 sync step 1 every 10 ms and reads the answers, from a process of its own so that
    //    reading the answers does not delay this script's /healthz probes.
    const phone = await post<{ participantToken: string }>(server.url, '/api/join', { code: room.joinCode });
    const flooder = spawn(
      process.execPath,
      ['--input-type=module', '-e', FLOODER, `${ws}/sync/${room.roomId}?token=${phone.participantToken}`, String(FLOOD_MS)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let floodReport = '';
    const floodDone = new Promise((r) => flooder.once('exit', r));
    // Probing starts once the flooder is connected: starting a process costs CPU that is not the server's doing.
    await new Promise<void>((r) => {
      const timer = setTimeout(r, 10_000);
      flooder.stdout!.on('data', (d: Buffer) => {
        floodReport += d.toString();
        if (floodReport.includes('open')) {
          clearTimeout(timer);
          r();
        }
      });
    });
    const floodStart = Date.now();
    const probes: number[] = [];
    // The server's own event loop: how long it could not answer anything.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    while (Date.now() - floodStart < FLOOD_MS + 500 && probes.length < 1000) {
      probes.push(await health(server.url));
      await sleep(25);
    }
    await floodDone;
    loop.disable();
    const f = JSON.parse(floodReport.trim().split('\n').pop() || '{}') as {
      sent?: number;
      code?: number;
      after?: number;
      bytes?: number;
      opened?: number;
    };
    rows.push([
      `step-1 flood (20 per 10 ms, ${FLOOD_MS / 1000} s)`,
      `${f.sent} sent, ${Math.round((f.bytes ?? 0) / 1024)} kB answered; socket ${f.code ? `closed ${f.code} ${(f.after ?? 0) - (f.opened ?? 0)} ms after it opened` : 'still open'}`,
    ]);
    rows.push([
      '/healthz during the flood',
      `max ${ms(Math.max(...probes))}, p50 ${ms(percentile(probes, 50))}, ${probes.length} probes; server event-loop delay max ${ms(loop.max / 1e6)}`,
    ]);

    // 1b. Step 1 with a made-up state vector (no cache can answer it): 4 sockets of one token, 20 each, not reading.
    const crafter = await post<{ participantToken: string }>(server.url, '/api/join', { code: room.joinCode });
    const crafty = await Promise.all(
      Array.from({ length: 4 }, () => rawSocket(`${ws}/sync/${room.roomId}?token=${crafter.participantToken}`)),
    );
    const craftLoop = monitorEventLoopDelay({ resolution: 10 });
    craftLoop.enable();
    for (const c of crafty) {
      if (!c.opened) continue;
      (c.ws as unknown as { _socket: Socket })._socket.pause();
      for (let i = 0; i < 20; i++) c.ws.send(new Uint8Array([0, 0, 3, 1, 123, 0]));
    }
    const craftProbes: number[] = [];
    for (let i = 0; i < 40; i++) {
      craftProbes.push(await health(server.url));
      await sleep(10);
    }
    craftLoop.disable();
    for (const c of crafty) c.ws.terminate();
    rows.push([
      '80 step 1 with made-up state vectors (4 sockets)',
      `/healthz max ${ms(Math.max(...craftProbes))}; server event-loop delay max ${ms(craftLoop.max / 1e6)}`,
    ]);

    // 2. One token opens 300 sockets.
    const one = await post<{ participantToken: string }>(server.url, '/api/join', { code: room.joinCode });
    const many = await Promise.all(Array.from({ length: 300 }, () => rawSocket(`${ws}/sync/${room.roomId}?token=${one.participantToken}`)));
    const refused = many.filter((m) => !m.opened).map((m) => m.status ?? 0);
    const newPhone = await post<{ participantToken: string }>(server.url, '/api/join', { code: room.joinCode });
    const fresh = await rawSocket(`${ws}/sync/${room.roomId}?token=${newPhone.participantToken}`);
    rows.push([
      '300 sockets with one token',
      `${many.length - refused.length} open, ${refused.length} refused (${[...new Set(refused)].join(', ') || '-'}); a new phone ${fresh.opened ? 'gets in' : `is refused ${fresh.status}`}`,
    ]);
    for (const m of [...many, fresh]) m.ws.terminate();

    // 3. Sockets that ask for the document and then stop reading, while the document grows.
    const tokens: string[] = [];
    for (let i = 0; i < SOCKETS; i++)
      tokens.push((await post<{ participantToken: string }>(server.url, '/api/join', { code: room.joinCode })).participantToken);
    await sleep(500);
    const rssBefore = rssMb();
    const stalled: WebSocket[] = [];
    for (const t of tokens) {
      const r = await rawSocket(`${ws}/sync/${room.roomId}?token=${t}`);
      if (!r.opened) continue;
      (r.ws as unknown as { _socket: Socket })._socket.pause();
      for (let i = 0; i < 10; i++) r.ws.send(STEP1_EMPTY);
      stalled.push(r.ws);
    }
    let peak = rssMb();
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
    await grow(facilitator.ws, doc, 20, 10);
    await sleep(3000);
    clearInterval(sampler);
    const stillOpen = stalled.filter((s) => s.readyState === WebSocket.OPEN).length;
    const rssDuring = rssMb();
    for (const s of stalled) s.terminate();
    await sleep(3000);
    const afterProbe = await health(server.url);
    rows.push([
      `${SOCKETS} non-reading sockets, 10 step 1 each, document +500 kB`,
      `RSS ${rssBefore} → peak ${Math.max(peak, rssDuring)} MB; ${stillOpen} still open after 3 s`,
    ]);
    rows.push(['after they close', `RSS ${rssMb()} MB; /healthz ${ms(afterProbe)}`]);

    // 4. A facilitator pushes a 2 MB update.
    const pusher = await rawSocket(`${ws}/sync/${room.roomId}?token=${room.facilitatorKey}`);
    const big = new Y.Doc();
    big.getMap('stress').set('big', 'x'.repeat(2_000_000 - 100));
    const answer = await new Promise<string>((res) => {
      pusher.ws.on('close', (code, reason) => res(`closed ${code}: ${reason.toString()}`));
      pusher.ws.send(updateMessage(Y.encodeStateAsUpdate(big)));
      setTimeout(() => res('accepted (socket still open)'), 2000);
    });
    pusher.ws.terminate();
    rows.push(['facilitator update of 2 MB', answer]);
    facilitator.ws.terminate();
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`Rådslag hostile sockets — ${ROOT}`);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(
    'Issue 13 (before the limits): 20 step 1 per 10 ms stalled /healthz for 25 s; 200 non-reading sockets took RSS from 155 MB to 1.36 GB and it stayed there; 300 sockets on one token locked new phones out (503).',
  );
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
