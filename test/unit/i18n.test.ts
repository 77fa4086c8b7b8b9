// Every string a person reads goes through @lit/localize: the English catalogue (xliff/en.xlf) must hold
// every message the code has today, each with a translation that keeps its placeholders, and the built
// templates (texts/locales/en.ts) must be built from it. A new msg() without `npm run i18n` fails here.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, removeDir } from '../helpers/server.js';

interface Unit {
  id: string;
  source: string;
  target: string | undefined;
}

function units(xliff: string): Unit[] {
  return [...xliff.matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>(?:\s*<target>([\s\S]*?)<\/target>)?/g)].map((m) => ({
    id: m[1]!,
    source: m[2]!,
    target: m[3],
  }));
}

const placeholders = (s: string) => [...s.matchAll(/<x id="(\d+)"/g)].map((m) => m[1]).sort();

describe('the English catalogue', () => {
  const committed = units(readFileSync(join(ROOT, 'xliff/en.xlf'), 'utf8'));

  it('translates every message, keeping its placeholders', () => {
    expect(committed.length).toBeGreaterThan(100);
    const untranslated = committed.filter((u) => !u.target?.trim()).map((u) => u.source);
    expect(untranslated).toEqual([]);
    for (const u of committed) expect(placeholders(u.target!), u.source).toEqual(placeholders(u.source));
  });

  it('holds exactly the messages the code has now, and the built templates match it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-i18n-'));
    try {
      const config = JSON.parse(readFileSync(join(ROOT, 'lit-localize.json'), 'utf8'));
      config.inputFiles = config.inputFiles.map((g: string) => join(ROOT, g));
      config.interchange.xliffDir = join(dir, 'xliff');
      config.output.outputDir = join(dir, 'out');
      config.output.localeCodesModule = join(dir, 'out', 'locale-codes.ts');
      writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
      execFileSync(join(ROOT, 'node_modules/.bin/lit-localize'), ['extract', '--config', join(dir, 'config.json')], {
        cwd: ROOT,
        stdio: 'pipe',
      });
      const fresh = units(readFileSync(join(dir, 'xliff/en.xlf'), 'utf8'));
      expect(fresh.map((u) => u.id).sort(), 'run `npm run i18n` and translate the new messages in xliff/en.xlf').toEqual(
        committed.map((u) => u.id).sort(),
      );
    } finally {
      removeDir(dir);
    }
    const built = readFileSync(join(ROOT, 'texts/locales/en.ts'), 'utf8');
    const ids = [...built.matchAll(/^\s*'([^']+)': /gm)].map((m) => m[1]).sort();
    expect(ids, 'run `npm run i18n`').toEqual(committed.map((u) => u.id).sort());
  }, 30_000);
});
