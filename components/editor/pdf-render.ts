// A PDF's pages drawn in the browser with pdf.js: each page as a picture at projector size and its text. Nothing is
// sent anywhere from here and nothing runs on the server (no native PDF library there). This module and pdf.js load
// only when someone imports a PDF; pdf.js's worker is a file of its own, served from this server as the pages are.
import { GlobalWorkerOptions, getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { looksLikePdf, type PdfTextItem } from './pdf-slides.js';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Why a file could not be read as a PDF; the import says it in words (pdf-import.ts). */
export class PdfProblem extends Error {
  constructor(readonly kind: 'not_pdf' | 'encrypted' | 'damaged' | 'empty') {
    super(kind);
    this.name = 'PdfProblem';
  }
}

/** The largest picture of a page: 1920 wide for a 16:9 page (the projector's width), 1440 high for a 4:3 or taller one. */
const MAX_WIDTH = 1920;
const MAX_HEIGHT = 1440;

export class PdfFile {
  private constructor(
    private readonly task: PDFDocumentLoadingTask,
    private readonly doc: PDFDocumentProxy,
  ) {}

  static async open(bytes: Uint8Array): Promise<PdfFile> {
    if (!looksLikePdf(bytes)) throw new PdfProblem('not_pdf');
    const task = getDocument({
      data: bytes,
      // The pages' own content security policy allows no eval: pdf.js draws glyphs without it.
      isEvalSupported: false,
      // Errors only: a PDF's small oddities are not the person's business.
      verbosity: 0,
      enableXfa: false,
    });
    try {
      return new PdfFile(task, await task.promise);
    } catch (err) {
      await task.destroy().catch(() => undefined);
      const name = (err as Error | undefined)?.name;
      if (name === 'PasswordException') throw new PdfProblem('encrypted');
      throw new PdfProblem('damaged');
    }
  }

  get pages(): number {
    return this.doc.numPages;
  }

  /** Page `n` (1-based) drawn onto `canvas`, sized to fit MAX_WIDTH × MAX_HEIGHT; its text as pdf.js reads it. */
  async page(n: number, canvas: HTMLCanvasElement): Promise<{ items: PdfTextItem[] }> {
    const page = await this.doc.getPage(n);
    try {
      const base = page.getViewport({ scale: 1 });
      const scale = Math.min(MAX_WIDTH / base.width, MAX_HEIGHT / base.height);
      const viewport = page.getViewport({ scale });
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      const context = canvas.getContext('2d', { alpha: false })!;
      // White under the page: a PDF page is transparent where nothing is drawn, and JPEG or WebP would make that black.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      const [text] = await Promise.all([page.getTextContent(), page.render({ canvasContext: context, viewport }).promise]);
      return { items: text.items.filter((i): i is (typeof text.items)[number] & PdfTextItem => 'str' in i) };
    } finally {
      page.cleanup();
    }
  }

  close(): Promise<void> {
    return this.task.destroy();
  }
}

/**
 * The page's picture within `budget` bytes, as JPEG: at quality 0.9 small text stays sharp, and the browser writes it
 * several times faster than WebP (about 40 against 200 ms a page here), which decides how long a long deck takes.
 * Lower quality only when the page would not fit otherwise (a page full of photographs), and at last smaller.
 * Undefined when not even that fits.
 */
export async function encodePage(canvas: HTMLCanvasElement, budget: number): Promise<Blob | undefined> {
  let source = canvas;
  for (const size of [1, 0.75]) {
    if (size !== 1) {
      source = document.createElement('canvas');
      source.width = Math.round(canvas.width * size);
      source.height = Math.round(canvas.height * size);
      const context = source.getContext('2d', { alpha: false })!;
      context.imageSmoothingQuality = 'high';
      context.drawImage(canvas, 0, 0, source.width, source.height);
    }
    for (const quality of [0.9, 0.8, 0.65, 0.5]) {
      const blob = await new Promise<Blob | null>((resolve) => source.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= budget) return blob;
    }
  }
  return undefined;
}
