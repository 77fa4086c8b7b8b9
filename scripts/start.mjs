// `npm start`: build the pages when the build is missing or older than the sources, then serve.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// The decks are not part of the build: the server reads them when it starts and leaves a broken one out
// (shown on the start page), so editing a deck does not rebuild, and this build does not stop on a deck.
const sources = ['pages', 'components', 'core', 'texts', 'public', 'vite.config.ts', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

const built = join(root, 'dist', 'present.html');
const stale = !existsSync(built) || sources.some((s) => newest(join(root, s)) > statSync(built).mtimeMs);
if (stale) {
  console.log('Bygger Rådslag …');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, RADSLAG_DECK_CHECK: 'off' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// The server runs as a child with signals passed on, so Ctrl+C and SIGTERM stop it cleanly.
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
