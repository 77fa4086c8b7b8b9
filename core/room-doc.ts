// Layout of a room's shared Yjs documents; the names both server and components use.
import type { Tally } from './activity.js';

/** Public document `/sync/<roomId>`: facilitators write `present`; the server writes the rest. */
export const DOC = {
  meta: 'meta',
  present: 'present',
  activities: 'activities',
  results: 'results',
  /** Whiteboards: boardId → BoardPublicState (server). */
  boards: 'boards',
  /** Visible notes of every board: noteId → Note (server). */
  notes: 'notes',
  /** Revealed dot counts: boardId → Record<target, dots> (server). */
  dots: 'dots',
  /** Board layouts shaped by facilitators: boardId → Y.Map (see BOARD_LAYOUT). */
  layout: 'layout',
  /** The meeting as the referat names it, written by facilitators: see MeetingInfo. */
  meeting: 'meeting',
} as const;

/** What the referat says of the meeting itself, besides its items: where it was held and who was absent. */
export interface MeetingInfo {
  place: string;
  absent: string;
}

/** Longest place or list of absent members kept (characters). */
export const MEETING_TEXT_MAX = 500;

/** A meeting map as written by any client, made safe: strings, trimmed, at most MEETING_TEXT_MAX long. */
export function meetingInfo(raw: Record<string, unknown>): MeetingInfo {
  const text = (v: unknown) => (typeof v === 'string' ? [...v.trim()].slice(0, MEETING_TEXT_MAX).join('') : '');
  return { place: text(raw.place), absent: text(raw.absent) };
}

/** Keys inside a board's layout map; facilitators write them together through Yjs. */
export const BOARD_LAYOUT = {
  /** noteId → { x, y } */
  positions: 'positions',
  /** clusterId → Y.Map { name, x, y } */
  clusters: 'clusters',
  /** noteId → clusterId */
  membership: 'membership',
  /** Y.Array of { id, color, width, points: number[] } */
  strokes: 'strokes',
} as const;

export interface BoardPublicState {
  phase: 'closed' | 'notes' | 'dots';
  revealed: boolean;
  /** Participants' notes wait for a facilitator's approval: the deck's setting until a facilitator switches it. */
  approval: boolean;
  /** Visible notes on the board. */
  notes: number;
  /** Participants who have placed dots. */
  dotters: number;
}

/** Facilitator-only document `/sync/<roomId>/live`: written by the server alone. */
export const LIVE_DOC = {
  tallies: 'tallies',
  presence: 'presence',
  /** Every note, pending and hidden ones too: noteId → Note. */
  notes: 'notes',
  /** Live dot counts: boardId → Record<target, dots>. */
  dots: 'dots',
  /** Open-text entries hidden by the facilitator: activityId → normalised keys. Never in the public document. */
  hiddenEntries: 'hiddenEntries',
} as const;

export const LIVE_SUFFIX = 'live';

export type ActivityStatus = 'idle' | 'open' | 'closed';

export interface ActivityState {
  status: ActivityStatus;
  revealed: boolean;
  /** Number of participants with a ballot counted. Not secret; the split between options is. */
  answered: number;
  /** Members-only activities: how many members may vote ("7 af 9 medlemmer har stemt"); absent otherwise. */
  eligible?: number;
  openedAt: number | null;
  closedAt: number | null;
  /** When a countdown runs: the moment the server closes the activity by itself. */
  closesAt: number | null;
  /** The decision ("Beslutning") recorded by the facilitator; empty until recorded. */
  decision: string;
  /**
   * Open-text entries (normalised keys) the facilitator has hidden. Kept on the server and in the
   * facilitators' live document; always empty in the public document, so nobody reads what was hidden.
   */
  hiddenEntries: string[];
}

export interface PresentState {
  slide: number;
  slideTitle: string;
  activity: string | null;
  /** The whiteboard on the current slide, if any. */
  board?: string | null;
}

export interface Presence {
  participants: number;
  facilitators: number;
  joined: number;
}

/**
 * Whether far more participants joined than are connected: one person can join many times from a script
 * (each without a cookie is a new participant), which an open poll cannot tell from many people. A room
 * where phones come and go stays well under it; a motion that decides something uses voting cards.
 */
export function joinsFarExceedConnections(p: Presence): boolean {
  return p.joined - p.participants >= 20 && p.joined > 2 * p.participants;
}

export interface RoomMeta {
  roomId: string;
  deck: string;
  title: string;
  joinCode: string;
}

export type RevealedResult = Tally;

export function initialActivityState(): ActivityState {
  return {
    status: 'idle',
    revealed: false,
    answered: 0,
    openedAt: null,
    closedAt: null,
    closesAt: null,
    decision: '',
    hiddenEntries: [],
  };
}
