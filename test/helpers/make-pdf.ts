// A small PDF writer for the PDF import's tests and benchmark: pages of text (a heading, lines under it, a page
// number) on a coloured band, optionally a photo-like picture on each page, optionally protected by a user password
// (the Standard security handler, 40-bit RC4, revision 2). No library: PDF is text with byte offsets, and the
// fonts are the standard Helvetica pair every reader has, so the pages and their text are exactly what we wrote.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export interface PdfPage {
  title: string;
  lines?: string[];
}

export interface PdfOptions {
  /** Page size in points; PowerPoint's 16:9 is 960 × 540. */
  width?: number;
  height?: number;
  /** A picture (a gradient with texture, as a photo compresses) on every page, this many pixels wide. */
  picture?: number;
  /** Protects the file: it opens only with this password. */
  userPassword?: string;
}

/** WinAnsiEncoding (the standard fonts' encoding here): Latin-1 plus the typographic signs PowerPoint text has. */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
};

function pdfString(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const b = WIN_ANSI[ch] ?? (code < 256 ? code : 0x3f);
    if (b === 0x28 || b === 0x29 || b === 0x5c) bytes.push(0x5c);
    bytes.push(b);
  }
  return Buffer.from(bytes);
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);

/** The picture's pixels: smooth colour with fine texture, so it compresses like a photo rather than like a flat fill. */
function picture(width: number, seed: number): { width: number; height: number; data: Buffer } {
  const height = Math.round((width * 9) / 16);
  const data = Buffer.alloc(width * height * 3);
  let r = seed * 2654435761;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      r = (r * 1103515245 + 12345) >>> 0;
      const noise = (r >>> 24) / 32 - 4;
      const i = (y * width + x) * 3;
      data[i] = Math.max(0, Math.min(255, 60 + (150 * x) / width + noise));
      data[i + 1] = Math.max(0, Math.min(255, 90 + 80 * Math.sin((y / height) * Math.PI + seed) + noise));
      data[i + 2] = Math.max(0, Math.min(255, 200 - (120 * y) / height + noise));
    }
  }
  return { width, height, data };
}

export function makePdf(pages: readonly PdfPage[], options: PdfOptions = {}): Buffer {
  const W = options.width ?? 960;
  const H = options.height ?? 540;
  const id = createHash('md5').update(JSON.stringify(pages)).digest();
  // Object numbers: 1 catalog, 2 page tree, 3 and 4 the fonts, then per page: page, content, picture.
  const perPage = options.picture ? 3 : 2;
  const pageObj = (i: number) => 5 + i * perPage;
  const count = 4 + pages.length * perPage;
  let fileKey: Buffer | undefined;
  let encryptDict = '';
  if (options.userPassword !== undefined) {
    const P = -44; // print and copy allowed, nothing else: any value works, readers ask for the password either way.
    const O = rc4(md5(padded(options.userPassword)).subarray(0, 5), padded(options.userPassword));
    const p = Buffer.alloc(4);
    p.writeInt32LE(P);
    fileKey = md5(padded(options.userPassword), O, p, id).subarray(0, 5);
    const U = rc4(fileKey, PAD);
    encryptDict = `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${P} >>`;
  }
  const seal = (num: number, data: Buffer) =>
    fileKey ? rc4(md5(fileKey, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10), data) : data;

  const objects = new Map<number, Buffer>();
  const dict = (num: number, text: string) => objects.set(num, Buffer.from(text, 'latin1'));
  const stream = (num: number, head: string, data: Buffer) =>
    objects.set(
      num,
      Buffer.concat([
        Buffer.from(`<< ${head} /Length ${data.length} >>\nstream\n`, 'latin1'),
        seal(num, data),
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );

  dict(1, '<< /Type /Catalog /Pages 2 0 R >>');
  dict(2, `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  dict(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  dict(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((page, i) => {
    const num = pageObj(i);
    const parts: Buffer[] = [];
    const op = (text: string) => parts.push(Buffer.from(text, 'latin1'));
    const text = (font: string, size: number, x: number, y: number, s: string) => {
      op(`BT /${font} ${size} Tf ${x} ${y} Td (`);
      parts.push(pdfString(s));
      op(') Tj ET\n');
    };
    // A white page, a blue band with the heading on it, the lines below, the page number at the foot.
    op(`1 1 1 rg 0 0 ${W} ${H} re f\n0.043 0.361 0.678 rg 0 ${H - 110} ${W} 110 re f\n`);
    op('1 1 1 rg\n');
    text('F1', 36, 48, H - 72, page.title);
    op('0.1 0.12 0.16 rg\n');
    // Lines wrap at a word, as a text box does: about 12 points a letter at 24 points.
    const perLine = Math.floor((options.picture ? W * 0.5 : W - 96) / 12);
    const wrapped = (page.lines ?? []).flatMap((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current && `${current} ${word}`.length > perLine) {
          out.push(current);
          current = `  ${word}`;
        } else current = current ? `${current} ${word}` : word;
      }
      return [...out, current];
    });
    wrapped.forEach((line, n) => {
      text('F2', 24, 48, H - 170 - n * 36, line);
    });
    text('F2', 14, W - 60, 24, String(i + 1));
    let resources = '/Font << /F1 3 0 R /F2 4 0 R >>';
    if (options.picture) {
      const pic = picture(options.picture, i + 1);
      const w = W * 0.38;
      const h = (w * 9) / 16;
      op(`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${(W - w - 40).toFixed(2)} ${(H - 150 - h).toFixed(2)} cm /Im1 Do Q\n`);
      stream(
        num + 2,
        `/Type /XObject /Subtype /Image /Width ${pic.width} /Height ${pic.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode`,
        deflateSync(pic.data),
      );
      resources += ` /XObject << /Im1 ${num + 2} 0 R >>`;
    }
    stream(num + 1, '', Buffer.concat(parts));
    dict(num, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << ${resources} >> /Contents ${num + 1} 0 R >>`);
  });
  const encryptNum = fileKey ? count + 1 : 0;
  if (fileKey) dict(encryptNum, encryptDict);

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  const last = fileKey ? encryptNum : count;
  for (let num = 1; num <= last; num++) {
    const body = objects.get(num)!;
    offsets[num] = offset;
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    offset += chunk.length;
  }
  const xref = [
    `xref\n0 ${last + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  const idHex = id.toString('hex');
  const trailer = `trailer\n<< /Size ${last + 1} /Root 1 0 R${fileKey ? ` /Encrypt ${encryptNum} 0 R` : ''} /ID [<${idHex}> <${idHex}>] >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, 'latin1'));
  return Buffer.concat(chunks);
}

/** A presentation of `n` pages as a PowerPoint saved as PDF has them: a title, a few bullet lines, Danish letters. */
export function workshopPages(n: number): PdfPage[] {
  return Array.from({ length: n }, (_, i) => ({
    title: i === 0 ? 'Frisættelse af velfærden' : `Side ${i + 1}: Hvad betyder det for os?`,
    lines: [
      '• Borgernes behov først – også når det er svært',
      '• Færre regler, mere tillid til medarbejderne',
      `• Økonomi: ${(i + 1) * 125} mio. kr. over fire år`,
      '• Næste skridt: prøvehandlinger i to institutioner',
    ],
  }));
}
