// The deck routes: the templates' list, and a deck version's manifest and slides for the projector and the phones.
import type { DeckManifest } from '../../core/deck.js';
import { DeckError, type LoadedDeck } from '../deck-manifest.js';
import { HttpError } from '../http/errors.js';
import type { RouteRequest } from '../http/router.js';
import { sendJson } from '../respond.js';
import type { RouteContext } from './context.js';

type DeckRequest = RouteRequest<{ readonly deck: string }>;

export function deckRoutes({ decks, log }: RouteContext) {
  /** The deck at `?version=N`, or at its latest when there is no version; 404 when there is no such deck or version. */
  async function served(deckId: string, url: URL): Promise<LoadedDeck> {
    const raw = url.searchParams.get('version');
    try {
      if (raw === null) {
        const current = await decks.current(deckId);
        if (!current) throw new HttpError(404, 'unknown_deck', `Decket "${deckId}" findes ikke.`);
        return current.deck;
      }
      if (!/^[1-9]\d{0,8}$/.test(raw)) {
        throw new HttpError(400, 'invalid_request', `Parameteren "version" skal være et helt tal fra 1 (fik "${raw.slice(0, 20)}").`);
      }
      const deck = await decks.compiled(deckId, Number(raw));
      if (!deck) throw new HttpError(404, 'unknown_deck', `Decket "${deckId}" har ingen version ${raw}.`);
      return deck;
    } catch (err) {
      // A stored version is checked when it is saved; one that no longer compiles is this server's fault.
      if (err instanceof DeckError) {
        log(`decket ${deckId} (version ${raw ?? 'seneste'}) kan ikke vises: ${err.message}`);
        throw new HttpError(500, 'internal', `Decket "${deckId}" kan ikke vises: ${err.message}`);
      }
      throw err;
    }
  }

  return {
    /** GET /api/decks: the templates (and those left out, with their error). Stored decks are never listed. */
    list({ res }: RouteRequest): void {
      sendJson(res, 200, decks.list());
    },

    /** GET /api/decks/<deck>[?version=N] */
    async manifest({ res, url, params }: DeckRequest): Promise<void> {
      const manifest: DeckManifest = (await served(params.deck, url)).manifest;
      sendJson(res, 200, manifest);
    },

    /** GET /api/decks/<deck>/slides[?version=N] */
    async slides({ res, url, params }: DeckRequest): Promise<void> {
      const deck = await served(params.deck, url);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(deck.html);
    },
  };
}
