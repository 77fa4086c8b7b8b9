// "Importér PDF" in the deck editor: a PowerPoint saved as PDF (or any PDF) becomes one slide per page. Each page
// is drawn in this browser with pdf.js (pdf-render.ts), uploaded as the deck's image, and written as a slide that
// shows it across the whole screen, with the page's text as the image's text alternative and as speaker notes
// (pdf-slides.ts). The slides go in after the chosen slide; the facilitator then puts polls and boards between them.
// A dialog shows the progress and can cancel; a file that is no PDF, has a password or has more pages than the deck
// has room for is refused in words before anything is uploaded, and a cancelled or failed import removes what it sent.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { DeckImageLimits, DeckSourceResponse, ErrorBody } from '../../core/wire.js';
import { errorText } from '../i18n.js';
import { buttons, focusRing, tokens } from '../theme.js';
import { registerEditorAction } from './actions.js';
import { loadSource } from './editor-api.js';
import type { RsDeckEditor } from './editor.js';
import { imageName, imageStem, looksLikePdf, type PdfTextItem, pageLines, pageSlide } from './pdf-slides.js';

/** A reason the import stopped, in words for the person. */
export class ImportProblem extends Error {
  override name = 'ImportProblem';
}

export interface ImportProgress {
  /** 0 until the file is open. */
  pages: number;
  /** Pages drawn (the next one is being drawn). */
  drawn: number;
  /** Pages uploaded. */
  done: number;
}

export interface PdfImportOptions {
  deckId: string;
  editorKey: string;
  signal: AbortSignal;
  onProgress: (progress: ImportProgress) => void;
}

/** The time a step took, as a performance measure (`pdf-import:draw`, …) the benchmark reads; returns now. */
function measure(step: string, start: number): number {
  const end = performance.now();
  performance.measure(`pdf-import:${step}`, { start, end });
  return end;
}

/** Uploads under way at once: the server takes them in parallel while the next page is drawn. */
const UPLOADS_AT_ONCE = 4;

const megabytes = (bytes: number) =>
  `${(bytes / 1024 / 1024).toLocaleString(document.documentElement.lang || 'da', { maximumFractionDigits: 1 })} MB`;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

const imagesPath = (deckId: string) => `/api/decks/${encodeURIComponent(deckId)}/images`;

async function upload(options: PdfImportOptions, page: number, name: string, blob: Blob): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${imagesPath(options.deckId)}?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.editorKey}`, 'content-type': blob.type },
        body: blob,
        signal: options.signal,
      });
    } catch (err) {
      if (options.signal.aborted) throw err;
      throw new ImportProblem(msg(str`Side ${page} kunne ikke lægges op: der er ingen forbindelse til serveren.`));
    }
    if (res.ok) return;
    const error = ((await res.json().catch(() => undefined)) as ErrorBody | undefined)?.error;
    // A short pause the server asks for (many uploads from one address) is waited out; a long one is said.
    const wait = Number(res.headers.get('retry-after'));
    if (res.status === 429 && attempt < 3 && wait > 0 && wait <= 30) {
      await sleep(wait * 1000, options.signal);
      continue;
    }
    const words = error ? errorText(error.code, error.message) : msg(str`Serveren svarede ${res.status}.`);
    throw new ImportProblem(msg(str`Side ${page} kunne ikke lægges op: ${words}`));
  }
}

/** An image this import sent, taken out of the deck again (a cancelled or failed import leaves nothing behind). */
async function remove(options: PdfImportOptions, name: string): Promise<void> {
  await fetch(`${imagesPath(options.deckId)}/${encodeURIComponent(name)}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${options.editorKey}` },
  }).catch(() => undefined);
}

/** How many of `pages` fit in the deck, or the words that say they do not. */
function roomProblem(pages: number, limits: DeckImageLimits, count: number): string | undefined {
  const fit = Math.max(0, limits.maxImages - count);
  if (pages <= fit) return undefined;
  if (fit === 0) {
    return msg(
      str`Decket har allerede ${count} billeder, og et deck kan højst have ${limits.maxImages}. Fjern billeder, decket ikke bruger, eller importér PDF'en i et nyt deck.`,
    );
  }
  return msg(
    str`PDF'en har ${pages} sider, men der er kun plads til ${fit} mere i decket (et deck kan højst have ${limits.maxImages} billeder). Gem en PDF med højst ${fit} sider, eller importér den i et nyt deck.`,
  );
}

/**
 * Reads `file` as a PDF, uploads one picture per page and gives back the slides' Markdown, one per page in order.
 * Throws ImportProblem with the words to show, or the signal's reason when cancelled.
 */
export async function importPdf(file: File, options: PdfImportOptions): Promise<string[]> {
  const { signal, onProgress } = options;
  onProgress({ pages: 0, drawn: 0, done: 0 });
  const started = performance.now();
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!looksLikePdf(bytes)) {
    throw new ImportProblem(
      msg(str`"${file.name}" er ikke en PDF-fil. Gem præsentationen som PDF (i PowerPoint: Filer → Gem som → PDF), og vælg den fil.`),
    );
  }
  let deck: DeckSourceResponse;
  try {
    deck = await loadSource(options.deckId, options.editorKey);
  } catch (err) {
    throw new ImportProblem(msg(str`Decket kunne ikke hentes: ${(err as Error).message}`));
  }
  signal.throwIfAborted();
  const { PdfFile, PdfProblem, encodePage } = await import('./pdf-render.js');
  let pdf: Awaited<ReturnType<typeof PdfFile.open>>;
  try {
    pdf = await PdfFile.open(bytes);
    measure('open', started);
  } catch (err) {
    if (!(err instanceof PdfProblem)) throw err;
    throw new ImportProblem(
      err.kind === 'encrypted'
        ? msg(
            str`"${file.name}" er beskyttet med en adgangskode, så siderne kan ikke læses. Gem en kopi uden adgangskode (i PowerPoint: Filer → Oplysninger → Beskyt præsentation → Krypter med adgangskode, og slet adgangskoden), og importér den.`,
          )
        : msg(str`"${file.name}" kunne ikke læses som PDF. Filen er måske ødelagt: gem den som PDF igen, og prøv igen.`),
    );
  }
  const uploads = new Set<Promise<void>>();
  const sent: string[] = [];
  let failure: unknown;
  try {
    const pages = pdf.pages;
    if (pages === 0) throw new ImportProblem(msg(str`"${file.name}" har ingen sider.`));
    const limits = deck.imageLimits;
    const tooMany = roomProblem(pages, limits, deck.imageFiles.length);
    if (tooMany) throw new ImportProblem(tooMany);
    let room = limits.maxTotalBytes - deck.imageFiles.reduce((n, f) => n + f.bytes, 0);
    const stem = imageStem(
      file.name,
      deck.imageFiles.map((f) => f.name),
    );
    const slides: string[] = [];
    let done = 0;
    let drawn = 0;
    /** Encodes a drawn page and starts its upload; pages are finished one after another, in order. */
    const finish = async (page: number, canvas: HTMLCanvasElement, items: PdfTextItem[]): Promise<void> => {
      const mark = performance.now();
      // Each page may take up to twice its share of the room left, and leaves at least half a share for each after it.
      const left = pages - page + 1;
      const share = room / left;
      const budget = Math.floor(Math.min(limits.maxImageBytes, 2 * share, room - ((left - 1) * share) / 2));
      const encoded = await encodePage(canvas, budget);
      measure('encode', mark);
      if (!encoded) {
        throw new ImportProblem(
          msg(
            str`Side ${page} fylder for meget som billede: decket har plads til ${megabytes(Math.max(0, room))} billeder mere (et deck kan højst have ${megabytes(limits.maxTotalBytes)}). Fjern billeder, decket ikke bruger, eller importér PDF'en i et nyt deck.`,
          ),
        );
      }
      room -= encoded.size;
      drawn++;
      onProgress({ pages, drawn, done });
      const name = imageName(stem, page, pages, 'jpg');
      slides.push(pageSlide({ image: name, lines: pageLines(items, page), fallback: msg(str`Side ${page} i ${file.name}`) }));
      sent.push(name);
      const sendStart = performance.now();
      const sending = upload(options, page, name, encoded).then(
        () => {
          measure('upload', sendStart);
          done++;
          onProgress({ pages, drawn, done });
        },
        (err: unknown) => {
          failure ??= err;
        },
      );
      uploads.add(sending);
      void sending.finally(() => uploads.delete(sending));
    };
    // Two canvases: page n is drawn while page n − 1 is encoded (the browser encodes off the page's own work).
    const canvases = [document.createElement('canvas'), document.createElement('canvas')];
    let finishing: Promise<void> | undefined;
    for (let page = 1; page <= pages; page++) {
      signal.throwIfAborted();
      if (failure) throw failure;
      onProgress({ pages, drawn, done });
      const canvas = canvases[page % 2]!;
      const mark = performance.now();
      const { items } = await pdf.page(page, canvas);
      measure('draw', mark);
      await finishing;
      finishing = finish(page, canvas, items);
      // Its failure is met at the next await of it; until then it is not an unhandled one.
      finishing.catch(() => undefined);
      while (uploads.size >= UPLOADS_AT_ONCE) await Promise.race(uploads);
    }
    await finishing;
    await Promise.all(uploads);
    if (failure) throw failure;
    signal.throwIfAborted();
    return slides;
  } catch (err) {
    await Promise.allSettled(uploads);
    await Promise.all(sent.map((name) => remove(options, name)));
    throw err;
  } finally {
    void pdf.close();
  }
}

/** The dialog with the progress bar, the answer when something is wrong, and the line that says what was put in. */
@customElement('rs-pdf-import')
@localized()
export class RsPdfImport extends LitElement {
  static override styles = [
    tokens,
    buttons,
    focusRing,
    css`
      dialog {
        width: min(34rem, calc(100vw - 2rem));
        border: 0;
        border-radius: var(--rs-radius);
        padding: 1.3rem 1.5rem 1.2rem;
        box-shadow: 0 12px 40px rgb(var(--rs-ink-rgb) / 0.35);
        color: var(--rs-ink);
      }
      dialog::backdrop {
        background: rgb(var(--rs-ink-rgb) / 0.45);
      }
      h2 {
        margin: 0 0 0.2rem;
        font-size: 1.3rem;
      }
      .file {
        margin: 0 0 1rem;
        color: var(--rs-ink-soft);
        overflow-wrap: anywhere;
      }
      progress {
        display: block;
        width: 100%;
        height: 0.9rem;
        appearance: none;
        border: 1px solid var(--rs-line);
        border-radius: 999px;
        background: var(--rs-surface);
        overflow: hidden;
      }
      progress::-webkit-progress-bar {
        background: var(--rs-surface);
      }
      progress::-webkit-progress-value {
        background: var(--rs-accent);
        transition: width 0.2s;
      }
      progress::-moz-progress-bar {
        background: var(--rs-accent);
      }
      .state {
        margin: 0.5rem 0 0;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .hint {
        margin: 0.8rem 0 0;
        color: var(--rs-ink-soft);
        font-size: 0.95rem;
      }
      .error {
        margin: 0;
        padding: 0.7rem 0.9rem;
        border-left: 4px solid var(--rs-bad);
        background: #fbeeed;
        border-radius: 0.3rem;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 0.6rem;
        margin-top: 1.1rem;
      }
      .toast {
        position: fixed;
        left: 50%;
        bottom: 1.2rem;
        transform: translateX(-50%);
        z-index: 20;
        margin: 0;
        max-width: min(44rem, calc(100vw - 2rem));
        display: flex;
        align-items: center;
        gap: 0.8rem;
        padding: 0.6rem 0.6rem 0.6rem 1rem;
        border-radius: var(--rs-radius);
        background: var(--rs-ink);
        color: var(--rs-paper);
        box-shadow: 0 8px 24px rgb(var(--rs-ink-rgb) / 0.3);
      }
      .toast:empty {
        display: none;
      }
      .toast button {
        min-height: 36px;
        padding: 0.2em 0.7em;
        border-color: var(--rs-paper);
        background: transparent;
        color: var(--rs-paper);
      }
    `,
  ];

  editor: RsDeckEditor | undefined;

  @state() private file = '';
  @state() private progress: ImportProgress | undefined;
  @state() private problem = '';
  @state() private inserting = false;
  @state() private toast = '';
  private abort: AbortController | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the file picker; the import starts when a file is chosen. */
  async choose(): Promise<void> {
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')!;
    input.value = '';
    input.click();
  }

  private picked(e: Event): void {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void this.run(file);
  }

  /** Imports `file` into the editor's deck (the file picker calls it; so can a test or a drop). */
  async run(file: File): Promise<void> {
    const editor = this.editor;
    if (!editor || this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    this.file = file.name;
    this.problem = '';
    this.inserting = false;
    this.progress = { pages: 0, drawn: 0, done: 0 };
    this.toast = '';
    await this.updateComplete;
    if (!this.dialog?.open) this.dialog?.showModal();
    try {
      const started = performance.now();
      const slides = await importPdf(file, {
        deckId: editor.deckId,
        editorKey: editor.editorKey,
        signal: abort.signal,
        onProgress: (p) => (this.progress = p),
      });
      const inserting = measure('pages', started);
      this.inserting = true;
      // The new images first, so the editor's compiler knows them when the slides arrive.
      await editor.reloadImages();
      abort.signal.throwIfAborted();
      editor.insertSlides(slides);
      this.dialog?.close();
      measure('insert', inserting);
      this.say(
        slides.length === 1
          ? msg(str`1 side fra "${file.name}" er sat ind som slide. Sæt afstemninger og tavler ind mellem siderne med "Tilføj slide".`)
          : msg(
              str`${slides.length} sider fra "${file.name}" er sat ind som slides. Sæt afstemninger og tavler ind mellem siderne med "Tilføj slide".`,
            ),
      );
    } catch (err) {
      if (abort.signal.aborted) {
        this.dialog?.close();
        this.say(msg('Importen er annulleret. Intet er sat ind i decket.'));
      } else {
        this.problem = err instanceof ImportProblem ? err.message : msg(str`PDF'en kunne ikke importeres: ${(err as Error).message}`);
        this.progress = undefined;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLButtonElement>('[data-action="close-import"]')?.focus();
      }
    } finally {
      if (this.abort === abort) this.abort = undefined;
      this.inserting = false;
    }
  }

  private cancel(): void {
    if (this.abort) this.abort.abort(new DOMException('Annulleret', 'AbortError'));
    else this.dialog?.close();
  }

  private say(text: string): void {
    this.toast = text;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast = ''), 15_000);
  }

  private stateText(): string {
    const p = this.progress;
    if (this.inserting) return msg('Sætter siderne ind som slides …');
    if (!p || p.pages === 0) return msg("Åbner PDF'en …");
    if (p.drawn === p.pages) return msg(str`Lægger siderne op: ${p.done} af ${p.pages} …`);
    return msg(str`Side ${p.drawn + 1} af ${p.pages} …`);
  }

  override render() {
    const p = this.progress;
    const text = this.stateText();
    return html`<input type="file" accept=".pdf,application/pdf" hidden data-field="pdf-file" @change=${(e: Event) => this.picked(e)} />
      <dialog aria-labelledby="import-title" aria-describedby=${this.problem ? 'import-problem' : 'import-state'}
        @cancel=${(e: Event) => {
          // Escape cancels the import (and closes the dialog once it has said what went wrong).
          e.preventDefault();
          this.cancel();
        }}>
        <h2 id="import-title">${msg('Importér PDF')}</h2>
        <p class="file">${this.file}</p>
        ${
          this.problem
            ? html`<p class="error" id="import-problem" role="alert">${this.problem}</p>
                <div class="buttons">
                  <button type="button" data-action="choose-other" @click=${() => {
                    this.dialog?.close();
                    void this.choose();
                  }}>${msg('Vælg en anden fil')}</button>
                  <button type="button" class="primary" data-action="close-import" @click=${() => this.dialog?.close()}>${msg('Luk')}</button>
                </div>`
            : // Each page is half drawn, half uploaded: the bar moves as both go on.
              html`<progress aria-labelledby="import-state" max=${2 * (p?.pages || 1)} value=${p?.pages ? p.drawn + p.done : nothing}></progress>
                <p class="state" id="import-state">${text}</p>
                <p class="hint">
                  ${msg('Hver side bliver en slide: siden som billede på hele skærmen og sidens tekst som noter. Bagefter kan du sætte afstemninger og tavler ind mellem siderne.')}
                </p>
                <div class="buttons">
                  <button type="button" data-action="cancel-import" ?disabled=${this.inserting} @click=${() => this.cancel()}>${msg('Annullér')}</button>
                </div>`
        }
      </dialog>
      <p class="toast" role="status">${
        this.toast
          ? html`<span>${this.toast}</span>
              <button type="button" aria-label=${msg('Luk beskeden')} @click=${() => (this.toast = '')}>✕</button>`
          : nothing
      }</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-pdf-import': RsPdfImport;
  }
}

/** The one import element of the page, made when the action is first used. */
function importer(editor: RsDeckEditor): RsPdfImport {
  let el = document.querySelector('rs-pdf-import');
  if (!el) {
    el = document.createElement('rs-pdf-import');
    document.body.append(el);
  }
  el.editor = editor;
  return el;
}

registerEditorAction({
  id: 'import-pdf',
  label: () => msg('Importér PDF'),
  run: (editor) => importer(editor).choose(),
});
