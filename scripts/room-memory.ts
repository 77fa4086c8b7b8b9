// Figures for rooms in memory: the heap and RSS of a server that has loaded many rooms, and again once they
// have been idle for ROOM_IDLE_SECONDS and left memory. The server runs in this process. Loopback only.
//   node --expose-gc --import tsx scripts/room-memory.ts              (2,000 rooms, idle after 20 s)
//   node --expose-gc --import tsx scripts/room-memory.ts --rooms 500 --idle 5
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRadslag } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import type { PageServer } from '../server/http/pages.js';

const { values: args } = parseArgs({ options: { rooms: { type: 'string', default: '2000' }, idle: { type: 'string', default: '20' } } });
const ROOMS = Math.min(10_000, Math.max(1, Number(args.rooms)));
const IDLE = Math.min(120, Math.max(1, Number(args.idle)));
const ROOT = resolve(import.meta.dirname, '..');
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

const noPages: PageServer = {
  async page(_name, _req, res) {
    res.writeHead(404).end();
  },
  asset(_req, res) {
    res.writeHead(404).end();
  },
};

const dataDir = mkdtempSync(join(tmpdir(), 'radslag-room-memory-'));
const app = createRadslag(
  configFromEnv(ROOT, {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    quiet: true,
    adminToken: 'bench',
    roomsPerHour: 1_000_000,
    roomIdleSeconds: IDLE,
    retentionDays: 0,
  }),
  { pages: noPages },
);
const { url } = await app.listen();
try {
  const start = memory();
  const made: { roomId: string; facilitatorKey: string }[] = [];
  for (let i = 0; i < ROOMS; i++) {
    const res = await fetch(`${url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
      body: JSON.stringify({ deck: 'frisaettelse' }),
    });
    made.push((await res.json()) as { roomId: string; facilitatorKey: string });
  }
  // Each room is opened once by its facilitator (the room info call loads it).
  for (const r of made) {
    const res = await fetch(`${url}/api/rooms/${r.roomId}`, { headers: { authorization: `Bearer ${r.facilitatorKey}` } });
    await res.arrayBuffer();
  }
  const loaded = memory();
  const loadedCount = app.rooms.loaded;
  const t0 = Date.now();
  while (app.rooms.loaded > 0 && Date.now() - t0 < (IDLE + 60) * 1000) await sleep(250);
  const unloadedAfter = Date.now() - t0;
  const after = memory();
  console.log(`Rooms in memory (${ROOMS} rooms, ROOM_IDLE_SECONDS=${IDLE}):`);
  console.log(`  at start:        heap ${MB(start.heap)}, RSS ${MB(start.rss)}`);
  console.log(
    `  ${loadedCount} loaded:      heap ${MB(loaded.heap)}, RSS ${MB(loaded.rss)}  (${((loaded.heap - start.heap) / ROOMS / 1024).toFixed(0)} KB heap a room)`,
  );
  console.log(
    `  all unloaded:    after ${(unloadedAfter / 1000).toFixed(1)} s, ${app.rooms.loaded} left; heap ${MB(after.heap)}, RSS ${MB(after.rss)}`,
  );
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
