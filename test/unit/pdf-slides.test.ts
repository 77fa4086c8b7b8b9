// An imported PDF page as a slide: its text read into lines as pdf.js gives it, the slide written in the deck format
// with the page image filling the screen, the first line as title and text alternative, the text as notes — and a
// page's words, however hostile, staying words once the server's compiler has read the slide.
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../server/decks/compile.js';
import {
  altText,
  imageName,
  imageStem,
  looksLikePdf,
  type PdfTextItem,
  pageLines,
  pageSlide,
  shorten,
} from '../../components/editor/pdf-slides.js';
import { makePdf } from '../helpers/make-pdf.js';

const HASH = 'a'.repeat(64);
const at = (str: string, y: number, hasEOL = false): PdfTextItem => ({ str, hasEOL, transform: [1, 0, 0, 1, 40, y], height: 20 });

function compiled(slide: string, image: string) {
  const { html, manifest } = compileDeck('pdf', `---\ntitel: Import\n---\n${slide}\n`, {
    images: new Map([[image, `/api/deck-images/${HASH}`]]),
  });
  return { section: parse(html).querySelector('section')!, manifest };
}

describe('pageLines', () => {
  it('reads lines at end-of-line marks and where the text moves to another line without one', () => {
    const items = [
      at('Budget ', 500),
      at('2027', 500, true),
      at('• Skoler', 440),
      at('• Veje', 400),
      { str: '', hasEOL: true },
      at('3', 20),
    ];
    expect(pageLines(items, 3)).toEqual(['Budget 2027', '• Skoler', '• Veje']);
  });

  it('makes symbol-font bullets "•", drops control characters and soft hyphens, keeps a number that is not the page’s', () => {
    const items = [at('\uf0a7 Først', 500, true), at('bor\u00adgerne\u0007', 460, true), at('42', 420, true)];
    expect(pageLines(items, 7)).toEqual(['• Først', 'borgerne', '42']);
  });

  it('gives no lines for a page without text', () => {
    expect(pageLines([], 1)).toEqual([]);
    expect(pageLines([{ str: ' ', hasEOL: true }], 1)).toEqual([]);
  });
});

describe('the slide of a page', () => {
  it('shows the page image across the screen, titled by the first line, the lines as alt text and as notes', () => {
    const lines = ['Frisættelse af velfærden', '• Borgernes behov først', '• Økonomi: 125 mio. kr.'];
    const slide = pageSlide({ image: 'budget-s01.webp', lines, fallback: 'Side 1 i budget.pdf' });
    const { section, manifest } = compiled(slide, 'budget-s01.webp');
    expect(section.getAttribute('class')).toBe('image-slide');
    expect(section.getAttribute('data-background-color')).toBe('#000000');
    expect(manifest.slides[0]!.title).toBe('Frisættelse af velfærden');
    const img = section.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(`/api/deck-images/${HASH}`);
    expect(img.getAttribute('alt')).toBe('Frisættelse af velfærden. Borgernes behov først. Økonomi: 125 mio. kr.');
    const notes = section.querySelectorAll('aside.notes p').map((p) => p.text);
    expect(notes).toEqual(lines);
  });

  it('a page without text is titled and described by its place in the file, and has no notes', () => {
    const slide = pageSlide({ image: 'x-s02.jpg', lines: [], fallback: 'Side 2 i x.pdf' });
    const { section, manifest } = compiled(slide, 'x-s02.jpg');
    expect(manifest.slides[0]!.title).toBe('Side 2 i x.pdf');
    expect(section.querySelector('img')!.getAttribute('alt')).toBe('Side 2 i x.pdf');
    expect(section.querySelector('aside.notes')).toBeNull();
  });

  it('keeps a long page short where it must: a title of at most 100 characters, alt text of at most 200', () => {
    const long = 'Ord '.repeat(80).trim();
    const slide = pageSlide({ image: 'l-s01.webp', lines: [long, long], fallback: '' });
    const { section, manifest } = compiled(slide, 'l-s01.webp');
    expect(manifest.slides[0]!.title.length).toBeLessThanOrEqual(100);
    expect(manifest.slides[0]!.title.endsWith('…')).toBe(true);
    const alt = section.querySelector('img')!.getAttribute('alt')!;
    expect(alt.length).toBeLessThanOrEqual(200);
    expect(alt.endsWith('Ord…')).toBe(true);
    // The notes hold all of it.
    expect(section.querySelectorAll('aside.notes p').map((p) => p.text)).toEqual([long, long]);
  });

  it("keeps a page's words as words: no markup, block, heading, list, rule, setting or attribute comes of them", () => {
    const hostile = [
      'Budget [1] *vigtigt* _ja_ `kode` {.big} <b>fed</b> &amp; ~~streg~~ \\ slut',
      '# Ikke en overskrift',
      '- ikke en liste',
      '1. ikke nummereret',
      '> ikke et citat',
      '::: valg snyd',
      '---',
      '===',
      '<script>alert(1)</script>',
      'Note: stadig noter',
      'layout: titel',
      '![billede](https://andet.example/x.png)',
    ];
    const slide = pageSlide({ image: 'h-s01.webp', lines: hostile, fallback: '' });
    const { section, manifest } = compiled(slide, 'h-s01.webp');
    expect(manifest.activities).toEqual([]);
    expect(manifest.slides).toHaveLength(1);
    expect(
      section
        .querySelector('img')!
        .getAttribute('alt')!
        .startsWith('Budget [1] *vigtigt* _ja_ `kode` {.big} <b>fed</b> &amp; ~~streg~~ \\ slut'),
    ).toBe(true);
    const notes = section.querySelector('aside.notes')!;
    // Every line is one paragraph with the line's own characters, and nothing else is inside the notes.
    expect(notes.childNodes.filter((n) => n.nodeType === 1).map((n) => (n as unknown as { tagName: string }).tagName)).toEqual(
      hostile.map(() => 'P'),
    );
    expect(notes.querySelectorAll('p').map((p) => p.text)).toEqual(hostile);
    expect(section.querySelectorAll('img')).toHaveLength(1);
  });
});

describe('names and limits', () => {
  it('names the images after the PDF, unlike every image the deck has, numbered so they sort', () => {
    expect(imageStem('Budget 2027 – Udvalget.pdf', [])).toBe('budget-2027-udvalget');
    expect(imageStem('Frisættelse.PDF', ['frisaettelse-s01.webp', 'kort.png'])).toBe('frisaettelse-2');
    expect(imageStem('.pdf', [])).toBe('pdf');
    expect(imageName('budget', 3, 30, 'webp')).toBe('budget-s03.webp');
    expect(imageName('budget', 7, 120, 'jpg')).toBe('budget-s007.jpg');
  });

  it('shortens at a word with an ellipsis', () => {
    expect(shorten('kort', 10)).toBe('kort');
    expect(shorten('Borgernes behov først, altid', 20)).toBe('Borgernes behov…');
    expect(altText([], 'Side 1 i a.pdf')).toBe('Side 1 i a.pdf');
    expect(altText(['Hvad nu?', '- Svar', '– Mere', 'Slut'], '')).toBe('Hvad nu? Svar. Mere. Slut');
  });

  it('knows a PDF by its first bytes, wherever in the first kilobyte they are', () => {
    expect(looksLikePdf(new Uint8Array(makePdf([{ title: 'A' }])))).toBe(true);
    expect(looksLikePdf(new TextEncoder().encode(`${' '.repeat(200)}%PDF-1.7`))).toBe(true);
    expect(looksLikePdf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
    expect(looksLikePdf(new TextEncoder().encode('PK\u0003\u0004 a PowerPoint file (.pptx) is a zip'))).toBe(false);
  });
});
