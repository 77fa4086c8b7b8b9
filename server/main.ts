// Entry point: `npm start` (built pages) and `npm run dev` (Vite in the same process).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { createRadslag } from './app.js';
import { type Config, configFromEnv } from './config.js';
import { sendPage, type PageServer } from './http/pages.js';
import { phoneHost } from './http/site.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

async function devPages(): Promise<PageServer> {
  const { createServer } = await import('vite');
  const vite = await createServer({
    root: join(root, 'pages'),
    configFile: join(root, 'vite.config.ts'),
    server: { middlewareMode: true },
    appType: 'custom',
  });
  return {
    async page(name, req, res, options) {
      const html = await readFile(join(root, 'pages', `${name}.html`), 'utf8');
      // Vite's development client runs inline scripts, so the page policy is for built pages only.
      sendPage(res, await vite.transformIndexHtml(req.url ?? '/', html), { ...options, csp: false });
    },
    asset: (req, res, next) => vite.middlewares(req, res, next),
  };
}

/** Only addresses that answer: where the facilitator opens Rådslag, and where phones join or why they cannot. */
function addressLines(config: Config, port: number, url: string): string[] {
  const lines = [`  På denne maskine:  ${url}/`];
  if (config.publicUrl) return [...lines, `  Deltagere:         ${config.publicUrl}/join   (PUBLIC_URL)`];
  const phones = phoneHost(config);
  if ('host' in phones) return [...lines, `  Deltagere:         http://${phones.host}:${port}/join   (telefoner på samme netværk)`];
  const why =
    phones.warning === 'loopback'
      ? `serveren lytter kun på denne maskine (HOST=${config.host}). Start uden HOST, eller sæt PUBLIC_URL til en adresse, telefonerne kan nå.`
      : 'maskinen har ingen netværksadresse. Forbind den til netværket (Wi-Fi), og start igen.';
  return [...lines, `  Telefoner kan ikke deltage: ${why}`];
}

async function main(): Promise<void> {
  const config = configFromEnv(root, { dev });
  const app = createRadslag(config, dev ? { pages: await devPages() } : {});
  const { port, url } = await app.listen();
  console.log(`Rådslag kører${dev ? ' (udvikling)' : ''}.`);
  for (const line of addressLines(config, port, url)) console.log(line);
  console.log(`  Data:              ${config.dataDir}`);
  if (app.brokenDecks.length > 0) {
    console.log(`Decks med fejl er udeladt (de står med fejlen på startsiden); de andre kan bruges:`);
    for (const err of app.brokenDecks) console.log(`  ${err.message}`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopper (${signal}) …`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Rådslag kunne ikke starte: ${(err as Error).message}`);
  process.exit(1);
});
