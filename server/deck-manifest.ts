// Reads a deck's slide markup and extracts the manifest the server trusts; used by the build and the server.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse, valid, type HTMLElement } from 'node-html-parser';
import {
  ACTIVITY_KINDS,
  ID_PATTERN,
  KINDS,
  isActivityKind,
  parseActivity,
  type ActivityDef,
  type MarkupReader,
  type OptionDef,
} from '../core/activity.js';
import type { BoardDef } from '../core/board.js';
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

/** Which slide holds the tag that is not closed: the first section whose own markup does not balance. */
function unclosed(deckId: string, html: string): DeckError {
  const hint =
    'har et element, der ikke er lukket (fx <rs-activity> uden </rs-activity>, eller <b> uden </b>). Luk det, så slides efter det ikke forsvinder.';
  const sections = html.match(/<section\b[^>]*>[\s\S]*?<\/section>/gi) ?? [];
  for (const [index, chunk] of sections.entries()) {
    if (valid(chunk, { comment: false })) continue;
    const head = /data-title="([^"]*)"/i.exec(chunk)?.[1] ?? /<h[123][^>]*>([\s\S]*?)<\/h[123]>/i.exec(chunk)?.[1]?.replace(/<[^>]+>/g, '');
    const title = head?.replace(/\s+/g, ' ').trim() || `Slide ${index + 1}`;
    return new DeckError(deckId, `slide ${index + 1} ("${title}")`, hint);
  }
  return new DeckError(deckId, 'deck.html', `${hint.replace('har et', 'Markup uden for slides har et')}`);
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

/**
 * An element's attributes as the kinds read them. `owner` names the element in a message ("aktiviteten
 * "valg"") and `error` makes the deck's error, so a wrong value names its slide.
 */
function htmlMarkup(el: HTMLElement, options: OptionDef[], error: (message: string) => DeckError, owner: string): MarkupReader {
  return {
    options,
    text: (name) => el.getAttribute(name)?.trim() ?? '',
    int: (name, fallback, min, max) => {
      const raw = el.getAttribute(name);
      if (raw === undefined || raw === null || raw === '') return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max)
        throw error(`${owner} har ugyldig ${name}="${raw}" (et helt tal fra ${min} til ${max}).`);
      return n;
    },
    fail: (message) => {
      throw error(message);
    },
  };
}

/** Parse one deck's markup. Throws DeckError naming the slide when the markup is wrong. */
export function extractManifest(deckId: string, html: string): DeckManifest {
  // A tag left open swallows the slides after it here while a browser closes it and shows them, so the
  // projector, the phones and the server would disagree on slide numbers: refuse it, naming the slide.
  if (!valid(html, { comment: false })) throw unclosed(deckId, html);
  const root = parse(html, { comment: false });
  const container = root.querySelector('.slides');
  if (!container) throw new DeckError(deckId, 'deck.html', 'mangler et element med class="slides" omkring slides.');
  const title = container.getAttribute('data-title')?.trim();
  if (!title) throw new DeckError(deckId, 'deck.html', 'class="slides" skal have attributten data-title med deckets titel.');
  const lang = container.getAttribute('lang')?.trim() || 'da';

  const sections = container.childNodes.filter((n): n is HTMLElement => (n as HTMLElement).tagName === 'SECTION');
  if (sections.length === 0) throw new DeckError(deckId, 'deck.html', 'har ingen <section>-slides.');

  const slides: DeckManifest['slides'] = [];
  const activities: ActivityDef[] = [];
  const boards: BoardDef[] = [];
  const seen = new Map<string, string>();

  sections.forEach((section, index) => {
    const title = slideTitle(section, index);
    slides.push({ index, title, ...(section.querySelector('rs-join-info') ? { join: true as const } : {}) });
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
      if (!isActivityKind(kind)) {
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
      if (!KINDS[kind].takesOptions && options.length > 0) {
        throw new DeckError(deckId, where, `aktiviteten "${id}" (kind="${kind}") tager ingen <rs-option>.`);
      }
      const membersOnly = el.getAttribute('members-only');
      const base = {
        id,
        prompt,
        slide: index,
        slideTitle: title,
        // A motion decides something: only members vote (docs/voting-cards.md). The key is left out otherwise.
        ...(membersOnly !== undefined && membersOnly !== null && membersOnly !== 'false' ? { membersOnly: true as const } : {}),
      };
      activities.push(
        parseActivity(
          kind,
          base,
          htmlMarkup(el, options, (message) => new DeckError(deckId, where, message), `aktiviteten "${id}"`),
        ),
      );
    }
    for (const el of section.querySelectorAll('rs-board')) boards.push(extractBoard(deckId, where, el, index, title, seen));
  });

  return { id: deckId, title, lang, slides, activities, boards };
}

/** `<rs-board board prompt dots max-length approval>` with `<rs-zone value>label</rs-zone>` children. */
function extractBoard(
  deckId: string,
  where: string,
  el: HTMLElement,
  slide: number,
  slideTitle: string,
  seen: Map<string, string>,
): BoardDef {
  const id = el.getAttribute('board') ?? '';
  if (!ID_PATTERN.test(id)) {
    throw new DeckError(deckId, where, `<rs-board> skal have board="<id>" med små bogstaver, tal og bindestreg (fik "${id}").`);
  }
  const previous = seen.get(id);
  if (previous) throw new DeckError(deckId, where, `tavlen "${id}" har samme id som en aktivitet eller tavle på ${previous}.`);
  seen.set(id, where);
  const prompt = el.getAttribute('prompt')?.trim();
  if (!prompt) throw new DeckError(deckId, where, `tavlen "${id}" mangler prompt="<opgave>".`);
  const zones: OptionDef[] = [];
  for (const z of el.querySelectorAll('rs-zone')) {
    const zid = z.getAttribute('value') ?? '';
    if (!ID_PATTERN.test(zid)) throw new DeckError(deckId, where, `et felt i tavlen "${id}" har ugyldig value="${zid}".`);
    if (zones.some((x) => x.id === zid)) throw new DeckError(deckId, where, `feltet "${zid}" står to gange i tavlen "${id}".`);
    const label = text(z);
    if (!label) throw new DeckError(deckId, where, `feltet "${zid}" i tavlen "${id}" har ingen tekst.`);
    zones.push({ id: zid, label });
  }
  if (zones.length < 1 || zones.length > 6) {
    throw new DeckError(deckId, where, `tavlen "${id}" skal have fra 1 til 6 <rs-zone> (har ${zones.length}).`);
  }
  const { int } = htmlMarkup(el, zones, (message) => new DeckError(deckId, where, message), `tavlen "${id}"`);
  const approval = el.getAttribute('approval');
  return {
    id,
    prompt,
    slide,
    slideTitle,
    zones,
    dots: int('dots', 5, 1, 50),
    maxLength: int('max-length', 140, 10, 500),
    approval: approval !== undefined && approval !== null && approval !== 'false',
  };
}

export interface LoadedDeck {
  manifest: DeckManifest;
  html: string;
}

/** The slides folder as the server sees it: the decks it serves, and the ones left out for a mistake. */
export interface DeckFolder {
  decks: Map<string, LoadedDeck>;
  /** One DeckError per deck that was left out, naming the deck folder and the slide. */
  broken: DeckError[];
}

/**
 * Load every deck folder under `slidesDir`; a deck with a mistake is left out with its DeckError, so one
 * typo keeps one deck from rooms and the others serve. A missing slides folder throws.
 */
export function loadDeckFolder(slidesDir: string): DeckFolder {
  const decks = new Map<string, LoadedDeck>();
  const broken: DeckError[] = [];
  for (const entry of readdirSync(slidesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !ID_PATTERN.test(entry.name)) continue;
    const file = join(slidesDir, entry.name, DECK_FILE);
    if (!existsSync(file)) continue;
    try {
      const html = readFileSync(file, 'utf8');
      decks.set(entry.name, { manifest: extractManifest(entry.name, html), html });
    } catch (err) {
      broken.push(
        err instanceof DeckError
          ? err
          : new DeckError(entry.name, DECK_FILE, `kunne ikke læses (${(err as NodeJS.ErrnoException).code ?? 'ukendt fejl'}).`),
      );
    }
  }
  return { decks, broken };
}

/** Load every deck folder under `slidesDir`, strictly: a broken deck throws (the build's check, the export script). */
export function loadDecks(slidesDir: string): Map<string, LoadedDeck> {
  const { decks, broken } = loadDeckFolder(slidesDir);
  if (broken[0]) throw broken[0];
  return decks;
}
