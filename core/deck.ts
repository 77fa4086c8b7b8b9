// The manifest of a deck: what the server trusts about its activities.
import type { ActivityDef } from './activity.js';
import type { BoardDef } from './board.js';

export interface DeckManifest {
  id: string;
  title: string;
  lang: string;
  /** `join` marks a slide that asks people to join (it holds <rs-join-info>): a phone that has joined does not repeat the call. */
  slides: { index: number; title: string; join?: true }[];
  activities: ActivityDef[];
  /** Whiteboards declared with <rs-board>; their ids share one namespace with the activities. */
  boards: BoardDef[];
}

export interface DeckSummary {
  id: string;
  title: string;
}
