// Measures what a phone downloads for the participant page: every script and stylesheet join.html loads, gzipped.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const LIMIT_KB = 80;

function assetsOf(page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)) refs.add(m[1]!);
  // Follow static imports between chunks, which the HTML lists only partly.
  const queue = [...refs].filter((r) => r.endsWith('.js'));
  while (queue.length > 0) {
    const file = queue.pop()!;
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)) {
      const ref = `/assets/${m[1]}`;
      if (!refs.has(ref)) {
        refs.add(ref);
        queue.push(ref);
      }
    }
  }
  return [...refs].sort();
}

if (!existsSync(join(dist, 'join.html'))) {
  console.error('dist/ mangler: kør "npm run build" først.');
  process.exit(1);
}
let js = 0;
let total = 0;
for (const ref of assetsOf('join.html')) {
  const raw = readFileSync(join(dist, ref));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  if (ref.endsWith('.js')) js += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(7)} KB gz  ${(raw.length / 1024).toFixed(1).padStart(7)} KB  ${ref}`);
}
// Chunks loaded only on demand (import("./x.js")): the English texts, fetched when a phone switches language.
const eager = new Set(assetsOf('join.html'));
const lazy = new Set<string>();
for (const ref of eager) {
  if (!ref.endsWith('.js')) continue;
  for (const m of readFileSync(join(dist, ref), 'utf8').matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)) {
    const lazyRef = `/assets/${m[1]}`;
    if (!eager.has(lazyRef)) lazy.add(lazyRef);
  }
}
let lazyJs = 0;
for (const ref of lazy) {
  const raw = readFileSync(join(dist, ref));
  const gz = gzipSync(raw, { level: 9 }).length;
  lazyJs += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(7)} KB gz  ${(raw.length / 1024).toFixed(1).padStart(7)} KB  ${ref}  (on demand)`);
}
const reveal = assetsOf('join.html').some((r) => readFileSync(join(dist, r), 'utf8').includes('data-auto-animate'));
console.log(
  `Participant JavaScript: ${(js / 1024).toFixed(1)} KB gzipped (limit ${LIMIT_KB} KB); all assets ${(total / 1024).toFixed(1)} KB.`,
);
console.log(
  `On demand: ${(lazyJs / 1024).toFixed(1)} KB more for a phone that switches to English; with it ${((js + lazyJs) / 1024).toFixed(1)} KB.`,
);
console.log(`reveal.js in the participant bundle: ${reveal ? 'YES' : 'no'}`);
if ((js + lazyJs) / 1024 > LIMIT_KB || reveal) process.exit(1);
