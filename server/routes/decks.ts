// The deck routes: the list of decks, one deck's manifest, and its slides as HTML for the projector.
import type { DeckManifest, DeckSummary } from '../../core/deck.js';
import type { LoadedDeck } from '../deck-manifest.js';
import { HttpError } from '../http/errors.js';
import type { RouteRequest } from '../http/router.js';
import { sendJson } from '../respond.js';

type DeckRequest = RouteRequest<{ readonly deck: string }>;

export function deckRoutes(decks: ReadonlyMap<string, LoadedDeck>) {
  const summaries: DeckSummary[] = [...decks.values()].map((d) => ({ id: d.manifest.id, title: d.manifest.title }));

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
