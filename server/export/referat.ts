// The workshop's outcomes as a referat, the way a Danish committee's minutes read: numbered items, each
// with its question, method, result and "Beslutning". Markdown for the case system, HTML for print and PDF.
import { escapeHtml } from '../html.js';
import type { ActivityExport, BoardExport, RoomExport } from './model.js';
import { count, dateFormat, decimal, shown, timeSpan } from './danish.js';
import { noAnswers, quotesMotion, resultTable } from './table.js';

export interface ReferatOptions {
  /** Where the meeting was held, e.g. "Byrådssalen". */
  place?: string;
  /** The meeting's date; defaults to the room's creation. */
  date?: Date;
}

/**
 * An item's heading: its question; a motion's is its slide's title (or its method), since its text follows
 * once, as the minutes quote it, under "Indstilling".
 */
export function headingOf(a: ActivityExport): string {
  return quotesMotion(a) ? a.slide.title.trim() || a.method : a.prompt;
}

/** What the room did with Rådslag, naming only what happened: no board, no "tavle". */
export function doneLine(x: RoomExport): string {
  const voted = x.activities.length > 0;
  const boards = x.boards.length;
  const what = [voted ? 'Afstemninger' : '', boards > 0 ? (boards === 1 ? 'tavle' : 'tavler') : ''].filter(Boolean).join(' og ');
  const done = what ? `${what[0]!.toUpperCase()}${what.slice(1)} gennemført med Rådslag` : 'Gennemført med Rådslag';
  return `${done}; ${voted ? 'stemmer er hemmelige, og ' : ''}kun samlede resultater gengives.`;
}

function participantsLine(room: RoomExport['room']): string {
  return `${room.participants} ${room.participants === 1 ? 'deltager' : 'deltagere'} tilsluttet`;
}

// ---------------------------------------------------------------- Markdown

/**
 * Text from the room in Markdown: HTML written as entities, so a viewer never renders a participant's
 * markup; Markdown's own signs escaped, so a note cannot become a link, an image or a heading; line
 * breaks flattened, so it stays in its table cell or list item.
 */
function md(text: string): string {
  return (
    text
      .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      .replace(/[\r\n]+/g, ' ')
      // At the start of a list item a heading, list or quote sign would change the block.
      .replace(/^(\s*)([#+=-]|\d+(?=[.)]))/, (_, space: string, sign: string) => `${space}\\${sign}`)
  );
}

function mdActivity(a: ActivityExport): string[] {
  const out = [`## ${a.number}. ${md(headingOf(a))}`, '', `**Metode:** ${md(a.method)} · ${a.answered} svar · ${timeSpan(a)}`, ''];
  if (quotesMotion(a)) out.push('**Indstilling**', '', md(a.prompt), '');
  out.push('**Resultat**', '');
  if (noAnswers(a)) out.push('Ingen svar.');
  else {
    const table = resultTable(a);
    out.push(`| ${table.heads.join(' | ')} |`, `| ${table.figures.map((f) => (f === 'label' ? '---' : '---:')).join(' | ')} |`);
    for (const row of table.rows) out.push(`| ${row.map((c, i) => (i === 0 ? md(String(c)) : shown(c, table.figures[i]!))).join(' | ')} |`);
    if (a.mean !== null) out.push('', `Gennemsnit: ${decimal.format(a.mean)}`);
  }
  if (a.hiddenAnswers > 0) out.push('', `${a.hiddenAnswers} svar er skjult af facilitator og ikke gengivet.`);
  out.push('');
  // As in the minutes: "Beslutning" only where one was made.
  if (a.decision) out.push('**Beslutning**', '', md(a.decision), '');
  return out;
}

function mdBoard(b: BoardExport): string[] {
  const out = [
    `## ${b.number}. ${md(b.prompt)}`,
    '',
    `**Metode:** Tavle med sedler i ${b.zones.map((z) => md(z.label)).join(' og ')}, grupperet af facilitator; prikafstemning med ${count(b.dotsPerParticipant, 'prik', 'prikker')} pr. deltager. ${count(b.notes.length, 'seddel', 'sedler')}, ${b.participantsWithDots} har placeret ${count(b.dotsPlaced, 'prik', 'prikker')}.`,
    '',
    '**Top prioriteter**',
    '',
  ];
  if (b.topPriorities.length === 0) out.push('Ingen prikker placeret.');
  else {
    out.push('| Plads | Prioritet | Prikker |', '| ---: | --- | ---: |');
    for (const p of b.topPriorities)
      out.push(
        `| ${p.place} | ${md(p.label)}${p.kind === 'cluster' ? ` (gruppe, ${count(p.notes, 'seddel', 'sedler')})` : ''} | ${p.dots} |`,
      );
  }
  out.push('');
  if (b.clusters.length > 0) {
    out.push('**Grupper**', '');
    for (const c of b.clusters) {
      out.push(`- **${md(c.name)}** (${count(c.dots, 'prik', 'prikker')})`);
      for (const id of c.notes) {
        const n = b.notes.find((x) => x.id === id);
        if (n) out.push(`  - ${md(n.text)} _(${md(n.zoneLabel)})_`);
      }
    }
    out.push('');
  }
  for (const z of b.zones) {
    const loose = b.notes.filter((n) => n.zone === z.id && !n.cluster);
    if (loose.length === 0) continue;
    out.push(`**${md(z.label)}** (uden gruppe)`, '');
    for (const n of loose) out.push(`- ${md(n.text)}${n.dots > 0 ? ` (${count(n.dots, 'prik', 'prikker')})` : ''}`);
    out.push('');
  }
  if (b.notesNotShown > 0)
    out.push(
      `${b.notesNotShown === 1 ? '1 seddel er skjult eller ikke godkendt' : `${b.notesNotShown} sedler er skjult eller ikke godkendt`} og ikke gengivet.`,
      '',
    );
  return out;
}

/** The place: as asked for in the export's address, else as the facilitator wrote it in the room menu. */
function placeOf(x: RoomExport, options: ReferatOptions): string {
  return options.place?.trim() || x.room.place;
}

export function referatMarkdown(x: RoomExport, options: ReferatOptions = {}): string {
  const date = options.date ?? new Date(x.room.createdAt);
  const place = placeOf(x, options);
  const lines = [
    `# ${md(x.room.title)}`,
    '',
    `**Referat** · ${dateFormat.format(date)}${place ? ` · ${md(place)}` : ''}`,
    '',
    `${participantsLine(x.room)}. ${doneLine(x)}`,
    '',
    // As in the minutes: who was absent, said once for the meeting.
    ...(x.room.present.length > 0 ? [`**Til stede:** ${md(x.room.present.join(', '))}`, ''] : []),
    ...(x.room.absent ? [`**Fraværende:** ${md(x.room.absent)}`, ''] : []),
  ];
  const items = [
    ...x.activities.map((a) => ({ n: a.number, lines: mdActivity(a) })),
    ...x.boards.map((b) => ({ n: b.number, lines: mdBoard(b) })),
  ];
  items.sort((a, b) => a.n - b.n);
  for (const item of items) lines.push(...item.lines);
  return lines.join('\n');
}

// ---------------------------------------------------------------- HTML

// What fits the 260 px label column at 14 px even in capitals; the table under the chart has the whole label.
const LABEL_CHARS = 30;

/** A horizontal bar chart as inline SVG, so the report prints and converts to PDF without scripts. */
export function barChartSvg(rows: { label: string; count: number; share: number }[], unit: string): string {
  const rowH = 30;
  const labelW = 260;
  const barW = 300;
  const height = rows.length * rowH + 6;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const bars = rows
    .map((r, i) => {
      const y = i * rowH + 4;
      const w = Math.round((r.count / max) * barW);
      return `<text x="0" y="${y + 18}" font-size="14">${escapeHtml([...r.label].length > LABEL_CHARS ? `${[...r.label].slice(0, LABEL_CHARS - 1).join('')}…` : r.label)}</text>
<rect x="${labelW}" y="${y + 4}" width="${barW}" height="20" fill="#eef2f7" rx="3"/>
<rect x="${labelW}" y="${y + 4}" width="${w}" height="20" fill="#0b5cad" rx="3"/>
<text x="${labelW + barW + 8}" y="${y + 18}" font-size="14">${r.count} ${escapeHtml(unit)}</text>`;
    })
    .join('\n');
  // The table that follows says the same to a screen reader, so the picture is hidden from it.
  return `<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" width="${labelW + barW + 110}" height="${height}" viewBox="0 0 ${labelW + barW + 110} ${height}" font-family="system-ui, sans-serif" fill="#14213d">${bars}</svg>`;
}

function htmlTable(head: string[], rows: (string | number)[][], numeric: boolean[]): string {
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${escapeHtml(String(c))}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function htmlActivity(a: ActivityExport): string {
  let result: string;
  if (noAnswers(a)) result = '<p>Ingen svar.</p>';
  else {
    const table = resultTable(a);
    result =
      (table.chart ? barChartSvg(a.rows, table.unit) : '') +
      htmlTable(
        table.heads,
        table.rows.map((row) => row.map((c, i) => shown(c, table.figures[i]!))),
        table.figures.map((f) => f !== 'label'),
      ) +
      (a.mean !== null ? `<p>Gennemsnit: <strong>${decimal.format(a.mean)}</strong></p>` : '');
  }
  if (a.hiddenAnswers > 0) result += `<p class="muted">${a.hiddenAnswers} svar er skjult af facilitator og ikke gengivet.</p>`;
  return `<section class="item" data-activity="${escapeHtml(a.id)}">
<h2><span class="no">${a.number}</span> ${escapeHtml(headingOf(a))}</h2>
<p class="method"><strong>Metode:</strong> ${escapeHtml(a.method)} · ${a.answered} svar · ${escapeHtml(timeSpan(a))}</p>
${quotesMotion(a) ? `<h3>Indstilling</h3>\n<p class="motion">${escapeHtml(a.prompt)}</p>\n` : ''}<h3>Resultat</h3>
${result}
${a.decision ? `<h3>Beslutning</h3>\n<p class="decision">${escapeHtml(a.decision)}</p>\n` : ''}</section>`;
}

function htmlBoard(b: BoardExport): string {
  const top =
    b.topPriorities.length === 0
      ? '<p>Ingen prikker placeret.</p>'
      : barChartSvg(
          b.topPriorities.map((p) => ({ label: p.label, count: p.dots, share: 0 })),
          'prikker',
        ) +
        htmlTable(
          ['Plads', 'Prioritet', 'Prikker'],
          b.topPriorities.map((p) => [
            p.place,
            p.kind === 'cluster' ? `${p.label} (gruppe, ${count(p.notes, 'seddel', 'sedler')})` : p.label,
            p.dots,
          ]),
          [true, false, true],
        );
  const clusters = b.clusters
    .map(
      (c) =>
        `<li><strong>${escapeHtml(c.name)}</strong> (${count(c.dots, 'prik', 'prikker')})<ul>${c.notes
          .map((id) => b.notes.find((n) => n.id === id))
          .filter((n) => n !== undefined)
          .map((n) => `<li>${escapeHtml(n.text)} <span class="muted">(${escapeHtml(n.zoneLabel)})</span></li>`)
          .join('')}</ul></li>`,
    )
    .join('');
  const loose = b.zones
    .map((z) => {
      const notes = b.notes.filter((n) => n.zone === z.id && !n.cluster);
      if (notes.length === 0) return '';
      return `<h4>${escapeHtml(z.label)} (uden gruppe)</h4><ul>${notes.map((n) => `<li>${escapeHtml(n.text)}${n.dots > 0 ? ` (${count(n.dots, 'prik', 'prikker')})` : ''}</li>`).join('')}</ul>`;
    })
    .join('');
  return `<section class="item" data-board="${escapeHtml(b.id)}">
<h2><span class="no">${b.number}</span> ${escapeHtml(b.prompt)}</h2>
<p class="method"><strong>Metode:</strong> Tavle med sedler i ${escapeHtml(b.zones.map((z) => z.label).join(' og '))}, grupperet af facilitator; prikafstemning med ${count(b.dotsPerParticipant, 'prik', 'prikker')} pr. deltager. ${count(b.notes.length, 'seddel', 'sedler')}, ${b.participantsWithDots} har placeret ${count(b.dotsPlaced, 'prik', 'prikker')}.</p>
<h3>Top prioriteter</h3>
${top}
${clusters ? `<h3>Grupper</h3><ul>${clusters}</ul>` : ''}
${loose}
${b.notesNotShown > 0 ? `<p class="muted">${b.notesNotShown === 1 ? '1 seddel er skjult eller ikke godkendt' : `${b.notesNotShown} sedler er skjult eller ikke godkendt`} og ikke gengivet.</p>` : ''}
</section>`;
}

/**
 * The referat needs nothing from outside itself (styles and charts are inline), so wherever it is opened, in
 * the server's Chromium for the PDF or from a mail on an organiser's PC, it may fetch and run nothing.
 */
export const REFERAT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function referatHtml(x: RoomExport, options: ReferatOptions = {}): string {
  const date = options.date ?? new Date(x.room.createdAt);
  const items = [
    ...x.activities.map((a) => ({ n: a.number, html: htmlActivity(a) })),
    ...x.boards.map((b) => ({ n: b.number, html: htmlBoard(b) })),
  ];
  items.sort((a, b) => a.n - b.n);
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REFERAT_CSP}">
<title>Referat – ${escapeHtml(x.room.title)}</title>
<style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: system-ui, "Segoe UI", Arial, sans-serif; color: #14213d; line-height: 1.45; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.7rem; margin: 0 0 0.2rem; }
  .meta { color: #3d4a66; margin: 0 0 1.5rem; }
  /* Items follow one another as in the minutes; only small parts are kept whole, and a heading stays with what follows. */
  .item { border-top: 2px solid #0b5cad; padding-top: 0.6rem; margin-top: 1.4rem; }
  h2, h3, h4 { break-after: avoid; }
  p, li, tr, svg, .method { break-inside: avoid; }
  h2 { font-size: 1.2rem; margin: 0 0 0.3rem; }
  h2 .no { display: inline-block; min-width: 2rem; }
  h3 { font-size: 1rem; margin: 0.9rem 0 0.3rem; }
  h4 { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; }
  .method, .muted { color: #3d4a66; }
  table { border-collapse: collapse; margin: 0.4rem 0; min-width: 60%; }
  th, td { border-bottom: 1px solid #c9d2e0; padding: 0.25rem 0.6rem; text-align: left; }
  th { background: #eef2f7; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .decision { font-weight: 600; }
  svg { display: block; margin: 0.3rem 0; max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escapeHtml(x.room.title)}</h1>
<p class="meta"><strong>Referat</strong> · ${escapeHtml(dateFormat.format(date))}${placeOf(x, options) ? ` · ${escapeHtml(placeOf(x, options))}` : ''} · ${escapeHtml(participantsLine(x.room))}</p>
${x.room.present.length > 0 ? `<p class="present"><strong>Til stede:</strong> ${escapeHtml(x.room.present.join(', '))}</p>\n` : ''}${x.room.absent ? `<p class="absent"><strong>Fraværende:</strong> ${escapeHtml(x.room.absent)}</p>\n` : ''}<p class="muted">${escapeHtml(doneLine(x))}</p>
${items.map((i) => i.html).join('\n')}
</body>
</html>`;
}
