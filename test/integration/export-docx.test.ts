// The referat as Word through the real server: a room with votes exported as DOCX, opened again, reads as the
// minutes do (title, numbered items with question, method, result table and Beslutning), and hostile text is text.
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { wordText } from '../../server/export/docx.js';
import { roomSteps } from '../helpers/room.js';
import { FIXTURE_SLIDES, serverForThisFile } from '../helpers/server.js';

const server = serverForThisFile({ slidesDir: FIXTURE_SLIDES, noteBurst: 100, notesPerMinute: 6000 });
const { control: ctl, intent: act, roomWith } = roomSteps(server);

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
    const vote = async (activity: string, ballots: unknown[]) => {
      await ctl(room, { action: 'open', activity });
      for (const [i, ballot] of ballots.entries())
        expect((await act(room, people[i]!, { type: 'ballot', activity, ballot })).status).toBe(200);
      await ctl(room, { action: 'close', activity });
    };
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
    const motion = paras.findIndex((q) => q.style === 'Heading2' && q.text.startsWith('7. Udvalget anbefaler'));
    expect(motion).toBeGreaterThan(single);
    const afterMotion = paras.slice(motion);
    expect(afterMotion.find((q) => q.style === 'Heading3' && q.text === 'Indstilling')).toBeDefined();
    const decision = afterMotion.findIndex((q) => q.style === 'Heading3' && q.text === 'Beslutning');
    expect(afterMotion[decision + 1]!.text).toBe('Indstillingen anbefales.');
    expect(xml).toMatch(/<w:t(?: [^>]*)?>For<\/w:t>.*?<w:t(?: [^>]*)?>2<\/w:t>.*?<w:t(?: [^>]*)?>50\u00a0%<\/w:t>/s);
    // An item without a decision says so.
    expect(texts).toContain('Ingen beslutning registreret.');

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
