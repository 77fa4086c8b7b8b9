// Export formats: each turns the person-free model into a file a municipality can use.
import type { DeckLibrary } from '../deck-library.js';
import { HttpError } from '../http/errors.js';
import type { Storage } from '../storage.js';
import type { ExportGate } from './gate.js';
import { buildExport, type RoomExport } from './model.js';
import { referatHtml, referatMarkdown } from './referat.js';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'md', 'html', 'docx', 'pdf', 'svg', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An export that cannot be made: its status and code as the API answers them (server/http/errors.ts). */
export class ExportError extends HttpError {
  override readonly name = 'ExportError';
}

export interface ExportFile {
  name: string;
  type: string;
  body: Buffer;
}

export interface ExportDeps {
  storage: Storage;
  /** Where the room's pinned deck version is found: the export names the activities and options the room had. */
  decks: Pick<DeckLibrary, 'pinned'>;
  place?: string;
  /** The server's cap on PDF and PNG exports; without one (the command line) a gate of its own with the defaults. */
  gate?: ExportGate;
  /** The data folder: a Word template stored there by the organiser (docs/export.md) shapes the docx referat. */
  dataDir?: string;
}

/** A file name from the title and date: "raadslag-frisaettelse-2026-11-23.xlsx". */
export function fileName(x: RoomExport, ext: string): string {
  const slug = x.room.title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `raadslag-${slug || 'rum'}-${x.room.createdAt.slice(0, 10)}.${ext}`;
}

type Renderer = (x: RoomExport, deps: ExportDeps) => Promise<ExportFile> | ExportFile;

const renderers: Partial<Record<ExportFormat, Renderer>> = {
  json: (x) => ({ name: fileName(x, 'json'), type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(x, null, 2)) }),
  md: (x, d) => ({
    name: fileName(x, 'md'),
    type: 'text/markdown; charset=utf-8',
    body: Buffer.from(referatMarkdown(x, { place: d.place })),
  }),
  html: (x, d) => ({ name: fileName(x, 'html'), type: 'text/html; charset=utf-8', body: Buffer.from(referatHtml(x, { place: d.place })) }),
  // Word: the library is loaded on the first Word export, for the server and the command line alike.
  docx: async (x, d) => (await import('./docx.js')).renderDocx(x, d),
};

/** Register a renderer (formats with heavier dependencies live in their own modules). */
export function registerRenderer(format: ExportFormat, render: Renderer): void {
  renderers[format] = render;
}

export async function exportRoom(roomId: string, format: string, deps: ExportDeps): Promise<ExportFile | undefined> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ExportError(400, 'invalid_request', `Ukendt format "${format}". Vælg ${EXPORT_FORMATS.join(', ')}.`);
  }
  const render = renderers[format as ExportFormat];
  if (!render) throw new ExportError(501, 'internal', `Formatet "${format}" er ikke med i denne udgave af Rådslag endnu.`);
  const record = await deps.storage.getRoom(roomId);
  if (!record) return undefined;
  // The version the room pinned, not the deck's latest: a deck edited after the meeting does not change its referat.
  const pinned = await deps.decks.pinned(record);
  const model = await buildExport(roomId, deps.storage, new Map(pinned ? [[record.deck, pinned.deck]] : []));
  if (!model) return undefined;
  return render(model, deps);
}
