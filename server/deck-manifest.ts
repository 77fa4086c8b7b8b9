// Reads a deck's slide markup and extracts the manifest the server trusts; used by the build and the server.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { ACTIVITY_KINDS, ID_PATTERN, type ActivityDef, type ActivityKind, type OptionDef } from '../core/activity.js';
import type { DeckManifest } from '../core/deck.js';

export const DECK_FILE = 'deck.html';

export class DeckError extends Error {
  constructor(
    readonly deck: string,
    readonly slide: string,
    message: string,
  ) {
    super(`Deck "${deck}", ${slide}: ${message}`);
    this.name = 'DeckError';
  }
}

function text(el: HTMLElement): string {
  return el.textContent.replace(/\s+/g, ' ').trim();
}

function slideTitle(section: HTMLElement, index: number): string {
  const explicit = section.getAttribute('data-title');
  if (explicit) return explicit.trim();
  const heading = section.querySelector('h1, h2, h3');
  return heading ? text(heading) : `Slide ${index + 1}`;
}

/** Parse one deck's markup. Throws DeckError naming the slide when the markup is wrong. */
export function extractManifest(deckId: string, html: string): DeckManifest {
  const root = parse(html, { comment: false });
  const container = root.querySelector('.slides');
  if (!container) throw new DeckError(deckId, 'deck.html', 'mangler et element med class="slides" omkring slides.');
  const title = container.getAttribute('data-title')?.trim();
  if (!title) throw new DeckError(deckId, 'deck.html', 'class="slides" skal have attributten data-title med deckets titel.');
  const lang = container.getAttribute('lang')?.trim() || 'da';

  const sections = container.childNodes.filter(
    (n): n is HTMLElement => (n as HTMLElement).tagName === 'SECTION',
  );
  if (sections.length === 0) throw new DeckError(deckId, 'deck.html', 'har ingen <section>-slides.');

  const slides: DeckManifest['slides'] = [];
  const activities: ActivityDef[] = [];
  const seen = new Map<string, string>();

  sections.forEach((section, index) => {
    const title = slideTitle(section, index);
    slides.push({ index, title });
    const where = `slide ${index + 1} ("${title}")`;
    for (const el of section.querySelectorAll('rs-activity')) {
      const id = el.getAttribute('activity') ?? '';
      if (!ID_PATTERN.test(id)) {
        throw new DeckError(deckId, where, `<rs-activity> skal have activity="<id>" med små bogstaver, tal og bindestreg (fik "${id}").`);
      }
      const previous = seen.get(id);
      if (previous) throw new DeckError(deckId, where, `aktiviteten "${id}" findes allerede på ${previous}.`);
      seen.set(id, where);
      const kind = el.getAttribute('kind') ?? '';
      if (!(ACTIVITY_KINDS as readonly string[]).includes(kind)) {
        throw new DeckError(deckId, where, `aktiviteten "${id}" har ukendt kind="${kind}" (kendte: ${ACTIVITY_KINDS.join(', ')}).`);
      }
      const prompt = el.getAttribute('prompt')?.trim();
      if (!prompt) throw new DeckError(deckId, where, `aktiviteten "${id}" mangler prompt="<spørgsmål>".`);
      const options: OptionDef[] = [];
      for (const o of el.querySelectorAll('rs-option')) {
        const oid = o.getAttribute('value') ?? '';
        if (!ID_PATTERN.test(oid)) throw new DeckError(deckId, where, `en svarmulighed i "${id}" har ugyldig value="${oid}".`);
        if (options.some((x) => x.id === oid)) throw new DeckError(deckId, where, `svarmuligheden "${oid}" står to gange i "${id}".`);
        const label = text(o);
        if (!label) throw new DeckError(deckId, where, `svarmuligheden "${oid}" i "${id}" har ingen tekst.`);
        options.push({ id: oid, label });
      }
      if (options.length < 2) throw new DeckError(deckId, where, `aktiviteten "${id}" skal have mindst to <rs-option>.`);
      activities.push({ id, kind: kind as ActivityKind, prompt, slide: index, slideTitle: title, options });
    }
  });

  return { id: deckId, title, lang, slides, activities };
}

export interface LoadedDeck {
  manifest: DeckManifest;
  html: string;
}

/** Load every deck folder under `slidesDir`; a broken deck throws so it never reaches a room. */
export function loadDecks(slidesDir: string): Map<string, LoadedDeck> {
  const decks = new Map<string, LoadedDeck>();
  for (const entry of readdirSync(slidesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !ID_PATTERN.test(entry.name)) continue;
    const file = join(slidesDir, entry.name, DECK_FILE);
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    decks.set(entry.name, { manifest: extractManifest(entry.name, html), html });
  }
  return decks;
}
