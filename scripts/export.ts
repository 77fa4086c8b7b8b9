// Command line export from the data folder, no server needed:
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
import { SqliteStorage } from '../server/storage-sqlite.js';

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
Læser data fra DATA_DIR (standard ./data). Rum-id'et står i præsentationens adresse: /present/<rum-id>.`);
    return values.help ? 0 : 2;
  }
  const config = configFromEnv(ROOT);
  const storage = new SqliteStorage(join(config.dataDir, 'radslag.sqlite'));
  try {
    const file = await exportRoom(values.room, values.format!, {
      storage,
      // The deck version the room pinned, from the database (templates are recorded there when the server starts).
      decks: new DeckLibrary(storage.decks, compileDeck),
      place: values.place,
      dataDir: config.dataDir,
    });
    if (!file) {
      console.error(`Der er intet rum med id "${values.room}" i ${config.dataDir}.`);
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
