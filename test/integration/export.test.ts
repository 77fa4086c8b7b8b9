// Export through the real server: the JSON model's figures equal what the facilitator saw live, the
// referat reads like minutes, hostile text stays text, and nothing links a person to a ballot.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type * as Y from 'yjs';
import { BOARD_LAYOUT, DOC, LIVE_DOC } from '../../core/room-doc.js';
import { call, makeCluster, waitFor, yClient } from '../helpers/clients.js';
import { FIXTURE_SLIDES, ROOT, serverForThisFile } from '../helpers/server.js';
import type { RoomExport } from '../../server/export/model.js';
import { referatHtml, referatMarkdown } from '../../server/export/referat.js';
import { LayoutReader } from '../../core/board-layout.js';
import type { Note } from '../../core/board.js';
import { NOTE_H, NOTE_W, type Rect } from '../../core/board-geometry.js';
import { buildModel, clusterBox, notePos, placeAuto, type Whereabouts } from '../../components/board/board-model.js';
import { roomSteps } from '../helpers/room.js';

const server = serverForThisFile({ slidesDir: FIXTURE_SLIDES, noteBurst: 100, notesPerMinute: 6000 });

const { control: ctl, intent: act, roomWith, voteRound } = roomSteps(server);

async function workshop() {
  const { room, people } = await roomWith(4);
  const vote = (activity: string, ballots: unknown[]) => voteRound(room, people, activity, ballots);
  await vote('enkelt', [{ option: 'kommunen' }, { option: 'borgerne' }, { option: 'borgerne' }, { option: 'institutionen' }]);
  await vote('prioritet', [
    { order: ['folkeskole', 'dagtilbud', 'aeldre', 'beskaeftigelse'] },
    { order: ['dagtilbud', 'folkeskole', 'aeldre', 'beskaeftigelse'] },
    { order: ['folkeskole', 'aeldre', 'dagtilbud', 'beskaeftigelse'] },
  ]);
  await vote('skala', [{ value: 2 }, { value: 6 }, { value: 7 }]);
  await vote('ord', [{ text: 'Tillid' }, { text: 'tillid' }, { text: '<script>alert(1)</script>' }, { text: 'Noget grimt' }]);
  await ctl(room, { action: 'hide-entry', activity: 'ord', entry: 'Noget grimt' });
  await vote('indstilling', [{ option: 'for' }, { option: 'for' }, { option: 'imod' }, { option: 'undlader' }]);
  await ctl(room, { action: 'decide', activity: 'indstilling', decision: 'Indstillingen anbefales.' });

  await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
  const n1 = (await act(room, people[0]!, { type: 'note', board: 'tavle', zone: 'problemer', text: 'For mange regler' })).body.id;
  const n2 = (await act(room, people[1]!, { type: 'note', board: 'tavle', zone: 'muligheder', text: 'Mere tillid' })).body.id;
  const n3 = (await act(room, people[2]!, { type: 'note', board: 'tavle', zone: 'problemer', text: 'Skjult seddel' })).body.id;
  await ctl(room, { action: 'note-hide', board: 'tavle', note: n3 });
  await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'dots' });
  await act(room, people[0]!, { type: 'dots', board: 'tavle', dots: { [n1]: 2, [n2]: 1 } });
  await act(room, people[1]!, { type: 'dots', board: 'tavle', dots: { [n2]: 3 } });
  return { room, people, notes: { n1, n2, n3 } };
}

describe('export', () => {
  it('JSON holds every figure the facilitator saw, and no token or participant id', async () => {
    const { room, people, notes } = await workshop();
    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    await live.synced;
    const seen = await waitFor(
      () => live.doc.getMap(LIVE_DOC.tallies).get('indstilling') as { counts: Record<string, number> } | undefined,
    );
    const r = await call<RoomExport>(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(
      /^attachment; filename="raadslag-alle-aktiviteter-testdeck-\d{4}-\d\d-\d\d\.json"$/,
    );
    const x = r.body;
    expect([x.schema, x.version]).toEqual(['radslag.export', 1]);
    expect(x.room.participants).toBe(4);
    expect([x.room.place, x.room.absent]).toEqual(['', '']);

    // The meeting's place and absent members, as the room menu writes them; a participant's write is dropped.
    const phone = yClient(server.url, room.roomId, people[0]!);
    await phone.synced;
    phone.doc.getMap(DOC.meeting).set('absent', 'Forfalsket');
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    await fac.synced;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fac.doc.getMap(DOC.meeting).get('absent')).toBeUndefined();
    fac.doc.transact(() => {
      fac.doc.getMap(DOC.meeting).set('place', '  Mødelokale 2  ');
      fac.doc.getMap(DOC.meeting).set('absent', `Anna Hansen (A) ${'x'.repeat(600)}`);
    });
    const withMeeting = await waitFor(async () => {
      const again = (await call<RoomExport>(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey }))
        .body;
      return again.room.place ? again : undefined;
    });
    expect(withMeeting.room.place).toBe('Mødelokale 2');
    expect(withMeeting.room.absent.startsWith('Anna Hansen (A) xxx')).toBe(true);
    expect([...withMeeting.room.absent]).toHaveLength(500);
    phone.destroy();
    fac.destroy();

    const byId = Object.fromEntries(x.activities.map((a) => [a.id, a]));
    const counts = (id: string) => Object.fromEntries(byId[id]!.rows.map((r) => [r.id, r.count]));
    expect(counts('enkelt')).toEqual({ borgerne: 2, kommunen: 1, institutionen: 1 });
    expect(counts('indstilling')).toEqual(seen.counts);
    expect(counts('prioritet')).toEqual({ folkeskole: 8, dagtilbud: 6, aeldre: 4, beskaeftigelse: 0 });
    expect(byId.prioritet!.rows.find((r) => r.id === 'folkeskole')!.meanRank).toBeCloseTo(4 / 3);
    expect(byId.skala!.mean).toBeCloseTo(5);
    expect(counts('ord')).toEqual({ tillid: 2, '<script>alert(1)</script>': 1 });
    expect(byId.ord!.hiddenAnswers).toBe(1);
    expect(byId.indstilling!.decision).toBe('Indstillingen anbefales.');
    expect(byId.indstilling!.status).toBe('closed');
    expect(byId.flere!.answered).toBe(0);
    // Items are numbered in deck order.
    expect(x.activities.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const board = x.boards.find((b) => b.id === 'tavle')!;
    expect(board.number).toBe(8);
    expect(board.notes.map((n) => n.text)).toEqual(['For mange regler', 'Mere tillid']);
    expect(board.notesNotShown).toBe(1);
    expect(board.topPriorities.map((p) => [p.place, p.label, p.dots])).toEqual([
      [1, 'Mere tillid', 4],
      [2, 'For mange regler', 2],
    ]);
    expect([board.participantsWithDots, board.dotsPlaced]).toEqual([2, 6]);

    const text = JSON.stringify(x);
    for (const secret of [room.facilitatorKey, ...people]) expect(text).not.toContain(secret);
    expect(text).not.toContain('Skjult seddel');
    expect(text).not.toContain('Noget grimt');
    expect(text).not.toMatch(/participantId|tokenHash|intentId/);
    expect(notes.n3).toBeTruthy();
    live.destroy();
  });

  it('the referat in Markdown and HTML has numbered items with method, result and Beslutning; text stays text', async () => {
    const { room } = await workshop();
    const md = await call<string>(server.url, `/api/rooms/${room.roomId}/export?format=md&place=Byr%C3%A5dssalen`, {
      token: room.facilitatorKey,
    });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.body).toMatch(/^# Alle aktiviteter \(testdeck\)\n\n\*\*Referat\*\* · \d+\. \w+ \d{4} · Byrådssalen/);
    // A motion is headed by its slide's title, and its text is quoted once, as "Indstilling" (issue 15).
    expect(md.body).toContain('## 7. Indstilling\n');
    expect(md.body).toContain('**Beslutning**\n\nIndstillingen anbefales.');
    expect(md.body).toMatch(/\*\*Indstilling\*\*\n\nUdvalget anbefaler/);
    expect(md.body.split('Udvalget anbefaler')).toHaveLength(2);
    expect(md.body).toContain('| Folkeskole | 8 | 44\u00a0% | 1,3 |');
    expect(md.body).toContain('## 8. Hvilke problemer og muligheder ser I?');
    expect(md.body).toContain('| 1 | Mere tillid | 4 |');
    // "Beslutning" only where one was made, as the minutes write it (issue 15): the other polls have none.
    expect(md.body).not.toContain('Ingen beslutning registreret');
    expect(md.body.match(/\*\*Beslutning\*\*/g)).toHaveLength(1);
    expect(md.body).toContain('Afstemninger og tavler gennemført med Rådslag');
    // Markup from a participant is text in a Markdown viewer too: entities, never tags.
    expect(md.body).toContain('| &lt;script&gt;alert(1)&lt;/script&gt; | 1 |');
    expect(md.body).not.toContain('<script>');
    const placeMd = await call<string>(
      server.url,
      `/api/rooms/${room.roomId}/export?format=md&place=${encodeURIComponent('<img src=x onerror=alert(1)> [klik](javascript:alert(1))')}`,
      { token: room.facilitatorKey },
    );
    expect(placeMd.body).toContain('&lt;img src=x onerror=alert(1)&gt; \\[klik\\](javascript:alert(1))');

    const html = await call<string>(server.url, `/api/rooms/${room.roomId}/export?format=html`, { token: room.facilitatorKey });
    expect(html.status).toBe(200);
    expect(html.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.body).not.toContain('<script>');
    expect(html.body).toContain('<p class="decision">Indstillingen anbefales.</p>');
    expect(html.body).toMatch(/<h3>Indstilling<\/h3>\n<p class="motion">Udvalget anbefaler/);
    expect(html.body.split('Udvalget anbefaler')).toHaveLength(2);
    expect(html.body).not.toContain('Ingen beslutning registreret');
    expect(html.body.match(/<h3>Beslutning<\/h3>/g)).toHaveLength(1);
    // Items follow one another as in the minutes, not one to a page.
    expect(html.body).not.toMatch(/break-inside:\s*avoid-page|break-before:\s*page|page-break/);
  });

  it('the referat of a room without a board names no board', async () => {
    const { room } = await workshop();
    const x = (await call<RoomExport>(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey })).body;
    const noBoard = { ...x, boards: [] };
    for (const text of [referatMarkdown(noBoard), referatHtml(noBoard)]) {
      expect(text).not.toMatch(/tavle/i);
      expect(text).toContain('Afstemninger gennemført med Rådslag; stemmer er hemmelige');
    }
    expect(referatMarkdown(x)).toMatch(/tavle/);
  });

  it('needs the facilitator key, and refuses an unknown format with a clear message', async () => {
    const { room, people } = await workshop();
    expect((await call(server.url, `/api/rooms/${room.roomId}/export?format=json`)).status).toBe(401);
    expect((await call(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: people[0] })).status).toBe(403);
    const bad = await call(server.url, `/api/rooms/${room.roomId}/export?format=odt`, { token: room.facilitatorKey });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Ukendt format "odt"');
  });
});

describe('export files', () => {
  it('XLSX read back with ExcelJS, CSV parsed, PDF rendered to pages: every figure equals the live tallies', async () => {
    const { room, notes } = await workshop();
    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    await live.synced;
    // A facilitator groups one note.
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    await fac.synced;
    makeCluster(fac.doc, 'tavle', 'klynge-1', 'Tillid', [notes.n2]);
    await waitFor(async () => {
      const json = await (
        await fetch(`${server.url}/api/rooms/${room.roomId}/export?format=json`, {
          headers: { authorization: `Bearer ${room.facilitatorKey}` },
        })
      ).json();
      return JSON.stringify(json).includes('"Tillid"');
    });
    fac.destroy();
    const tally = (id: string) =>
      live.doc.getMap(LIVE_DOC.tallies).get(id) as { counts?: Record<string, number>; borda?: Record<string, number> } | undefined;
    await waitFor(() => tally('indstilling')?.counts?.for === 2);
    const seenMotion = tally('indstilling')!.counts!;
    const seenSingle = tally('enkelt')!.counts!;
    const seenBorda = tally('prioritet')!.borda!;
    const get = (format: string) =>
      fetch(`${server.url}/api/rooms/${room.roomId}/export?format=${format}`, {
        headers: { authorization: `Bearer ${room.facilitatorKey}` },
      });

    // XLSX: a summary sheet and one sheet per activity and board, numbers as numbers.
    const xlsx = await get('xlsx');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)[0]).toBe('Oversigt');
    expect(wb.worksheets).toHaveLength(1 + 7 + 2);
    const sheetRows = (prefix: string) => {
      const ws = wb.worksheets.find((w) => w.name.startsWith(prefix))!;
      const out: Record<string, number> = {};
      ws.eachRow((row) => {
        const [label, count] = [row.getCell(1).value, row.getCell(2).value];
        if (typeof label === 'string' && typeof count === 'number') out[label] = count;
      });
      return out;
    };
    expect(sheetRows('7.')).toMatchObject({ For: seenMotion.for, Imod: seenMotion.imod, Undlader: seenMotion.undlader });
    expect(sheetRows('1.')).toMatchObject({
      Kommunen: seenSingle.kommunen,
      Institutionen: seenSingle.institutionen,
      Borgerne: seenSingle.borgerne,
    });
    expect(sheetRows('3.')).toMatchObject({ Folkeskole: seenBorda.folkeskole, Dagtilbud: seenBorda.dagtilbud, Ældre: seenBorda.aeldre });
    const summary = wb.getWorksheet('Oversigt')!;
    const decisionRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 7)!;
    expect(decisionRow.getCell(6).value).toBe('Indstillingen anbefales.');
    // The summary's leader is the most chosen option, not the first in the deck (Kommunen 1, Borgerne 2).
    const singleRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 1)!;
    expect(singleRow.getCell(5).value).toBe('Borgerne');
    const motionLeader = Object.entries(seenMotion).sort((a, b) => b[1] - a[1])[0]![0];
    expect(decisionRow.getCell(5).value).toBe({ for: 'For', imod: 'Imod', undlader: 'Undlader' }[motionLeader]);
    // Sheets follow the referat's numbering, boards in their place among the activities.
    const numbers = wb.worksheets.slice(1).map((w) => Number(w.name.split('.')[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // The board's notes name their group.
    const board = wb.worksheets.find((w) => w.name.startsWith('8.'))!;
    const noteHeader = board.getRows(1, board.rowCount)!.find((r) => r.getCell(2).value === 'Seddel')!;
    expect(noteHeader.values).toEqual([undefined, 'Nr.', 'Seddel', 'Felt', 'Prikker', 'Gruppe']);
    const groupOf = (text: string) =>
      board
        .getRows(1, board.rowCount)!
        .find((r) => r.getCell(2).value === text)!
        .getCell(5).value;
    expect(groupOf('Mere tillid')).toBe('Tillid');
    expect(groupOf('For mange regler')).toBeNull();
    expect(
      wb.worksheets
        .find((w) => w.name.startsWith('3.'))!
        .findRow(7)!
        .getCell(3).numFmt,
    ).toBe('0%');

    // CSV: a zip of one file per item, UTF-8 with BOM, semicolons, formula text neutralised.
    const zip = await get('csv');
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      '01-enkelt.csv',
      '02-flere.csv',
      '03-prioritet.csv',
      '04-point.csv',
      '05-skala.csv',
      '06-ord.csv',
      '07-indstilling.csv',
      '08-tavle.csv',
      '09-godkend.csv',
    ]);
    const motionCsv = strFromU8(files['07-indstilling.csv']!);
    expect([...files['07-indstilling.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = motionCsv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    const rowOf = (label: string) => parsed.find((r) => r[0] === label)!;
    expect(Number(rowOf('For')[1])).toBe(seenMotion.for);
    expect(rowOf('For')[2]).toBe('0,5');
    expect(strFromU8(files['06-ord.csv']!)).toContain('<script>alert(1)</script>;1');

    // PDF: rendered to pages by pdf.js; the figures and the decision are in the text.
    const pdf = await get('pdf');
    expect(pdf.status).toBe(200);
    const doc = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), useSystemFonts: true }).promise;
    expect(doc.numPages).toBeGreaterThanOrEqual(2);
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      text += `${(await page.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
    }
    expect(text).toContain('Indstillingen anbefales.');
    expect(text).toMatch(/Folkeskole\s+8/);
    expect(text).toContain('Mere tillid');
    // Tagged for screen readers, with the referat's headings as its outline.
    expect((await doc.getMarkInfo())?.Marked).toBe(true);
    const outline = (await doc.getOutline()) ?? [];
    expect(outline.length).toBeGreaterThan(0);
    await doc.destroy();

    // The board as SVG and PNG.
    const svg = await (await get('svg')).text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('For mange regler');
    expect(svg).not.toContain('Skjult seddel');
    const png = Buffer.from(await (await get('png')).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    live.destroy();
  }, 60_000);
});

describe('board picture', () => {
  it('draws notes never dragged and groups where the board draws them, with no group frame over another', async () => {
    const { room, people, notes } = await workshop();
    await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
    const more: string[] = [];
    for (const [i, text] of ['Lange sagsgange', 'Bedre data', 'Færre møder', 'Fælles mål'].entries())
      more.push((await act(room, people[i]!, { type: 'note', board: 'tavle', zone: i % 2 ? 'muligheder' : 'problemer', text })).body.id);
    const fac = yClient(server.url, room.roomId, room.facilitatorKey);
    await fac.synced;
    makeCluster(fac.doc, 'tavle', 'c-regler', 'Regler', [notes.n1, more[0]!]);
    makeCluster(fac.doc, 'tavle', 'c-tillid', 'Tillid', [notes.n2]);
    // Where the board puts new groups: at the top of their zones' columns.
    const layoutMap = fac.doc.getMap(DOC.layout).get('tavle') as Y.Map<unknown>;
    const clusterMap = layoutMap.get(BOARD_LAYOUT.clusters) as Y.Map<Y.Map<unknown>>;
    fac.doc.transact(() => {
      clusterMap.get('c-regler')!.set('x', 20);
      clusterMap.get('c-regler')!.set('y', 64);
      clusterMap.get('c-tillid')!.set('x', 732);
      clusterMap.get('c-tillid')!.set('y', 64);
    });
    const x = await waitFor(async () => {
      const r = (await call<RoomExport>(server.url, `/api/rooms/${room.roomId}/export?format=json`, { token: room.facilitatorKey })).body;
      return r.boards[0]?.clusters.find((c) => c.id === 'c-tillid')?.frame.x === 732 ? r : undefined;
    });
    const b = x.boards.find((bd) => bd.id === 'tavle')!;

    // The board's own model, from the notes and layout the facilitator's board reads.
    const live = yClient(server.url, `${room.roomId}/live`, room.facilitatorKey);
    await live.synced;
    const boardNotes = await waitFor(() => {
      const all = [...(live.doc.getMap(LIVE_DOC.notes).values() as IterableIterator<Note>)].filter((n) => n.board === 'tavle');
      return all.length === 7 ? all.sort((p, q) => p.createdAt - q.createdAt || (p.id < q.id ? -1 : 1)) : undefined;
    });
    const reader = new LayoutReader(layoutMap);
    const def = {
      id: 'tavle',
      prompt: b.prompt,
      slide: 0,
      slideTitle: '',
      zones: b.zones.map(({ id, label }) => ({ id, label })),
      dots: 3,
      maxLength: 80,
      approval: false,
    };
    const m = buildModel(def, boardNotes, reader.clusterList(), reader.memberships());
    const where: Whereabouts = { position: (id) => reader.position(id), cluster: (id) => reader.cluster(id), held: null };
    placeAuto(m, where);

    const svg = await (
      await fetch(`${server.url}/api/rooms/${room.roomId}/export?format=svg`, {
        headers: { authorization: `Bearer ${room.facilitatorKey}` },
      })
    ).text();
    expect(svg).toMatch(/<g data-board="tavle" transform="translate\(-?[\d.]+ -?[\d.]+\)">/);
    const rectOf = (attr: string, id: string): Rect => {
      const match = new RegExp(`<rect ${attr}="${id}" x="(-?[\\d.]+)" y="(-?[\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"`).exec(svg);
      expect(match, `${attr} ${id}`).not.toBeNull();
      const [, rx, ry, rw, rh] = match!.map(Number);
      return { x: rx!, y: ry!, w: rw!, h: rh! };
    };
    expect(b.notes).toHaveLength(6);
    for (const n of b.notes) {
      const expected = notePos(m, where, n.id);
      expect(n.at, n.text).toEqual(expected);
      expect(rectOf('data-note', n.id), n.text).toEqual({ ...expected, w: NOTE_W, h: NOTE_H });
    }
    const frames = ['c-regler', 'c-tillid'].map((id) => {
      const frame = rectOf('data-cluster', id);
      expect(frame).toEqual(clusterBox(m, where, id));
      return frame;
    });
    const overlap = (p: Rect, q: Rect) => p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
    expect(overlap(frames[0]!, frames[1]!)).toBe(false);
    // Notes never dragged and in no group flow around the frames.
    for (const id of more.slice(1)) for (const f of frames) expect(overlap(rectOf('data-note', id), f)).toBe(false);
    fac.destroy();
    live.destroy();
  }, 30_000);
});

describe('command line', () => {
  it('npm run export reads the data folder and writes the file', async () => {
    const { room } = await workshop();
    const out = joinPath(server.dataDir, 'ud.json');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/export.ts', '--room', room.roomId, '--format', 'json', '--out', out],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: server.dataDir, SLIDES_DIR: FIXTURE_SLIDES },
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toContain(`Skrev ${out}`);
    expect(run.status).toBe(0);
    const x = JSON.parse(readFileSync(out, 'utf8')) as RoomExport;
    expect(x.activities.find((a) => a.id === 'indstilling')!.decision).toBe('Indstillingen anbefales.');
    const missing = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--room', 'findes-ikke', '--format', 'json'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir, SLIDES_DIR: FIXTURE_SLIDES },
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Der er intet rum med id "findes-ikke"');
  }, 30_000);
});
