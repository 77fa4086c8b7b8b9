// The deck editor's reading and writing of the deck format (components/editor/deck-text.ts): every template is read
// and written back unchanged, a slide written from its form compiles to the same activity as the one it was read
// from, and the form's edits come out as the Markdown a person would write.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deckTitle,
  duplicateSlide,
  joinDeck,
  readBlockSlide,
  readSlide,
  slideLabel,
  splitDeck,
  withDeckTitle,
  writeBlockSlide,
  writeSlide,
} from '../../components/editor/deck-text.js';
import { NEW_SLIDES, slideKind } from '../../components/editor/slide-kinds.js';
import { compileDeck } from '../../server/decks/compile.js';
import { ROOT } from '../helpers/server.js';

const decks = [
  ...readdirSync(join(ROOT, 'slides')).map((d) => join(ROOT, 'slides', d, 'deck.md')),
  join(ROOT, 'test/fixtures/slides/alle-aktiviteter/deck.md'),
];

describe('the editor reads and writes decks', () => {
  it.each(decks)('%s: split and joined again is the same text, slide for slide as the compiler counts them', (file) => {
    const source = readFileSync(file, 'utf8');
    const deck = splitDeck(source);
    expect(joinDeck(deck)).toBe(source);
    expect(deck.slides.length).toBe(compileDeck('x', source).manifest.slides.length);
  });

  it.each(decks)('%s: every slide rewritten from its parts (and its form) compiles to the same deck', (file) => {
    const source = readFileSync(file, 'utf8');
    const deck = splitDeck(source);
    const rewritten = {
      ...deck,
      slides: deck.slides.map((text) => {
        const parts = readSlide(text);
        const form = readBlockSlide(parts.body);
        return writeSlide(form ? { ...parts, body: writeBlockSlide(form) } : parts);
      }),
    };
    const before = compileDeck('x', source);
    const after = compileDeck('x', joinDeck(rewritten));
    expect(after.manifest).toEqual(before.manifest);
    // Same slides and notes, whatever the lines they are on.
    const strip = (html: string) => html.replace(/ data-line="\d+"/g, '');
    expect(strip(after.html)).toBe(strip(before.html));
  });

  it('reads a poll slide into its fields and writes the fields back as Markdown', () => {
    const text =
      '\nFør vi går i gang\n## Hvem sættes fri?\n\n::: valg hvem\nHvem skal sættes fri?\n- Kommunen\n- Borgerne {#borg}\n:::\n\nNote: Åbn afstemningen.\n';
    const parts = readSlide(text);
    expect(parts.notes).toBe('Åbn afstemningen.');
    const form = readBlockSlide(parts.body)!;
    expect(form).toEqual({
      kicker: 'Før vi går i gang',
      heading: 'Hvem sættes fri?',
      level: 2,
      block: {
        name: 'single',
        word: 'valg',
        id: 'hvem',
        prompt: 'Hvem skal sættes fri?',
        settings: {},
        items: [{ label: 'Kommunen' }, { label: 'Borgerne', id: 'borg' }],
      },
    });
    form.block.items.push({ label: 'Institutionen' }, { label: '  ' });
    form.block.settings.members = 'ja';
    expect(writeSlide({ ...parts, body: writeBlockSlide(form) })).toBe(
      '\nFør vi går i gang\n## Hvem sættes fri?\n\n::: valg hvem\nHvem skal sættes fri?\nkun medlemmer: ja\n- Kommunen\n- Borgerne {#borg}\n- Institutionen\n:::\n\nNote: Åbn afstemningen.\n',
    );
  });

  it('writes a question that looks like an option or a setting after "spørgsmål:", and reads it back the same', () => {
    for (const prompt of ['- ikke en liste', 'Point: hvor mange?', '1. spørgsmål', '::: ikke en blok']) {
      const body = writeBlockSlide({
        kicker: '',
        heading: 'H',
        level: 2,
        block: { name: 'text', word: 'tekst', prompt, settings: {}, items: [] },
      });
      expect(readBlockSlide(body)?.block.prompt).toBe(prompt);
    }
  });

  it('keeps a slide with more than one block, or text beside its block, as text', () => {
    expect(readBlockSlide('## A\n\nMere tekst\n\n::: valg\nQ\n- a\n- b\n:::')).toBeUndefined();
    expect(readBlockSlide('## A\n\n::: valg\nQ\n- a\n- b\n:::\n\nEfter')).toBeUndefined();
    expect(slideKind('\n## A\n\nMere tekst\n\n::: valg\nQ\n- a\n- b\n:::\n')).toEqual({ type: 'mixed' });
    expect(slideKind('\n:::: kolonner\n::: kort\nx\n:::\n::::\n')).toEqual({ type: 'text', layout: 'normal' });
  });

  it('a line "---" typed into a slide stays in the slide', () => {
    const text = writeSlide({ lead: [], settings: {}, body: 'a\n---\nb', notes: 'x\n---' });
    const deck = splitDeck(`# A\n---${text}`);
    expect(deck.slides).toHaveLength(2);
  });

  it('a copy of an activity slide gets its own id, so the deck still compiles', () => {
    const slide = '\n## V\n\n::: valg v1\nQ?\n- a\n- b\n:::\n';
    const source = joinDeck({ front: null, slides: [slide, duplicateSlide(slide)] });
    const ids = compileDeck('x', source).manifest.activities.map((a) => a.id);
    expect(ids).toEqual(['v1', 'q']);
  });

  it('every slide the editor adds compiles, after a board for top priorities', () => {
    const board = NEW_SLIDES.find((s) => s.key === 'board')!.make();
    const slides = [board, ...NEW_SLIDES.map((s) => s.make())];
    const deck = compileDeck('x', joinDeck({ front: ['titel: Ny'], slides }));
    expect(deck.manifest.activities.map((a) => a.kind)).toEqual(['single', 'multi', 'ranking', 'points', 'scale', 'text', 'motion']);
    expect(slides.map((s) => slideLabel(s))).toContain('Top prioriteter');
  });

  it('sets the deck title in its settings', () => {
    const deck = splitDeck('---\ntitel: Gammel\nsprog: da\n---\n\n# A\n');
    expect(deckTitle(deck)).toBe('Gammel');
    expect(joinDeck(withDeckTitle(deck, 'Ny  titel'))).toBe('---\ntitel: Ny titel\nsprog: da\n---\n\n# A\n');
    expect(joinDeck(withDeckTitle(splitDeck('# A\n'), 'T'))).toBe('---\ntitel: T\nsprog: da\n---\n# A\n');
  });
});
