// The printable A4 sheet of voting cards (stemmekort): one cut-out card per member with name, code and QR.
import { escapeHtml } from './html.js';
import { renderSVG } from 'uqr';
import { formatCardCode } from './members.js';

export interface PrintedCard {
  label: string;
  code: string;
  generation: number;
  /** What the QR opens: the join page with the card, so an already joined phone claims it by scanning. */
  url: string;
}

/**
 * Eight cards a page (2 × 4, each 105 × 74 mm: an A4 sheet cut in eight with a paper cutter), dashed cut lines,
 * black on white so any office printer does. The page is self-contained: no script, no remote resource.
 */
export function cardSheetHtml(input: { title: string; joinCode: string; cards: PrintedCard[] }): string {
  const cards = input.cards
    .map((c) => {
      const qr = renderSVG(c.url, { border: 1, ecc: 'M' });
      return `<article class="card">
  <div class="text">
    <p class="kind">Stemmekort</p>
    <h2>${escapeHtml(c.label)}</h2>
    <p class="code-label">Din stemmeseddel-kode</p>
    <p class="code">${escapeHtml(formatCardCode(c.code))}</p>
    <p class="how">Deltag med koden ${escapeHtml(input.joinCode.replace(/^(\d{3})(\d{3})$/, '$1 $2'))}, og skan QR-koden med den samme telefon. Kortet er personligt og gælder på én telefon.</p>
    <p class="gen">${escapeHtml(input.title)} · kort nr. ${c.generation}</p>
  </div>
  <div class="qr" aria-hidden="true">${qr}</div>
</article>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stemmekort — ${escapeHtml(input.title)}</title>
<style>
  @page { size: A4; margin: 0; }
  * { box-sizing: border-box; }
  html, body { margin: 0; background: #fff; color: #000; font-family: system-ui, "Segoe UI", Arial, sans-serif; }
  .sheet { width: 210mm; display: grid; grid-template-columns: 105mm 105mm; grid-auto-rows: 74.25mm; }
  .card { display: flex; gap: 3mm; padding: 6mm; border: 0.3mm dashed #777; break-inside: avoid; overflow: hidden; }
  .card:nth-child(8n + 1) { break-before: page; }
  .text { flex: 1; min-width: 0; display: flex; flex-direction: column; }
  .kind { margin: 0; font-size: 9pt; text-transform: uppercase; letter-spacing: 0.08em; }
  h2 { margin: 1mm 0 2mm; font-size: 14pt; line-height: 1.15; overflow-wrap: anywhere; }
  .code-label { margin: 0; font-size: 8.5pt; }
  .code { margin: 0.5mm 0 2mm; font: 700 19pt/1.1 ui-monospace, "DejaVu Sans Mono", Consolas, monospace; letter-spacing: 0.06em; white-space: nowrap; }
  .how { margin: 0; font-size: 7.5pt; line-height: 1.3; }
  .gen { margin: auto 0 0; font-size: 7pt; color: #333; }
  .qr { width: 34mm; flex: none; align-self: center; }
  .qr svg { width: 34mm; height: 34mm; display: block; }
  .screen-only { padding: 1rem; font-size: 1rem; }
  @media print { .screen-only { display: none; } }
  @media screen { body { background: #eee; } .sheet { background: #fff; margin: 0 auto; } }
</style>
</head>
<body>
<p class="screen-only">Udskriv siden (Ctrl+P) på A4 uden skalering, og klip langs de stiplede linjer. Koderne vises kun nu: et kort, der bliver væk, genudstedes fra rummets menu, og så gælder det gamle ikke længere.</p>
<main class="sheet">
${cards}
</main>
</body>
</html>`;
}
