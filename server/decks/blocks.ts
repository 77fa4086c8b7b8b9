// The deck format's blocks: `::: valg` … `:::` and its kin, read line by line into the markup the kinds already
// understand (<rs-activity>, <rs-board>, …). Words are Danish first, English second (docs/deck-format.md).
import { ACTIVITY_KINDS, type ActivityKind } from '../../core/activity.js';
import { DeckSyntaxError } from './errors.js';

/** One line of a block, with its line number in the deck file. */
export interface BlockLine {
  text: string;
  line: number;
}

export type BlockName = ActivityKind | 'board' | 'top' | 'join';

/** The word after `:::` → what the block is. */
export const BLOCK_WORDS: Readonly<Record<string, BlockName>> = {
  // Every kind answers to its own name, so a new kind has a block before it has a Danish word.
  ...(Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, k])) as Record<ActivityKind, ActivityKind>),
  valg: 'single',
  enkeltvalg: 'single',
  single: 'single',
  poll: 'single',
  flervalg: 'multi',
  multi: 'multi',
  prioritering: 'ranking',
  rangering: 'ranking',
  ranking: 'ranking',
  point: 'points',
  pointfordeling: 'points',
  points: 'points',
  skala: 'scale',
  scale: 'scale',
  tekst: 'text',
  ord: 'text',
  text: 'text',
  indstilling: 'motion',
  motion: 'motion',
  tavle: 'board',
  board: 'board',
  topprioriteter: 'top',
  'top-prioriteter': 'top',
  top: 'top',
  deltag: 'join',
  join: 'join',
};

/** Setting words → the one setting they name. */
const KEY_WORDS: Readonly<Record<string, string>> = {
  id: 'id',
  navn: 'id',
  spørgsmål: 'prompt',
  opgave: 'prompt',
  question: 'prompt',
  prompt: 'prompt',
  højst: 'max',
  maks: 'max',
  max: 'max',
  point: 'points',
  points: 'points',
  fra: 'from',
  from: 'from',
  til: 'to',
  to: 'to',
  længde: 'length',
  tegn: 'length',
  length: 'length',
  prikker: 'dots',
  dots: 'dots',
  godkendelse: 'approval',
  approval: 'approval',
  'kun medlemmer': 'members',
  'members only': 'members',
  tavle: 'board',
  board: 'board',
};

/** Which settings each block takes (besides the list of options or zones); a kind not listed takes the common ones. */
const COMMON_SETTINGS = ['id', 'prompt', 'members'] as const;
const SETTINGS: Readonly<Partial<Record<BlockName, readonly string[]>>> = {
  single: ['id', 'prompt', 'members'],
  multi: ['id', 'prompt', 'members', 'max'],
  ranking: ['id', 'prompt', 'members'],
  points: ['id', 'prompt', 'members', 'points'],
  scale: ['id', 'prompt', 'members', 'from', 'to'],
  text: ['id', 'prompt', 'members', 'length'],
  motion: ['id', 'prompt', 'members'],
  board: ['id', 'prompt', 'dots', 'length', 'approval'],
  top: ['board'],
  join: [],
};

/** The Danish word a setting is written with, for messages. */
export const SETTING_WORD: Readonly<Record<string, string>> = {
  id: 'id',
  prompt: 'spørgsmål',
  max: 'højst',
  points: 'point',
  from: 'fra',
  to: 'til',
  length: 'længde',
  dots: 'prikker',
  approval: 'godkendelse',
  members: 'kun medlemmer',
  board: 'tavle',
};

/** What a block says, before the kinds check it. */
export interface Block {
  name: BlockName;
  word: string;
  line: number;
  id?: string;
  prompt: string;
  settings: Map<string, { value: string; line: number }>;
  items: { label: string; id?: string; line: number }[];
}

const ITEM = /^(?:[-*+]|\d{1,2}[.)])\s+(.*)$/;
const SETTING = /^([\p{L} ]{1,20}?)\s*:\s*(.*)$/u;
const ITEM_ID = /\s*\{#([^}\s]*)\}\s*$/;

/** Read a block's lines: settings (`højst: 2`), list items (options or zones) and the question in free text. */
export function readBlock(word: string, args: string, line: number, lines: readonly BlockLine[]): Block {
  const name = BLOCK_WORDS[word.toLowerCase()];
  if (!name) {
    throw new DeckSyntaxError(
      line,
      `kender ikke blokken "::: ${word}". Kendte blokke: ${Object.keys(BLOCK_WORDS)
        .filter((w) => /^[a-zæøå-]+$/.test(w))
        .slice(0, 16)
        .join(', ')} …`,
    );
  }
  const block: Block = { name, word, line, prompt: '', settings: new Map(), items: [] };
  const argument = args.trim();
  if (argument) block.id = argument;
  const prompt: string[] = [];
  for (const { text, line: at } of lines) {
    const t = text.trim();
    if (!t) continue;
    const item = ITEM.exec(t);
    if (item) {
      const raw = item[1]!.trim();
      const idMatch = ITEM_ID.exec(raw);
      block.items.push({ label: idMatch ? raw.slice(0, idMatch.index).trim() : raw, ...(idMatch ? { id: idMatch[1]! } : {}), line: at });
      continue;
    }
    const setting = SETTING.exec(t);
    const key = setting ? KEY_WORDS[setting[1]!.trim().toLowerCase()] : undefined;
    if (setting && key) {
      const allowed = SETTINGS[name] ?? COMMON_SETTINGS;
      if (!allowed.includes(key)) {
        const known = allowed.map((k) => SETTING_WORD[k]).join(', ');
        throw new DeckSyntaxError(at, `"${setting[1]!.trim()}:" passer ikke til "::: ${word}"${known ? ` (den kender: ${known})` : ''}.`);
      }
      if (block.settings.has(key)) throw new DeckSyntaxError(at, `"${setting[1]!.trim()}:" står to gange i samme blok.`);
      block.settings.set(key, { value: setting[2]!.trim(), line: at });
      continue;
    }
    // Past the first line of text, "højest: 2" is a setting misspelt, not more of the question: taken as text,
    // the limit it meant would be lost without a word. (The first line may hold a colon: it is the question.)
    const started = prompt.length > 0 || block.settings.size > 0 || block.items.length > 0;
    if (setting && started && /^\p{L}+(?: \p{L}+)?$/u.test(setting[1]!.trim()) && !setting[2]!.startsWith('//')) {
      const known = (SETTINGS[name] ?? COMMON_SETTINGS).map((k) => SETTING_WORD[k]).join(', ');
      throw new DeckSyntaxError(
        at,
        `kender ikke indstillingen "${setting[1]!.trim()}:" i "::: ${word}"${known ? ` (den kender: ${known})` : ''}. Hører linjen til spørgsmålet, så skriv hele spørgsmålet efter "spørgsmål:".`,
      );
    }
    prompt.push(t);
  }
  const explicit = block.settings.get('prompt');
  if (explicit && prompt.length > 0) {
    throw new DeckSyntaxError(
      lines.find((l) => l.text.trim() === prompt[0])?.line ?? line,
      `blokken har både "spørgsmål:" og fri tekst ("${prompt[0]}"); skriv spørgsmålet ét sted.`,
    );
  }
  block.prompt = explicit?.value ?? prompt.join(' ');
  const id = block.settings.get('id');
  if (id) {
    if (block.id) throw new DeckSyntaxError(id.line, `blokken har både et id efter "::: ${word}" og "id:"; skriv det ét sted.`);
    block.id = id.value;
  }
  return block;
}

/** Yes and no as people write them. */
export function yesNo(value: string, line: number, word: string): boolean {
  const v = value.trim().toLowerCase();
  if (['ja', 'yes', 'true', 'sand'].includes(v)) return true;
  if (['nej', 'no', 'false', 'falsk'].includes(v)) return false;
  throw new DeckSyntaxError(line, `"${word}:" skal være ja eller nej (fik "${value}").`);
}

/** A label as an id: lower case, Danish letters spelled out, dashes between words, at most `max` long. */
export function slug(text: string, max = 40): string {
  const spelled = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (spelled.length <= max) return spelled;
  const cut = spelled.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return (dash > 10 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}
