// The deck compiled in the browser with the server's own compiler (server/decks/compile.ts is pure: markdown-it,
// sanitize-html, node-html-parser), so the preview is what the projector will show, and a mistake is named with
// the same Danish words, slide and line the server would answer with, before anything is sent.
import { type DeckText, joinDeck, readBlockSlide, readSlide, slideLabel } from './deck-text.js';

/** A mistake the compiler named: the slide (0-based; -1 for the deck's settings), the line in the file, its words. */
export interface DeckProblem {
  slide: number;
  line?: number;
  /** "slide 3 ("Valg")" or "decket", as the compiler names the place. */
  where: string;
  what: string;
  /** The whole sentence as the server says it when it refuses a save. */
  message: string;
}

export interface CompiledDeck {
  /** One entry per slide of the deck text: its <section> (notes removed), or null where the slide has a mistake. */
  sections: (string | null)[];
  titles: string[];
  /** The first mistake, as the server would refuse it; undefined when the deck compiles. */
  problem?: DeckProblem;
  /** Every slide with a mistake (the first one and those found after setting it aside). */
  problems: DeckProblem[];
}

type Compiler = typeof import('../../server/decks/compile.js');
let compiler: Promise<Compiler> | undefined;

/** The compiler is a large module: it loads once, after the editor has drawn its first view. */
export function loadCompiler(): Promise<Compiler> {
  compiler ??= import('../../server/decks/compile.js');
  return compiler;
}

/** A DeckError's parts (server/deck-manifest.ts): checked by shape, as the class lives in the lazy chunk. */
function problemOf(err: unknown): DeckProblem | undefined {
  if (!(err instanceof Error) || err.name !== 'DeckError') return undefined;
  const e = err as Error & { deck: string; slide: string; line?: number };
  const where = e.slide;
  const prefix = `Deck "${e.deck}", ${where}${e.line ? `, linje ${e.line}` : ''}: `;
  const what = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  const n = /^slide (\d+)/.exec(where);
  return {
    slide: n ? Number(n[1]) - 1 : -1,
    ...(e.line ? { line: e.line } : {}),
    where,
    what,
    message: `Fejl på ${where}${e.line ? `, linje ${e.line}` : ''}: ${what}`,
  };
}

/** A stand-in that always compiles, for a slide with a mistake while the others are drawn. */
const STAND_IN = '\n&nbsp;\n';

export async function compileForEditor(deckId: string, deck: DeckText, images: ReadonlyMap<string, string>): Promise<CompiledDeck> {
  const { compileDeck } = await loadCompiler();
  const problems: DeckProblem[] = [];
  let slides = deck.slides;
  // A mistake stops the compiler at its slide; set that slide aside and go on, so every other slide is still drawn.
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const compiled = compileDeck(deckId, joinDeck({ ...deck, slides }), { images });
      const doc = new DOMParser().parseFromString(compiled.html, 'text/html');
      const sections = [...doc.querySelectorAll('.slides > section')];
      const bad = new Set(problems.map((p) => p.slide));
      return {
        sections: sections.map((s, i) => {
          if (bad.has(i)) return null;
          for (const aside of s.querySelectorAll('aside.notes')) aside.remove();
          return s.outerHTML;
        }),
        titles: sections.map((s) => s.getAttribute('data-title') ?? ''),
        ...(problems[0] ? { problem: problems[0] } : {}),
        problems,
      };
    } catch (err) {
      const problem = problemOf(err);
      if (!problem) throw err;
      problems.push(problem);
      if (problem.slide < 0 || problem.slide >= slides.length) break;
      slides = slides.map((s, i) => (i === problem.slide ? STAND_IN : s));
    }
  }
  return { sections: deck.slides.map(() => null), titles: deck.slides.map(() => ''), problem: problems[0], problems };
}

/** The deck's boards with the titles of their slides (for top priorities to name one): a board's id as written, or as compiled. */
export function boardsOf(slides: readonly string[], sections: readonly (string | null)[]): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  slides.forEach((text, i) => {
    const form = readBlockSlide(readSlide(text).body);
    if (form?.block.name !== 'board') return;
    const id = form.block.id ?? /<rs-board board="([^"]+)"/.exec(sections[i] ?? '')?.[1];
    if (id) out.push({ id, title: slideLabel(text) });
  });
  return out;
}
