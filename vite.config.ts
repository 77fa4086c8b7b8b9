// Build of the four pages; the deck markup is checked here so a broken deck fails the build.
import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';
import { loadDecks } from './server/decks/templates.js';

const root = import.meta.dirname;

function checkDecks(): Plugin {
  return {
    name: 'rs-check-decks',
    buildStart() {
      // `npm start` builds without it: its server leaves a broken deck out and shows it on the start page.
      if (process.env.RADSLAG_DECK_CHECK === 'off') return;
      const dir = resolve(root, process.env.SLIDES_DIR || 'slides');
      let decks: ReturnType<typeof loadDecks>;
      try {
        decks = loadDecks(dir);
      } catch (err) {
        // The message names the deck and the slide, e.g. 'Deck "frisaettelse", slide 4 ("Hvem sættes fri?"): …'.
        this.error((err as Error).message);
      }
      if (decks.size === 0) this.error(`Ingen decks fundet i ${dir}.`);
      for (const d of decks.values()) this.addWatchFile(resolve(dir, d.manifest.id, 'deck.md'));
    },
  };
}

export default defineConfig({
  root: resolve(root, 'pages'),
  publicDir: resolve(root, 'public'),
  plugins: [checkDecks()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        index: resolve(root, 'pages/index.html'),
        join: resolve(root, 'pages/join.html'),
        present: resolve(root, 'pages/present.html'),
        console: resolve(root, 'pages/console.html'),
        edit: resolve(root, 'pages/edit.html'),
      },
    },
  },
});
