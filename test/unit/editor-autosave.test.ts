// The deck editor's autosave (components/editor/autosave.ts) against a stand-in for the deck API: a text is saved a
// moment after the last change, on top of the version the editor holds; a mistake is never sent; another window's
// save (409) keeps both versions until the person chooses; a refusal (400), a wait (429) and a lost connection are
// shown and the text is kept in the browser until the server has it; typing during a save is saved next. And the
// undo history (history.ts): typing in one field is one step, and undo shows the slide the change was made on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, readDraft, type SaveStatus } from '../../components/editor/autosave.js';
import { History } from '../../components/editor/history.js';

/** What the stand-in server holds, and answers it is told to give instead of saving. */
interface Server {
  version: number;
  source: string;
  puts: { source: string; baseVersion: number }[];
  next: { status: number; body: unknown; headers?: Record<string, string> }[];
  offline: boolean;
}

let server: Server;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

beforeEach(() => {
  vi.useFakeTimers();
  server = { version: 1, source: 'v1', puts: [], next: [], offline: false };
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit = {}) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      if (init.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as { source: string; baseVersion: number };
        server.puts.push(body);
        const forced = server.next.shift();
        if (forced) return json(forced.status, forced.body, forced.headers);
        if (body.baseVersion !== server.version) {
          return json(409, {
            error: { code: 'stale_version', message: 'Nogen har gemt en nyere udgave.', currentVersion: server.version },
          });
        }
        server.version++;
        server.source = body.source;
        return json(200, { version: server.version });
      }
      return json(200, {
        id: 'd',
        title: 'D',
        version: server.version,
        updatedAt: 0,
        source: server.source,
        template: false,
        images: {},
        imageFiles: [],
      });
    }),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function autosave(): { save: Autosave; states: SaveStatus['kind'][] } {
  const states: SaveStatus['kind'][] = [];
  const save = new Autosave({ deckId: 'd', editorKey: 'k', baseVersion: 1, savedSource: 'v1', onStatus: (s) => states.push(s.kind) });
  return { save, states };
}

/** Lets the timers run and the fetches answer. */
async function settle(ms = 2000): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

const problem = {
  slide: 0,
  line: 7,
  where: 'slide 1 ("A")',
  what: 'kender ikke blokken',
  message: 'Fejl på slide 1 ("A"), linje 7: kender ikke blokken',
};

describe('autosave', () => {
  it('saves a moment after the last change, on top of the version it holds, and keeps a copy in the browser until then', async () => {
    const { save, states } = autosave();
    save.update('v1 a', undefined);
    save.update('v1 ab', undefined);
    expect(readDraft('d')).toMatchObject({ baseVersion: 1, source: 'v1 ab' });
    await settle(1000);
    expect(server.puts).toEqual([]);
    await settle(500);
    expect(server.puts).toEqual([{ source: 'v1 ab', baseVersion: 1 }]);
    expect(save.state).toEqual({ kind: 'saved', version: 2 });
    expect(states).toEqual(['pending', 'pending', 'saving', 'saved']);
    expect(readDraft('d')).toBeUndefined();
  });

  it('sends nothing while the text has a mistake, and says so with its slide and line', async () => {
    const { save } = autosave();
    save.update('v1 broken', problem);
    await settle(5000);
    expect(server.puts).toEqual([]);
    expect(save.state).toEqual({ kind: 'invalid', message: problem.message, line: 7 });
    expect(readDraft('d')?.source).toBe('v1 broken');
    save.update('v1 fixed', undefined);
    await settle();
    expect(server.puts.map((p) => p.source)).toEqual(['v1 fixed']);
  });

  it('keeps both versions when another window saved first; "keep mine" saves on top of theirs, "take theirs" adopts it', async () => {
    server.version = 2;
    server.source = 'theirs';
    const { save } = autosave();
    save.update('mine', undefined);
    await settle();
    expect(save.state).toEqual({ kind: 'conflict', theirs: { version: 2, source: 'theirs' }, mine: 'mine' });
    // Nothing more is sent while the person chooses, whatever is typed.
    save.update('mine, more', undefined);
    await settle(5000);
    expect(server.puts).toHaveLength(1);
    await save.keepMine();
    expect(server.puts.at(-1)).toEqual({ source: 'mine, more', baseVersion: 2 });
    expect(save.state).toEqual({ kind: 'saved', version: 3 });

    server.version = 4;
    server.source = 'theirs again';
    save.update('mine again', undefined);
    await settle();
    expect(save.state.kind).toBe('conflict');
    expect(save.takeTheirs()).toBe('theirs again');
    expect(save.state).toEqual({ kind: 'saved', version: 4 });
    expect(save.baseVersion).toBe(4);
    expect(readDraft('d')).toBeUndefined();
  });

  it("shows the server's refusal with slide and line and keeps the text; sends it again only when it changes", async () => {
    server.next.push({
      status: 400,
      body: {
        error: {
          code: 'invalid_deck',
          message: 'Decket blev ikke gemt. Fejl på slide 2 ("B"), linje 9: …',
          slide: 'slide 2 ("B")',
          line: 9,
        },
      },
    });
    const { save } = autosave();
    save.update('v1 image', undefined);
    await settle();
    expect(save.state).toEqual({ kind: 'invalid', message: 'Decket blev ikke gemt. Fejl på slide 2 ("B"), linje 9: …', line: 9 });
    await settle(10_000);
    expect(server.puts).toHaveLength(1);
    expect(readDraft('d')?.source).toBe('v1 image');
    save.update('v1 image fixed', undefined);
    await settle();
    expect(save.state).toEqual({ kind: 'saved', version: 2 });
  });

  it('waits as long as the server asks (429), and tries again without a connection until the server has the text', async () => {
    server.next.push({ status: 429, body: { error: { code: 'rate_limited', message: 'Vent lidt.' } }, headers: { 'retry-after': '7' } });
    const { save } = autosave();
    save.update('v1 later', undefined);
    await settle();
    expect(save.state).toEqual({ kind: 'waiting', message: 'Vent lidt.', seconds: 7 });
    await settle(7000);
    expect(save.state).toEqual({ kind: 'saved', version: 2 });

    server.offline = true;
    save.update('v2 offline', undefined);
    await settle();
    expect(save.state.kind).toBe('failed');
    expect(readDraft('d')).toMatchObject({ baseVersion: 2, source: 'v2 offline' });
    server.offline = false;
    await settle(5000);
    expect(save.state).toEqual({ kind: 'saved', version: 3 });
    expect(server.source).toBe('v2 offline');
  });

  it('saves what was typed during a save right after it', async () => {
    const { save } = autosave();
    save.update('first', undefined);
    await settle(1200);
    // The save is under way; more is typed before the answer.
    save.update('first and second', undefined);
    await settle();
    expect(server.puts.map((p) => [p.source, p.baseVersion])).toEqual([
      ['first', 1],
      ['first and second', 2],
    ]);
    expect(save.state).toEqual({ kind: 'saved', version: 3 });
  });
});

describe('undo history', () => {
  it('makes typing in one field one step, and undo shows the slide the change was on', () => {
    const h = new History('a');
    h.push({ source: 'ab', before: 0, after: 0 }, 'body@0', 1000);
    h.push({ source: 'abc', before: 0, after: 0 }, 'body@0', 1500);
    h.push({ source: 'abcd', before: 0, after: 0 }, 'notes@0', 1600);
    h.push({ source: 'abcd + slide', before: 0, after: 3 }, undefined, 1700);
    expect(h.undo()).toEqual({ source: 'abcd', slide: 0 });
    expect(h.undo()).toEqual({ source: 'abc', slide: 0 });
    expect(h.undo()).toEqual({ source: 'a', slide: 0 });
    expect(h.canUndo).toBe(false);
    expect(h.redo()).toEqual({ source: 'abc', slide: 0 });
    // A new change after an undo drops what could have been redone.
    h.push({ source: 'abX', before: 2, after: 2 }, 'body@2', 5000);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toEqual({ source: 'abc', slide: 2 });
  });

  it('starts a new step after a pause in the same field', () => {
    const h = new History('');
    h.push({ source: 'a', before: 0, after: 0 }, 'body@0', 0);
    h.push({ source: 'ab', before: 0, after: 0 }, 'body@0', 5000);
    expect(h.undo()).toEqual({ source: 'a', slide: 0 });
  });
});
