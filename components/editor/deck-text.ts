// The deck's Markdown (docs/deck-format.md) as the editor holds it: the deck's settings and one text per slide,
// each slide read into its settings, body and notes, and a slide with one activity block read into the fields its
// form edits. Pure and lossless: a slide nobody touched is written back exactly as it was read.
import { type Block, BLOCK_WORDS, type BlockName, readBlock } from '../../server/decks/blocks.js';

const SEPARATOR = /^---\s*$/;
const NOTES = /^(?:note|noter|notes)\s*:\s?(.*)$/i;

/** A deck split at its `---` lines: the settings block at the top (its lines), and each slide's text. */
export interface DeckText {
  front: string[] | null;
  slides: string[];
}

export function splitDeck(source: string): DeckText {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  let front: string[] | null = null;
  let from = 0;
  if (SEPARATOR.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, i) => i > 0 && SEPARATOR.test(l));
    if (end > 0) {
      front = lines.slice(1, end);
      from = end + 1;
    }
  }
  const slides: string[] = [];
  let current: string[] = [];
  for (let i = from; i < lines.length; i++) {
    if (SEPARATOR.test(lines[i]!)) {
      slides.push(current.join('\n'));
      current = [];
    } else current.push(lines[i]!);
  }
  slides.push(current.join('\n'));
  // The compiler skips empty slides (two `---` in a row); so does the editor, so its slide n is the projector's.
  return { front, slides: slides.filter((s) => s.trim() !== '') };
}

export function joinDeck(deck: DeckText): string {
  const body = deck.slides.join('\n---\n');
  return deck.front ? ['---', ...deck.front, '---', body].join('\n') : body;
}

/** The deck's `titel:` from its settings block. */
export function deckTitle(deck: DeckText): string {
  for (const line of deck.front ?? []) {
    const m = /^(?:titel|title)\s*:\s*(.*)$/i.exec(line.trim());
    if (m) return m[1]!.trim();
  }
  return '';
}

/** The deck with `titel:` set (a settings block is added when there is none); an empty title leaves the first heading to name the deck. */
export function withDeckTitle(deck: DeckText, title: string): DeckText {
  const words = title.replace(/\s+/g, ' ').trim();
  const front = [...(deck.front ?? ['sprog: da'])];
  const at = front.findIndex((l) => /^(?:titel|title)\s*:/i.test(l.trim()));
  if (!words) {
    if (at >= 0) front.splice(at, 1);
  } else if (at >= 0) front[at] = `titel: ${words}`;
  else front.unshift(`titel: ${words}`);
  return { ...deck, front };
}

// ---------- One slide ----------

export type SlideSettingKey = 'layout' | 'title' | 'background';

const SLIDE_KEYS: Readonly<Record<string, SlideSettingKey>> = {
  layout: 'layout',
  titel: 'title',
  title: 'title',
  baggrund: 'background',
  background: 'background',
};
const SETTING_WRITTEN: Readonly<Record<SlideSettingKey, string>> = { layout: 'layout', title: 'titel', background: 'baggrund' };

/** A slide's parts. `lead` holds the comments written above its settings, kept as they are. */
export interface SlideParts {
  lead: string[];
  settings: Partial<Record<SlideSettingKey, string>>;
  body: string;
  notes: string;
}

const skippable = (l: string) => l.trim() === '' || /^<!--.*-->$/.test(l.trim());

/** Reads a slide the way server/decks/compile.ts does: settings at the top, then the body, then the notes. */
export function readSlide(text: string): SlideParts {
  const lines = text.split('\n');
  const lead: string[] = [];
  const settings: SlideParts['settings'] = {};
  let body = 0;
  while (body < lines.length && skippable(lines[body]!)) {
    if (lines[body]!.trim()) lead.push(lines[body]!);
    body++;
  }
  for (; body < lines.length; body++) {
    const line = lines[body]!;
    if (skippable(line) && body + 1 < lines.length && /^\p{L}+\s*:/u.test(lines[body + 1]!.trim())) {
      if (line.trim()) lead.push(line);
      continue;
    }
    const m = /^([\p{L}]+)\s*:\s*(.*)$/u.exec(line.trim());
    const key = m ? SLIDE_KEYS[m[1]!.toLowerCase()] : undefined;
    if (!m || !key || settings[key] !== undefined) break;
    settings[key] = m[2]!.trim();
  }
  let notesAt = lines.findIndex((l, i) => i >= body && NOTES.test(l));
  if (notesAt < 0) notesAt = lines.length;
  const notes = notesAt < lines.length ? [NOTES.exec(lines[notesAt]!)![1]!, ...lines.slice(notesAt + 1)].join('\n').trim() : '';
  return { lead, settings, body: trimLines(lines.slice(body, notesAt)).join('\n'), notes };
}

function trimLines(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b);
}

/**
 * A line `---` inside a slide would end it: a rule typed in a slide's text or notes is written `***` (the same
 * rule in Markdown), so one text box stays one slide.
 */
function keepInSlide(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => (SEPARATOR.test(l) ? '***' : l))
    .join('\n');
}

/** A slide's text as the deck keeps it (what readSlide gives back after writeSlide). */
export const normaliseBody = (text: string): string => trimLines(keepInSlide(text).split('\n')).join('\n');
export const normaliseNotes = (text: string): string => keepInSlide(text).trim();

export function writeSlide(parts: SlideParts): string {
  const blocks: string[] = [];
  if (parts.lead.length) blocks.push(parts.lead.join('\n'));
  const settings = (Object.keys(SETTING_WRITTEN) as SlideSettingKey[])
    .filter((k) => parts.settings[k] !== undefined && parts.settings[k] !== '')
    .map((k) => `${SETTING_WRITTEN[k]}: ${parts.settings[k]!.replace(/\s+/g, ' ').trim()}`);
  if (settings.length) blocks.push(settings.join('\n'));
  const body = normaliseBody(parts.body);
  if (body) blocks.push(body);
  const notes = normaliseNotes(parts.notes);
  if (notes) blocks.push(notes.includes('\n') ? `Note:\n${notes}` : `Note: ${notes}`);
  // A line of its own for every slide, even an empty one being written, so `---` never joins a line.
  return `\n${blocks.join('\n\n') || ' '}\n`;
}

// ---------- A slide with one block: the fields of its form ----------

export type SettingKey = 'max' | 'points' | 'from' | 'to' | 'length' | 'dots' | 'approval' | 'members' | 'board';

/** The order and the Danish words settings are written with (docs/deck-format.md). */
const SETTING_WORDS: readonly [SettingKey, string][] = [
  ['max', 'højst'],
  ['points', 'point'],
  ['from', 'fra'],
  ['to', 'til'],
  ['length', 'længde'],
  ['dots', 'prikker'],
  ['approval', 'godkendelse'],
  ['members', 'kun medlemmer'],
  ['board', 'tavle'],
];

/** What a block's form edits. A setting left empty is not written, so the block takes its default. */
export interface BlockFields {
  name: BlockName;
  /** The word after `:::` as written (`valg`, `poll`): kept, so an English deck stays English. */
  word: string;
  id?: string;
  prompt: string;
  settings: Partial<Record<SettingKey, string>>;
  items: { label: string; id?: string }[];
}

/** A slide the forms edit: a short line above the heading, the heading, one block, nothing else. */
export interface BlockSlide {
  kicker: string;
  heading: string;
  /** `#`, `##` or `###`. */
  level: number;
  block: BlockFields;
}

const BLOCK_OPEN = /^ {0,3}:::\s*([\p{L}-]+)(.*)$/u;
const BLOCK_CLOSE = /^ {0,3}:::\s*$/;
const HEADING = /^(#{1,3})\s+(.*)$/;

/** The block's fields, or undefined when the slide holds more than the form can show (then it is edited as text). */
export function readBlockSlide(body: string): BlockSlide | undefined {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => {
    const m = BLOCK_OPEN.exec(l);
    return !!m && Object.hasOwn(BLOCK_WORDS, m[1]!.toLowerCase());
  });
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && BLOCK_CLOSE.test(l));
  if (end < 0 || lines.slice(end + 1).some((l) => l.trim() !== '')) return undefined;
  const inner = lines.slice(start + 1, end);
  if (inner.some((l) => /^ {0,3}:::/.test(l))) return undefined;
  const before = lines.slice(0, start).filter((l) => l.trim() !== '');
  const headingAt = before.findIndex((l) => HEADING.test(l));
  const heading = headingAt >= 0 ? HEADING.exec(before[headingAt]!)! : undefined;
  const rest = before.filter((_, i) => i !== headingAt);
  if (rest.length > 1 || (rest.length === 1 && (headingAt !== 1 || !isKicker(rest[0]!)))) return undefined;
  const open = BLOCK_OPEN.exec(lines[start]!)!;
  let block: Block;
  try {
    block = readBlock(
      open[1]!,
      open[2] ?? '',
      0,
      inner.map((text, i) => ({ text, line: i + 1 })),
    );
  } catch {
    // A block the compiler refuses is shown as text, with the compiler's message beside it.
    return undefined;
  }
  const settings: BlockFields['settings'] = {};
  for (const [key, word] of SETTING_WORDS) {
    const s = block.settings.get(key);
    if (s) settings[key] = word === 'godkendelse' || word === 'kun medlemmer' ? yes(s.value) : s.value;
  }
  return {
    kicker: rest[0]?.trim() ?? '',
    heading: heading?.[2]?.trim() ?? '',
    level: heading?.[1]?.length ?? 2,
    block: {
      name: block.name,
      word: block.word,
      ...(block.id ? { id: block.id } : {}),
      prompt: block.prompt,
      settings,
      items: block.items.map((i) => ({ label: i.label, ...(i.id ? { id: i.id } : {}) })),
    },
  };
}

function yes(value: string): string {
  return ['ja', 'yes', 'true', 'sand'].includes(value.trim().toLowerCase()) ? 'ja' : '';
}

function isKicker(line: string): boolean {
  const t = line.trim();
  return !/^(?:[-*+]\s|\d{1,2}[.)]\s|<|:::|\||>|!\[)/.test(t) && t.length <= 120;
}

/** A question's first line would be read as an option, a setting or a block: such a question is written `spørgsmål:`. */
function promptLine(prompt: string): string {
  const one = prompt.replace(/\s*\n\s*/g, ' ').trim();
  if (!one) return '';
  const risky =
    /^(?:[-*+]|\d{1,2}[.)])\s/.test(one) ||
    /^:::/.test(one) ||
    /^(?:id|navn|spørgsmål|opgave|question|prompt|højst|maks|max|point|points|fra|from|til|to|længde|tegn|length|prikker|dots|godkendelse|approval|kun medlemmer|members only|tavle|board)\s*:/i.test(
      one,
    );
  return risky ? `spørgsmål: ${one}` : one;
}

export function writeBlock(block: BlockFields): string {
  const lines = [`::: ${block.word}${block.id ? ` ${block.id}` : ''}`];
  const prompt = promptLine(block.prompt);
  if (prompt) lines.push(prompt);
  for (const [key, word] of SETTING_WORDS) {
    const value = block.settings[key]?.replace(/\s+/g, ' ').trim();
    if (value) lines.push(`${word}: ${value}`);
  }
  for (const item of block.items) {
    const label = item.label.replace(/\s+/g, ' ').trim();
    // An option still being typed (empty) is not written: the deck stays one that runs.
    if (label) lines.push(`- ${label}${item.id ? ` {#${item.id}}` : ''}`);
  }
  lines.push(':::');
  return lines.join('\n');
}

export function writeBlockSlide(slide: BlockSlide): string {
  const parts: string[] = [];
  if (slide.kicker.trim()) parts.push(slide.kicker.replace(/\s+/g, ' ').trim());
  if (slide.heading.trim()) parts.push(`${'#'.repeat(slide.level)} ${slide.heading.replace(/\s+/g, ' ').trim()}`);
  const head = parts.join('\n');
  return [head, writeBlock(slide.block)].filter(Boolean).join('\n\n');
}

/** The Danish word each block is written with when the editor adds one. */
export const BLOCK_WORD: Readonly<Record<BlockName, string>> = {
  single: 'valg',
  multi: 'flervalg',
  ranking: 'prioritering',
  points: 'point',
  scale: 'skala',
  text: 'tekst',
  motion: 'indstilling',
  board: 'tavle',
  top: 'topprioriteter',
  join: 'deltag',
};

/** A slide's copy as a new slide: its activity or board gets a new id (the compiler makes one), so the two differ. */
export function duplicateSlide(text: string): string {
  const parts = readSlide(text);
  const form = readBlockSlide(parts.body);
  if (!form?.block.id || form.block.name === 'top' || form.block.name === 'join') return text;
  const { id: _dropped, ...block } = form.block;
  return writeSlide({ ...parts, body: writeBlockSlide({ ...form, block }) });
}

/** The slide's title as lists show it: `titel:`, else its first heading, else its first words. */
export function slideLabel(text: string): string {
  const parts = readSlide(text);
  if (parts.settings.title) return parts.settings.title;
  const heading = parts.body.split('\n').find((l) => HEADING.test(l));
  const raw =
    heading?.replace(HEADING, '$2') ??
    parts.body
      .split('\n')
      .find((l) => l.trim() && !/^ {0,3}:::/.test(l))
      ?.trim() ??
    '';
  return raw
    .replace(/\s*\{[^}]*\}\s*$/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_`#]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
