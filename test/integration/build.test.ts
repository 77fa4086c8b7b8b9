// The build refuses a deck with broken activity markup and names the slide.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, removeDir, tempDataDir } from '../helpers/server.js';

function buildWith(deck: string): { status: number | null; output: string } {
  const dir = tempDataDir();
  mkdirSync(join(dir, 'slides', 'proeve'), { recursive: true });
  writeFileSync(join(dir, 'slides', 'proeve', 'deck.html'), deck);
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

const option = '<rs-option value="a">A</rs-option><rs-option value="b">B</rs-option>';

describe('build-time manifest', () => {
  it('a duplicate activity id fails the build naming both slides', () => {
    const r = buildWith(`<div class="slides" data-title="Prøve">
      <section><h2>Første</h2><rs-activity activity="valg" kind="single" prompt="?">${option}</rs-activity></section>
      <section><h2>Anden</h2><rs-activity activity="valg" kind="single" prompt="?">${option}</rs-activity></section>
    </div>`);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('slide 2 ("Anden")');
    expect(r.output).toContain('slide 1 ("Første")');
  });

  it('an unknown kind fails the build naming the slide', () => {
    const r = buildWith(`<div class="slides" data-title="Prøve">
      <section><h2>Intro</h2></section>
      <section data-title="Afstemning"><rs-activity activity="x" kind="lottery" prompt="?">${option}</rs-activity></section>
    </div>`);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/slide 2 \("Afstemning"\).*ukendt kind="lottery"/);
  });
});
