// SQLite tables for deck images: the bytes by hash, and each deck's current name → hash map. Shares the
// SqliteStorage's database, where deck_versions pin their images as JSON (server/deck-store.ts).
import type Database from 'better-sqlite3';
import type { DeckImageEntry, DeckImageQuota, DeckImageStore, ImageType, PutImageResult, StoredImage } from './deck-images.js';
import type { DeckImages } from './deck-store.js';
import { guard } from './sqlite.js';

// The tables: server/sqlite-migrations.ts. image_blobs rows never change; a row goes only when nothing names it (sweep).

interface EntryRow {
  name: string;
  hash: string;
  type: string;
  bytes: number;
}

export class SqliteDeckImageStore implements DeckImageStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertBlob: db.prepare(
        'INSERT INTO image_blobs (hash, type, bytes, data, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING',
      ),
      // A blob stored again is fresh again: the grace time of sweep starts over.
      touchBlob: db.prepare('UPDATE image_blobs SET created_at = ? WHERE hash = ? AND created_at < ?'),
      blob: db.prepare<[string], { hash: string; type: string; data: Buffer }>('SELECT hash, type, data FROM image_blobs WHERE hash = ?'),
      entries: db.prepare<[string], EntryRow>(
        `SELECT n.name, n.hash, b.type, b.bytes FROM deck_image_names n JOIN image_blobs b ON b.hash = n.hash
         WHERE n.deck_id = ? ORDER BY n.name`,
      ),
      entry: db.prepare<[string, string], { bytes: number }>(
        'SELECT b.bytes FROM deck_image_names n JOIN image_blobs b ON b.hash = n.hash WHERE n.deck_id = ? AND n.name = ?',
      ),
      usage: db.prepare<[string], { n: number; total: number | null }>(
        `SELECT COUNT(*) AS n, SUM(b.bytes) AS total FROM deck_image_names n JOIN image_blobs b ON b.hash = n.hash WHERE n.deck_id = ?`,
      ),
      upsertName: db.prepare(
        `INSERT INTO deck_image_names (deck_id, name, hash) VALUES (?, ?, ?)
         ON CONFLICT (deck_id, name) DO UPDATE SET hash = excluded.hash`,
      ),
      clearNames: db.prepare('DELETE FROM deck_image_names WHERE deck_id = ?'),
      removeName: db.prepare('DELETE FROM deck_image_names WHERE deck_id = ? AND name = ?'),
      describe: db.prepare<[string], { type: string; bytes: number }>('SELECT type, bytes FROM image_blobs WHERE hash = ?'),
      dropDeletedDecks: db.prepare('DELETE FROM deck_image_names WHERE deck_id IN (SELECT id FROM decks WHERE deleted_at IS NOT NULL)'),
      // deck_versions.images is a JSON object of name → hash (server/decks-sqlite.ts); json_each reads its values.
      sweep: db.prepare(
        `DELETE FROM image_blobs WHERE created_at < ?
           AND NOT EXISTS (SELECT 1 FROM deck_image_names n WHERE n.hash = image_blobs.hash)
           AND hash NOT IN (SELECT j.value FROM deck_versions v, json_each(v.images) j)`,
      ),
    };
  }

  put(deckId: string, name: string, image: StoredImage, quota: DeckImageQuota, at: number): Promise<PutImageResult> {
    return guard('gemme billedet', () =>
      this.db
        .transaction((): PutImageResult => {
          const usage = this.stmt.usage.get(deckId)!;
          const before = this.stmt.entry.get(deckId, name);
          const count = usage.n + (before ? 0 : 1);
          const total = (usage.total ?? 0) - (before?.bytes ?? 0) + image.data.length;
          if (count > quota.maxImages) return { status: 'too_many', count: usage.n };
          if (total > quota.maxTotalBytes) return { status: 'too_large_total', total: usage.total ?? 0 };
          this.insert(image, at);
          this.stmt.upsertName.run(deckId, name, image.hash);
          return { status: 'stored', replaced: before !== undefined };
        })
        .immediate(),
    );
  }

  private insert(image: StoredImage, at: number): void {
    if (this.stmt.insertBlob.run(image.hash, image.type, image.data.length, image.data, at).changes === 0) {
      this.stmt.touchBlob.run(at, image.hash, at);
    }
  }

  putBytes(images: readonly StoredImage[], at: number): Promise<void> {
    return guard('gemme billederne', () =>
      this.db
        .transaction(() => {
          for (const image of images) this.insert(image, at);
        })
        .immediate(),
    );
  }

  current(deckId: string): Promise<DeckImageEntry[]> {
    return guard('læse deckets billeder', () =>
      this.stmt.entries.all(deckId).map((r) => ({ name: r.name, hash: r.hash, type: r.type as ImageType, bytes: r.bytes })),
    );
  }

  adopt(deckId: string, images: DeckImages): Promise<void> {
    return guard('gemme deckets billeder', () =>
      this.db
        .transaction(() => {
          this.stmt.clearNames.run(deckId);
          for (const [name, hash] of Object.entries(images)) this.stmt.upsertName.run(deckId, name, hash);
        })
        .immediate(),
    );
  }

  remove(deckId: string, name: string): Promise<boolean> {
    return guard('fjerne billedet', () => this.stmt.removeName.run(deckId, name).changes > 0);
  }

  get(hash: string): Promise<StoredImage | undefined> {
    return guard('læse billedet', () => {
      const row = this.stmt.blob.get(hash);
      return row && { hash: row.hash, type: row.type as ImageType, data: row.data };
    });
  }

  describe(hashes: readonly string[]): Promise<Map<string, { type: ImageType; bytes: number }>> {
    return guard('læse billederne', () => {
      const found = new Map<string, { type: ImageType; bytes: number }>();
      for (const hash of new Set(hashes)) {
        const row = this.stmt.describe.get(hash);
        if (row) found.set(hash, { type: row.type as ImageType, bytes: row.bytes });
      }
      return found;
    });
  }

  sweep(before: number): Promise<number> {
    return guard('rydde op i billederne', () =>
      this.db
        .transaction(() => {
          this.stmt.dropDeletedDecks.run();
          return this.stmt.sweep.run(before).changes;
        })
        .immediate(),
    );
  }
}
