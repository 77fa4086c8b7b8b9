// SQLite tables for decks and their versions; shares the SqliteStorage's database, where rooms pin a version.
import type Database from 'better-sqlite3';
import type { DeckImages, DeckRecord, DeckStore, DeckVersion, NewDeck, SaveResult } from './deck-store.js';
import { guard } from './sqlite.js';
import { type DeckRow, toDeck, toVersion, type VersionRow } from './storage-rows.js';

// The tables, and the trigger that keeps deck_versions append-only: server/sqlite-migrations.ts.

/**
 * Versions of deleted decks that no room pins. A room stored before rooms pinned a version (deck_version NULL)
 * counts as pinning its deck's latest, which is what it is given when it is pinned.
 */
const UNPINNED = `deck_id IN (SELECT id FROM decks WHERE deleted_at IS NOT NULL)
  AND NOT EXISTS (
    SELECT 1 FROM rooms r WHERE r.deck = deck_versions.deck_id
      AND (r.deck_version = deck_versions.version
        OR (r.deck_version IS NULL AND deck_versions.version = (SELECT latest_version FROM decks d WHERE d.id = r.deck)))
  )`;

export class SqliteDeckStore implements DeckStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertDeck: db.prepare(
        `INSERT INTO decks (id, title, template, editor_key_hash, created_at, updated_at, latest_version, deleted_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, NULL) ON CONFLICT (id) DO NOTHING`,
      ),
      insertVersion: db.prepare(
        'INSERT INTO deck_versions (deck_id, version, source, title, images, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      deck: db.prepare<[string], DeckRow>('SELECT * FROM decks WHERE id = ?'),
      version: db.prepare<[string, number], VersionRow>('SELECT * FROM deck_versions WHERE deck_id = ? AND version = ?'),
      latest: db.prepare<[string], VersionRow>(
        `SELECT v.* FROM deck_versions v JOIN decks d ON d.id = v.deck_id AND v.version = d.latest_version
         WHERE d.id = ? AND d.deleted_at IS NULL`,
      ),
      listAll: db.prepare<[], DeckRow>('SELECT * FROM decks WHERE deleted_at IS NULL ORDER BY created_at, id'),
      listKind: db.prepare<[number], DeckRow>('SELECT * FROM decks WHERE deleted_at IS NULL AND template = ? ORDER BY created_at, id'),
      // The guard of a save: the row changes only while its latest is still the version the save was based on.
      advance: db.prepare(
        `UPDATE decks SET latest_version = latest_version + 1, title = ?, updated_at = ?
         WHERE id = ? AND latest_version = ? AND deleted_at IS NULL`,
      ),
      softDelete: db.prepare('UPDATE decks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
      purge: db.prepare(`DELETE FROM deck_versions WHERE ${UNPINNED}`),
    };
  }

  createDeck(d: NewDeck): Promise<'created' | 'taken'> {
    return guard('oprette decket', () =>
      this.db
        .transaction((): 'created' | 'taken' => {
          if (this.stmt.insertDeck.run(d.id, d.title, d.template ? 1 : 0, d.editorKeyHash, d.at, d.at).changes === 0) return 'taken';
          this.stmt.insertVersion.run(d.id, 1, d.source, d.title, JSON.stringify(d.images), d.at);
          return 'created';
        })
        .immediate(),
    );
  }

  getDeck(id: string): Promise<DeckRecord | undefined> {
    return guard('læse decket', () => toDeck(this.stmt.deck.get(id)));
  }

  getVersion(deckId: string, version: number): Promise<DeckVersion | undefined> {
    return guard('læse deckets version', () => toVersion(this.stmt.version.get(deckId, version)));
  }

  getLatestVersion(deckId: string): Promise<DeckVersion | undefined> {
    return guard('læse deckets seneste version', () => toVersion(this.stmt.latest.get(deckId)));
  }

  listDecks(filter: { template?: boolean } = {}): Promise<DeckRecord[]> {
    return guard('læse decks', () =>
      (filter.template === undefined ? this.stmt.listAll.all() : this.stmt.listKind.all(filter.template ? 1 : 0)).map((r) => toDeck(r)!),
    );
  }

  saveVersion(deckId: string, baseVersion: number, source: string, title: string, images: DeckImages, at: number): Promise<SaveResult> {
    return guard('gemme decket', () =>
      // IMMEDIATE takes the write lock before the read, so another process saving at the same time waits for
      // this one and then reads the new latest, rather than both reading the same base.
      this.db
        .transaction((): SaveResult => {
          const deck = this.stmt.deck.get(deckId);
          if (!deck || deck.deleted_at !== null) return { status: 'gone' };
          if (this.stmt.advance.run(title, at, deckId, baseVersion).changes === 0) {
            return { status: 'stale', currentVersion: deck.latest_version };
          }
          this.stmt.insertVersion.run(deckId, baseVersion + 1, source, title, JSON.stringify(images), at);
          return { status: 'saved', version: baseVersion + 1 };
        })
        .immediate(),
    );
  }

  deleteDeck(id: string, at: number): Promise<boolean> {
    return guard('slette decket', () =>
      this.db
        .transaction(() => {
          if (this.stmt.softDelete.run(at, id).changes === 0) return false;
          this.stmt.purge.run();
          return true;
        })
        .immediate(),
    );
  }

  /** Inside the caller's transaction (rooms deleted): versions of deleted decks that no room pins any longer go. */
  purgeUnpinnedSync(): number {
    return this.stmt.purge.run().changes;
  }
}
