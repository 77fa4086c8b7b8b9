// The deck routes: the list of decks, one deck's manifest, and its slides as HTML for the projector.
import type { DeckManifest } from '../../core/deck.js';
import type { DeckListEntry } from '../../core/wire.js';
import type { DeckError, LoadedDeck } from '../deck-manifest.js';
import { HttpError } from '../http/errors.js';
import type { RouteRequest } from '../http/router.js';
import { sendJson } from '../respond.js';

type DeckRequest = RouteRequest<{ readonly deck: string }>;

/** The deck routes over the loaded decks; `broken` decks are listed with their error and served nowhere else. */
export function deckRoutes(decks: ReadonlyMap<string, LoadedDeck>, broken: readonly DeckError[] = []) {
  const summaries: DeckListEntry[] = [
    ...[...decks.values()].map((d) => ({ id: d.manifest.id, title: d.manifest.title })),
    ...broken.map((e) => ({ id: e.deck, title: e.deck, error: e.message })),
  ];

  function deckOf(id: string): LoadedDeck {
    const deck = decks.get(id);
    if (!deck) throw new HttpError(404, 'unknown_deck', `Decket "${id}" findes ikke.`);
    return deck;
  }

  return {
    /** GET /api/decks */
    list({ res }: RouteRequest): void {
      sendJson(res, 200, summaries);
    },

    /** GET /api/decks/<deck> */
    manifest({ res, params }: DeckRequest): void {
      const manifest: DeckManifest = deckOf(params.deck).manifest;
      sendJson(res, 200, manifest);
    },

    /** GET /api/decks/<deck>/slides */
    slides({ res, params }: DeckRequest): void {
      const deck = deckOf(params.deck);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(deck.html);
    },
  };
}
