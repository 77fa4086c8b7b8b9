// Delete a room for good from the data folder, or every room past RETENTION_DAYS:
//   npm run delete-room -- --room <roomId>
//   npm run delete-room -- --expired
// While a server uses the data folder it refuses: the server holds the room in memory and would keep
// serving it. Then use the "Slet rum" button in the room menu or DELETE /api/rooms/<roomId>.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withValues } from './args.js';
import { configFromEnv } from '../server/config.js';
import { runningServer } from '../server/running.js';
import { SqliteStorage } from '../server/storage-sqlite.js';

const ROOT = resolve(import.meta.dirname, '..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: withValues(process.argv.slice(2), ['--room']),
    options: { room: { type: 'string' }, expired: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || (!values.room && !values.expired)) {
    console.error(
      'Brug: npm run delete-room -- --room <rum-id>   eller   npm run delete-room -- --expired\nLæser DATA_DIR (standard ./data) og RETENTION_DAYS (standard 30).',
    );
    return values.help ? 0 : 2;
  }
  const config = configFromEnv(ROOT);
  if (config.databaseUrl) {
    // The database is shared by servers that may hold the room in memory: they delete it themselves.
    console.error(
      'DATABASE_URL er sat: rummene ligger i PostgreSQL, som serverne deler. Slet rummet fra rummets menu (Rum ▾ → Slet rum) eller med DELETE /api/rooms/<rum-id> og facilitatornøglen; rum ældre end RETENTION_DAYS slettes af serverne selv.',
    );
    return 1;
  }
  const running = runningServer(config.dataDir);
  if (running) {
    console.error(
      `En Rådslag-server bruger ${config.dataDir} lige nu (proces ${running.pid}, port ${running.port}), og den ville blive ved med at vise rummet.
` +
        'Slet rummet fra rummets menu (Rum ▾ → Slet rum) eller med DELETE /api/rooms/<rum-id> og facilitatornøglen, eller stop serveren og prøv igen.',
    );
    return 1;
  }
  const storage = new SqliteStorage(join(config.dataDir, 'radslag.sqlite'));
  try {
    const ids = values.room ? [values.room] : await storage.listRoomsCreatedBefore(Date.now() - config.retentionDays * 24 * 3600 * 1000);
    if (values.expired && config.retentionDays <= 0) {
      console.error('RETENTION_DAYS er 0: rum slettes ikke automatisk.');
      return 0;
    }
    let missing = 0;
    for (const id of ids) {
      if (await storage.deleteRoom(id)) console.error(`Rummet ${id} er slettet.`);
      else {
        console.error(`Der er intet rum med id "${id}" i ${config.dataDir}.`);
        missing++;
      }
    }
    if (values.expired) console.error(`${ids.length} rum ældre end ${config.retentionDays} dage er slettet.`);
    return missing > 0 ? 1 : 0;
  } finally {
    await storage.close();
  }
}

process.exitCode = await main();
