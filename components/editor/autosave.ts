// Autosave: a deck that compiles is saved a moment after typing stops, on top of the version the editor holds
// (baseVersion). What the server answers decides the state the editor shows — saved, another window saved first
// (both versions kept for the person to choose), a mistake (slide and line; nothing sent again until the text
// changes), a wait, no connection (tried again) — and the text is never dropped: a copy stays in this browser until
// the server has it.
import type { DeckProblem } from './compile.js';
import { loadSource, saveSource } from './editor-api.js';

export type SaveStatus =
  | { kind: 'saved'; version: number }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'invalid'; message: string; line?: number }
  | { kind: 'waiting'; message: string; seconds: number }
  | { kind: 'failed'; message: string }
  | { kind: 'conflict'; theirs: { version: number; source: string }; mine: string }
  | { kind: 'locked'; message: string };

/** What this browser keeps of a deck's unsaved text, so a closed tab or a lost connection loses nothing. */
export interface Draft {
  baseVersion: number;
  source: string;
  at: number;
}

const draftKey = (deckId: string) => `rs-deck-draft:${deckId}`;

export function readDraft(deckId: string): Draft | undefined {
  try {
    const d = JSON.parse(localStorage.getItem(draftKey(deckId)) ?? 'null') as Draft | null;
    return d && typeof d.source === 'string' && typeof d.baseVersion === 'number' ? d : undefined;
  } catch {
    return undefined;
  }
}

function writeDraft(deckId: string, draft: Draft | undefined): void {
  try {
    if (draft) localStorage.setItem(draftKey(deckId), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(deckId));
  } catch {
    // Storage full or disabled: the server copy and the open page are what is left.
  }
}

export interface AutosaveOptions {
  deckId: string;
  editorKey: string;
  /** The version the editor's text is based on, and that text as stored in it. */
  baseVersion: number;
  savedSource: string;
  onStatus: (status: SaveStatus) => void;
  /** Quiet time after the last change before a save. */
  delayMs?: number;
}

export class Autosave {
  baseVersion: number;
  private savedSource: string;
  private current: string;
  private problem: DeckProblem | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private status: SaveStatus;
  private failures = 0;

  constructor(private readonly options: AutosaveOptions) {
    this.baseVersion = options.baseVersion;
    this.savedSource = options.savedSource;
    this.current = options.savedSource;
    this.status = { kind: 'saved', version: options.baseVersion };
  }

  get state(): SaveStatus {
    return this.status;
  }

  /** Whether the text on screen is not yet on the server. */
  get unsaved(): boolean {
    return this.current !== this.savedSource;
  }

  private set(status: SaveStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }

  /** The text changed; it is compiled next, and saved after `update`. */
  touch(source: string): void {
    this.current = source;
    writeDraft(this.options.deckId, this.unsaved ? { baseVersion: this.baseVersion, source, at: Date.now() } : undefined);
    if (this.status.kind === 'conflict' || this.status.kind === 'locked') return;
    if (this.unsaved) this.set({ kind: 'pending' });
    else if (!this.inFlight) this.set({ kind: 'saved', version: this.baseVersion });
  }

  /** The compiled result of `source`: a save is planned when it compiles; a mistake is shown and nothing is sent. */
  update(source: string, problem: DeckProblem | undefined): void {
    this.touch(source);
    this.problem = problem;
    if (this.status.kind === 'conflict' || this.status.kind === 'locked') return;
    clearTimeout(this.timer);
    if (!this.unsaved) return;
    if (problem) {
      this.set({ kind: 'invalid', message: problem.message, ...(problem.line ? { line: problem.line } : {}) });
      return;
    }
    this.timer = setTimeout(() => void this.save(), this.options.delayMs ?? 1200);
  }

  /** Save now if there is something to save (Start møde, Ctrl+S); resolves when the server has answered. */
  async flush(): Promise<SaveStatus> {
    clearTimeout(this.timer);
    await this.inFlight;
    if (this.unsaved && !this.problem && this.status.kind !== 'conflict' && this.status.kind !== 'locked') await this.save();
    return this.status;
  }

  /** The page is going away: what is unsaved is sent in a request that outlives it (the draft is kept either way). */
  leave(): void {
    if (!this.unsaved || this.problem || this.status.kind === 'conflict' || this.status.kind === 'locked') return;
    void saveSource(this.options.deckId, this.options.editorKey, this.current, this.baseVersion, { keepalive: true });
  }

  private save(): Promise<void> {
    if (this.inFlight) return this.inFlight.then(() => this.save());
    const source = this.current;
    const base = this.baseVersion;
    this.set({ kind: 'saving' });
    this.inFlight = (async () => {
      const answer = await saveSource(this.options.deckId, this.options.editorKey, source, base);
      this.inFlight = undefined;
      switch (answer.kind) {
        case 'saved':
          this.failures = 0;
          this.baseVersion = answer.version;
          this.savedSource = source;
          if (!this.unsaved) writeDraft(this.options.deckId, undefined);
          // Typing went on while this save was under way: that is the next save.
          if (this.unsaved) this.update(this.current, this.problem);
          else this.set({ kind: 'saved', version: answer.version });
          return;
        case 'stale': {
          // Another window saved first: both versions are kept, the person chooses (resolveTheirs / resolveMine).
          let theirs: { version: number; source: string };
          try {
            const latest = await loadSource(this.options.deckId, this.options.editorKey);
            theirs = { version: latest.version, source: latest.source };
          } catch {
            this.retry('Et andet vindue har gemt decket, men den nye udgave kunne ikke hentes.');
            return;
          }
          if (theirs.source === this.current) {
            this.baseVersion = theirs.version;
            this.savedSource = theirs.source;
            writeDraft(this.options.deckId, undefined);
            this.set({ kind: 'saved', version: theirs.version });
            return;
          }
          this.set({ kind: 'conflict', theirs, mine: this.current });
          return;
        }
        case 'invalid':
          this.set({ kind: 'invalid', message: answer.message, ...(answer.line ? { line: answer.line } : {}) });
          return;
        case 'wait':
          this.set({ kind: 'waiting', message: answer.message, seconds: answer.seconds });
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.save(), answer.seconds * 1000);
          return;
        case 'failed':
          if (answer.status === 401 || answer.status === 403 || answer.status === 404) {
            this.set({ kind: 'locked', message: answer.message });
            return;
          }
          this.retry(answer.message);
      }
    })();
    return this.inFlight;
  }

  /** No connection or a server error: tried again, a little later each time; the draft holds the text meanwhile. */
  private retry(message: string): void {
    this.failures++;
    const seconds = Math.min(60, 5 * 2 ** (this.failures - 1));
    this.set({ kind: 'failed', message });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), seconds * 1000);
  }

  /** Keep the other window's version: the editor shows it, and it is what is saved. */
  takeTheirs(): string {
    if (this.status.kind !== 'conflict') return this.current;
    const { theirs } = this.status;
    this.baseVersion = theirs.version;
    this.savedSource = theirs.source;
    this.current = theirs.source;
    writeDraft(this.options.deckId, undefined);
    this.set({ kind: 'saved', version: theirs.version });
    return theirs.source;
  }

  /** Keep this window's text: saved as the next version on top of the other window's. */
  async keepMine(): Promise<void> {
    if (this.status.kind !== 'conflict') return;
    this.baseVersion = this.status.theirs.version;
    this.set({ kind: 'pending' });
    await this.save();
  }

  /** A draft from an earlier visit, based on an older version than the server's: the person chooses, as after a 409. */
  offerConflict(theirs: { version: number; source: string }, mine: string): void {
    this.current = mine;
    this.set({ kind: 'conflict', theirs, mine });
  }
}
