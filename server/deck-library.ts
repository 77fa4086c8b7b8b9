// The decks the server serves: the templates of slides/ recorded in the deck store, the stored decks, and each
// version compiled once (by deck@version; compiling is pure, a version never changes).
import type { DeckListEntry } from '../core/wire.js';
import { DeckError, type LoadedDeck } from './deck-manifest.js';
import { imageUrls } from './deck-images.js';
import type { DeckImages, DeckRecord, DeckStore } from './deck-store.js';

/** server/decks/compile.ts: a deck's Markdown → its slides and manifest; throws DeckError naming slide and line. */
export type CompileDeck = (deckId: string, source: string, options?: { images?: ReadonlyMap<string, string> }) => LoadedDeck;

/** The slides folder as read at start: each template compiled with its source, and those left out for a mistake. */
export interface TemplateFolder {
  decks: ReadonlyMap<string, LoadedDeck & { source: string }>;
  broken: readonly DeckError[];
}

/** A deck a new room (or a request without ?version=) may use, at its latest version. */
export interface CurrentDeck {
  record: DeckRecord;
  version: number;
  deck: LoadedDeck;
}

/** Compiled versions kept: the decks of the rooms in use and the templates, with room to spare. */
const CACHE_SIZE = 100;

export class DeckLibrary {
  /** Templates that compiled at this start, in the folder's order, with their titles. */
  private readonly templates = new Map<string, string>();
  /** Templates left out: a mistake in the file, or an id a stored deck has. Listed with their error. */
  readonly broken: DeckError[];
  private readonly cache = new Map<string, Promise<LoadedDeck | undefined>>();

  constructor(
    readonly store: DeckStore,
    private readonly compile: CompileDeck,
    private readonly folder: TemplateFolder = { decks: new Map(), broken: [] },
  ) {
    for (const [id, t] of folder.decks) this.templates.set(id, t.manifest.title);
    this.broken = [...folder.broken];
  }

  /**
   * Record each template of the slides folder in the store as a template deck with the folder's name: version 1
   * the first time, a new version only when the file changed since the latest stored one. Run once at start.
   */
  async recordTemplates(now = Date.now()): Promise<void> {
    for (const [id, template] of this.folder.decks) {
      const recorded = await this.recordTemplate(id, template.source, template.manifest.title, now);
      if (typeof recorded === 'number') {
        // The folder compiled this very source already.
        this.remember(id, recorded, Promise.resolve({ manifest: template.manifest, html: template.html }));
        continue;
      }
      this.templates.delete(id);
      this.broken.push(recorded);
    }
  }

  /** The template's stored version equal to the file, or why it cannot be served. */
  private async recordTemplate(id: string, source: string, title: string, at: number): Promise<number | DeckError> {
    // Another server over the same database may record the same file at the same moment: then one of the two
    // writes is refused ('taken', 'stale'), and reading again finds what the other wrote.
    for (let attempt = 0; attempt < 3; attempt++) {
      const deck = await this.store.getDeck(id);
      if (!deck) {
        const created = await this.store.createDeck({ id, title, template: true, editorKeyHash: null, source, images: {}, at });
        if (created === 'created') return 1;
        continue;
      }
      if (!deck.template || deck.deletedAt !== null) {
        return new DeckError(id, 'mappen', `har samme navn som et deck, der er gemt på serveren. Giv mappen i slides/ et andet navn.`);
      }
      const latest = await this.store.getVersion(id, deck.latestVersion);
      if (latest?.source === source) return deck.latestVersion;
      const saved = await this.store.saveVersion(id, deck.latestVersion, source, title, {}, at);
      if (saved.status === 'saved') return saved.version;
    }
    return new DeckError(id, 'mappen', 'kunne ikke gemmes som skabelon, fordi en anden server skrev den samtidig. Start serveren igen.');
  }

  /** `GET /api/decks`: the templates that serve, then those left out with their error. Never the stored decks. */
  list(): DeckListEntry[] {
    return [
      ...[...this.templates].map(([id, title]) => ({ id, title })),
      ...this.broken.map((e) => ({ id: e.deck, title: e.deck, error: e.message })),
    ];
  }

  /** A template of this start's slides folder that compiled. */
  isTemplate(id: string): boolean {
    return this.templates.has(id);
  }

  /** One version compiled, or undefined when there is no such version (any more). Throws DeckError if it no longer compiles. */
  async compiled(deckId: string, version: number): Promise<LoadedDeck | undefined> {
    const key = `${deckId}@${version}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      // A live deck's versions never go; a deleted deck's go with the last room that pins them (deck-store.ts).
      const deck = await this.store.getDeck(deckId);
      if (deck && deck.deletedAt !== null && !(await this.store.getVersion(deckId, version))) return undefined;
      // Most recently used last: the first entry is the one to drop.
      this.cache.set(key, cached);
      return cached;
    }
    const stored = await this.store.getVersion(deckId, version);
    if (!stored) return undefined;
    const deck = this.check(deckId, stored.source, stored.images);
    this.remember(deckId, version, Promise.resolve(deck));
    return deck;
  }

  /** The deck a room shows: its pinned version, or for a room stored before pinning (0), its deck's latest. */
  async pinned(room: { deck: string; deckVersion: number }): Promise<{ version: number; deck: LoadedDeck } | undefined> {
    const version = room.deckVersion || (await this.store.getDeck(room.deck))?.latestVersion;
    const deck = version ? await this.compiled(room.deck, version) : undefined;
    return version && deck ? { version, deck } : undefined;
  }

  /**
   * The deck at its latest version, when it may be used for something new: a stored deck that is not deleted,
   * or a template of this start's slides folder that compiled (a broken or removed one serves only the rooms
   * that pinned it).
   */
  async current(deckId: string): Promise<CurrentDeck | undefined> {
    const record = await this.store.getDeck(deckId);
    if (!record || record.deletedAt !== null) return undefined;
    if (record.template && !this.templates.has(deckId)) return undefined;
    const deck = await this.compiled(deckId, record.latestVersion);
    return deck && { record, version: record.latestVersion, deck };
  }

  /**
   * Compile a source as a version of this deck is compiled (also the check before a save), with the images the
   * version pins: the file name in the Markdown → /api/deck-images/<hash>. Throws DeckError.
   */
  check(deckId: string, source: string, images: DeckImages = {}): LoadedDeck {
    return this.compile(deckId, source, { images: imageUrls(images) });
  }

  /** A deleted deck's compiled versions leave the cache; those rooms still pin are compiled again when asked for. */
  forget(deckId: string): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(`${deckId}@`)) this.cache.delete(key);
  }

  /** A saved version, put in the cache under its number so the next room does not compile it again. */
  remember(deckId: string, version: number, deck: Promise<LoadedDeck | undefined>): void {
    this.cache.set(`${deckId}@${version}`, deck);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }
}
