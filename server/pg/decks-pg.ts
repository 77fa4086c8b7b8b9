// PostgreSQL tables for decks and their versions; the same database as the rooms, which pin a version.
import type { DeckImages, DeckRecord, DeckStore, DeckVersion, NewDeck, SaveResult } from '../deck-store.js';
import { changes, rows, type PgDb, type Queryable } from './db.js';
import { type DeckRow, toDeck, toVersion, type VersionRow } from '../storage-rows.js';

const INSERT_VERSION = 'INSERT INTO deck_versions (deck_id, version, source, title, images, created_at) VALUES ($1, $2, $3, $4, $5, $6)';

/**
 * Removes versions of deleted decks that no room pins, inside the caller's transaction (a deck or rooms deleted).
 * A room stored before rooms pinned a version (deck_version NULL) counts as pinning its deck's latest, which is
 * what it is given when it is pinned.
 */
export function purgeUnpinned(on: Queryable): Promise<number> {
  return changes(
    on,
    `DELETE FROM deck_versions WHERE deck_id IN (SELECT id FROM decks WHERE deleted_at IS NOT NULL)
      AND NOT EXISTS (
        SELECT 1 FROM rooms r WHERE r.deck = deck_versions.deck_id
          AND (r.deck_version = deck_versions.version
            OR (r.deck_version IS NULL AND deck_versions.version = (SELECT latest_version FROM decks d WHERE d.id = r.deck)))
      )`,
  );
}

export class PgDeckStore implements DeckStore {
  constructor(private readonly db: PgDb) {}

  createDeck(d: NewDeck): Promise<'created' | 'taken'> {
    return this.db.tx('oprette decket', undefined, async (c): Promise<'created' | 'taken'> => {
      // Of two creations at once, the second waits for the first and then inserts nothing.
      const created = await changes(
        c,
        `INSERT INTO decks (id, title, template, editor_key_hash, created_at, updated_at, latest_version, deleted_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, NULL) ON CONFLICT (id) DO NOTHING`,
        [d.id, d.title, d.template, d.editorKeyHash, d.at, d.at],
      );
      if (created === 0) return 'taken';
      await c.query(INSERT_VERSION, [d.id, 1, d.source, d.title, JSON.stringify(d.images), d.at]);
      return 'created';
    });
  }

  getDeck(id: string): Promise<DeckRecord | undefined> {
    return this.db.run('læse decket', async (on) => toDeck((await rows<DeckRow>(on, 'SELECT * FROM decks WHERE id = $1', [id]))[0]));
  }

  getVersion(deckId: string, version: number): Promise<DeckVersion | undefined> {
    return this.db.run('læse deckets version', async (on) =>
      toVersion((await rows<VersionRow>(on, 'SELECT * FROM deck_versions WHERE deck_id = $1 AND version = $2', [deckId, version]))[0]),
    );
  }

  getLatestVersion(deckId: string): Promise<DeckVersion | undefined> {
    return this.db.run('læse deckets seneste version', async (on) =>
      toVersion(
        (
          await rows<VersionRow>(
            on,
            `SELECT v.* FROM deck_versions v JOIN decks d ON d.id = v.deck_id AND v.version = d.latest_version
             WHERE d.id = $1 AND d.deleted_at IS NULL`,
            [deckId],
          )
        )[0],
      ),
    );
  }

  listDecks(filter: { template?: boolean } = {}): Promise<DeckRecord[]> {
    return this.db.run('læse decks', async (on) => {
      const list =
        filter.template === undefined
          ? await rows<DeckRow>(on, 'SELECT * FROM decks WHERE deleted_at IS NULL ORDER BY created_at, id COLLATE "C"')
          : await rows<DeckRow>(on, 'SELECT * FROM decks WHERE deleted_at IS NULL AND template = $1 ORDER BY created_at, id COLLATE "C"', [
              filter.template,
            ]);
      return list.map((r) => toDeck(r)!);
    });
  }

  saveVersion(deckId: string, baseVersion: number, source: string, title: string, images: DeckImages, at: number): Promise<SaveResult> {
    return this.db.tx('gemme decket', undefined, async (c): Promise<SaveResult> => {
      // The deck's row locked before it is read: a save at the same moment, from this process or another, waits
      // for this one and then reads the new latest, rather than both reading the same base.
      const [deck] = await rows<DeckRow>(c, 'SELECT * FROM decks WHERE id = $1 FOR UPDATE', [deckId]);
      if (!deck || deck.deleted_at !== null) return { status: 'gone' };
      if (deck.latest_version !== baseVersion) return { status: 'stale', currentVersion: deck.latest_version };
      await c.query('UPDATE decks SET latest_version = $1, title = $2, updated_at = $3 WHERE id = $4', [
        baseVersion + 1,
        title,
        at,
        deckId,
      ]);
      await c.query(INSERT_VERSION, [deckId, baseVersion + 1, source, title, JSON.stringify(images), at]);
      return { status: 'saved', version: baseVersion + 1 };
    });
  }

  deleteDeck(id: string, at: number): Promise<boolean> {
    return this.db.tx('slette decket', undefined, async (c) => {
      if ((await changes(c, 'UPDATE decks SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL', [at, id])) === 0) return false;
      await purgeUnpinned(c);
      return true;
    });
  }
}
