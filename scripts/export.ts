// Command line export from the data folder (or the PostgreSQL database of DATABASE_URL), no server needed:
//   npm run export -- --room <roomId> --format xlsx --out referat.xlsx [--place "Byrådssalen"]
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withValues } from './args.js';
import { configFromEnv } from '../server/config.js';
import { DeckLibrary } from '../server/deck-library.js';
import { compileDeck } from '../server/decks/compile.js';
import { EXPORT_FORMATS, ExportError, exportRoom } from '../server/export/index.js';
import '../server/export/formats.js';
import { PgStorage } from '../server/pg/storage-pg.js';
import { SqliteStorage } from '../server/storage-sqlite.js';
import type { Storage } from '../server/storage.js';

const ROOT = resolve(import.meta.dirname, '..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: withValues(process.argv.slice(2), ['--room', '--format', '--out', '--place']),
    options: {
      room: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      place: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.room) {
    console.error(`Brug: npm run export -- --room <rum-id> --format ${EXPORT_FORMATS.join('|')} [--out <fil>] [--place <sted>]
Læser data fra DATA_DIR (standard ./data), eller fra PostgreSQL, når DATABASE_URL er sat. Rum-id'et står i præsentationens adresse: /present/<rum-id>.`);
    return values.help ? 0 : 2;
  }
  const config = configFromEnv(ROOT);
  // The same database the server uses: PostgreSQL when DATABASE_URL is set (docs/storage.md).
  const storage: Storage = config.databaseUrl
    ? new PgStorage({ connectionString: config.databaseUrl, poolSize: 2 })
    : new SqliteStorage(join(config.dataDir, 'radslag.sqlite'));
  const where = config.databaseUrl ? 'databasen' : config.dataDir;
  try {
    await storage.ready();
    const file = await exportRoom(values.room, values.format!, {
      storage,
      // The deck version the room pinned, from the database (templates are recorded there when the server starts).
      decks: new DeckLibrary(storage.decks, compileDeck),
      place: values.place,
      dataDir: config.dataDir,
    });
    if (!file) {
      console.error(`Der er intet rum med id "${values.room}" i ${where}.`);
      return 1;
    }
    const out = values.out ?? file.name;
    writeFileSync(out, file.body);
    console.error(`Skrev ${out} (${file.body.length} bytes).`);
    return 0;
  } catch (err) {
    console.error(err instanceof ExportError ? err.message : `Eksporten mislykkedes: ${(err as Error).message}`);
    return 1;
  } finally {
    await storage.close();
  }
}

process.exitCode = await main();
