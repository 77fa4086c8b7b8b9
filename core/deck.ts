// The manifest of a deck: what the server trusts about its activities.
import type { ActivityDef } from './activity.js';

export interface DeckManifest {
  id: string;
  title: string;
  lang: string;
  slides: { index: number; title: string }[];
  activities: ActivityDef[];
}

export interface DeckSummary {
  id: string;
  title: string;
}
