// Entry point: `npm start` (built pages) and `npm run dev` (Vite in the same process).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { createRadslag } from './app.js';
import { configFromEnv } from './config.js';
import { sendPage, type PageServer } from './http/pages.js';
import { lanAddress } from './http/site.js';

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

async function main(): Promise<void> {
  const config = configFromEnv(root, { dev });
  const app = createRadslag(config, dev ? { pages: await devPages() } : {});
  const { port } = await app.listen();
  const lan = lanAddress();
  console.log(`Rådslag kører${dev ? ' (udvikling)' : ''}.`);
  console.log(`  På denne maskine:  http://localhost:${port}/`);
  if (config.host === '0.0.0.0' && lan)
    console.log(`  På netværket:      http://${lan}:${port}/   (deltagere: http://${lan}:${port}/join)`);
  if (config.publicUrl) console.log(`  Offentlig adresse: ${config.publicUrl}/`);
  console.log(`  Data:              ${config.dataDir}`);
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
