// The storage contract for decks and their versions (part of Storage): SQLite today, PostgreSQL later.
//
// A deck is data: its Markdown source is stored as a numbered, immutable version, and a room pins the version
// it was created with (RoomRecord.deckVersion), so a change saved during a meeting never reaches the meeting.
// Templates (the folders in slides/) are decks here too, marked `template`, without an editor key.
//
// Deleting a deck is soft: the deck leaves every list and refuses new rooms and new versions, but the versions
// that existing rooms pin stay readable, so those rooms keep running and exporting. A version no room pins is
// removed when the deck is deleted; the others go when the last room pinning them is deleted (retention). The
// deck's row stays behind, so its id is never given to another deck.

/** File name in the Markdown → content hash of the stored image. */
export type DeckImages = Record<string, string>;

export interface DeckRecord {
  /** Matches ID_PATTERN (core/activity.ts); a template's id is its folder's name. */
  id: string;
  /** The latest version's title. */
  title: string;
  template: boolean;
  /** SHA-256 of the editor key; the key itself is never stored. Null for templates, which nobody edits. */
  editorKeyHash: string | null;
  createdAt: number;
  updatedAt: number;
  latestVersion: number;
  /** When the deck was deleted; null while it is in use. */
  deletedAt: number | null;
}

/** One saved state of a deck. Never changed once stored. */
export interface DeckVersion {
  deckId: string;
  /** 1, 2, 3 … in the order they were saved. */
  version: number;
  source: string;
  title: string;
  images: DeckImages;
  createdAt: number;
}

export interface NewDeck {
  id: string;
  title: string;
  template: boolean;
  editorKeyHash: string | null;
  /** Version 1. */
  source: string;
  images: DeckImages;
  at: number;
}

/**
 * What a save did. `stale`: the save was based on an older version than the stored latest, so nothing was
 * stored (the caller answers 409 with `currentVersion`). `gone`: no such deck, or it is deleted.
 */
export type SaveResult = { status: 'saved'; version: number } | { status: 'stale'; currentVersion: number } | { status: 'gone' };

export interface DeckStore {
  /** A new deck with its version 1. 'taken' when the id belongs to a deck already, a deleted one too; nothing is written then. */
  createDeck(deck: NewDeck): Promise<'created' | 'taken'>;
  /** The deck, deleted or not (`deletedAt` says which). */
  getDeck(id: string): Promise<DeckRecord | undefined>;
  /** One version, also of a deleted deck as long as a room pins it. */
  getVersion(deckId: string, version: number): Promise<DeckVersion | undefined>;
  /** The latest version of a deck that is not deleted. */
  getLatestVersion(deckId: string): Promise<DeckVersion | undefined>;
  /** Decks that are not deleted, oldest first; `template` picks templates or stored decks only. */
  listDecks(filter?: { template?: boolean }): Promise<DeckRecord[]>;
  /**
   * Store version `baseVersion + 1`, atomically: only when `baseVersion` is the stored latest, so of two saves
   * based on the same version exactly one is stored and the other is told it is stale. A stored version is
   * never replaced or lost.
   */
  saveVersion(deckId: string, baseVersion: number, source: string, title: string, images: DeckImages, at: number): Promise<SaveResult>;
  /** Soft delete (see above); false when there was no such deck or it was deleted already. */
  deleteDeck(id: string, at: number): Promise<boolean>;
}
