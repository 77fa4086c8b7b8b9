// The export of a room's outcomes: one versioned, person-free model that every format is rendered from.
// Built from storage alone, so the command line can export from the data folder without a running server.
import * as Y from 'yjs';
import {
  hiddenAnswers,
  limitsOf,
  methodOf,
  ballotOf,
  resultRows,
  scaleMean,
  tallyBallots,
  wordCounts,
  type ActivityDef,
  type WireBallot,
} from '../../core/activity.js';
import { topPriorities, type BoardDef, type Priority } from '../../core/board.js';
import { placeBoard, type Rect } from '../../core/board-geometry.js';
import { readBoardLayout } from '../../core/board-layout.js';
import type { DeckManifest } from '../../core/deck.js';
import { DOC, initialActivityState, meetingInfo } from '../../core/room-doc.js';
import type { Storage } from '../storage.js';
import { attendance } from '../members.js';

export const EXPORT_SCHEMA = 'radslag.export';
export const EXPORT_VERSION = 1;

export interface ExportRow {
  id: string;
  label: string;
  /** Votes, Borda points, points or answers, by kind. */
  count: number;
  /** Share of the activity's total, 0..1. */
  share: number;
  /** Ranking only: the mean place (1 = first). */
  meanRank?: number;
}

export interface ActivityExport {
  /** The item's number in the report, counted over activities and boards in deck order. */
  number: number;
  id: string;
  kind: ActivityDef['kind'];
  /** The method in words, e.g. "Prioritering (Borda-point)". */
  method: string;
  prompt: string;
  slide: { index: number; title: string };
  options: { id: string; label: string }[];
  limits: Record<string, number | string>;
  status: 'idle' | 'open' | 'closed';
  openedAt: string | null;
  closedAt: string | null;
  /** Participants with a ballot counted. */
  answered: number;
  rows: ExportRow[];
  /** Scale only. */
  mean: number | null;
  /** Open text only: words of the shown answers. */
  words: { word: string; count: number }[];
  /** Open text only: answers the facilitator hid (their text is not exported). */
  hiddenAnswers: number;
  decision: string;
}

export interface NoteExport {
  id: string;
  zone: string;
  zoneLabel: string;
  text: string;
  cluster: string | null;
  dots: number;
  byFacilitator: boolean;
  createdAt: string;
  /** Where the board draws it (its top left corner, board coordinates; core/board-geometry.ts). */
  at: { x: number; y: number };
}

export interface ClusterExport {
  id: string;
  name: string;
  notes: string[];
  /** Its own dots plus those on its notes. */
  dots: number;
  /** Its frame as the board draws it (board coordinates). */
  frame: Rect;
}

export interface BoardExport {
  number: number;
  id: string;
  prompt: string;
  slide: { index: number; title: string };
  /** With each zone's column as the board draws it (board coordinates). */
  zones: { id: string; label: string; frame: Rect }[];
  dotsPerParticipant: number;
  phase: 'closed' | 'notes' | 'dots';
  notes: NoteExport[];
  /** Notes hidden or still waiting for approval: counted, not exported. */
  notesNotShown: number;
  clusters: ClusterExport[];
  participantsWithDots: number;
  dotsPlaced: number;
  topPriorities: Priority[];
  /** Free-hand strokes on the board, for the picture. */
  strokes: { color: string; width: number; points: number[] }[];
  positions: Record<string, { x: number; y: number }>;
}

export interface RoomExport {
  schema: typeof EXPORT_SCHEMA;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  room: {
    id: string;
    title: string;
    deck: string;
    createdAt: string;
    participants: number;
    /** Where the meeting was held and who was absent, as the facilitator wrote them in the room menu ('' if not). */
    place: string;
    absent: string;
    /** Members who checked in with their voting card, as the minutes name them ("Jørgen Bech (V)"); [] without members. */
    present: string[];
  };
  activities: ActivityExport[];
  boards: BoardExport[];
}

const iso = (ms: number | null | undefined): string | null => (ms ? new Date(ms).toISOString() : null);

/** Everything a room produced, without tokens, participant ids or anything that links a person to a ballot. */
export async function buildExport(
  roomId: string,
  storage: Storage,
  decks: ReadonlyMap<string, { manifest: DeckManifest }>,
  now = Date.now(),
): Promise<RoomExport | undefined> {
  const record = await storage.getRoom(roomId);
  if (!record) return undefined;
  const manifest = decks.get(record.deck)?.manifest;
  if (!manifest) throw new Error(`Decket "${record.deck}" findes ikke længere; rummet kan ikke eksporteres uden det.`);

  const states = await storage.getActivityStates(roomId);
  const byActivity = new Map<string, WireBallot[]>();
  for (const b of await storage.listBallots(roomId)) {
    const list = byActivity.get(b.activity) ?? [];
    list.push(b.ballot);
    byActivity.set(b.activity, list);
  }
  // Members-only activities: ballots from the table that names nobody (docs/voting-cards.md); while the vote
  // is open its split is sealed here as on the screens, so exports taken between ballots cannot be compared.
  for (const b of await storage.members.listSecretBallots(roomId)) {
    if (states.get(b.activity)?.status === 'open') continue;
    const list = byActivity.get(b.activity) ?? [];
    list.push(b.ballot);
    byActivity.set(b.activity, list);
  }

  const doc = new Y.Doc();
  const updates = await storage.loadDocUpdates(roomId, 'public');
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));

  // Items are numbered in deck order, as agenda items in a referat.
  const items: Array<{ slide: number; kind: 'activity'; def: ActivityDef } | { slide: number; kind: 'board'; def: BoardDef }> = [
    ...manifest.activities.map((def) => ({ slide: def.slide, kind: 'activity' as const, def })),
    ...(manifest.boards ?? []).map((def) => ({ slide: def.slide, kind: 'board' as const, def })),
  ].sort((a, b) => a.slide - b.slide);

  const activities: ActivityExport[] = [];
  const boards: BoardExport[] = [];
  const notes = await storage.listNotes(roomId);
  const dots = await storage.listDots(roomId);
  const boardStates = await storage.getBoardStates(roomId);

  items.forEach((item, i) => {
    const number = i + 1;
    if (item.kind === 'activity') {
      const def = item.def;
      const state = { ...initialActivityState(), ...states.get(def.id) };
      const ballots = byActivity.get(def.id) ?? [];
      const tally = tallyBallots(
        def,
        ballots.map((b) => ballotOf(def, b)),
      );
      const hidden = state.hiddenEntries;
      activities.push({
        number,
        id: def.id,
        kind: def.kind,
        method: methodOf(def),
        prompt: def.prompt,
        slide: { index: def.slide, title: def.slideTitle },
        options: def.options.map((o) => ({ id: o.id, label: o.label })),
        limits: limitsOf(def),
        status: state.status,
        openedAt: iso(state.openedAt),
        closedAt: iso(state.closedAt),
        answered: ballots.length,
        rows: resultRows(def, tally, hidden).map((r) => ({
          id: r.id,
          label: r.label,
          count: r.count,
          share: r.share,
          ...(r.meanRank !== undefined ? { meanRank: r.meanRank } : {}),
        })),
        mean: scaleMean(tally),
        words: wordCounts(tally, hidden, 100).map((w) => ({ word: w.word, count: w.count })),
        hiddenAnswers: hiddenAnswers(tally, hidden),
        decision: state.decision,
      });
      return;
    }
    const def = item.def;
    // Whatever a facilitator's client wrote there, only validated, clamped values reach a file (core/board-layout.ts).
    const layoutMap = doc.getMap(DOC.layout).get(def.id);
    const layout = readBoardLayout(layoutMap instanceof Y.Map ? layoutMap.toJSON() : undefined);
    const strokes = layout.strokes.map((s) => ({ color: s.color, width: s.width, points: s.points }));
    const mine = notes.filter((n) => n.board === def.id);
    const visible = mine.filter((n) => n.status === 'visible');
    const counts: Record<string, number> = {};
    let dotsPlaced = 0;
    let participantsWithDots = 0;
    for (const d of dots) {
      if (d.board !== def.id) continue;
      participantsWithDots++;
      for (const [t, n] of Object.entries(d.dots)) {
        counts[t] = (counts[t] ?? 0) + n;
        dotsPlaced += n;
      }
    }
    const noteMap = new Map(visible.map((n) => [n.id, n]));
    const clusterMap = new Map(Object.entries(layout.clusters).map(([id, c]) => [id, { name: c.name }]));
    const membership = new Map(Object.entries(layout.membership).filter(([noteId]) => noteMap.has(noteId)));
    const priorities = topPriorities(counts, noteMap, clusterMap, membership);
    // The picture shows the board the facilitators see: every note they hold (hidden and waiting ones keep
    // their spots there), oldest first, placed by the board's own rules.
    const boardOrder = [...mine].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    const held = new Set(boardOrder.map((n) => n.id));
    const placed = placeBoard({
      zones: def.zones.map((z) => z.id),
      notes: boardOrder,
      clusters: Object.entries(layout.clusters).map(([id, c]) => ({ id, x: c.x ?? 0, y: c.y ?? 0 })),
      membership: new Map(Object.entries(layout.membership).filter(([noteId]) => held.has(noteId))),
      positions: layout.positions,
    });
    const zoneLabel = (z: string) => def.zones.find((x) => x.id === z)?.label ?? z;
    boards.push({
      number,
      id: def.id,
      prompt: def.prompt,
      slide: { index: def.slide, title: def.slideTitle },
      zones: def.zones.map((z, i) => ({ ...z, frame: placed.zones[i]! })),
      dotsPerParticipant: def.dots,
      phase: boardStates.get(def.id)?.phase ?? 'closed',
      notes: visible.map((n) => ({
        id: n.id,
        zone: n.zone,
        zoneLabel: zoneLabel(n.zone),
        text: n.text,
        cluster: membership.get(n.id) ?? null,
        dots: counts[n.id] ?? 0,
        byFacilitator: n.participantId === null,
        createdAt: new Date(n.createdAt).toISOString(),
        at: placed.notes.get(n.id) ?? { x: 0, y: 0 },
      })),
      notesNotShown: mine.length - visible.length,
      clusters: [...clusterMap].map(([id, c]) => {
        const members = [...membership].filter(([, cl]) => cl === id).map(([noteId]) => noteId);
        return {
          id,
          name: c.name,
          notes: members,
          dots: (counts[id] ?? 0) + members.reduce((a, m) => a + (counts[m] ?? 0), 0),
          frame: placed.clusters.get(id)!,
        };
      }),
      participantsWithDots,
      dotsPlaced,
      topPriorities: priorities,
      strokes,
      positions: Object.fromEntries(Object.entries(layout.positions).filter(([id]) => noteMap.has(id) || clusterMap.has(id))),
    });
  });
  const meeting = meetingInfo(doc.getMap(DOC.meeting).toJSON());
  // With a members' list, "Fraværende" is the members who never checked in; the typed text is for rooms without one.
  const roll = await attendance(storage, roomId);
  const members = roll.present.length + roll.absent.length > 0;
  doc.destroy();

  return {
    schema: EXPORT_SCHEMA,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    room: {
      id: record.id,
      title: manifest.title,
      deck: manifest.id,
      createdAt: new Date(record.createdAt).toISOString(),
      participants: await storage.countParticipants(roomId),
      place: meeting.place,
      absent: members ? roll.absent.join(', ') : meeting.absent,
      present: roll.present,
    },
    activities,
    boards,
  };
}
