// PostgreSQL tables for deck images: the bytes by hash (BYTEA), and each deck's current name → hash map.
import type pg from 'pg';
import type { DeckImageEntry, DeckImageQuota, DeckImageStore, ImageType, PutImageResult, StoredImage } from '../deck-images.js';
import type { DeckImages } from '../deck-store.js';
import { changes, rows, type PgDb, type Queryable } from './db.js';

const UPSERT_NAME = `INSERT INTO deck_image_names (deck_id, name, hash) VALUES ($1, $2, $3)
  ON CONFLICT (deck_id, name) DO UPDATE SET hash = excluded.hash`;

/** Stores the bytes once per hash; bytes stored again are fresh again, so sweep's grace time starts over. */
async function insertBlob(on: Queryable, image: StoredImage, at: number): Promise<void> {
  await on.query(
    `INSERT INTO image_blobs (hash, type, bytes, data, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (hash) DO UPDATE SET created_at = excluded.created_at WHERE image_blobs.created_at < excluded.created_at`,
    [image.hash, image.type, image.data.length, image.data, at],
  );
}

/**
 * The deck's row locked for the rest of the transaction: changes to one deck's current set run one after the other
 * (two uploads at once cannot both slip past the quota), as SQLite's IMMEDIATE transactions run them.
 */
async function lockDeck(c: pg.PoolClient, deckId: string): Promise<void> {
  await c.query('SELECT 1 FROM decks WHERE id = $1 FOR NO KEY UPDATE', [deckId]);
}

export class PgDeckImageStore implements DeckImageStore {
  constructor(private readonly db: PgDb) {}

  put(deckId: string, name: string, image: StoredImage, quota: DeckImageQuota, at: number): Promise<PutImageResult> {
    return this.db.tx('gemme billedet', undefined, async (c): Promise<PutImageResult> => {
      await lockDeck(c, deckId);
      const [usage] = await rows<{ n: number; total: number | null }>(
        c,
        `SELECT COUNT(*) AS n, SUM(b.bytes) AS total FROM deck_image_names n JOIN image_blobs b ON b.hash = n.hash WHERE n.deck_id = $1`,
        [deckId],
      );
      const [before] = await rows<{ bytes: number }>(
        c,
        'SELECT b.bytes FROM deck_image_names n JOIN image_blobs b ON b.hash = n.hash WHERE n.deck_id = $1 AND n.name = $2',
        [deckId, name],
      );
      const n = usage?.n ?? 0;
      const used = usage?.total ?? 0;
      const count = n + (before ? 0 : 1);
      const total = used - (before?.bytes ?? 0) + image.data.length;
      if (count > quota.maxImages) return { status: 'too_many', count: n };
      if (total > quota.maxTotalBytes) return { status: 'too_large_total', total: used };
      await insertBlob(c, image, at);
      await c.query(UPSERT_NAME, [deckId, name, image.hash]);
      return { status: 'stored', replaced: before !== undefined };
    });
  }

  putBytes(images: readonly StoredImage[], at: number): Promise<void> {
    return this.db.tx('gemme billederne', undefined, async (c) => {
      for (const image of images) await insertBlob(c, image, at);
    });
  }

  current(deckId: string): Promise<DeckImageEntry[]> {
    return this.db.run('læse deckets billeder', async (on) =>
      (
        await rows<{ name: string; hash: string; type: string; bytes: number }>(
          on,
          `SELECT n.name, n.hash, b.type, b.bytes FROM deck_image_names n JOIN image_blobs b ON b.hash = n.hash
           WHERE n.deck_id = $1 ORDER BY n.name COLLATE "C"`,
          [deckId],
        )
      ).map((r) => ({ name: r.name, hash: r.hash, type: r.type as ImageType, bytes: r.bytes })),
    );
  }

  adopt(deckId: string, images: DeckImages): Promise<void> {
    return this.db.tx('gemme deckets billeder', undefined, async (c) => {
      await lockDeck(c, deckId);
      await c.query('DELETE FROM deck_image_names WHERE deck_id = $1', [deckId]);
      for (const [name, hash] of Object.entries(images)) await c.query(UPSERT_NAME, [deckId, name, hash]);
    });
  }

  remove(deckId: string, name: string): Promise<boolean> {
    return this.db.run(
      'fjerne billedet',
      async (on) => (await changes(on, 'DELETE FROM deck_image_names WHERE deck_id = $1 AND name = $2', [deckId, name])) > 0,
    );
  }

  get(hash: string): Promise<StoredImage | undefined> {
    return this.db.run('læse billedet', async (on) => {
      const [row] = await rows<{ hash: string; type: string; data: Buffer }>(
        on,
        'SELECT hash, type, data FROM image_blobs WHERE hash = $1',
        [hash],
      );
      return row && { hash: row.hash, type: row.type as ImageType, data: row.data };
    });
  }

  describe(hashes: readonly string[]): Promise<Map<string, { type: ImageType; bytes: number }>> {
    return this.db.run('læse billederne', async (on) => {
      const found = await rows<{ hash: string; type: string; bytes: number }>(
        on,
        'SELECT hash, type, bytes FROM image_blobs WHERE hash = ANY($1::text[])',
        [[...new Set(hashes)]],
      );
      const byHash = new Map(found.map((r) => [r.hash, { type: r.type as ImageType, bytes: r.bytes }]));
      // In the order asked, as SQLite answers.
      const answer = new Map<string, { type: ImageType; bytes: number }>();
      for (const hash of new Set(hashes)) {
        const d = byHash.get(hash);
        if (d) answer.set(hash, d);
      }
      return answer;
    });
  }

  sweep(before: number): Promise<number> {
    return this.db.tx('rydde op i billederne', undefined, async (c) => {
      await c.query('DELETE FROM deck_image_names WHERE deck_id IN (SELECT id FROM decks WHERE deleted_at IS NOT NULL)');
      // deck_versions.images is a JSON object of name → hash (server/pg/decks-pg.ts); jsonb_each_text reads its values.
      return changes(
        c,
        `DELETE FROM image_blobs WHERE created_at < $1
           AND NOT EXISTS (SELECT 1 FROM deck_image_names n WHERE n.hash = image_blobs.hash)
           AND hash NOT IN (SELECT j.value FROM deck_versions v, jsonb_each_text(v.images::jsonb) j)`,
        [before],
      );
    });
  }
}
