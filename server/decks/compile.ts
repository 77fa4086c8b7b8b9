// A deck's Markdown (docs/deck-format.md) → the slides' HTML the projector shows, sanitised, and the manifest the
// server trusts. Pure: the same source always gives the same deck, so a room can pin a version and compile it again.
import MarkdownIt, { type StateBlock, type Token } from 'markdown-it';
import markdownItAttrs from 'markdown-it-attrs';
import markdownItContainer from 'markdown-it-container';
import { parse } from 'node-html-parser';
import { ID_PATTERN } from '../../core/activity.js';
import { DeckError, extractManifest, type LoadedDeck } from '../deck-manifest.js';
import { BLOCK_WORDS, type Block, type BlockLine, readBlock, slug, yesNo } from './blocks.js';
import { DeckSyntaxError } from './errors.js';
import { escapeAttr, escapeText, LAYOUT_CLASSES, sanitiseNotes, sanitiseSlide, variantClasses } from './sanitise.js';

export interface CompileOptions {
  /** Images uploaded with the deck: the file name the Markdown uses → the URL it is served from. */
  images?: ReadonlyMap<string, string>;
}

/** The slide layouts a slide may ask for with `layout:`; each is a class in pages/deck.css. */
const LAYOUTS: Readonly<Record<string, { classes: string; background?: string }>> = {
  titel: { classes: 'center-text title-slide' },
  title: { classes: 'center-text title-slide' },
  afsnit: { classes: 'divider', background: '#0b5cad' },
  section: { classes: 'divider', background: '#0b5cad' },
  udsagn: { classes: 'statement' },
  statement: { classes: 'statement' },
  // A page image (an imported PDF or PowerPoint page) filling the screen; black where a 4:3 page leaves room.
  billede: { classes: 'image-slide', background: '#000000' },
  image: { classes: 'image-slide', background: '#000000' },
  normal: { classes: '' },
};

const SLIDE_KEYS: Readonly<Record<string, 'layout' | 'title' | 'background'>> = {
  layout: 'layout',
  titel: 'title',
  title: 'title',
  baggrund: 'background',
  background: 'background',
};

const DECK_KEYS: Readonly<Record<string, 'title' | 'lang'>> = {
  titel: 'title',
  title: 'title',
  sprog: 'lang',
  lang: 'lang',
  language: 'lang',
};

const SEPARATOR = /^---\s*$/;
const NOTES = /^(?:note|noter|notes)\s*:\s?(.*)$/i;
const HEX_COLOUR = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;
const MAX_SLIDES = 200;
/** Activities and boards in one deck: a room loads every one of them, so a deck cannot make a room heavy. */
const MAX_BLOCKS = 100;

interface Slide {
  /** 0-based line in the file where the slide's text starts. */
  start: number;
  lines: string[];
}

function markdown(): ReturnType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // `{.class}` after a paragraph, list item, heading or table; the sanitiser keeps only deck.css's classes.
  md.use(markdownItAttrs, { allowedAttributes: ['class'] });
  // `::: kolonner`, `::: kort ny`, `::: blok facts`: a <div> with the layout's classes around Markdown.
  md.use(markdownItContainer, 'layout', {
    validate: (params: string) => Object.hasOwn(LAYOUT_CLASSES, params.trim().split(/\s+/)[0]!.toLowerCase()),
    render: (tokens: Token[], idx: number) => {
      const token = tokens[idx]!;
      if (token.nesting !== 1) return '</div>\n';
      const [word = '', ...variants] = token.info.trim().split(/\s+/);
      const classes = [LAYOUT_CLASSES[word.toLowerCase()], ...variantClasses(variants, token.map?.[0] ?? 0)].filter(Boolean);
      return `<div class="${escapeAttr(classes.join(' '))}">\n`;
    },
  });
  md.block.ruler.before('fence', 'rs_block', blockRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.rs_block = (tokens, idx) => (tokens[idx]!.meta as { html: string }).html;
  return md;
}

/** `::: valg` … `:::`: an activity, board, top priorities or join block, read whole (see blocks.ts). */
function blockRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
  const open = /^:::\s*([\p{L}-]+)(.*)$/u.exec(first);
  if (!open) return false;
  const word = open[1]!.toLowerCase();
  if (Object.hasOwn(LAYOUT_CLASSES, word)) return false;
  if (silent) return Object.hasOwn(BLOCK_WORDS, word);
  const lines: BlockLine[] = [];
  let next = startLine + 1;
  for (; next < endLine; next++) {
    const text = state.src.slice(state.bMarks[next]! + state.tShift[next]!, state.eMarks[next]);
    if (/^:::\s*$/.test(text)) break;
    if (/^:::/.test(text)) throw new DeckSyntaxError(next, `en blok kan ikke stå inde i "::: ${open[1]}". Luk den først med ":::".`);
    lines.push({ text, line: next });
  }
  if (next >= endLine)
    throw new DeckSyntaxError(startLine, `blokken "::: ${open[1]}" er ikke lukket: skriv ":::" på en linje for sig efter den.`);
  const token = state.push('rs_block', '', 0);
  token.map = [startLine, next + 1];
  token.meta = { block: readBlock(open[1]!, open[2] ?? '', startLine, lines), html: '' };
  state.line = next + 1;
  return true;
}

const md = markdown();

/** Compile a deck. Throws DeckError naming the slide and the line (1-based, in the whole file) of a mistake. */
export function compileDeck(deckId: string, source: string, options: CompileOptions = {}): LoadedDeck {
  const all = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const fail = (line: number, message: string, slide = 'decket'): never => {
    throw new DeckError(deckId, slide, message, line + 1);
  };

  // The deck's own settings: a block between two `---` lines at the very top.
  const settings = { title: '', lang: 'da' };
  let from = 0;
  if (SEPARATOR.test(all[0] ?? '')) {
    const end = all.findIndex((l, i) => i > 0 && SEPARATOR.test(l));
    if (end < 0) fail(0, 'indstillingerne øverst (titel:, sprog:) skal sluttes med en linje med "---".');
    for (let i = 1; i < end; i++) {
      const line = all[i]!.trim();
      if (!line || line.startsWith('#')) continue;
      const m = /^([\p{L}]+)\s*:\s*(.*)$/u.exec(line);
      const key = m ? DECK_KEYS[m[1]!.toLowerCase()] : undefined;
      if (!m || !key) fail(i, `kender ikke indstillingen "${line}" øverst i decket (kendte: titel, sprog).`);
      settings[key!] = m![2]!.trim();
    }
    if (settings.lang && !/^[a-z]{2}(?:-[A-Z]{2})?$/.test(settings.lang))
      fail(0, `sprog: skal være en sprogkode som "da" eller "en" (fik "${settings.lang}").`);
    from = end + 1;
  }

  const slides: Slide[] = [];
  let current: Slide = { start: from, lines: [] };
  for (let i = from; i < all.length; i++) {
    if (SEPARATOR.test(all[i]!)) {
      slides.push(current);
      current = { start: i + 1, lines: [] };
    } else current.lines.push(all[i]!);
  }
  slides.push(current);
  const written = slides.filter((s) => s.lines.some((l) => l.trim() !== ''));
  if (written.length === 0)
    fail(from, 'har ingen slides. Skriv en overskrift som "# Min workshop", og skil slides ad med en linje med "---".');
  if (written.length > MAX_SLIDES) fail(written[MAX_SLIDES]!.start, `har ${written.length} slides; højst ${MAX_SLIDES}.`);

  const used = new Set<string>();
  let lastBoard: string | undefined;
  const sections = written.map((slide, index) => {
    const where = (title: string) => `slide ${index + 1} ("${title}")`;
    try {
      const section = renderSlide(slide, index, options, used, lastBoard);
      lastBoard = section.lastBoard;
      return section.html;
    } catch (err) {
      if (err instanceof DeckSyntaxError) fail(slide.start + err.line, err.message, where(slideLabel(slide, index)));
      throw err;
    }
  });

  const title = settings.title || firstHeading(written[0]!) || deckId;
  const html = `<div class="slides" data-title="${escapeAttr(title)}" lang="${escapeAttr(settings.lang)}">\n${sections.join('\n')}\n</div>\n`;
  // The same checks every deck gets (ids, kinds, options, limits): the kinds read the markup the blocks became.
  const manifest = extractManifest(deckId, html);
  // Top priorities name a board of this deck: of any other id they would be an empty slide in the meeting.
  const boards = new Set(manifest.boards.map((b) => b.id));
  for (const [index, section] of parse(html).querySelectorAll('.slides > section').entries()) {
    for (const el of section.querySelectorAll('rs-top-priorities')) {
      const board = el.getAttribute('board') ?? '';
      if (boards.has(board)) continue;
      const line = Number(el.getAttribute('data-line') ?? section.getAttribute('data-line') ?? 1);
      const known = boards.size ? ` (tavler: ${[...boards].join(', ')})` : '';
      fail(
        line - 1,
        `top prioriteter viser tavlen "${board}", men decket har ingen tavle med det id${known}.`,
        `slide ${index + 1} ("${manifest.slides[index]!.title}")`,
      );
    }
  }
  return { manifest, html };
}

/** A slide's name for a message before it has been read: its title setting, its first heading, or its number. */
function slideLabel(slide: Slide, index: number): string {
  const setting = slide.lines.find((l) => /^(?:titel|title)\s*:/i.test(l.trim()));
  return setting?.replace(/^[^:]*:\s*/, '').trim() || firstHeading(slide) || `Slide ${index + 1}`;
}

function firstHeading(slide: Slide): string | undefined {
  const heading = slide.lines.find((l) => /^#{1,3}\s+\S/.test(l));
  return heading
    ?.replace(/^#{1,3}\s+/, '')
    .replace(/\s*\{[^}]*\}\s*$/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_`]/g, '')
    .trim();
}

function renderSlide(
  slide: Slide,
  index: number,
  options: CompileOptions,
  used: Set<string>,
  lastBoardBefore: string | undefined,
): { html: string; lastBoard: string | undefined } {
  const lines = slide.lines;
  // Settings at the top of the slide (`layout: titel`), until the first line that is not one.
  const settings: { layout?: string; title?: string; background?: string } = {};
  let body = 0;
  const skippable = (l: string) => l.trim() === '' || /^<!--.*-->$/.test(l.trim());
  while (body < lines.length && skippable(lines[body]!)) body++;
  for (; body < lines.length; body++) {
    if (skippable(lines[body]!) && body + 1 < lines.length && /^\p{L}+\s*:/u.test(lines[body + 1]!.trim())) continue;
    const m = /^([\p{L}]+)\s*:\s*(.*)$/u.exec(lines[body]!.trim());
    const key = m ? SLIDE_KEYS[m[1]!.toLowerCase()] : undefined;
    if (!m || !key) break;
    if (settings[key] !== undefined) throw new DeckSyntaxError(body, `"${m[1]}:" står to gange i samme slide.`);
    settings[key] = m[2]!.trim();
  }
  const layout = settings.layout === undefined ? LAYOUTS.normal! : LAYOUTS[settings.layout.toLowerCase()];
  if (!layout) {
    throw new DeckSyntaxError(
      lines.findIndex((l) => /^layout\s*:/i.test(l.trim())),
      `kender ikke layout "${settings.layout}" (kendte: titel, afsnit, udsagn, billede, normal).`,
    );
  }
  const background = settings.background ?? layout.background;
  if (background !== undefined && !HEX_COLOUR.test(background)) {
    throw new DeckSyntaxError(
      lines.findIndex((l) => /^(?:baggrund|background)\s*:/i.test(l.trim())),
      `baggrund: skal være en farve som #0b5cad (fik "${background}").`,
    );
  }

  // Speaker notes: everything after a line that starts with "Note:".
  let notesAt = lines.findIndex((l, i) => i >= body && NOTES.test(l));
  if (notesAt < 0) notesAt = lines.length;
  const content = lines.slice(body, notesAt);
  const notes = notesAt < lines.length ? [NOTES.exec(lines[notesAt]!)![1]!, ...lines.slice(notesAt + 1)].join('\n').trim() : '';

  // Parse with blank lines in place of the settings, so markdown-it's line numbers are the slide's.
  const text = [...Array<string>(body).fill(''), ...content].join('\n');
  const env = {};
  const tokens = md.parse(text, env);
  const title = settings.title || headingText(tokens) || `Slide ${index + 1}`;

  let lastBoard = lastBoardBefore;
  let kind: 'activity' | 'board-slide' | undefined;
  let interactive: Block | undefined;
  for (const token of tokens) {
    if (token.type !== 'rs_block') continue;
    const meta = token.meta as { block: Block; html: string };
    // The console, the projector and the phones follow one activity or board per slide: a second would never
    // reach the phones, so it is refused rather than silently left out.
    if (meta.block.name !== 'join' && meta.block.name !== 'top') {
      if (interactive) {
        throw new DeckSyntaxError(
          meta.block.line,
          `en slide kan have én aktivitet eller tavle, og "::: ${interactive.word}" står allerede her. Læg "::: ${meta.block.word}" på sin egen slide (skil dem ad med "---").`,
        );
      }
      interactive = meta.block;
    }
    const made = blockHtml(meta.block, title, used, lastBoard, slide.start);
    meta.html = made.html;
    if (made.board) lastBoard = made.board;
    if (meta.block.name === 'board' || meta.block.name === 'top') kind = 'board-slide';
    else if (meta.block.name !== 'join') kind ??= 'activity';
  }
  // Images are inside a paragraph's (a list item's, a table cell's) inline token; a cell's line is its row's.
  let at = 0;
  for (const token of tokens) {
    if (token.map) at = token.map[0];
    for (const child of token.children ?? []) if (child.type === 'image') resolveImage(child, at, options);
  }
  shapeSlide(tokens, layout.classes);

  const inner = sanitiseSlide(md.renderer.render(tokens, md.options, env));
  const notesHtml = notes ? `\n<aside class="notes">${sanitiseNotes(md.render(notes))}</aside>` : '';
  const classes = [layout.classes, kind].filter(Boolean).join(' ');
  const attrs = [
    classes ? `class="${classes}"` : '',
    background ? `data-background-color="${background.toLowerCase()}"` : '',
    `data-title="${escapeAttr(title)}"`,
    `data-line="${slide.start + 1}"`,
  ]
    .filter(Boolean)
    .join(' ');
  return { html: `<section ${attrs}>\n${inner}${notesHtml}\n</section>`, lastBoard };
}

function headingText(tokens: Token[]): string | undefined {
  const at = tokens.findIndex((t) => t.type === 'heading_open');
  const inline = at >= 0 ? tokens[at + 1] : undefined;
  if (!inline?.children) return undefined;
  return (
    inline.children
      .filter((c) => c.type === 'text' || c.type === 'code_inline')
      .map((c) => c.content)
      .join('')
      .replace(/\s+/g, ' ')
      .trim() || undefined
  );
}

/**
 * The slide's parts take their places: a short line above the first heading is its kicker; on a title slide the
 * line below it is the subtitle, with the accent rule after.
 */
function shapeSlide(tokens: Token[], layoutClasses: string): void {
  const heading = tokens.findIndex((t) => t.type === 'heading_open' && t.level === 0);
  if (heading < 0) return;
  for (let i = 0; i < heading; i++) {
    const t = tokens[i]!;
    if (t.type === 'paragraph_open' && t.level === 0 && !t.attrGet('class')) t.attrJoin('class', 'kicker');
  }
  if (!layoutClasses.includes('title-slide')) return;
  const close = tokens.findIndex((t, i) => i > heading && t.type === 'heading_close');
  const after = tokens[close + 1];
  let end = close;
  if (after?.type === 'paragraph_open' && after.level === 0) {
    if (!after.attrGet('class')) after.attrJoin('class', 'subtitle');
    end = tokens.findIndex((t, i) => i > close && t.type === 'paragraph_close');
  }
  const rule = new (tokens[0]!.constructor as typeof Token)('html_block', '', 0);
  rule.content = '<div class="rule" aria-hidden="true"></div>\n';
  tokens.splice(end + 1, 0, rule);
}

/** An image names a file uploaded with the deck; anything else (another site, a data: URL) is refused. */
function resolveImage(token: Token, line: number, options: CompileOptions): void {
  const src = String(token.attrGet('src') ?? '');
  let name = src.replace(/^\.\//, '');
  try {
    name = decodeURIComponent(name);
  } catch {
    // A stray % is part of the name as written.
  }
  const url = options.images?.get(name);
  if (!url) {
    const names = [...(options.images?.keys() ?? [])];
    throw new DeckSyntaxError(
      line,
      `billedet "${src}" er ikke lagt op med decket${names.length ? ` (billeder: ${names.slice(0, 8).join(', ')})` : ''}. Læg billedet op, og skriv dets filnavn.`,
    );
  }
  const alt = (token.children ?? [])
    .map((c) => c.content)
    .join('')
    .trim();
  if (!alt) throw new DeckSyntaxError(line, `billedet "${src}" mangler en alternativ tekst: skriv ![det billedet viser](${src}).`);
  token.attrSet('src', url);
}

/** A block's markup: what the kinds read (their `parse`) and the projector's components draw. */
function blockHtml(
  block: Block,
  slideTitle: string,
  used: Set<string>,
  lastBoard: string | undefined,
  slideStart: number,
): { html: string; board?: string } {
  const at = `data-line="${slideStart + block.line + 1}"`;
  if (block.name === 'join') {
    if (block.prompt || block.items.length)
      throw new DeckSyntaxError(block.items[0]?.line ?? block.line, '"::: deltag" tager ingen tekst: den viser koden og QR-koden.');
    return { html: '<rs-join-info></rs-join-info>\n' };
  }
  if (block.name === 'top') {
    const board = block.settings.get('board')?.value ?? lastBoard;
    if (!board)
      throw new DeckSyntaxError(block.line, '"::: topprioriteter" skal stå efter en "::: tavle" eller sige hvilken med "tavle: <id>".');
    if (block.prompt || block.items.length)
      throw new DeckSyntaxError(block.items[0]?.line ?? block.line, '"::: topprioriteter" tager kun "tavle: <id>".');
    return { html: `<rs-top-priorities board="${escapeAttr(board)}" ${at}></rs-top-priorities>\n` };
  }

  if (!block.prompt) {
    const what = block.name === 'board' ? 'en opgave' : 'et spørgsmål';
    throw new DeckSyntaxError(block.line, `"::: ${block.word}" mangler ${what}: skriv det på linjen under "::: ${block.word}".`);
  }
  if (used.size >= MAX_BLOCKS)
    throw new DeckSyntaxError(block.line, `decket har flere end ${MAX_BLOCKS} aktiviteter og tavler; del det i to.`);
  const id =
    block.id ?? unique(slug(block.name === 'board' ? slideTitle : block.prompt) || (block.name === 'board' ? 'tavle' : block.name), used);
  if (!ID_PATTERN.test(id)) {
    throw new DeckSyntaxError(
      block.settings.get('id')?.line ?? block.line,
      `id "${id}" må kun have små bogstaver (a–z), tal og bindestreg.`,
    );
  }
  used.add(id);

  const attrs: string[] = [at, `prompt="${escapeAttr(block.prompt)}"`];
  const setting = (key: string) => block.settings.get(key);
  const number = (key: string, attr: string) => {
    const s = setting(key);
    if (s) attrs.push(`${attr}="${escapeAttr(s.value)}"`);
  };
  const flag = (key: string, attr: string, word: string) => {
    const s = setting(key);
    if (s && yesNo(s.value, s.line, word)) attrs.push(attr);
  };
  const items = optionItems(block);

  if (block.name === 'board') {
    if (block.items.length === 0)
      throw new DeckSyntaxError(
        block.line,
        `tavlen "${id}" skal have mindst ét felt: skriv fx "- Problemer" og "- Muligheder" som punkter.`,
      );
    number('dots', 'dots');
    number('length', 'max-length');
    flag('approval', 'approval', 'godkendelse');
    const zones = items.map((o) => `<rs-zone value="${escapeAttr(o.id)}">${escapeText(o.label)}</rs-zone>`).join('');
    return { html: `<rs-board board="${escapeAttr(id)}" ${attrs.join(' ')}>${zones}</rs-board>\n`, board: id };
  }

  number('max', 'max');
  number('points', 'points');
  number('length', 'max-length');
  flag('members', 'members-only', 'kun medlemmer');
  for (const [key, bound] of [
    ['from', 'min'],
    ['to', 'max'],
  ] as const) {
    const s = setting(key);
    if (!s) continue;
    const m = /^(-?\d+)\s*(.*)$/.exec(s.value);
    if (!m)
      throw new DeckSyntaxError(
        s.line,
        `"${key === 'from' ? 'fra' : 'til'}:" skal begynde med et tal, fx "${key === 'from' ? 'fra: 1 Slet ikke' : 'til: 5 Helt'}" (fik "${s.value}").`,
      );
    attrs.push(`${bound}="${m[1]}"`);
    if (m[2]) attrs.push(`${bound}-label="${escapeAttr(m[2])}"`);
  }
  const optionsHtml = items.map((o) => `<rs-option value="${escapeAttr(o.id)}">${escapeText(o.label)}</rs-option>`).join('');
  return { html: `<rs-activity activity="${escapeAttr(id)}" kind="${block.name}" ${attrs.join(' ')}>${optionsHtml}</rs-activity>\n` };
}

/** The block's list items as options (or zones): an id written as `{#id}`, or one made from the label. */
function optionItems(block: Block): { id: string; label: string }[] {
  const ids = new Set<string>();
  const labels = new Set<string>();
  return block.items.map((item) => {
    if (!item.label) throw new DeckSyntaxError(item.line, 'et punkt i blokken har ingen tekst.');
    // The same words twice would be two options nobody can tell apart (the second one's id made unique).
    const words = item.label.toLowerCase().replace(/\s+/g, ' ');
    if (labels.has(words)) throw new DeckSyntaxError(item.line, `"${item.label}" står to gange i blokken.`);
    labels.add(words);
    const id = item.id ?? unique(slug(item.label) || 'svar', ids);
    if (item.id !== undefined && !ID_PATTERN.test(item.id)) {
      throw new DeckSyntaxError(item.line, `id "{#${item.id}}" må kun have små bogstaver (a–z), tal og bindestreg.`);
    }
    if (ids.has(id)) throw new DeckSyntaxError(item.line, `"${item.label}" står to gange i blokken (samme id "${id}").`);
    ids.add(id);
    return { id, label: item.label };
  });
}

function unique(base: string, used: ReadonlySet<string>): string {
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
