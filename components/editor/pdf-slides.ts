// The words of an imported PDF page, made into a slide of the deck format (docs/deck-format.md): a page image that
// fills the screen (`layout: billede`), the page's first line as the slide's title and, with the lines after it, as
// the image's text alternative, and all of the page's text as speaker notes. Pure, so it is tested without a browser;
// every text from the PDF is escaped, so a page's words stay words (never a heading, a block, markup or a setting).
import { slug } from '../../server/decks/blocks.js';

/** A PDF's first bytes hold "%PDF-" (within the first kilobyte, as readers allow). */
export function looksLikePdf(head: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(head.subarray(0, 1024)).includes('%PDF-');
}

/** One piece of text as pdf.js's getTextContent gives it (the fields used here). */
export interface PdfTextItem {
  str: string;
  hasEOL?: boolean;
  /** [a, b, c, d, x, y]: y tells a new line where a PDF has no end-of-line mark. */
  transform?: number[];
  height?: number;
}

/**
 * The page's text as lines, in the PDF's reading order. Symbol-font bullets (private-use characters, as PowerPoint
 * writes Wingdings bullets) become "•"; a line that is only the page's own number (a footer) is left out.
 */
export function pageLines(items: readonly PdfTextItem[], pageNumber: number): string[] {
  const lines: string[] = [];
  let current = '';
  let lastY: number | undefined;
  for (const item of items) {
    if (typeof item.str !== 'string') continue;
    const y = item.transform?.[5];
    // A jump down (or up) by more than half a line without an end-of-line mark is a new line all the same.
    if (item.str && lastY !== undefined && y !== undefined && Math.abs(y - lastY) > Math.max(2, (item.height ?? 0) / 2)) {
      lines.push(current);
      current = '';
    }
    current += item.str;
    if (item.str) lastY = y ?? lastY;
    if (item.hasEOL) {
      lines.push(current);
      current = '';
    }
  }
  lines.push(current);
  return lines
    .map((l) =>
      l
        .replace(/^\s*[\uE000-\uF8FF]\s*/, '• ')
        .replace(/[\uE000-\uF8FF\u0000-\u001f\u007f\u00ad\uFFFD]/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l !== '' && l !== String(pageNumber));
}

/** Cut at a word, with "…", when longer than `max` characters. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

/** Backslashes before the signs that would make inline Markdown (emphasis, links, HTML, entities, {attributes}). */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]{}<~]|&(?=#?\w+;)/g, (c) => `\\${c}`);
}

/** A line of notes kept as a paragraph of text: inline signs escaped, and a start that would begin a block too. */
function escapeLine(line: string): string {
  const inline = escapeInline(line);
  // A list item, a quote, a heading, a numbered item, a block (`:::`), a rule or a heading underline: its first sign escaped.
  if (/^(?:[-+=#>]|\d{1,9}[.)](?:\s|$)|:::)/.test(inline)) {
    const number = /^(\d{1,9})([.)])/.exec(inline);
    return number ? `${number[1]}\\${inline.slice(number[1]!.length)}` : `\\${inline}`;
  }
  return inline;
}

/** The title line: one line of plain words, as `titel:` takes it. */
function titleLine(text: string): string {
  return shorten(text.replace(/[\r\n]+/g, ' '), 100);
}

export interface PageSlide {
  /** The image's file name in the deck (`pdf-navn-s03.webp`). */
  image: string;
  /** The page's lines (pageLines). */
  lines: string[];
  /** Used for the title and the text alternative when the page has no text: "Side 3 i budget.pdf". */
  fallback: string;
}

/**
 * The image's text alternative: the first line, then the lines after it while they fit in about 200 characters, read
 * as sentences — a list's bullet signs left out (a screen reader says "bullet"), a full stop between lines that have none.
 */
export function altText(lines: readonly string[], fallback: string): string {
  if (!lines.length) return fallback;
  const sentences = lines.map((l) => l.replace(/^[•◦▪▫■□●○‣∙·*–-]\s+/u, '')).filter(Boolean);
  const text = sentences.map((l, i) => (i < sentences.length - 1 && !/[.!?:;…]$/.test(l) ? `${l}.` : l)).join(' ');
  return shorten(text, 200);
}

/** The slide as it is written in the deck: a layout, a title, the page image, the page's text as notes. */
export function pageSlide({ image, lines, fallback }: PageSlide): string {
  const title = titleLine(lines[0] ?? fallback);
  const parts = [`layout: billede\ntitel: ${title}`, `![${escapeInline(altText(lines, fallback))}](${image})`];
  // Each line of the page its own paragraph, so the notes read as the page does.
  if (lines.length) parts.push(`Note:\n${lines.map(escapeLine).join('\n\n')}`);
  return parts.join('\n\n');
}

/**
 * The start of the images' file names, from the PDF's name (`Budget 2027.pdf` → `budget-2027`), made unlike every
 * name the deck has, so an import never replaces an image another slide shows.
 */
export function imageStem(fileName: string, taken: Iterable<string>): string {
  const base = slug(fileName.replace(/\.pdf$/i, ''), 40) || 'pdf';
  const names = [...taken];
  for (let n = 1; ; n++) {
    const stem = n === 1 ? base : `${base}-${n}`;
    if (!names.some((name) => name.startsWith(`${stem}-s`))) return stem;
  }
}

/** A page's image file name: the stem, the page number with enough digits to sort, the type's ending. */
export function imageName(stem: string, page: number, pages: number, ext: string): string {
  return `${stem}-s${String(page).padStart(Math.max(2, String(pages).length), '0')}.${ext}`;
}
