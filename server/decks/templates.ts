// The decks in slides/: read-only templates in the deck format, one folder per deck with its deck.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ID_PATTERN } from '../../core/activity.js';
import { DeckError, type LoadedDeck } from '../deck-manifest.js';
import { compileDeck } from './compile.js';

export const DECK_FILE = 'deck.md';

/** A template as the server serves it, with the Markdown it came from (stored as the template's version). */
export interface TemplateDeck extends LoadedDeck {
  source: string;
}

/** The slides folder as the server sees it: the decks it serves, and the ones left out for a mistake. */
export interface DeckFolder {
  decks: Map<string, TemplateDeck>;
  /** One DeckError per deck that was left out, naming the deck folder, the slide and the line. */
  broken: DeckError[];
}

/**
 * Load every deck folder under `slidesDir`; a deck with a mistake is left out with its DeckError, so one
 * typo keeps one deck from rooms and the others serve. A missing slides folder throws.
 */
export function loadDeckFolder(slidesDir: string): DeckFolder {
  const decks = new Map<string, TemplateDeck>();
  const broken: DeckError[] = [];
  for (const entry of readdirSync(slidesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !ID_PATTERN.test(entry.name)) continue;
    const file = join(slidesDir, entry.name, DECK_FILE);
    if (!existsSync(file)) continue;
    try {
      const source = readFileSync(file, 'utf8');
      decks.set(entry.name, { ...compileDeck(entry.name, source), source });
    } catch (err) {
      broken.push(
        err instanceof DeckError
          ? err
          : new DeckError(entry.name, DECK_FILE, `kunne ikke læses (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`),
      );
    }
  }
  return { decks, broken };
}

/** Load every deck folder under `slidesDir`, strictly: a broken deck throws (the build's check, the export script). */
export function loadDecks(slidesDir: string): Map<string, TemplateDeck> {
  const { decks, broken } = loadDeckFolder(slidesDir);
  if (broken[0]) throw broken[0];
  return decks;
}
