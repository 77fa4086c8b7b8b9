// The build refuses a deck with a mistake in its Markdown and names the slide and the line.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECK_FILE } from '../../server/decks/templates.js';
import { ROOT, removeDir, tempDataDir } from '../helpers/server.js';

function buildWith(deck: string): { status: number | null; output: string } {
  const dir = tempDataDir();
  mkdirSync(join(dir, 'slides', 'proeve'), { recursive: true });
  writeFileSync(join(dir, 'slides', 'proeve', DECK_FILE), deck);
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', join(dir, 'dist'), '--logLevel', 'error'],
    {
      cwd: ROOT,
      env: { ...process.env, SLIDES_DIR: join(dir, 'slides') },
      encoding: 'utf8',
    },
  );
  removeDir(dir);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const block = (word: string) => `::: ${word}
Hvem sættes fri?
- Kommunen
- Borgerne
:::`;

describe('build-time manifest', () => {
  it('a duplicate activity id fails the build naming both slides and the line', () => {
    const r = buildWith(`---
titel: Prøve
---

## Første

${block('valg valg')}

---

## Anden

${block('valg valg')}
`);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('slide 2 ("Anden"), linje 17');
    expect(r.output).toContain('slide 1 ("Første")');
  });

  it('an unknown block fails the build naming the slide and the line', () => {
    const r = buildWith(`---
titel: Prøve
---

## Intro

---

titel: Afstemning

## Lodtrækning

${block('lottery x')}
`);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/slide 2 \("Afstemning"\), linje 13: kender ikke blokken "::: lottery"/);
  });
});
