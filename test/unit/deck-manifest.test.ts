// Deck markup to manifest: what a good deck gives, and broken markup refused with the slide named.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeckError, extractManifest } from '../../server/deck-manifest.js';
import { compileDeck } from '../../server/decks/compile.js';
import { DECK_FILE, loadDecks } from '../../server/decks/templates.js';
import { checkBallot } from '../../core/activity.js';

const AB = '<rs-option value="a">A</rs-option><rs-option value="b">B</rs-option>';

function deck(sections: string, attrs = 'data-title="Prøvedeck"'): string {
  return `<div class="reveal"><div class="slides" ${attrs}>${sections}</div></div>`;
}

/** One activity on slide 2, after an intro slide, so the number in the message is not trivially 1. */
function oneActivity(activity: string, title = 'Afstemning'): string {
  return deck(`<section><h1>Intro</h1></section><section data-title="${title}">${activity}</section>`);
}

function deckError(html: string, deckId = 'proeve'): DeckError {
  try {
    extractManifest(deckId, html);
  } catch (err) {
    expect(err).toBeInstanceOf(DeckError);
    const e = err as DeckError;
    expect(e.name).toBe('DeckError');
    expect(e.deck).toBe(deckId);
    expect(e.message).toContain(`Deck "${deckId}"`);
    return e;
  }
  throw new Error('expected a DeckError, but the deck was accepted');
}

function expectSlideError(activity: string, pattern: RegExp | string): DeckError {
  const e = deckError(oneActivity(activity));
  expect(e.slide).toBe('slide 2 ("Afstemning")');
  expect(e.message).toContain('slide 2 ("Afstemning")');
  if (typeof pattern === 'string') expect(e.message).toContain(pattern);
  else expect(e.message).toMatch(pattern);
  return e;
}

describe('extractManifest: a good deck', () => {
  it('gives every kind with its limits, defaults and slide', () => {
    const html = deck(
      `
      <section data-title="Velkommen"><h2>Ignoreret overskrift</h2></section>
      <section><h2>  Hvem   sættes fri? </h2>
        <rs-activity activity="enkelt" kind="single" prompt="  Hvem sættes fri?  ">
          <rs-option value="kommunen">  Kommunen  </rs-option>
          <rs-option value="borgerne">Borgerne &amp; foreninger</rs-option>
        </rs-activity>
      </section>
      <section><h3>Flervalg</h3>
        <rs-activity activity="flere" kind="multi" max="2" prompt="Vælg to">
          <rs-option value="a">A</rs-option><rs-option value="b">B</rs-option><rs-option value="c">C</rs-option>
        </rs-activity>
        <rs-activity activity="flere-alle" kind="multi" prompt="Vælg frit">${AB}</rs-activity>
      </section>
      <section>
        <rs-activity activity="prio" kind="ranking" prompt="Prioritér">${AB}</rs-activity>
        <rs-activity activity="point" kind="points" points="100" prompt="Fordel">${AB}</rs-activity>
        <rs-activity activity="point-std" kind="points" prompt="Fordel">${AB}</rs-activity>
      </section>
      <section data-title="Skala">
        <rs-activity activity="skala" kind="scale" min="0" max="3" min-label="Slet ikke" max-label="Helt" prompt="Hvor enig?"></rs-activity>
        <rs-activity activity="skala-std" kind="scale" prompt="Standard"></rs-activity>
        <rs-activity activity="ord" kind="text" max-length="80" prompt="Et ord"></rs-activity>
        <rs-activity activity="ord-std" kind="text" prompt="Et ord"></rs-activity>
        <rs-activity activity="indstilling" kind="motion" prompt="Udvalget anbefaler ..."></rs-activity>
      </section>`,
      'data-title=" Frisættelse " lang="en"',
    );
    const m = extractManifest('frisaettelse', html);
    expect(m.id).toBe('frisaettelse');
    expect(m.title).toBe('Frisættelse');
    expect(m.lang).toBe('en');
    expect(m.slides).toEqual([
      { index: 0, title: 'Velkommen' },
      { index: 1, title: 'Hvem sættes fri?' },
      { index: 2, title: 'Flervalg' },
      { index: 3, title: 'Slide 4' },
      { index: 4, title: 'Skala' },
    ]);
    const byId = new Map(m.activities.map((a) => [a.id, a]));
    expect(m.activities.map((a) => a.id)).toEqual([
      'enkelt',
      'flere',
      'flere-alle',
      'prio',
      'point',
      'point-std',
      'skala',
      'skala-std',
      'ord',
      'ord-std',
      'indstilling',
    ]);
    expect(byId.get('enkelt')).toEqual({
      id: 'enkelt',
      kind: 'single',
      prompt: 'Hvem sættes fri?',
      slide: 1,
      slideTitle: 'Hvem sættes fri?',
      options: [
        { id: 'kommunen', label: 'Kommunen' },
        { id: 'borgerne', label: 'Borgerne & foreninger' },
      ],
    });
    expect(byId.get('flere')).toMatchObject({ kind: 'multi', maxChoices: 2, slide: 2, slideTitle: 'Flervalg' });
    expect(byId.get('flere-alle')).toMatchObject({ kind: 'multi', maxChoices: 2 });
    expect(byId.get('prio')).toMatchObject({ kind: 'ranking', slide: 3, slideTitle: 'Slide 4' });
    expect(byId.get('point')).toMatchObject({ kind: 'points', budget: 100 });
    expect(byId.get('point-std')).toMatchObject({ kind: 'points', budget: 10 });
    expect(byId.get('skala')).toEqual({
      id: 'skala',
      kind: 'scale',
      prompt: 'Hvor enig?',
      slide: 4,
      slideTitle: 'Skala',
      min: 0,
      max: 3,
      minLabel: 'Slet ikke',
      maxLabel: 'Helt',
      options: [
        { id: '0', label: '0 – Slet ikke' },
        { id: '1', label: '1' },
        { id: '2', label: '2' },
        { id: '3', label: '3 – Helt' },
      ],
    });
    expect(byId.get('skala-std')).toMatchObject({ min: 1, max: 5, minLabel: '', maxLabel: '' });
    expect(byId.get('skala-std')!.options.map((o) => o.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(byId.get('ord')).toMatchObject({ kind: 'text', maxLength: 80, options: [] });
    expect(byId.get('ord-std')).toMatchObject({ kind: 'text', maxLength: 140 });
    expect(byId.get('indstilling')).toMatchObject({
      kind: 'motion',
      options: [
        { id: 'for', label: 'For' },
        { id: 'imod', label: 'Imod' },
        { id: 'undlader', label: 'Undlader' },
      ],
    });
  });

  it('defaults lang to da and accepts a deck without activities', () => {
    const m = extractManifest('tom', deck('<section><h2>Kun tekst</h2></section>'));
    expect(m).toEqual({
      id: 'tom',
      title: 'Prøvedeck',
      lang: 'da',
      slides: [{ index: 0, title: 'Kun tekst' }],
      activities: [],
      boards: [],
    });
  });

  it('gives an activity in a vertical sub-slide the index of its horizontal slide', () => {
    const m = extractManifest(
      'lodret',
      deck(`<section><h2>En</h2></section>
        <section data-title="To"><section><h2>To a</h2></section><section><rs-activity activity="x" kind="single" prompt="?">${AB}</rs-activity></section></section>`),
    );
    expect(m.slides.map((s) => s.title)).toEqual(['En', 'To']);
    expect(m.activities[0]).toMatchObject({ id: 'x', slide: 1, slideTitle: 'To' });
  });

  it('leaves out activities inside HTML comments', () => {
    const m = extractManifest(
      'kommentar',
      deck(`<section><!-- <rs-activity activity="gammel" kind="single" prompt="?">${AB}</rs-activity> -->
        <rs-activity activity="ny" kind="single" prompt="?">${AB}</rs-activity></section>`),
    );
    expect(m.activities.map((a) => a.id)).toEqual(['ny']);
  });

  it('the motion options are a fresh copy per activity', () => {
    const m = extractManifest(
      'to',
      deck(
        `<section><rs-activity activity="m1" kind="motion" prompt="?"></rs-activity><rs-activity activity="m2" kind="motion" prompt="?"></rs-activity></section>`,
      ),
    );
    m.activities[0]!.options[0]!.label = 'Ændret';
    expect(m.activities[1]!.options[0]!.label).toBe('For');
    expect(
      extractManifest('igen', deck('<section><rs-activity activity="m" kind="motion" prompt="?"></rs-activity></section>')).activities[0]!
        .options[0]!.label,
    ).toBe('For');
  });

  it('the checked-in test deck has one activity of each kind, and the manifest drives ballot checks', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const source = readFileSync(join(here, '../fixtures/slides/alle-aktiviteter', DECK_FILE), 'utf8');
    const { manifest: m, html } = compileDeck('alle-aktiviteter', source);
    // The compiled slides are what the server checks: the same manifest again from the HTML alone.
    expect(extractManifest('alle-aktiviteter', html)).toEqual(m);
    expect(m.title).toBe('Alle aktiviteter (testdeck)');
    expect(m.activities.map((a) => a.kind).sort()).toEqual(['motion', 'multi', 'points', 'ranking', 'scale', 'single', 'text']);
    const skala = m.activities.find((a) => a.id === 'skala')!;
    expect(skala).toMatchObject({ kind: 'scale', min: 1, max: 7, slideTitle: 'Skala' });
    expect(skala.options.map((o) => o.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(skala.options[0]!.label).toBe('1 – Rødt');
    expect(skala.options[6]!.label).toBe('7 – Blåt');
    expect(checkBallot(skala, { value: 7 }).ok).toBe(true);
    expect(checkBallot(skala, { value: 8 }).ok).toBe(false);
    const flere = m.activities.find((a) => a.id === 'flere')!;
    expect(flere).toMatchObject({ kind: 'multi', maxChoices: 2 });
    expect(checkBallot(flere, { options: ['kultur', 'dynamik', 'motivation'] }).ok).toBe(false);
    expect(m.activities.find((a) => a.id === 'point')).toMatchObject({ kind: 'points', budget: 10 });
    expect(m.activities.find((a) => a.id === 'ord')).toMatchObject({ kind: 'text', maxLength: 80 });
  });
});

describe('extractManifest: a broken deck names the problem', () => {
  it('without a .slides container', () => {
    const e = deckError('<section><h2>x</h2></section>');
    expect(e.slide).toBe('decket');
    expect(e.message).toContain('class="slides"');
  });

  it('without a deck title', () => {
    expect(deckError(deck('<section></section>', '')).message).toContain('data-title');
    expect(deckError(deck('<section></section>', 'data-title="   "')).message).toContain('data-title');
  });

  it('without any slide', () => {
    expect(deckError(deck('<div>no sections</div>')).message).toContain('ingen <section>');
  });

  it('a missing or malformed activity id', () => {
    expectSlideError(`<rs-activity kind="single" prompt="?">${AB}</rs-activity>`, 'fik ""');
    for (const bad of ['Valg', 'valg_1', '-valg', 'æble', 'a'.repeat(65), 'a b']) {
      expectSlideError(`<rs-activity activity="${bad}" kind="single" prompt="?">${AB}</rs-activity>`, `fik "${bad}"`);
    }
  });

  it('a duplicate activity id, naming both slides', () => {
    const e = deckError(
      deck(`<section><h2>Første</h2><rs-activity activity="valg" kind="single" prompt="?">${AB}</rs-activity></section>
        <section><h2>Anden</h2></section>
        <section><h2>Tredje</h2><rs-activity activity="valg" kind="motion" prompt="?"></rs-activity></section>`),
    );
    expect(e.slide).toBe('slide 3 ("Tredje")');
    expect(e.message).toContain('"valg"');
    expect(e.message).toContain('slide 1 ("Første")');
  });

  it('a duplicate id on the same slide', () => {
    expectSlideError(
      `<rs-activity activity="x" kind="single" prompt="?">${AB}</rs-activity><rs-activity activity="x" kind="single" prompt="?">${AB}</rs-activity>`,
      'findes allerede på slide 2',
    );
  });

  it('an unknown or missing kind, listing the known kinds', () => {
    const e = expectSlideError(`<rs-activity activity="x" kind="lottery" prompt="?">${AB}</rs-activity>`, 'ukendt kind="lottery"');
    expect(e.message).toContain('single, multi, ranking, points, scale, text, motion');
    expectSlideError(`<rs-activity activity="x" prompt="?">${AB}</rs-activity>`, 'ukendt kind=""');
    expectSlideError(`<rs-activity activity="x" kind="Single" prompt="?">${AB}</rs-activity>`, 'ukendt kind="Single"');
  });

  it('a tag left open, which would swallow the slides after it', () => {
    expectSlideError(`<rs-activity activity="x" kind="single" prompt="?">${AB}`, 'ikke er lukket');
    expectSlideError(`<p><b>Fed tekst</p>`, 'ikke er lukket');
    // Optional end tags and void elements are fine, as in any HTML.
    const ok = extractManifest(
      'proeve',
      deck('<section><h2>A</h2><ul><li>en<li>to</ul><p>a<p>b<br><img src="x.png" alt=""></section><section><h2>B</h2></section>'),
    );
    expect(ok.slides.map((sl) => sl.title)).toEqual(['A', 'B']);
  });

  it('a missing or blank prompt', () => {
    expectSlideError(`<rs-activity activity="x" kind="single">${AB}</rs-activity>`, 'mangler prompt');
    expectSlideError(`<rs-activity activity="x" kind="motion" prompt="   "></rs-activity>`, 'mangler prompt');
  });

  it('too few options for the choice kinds', () => {
    for (const kind of ['single', 'multi', 'ranking', 'points']) {
      expectSlideError(`<rs-activity activity="x" kind="${kind}" prompt="?"></rs-activity>`, 'mindst to svarmuligheder');
      expectSlideError(
        `<rs-activity activity="x" kind="${kind}" prompt="?"><rs-option value="a">A</rs-option></rs-activity>`,
        'mindst to svarmuligheder',
      );
    }
  });

  it('options on kinds that take none', () => {
    for (const kind of ['scale', 'text', 'motion']) {
      expectSlideError(
        `<rs-activity activity="x" kind="${kind}" prompt="?">${AB}</rs-activity>`,
        `(kind="${kind}") tager ingen svarmuligheder`,
      );
    }
  });

  it('a bad, repeated or empty option', () => {
    expectSlideError(
      `<rs-activity activity="x" kind="single" prompt="?"><rs-option value="A">A</rs-option>${AB}</rs-activity>`,
      'ugyldig value="A"',
    );
    expectSlideError(`<rs-activity activity="x" kind="single" prompt="?"><rs-option>A</rs-option>${AB}</rs-activity>`, 'ugyldig value=""');
    expectSlideError(
      `<rs-activity activity="x" kind="single" prompt="?">${AB}<rs-option value="a">Igen</rs-option></rs-activity>`,
      'svarmuligheden "a" står to gange',
    );
    expectSlideError(
      `<rs-activity activity="x" kind="single" prompt="?">${AB}<rs-option value="c">   </rs-option></rs-activity>`,
      'svarmuligheden "c" i "x" har ingen tekst',
    );
  });

  it('more than 12 options to rank', () => {
    const options = Array.from({ length: 13 }, (_, i) => `<rs-option value="o${i}">O${i}</rs-option>`).join('');
    expectSlideError(`<rs-activity activity="x" kind="ranking" prompt="?">${options}</rs-activity>`, 'højst 12');
    const twelve = Array.from({ length: 12 }, (_, i) => `<rs-option value="o${i}">O${i}</rs-option>`).join('');
    expect(
      extractManifest('ok', oneActivity(`<rs-activity activity="x" kind="ranking" prompt="?">${twelve}</rs-activity>`)).activities[0]!
        .options,
    ).toHaveLength(12);
  });

  it('bad limits: multi max', () => {
    const three = `${AB}<rs-option value="c">C</rs-option>`;
    for (const max of ['0', '4', '1.5', 'to', '-1']) {
      expectSlideError(
        `<rs-activity activity="x" kind="multi" max="${max}" prompt="?">${three}</rs-activity>`,
        `ugyldig "højst: ${max}" (et helt tal fra 1 til 3)`,
      );
    }
    for (const max of ['1', '3']) {
      const m = extractManifest('ok', oneActivity(`<rs-activity activity="x" kind="multi" max="${max}" prompt="?">${three}</rs-activity>`));
      expect(m.activities[0]).toMatchObject({ maxChoices: Number(max) });
    }
  });

  it('bad limits: points budget', () => {
    for (const p of ['0', '1001', '2.5', 'ti']) {
      expectSlideError(
        `<rs-activity activity="x" kind="points" points="${p}" prompt="?">${AB}</rs-activity>`,
        `ugyldig "point: ${p}" (et helt tal fra 1 til 1000)`,
      );
    }
    expect(
      extractManifest('ok', oneActivity(`<rs-activity activity="x" kind="points" points="1000" prompt="?">${AB}</rs-activity>`))
        .activities[0],
    ).toMatchObject({ budget: 1000 });
  });

  it('bad limits: scale min and max', () => {
    expectSlideError(
      `<rs-activity activity="x" kind="scale" min="-1" prompt="?"></rs-activity>`,
      'ugyldig "fra: -1" (et helt tal fra 0 til 10)',
    );
    expectSlideError(`<rs-activity activity="x" kind="scale" min="11" max="11" prompt="?"></rs-activity>`, 'ugyldig "fra: 11"');
    expectSlideError(
      `<rs-activity activity="x" kind="scale" min="3" max="3" prompt="?"></rs-activity>`,
      'ugyldig "til: 3" (et helt tal fra 4 til 11)',
    );
    expectSlideError(`<rs-activity activity="x" kind="scale" min="5" max="2" prompt="?"></rs-activity>`, 'ugyldig "til: 2"');
    expectSlideError(
      `<rs-activity activity="x" kind="scale" max="12" prompt="?"></rs-activity>`,
      'ugyldig "til: 12" (et helt tal fra 2 til 11)',
    );
    // With only max given the default min of 1 applies.
    expectSlideError(`<rs-activity activity="x" kind="scale" max="1" prompt="?"></rs-activity>`, 'ugyldig "til: 1"');
    const m = extractManifest('ok', oneActivity(`<rs-activity activity="x" kind="scale" min="10" max="11" prompt="?"></rs-activity>`));
    expect(m.activities[0]!.options.map((o) => o.id)).toEqual(['10', '11']);
  });

  it('bad limits: text max-length', () => {
    for (const n of ['9', '1001', 'lang']) {
      expectSlideError(
        `<rs-activity activity="x" kind="text" max-length="${n}" prompt="?"></rs-activity>`,
        `ugyldig "længde: ${n}" (et helt tal fra 10 til 1000)`,
      );
    }
  });

  it('names a slide by its heading or its number when it has no title', () => {
    const byHeading = deckError(
      deck(`<section><h2>Mit  spørgsmål</h2><rs-activity activity="x" kind="nope" prompt="?"></rs-activity></section>`),
    );
    expect(byHeading.slide).toBe('slide 1 ("Mit spørgsmål")');
    const byNumber = deckError(
      deck(`<section></section><section></section><section><rs-activity activity="x" kind="nope" prompt="?"></rs-activity></section>`),
    );
    expect(byNumber.slide).toBe('slide 3 ("Slide 3")');
  });
});

describe('loadDecks', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function slidesDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'radslag-unit-decks-'));
    dirs.push(dir);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  }

  it('loads every deck folder with a deck.md, keyed by folder name, keeping its Markdown and compiled slides', () => {
    const one = '---\ntitel: En\n---\n\n::: indstilling x\n?\n:::\n';
    const two = '---\ntitel: To\n---\n\n## Hej\n';
    expect(DECK_FILE).toBe('deck.md');
    const dir = slidesDir({
      [`en/${DECK_FILE}`]: one,
      [`to-deck/${DECK_FILE}`]: two,
      'uden-deck/andet.md': two,
      // The HTML decks of before are no longer read.
      'gammel/deck.html': '<div class="slides" data-title="Gammel"><section><h2>Hej</h2></section></div>',
      [`Store-Bogstaver/${DECK_FILE}`]: two,
      [`_skjult/${DECK_FILE}`]: two,
      'løs-fil.md': two,
    });
    const decks = loadDecks(dir);
    expect([...decks.keys()].sort()).toEqual(['en', 'to-deck']);
    expect(decks.get('en')!.manifest).toMatchObject({ id: 'en', title: 'En', activities: [{ id: 'x', kind: 'motion' }] });
    expect(decks.get('en')!.source).toBe(one);
    expect(decks.get('en')!.html).toBe(compileDeck('en', one).html);
    expect(decks.get('to-deck')!.manifest.title).toBe('To');
  });

  it('an empty folder gives no decks', () => {
    expect(loadDecks(slidesDir({})).size).toBe(0);
  });

  it('a broken deck throws a DeckError naming the deck folder, slide and line', () => {
    const dir = slidesDir({
      [`god/${DECK_FILE}`]: '## Hej\n',
      [`brudt/${DECK_FILE}`]: '## Intro\n\n---\n\n## Valg\n\n::: valg x\n?\n:::\n',
    });
    let caught: unknown;
    try {
      loadDecks(dir);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DeckError);
    expect((caught as DeckError).line).toBe(7);
    expect((caught as DeckError).message).toBe(
      'Deck "brudt", slide 2 ("Valg"), linje 7: aktiviteten "x" skal have mindst to svarmuligheder.',
    );
  });

  it('a missing slides folder throws', () => {
    expect(() => loadDecks(join(tmpdir(), `radslag-findes-ikke-${process.pid}`))).toThrow(/ENOENT/);
  });
});

describe('extractManifest: whiteboards', () => {
  const board = (attrs: string, zones = '<rs-zone value="problemer">Problemer</rs-zone><rs-zone value="muligheder">Muligheder</rs-zone>') =>
    `<div class="slides" data-title="Tavle"><section data-title="Intro"></section><section data-title="Problemer og muligheder"><rs-board ${attrs}>${zones}</rs-board></section></div>`;

  it('reads zones, dots, length limit and approval mode', () => {
    const m = extractManifest('t', board('board="tavle" prompt="Skriv problemer og muligheder" dots="5" max-length="120" approval'));
    expect(m.boards).toEqual([
      {
        id: 'tavle',
        prompt: 'Skriv problemer og muligheder',
        slide: 1,
        slideTitle: 'Problemer og muligheder',
        zones: [
          { id: 'problemer', label: 'Problemer' },
          { id: 'muligheder', label: 'Muligheder' },
        ],
        dots: 5,
        maxLength: 120,
        approval: true,
      },
    ]);
    expect(extractManifest('t', board('board="tavle" prompt="p"')).boards[0]).toMatchObject({ dots: 5, maxLength: 140, approval: false });
  });

  it('names the slide for a bad id, a missing prompt, bad zones, bad limits, and an id an activity already has', () => {
    const cases: Array<[string, string, RegExp]> = [
      [board('board="Tavle" prompt="p"'), '', /board="<id>"/],
      [board('board="tavle"'), '', /mangler prompt/],
      [board('board="tavle" prompt="p"', ''), '', /fra 1 til 6 felter/],
      [board('board="tavle" prompt="p"', '<rs-zone value="a">A</rs-zone><rs-zone value="a">B</rs-zone>'), '', /står to gange/],
      [board('board="tavle" prompt="p" dots="0"'), '', /ugyldig "prikker: 0"/],
      [
        `<div class="slides" data-title="T"><section data-title="Afstemning"><rs-activity activity="tavle" kind="text" prompt="?"></rs-activity></section><section data-title="Tavlen"><rs-board board="tavle" prompt="p"><rs-zone value="a">A</rs-zone></rs-board></section></div>`,
        '',
        /slide 2 \("Tavlen"\).*samme id.*slide 1 \("Afstemning"\)/,
      ],
    ];
    for (const [html, , message] of cases) {
      expect(() => extractManifest('t', html)).toThrow(message);
      expect(() => extractManifest('t', html)).toThrow(/slide \d/);
    }
  });
});
