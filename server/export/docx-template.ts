// The municipality's own Word template for the referat: uploaded once per server by the organiser (ADMIN_TOKEN),
// checked and stored in the data folder, and filled with docxtemplater's plain placeholders ({titel}, {#punkter}…):
// its parser only looks names up in the data, so nothing in a template can run.
import Docxtemplater from 'docxtemplater';
import { unzipSync, zipSync } from 'fflate';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import PizZip from 'pizzip';
import type { Config } from '../config.js';
import { bearer, sameSecret } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { sendJson } from '../respond.js';
import { ExportError } from './index.js';
import type { ActivityExport, BoardExport, RoomExport } from './model.js';
import { noAnswers, resultTable } from './table.js';
import { type DocxOptions, wordText } from './docx.js';

/** What a template may be: the upload's size, and what its zip may hold once unpacked. */
export const TEMPLATE_LIMITS = { bytes: 2 * 1024 * 1024, entries: 300, unzippedBytes: 20 * 1024 * 1024 } as const;
import { dateFormat, decimal, percent } from './danish.js';

export const TEMPLATE_FILE = 'referat-skabelon.docx';

const bad = (message: string) => new ExportError(400, 'invalid_request', message);

/**
 * A hostile zip cannot grow past the limits: entries and their declared sizes are checked before anything is
 * unpacked, each entry is unpacked into a buffer of its declared size (a lying entry is cut off there), and
 * the template is packed again, so what is stored is a zip whose sizes are true.
 */
function repack(body: Uint8Array): Uint8Array {
  let entries = 0;
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(body, {
      filter: (f) => {
        entries++;
        declared += f.originalSize;
        if (entries > TEMPLATE_LIMITS.entries) throw bad(`Skabelonen har mere end ${TEMPLATE_LIMITS.entries} dele.`);
        if (declared > TEMPLATE_LIMITS.unzippedBytes)
          throw bad(`Skabelonen fylder mere end ${TEMPLATE_LIMITS.unzippedBytes / 1024 / 1024} MB udpakket.`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ExportError) throw err;
    throw bad('Filen er ikke et Word-dokument (.docx): den kan ikke pakkes ud.');
  }
  if (!files['word/document.xml'] || !files['[Content_Types].xml'])
    throw bad('Filen er ikke et Word-dokument (.docx): word/document.xml mangler.');
  return zipSync(files, { level: 6 });
}

/** docxtemplater's errors in Danish-framed words: which placeholder and what is wrong with it. */
function templateMessage(err: unknown): string {
  const e = err as { properties?: { errors?: { properties?: { explanation?: string } }[]; explanation?: string } };
  const list = e.properties?.errors?.map((x) => x.properties?.explanation).filter(Boolean) ?? [];
  const one = e.properties?.explanation;
  const why = [...list, ...(one ? [one] : [])].slice(0, 5).join('; ');
  return `Skabelonens pladsholdere kan ikke bruges${why ? `: ${why}` : ''}. Skriv dem som {titel}, {dato} og {#punkter}…{/punkter}.`;
}

function compile(zipBytes: Uint8Array): Docxtemplater {
  try {
    return new Docxtemplater(new PizZip(zipBytes), {
      paragraphLoop: true,
      // The error goes back to the organiser; the server's log need not hold the template's text.
      errorLogging: false,
      linebreaks: true,
      // A placeholder the referat has no value for stays empty rather than failing the export.
      nullGetter: () => '',
    });
  } catch (err) {
    throw bad(templateMessage(err));
  }
}

function activityItem(a: ActivityExport) {
  const rows = noAnswers(a) ? [] : resultTable(a).rows;
  const resultater = a.rows.map((r, i) => ({
    tekst: wordText(r.label),
    antal: String(rows[i]?.[1] ?? r.count),
    andel: percent.format(r.share),
  }));
  const resultat = noAnswers(a)
    ? 'Ingen svar.'
    : `${resultater.map((r) => `${r.tekst}: ${r.antal} (${r.andel})`).join('; ')}${a.mean !== null ? `. Gennemsnit ${decimal.format(a.mean)}` : ''}`;
  return {
    nummer: String(a.number),
    spoergsmaal: wordText(a.prompt),
    metode: wordText(a.method),
    svar: String(a.answered),
    resultat,
    resultater,
    beslutning: a.decision ? wordText(a.decision) : '',
  };
}

function boardItem(b: BoardExport) {
  const resultater = b.topPriorities.map((p) => ({ tekst: wordText(p.label), antal: String(p.dots), andel: '' }));
  return {
    nummer: String(b.number),
    spoergsmaal: wordText(b.prompt),
    metode: `Tavle med prikafstemning, ${b.dotsPerParticipant} prikker pr. deltager`,
    svar: String(b.participantsWithDots),
    resultat:
      resultater.length === 0
        ? 'Ingen prikker placeret.'
        : resultater.map((r, i) => `${i + 1}. ${r.tekst} (${r.antal} prikker)`).join('; '),
    resultater,
    beslutning: '',
  };
}

/** The values a template can name; docs/export.md lists them. */
export function templateData(x: RoomExport, options: DocxOptions = {}) {
  const items = [
    ...x.activities.map((a) => ({ n: a.number, v: activityItem(a) })),
    ...x.boards.map((b) => ({ n: b.number, v: boardItem(b) })),
  ];
  items.sort((a, b) => a.n - b.n);
  return {
    titel: wordText(x.room.title),
    dato: dateFormat.format(options.date ?? new Date(x.room.createdAt)),
    sted: wordText(options.place?.trim() || x.room.place),
    deltagere: String(x.room.participants),
    til_stede: wordText(x.room.present.join(', ')),
    fravaerende: wordText(x.room.absent),
    punkter: items.map((i) => i.v),
  };
}

/** The referat filled into a stored template. */
export function fillTemplate(template: Uint8Array, x: RoomExport, options: DocxOptions = {}): Buffer {
  const doc = compile(template);
  try {
    doc.render(templateData(x, options));
  } catch (err) {
    throw new ExportError(500, 'internal', templateMessage(err));
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

export async function readTemplate(dataDir: string): Promise<Buffer | undefined> {
  try {
    return await readFile(join(dataDir, TEMPLATE_FILE));
  } catch {
    return undefined;
  }
}

/** Reads the upload within the size limit, checks and repacks it, and tries it on an empty referat. */
export function checkTemplate(body: Uint8Array): Uint8Array {
  if (body.length > TEMPLATE_LIMITS.bytes) throw new ExportError(413, 'body_too_large', `Skabelonen er for stor (højst 2 MB).`);
  const zip = repack(body);
  const empty: RoomExport = {
    schema: 'radslag.export',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    room: { id: '', title: '', deck: '', createdAt: new Date(0).toISOString(), participants: 0, place: '', absent: '', present: [] },
    activities: [],
    boards: [],
  };
  fillTemplate(zip, empty);
  return zip;
}

async function readUpload(req: IncomingMessage): Promise<Uint8Array> {
  const limit = TEMPLATE_LIMITS.bytes;
  const tooBig = () => new ExportError(413, 'body_too_large', 'Skabelonen er for stor (højst 2 MB).');
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooBig();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooBig();
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The organiser only: the server must have ADMIN_TOKEN, and the request must carry it. */
function requireAdmin(req: IncomingMessage, adminToken: string | undefined): void {
  if (!adminToken) throw new HttpError(403, 'forbidden', 'Sæt ADMIN_TOKEN på serveren for at kunne lægge en referatskabelon op.');
  if (!sameSecret(bearer(req), adminToken))
    throw new HttpError(401, 'unauthorized', 'Skabelonen kræver ADMIN_TOKEN: send Authorization: Bearer <ADMIN_TOKEN>.');
}

interface Call {
  req: IncomingMessage;
  res: import('node:http').ServerResponse;
}

/** POST and DELETE /api/admin/referat-template. */
export function templateRoutes(config: Pick<Config, 'dataDir' | 'adminToken'>) {
  const path = join(config.dataDir, TEMPLATE_FILE);
  return {
    async put({ req, res }: Call): Promise<void> {
      requireAdmin(req, config.adminToken);
      const zip = checkTemplate(await readUpload(req));
      await mkdir(config.dataDir, { recursive: true });
      // Written beside and renamed, so an export never reads half a template.
      await writeFile(`${path}.tmp`, zip);
      await rename(`${path}.tmp`, path);
      sendJson(res, 200, { stored: true, bytes: zip.length });
    },
    async remove({ req, res }: Call): Promise<void> {
      requireAdmin(req, config.adminToken);
      await rm(path, { force: true });
      sendJson(res, 200, { stored: false });
    },
  };
}
