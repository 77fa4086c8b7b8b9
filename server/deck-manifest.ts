// Reads a deck's slide markup (what server/decks/compile.ts makes of the Markdown) and extracts the manifest the
// server trusts: the one check of ids, kinds, options and limits every deck gets.
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

export class DeckError extends Error {
  constructor(
    readonly deck: string,
    readonly slide: string,
    message: string,
    /** 1-based line in the deck's Markdown, when known. */
    readonly line?: number,
  ) {
    super(`Deck "${deck}", ${slide}${line ? `, linje ${line}` : ''}: ${message}`);
    this.name = 'DeckError';
  }
}

function deckError(deck: string, where: string, el: HTMLElement, message: string): DeckError {
  return new DeckError(deck, where, message, lineOf(el) ?? lineOf(el.closest('section') ?? undefined));
}

/** The line an element was written on (compile.ts marks blocks and slides with data-line). */
function lineOf(el: HTMLElement | undefined): number | undefined {
  const n = Number(el?.getAttribute('data-line'));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The word a limit is written with in the deck's Markdown (docs/deck-format.md), for messages. */
function settingWord(kind: string, attribute: string): string {
  if (attribute === 'max') return kind === 'scale' ? 'til' : 'højst';
  return ({ min: 'fra', points: 'point', 'max-length': 'længde', dots: 'prikker' } as Record<string, string>)[attribute] ?? attribute;
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
  return new DeckError(deckId, 'decket', `${hint.replace('har et', 'Markup uden for slides har et')}`);
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
  const kind = el.getAttribute('kind') ?? 'board';
  return {
    options,
    text: (name) => el.getAttribute(name)?.trim() ?? '',
    int: (name, fallback, min, max) => {
      const raw = el.getAttribute(name);
      if (raw === undefined || raw === null || raw === '') return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max)
        throw error(`${owner} har ugyldig "${settingWord(kind, name)}: ${raw}" (et helt tal fra ${min} til ${max}).`);
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
  if (!container) throw new DeckError(deckId, 'decket', 'mangler et element med class="slides" omkring slides.');
  const title = container.getAttribute('data-title')?.trim();
  if (!title) throw new DeckError(deckId, 'decket', 'class="slides" skal have attributten data-title med deckets titel.');
  const lang = container.getAttribute('lang')?.trim() || 'da';

  const sections = container.childNodes.filter((n): n is HTMLElement => (n as HTMLElement).tagName === 'SECTION');
  if (sections.length === 0) throw new DeckError(deckId, 'decket', 'har ingen <section>-slides.');

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
        throw deckError(deckId, where, el, `<rs-activity> skal have activity="<id>" med små bogstaver, tal og bindestreg (fik "${id}").`);
      }
      const previous = seen.get(id);
      if (previous) throw deckError(deckId, where, el, `aktiviteten "${id}" findes allerede på ${previous}.`);
      seen.set(id, where);
      const kind = el.getAttribute('kind') ?? '';
      if (!isActivityKind(kind)) {
        throw deckError(deckId, where, el, `aktiviteten "${id}" har ukendt kind="${kind}" (kendte: ${ACTIVITY_KINDS.join(', ')}).`);
      }
      const prompt = el.getAttribute('prompt')?.trim();
      if (!prompt) throw deckError(deckId, where, el, `aktiviteten "${id}" mangler prompt="<spørgsmål>".`);
      const options: OptionDef[] = [];
      for (const o of el.querySelectorAll('rs-option')) {
        const oid = o.getAttribute('value') ?? '';
        if (!ID_PATTERN.test(oid)) throw deckError(deckId, where, el, `en svarmulighed i "${id}" har ugyldig value="${oid}".`);
        if (options.some((x) => x.id === oid)) throw deckError(deckId, where, el, `svarmuligheden "${oid}" står to gange i "${id}".`);
        const label = text(o);
        if (!label) throw deckError(deckId, where, el, `svarmuligheden "${oid}" i "${id}" har ingen tekst.`);
        options.push({ id: oid, label });
      }
      if (!KINDS[kind].takesOptions && options.length > 0) {
        throw deckError(deckId, where, el, `aktiviteten "${id}" (kind="${kind}") tager ingen svarmuligheder.`);
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
          htmlMarkup(el, options, (message) => deckError(deckId, where, el, message), `aktiviteten "${id}"`),
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
    throw deckError(deckId, where, el, `<rs-board> skal have board="<id>" med små bogstaver, tal og bindestreg (fik "${id}").`);
  }
  const previous = seen.get(id);
  if (previous) throw deckError(deckId, where, el, `tavlen "${id}" har samme id som en aktivitet eller tavle på ${previous}.`);
  seen.set(id, where);
  const prompt = el.getAttribute('prompt')?.trim();
  if (!prompt) throw deckError(deckId, where, el, `tavlen "${id}" mangler prompt="<opgave>".`);
  const zones: OptionDef[] = [];
  for (const z of el.querySelectorAll('rs-zone')) {
    const zid = z.getAttribute('value') ?? '';
    if (!ID_PATTERN.test(zid)) throw deckError(deckId, where, el, `et felt i tavlen "${id}" har ugyldig value="${zid}".`);
    if (zones.some((x) => x.id === zid)) throw deckError(deckId, where, el, `feltet "${zid}" står to gange i tavlen "${id}".`);
    const label = text(z);
    if (!label) throw deckError(deckId, where, el, `feltet "${zid}" i tavlen "${id}" har ingen tekst.`);
    zones.push({ id: zid, label });
  }
  if (zones.length < 1 || zones.length > 6) {
    throw deckError(deckId, where, el, `tavlen "${id}" skal have fra 1 til 6 felter (har ${zones.length}).`);
  }
  const { int } = htmlMarkup(el, zones, (message) => deckError(deckId, where, el, message), `tavlen "${id}"`);
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
