// The referat as a Word document (DOCX), built with the `docx` library from the same model and in the same
// order as the Markdown and HTML referat: real headings, tables for results, Danish text.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { fileName, type ExportDeps, type ExportFile } from './index.js';
import type { ActivityExport, BoardExport, RoomExport } from './model.js';
import { count, dateFormat, decimal, shown, timeSpan } from './danish.js';
import { noAnswers, quotesMotion, resultTable } from './table.js';
import { doneLine, headingOf } from './referat.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocxOptions {
  /** Where the meeting was held; overrides the place written in the room menu. */
  place?: string;
  /** The meeting's date; defaults to the room's creation. */
  date?: Date;
}

/**
 * Text from the room as Word may hold it: the library escapes XML's signs, and here the characters XML 1.0
 * forbids (control characters, lone surrogates) are dropped, since one of them makes Word refuse the file.
 * Line breaks become spaces, so a note stays in its cell or line.
 */
export function wordText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

const p = (text: string) => new Paragraph({ children: [new TextRun(wordText(text))] });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [new TextRun(wordText(text))] });
/** "Metode: …": a bold lead-in and its text in one paragraph. */
const labelled = (label: string, text: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(wordText(text))] });
const muted = (text: string) => new Paragraph({ children: [new TextRun({ text: wordText(text), italics: true, color: '3D4A66' })] });
const bullet = (text: string, level = 0) => new Paragraph({ bullet: { level }, children: [new TextRun(wordText(text))] });

const RULE = { style: BorderStyle.SINGLE, size: 4, color: 'C9D2E0' };

/** A table with a repeated header row; numeric columns right-aligned. */
function table(heads: string[], rows: string[][], numeric: boolean[]): Table {
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: wordText(text), bold: head })],
        }),
      ],
      ...(head ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F7' } } : {}),
      margins: { top: 40, bottom: 40, left: 100, right: 100 },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    rows: [
      new TableRow({ tableHeader: true, children: heads.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

type Block = Paragraph | Table;

function activityBlocks(a: ActivityExport): Block[] {
  const out: Block[] = [
    heading(`${a.number}. ${headingOf(a)}`, HeadingLevel.HEADING_2),
    labelled('Metode', `${a.method} · ${a.answered} svar · ${timeSpan(a)}`),
  ];
  if (quotesMotion(a)) out.push(heading('Indstilling', HeadingLevel.HEADING_3), p(a.prompt));
  out.push(heading('Resultat', HeadingLevel.HEADING_3));
  if (noAnswers(a)) out.push(p('Ingen svar.'));
  else {
    const t = resultTable(a);
    out.push(
      table(
        t.heads,
        t.rows.map((row) => row.map((c, i) => shown(c, t.figures[i]!))),
        t.figures.map((f) => f !== 'label'),
      ),
    );
    if (a.mean !== null) out.push(labelled('Gennemsnit', decimal.format(a.mean)));
  }
  if (a.hiddenAnswers > 0) out.push(muted(`${a.hiddenAnswers} svar er skjult af facilitator og ikke gengivet.`));
  // As the minutes write it: "Beslutning" only where the committee made one.
  if (a.decision) {
    out.push(heading('Beslutning', HeadingLevel.HEADING_3));
    out.push(new Paragraph({ children: [new TextRun({ text: wordText(a.decision), bold: true })] }));
  }
  return out;
}

function boardBlocks(b: BoardExport): Block[] {
  const out: Block[] = [
    heading(`${b.number}. ${b.prompt}`, HeadingLevel.HEADING_2),
    labelled(
      'Metode',
      `Tavle med sedler i ${b.zones.map((z) => z.label).join(' og ')}, grupperet af facilitator; prikafstemning med ${count(b.dotsPerParticipant, 'prik', 'prikker')} pr. deltager. ${count(b.notes.length, 'seddel', 'sedler')}, ${b.participantsWithDots} har placeret ${count(b.dotsPlaced, 'prik', 'prikker')}.`,
    ),
    heading('Top prioriteter', HeadingLevel.HEADING_3),
  ];
  if (b.topPriorities.length === 0) out.push(p('Ingen prikker placeret.'));
  else
    out.push(
      table(
        ['Plads', 'Prioritet', 'Prikker'],
        b.topPriorities.map((t) => [
          String(t.place),
          `${t.label}${t.kind === 'cluster' ? ` (gruppe, ${count(t.notes, 'seddel', 'sedler')})` : ''}`,
          String(t.dots),
        ]),
        [true, false, true],
      ),
    );
  if (b.clusters.length > 0) {
    out.push(heading('Grupper', HeadingLevel.HEADING_3));
    for (const c of b.clusters) {
      out.push(bullet(`${c.name} (${count(c.dots, 'prik', 'prikker')})`));
      for (const id of c.notes) {
        const n = b.notes.find((x) => x.id === id);
        if (n) out.push(bullet(`${n.text} (${n.zoneLabel})`, 1));
      }
    }
  }
  for (const z of b.zones) {
    const loose = b.notes.filter((n) => n.zone === z.id && !n.cluster);
    if (loose.length === 0) continue;
    out.push(heading(`${z.label} (uden gruppe)`, HeadingLevel.HEADING_4));
    for (const n of loose) out.push(bullet(`${n.text}${n.dots > 0 ? ` (${count(n.dots, 'prik', 'prikker')})` : ''}`));
  }
  if (b.notesNotShown > 0)
    out.push(
      muted(
        `${b.notesNotShown === 1 ? '1 seddel er skjult eller ikke godkendt' : `${b.notesNotShown} sedler er skjult eller ikke godkendt`} og ikke gengivet.`,
      ),
    );
  return out;
}

/** The referat's opening: title, "Referat · date · place · participants", Til stede, Fraværende. */
function headBlocks(x: RoomExport, options: DocxOptions): Block[] {
  const date = options.date ?? new Date(x.room.createdAt);
  const place = options.place?.trim() || x.room.place;
  const participants = `${x.room.participants} ${x.room.participants === 1 ? 'deltager' : 'deltagere'} tilsluttet`;
  return [
    heading(x.room.title, HeadingLevel.HEADING_1),
    new Paragraph({
      children: [
        new TextRun({ text: 'Referat', bold: true }),
        new TextRun(wordText(` · ${dateFormat.format(date)}${place ? ` · ${place}` : ''} · ${participants}`)),
      ],
    }),
    ...(x.room.present.length > 0 ? [labelled('Til stede', x.room.present.join(', '))] : []),
    ...(x.room.absent ? [labelled('Fraværende', x.room.absent)] : []),
    muted(doneLine(x)),
  ];
}

/** The numbered items in deck order, activities and boards together. */
export function itemBlocks(x: RoomExport): Block[] {
  const items = [
    ...x.activities.map((a) => ({ n: a.number, blocks: activityBlocks(a) })),
    ...x.boards.map((b) => ({ n: b.number, blocks: boardBlocks(b) })),
  ];
  items.sort((a, b) => a.n - b.n);
  return items.flatMap((i) => i.blocks);
}

export async function referatDocx(x: RoomExport, options: DocxOptions = {}): Promise<Buffer> {
  const doc = new Document({
    creator: 'Rådslag',
    title: wordText(`Referat – ${x.room.title}`),
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'da-DK' } } } } },
    sections: [{ children: [...headBlocks(x, options), ...itemBlocks(x)] }],
  });
  return Packer.toBuffer(doc);
}

/** The `docx` export format (registered in index.ts, which loads this module on the first Word export). */
export async function renderDocx(x: RoomExport, deps: ExportDeps): Promise<ExportFile> {
  const options = { place: deps.place };
  // The organiser's own template when the server has one, else Rådslag's own layout.
  const { fillTemplate, readTemplate } = await import('./docx-template.js');
  const template = deps.dataDir ? await readTemplate(deps.dataDir) : undefined;
  const body = template ? fillTemplate(template, x, options) : await referatDocx(x, options);
  return { name: fileName(x, 'docx'), type: DOCX_TYPE, body };
}
