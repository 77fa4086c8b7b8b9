// The activity kinds as components show them: one entry per kind (components/kinds/<kind>/view.ts), joined here
// over core's ActivityKind, so a kind without an entry, or an entry without a piece, does not compile.
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { ActivityDef, ActivityKind, WireBallot } from '../../core/activity.js';
import type { ActivityStatus } from '../../core/room-doc.js';
import type { KindView } from './kind-view.js';
import { motion } from './motion/view.js';
import { multi } from './multi/view.js';
import { points } from './points/view.js';
import { ranking } from './ranking/view.js';
import { scale } from './scale/view.js';
import { single } from './single/view.js';
import { text } from './text/view.js';

type Views = { [K in ActivityKind]: KindView<Extract<ActivityDef, { kind: K }>> };

export const KIND_VIEWS: Views = { single, multi, ranking, points, scale, text, motion };

/** The entry for a definition's kind, to be given that same definition. */
export function kindView(def: ActivityDef): KindView<ActivityDef> {
  return KIND_VIEWS[def.kind];
}

/** The kind's name as it reads inside a sentence. */
export function kindName(kind: ActivityKind): string {
  return KIND_VIEWS[kind].name();
}

/** The kind's ballot element, with the properties the app sets on every one; it emits rs-ballot. */
export function ballotInput(def: ActivityDef, status: ActivityStatus, ballot: WireBallot | undefined) {
  // The tag is one of the kinds' own (BallotTag), never text from outside.
  const tag = unsafeStatic(kindView(def).input);
  return staticHtml`<${tag} .definition=${def} .status=${status} .ballot=${ballot}></${tag}>`;
}
