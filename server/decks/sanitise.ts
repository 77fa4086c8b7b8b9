// What a deck may put on the projector, the speaker view and the phones: the elements and attributes a slide
// needs, the classes pages/deck.css styles, images from the deck's own uploads, and nothing that runs or loads
// from elsewhere. Whoever holds a deck's editor key writes it; everybody in the room sees it.
import sanitizeHtml from 'sanitize-html';
import { DeckSyntaxError } from './errors.js';

/**
 * The classes pages/deck.css and the slide components give meaning to. A class outside this list is dropped: a
 * deck cannot borrow the app's own classes to dress text up as a join code or a facilitator's button.
 */
export const DECK_CLASSES: readonly string[] = [
  // slide layouts and text helpers
  'center-text',
  'title-slide',
  'divider',
  'statement',
  'activity',
  'board-slide',
  'kicker',
  'subtitle',
  'rule',
  'lead',
  'muted',
  'small',
  'note',
  'accent',
  'sub',
  'highlight',
  'plain',
  'big',
  'label',
  // lists
  'marks',
  'warn',
  'ask',
  'law',
  'chips',
  'agenda',
  'num',
  'what',
  'steps',
  'then',
  'howto',
  'timeline',
  'date',
  'us',
  // columns and cards
  'cols',
  'three',
  'four',
  'roomy',
  'card',
  'new',
  'red',
  'blue',
  'when',
  'outcome',
  'big-quote',
  'countries',
  'lead-country',
  // facts, tables, quotes
  'facts',
  'fact',
  'deck-table',
  'para',
  'not',
  'doctrines',
  'logics',
  'styring',
  'pull',
  'timeline-quote',
  'stamp',
  // diagrams
  'chain',
  'link',
  'general',
  'to-next',
  'span-2',
  'citizen',
  'row-label',
  'down',
  'chain-caption',
  'from',
  'arrow',
  'spectrum',
  'bar',
  'ends',
  'board',
  'pane',
  'problems',
  'options',
];

/** `::: <word>` blocks that wrap Markdown in a <div> with a class. */
export const LAYOUT_CLASSES: Readonly<Record<string, string>> = {
  kolonner: 'cols',
  columns: 'cols',
  kort: 'card',
  card: 'card',
  fakta: 'facts',
  facts: 'facts',
  blok: '',
  block: '',
};

/** Danish words for a few looks; any class from DECK_CLASSES is taken as written too. */
const VARIANT_WORDS: Readonly<Record<string, string>> = {
  tre: 'three',
  fire: 'four',
  luftig: 'roomy',
  ny: 'new',
  nyt: 'new',
  rød: 'red',
  blå: 'blue',
};

/** The classes `::: kort ny` asks for; a word the deck's styles do not know is a mistake worth naming. */
export function variantClasses(words: readonly string[], line: number): string[] {
  return words.map((w) => {
    const cls = VARIANT_WORDS[w.toLowerCase()] ?? w;
    if (!DECK_CLASSES.includes(cls)) {
      throw new DeckSyntaxError(line, `kender ikke udseendet "${w}" (fx ${Object.keys(VARIANT_WORDS).join(', ')}).`);
    }
    return cls;
  });
}

/** Our own elements, with the attributes the kinds read (docs/deck-format.md). */
const COMPONENTS: Record<string, string[]> = {
  'rs-activity': [
    'activity',
    'kind',
    'prompt',
    'max',
    'min',
    'min-label',
    'max-label',
    'points',
    'max-length',
    'members-only',
    'data-line',
  ],
  'rs-option': ['value'],
  'rs-board': ['board', 'prompt', 'dots', 'max-length', 'approval', 'data-line'],
  'rs-zone': ['value'],
  'rs-top-priorities': ['board', 'data-line'],
  'rs-join-info': [],
};

const TEXT_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'br',
  'hr',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'mark',
  'small',
  'sub',
  'sup',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'span',
  'div',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...TEXT_TAGS, ...Object.keys(COMPONENTS)],
  allowedAttributes: {
    '*': ['class', 'aria-hidden', 'aria-label', 'title', 'lang'],
    div: ['class', 'role', 'aria-hidden', 'aria-label', 'lang'],
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['scope', 'colspan', 'rowspan', 'style', 'class'],
    td: ['colspan', 'rowspan', 'style', 'class'],
    ol: ['start', 'class'],
    ...COMPONENTS,
  },
  allowedClasses: { '*': [...DECK_CLASSES] },
  // Markdown tables align columns with a style; that one property is all a style may say.
  allowedStyles: { '*': { 'text-align': [/^(?:left|right|center)$/] } },
  allowedSchemes: ['https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Only the deck's own uploads (compile.ts has already turned their names into these paths).
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^\/api\/deck-images\/[0-9a-f]{64}$/.test(frame.attribs.src ?? ''),
  transformTags: {
    // A link opens in a tab of its own, and only to a web page or an address: a relative link (`/api/…`, `#/3`,
    // `../`) would act on Rådslag itself from the projector, and allowedSchemes lets those through.
    a: (tagName, { href, ...attribs }) => ({
      tagName,
      attribs: {
        ...(href !== undefined && /^(?:https:\/\/|mailto:)/i.test(href) ? { href } : {}),
        ...attribs,
        rel: 'noopener noreferrer',
        target: '_blank',
      },
    }),
  },
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

/** A slide's HTML, keeping only what a slide needs. */
export function sanitiseSlide(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

// Notes are text for the facilitator: an activity or board written in them would be one the room never sees,
// yet the manifest and the console would take it for the slide's own.
const NOTES_OPTIONS: sanitizeHtml.IOptions = { ...OPTIONS, allowedTags: TEXT_TAGS };

/** A slide's speaker notes' HTML: what a slide may hold but our own elements. */
export function sanitiseNotes(html: string): string {
  return sanitizeHtml(html, NOTES_OPTIONS);
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
