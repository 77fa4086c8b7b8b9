// Hostile decks: whoever holds a deck's editor key writes it and everybody in the room sees it, so every field an
// author controls is filled with the classic XSS payloads and the compiled slides are searched for anything that
// could run, load from elsewhere, dress up as the app or break out of its slide. What the phones draw through Lit
// (questions, options, fields, scale ends, titles) must reach the manifest as the plain text that was written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type HTMLElement, parse, valid } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { DeckError } from '../../server/deck-manifest.js';
import { compileDeck } from '../../server/decks/compile.js';
import { DECK_CLASSES } from '../../server/decks/sanitise.js';
import { ROOT } from '../helpers/server.js';

const PAYLOADS = [
  `<script>window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=2">`,
  `<svg onload="window.__pwned=3"><circle r="9"></circle></svg>`,
  `<iframe src="https://evil.example/f" srcdoc="<script>parent.__pwned=4</script>"></iframe>`,
  `<object data="https://evil.example/o.swf"></object>`,
  `<embed src="https://evil.example/e.swf">`,
  `<style>body{background:url(https://evil.example/s.png)}</style>`,
  `<link rel="stylesheet" href="https://evil.example/l.css">`,
  `<meta http-equiv="refresh" content="0;url=https://evil.example/m">`,
  `<base href="https://evil.example/">`,
  `<form action="https://evil.example/f"><input name="x"><button formaction="javascript:window.__pwned=5">Send</button></form>`,
  `<p style="background:url(https://evil.example/p.png)">stil</p>`,
  `<span style="position:fixed;inset:0;background:url(https://evil.example/s2.png)">stil</span>`,
  `<a href="javascript:window.__pwned=6">klik</a>`,
  `<a href="JaVaScRiPt:window.__pwned=7">klik</a>`,
  `<a href="&#x6A;avascript:window.__pwned=8">entitet</a>`,
  `<a href="java&#x09;script:window.__pwned=9">tab</a>`,
  `<a href="data:text/html,<script>parent.__pwned=10</script>">data</a>`,
  `<a href="vbscript:msgbox(1)">vbscript</a>`,
  `<a href="//evil.example/x">protokol-relativ</a>`,
  `<a href="/api/rooms">relativ</a>`,
  `" onmouseover="window.__pwned=11`,
  `'><img src=x onerror=window.__pwned=12>`,
  `</section><script>window.__pwned=13</script><section>`,
  `</div></div></div><script>window.__pwned=14</script><div class="slides">`,
  `<!--<script>window.__pwned=15</script>-->`,
  `<!--><img src=x onerror=window.__pwned=16>-->`,
  `<noscript><p title="</noscript><img src=x onerror=window.__pwned=17>"></p></noscript>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=18></style></mglyph></table></mtext></math>`,
  `<template><script>window.__pwned=19</script></template>`,
  `<span class="reveal slides controls present join-code rs-join-info notes" id="rs-join-code" name="forms">klasser</span>`,
  `<aside class="notes">ikke en note</aside>`,
  `<div data-background-iframe="https://evil.example/r" data-src="https://evil.example/d">reveal</div>`,
  `<img src="https://evil.example/i.png" alt="http">`,
  `<img src="data:image/svg+xml,<svg onload=parent.__pwned=20>" alt="data">`,
  `<img src="../../api/deck-images/c0ffee" alt="op">`,
  `<img srcset="https://evil.example/s.png 1x" alt="srcset">`,
];

/** Every place a deck author writes text, as a deck of one slide (two for the notes' neighbour), around `p`. */
const FIELDS: Record<string, (p: string) => string> = {
  paragraph: (p) => `## Slide\n\nTekst ${p} mere tekst\n`,
  'HTML block': (p) => `## Slide\n\n${p}\n\nEfter.\n`,
  heading: (p) => `## Slide ${p}\n`,
  kicker: (p) => `Før ${p}\n## Slide\n`,
  'list item': (p) => `## Slide\n\n- ${p}\n- Andet\n`,
  'table cell': (p) => `## Slide\n\n| Kolonne | ${p} |\n| :-- | --: |\n| ${p} | x |\n`,
  card: (p) => `## Slide\n\n:::: kolonner\n::: kort\n${p}\n:::\n::: kort ny\n### ${p}\n:::\n::::\n`,
  notes: (p) => `## Slide\n\nPå skærmen.\n\nNote:\nNoter ${p}\n\n${p}\n\n---\n\n## Næste\n`,
  'deck title': (p) => `---\ntitel: ${p}\n---\n\n## Slide\n`,
  'slide title': (p) => `titel: ${p}\n\n## Slide\n`,
  'activity prompt': (p) => `## Slide\n\n::: valg x\n${p}\n- A\n- B\n:::\n`,
  'option label': (p) => `## Slide\n\n::: flervalg x\nHvem?\n- ${p}\n- B\n:::\n`,
  'board prompt': (p) => `## Slide\n\n::: tavle x\n${p}\n- Felt\n:::\n`,
  'zone label': (p) => `## Slide\n\n::: tavle x\nSkriv\n- ${p}\n- Felt\n:::\n`,
  'scale labels': (p) => `## Slide\n\n::: skala x\nHvor enig?\nfra: 1 ${p}\ntil: 5 ${p}\n:::\n`,
  'motion prompt': (p) => `## Slide\n\n::: indstilling x\nUdvalget anbefaler ${p}\n:::\n`,
  'text prompt': (p) => `## Slide\n\n::: tekst x\n${p}\n:::\n`,
};

/** The elements a compiled deck may hold: the slides' own and what sanitise.ts lets through. */
const TAGS = new Set(
  [
    ...['div', 'section', 'aside', 'h1', 'h2', 'h3', 'h4', 'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'mark'],
    ...['small', 'sub', 'sup', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'span', 'a', 'img', 'figure', 'figcaption'],
    ...['table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption'],
    ...['rs-activity', 'rs-option', 'rs-board', 'rs-zone', 'rs-top-priorities', 'rs-join-info'],
  ].map((t) => t.toUpperCase()),
);

/** The attributes: none that runs, loads, names an element (id, name) or speaks to reveal.js (data-src, data-background-*). */
const ATTRIBUTES = new Set([
  ...['class', 'aria-hidden', 'aria-label', 'title', 'lang', 'role', 'href', 'rel', 'target', 'src', 'alt', 'width', 'height'],
  ...['scope', 'colspan', 'rowspan', 'style', 'start', 'data-title', 'data-line', 'data-background-color'],
  ...['activity', 'kind', 'prompt', 'max', 'min', 'min-label', 'max-label', 'points', 'max-length', 'members-only'],
  ...['value', 'board', 'dots', 'approval'],
]);

/** An element that must never be written out, even as a stray end tag (<rs-option> is ours, <option> is not). */
const NEVER =
  /<\s*\/?\s*(?:script|style|iframe|object|embed|form|input|button|meta|link|base|svg|math|template|noscript|textarea|select|option|frame|frameset|applet|xmp|plaintext|noembed|noframes|title|head|body|html)\b/i;

function elements(root: HTMLElement): HTMLElement[] {
  return root.querySelectorAll('*');
}

/** The compiled deck holds nothing that runs, loads or escapes its slide; `slides` sections, one per slide. */
function expectClean(html: string, slides: number): void {
  expect(html).not.toMatch(NEVER);
  expect(valid(html, { comment: false })).toBe(true);
  const root = parse(html, { comment: true });
  expect(root.querySelectorAll('*').some((e) => e.nodeType === 8)).toBe(false);
  expect(html).not.toContain('<!--');

  // One .slides with the slides in it, each a section of its own: a payload closed neither.
  const top = root.childNodes.filter((n) => n.nodeType === 1) as HTMLElement[];
  expect(top.map((e) => e.tagName)).toEqual(['DIV']);
  const container = top[0]!;
  expect(container.getAttribute('class')).toBe('slides');
  const sections = container.childNodes.filter((n) => n.nodeType === 1) as HTMLElement[];
  expect(sections.map((s) => s.tagName)).toEqual(Array(slides).fill('SECTION'));
  expect(root.querySelectorAll('section')).toHaveLength(slides);
  expect(root.querySelectorAll('.slides')).toHaveLength(1);
  for (const section of sections) {
    const asides = section.querySelectorAll('aside');
    expect(asides.length).toBeLessThanOrEqual(1);
    if (asides[0]) {
      expect(asides[0].parentNode).toBe(section);
      expect(asides[0].getAttribute('class')).toBe('notes');
    }
  }

  for (const el of elements(root)) {
    const what = `<${el.rawTagName}> in ${el.toString().slice(0, 200)}`;
    expect(TAGS.has(el.tagName), what).toBe(true);
    for (const [name, value] of Object.entries(el.attributes)) {
      expect(name.toLowerCase().startsWith('on'), `${name} on ${what}`).toBe(false);
      expect(ATTRIBUTES.has(name.toLowerCase()), `${name} on ${what}`).toBe(true);
      if (name === 'style') expect(value, what).toMatch(/^text-align:\s*(?:left|right|center);?$/);
      if (name === 'href') expect(value, what).toMatch(/^(?:https:\/\/|mailto:)/i);
      if (name === 'src') expect(value, what).toMatch(/^\/api\/deck-images\/[0-9a-f]{64}$/);
      if (name === 'data-background-color') expect(value, what).toMatch(/^#[0-9a-f]{3,6}$/);
    }
    if (el.tagName === 'A' && el.getAttribute('href')) {
      expect(el.getAttribute('target')).toBe('_blank');
      expect(el.getAttribute('rel')).toContain('noopener');
    }
    if (el.tagName === 'IMG') expect(el.getAttribute('src'), what).toBeDefined();
    // The container and the notes are the compiler's own; everything else only wears deck.css's looks. (The
    // parser's classList reads `class=` inside other attributes' text too, so the attribute itself is read.)
    const own = el === container || (el.tagName === 'ASIDE' && el.parentNode?.tagName === 'SECTION');
    const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
    if (!own) for (const cls of classes) expect(DECK_CLASSES, `class "${cls}" on ${what}`).toContain(cls);
  }
  // What the phones and the projector's components read stays text: no element inside an option or a field.
  for (const text of root.querySelectorAll('rs-option, rs-zone')) expect(text.childNodes.every((n) => n.nodeType === 3)).toBe(true);
}

describe('the check the tests below make', () => {
  it('finds each kind of hole it looks for, and passes a clean slide', () => {
    const deck = (inner: string) => `<div class="slides" data-title="T" lang="da">\n<section data-title="S">${inner}</section>\n</div>\n`;
    for (const hole of [
      '<script>x</script>',
      '<img src="x" onerror="y">',
      '<p onclick="x">a</p>',
      '<p title="a" onmouseover="x">a</p>',
      '<a href="/api/rooms" target="_blank" rel="noopener">a</a>',
      '<a href="javascript:x" target="_blank" rel="noopener">a</a>',
      '<a href="https://example.org">no new tab</a>',
      `<img src="https://evil.example/x.png">`,
      `<img src="/api/deck-images/${'a'.repeat(64)}" srcset="https://evil.example/x.png 1x">`,
      '<p class="lead controls">a</p>',
      '<p style="color:red">a</p>',
      '<p id="rs-join-code">a</p>',
      '<div data-src="https://evil.example/x">a</div>',
      '<iframe></iframe>',
      '<!-- c -->',
      '</section><section data-title="S2">',
      '<section>inside</section>',
      '<aside class="notes">one</aside><aside class="notes">two</aside>',
      '<rs-option value="a"><b>A</b></rs-option>',
    ]) {
      expect(() => expectClean(deck(hole), 1), hole).toThrow();
    }
    expect(() =>
      expectClean(deck(`<p class="lead">ok</p><a href="https://example.org" target="_blank" rel="noopener noreferrer">a</a>`), 1),
    ).not.toThrow();
  });
});

describe('a payload in any field an author controls', () => {
  for (const [field, deck] of Object.entries(FIELDS)) {
    it(`${field}: nothing runs, loads, escapes its slide or wears the app's classes`, () => {
      for (const payload of PAYLOADS) {
        const source = deck(payload);
        let compiled: ReturnType<typeof compileDeck>;
        try {
          compiled = compileDeck('fjendtlig', source);
        } catch (err) {
          // A payload may make a deck a mistake (a list in a block, an image not uploaded); then nothing is stored.
          expect(err, `${field}: ${payload}`).toBeInstanceOf(DeckError);
          continue;
        }
        try {
          expectClean(compiled.html, compiled.manifest.slides.length);
          expect(compiled.manifest.slides).toHaveLength(field === 'notes' ? 2 : 1);
        } catch (err) {
          throw new Error(`${field} with ${payload}:\n${(err as Error).message}\n${compiled.html}`);
        }
      }
    });
  }

  it('what the phones draw reaches the manifest as the text that was written', () => {
    for (const payload of PAYLOADS) {
      const m = (field: string) => compileDeck('fjendtlig', FIELDS[field]!(payload)).manifest;
      expect(m('deck title').title).toBe(payload.trim());
      expect(m('slide title').slides[0]!.title).toBe(payload.trim());
      expect(m('activity prompt').activities[0]!.prompt).toBe(payload.trim());
      expect(m('option label').activities[0]!.options[0]!.label).toBe(payload.trim());
      expect(m('board prompt').boards[0]!.prompt).toBe(payload.trim());
      expect(m('zone label').boards[0]!.zones[0]!.label).toBe(payload.trim());
      expect(m('scale labels').activities[0]).toMatchObject({ minLabel: payload.trim(), maxLabel: payload.trim() });
      expect(m('motion prompt').activities[0]!.prompt).toBe(`Udvalget anbefaler ${payload}`.trim());
      expect(m('text prompt').activities[0]!.prompt).toBe(payload.trim());
    }
  });

  it('the slides carry that text in attributes and text, where the components take it as text', () => {
    const payload = `" onmouseover="window.__pwned=1"><script>window.__pwned=2</script>`;
    const { html } = compileDeck('fjendtlig', FIELDS['option label']!(payload).replace('Hvem?', `Hvem? ${payload}`));
    const activity = parse(html).querySelector('rs-activity')!;
    expect(activity.getAttribute('prompt')).toBe(`Hvem? ${payload}`);
    expect(activity.querySelector('rs-option')!.textContent).toBe(payload);
    expect(Object.keys(activity.attributes).sort()).toEqual(['activity', 'data-line', 'kind', 'prompt']);
  });
});

describe('Markdown links and images', () => {
  it('a link to javascript:, data:, vbscript:, another scheme or no scheme at all has no address', () => {
    for (const url of [
      "javascript:window.__pwned='md'",
      "JaVaScRiPt:window.__pwned='md'",
      '&#x6A;avascript:alert(1)',
      'java%0Ascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      "vbscript:msgbox('x')",
      'file:///etc/passwd',
      'http://evil.example/plain-http',
      '//evil.example/protocol-relative',
      '/api/rooms',
      '../../api/decks',
      '#/3',
      'https:evil.example',
    ]) {
      for (const link of [`[klik](${url})`, `<${url}>`, `[klik][ref]\n\n[ref]: ${url}`]) {
        const { html } = compileDeck('fjendtlig', `## Links\n\n${link}\n`);
        expectClean(html, 1);
        expect(parse(html).querySelectorAll('a[href]'), `${link} gave ${html}`).toHaveLength(0);
      }
    }
  });

  it('a link to a web page or an address keeps it, opening in a tab of its own', () => {
    const { html } = compileDeck(
      'fjendtlig',
      `## Links\n\n[KL](https://www.kl.dk "KL \\" onmouseover=\\"x") <mailto:udvalg@example.org> <https://example.org/a?b=1&c=2>\n`,
    );
    expectClean(html, 1);
    expect(
      parse(html)
        .querySelectorAll('a')
        .map((a) => [a.getAttribute('href'), a.getAttribute('title'), a.getAttribute('target')]),
    ).toEqual([
      ['https://www.kl.dk', 'KL " onmouseover="x', '_blank'],
      ['mailto:udvalg@example.org', undefined, '_blank'],
      ['https://example.org/a?b=1&c=2', undefined, '_blank'],
    ]);
  });

  it('an image from another site, a data: URL or a path out of the deck is refused', () => {
    const images = new Map([['kort.png', `/api/deck-images/${'ab'.repeat(32)}`]]);
    for (const url of [
      'http://evil.example/i.png',
      'https://evil.example/i.png',
      '//evil.example/i.png',
      'data:image/png;base64,iVBORw0KGgo=',
      'data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E',
      '../kort.png',
      '../../api/deck-images/abab',
      '/api/deck-images/abab',
      `/api/deck-images/${'ab'.repeat(32)}`,
      'javascript:alert(1)',
      'kort.png?x=1',
      'kort.png#x',
      'KORT.PNG',
    ]) {
      let html = '';
      try {
        html = compileDeck('fjendtlig', `## Billede\n\n![Kort](${url})\n`, { images }).html;
      } catch (err) {
        expect(err).toBeInstanceOf(DeckError);
        expect((err as DeckError).line).toBe(3);
        continue;
      }
      // markdown-it itself declines some as images; then they are text, never an <img>.
      expectClean(html, 1);
      expect(parse(html).querySelectorAll('img'), `${url} gave ${html}`).toHaveLength(0);
    }
  });
});

describe('settings and ids cannot carry markup', () => {
  const refused = (source: string, says: string) => {
    let caught: unknown;
    try {
      compileDeck('fjendtlig', source);
    } catch (err) {
      caught = err;
    }
    expect(caught, source).toBeInstanceOf(DeckError);
    expect((caught as DeckError).message).toContain(says);
  };

  it('an id with markup is refused', () => {
    refused(`## S\n\n::: valg x"><script>alert(1)</script>\nHvem?\n- A\n- B\n:::\n`, 'må kun have små bogstaver');
    refused(`## S\n\n::: valg x\nHvem?\n- A {#a"><script>}\n- B\n:::\n`, 'må kun have små bogstaver');
    refused(`## S\n\n::: valg\nid: x onclick=alert(1)\nHvem?\n- A\n- B\n:::\n`, 'må kun have små bogstaver');
    refused(`## S\n\n::: tavle <img>\nSkriv\n- Felt\n:::\n`, 'må kun have små bogstaver');
    refused(`## S\n\n::: tavle t\nSkriv\n- Felt\n:::\n\n::: topprioriteter\ntavle: t" onclick="alert(1)\n:::\n`, 'ingen tavle med det id');
  });

  it('a layout, look, background or language with markup is refused', () => {
    refused(`layout: titel" onload="alert(1)\n\n## S\n`, 'kender ikke layout');
    refused(`baggrund: #fff" onload="alert(1)\n\n## S\n`, 'skal være en farve');
    refused(`baggrund: url(https://evil.example/x.png)\n\n## S\n`, 'skal være en farve');
    refused(`## S\n\n::: kort <script>\nx\n:::\n`, 'kender ikke udseendet');
    refused(`## S\n\n::: kort reveal\nx\n:::\n`, 'kender ikke udseendet');
    refused(`---\nsprog: da" onload="alert(1)\n---\n\n## S\n`, 'sprog: skal være en sprogkode');
  });

  it('{.class} and {attr} after a paragraph keep only deck.css classes', () => {
    const { html } = compileDeck(
      'fjendtlig',
      `## S {#rs-join-code .reveal .lead onclick=alert(1) style="position:fixed"}\n\nTekst {.controls .muted data-src=https://evil.example/x title=x}\n\n- Punkt {.join-code .warn}\n{.slides .marks}\n`,
    );
    expectClean(html, 1);
    const root = parse(html);
    expect(root.querySelectorAll('[class]').map((e) => [e.tagName, e.getAttribute('class')])).toEqual([
      ['DIV', 'slides'],
      ['H2', 'lead'],
      ['P', 'muted'],
      ['UL', 'marks'],
      ['LI', 'warn'],
    ]);
  });

  it('an activity written in the speaker notes is not an activity', () => {
    const { html, manifest } = compileDeck(
      'fjendtlig',
      `## S\n\nNote:\n<rs-activity activity="skjult" kind="motion" prompt="Skjult"></rs-activity> <rs-board board="b" prompt="p"><rs-zone value="z">Z</rs-zone></rs-board> tekst\n`,
    );
    expect(manifest.activities).toEqual([]);
    expect(manifest.boards).toEqual([]);
    expect(parse(html).querySelectorAll('rs-activity, rs-board, rs-zone')).toHaveLength(0);
    expect(parse(html).querySelector('aside.notes')!.textContent).toContain('tekst');
  });
});

describe('the hostile fixture deck (test/fixtures/hostile-deck, shown in Chromium by deck-xss.test.ts)', () => {
  const source = readFileSync(join(ROOT, 'test/fixtures/hostile-deck/fjendtlig/deck.md'), 'utf8');
  const { manifest, html } = compileDeck('fjendtlig', source);

  it('compiles to slides that hold nothing that runs, loads or escapes, one section per slide', () => {
    const slides = source.split('\n').filter((l) => /^---\s*$/.test(l)).length - 1;
    expect(manifest.slides).toHaveLength(slides);
    expectClean(html, slides);
    expect(
      parse(html)
        .querySelectorAll('section')
        .map((s) => s.getAttribute('data-title')),
    ).toEqual(manifest.slides.map((s) => s.title));
  });

  it('keeps its payloads in the manifest as the text written', () => {
    expect(manifest.title).toBe(
      `Fjendtligt deck <script>window.__pwned='deck-titel'</script>" onmouseover="window.__pwned='deck-titel-attr'`,
    );
    expect(manifest.slides[0]!.title).toBe(
      `Titel <img src=x onerror="window.__pwned='slide-titel'">" onmouseover="window.__pwned='slide-titel-attr'`,
    );
    const valg = manifest.activities.find((a) => a.id === 'valg')!;
    expect(valg.prompt).toBe(
      `<script>window.__pwned='spoergsmaal'</script>Hvem? <img src=x onerror="window.__pwned='spoergsmaal-img'"> " onmouseover="window.__pwned='spoergsmaal-attr'`,
    );
    expect(valg.options.map((o) => o.label)).toEqual([
      `<img src=x onerror="window.__pwned='svar-img'">`,
      `" onmouseover="window.__pwned='svar-attr'`,
      `</rs-option></rs-activity></section><script>window.__pwned='svar-luk'</script>`,
      `<a href="javascript:window.__pwned='svar-link'">link</a> &#x3C;script&#x3E;`,
    ]);
    expect(manifest.activities.find((a) => a.id === 'skala')).toMatchObject({
      minLabel: `<script>window.__pwned='fra'</script>`,
      maxLabel: `" onmouseover="window.__pwned='til'`,
    });
    const board = manifest.boards[0]!;
    expect(board.prompt).toBe(`<img src=x onerror="window.__pwned='opgave'"> Skriv " onmouseover="window.__pwned='opgave-attr'`);
    expect(board.zones.map((z) => z.label)).toEqual([
      `<script>window.__pwned='felt'</script>`,
      `" onmouseover="window.__pwned='felt-attr'`,
    ]);
    // The activity written as HTML on a slide is one, without its handler; the one in the notes is not.
    expect(manifest.activities.map((a) => a.id).sort()).toEqual(['indstilling', 'ord', 'raa-html', 'skala', 'valg']);
  });
});
