// A deck's Markdown to its manifest and slides: every block, setting and alias gives the definition the server
// trusts, and each mistake is refused in Danish with the slide and the line it was written on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { ActivityDef } from '../../core/activity.js';
import { DeckError, extractManifest } from '../../server/deck-manifest.js';
import { type CompileOptions, compileDeck } from '../../server/decks/compile.js';
import { ROOT } from '../helpers/server.js';

const md = (...lines: string[]) => `${lines.join('\n')}\n`;

function compile(source: string, options?: CompileOptions) {
  return compileDeck('proeve', source, options);
}

function activity(source: string, id: string): ActivityDef {
  const found = compile(source).manifest.activities.find((a) => a.id === id);
  if (!found) throw new Error(`no activity "${id}" in the compiled deck`);
  return found;
}

/** The 1-based line of the first line of `source` that starts with `start`: where a mistake is written. */
function lineOf(source: string, start: string): number {
  const at = source.split('\n').findIndex((l) => l.startsWith(start));
  if (at < 0) throw new Error(`no line starts with "${start}"`);
  return at + 1;
}

function refusal(source: string, options?: CompileOptions): DeckError {
  try {
    compile(source, options);
  } catch (err) {
    expect(err).toBeInstanceOf(DeckError);
    return err as DeckError;
  }
  throw new Error('expected a DeckError, but the deck compiled');
}

/** Slide 2 after an intro slide, so the number in a message is not trivially 1. */
const INTRO = ['## Intro', '', '---', '', '## Afstemning', ''];
const SLIDE_2 = 'slide 2 ("Afstemning")';

/** Refused on slide 2 at the line that starts with `at`, with a message that says so and contains `says`. */
function expectRefused(source: string, at: string, says: string | RegExp, options?: CompileOptions): DeckError {
  const e = refusal(source, options);
  const line = lineOf(source, at);
  expect(e.deck).toBe('proeve');
  expect(e.slide).toBe(SLIDE_2);
  expect(e.line).toBe(line);
  expect(e.message).toContain(`Deck "proeve", ${SLIDE_2}, linje ${line}: `);
  if (typeof says === 'string') expect(e.message).toContain(says);
  else expect(e.message).toMatch(says);
  return e;
}

const HEX = 'c0ffee'.padEnd(64, '0');
const IMAGES: CompileOptions = { images: new Map([['kort.png', `/api/deck-images/${HEX}`]]) };

/** Every block in Danish; ENGLISH below is the same deck in the English words. */
const DANISH = md(
  '---',
  'titel: Alle blokke',
  'sprog: da',
  '---',
  '',
  'titel: Start',
  '',
  '## Velkommen',
  '',
  '::: deltag',
  ':::',
  '',
  '---',
  '',
  '## Ét valg',
  '',
  '::: valg',
  'Hvem sættes fri?',
  '- Kommunen',
  '- Institutionen',
  '- Borgerne',
  ':::',
  '',
  '---',
  '',
  '## Flere valg',
  '',
  '::: flervalg virkninger',
  'Hvilke virkninger er vigtigst?',
  'højst: 2',
  '- Kulturændring',
  '- Mere dynamik {#dynamik}',
  '- Motivation',
  ':::',
  '',
  '---',
  '',
  '## Prioritering',
  '',
  '::: prioritering omraader',
  'Hvilket område først?',
  '- Dagtilbud',
  '- Ældre',
  ':::',
  '',
  '---',
  '',
  '## Point',
  '',
  '::: point styring',
  'Fordel pointene',
  'point: 20',
  '- Målstyring',
  '- Tillid',
  ':::',
  '',
  '---',
  '',
  '## Skala',
  '',
  '::: skala enighed',
  'Hvor enig er du?',
  'fra: 0 Slet ikke',
  'til: 4 Helt enig',
  ':::',
  '',
  '---',
  '',
  '## Ét ord',
  '',
  '::: tekst et-ord',
  'Frisættelse i ét ord',
  'længde: 60',
  ':::',
  '',
  '---',
  '',
  '## Indstilling',
  '',
  '::: indstilling beslutning',
  'Udvalget anbefaler at søge om frisættelse.',
  'kun medlemmer: ja',
  ':::',
  '',
  '---',
  '',
  '## Problemer og muligheder',
  '',
  '::: tavle',
  'Hvilke problemer og muligheder ser I?',
  'prikker: 3',
  'længde: 80',
  'godkendelse: ja',
  '- Problemer',
  '- Muligheder',
  '- Barrierer {#b}',
  ':::',
  '',
  '---',
  '',
  '## Top prioriteter',
  '',
  '::: topprioriteter',
  ':::',
);

const ENGLISH = md(
  '---',
  'title: Alle blokke',
  'lang: da',
  '---',
  '',
  'title: Start',
  '',
  '## Velkommen',
  '',
  '::: join',
  ':::',
  '',
  '---',
  '',
  '## Ét valg',
  '',
  '::: poll',
  'question: Hvem sættes fri?',
  '- Kommunen',
  '- Institutionen',
  '- Borgerne',
  ':::',
  '',
  '---',
  '',
  '## Flere valg',
  '',
  '::: multi',
  'id: virkninger',
  'Hvilke virkninger er vigtigst?',
  'max: 2',
  '- Kulturændring',
  '- Mere dynamik {#dynamik}',
  '- Motivation',
  ':::',
  '',
  '---',
  '',
  '## Prioritering',
  '',
  '::: ranking omraader',
  'prompt: Hvilket område først?',
  '- Dagtilbud',
  '- Ældre',
  ':::',
  '',
  '---',
  '',
  '## Point',
  '',
  '::: points styring',
  'Fordel pointene',
  'points: 20',
  '- Målstyring',
  '- Tillid',
  ':::',
  '',
  '---',
  '',
  '## Skala',
  '',
  '::: scale enighed',
  'Hvor enig er du?',
  'from: 0 Slet ikke',
  'to: 4 Helt enig',
  ':::',
  '',
  '---',
  '',
  '## Ét ord',
  '',
  '::: text et-ord',
  'Frisættelse i ét ord',
  'length: 60',
  ':::',
  '',
  '---',
  '',
  '## Indstilling',
  '',
  '::: motion beslutning',
  'Udvalget anbefaler at søge om frisættelse.',
  'members only: yes',
  ':::',
  '',
  '---',
  '',
  '## Problemer og muligheder',
  '',
  '::: board',
  'Hvilke problemer og muligheder ser I?',
  'dots: 3',
  'length: 80',
  'approval: yes',
  '- Problemer',
  '- Muligheder',
  '- Barrierer {#b}',
  ':::',
  '',
  '---',
  '',
  '## Top prioriteter',
  '',
  '::: top',
  'board: problemer-og-muligheder',
  ':::',
);

describe('compileDeck: every block gives the manifest', () => {
  const { manifest, html } = compile(DANISH);

  it('the deck, its slides and the join slide', () => {
    expect(manifest.id).toBe('proeve');
    expect(manifest.title).toBe('Alle blokke');
    expect(manifest.lang).toBe('da');
    expect(manifest.slides).toEqual([
      { index: 0, title: 'Start', join: true },
      { index: 1, title: 'Ét valg' },
      { index: 2, title: 'Flere valg' },
      { index: 3, title: 'Prioritering' },
      { index: 4, title: 'Point' },
      { index: 5, title: 'Skala' },
      { index: 6, title: 'Ét ord' },
      { index: 7, title: 'Indstilling' },
      { index: 8, title: 'Problemer og muligheder' },
      { index: 9, title: 'Top prioriteter' },
    ]);
    // The compiled slides are what the server checks again when a room loads a pinned version.
    expect(extractManifest('proeve', html)).toEqual(manifest);
  });

  it('each activity kind with its settings', () => {
    expect(manifest.activities).toEqual([
      {
        id: 'hvem-saettes-fri',
        kind: 'single',
        prompt: 'Hvem sættes fri?',
        slide: 1,
        slideTitle: 'Ét valg',
        options: [
          { id: 'kommunen', label: 'Kommunen' },
          { id: 'institutionen', label: 'Institutionen' },
          { id: 'borgerne', label: 'Borgerne' },
        ],
      },
      {
        id: 'virkninger',
        kind: 'multi',
        prompt: 'Hvilke virkninger er vigtigst?',
        slide: 2,
        slideTitle: 'Flere valg',
        maxChoices: 2,
        options: [
          { id: 'kulturaendring', label: 'Kulturændring' },
          { id: 'dynamik', label: 'Mere dynamik' },
          { id: 'motivation', label: 'Motivation' },
        ],
      },
      {
        id: 'omraader',
        kind: 'ranking',
        prompt: 'Hvilket område først?',
        slide: 3,
        slideTitle: 'Prioritering',
        options: [
          { id: 'dagtilbud', label: 'Dagtilbud' },
          { id: 'aeldre', label: 'Ældre' },
        ],
      },
      {
        id: 'styring',
        kind: 'points',
        prompt: 'Fordel pointene',
        slide: 4,
        slideTitle: 'Point',
        budget: 20,
        options: [
          { id: 'maalstyring', label: 'Målstyring' },
          { id: 'tillid', label: 'Tillid' },
        ],
      },
      {
        id: 'enighed',
        kind: 'scale',
        prompt: 'Hvor enig er du?',
        slide: 5,
        slideTitle: 'Skala',
        min: 0,
        max: 4,
        minLabel: 'Slet ikke',
        maxLabel: 'Helt enig',
        options: [
          { id: '0', label: '0 – Slet ikke' },
          { id: '1', label: '1' },
          { id: '2', label: '2' },
          { id: '3', label: '3' },
          { id: '4', label: '4 – Helt enig' },
        ],
      },
      { id: 'et-ord', kind: 'text', prompt: 'Frisættelse i ét ord', slide: 6, slideTitle: 'Ét ord', maxLength: 60, options: [] },
      {
        id: 'beslutning',
        kind: 'motion',
        prompt: 'Udvalget anbefaler at søge om frisættelse.',
        slide: 7,
        slideTitle: 'Indstilling',
        membersOnly: true,
        options: [
          { id: 'for', label: 'For' },
          { id: 'imod', label: 'Imod' },
          { id: 'undlader', label: 'Undlader' },
        ],
      },
    ]);
  });

  it('the whiteboard with its fields, dots, length and approval; its id from the slide title', () => {
    expect(manifest.boards).toEqual([
      {
        id: 'problemer-og-muligheder',
        prompt: 'Hvilke problemer og muligheder ser I?',
        slide: 8,
        slideTitle: 'Problemer og muligheder',
        zones: [
          { id: 'problemer', label: 'Problemer' },
          { id: 'muligheder', label: 'Muligheder' },
          { id: 'b', label: 'Barrierer' },
        ],
        dots: 3,
        maxLength: 80,
        approval: true,
      },
    ]);
  });

  it('the slides: a join slide, activity and board slides, top priorities of the last board before it', () => {
    const root = parse(html);
    const sections = root.querySelectorAll('.slides > section');
    expect(sections).toHaveLength(10);
    expect(sections[0]!.querySelectorAll('rs-join-info')).toHaveLength(1);
    expect(sections[1]!.classList.contains('activity')).toBe(true);
    expect(sections[8]!.classList.contains('board-slide')).toBe(true);
    const top = sections[9]!.querySelector('rs-top-priorities');
    expect(top?.getAttribute('board')).toBe('problemer-og-muligheder');
    expect(sections[9]!.classList.contains('board-slide')).toBe(true);
  });

  it('defaults: all choices, 10 points, a 1–5 scale, 140 characters, everyone votes, 5 dots, no approval', () => {
    const source = md(
      '## Standard',
      '',
      '::: flervalg a',
      'Vælg',
      '- En',
      '- To',
      '- Tre',
      ':::',
      '',
      '---',
      '',
      '::: point b',
      'Fordel',
      '- En',
      '- To',
      ':::',
      '',
      '---',
      '',
      '::: skala c',
      'Hvor meget?',
      ':::',
      '',
      '---',
      '',
      '::: tekst d',
      'Skriv',
      ':::',
      '',
      '---',
      '',
      '::: indstilling e',
      'Udvalget anbefaler',
      'kun medlemmer: nej',
      ':::',
      '',
      '---',
      '',
      '## Tavle',
      '',
      '::: tavle t',
      'Skriv sedler',
      '- Felt',
      ':::',
    );
    const m = compile(source).manifest;
    const byId = new Map(m.activities.map((a) => [a.id, a]));
    expect(byId.get('a')).toMatchObject({ kind: 'multi', maxChoices: 3 });
    expect(byId.get('b')).toMatchObject({ kind: 'points', budget: 10 });
    expect(byId.get('c')).toMatchObject({ kind: 'scale', min: 1, max: 5, minLabel: '', maxLabel: '' });
    expect(byId.get('d')).toMatchObject({ kind: 'text', maxLength: 140 });
    for (const a of m.activities) expect(a).not.toHaveProperty('membersOnly');
    expect(m.boards[0]).toMatchObject({ id: 't', dots: 5, maxLength: 140, approval: false, zones: [{ id: 'felt', label: 'Felt' }] });
  });

  it('top priorities of another board with "tavle:"; refused when no board comes before it', () => {
    const two = md(
      '## A',
      '',
      '::: tavle a',
      'Første',
      '- Felt',
      ':::',
      '',
      '---',
      '',
      '## B',
      '',
      '::: tavle b',
      'Anden',
      '- Felt',
      ':::',
      '',
      '---',
      '',
      '## Top',
      '',
      '::: topprioriteter',
      'tavle: a',
      ':::',
      '',
      '---',
      '',
      '## Top igen',
      '',
      '::: topprioriteter',
      ':::',
    );
    const sections = parse(compile(two).html).querySelectorAll('rs-top-priorities');
    expect(sections.map((s) => s.getAttribute('board'))).toEqual(['a', 'b']);

    const unknown = md(...INTRO, '::: tavle a', 'Skriv', '- Felt', ':::', '', '::: topprioriteter', 'tavle: b', ':::');
    expectRefused(unknown, '::: topprioriteter', 'top prioriteter viser tavlen "b", men decket har ingen tavle med det id (tavler: a)');
    const none = md(...INTRO, '::: topprioriteter', ':::');
    expectRefused(none, '::: topprioriteter', '"::: topprioriteter" skal stå efter en "::: tavle"');
  });
});

describe('compileDeck: English words', () => {
  it('the same deck in the English words gives the same manifest and the same slides', () => {
    const danish = compile(DANISH);
    const english = compile(ENGLISH);
    expect(english.manifest).toEqual(danish.manifest);
    // The slides differ only in the lines the blocks were written on (one more line for "id:" in English).
    const strip = (html: string) => html.replace(/ data-line="\d+"/g, '');
    expect(strip(english.html)).toEqual(strip(danish.html));
  });

  it('layouts, slide settings, notes and the alternative block words', () => {
    const english = md(
      'layout: title',
      'title: Forside',
      'background: #112233',
      '',
      '# Hej',
      'undertitel',
      '',
      'Notes: Sig hej.',
      '',
      '---',
      '',
      'layout: section',
      '',
      '## Del 1',
      '',
      '---',
      '',
      'layout: statement',
      '',
      '## Et udsagn',
      '',
      '::: enkeltvalg a',
      'Ét',
      '- X',
      '- Y',
      ':::',
      '',
      '---',
      '',
      '::: rangering b',
      'To',
      '- X',
      '- Y',
      ':::',
      '',
      '---',
      '',
      '::: pointfordeling c',
      'Tre',
      '- X',
      '- Y',
      ':::',
      '',
      '---',
      '',
      '::: ord d',
      'Fire',
      'tegn: 30',
      ':::',
      '',
      '---',
      '',
      '::: single e',
      'Fem',
      'maks: 1',
    );
    // "maks:" is højst's short form, and it does not belong to a single choice.
    const e = refusal(`${english}:::\n`);
    expect(e.message).toContain('"maks:" passer ikke til "::: single"');
    const { manifest, html } = compile(english.replace('maks: 1', '- X\n- Y\n:::'));
    expect(manifest.activities.map((a) => [a.id, a.kind])).toEqual([
      ['a', 'single'],
      ['b', 'ranking'],
      ['c', 'points'],
      ['d', 'text'],
      ['e', 'single'],
    ]);
    expect(manifest.activities[3]).toMatchObject({ maxLength: 30 });
    // One activity a slide: the blocks after the first are slides of their own, titled by their number.
    expect(manifest.slides.map((s) => s.title)).toEqual(['Forside', 'Del 1', 'Et udsagn', 'Slide 4', 'Slide 5', 'Slide 6', 'Slide 7']);
    const sections = parse(html).querySelectorAll('.slides > section');
    expect(sections[0]!.getAttribute('class')).toBe('center-text title-slide');
    expect(sections[0]!.getAttribute('data-background-color')).toBe('#112233');
    expect(sections[0]!.querySelector('aside.notes')?.textContent.trim()).toBe('Sig hej.');
    expect(sections[1]!.getAttribute('class')).toBe('divider');
    expect(sections[2]!.getAttribute('class')).toBe('statement activity');
  });
});

describe('compileDeck: ids', () => {
  it('option ids are made from the labels, Danish letters spelled out; {#id} gives one', () => {
    const a = activity(
      md(
        '## Valg',
        '',
        '::: valg x',
        'Hvilken?',
        '- Ældre',
        '- Søer og åer',
        '- Rødt – blåt',
        '- Café & "skole"',
        '- Beskæftigelse {#job}',
        '- Kommunen, målstyring',
        '- Kommunen – målstyring',
        '- 2024/25',
        ':::',
      ),
      'x',
    );
    expect(a.options).toEqual([
      { id: 'aeldre', label: 'Ældre' },
      { id: 'soeer-og-aaer', label: 'Søer og åer' },
      { id: 'roedt-blaat', label: 'Rødt – blåt' },
      { id: 'cafe-skole', label: 'Café & "skole"' },
      { id: 'job', label: 'Beskæftigelse' },
      { id: 'kommunen-maalstyring', label: 'Kommunen, målstyring' },
      // Different words that spell the same id: the second is numbered, both are kept.
      { id: 'kommunen-maalstyring-2', label: 'Kommunen – målstyring' },
      { id: '2024-25', label: '2024/25' },
    ]);
  });

  it('an activity id from its question, a board id from its slide title, numbered when taken', () => {
    const m = compile(
      md(
        '## Første runde',
        '',
        '::: valg',
        'Hvem sættes fri – først?',
        '- A',
        '- B',
        ':::',
        '',
        '---',
        '',
        '::: valg',
        'Hvem sættes fri – først?',
        '- A',
        '- B',
        ':::',
        '',
        '---',
        '',
        '## Tavlen: åbne spørgsmål',
        '',
        '::: tavle',
        'Skriv',
        '- Felt',
        ':::',
      ),
    ).manifest;
    expect(m.activities.map((a) => a.id)).toEqual(['hvem-saettes-fri-foerst', 'hvem-saettes-fri-foerst-2']);
    expect(m.boards.map((b) => b.id)).toEqual(['tavlen-aabne-spoergsmaal']);
  });

  it('a second activity or board on one slide is refused at its line (only one reaches the phones)', () => {
    const two = md(...INTRO, '::: valg a', 'Hvem?', '- A', '- B', ':::', '', '::: tavle t', 'Skriv', '- Felt', ':::');
    expectRefused(two, '::: tavle t', 'en slide kan have én aktivitet eller tavle, og "::: valg" står allerede her');
    // The join block and top priorities may share a slide with one.
    const shared = md(...INTRO, '::: tavle t', 'Skriv', '- Felt', ':::', '', '::: topprioriteter', ':::', '', '::: deltag', ':::');
    expect(compile(shared).manifest.boards.map((b) => b.id)).toEqual(['t']);
  });

  it('a bad id is refused at its line', () => {
    expectRefused(md(...INTRO, '::: valg Valg_1', 'Hvem?', '- A', '- B', ':::'), '::: valg', 'id "Valg_1" må kun have små bogstaver');
    expectRefused(md(...INTRO, '::: valg x', 'Hvem?', '- A {#Stor}', '- B', ':::'), '- A', 'id "{#Stor}" må kun have små bogstaver');
    expectRefused(md(...INTRO, '::: valg', 'Hvem?', 'id: a b', '- A', '- B', ':::'), 'id:', 'id "a b" må kun have små bogstaver');
  });
});

describe('compileDeck: slides', () => {
  it('a title slide: kicker above the heading, the line below as subtitle, an accent rule', () => {
    const source = md('layout: titel', 'titel: Velkommen', '', 'Workshop for udvalget', '# Frisættelse', 'problemer og muligheder');
    const { manifest, html } = compile(source);
    expect(manifest.slides).toEqual([{ index: 0, title: 'Velkommen' }]);
    const section = parse(html).querySelector('.slides > section')!;
    expect(section.getAttribute('class')).toBe('center-text title-slide');
    expect(section.getAttribute('data-title')).toBe('Velkommen');
    expect(section.querySelector('p.kicker')?.textContent).toBe('Workshop for udvalget');
    expect(section.querySelector('h1')?.textContent).toBe('Frisættelse');
    expect(section.querySelector('p.subtitle')?.textContent).toBe('problemer og muligheder');
    expect(section.querySelector('div.rule')?.getAttribute('aria-hidden')).toBe('true');
    // The order a reader meets them in.
    expect(section.childNodes.filter((n) => n.nodeType === 1).map((n) => (n as unknown as { rawTagName: string }).rawTagName)).toEqual([
      'p',
      'h1',
      'p',
      'div',
    ]);
  });

  it('a kicker on an ordinary slide; a paragraph after the heading stays plain', () => {
    const section = parse(compile(md('Før vi går i gang', '## Hvem sættes fri?', '', 'Tekst under.')).html).querySelector('section')!;
    expect(section.getAttribute('class')).toBeUndefined();
    expect(section.querySelectorAll('p').map((p) => [p.getAttribute('class'), p.textContent])).toEqual([
      ['kicker', 'Før vi går i gang'],
      [undefined, 'Tekst under.'],
    ]);
  });

  it('a section divider is blue unless told; a statement; a background of its own', () => {
    const html = compile(
      md(
        'layout: afsnit',
        '',
        '## Del 1',
        '',
        '---',
        '',
        'layout: afsnit',
        'baggrund: #123',
        '',
        '## Del 2',
        '',
        '---',
        '',
        'layout: udsagn',
        '',
        '## Stort fortolkningsrum!',
        '',
        '---',
        '',
        'baggrund: #FFEEDD',
        '',
        '## Lys',
      ),
    ).html;
    const sections = parse(html).querySelectorAll('.slides > section');
    expect(sections.map((s) => [s.getAttribute('class'), s.getAttribute('data-background-color')])).toEqual([
      ['divider', '#0b5cad'],
      ['divider', '#123'],
      ['statement', undefined],
      [undefined, '#ffeedd'],
    ]);
  });

  it('notes after "Note:" go to the speaker notes only; "Noter:" too', () => {
    const { html } = compile(
      md(
        '## Velkommen',
        '',
        'På skærmen.',
        '',
        'Note:',
        'Byd velkommen.',
        '',
        '- Husk navneskilte',
        '',
        '---',
        '',
        '## Anden',
        '',
        'Noter: Kort pause.',
      ),
    );
    const [one, two] = parse(html).querySelectorAll('.slides > section') as [ReturnType<typeof parse>, ReturnType<typeof parse>];
    const notes = one.querySelector('aside.notes')!;
    expect(notes.querySelectorAll('p, li').map((n) => n.textContent)).toEqual(['Byd velkommen.', 'Husk navneskilte']);
    notes.remove();
    expect(one.textContent).not.toContain('Byd velkommen');
    expect(one.textContent).toContain('På skærmen.');
    expect(two.querySelector('aside.notes')?.textContent.trim()).toBe('Kort pause.');
  });

  it('the deck settings at the top: title and language; without them the first heading and Danish', () => {
    const { manifest, html } = compile(md('---', 'titel: Udvalgsmøde', 'sprog: en', '---', '', '## Hej'));
    expect([manifest.title, manifest.lang]).toEqual(['Udvalgsmøde', 'en']);
    const slides = parse(html).querySelector('.slides')!;
    expect([slides.getAttribute('data-title'), slides.getAttribute('lang')]).toEqual(['Udvalgsmøde', 'en']);
    expect(compile(md('# Frisættelse *nu*', '', 'tekst')).manifest).toMatchObject({ title: 'Frisættelse nu', lang: 'da' });
  });

  it('an uploaded image is served from its upload, with its alt text, in a paragraph, a list or a table', () => {
    const { html } = compile(
      md(
        '## Kort',
        '',
        '![Kortet over kommunen](kort.png)',
        '',
        '- ![Igen](./kort.png)',
        '',
        '| a |',
        '| - |',
        '| ![I en celle](kort.png) |',
      ),
      IMAGES,
    );
    const images = parse(html).querySelectorAll('img');
    expect(images.map((i) => [i.getAttribute('src'), i.getAttribute('alt')])).toEqual([
      [`/api/deck-images/${HEX}`, 'Kortet over kommunen'],
      [`/api/deck-images/${HEX}`, 'Igen'],
      [`/api/deck-images/${HEX}`, 'I en celle'],
    ]);
  });
});

describe('compileDeck: mistakes are refused with slide and line', () => {
  const choice = (...lines: string[]) => md(...INTRO, ...lines);

  it('an unknown block word', () => {
    expectRefused(choice('::: valgg', 'Hvem?', '- A', '- B', ':::'), '::: valgg', 'kender ikke blokken "::: valgg". Kendte blokke:');
  });

  it('a block that is not closed, also when the slide ends', () => {
    expectRefused(choice('::: valg', 'Hvem?', '- A', '- B'), '::: valg', 'blokken "::: valg" er ikke lukket');
    expectRefused(choice('::: valg', 'Hvem?', '- A', '- B', '', '---', '', '## Tre'), '::: valg', 'er ikke lukket');
  });

  it('a block inside a block', () => {
    expectRefused(choice('::: valg', 'Hvem?', '::: tekst', ':::'), '::: tekst', 'en blok kan ikke stå inde i "::: valg"');
  });

  it('an unknown setting in a block, listing the settings it takes', () => {
    const e = expectRefused(
      choice('::: flervalg', 'Hvem?', 'højest: 2', '- A', '- B', ':::'),
      'højest:',
      'kender ikke indstillingen "højest:"',
    );
    expect(e.message).toContain('(den kender: id, spørgsmål, kun medlemmer, højst)');
    expectRefused(choice('::: tavle', 'Skriv', '- A', 'farve: rød', ':::'), 'farve:', 'kender ikke indstillingen "farve:" i "::: tavle"');
  });

  it('a setting that does not belong to the kind', () => {
    expectRefused(choice('::: valg', 'Hvem?', 'point: 10', '- A', '- B', ':::'), 'point:', '"point:" passer ikke til "::: valg"');
    expectRefused(choice('::: tekst', 'Hvad?', 'prikker: 3', ':::'), 'prikker:', '"prikker:" passer ikke til "::: tekst"');
    expectRefused(choice('::: tavle', 'Skriv', 'kun medlemmer: ja', '- A', ':::'), 'kun medlemmer:', '"kun medlemmer:" passer ikke til');
    expectRefused(choice('::: valg', 'Hvem?', 'højst: 1', 'højst: 2', '- A', '- B', ':::'), 'højst:', 'passer ikke til');
    expectRefused(choice('::: flervalg', 'Hvem?', 'højst: 1', 'maks: 2', '- A', '- B', ':::'), 'maks:', '"maks:" står to gange');
    expectRefused(choice('::: indstilling', 'Hvem?', 'kun medlemmer: måske', ':::'), 'kun medlemmer:', 'skal være ja eller nej');
  });

  it('an activity without a question, without options, or with a single option', () => {
    expectRefused(choice('::: valg', '- A', '- B', ':::'), '::: valg', '"::: valg" mangler et spørgsmål');
    expectRefused(choice('::: tavle', '- A', ':::'), '::: tavle', '"::: tavle" mangler en opgave');
    for (const kind of ['valg', 'flervalg', 'prioritering', 'point']) {
      expectRefused(choice(`::: ${kind} x`, 'Hvem?', ':::'), `::: ${kind}`, 'aktiviteten "x" skal have mindst to svarmuligheder');
      expectRefused(
        choice(`::: ${kind} x`, 'Hvem?', '- Kun én', ':::'),
        `::: ${kind}`,
        'aktiviteten "x" skal have mindst to svarmuligheder',
      );
    }
    expectRefused(choice('::: tavle x', 'Skriv', ':::'), '::: tavle', 'tavlen "x" skal have mindst ét felt');
    expectRefused(choice('::: skala x', 'Hvor?', '- A', '- B', ':::'), '::: skala', 'tager ingen svarmuligheder');
  });

  it('an option written twice, or two options with one id', () => {
    expectRefused(
      choice('::: valg', 'Hvem?', '- Kommunen', '- Borgerne', '- kommunen', ':::'),
      '- kommunen',
      '"kommunen" står to gange i blokken',
    );
    expectRefused(choice('::: valg', 'Hvem?', '- A {#a}', '- B {#a}', ':::'), '- B', '"B" står to gange i blokken (samme id "a")');
    expectRefused(choice('::: tavle', 'Skriv', '- Felt', '- FELT', ':::'), '- FELT', '"FELT" står to gange');
  });

  it('the same id on two slides, naming both', () => {
    const source = md(
      '## Første',
      '',
      '::: valg x',
      'Hvem?',
      '- A',
      '- B',
      ':::',
      '',
      '---',
      '',
      '## Afstemning',
      '',
      '::: tekst x',
      'Hvad?',
      ':::',
    );
    const e = expectRefused(source, '::: tekst', 'aktiviteten "x" findes allerede på slide 1 ("Første")');
    expect(e.slide).toBe(SLIDE_2);
    const board = md(
      '## Første',
      '',
      '::: valg x',
      'Hvem?',
      '- A',
      '- B',
      ':::',
      '',
      '---',
      '',
      '## Afstemning',
      '',
      '::: tavle x',
      'Skriv',
      '- Felt',
      ':::',
    );
    expectRefused(board, '::: tavle', 'tavlen "x" har samme id som en aktivitet eller tavle på slide 1 ("Første")');
  });

  it('numbers out of range or not numbers, at the block', () => {
    expectRefused(
      choice('::: flervalg x', 'Hvem?', 'højst: 0', '- A', '- B', ':::'),
      '::: flervalg',
      'ugyldig "højst: 0" (et helt tal fra 1 til 2)',
    );
    expectRefused(
      choice('::: point x', 'Hvem?', 'point: abc', '- A', '- B', ':::'),
      '::: point',
      'ugyldig "point: abc" (et helt tal fra 1 til 1000)',
    );
    expectRefused(choice('::: tekst x', 'Hvad?', 'længde: 5', ':::'), '::: tekst', 'ugyldig "længde: 5"');
    expectRefused(choice('::: skala x', 'Hvor?', 'fra: 3', 'til: 2', ':::'), '::: skala', 'ugyldig "til: 2"');
    expectRefused(choice('::: tavle x', 'Skriv', 'prikker: 100', '- A', ':::'), '::: tavle', 'ugyldig "prikker: 100"');
  });

  it('a scale end that does not start with a number, at its line', () => {
    expectRefused(choice('::: skala', 'Hvor?', 'fra: Slet ikke', ':::'), 'fra:', '"fra:" skal begynde med et tal, fx "fra: 1 Slet ikke"');
    expectRefused(choice('::: skala', 'Hvor?', 'to: Helt', ':::'), 'to:', '"til:" skal begynde med et tal');
  });

  it('an image that is not uploaded, or has no alt text', () => {
    expectRefused(
      choice('Tekst før.', '', '![Kort](andet.png)'),
      '![Kort]',
      'billedet "andet.png" er ikke lagt op med decket (billeder: kort.png)',
      IMAGES,
    );
    expectRefused(choice('![Kort](kort.png)'), '![Kort]', 'billedet "kort.png" er ikke lagt op med decket.');
    expectRefused(choice('- ![](kort.png)'), '- ![', 'billedet "kort.png" mangler en alternativ tekst', IMAGES);
    expectRefused(choice('| a |', '| - |', '| ![Kort](https://example.com/kort.png) |'), '| ![', 'er ikke lagt op', IMAGES);
  });

  it('an unknown layout, a background that is not a colour, a setting given twice', () => {
    const slide = (...settings: string[]) => md('## Intro', '', '---', '', ...settings, '', '## Afstemning');
    expectRefused(slide('layout: kolonne'), 'layout:', 'kender ikke layout "kolonne" (kendte: titel, afsnit, udsagn, billede, normal)');
    expectRefused(slide('baggrund: red'), 'baggrund:', 'baggrund: skal være en farve som #0b5cad (fik "red")');
    expectRefused(slide('baggrund: #fff" onload="x'), 'baggrund:', 'skal være en farve');
    expectRefused(slide('layout: afsnit', 'layout: titel'), 'layout: titel', '"layout:" står to gange i samme slide');
  });

  it('the settings at the top without their closing "---", or one it does not know', () => {
    const open = md('---', 'titel: Prøve', 'sprog: da', '', '## Intro');
    const e = refusal(open);
    expect([e.slide, e.line]).toEqual(['decket', 1]);
    expect(e.message).toBe('Deck "proeve", decket, linje 1: indstillingerne øverst (titel:, sprog:) skal sluttes med en linje med "---".');
    const unknown = refusal(md('---', 'titel: Prøve', 'forfatter: mig', '---', '', '## Intro'));
    expect([unknown.slide, unknown.line]).toEqual(['decket', 3]);
    expect(unknown.message).toContain('kender ikke indstillingen "forfatter: mig" øverst i decket');
    expect(refusal(md('---', 'sprog: dansk', '---', '', '## A')).message).toContain('sprog: skal være en sprogkode');
  });

  it('an empty deck', () => {
    for (const source of ['', '\n\n', md('---', 'titel: Tom', '---', '', '---', '', '---')]) {
      const e = refusal(source);
      expect(e.slide).toBe('decket');
      expect(e.message).toContain('har ingen slides');
      expect(e.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('a slide without a heading is named by its number', () => {
    const e = refusal(md('## Intro', '', '---', '', 'Bare tekst.', '', '::: valgg', ':::'));
    expect(e.slide).toBe('slide 2 ("Slide 2")');
    expect(e.line).toBe(7);
  });
});

describe('the frisættelse template', () => {
  it('compiles to its 7 activities and one board, with the ids the referat and the exports use', () => {
    const source = readFileSync(join(ROOT, 'slides/frisaettelse/deck.md'), 'utf8');
    const { manifest } = compileDeck('frisaettelse', source);
    expect(manifest.title).toBe('Frisættelse — problemer og muligheder');
    expect(manifest.slides).toHaveLength(33);
    expect(manifest.activities.map((a) => [a.id, a.kind, a.options.map((o) => o.id)])).toEqual([
      ['hvem-saettes-fri', 'single', ['kommunen', 'institutionen', 'borgerne']],
      ['prioriter-omraader', 'ranking', ['dagtilbud', 'folkeskole', 'aeldre']],
      ['roedt-blaat', 'scale', ['1', '2', '3', '4', '5', '6', '7']],
      ['et-ord', 'text', []],
      ['virkninger', 'multi', ['kulturaendring', 'dynamik', 'motivation', 'borgernes-behov']],
      ['styringslogikker', 'points', ['kommunen', 'institutionen', 'borgerne']],
      ['indstilling', 'motion', ['for', 'imod', 'undlader']],
    ]);
    expect(manifest.activities.find((a) => a.id === 'virkninger')).toMatchObject({ maxChoices: 2 });
    expect(manifest.activities.find((a) => a.id === 'styringslogikker')).toMatchObject({ budget: 10 });
    expect(manifest.activities.find((a) => a.id === 'et-ord')).toMatchObject({ maxLength: 80 });
    expect(manifest.boards).toEqual([
      expect.objectContaining({
        id: 'problemer-muligheder',
        zones: [
          { id: 'problemer', label: 'Problemer' },
          { id: 'muligheder', label: 'Muligheder' },
        ],
        dots: 5,
        maxLength: 140,
        approval: false,
      }),
    ]);
    expect(manifest.slides.filter((s) => s.join).map((s) => s.title)).toEqual(['Deltag fra din telefon']);
  });
});
