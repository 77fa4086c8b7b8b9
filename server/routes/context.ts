// What the route handlers share: the server's configuration, its rooms and decks, and the HTTP helpers built once per server.
import type { Config } from '../config.js';
import type { DeckLibrary } from '../deck-library.js';
import type { Auth } from '../http/auth.js';
import type { Limits } from '../http/limits.js';
import type { PageServer } from '../http/pages.js';
import type { Site } from '../http/site.js';
import type { Rooms } from '../rooms.js';

/** What server/app.ts hands the HTTP side. */
export interface HttpDeps {
  config: Config;
  rooms: Rooms;
  /** Templates and stored decks, each version compiled once (server/deck-library.ts). */
  decks: DeckLibrary;
  /** Serves the built (or, in development, Vite-served) pages. */
  pages: PageServer;
  log: (message: string) => void;
}

export interface RouteContext extends HttpDeps {
  auth: Auth;
  site: Site;
  limits: Limits;
}
