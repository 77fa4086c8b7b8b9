// What the editor can add and how it names a slide: text slides by layout, every activity kind, the whiteboard,
// top priorities and the join slide, each with a first text that runs at once (the facilitator replaces it).
import { msg } from '@lit/localize';
import { ACTIVITY_KINDS, type ActivityKind } from '../../core/activity.js';
import { BLOCK_WORDS, type BlockName } from '../../server/decks/blocks.js';
import { BLOCK_WORD, type BlockFields, readBlockSlide, readSlide, writeBlockSlide, writeSlide } from './deck-text.js';

export type TextLayout = 'normal' | 'titel' | 'afsnit' | 'udsagn' | 'billede';

/** What a slide is, for its label in the list and the form it gets. */
export type SlideKind = { type: 'text'; layout: TextLayout } | { type: 'block'; name: BlockName } | { type: 'mixed' };

export function slideKind(text: string): SlideKind {
  const parts = readSlide(text);
  const form = readBlockSlide(parts.body);
  if (form) return { type: 'block', name: form.block.name };
  if (hasActivityBlock(parts.body)) return { type: 'mixed' };
  return { type: 'text', layout: layoutOf(parts.settings.layout) };
}

/** Whether the text holds an activity, board, top priorities or join block (a layout block like `::: kort` is text). */
function hasActivityBlock(body: string): boolean {
  return body.split('\n').some((l) => {
    const m = /^ {0,3}:::\s*([\p{L}-]+)/u.exec(l);
    return !!m && Object.hasOwn(BLOCK_WORDS, m[1]!.toLowerCase());
  });
}

export function layoutOf(value: string | undefined): TextLayout {
  const v = (value ?? '').toLowerCase();
  if (v === 'titel' || v === 'title') return 'titel';
  if (v === 'afsnit' || v === 'section') return 'afsnit';
  if (v === 'udsagn' || v === 'statement') return 'udsagn';
  if (v === 'billede' || v === 'image') return 'billede';
  return 'normal';
}

export const LAYOUTS: readonly TextLayout[] = ['normal', 'titel', 'afsnit', 'udsagn', 'billede'];

export function layoutName(layout: TextLayout): string {
  return {
    normal: () => msg('Tekst'),
    titel: () => msg('Titel'),
    afsnit: () => msg('Afsnit (skillevæg)'),
    udsagn: () => msg('Udsagn (én stor sætning)'),
    billede: () => msg('Billede på hele skærmen'),
  }[layout]();
}

/** The editor's name for each kind; a kind added later without a name here is listed by its own id. */
const KIND_NAMES: Partial<Record<BlockName, () => string>> = {
  single: () => msg('Enkeltvalg'),
  multi: () => msg('Flervalg'),
  ranking: () => msg('Prioritering'),
  points: () => msg('Pointfordeling'),
  scale: () => msg('Skala'),
  text: () => msg('Fritekst (ordsky)'),
  motion: () => msg('Indstilling (for/imod)'),
  board: () => msg('Tavle'),
  top: () => msg('Top prioriteter'),
  join: () => msg('Deltag (kode og QR)'),
};

export function blockName(name: BlockName): string {
  return KIND_NAMES[name]?.() ?? name;
}

export function kindLabel(kind: SlideKind): string {
  if (kind.type === 'block') return blockName(kind.name);
  if (kind.type === 'mixed') return msg('Tekst og aktivitet');
  return layoutName(kind.layout);
}

/** One thing the "Tilføj slide" menu adds. */
export interface NewSlide {
  key: string;
  label: () => string;
  group: 'text' | 'activity' | 'room';
  make: () => string;
}

function blockSlide(heading: string, block: Omit<BlockFields, 'word'>, kicker = ''): string {
  return writeSlide({
    lead: [],
    settings: {},
    body: writeBlockSlide({ kicker, heading, level: 2, block: { ...block, word: BLOCK_WORD[block.name] } }),
    notes: '',
  });
}

const items = (...labels: string[]) => labels.map((label) => ({ label }));

/** A first text for each kind: a real question, so the deck runs before the facilitator has changed a word. */
const FIRST: Partial<Record<BlockName, () => string>> = {
  single: () =>
    blockSlide(msg('Hvad mener I?'), {
      name: 'single',
      prompt: msg('Hvor enige er I i forslaget?'),
      settings: {},
      items: items(msg('Enig'), msg('Delvist enig'), msg('Uenig')),
    }),
  multi: () =>
    blockSlide(msg('Vælg flere'), {
      name: 'multi',
      prompt: msg('Hvilke emner skal vi tale mere om? Vælg højst to.'),
      settings: { max: '2' },
      items: items(msg('Økonomi'), msg('Trivsel'), msg('Klima'), msg('Digitalisering')),
    }),
  ranking: () =>
    blockSlide(msg('Prioritér'), {
      name: 'ranking',
      prompt: msg('Sæt indsatserne i den rækkefølge, I vil prioritere dem.'),
      settings: {},
      items: items(msg('Indsats A'), msg('Indsats B'), msg('Indsats C')),
    }),
  points: () =>
    blockSlide(msg('Fordel point'), {
      name: 'points',
      prompt: msg('Hvor meget skal hvert område fylde?'),
      settings: { points: '10' },
      items: items(msg('Område A'), msg('Område B'), msg('Område C')),
    }),
  scale: () =>
    blockSlide(msg('Hvor enige er I?'), {
      name: 'scale',
      prompt: msg('Hvor enig er du i forslaget?'),
      settings: { from: msg('1 Helt uenig'), to: msg('5 Helt enig') },
      items: [],
    }),
  text: () =>
    blockSlide(msg('Med ét ord'), {
      name: 'text',
      prompt: msg('Hvad tænker du, når du hører forslaget? Skriv ét ord eller en kort sætning.'),
      settings: { length: '80' },
      items: [],
    }),
  motion: () =>
    blockSlide(msg('Indstilling'), {
      name: 'motion',
      prompt: msg('Udvalget anbefaler, at forslaget vedtages.'),
      settings: {},
      items: [],
    }),
};

/** A new text slide; a page image comes from an import (pdf-import.ts), not from the menu. */
function textSlide(layout: Exclude<TextLayout, 'billede'>): string {
  const body = {
    normal: () => `## ${msg('Overskrift')}\n\n- ${msg('Første punkt')}\n- ${msg('Andet punkt')}`,
    titel: () => `# ${msg('Titel')}\n${msg('Undertitel')}`,
    afsnit: () => `## ${msg('Ny del')}`,
    udsagn: () => `## ${msg('Én stor sætning')}`,
  }[layout]();
  return writeSlide({ lead: [], settings: layout === 'normal' ? {} : { layout }, body, notes: '' });
}

export const NEW_SLIDES: readonly NewSlide[] = [
  { key: 'text-slide', label: () => msg('Tekst'), group: 'text', make: () => textSlide('normal') },
  { key: 'title', label: () => msg('Titel'), group: 'text', make: () => textSlide('titel') },
  { key: 'section', label: () => msg('Afsnit (skillevæg)'), group: 'text', make: () => textSlide('afsnit') },
  { key: 'statement', label: () => msg('Udsagn (én stor sætning)'), group: 'text', make: () => textSlide('udsagn') },
  ...ACTIVITY_KINDS.map(
    (kind: ActivityKind): NewSlide => ({
      key: kind,
      label: () => blockName(kind),
      group: 'activity',
      make:
        FIRST[kind] ??
        (() => blockSlide(blockName(kind), { name: kind, prompt: msg('Skriv spørgsmålet her'), settings: {}, items: items('A', 'B') })),
    }),
  ),
  {
    key: 'board',
    label: () => msg('Tavle'),
    group: 'activity',
    make: () =>
      blockSlide(msg('Tavlen'), {
        name: 'board',
        prompt: msg('Hvilke idéer har I?'),
        settings: { dots: '5' },
        items: items(msg('Idéer')),
      }),
  },
  {
    key: 'top',
    label: () => msg('Top prioriteter'),
    group: 'activity',
    make: () => blockSlide(msg('Top prioriteter'), { name: 'top', prompt: '', settings: {}, items: [] }),
  },
  {
    key: 'join',
    label: () => msg('Deltag (kode og QR)'),
    group: 'room',
    make: () => blockSlide(msg('Deltag fra din telefon'), { name: 'join', prompt: '', settings: {}, items: [] }),
  },
];
