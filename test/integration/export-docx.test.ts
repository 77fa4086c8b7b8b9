// The referat as Word through the real server: a room with votes exported as DOCX, opened again, reads as the
// minutes do (title, numbered items with question, method, result table and Beslutning), and hostile text is text.
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { existsSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { wordText } from '../../server/export/docx.js';
import { call, join } from '../helpers/clients.js';
import { roomSteps } from '../helpers/room.js';
import { FIXTURE_SLIDES, serverForThisFile, serversForThisFile } from '../helpers/server.js';

const server = serverForThisFile({ slidesDir: FIXTURE_SLIDES, noteBurst: 100, notesPerMinute: 6000 });
const { control: ctl, intent: act, roomWith, voteRound } = roomSteps(server);

/** The document's paragraphs as text, in order, with the style each has (Heading1, Heading2, … or ''). */
function paragraphs(xml: string): { style: string; text: string }[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map((m) => {
    const body = m[1] ?? m[2] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? '';
    const text = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1]!)
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    return { style, text };
  });
}

/** The rows of the n-th table, each as its cells' text. */
function tableRows(xml: string, n: number): string[][] {
  const tbl = [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gs)][n]?.[1] ?? '';
  return [...tbl.matchAll(/<w:tr>(.*?)<\/w:tr>|<w:tr [^>]*>(.*?)<\/w:tr>/gs)].map((r) =>
    [...(r[1] ?? r[2] ?? '').matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map((c) =>
      [...c[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    ),
  );
}

describe('export as Word', () => {
  it('a room with votes comes back as a DOCX referat with headings, result tables and the decision', async () => {
    const { room, people } = await roomWith(4);
    const vote = (activity: string, ballots: unknown[]) => voteRound(room, people, activity, ballots);
    await vote('enkelt', [{ option: 'kommunen' }, { option: 'borgerne' }, { option: 'borgerne' }, { option: 'institutionen' }]);
    await vote('ord', [{ text: 'Tillid' }, { text: '<w:p>Ind\u0001sprøjtet</w:p> & "citat"' }]);
    await vote('indstilling', [{ option: 'for' }, { option: 'for' }, { option: 'imod' }, { option: 'undlader' }]);
    await ctl(room, { action: 'decide', activity: 'indstilling', decision: 'Indstillingen anbefales.' });
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
    await act(room, people[0]!, { type: 'note', board: 'tavle', zone: 'problemer', text: 'For mange regler' });

    const res = await fetch(`${server.url}/api/rooms/${room.roomId}/export?format=docx&place=Byr%C3%A5dssalen`, {
      headers: { authorization: `Bearer ${room.facilitatorKey}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="raadslag-alle-aktiviteter-testdeck-\d{4}-\d\d-\d\d\.docx"$/,
    );

    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = strFromU8(files['word/document.xml']!);
    const paras = paragraphs(xml);
    const texts = paras.map((q) => q.text);

    // The title as Word's first heading, then date, place and participants.
    expect(paras[0]).toEqual({ style: 'Heading1', text: 'Alle aktiviteter (testdeck)' });
    expect(texts[1]).toMatch(/^Referat · \d+\. \w+ \d{4} · Byrådssalen · 4 deltagere tilsluttet$/);

    // The single choice: a numbered heading with the question, the method, and its figures in a table.
    const single = paras.findIndex((q) => q.style === 'Heading2' && /^1\. /.test(q.text));
    expect(single).toBeGreaterThan(0);
    expect(texts[single + 1]).toMatch(/^Metode: Enkeltvalg · 4 svar · kl\. /);
    const singleRows = tableRows(xml, 0);
    expect(singleRows[0]).toEqual(['Svarmulighed', 'Stemmer', 'Andel']);
    expect(singleRows).toContainEqual(['Borgerne', '2', '50\u00a0%']);
    expect(singleRows).toContainEqual(['Kommunen', '1', '25\u00a0%']);

    // The motion: Indstilling, its vote, and the recorded Beslutning under its own heading.
    // headed as the referat heads it (its slide's title), the motion's text once, under Indstilling.
    const motion = paras.findIndex((q) => q.style === 'Heading2' && q.text.startsWith('7. '));
    expect(motion).toBeGreaterThan(single);
    const afterMotion = paras.slice(motion);
    const indstilling = afterMotion.findIndex((q) => q.style === 'Heading3' && q.text === 'Indstilling');
    expect(afterMotion[indstilling + 1]!.text).toMatch(/^Udvalget anbefaler/);
    expect(texts.filter((t) => t.startsWith('Udvalget anbefaler'))).toHaveLength(1);
    const decision = afterMotion.findIndex((q) => q.style === 'Heading3' && q.text === 'Beslutning');
    expect(afterMotion[decision + 1]!.text).toBe('Indstillingen anbefales.');
    expect(xml).toMatch(/<w:t(?: [^>]*)?>For<\/w:t>.*?<w:t(?: [^>]*)?>2<\/w:t>.*?<w:t(?: [^>]*)?>50\u00a0%<\/w:t>/s);
    // As the minutes write it, "Beslutning" only where one was made: here the motion's alone.
    expect(paras.filter((q) => q.style === 'Heading3' && q.text === 'Beslutning')).toHaveLength(1);
    expect(texts).not.toContain('Ingen beslutning registreret.');

    // The board, with its note.
    expect(paras.find((q) => q.style === 'Heading2' && q.text === '8. Hvilke problemer og muligheder ser I?')).toBeDefined();
    expect(texts).toContain('For mange regler');

    // A participant's markup is text in a cell, the control character gone, and the document still one XML.
    expect(xml).toContain('&lt;w:p&gt;Indsprøjtet&lt;/w:p&gt; &amp;');
    expect(xml).not.toContain('\u0001');
    expect(xml.match(/<w:body>/g)).toHaveLength(1);

    // The format is listed with the others in the error for an unknown one.
    const bad = await fetch(`${server.url}/api/rooms/${room.roomId}/export?format=doc`, {
      headers: { authorization: `Bearer ${room.facilitatorKey}` },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('docx');
  });

  it('drops the characters Word refuses and keeps Danish letters and emoji', () => {
    expect(wordText('a\u0001b\u000bc\ufffe\ud800d\r\ne\tæøå 👍')).toBe('abcd e æøå 👍');
  });
});

const ADMIN = 'organisator-hemmelighed-1234567890';
const startServer = serversForThisFile();

/** A municipality's template, made in Word's own format: placeholders in plain paragraphs, one loop over the items. */
async function municipalTemplate(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  return Packer.toBuffer(doc);
}

const upload = (url: string, body: Uint8Array, token = ADMIN) =>
  fetch(`${url}/api/admin/referat-template`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
    body: body as unknown as BodyInit,
  });

describe("the municipality's Word template", () => {
  it('is uploaded once by the organiser and the referat is filled into it', async () => {
    const server = await startServer({ slidesDir: FIXTURE_SLIDES, adminToken: ADMIN });
    const template = await municipalTemplate([
      'Horsens Kommune · Udvalgsreferat',
      'Møde: {titel}, {dato}, {sted}',
      '{#punkter}',
      'Punkt {nummer}: {spoergsmaal}',
      'Resultat: {resultat}',
      'Rækker: {#resultater}{tekst}={antal};{/resultater}',
      'Beslutning: {beslutning}',
      '{/punkter}',
      'Ukendt felt: [{findes_ikke}]',
    ]);
    // Only with the organiser's token.
    expect((await upload(server.url, template, 'forkert')).status).toBe(401);
    const stored = await upload(server.url, template);
    expect(stored.status).toBe(200);
    expect(existsSync(joinPath(server.dataDir, 'referat-skabelon.docx'))).toBe(true);

    const created = await call(server.url, '/api/rooms', { token: ADMIN, body: { deck: 'alle-aktiviteter' } });
    expect(created.status).toBe(201);
    const room = created.body;
    const person = (await join(server.url, room.joinCode)).participantToken;
    const steps = roomSteps(server);
    await steps.control(room, { action: 'open', activity: 'enkelt' });
    expect((await steps.cast(room, person, 'enkelt', { option: 'borgerne' })).status).toBe(200);
    await steps.control(room, { action: 'close', activity: 'enkelt' });

    const res = await fetch(`${server.url}/api/rooms/${room.roomId}/export?format=docx&place=Byr%C3%A5dssalen`, {
      headers: { authorization: `Bearer ${room.facilitatorKey}` },
    });
    expect(res.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!);
    const text = paragraphs(xml).map((q) => q.text);
    expect(text[0]).toBe('Horsens Kommune · Udvalgsreferat');
    expect(text[1]).toMatch(/^Møde: Alle aktiviteter \(testdeck\), \d+\. \w+ \d{4}, Byrådssalen$/);
    const item = text.findIndex((t) => /^Punkt 1: /.test(t));
    expect(item).toBeGreaterThan(1);
    expect(text[item + 1]).toMatch(/^Resultat: .*Borgerne: 1 \(100\u00a0%\)/);
    expect(text[item + 2]).toMatch(/^Rækker: .*Borgerne=1;/);
    expect(text[item + 3]).toMatch(/^Beslutning: ?$/);
    expect(text.filter((t) => t.startsWith('Punkt ')).length).toBeGreaterThan(5);
    expect(text).toContain('Ukendt felt: []');
    expect(xml).not.toContain('{');

    // Removed again: Rådslag's own layout.
    const removed = await fetch(`${server.url}/api/admin/referat-template`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(removed.status).toBe(200);
    const own = await fetch(`${server.url}/api/rooms/${room.roomId}/export?format=docx`, {
      headers: { authorization: `Bearer ${room.facilitatorKey}` },
    });
    const ownXml = strFromU8(unzipSync(new Uint8Array(await own.arrayBuffer()))['word/document.xml']!);
    expect(paragraphs(ownXml)[0]).toEqual({ style: 'Heading1', text: 'Alle aktiviteter (testdeck)' });
  });

  it('refuses hostile and broken templates with a clear message', async () => {
    const server = await startServer({ slidesDir: FIXTURE_SLIDES, adminToken: ADMIN });
    const refused = async (body: Uint8Array, status: number, message: RegExp) => {
      const r = await upload(server.url, body);
      expect(r.status).toBe(status);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(message);
    };
    await refused(strToU8('ikke en zip'), 400, /ikke et Word-dokument/);
    await refused(zipSync({ 'a.txt': strToU8('x') }), 400, /word\/document\.xml mangler/);
    await refused(new Uint8Array(3 * 1024 * 1024), 413, /for stor/);
    // A zip bomb: 40 MB of zeros in a few tens of kilobytes.
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<x/>'), 'word/document.xml': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await refused(bomb, 400, /udpakket/);
    // The same bomb that declares its document to be 100 bytes: unpacked only that far, then refused as corrupt.
    const liar = Buffer.from(
      zipSync({ '[Content_Types].xml': strToU8('<x/>'), 'word/document.xml': new Uint8Array(100 * 1024 * 1024) }, { level: 9 }),
    );
    for (let i = 0; i < liar.length - 46; i++) {
      const name = (at: number, len: number) => liar.toString('latin1', at, at + liar.readUInt16LE(len));
      const sig = liar.readUInt32LE(i);
      if (sig === 0x04034b50 && name(i + 30, i + 26) === 'word/document.xml') liar.writeUInt32LE(100, i + 22);
      if (sig === 0x02014b50 && name(i + 46, i + 28) === 'word/document.xml') liar.writeUInt32LE(100, i + 24);
    }
    await refused(liar, 400, /kan ikke bruges/);
    expect(existsSync(joinPath(server.dataDir, 'referat-skabelon.docx'))).toBe(false);
    const many: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8('<x/>'), 'word/document.xml': strToU8('<x/>') };
    for (let i = 0; i < 400; i++) many[`word/media/${i}.txt`] = strToU8('x');
    await refused(zipSync(many), 400, /mere end 300 dele/);
    // Malformed placeholders and docxtemplater's expression syntax are refused, never run.
    await refused(await municipalTemplate(['{#punkter}', 'Punkt {nummer}']), 400, /pladsholdere/);
    await refused(await municipalTemplate(['{titel']), 400, /pladsholdere/);
    // Code in a placeholder is a name that is looked up and not found, never run: the server still answers.
    const code = await upload(server.url, await municipalTemplate(["{constructor.constructor('return process')().exit()}"]));
    expect(code.status).toBe(200);
    expect((await call(server.url, '/healthz')).status).toBe(200);
    // Without ADMIN_TOKEN on the server nobody can upload.
    const open = await startServer({ slidesDir: FIXTURE_SLIDES });
    expect((await upload(open.url, await municipalTemplate(['{titel}']))).status).toBe(403);
    expect(existsSync(joinPath(open.dataDir, 'referat-skabelon.docx'))).toBe(false);
  });
});
