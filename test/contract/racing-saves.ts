// Deck saves from separate processes at the same moment, for the decks contract: each process opens its own store.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { SaveResult } from '../../server/deck-store.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** A save from a process of its own, started when its parent writes a line. */
const RACER = `
const store = process.env.RS_BACKEND === 'postgres'
  ? new (await import(process.env.RS_ROOT + '/server/pg/storage-pg.ts')).PgStorage({ connectionString: process.env.RS_LOCATION, poolSize: 1 })
  : new (await import(process.env.RS_ROOT + '/server/storage-sqlite.ts')).SqliteStorage(process.env.RS_LOCATION);
await store.ready();
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  const result = await store.decks.saveVersion(process.env.RS_DECK, Number(process.env.RS_BASE), 'from ' + process.pid, 'Race', {}, Date.now());
  process.stdout.write(JSON.stringify(result) + '\\n');
  await store.close();
});
`;

export async function racingSaves(
  backend: 'sqlite' | 'postgres',
  location: string,
  deckId: string,
  baseVersion: number,
  count: number,
): Promise<SaveResult[]> {
  const procs = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RACER], {
      cwd: ROOT,
      env: {
        ...process.env,
        RS_BACKEND: backend,
        RS_ROOT: ROOT,
        RS_LOCATION: location,
        RS_DECK: deckId,
        RS_BASE: String(baseVersion),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const lines = procs.map((p) => {
    let out = '';
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const ready = new Promise<void>((res, rej) => {
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready\n')) res();
      });
      p.once('exit', (code) => rej(new Error(`racer exited ${code}: ${err}`)));
    });
    const done = new Promise<SaveResult>((res, rej) => {
      p.once('exit', () => {
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) res(JSON.parse(line) as SaveResult);
        else rej(new Error(`racer said nothing: ${err}`));
      });
    });
    return { p, ready, done };
  });
  await Promise.all(lines.map((l) => l.ready));
  // Every process has the database open and waits: all are told to save in the same tick.
  for (const l of lines) l.p.stdin.end('go\n');
  return Promise.all(lines.map((l) => l.done));
}
