// HTTP wire messages: schemas validated at the edge and the error shape every call answers with.
import * as v from 'valibot';
import type { WireBallot } from './activity.js';
import type { Note } from './board.js';
import type { DeckManifest, DeckSummary } from './deck.js';

export const PROTOCOL_VERSION = 1;

export const CreateRoomBody = v.strictObject({ deck: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });
export const JoinBody = v.strictObject({ code: v.pipe(v.string(), v.maxLength(32)) });

const DeckRef = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/**
 * `POST /api/decks`: a new deck from its Markdown (`source`), as a copy of another deck's latest version
 * (`from`), or, with neither, a small starter deck titled `title`. The source's size is checked apart
 * (MAX_DECK_BYTES), so the answer can say how large it may be.
 */
export const CreateDeckBody = v.strictObject({
  title: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
  source: v.optional(v.string()),
  from: v.optional(DeckRef),
});
/** `PUT /api/decks/<deck>`: a new version on top of `baseVersion`, the version the editor started from. */
export const UpdateDeckBody = v.strictObject({
  source: v.string(),
  baseVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export const CONTROL_ACTIONS = [
  'open',
  'close',
  'reveal',
  'hide',
  'reset',
  'decide',
  'countdown',
  'hide-entry',
  'show-entry',
  'entry-hide-sender',
] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];
const ActivityRef = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const ControlBody = v.variant('action', [
  v.strictObject({ action: v.picklist(['open', 'close', 'reveal', 'hide', 'reset']), activity: ActivityRef }),
  /** The "Beslutning" the facilitator records for an activity, as in a referat. */
  v.strictObject({ action: v.literal('decide'), activity: ActivityRef, decision: v.pipe(v.string(), v.maxLength(2000)) }),
  /** Close the activity by itself after `seconds`; 0 cancels a running countdown. */
  v.strictObject({
    action: v.literal('countdown'),
    activity: ActivityRef,
    seconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600)),
  }),
  /** Hide or show an open-text entry (by its normalised text) on the projector and for participants. */
  v.strictObject({ action: v.picklist(['hide-entry', 'show-entry']), activity: ActivityRef, entry: v.pipe(v.string(), v.maxLength(2000)) }),
  /**
   * Hide every text answer and note from the one participant who gave this open-text entry. The server finds
   * the sender itself and never names them; an entry several participants gave is refused (several_senders).
   */
  v.strictObject({ action: v.literal('entry-hide-sender'), activity: ActivityRef, entry: v.pipe(v.string(), v.maxLength(2000)) }),
]);
export type ControlRequest = v.InferOutput<typeof ControlBody>;

const BoardRef = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const NoteRef = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/** Facilitator actions on a whiteboard; sent to the same control endpoint. */
export const BoardControlBody = v.variant('action', [
  v.strictObject({ action: v.literal('board-phase'), board: BoardRef, phase: v.picklist(['closed', 'notes', 'dots']) }),
  v.strictObject({ action: v.picklist(['board-reveal', 'board-hide', 'board-reset-dots']), board: BoardRef }),
  v.strictObject({ action: v.picklist(['note-approve', 'note-hide', 'note-show', 'note-delete']), board: BoardRef, note: NoteRef }),
  v.strictObject({
    action: v.literal('note-add'),
    board: BoardRef,
    zone: v.pipe(v.string(), v.maxLength(64)),
    text: v.pipe(v.string(), v.maxLength(4000)),
  }),
  v.strictObject({
    action: v.literal('note-edit'),
    board: BoardRef,
    note: NoteRef,
    text: v.optional(v.pipe(v.string(), v.maxLength(4000))),
    zone: v.optional(v.pipe(v.string(), v.maxLength(64))),
  }),
  /** Hide every note and text answer from whoever posted this note; the server resolves the sender and never names them. */
  v.strictObject({ action: v.literal('note-hide-sender'), board: BoardRef, note: NoteRef }),
  /** Switch note approval on or off during the meeting: notes posted afterwards wait (or not); existing ones stay as they are. */
  v.strictObject({ action: v.literal('board-approval'), board: BoardRef, approval: v.boolean() }),
]);
export type BoardControlRequest = v.InferOutput<typeof BoardControlBody>;
// One variant on `action`, so a bad request is told which field is wrong rather than that no schema matched.
export const AnyControlBody = v.variant('action', [ControlBody, BoardControlBody]);

const IntentId = v.pipe(v.string(), v.uuid());
export const IntentBody = v.variant('type', [
  v.strictObject({
    id: IntentId,
    type: v.literal('ballot'),
    activity: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    ballot: v.unknown(),
  }),
  /** Post a note; the intent id becomes the note's id. */
  v.strictObject({
    id: IntentId,
    type: v.literal('note'),
    board: BoardRef,
    zone: v.pipe(v.string(), v.maxLength(64)),
    text: v.pipe(v.string(), v.maxLength(4000)),
  }),
  v.strictObject({ id: IntentId, type: v.literal('note-edit'), note: NoteRef, text: v.pipe(v.string(), v.maxLength(4000)) }),
  v.strictObject({ id: IntentId, type: v.literal('note-withdraw'), note: NoteRef }),
  /** The participant's whole dot allocation on a board: target → dots. */
  v.strictObject({
    id: IntentId,
    type: v.literal('dots'),
    board: BoardRef,
    dots: v.record(v.pipe(v.string(), v.maxLength(64)), v.unknown()),
  }),
]);
export type Intent = v.InferOutput<typeof IntentBody>;
export type BallotIntent = Extract<Intent, { type: 'ballot' }>;
export type BoardIntent = Exclude<Intent, { type: 'ballot' }>;

export type ErrorCode =
  | 'bad_json'
  | 'body_too_large'
  | 'invalid_request'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'unknown_deck'
  | 'invalid_deck'
  | 'stale_version'
  | 'template_read_only'
  | 'invalid_image'
  | 'images_full'
  | 'invalid_zip'
  | 'unknown_code'
  | 'unknown_activity'
  | 'activity_closed'
  | 'invalid_ballot'
  | 'unknown_option'
  | 'unknown_board'
  | 'unknown_note'
  | 'board_closed'
  | 'not_your_note'
  | 'duplicate_id'
  | 'several_senders'
  | 'room_moving'
  | 'unknown_entry'
  | 'invalid_note'
  | 'invalid_dots'
  | 'unknown_zone'
  | 'unknown_target'
  | 'rate_limited'
  | 'members_only'
  | 'unknown_card'
  | 'card_taken'
  | 'already_voted'
  | 'unknown_member'
  | 'cross_site'
  | 'no_free_code'
  | 'board_full'
  | 'method_not_allowed'
  | 'storage_unavailable'
  | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** `POST /api/decks` and `POST /api/decks/<deck>/duplicate`: the new deck and the key that edits it (shown once). */
export interface CreateDeckResponse {
  id: string;
  version: number;
  editorKey: string;
  /** The editor's address with the key in the fragment (`/edit/<deck>#key=<editorKey>`), which never reaches a server's log. */
  editUrl: string;
}

/** `GET /api/decks/<deck>/source`: the Markdown of the deck's latest version. */
export interface DeckSourceResponse {
  id: string;
  title: string;
  version: number;
  /** When the latest version was saved (ms since epoch). */
  updatedAt: number;
  source: string;
  template: boolean;
  /**
   * The deck's images now, file name in the Markdown → content hash: those of the latest version, with what has
   * been uploaded or removed since. The next saved version pins exactly these.
   */
  images: Record<string, string>;
  /** The same images with what is stored under each name, by name. */
  imageFiles: DeckImageFile[];
  /** What one deck may hold (MAX_IMAGE_BYTES, MAX_IMAGES_PER_DECK, MAX_DECK_IMAGE_BYTES), so an editor can say what fits before uploading. */
  imageLimits: DeckImageLimits;
}

export interface DeckImageLimits {
  /** Bytes of one image. */
  maxImageBytes: number;
  /** Images in one deck. */
  maxImages: number;
  /** Bytes of all a deck's images together. */
  maxTotalBytes: number;
}

/** An image uploaded with a deck (`POST /api/decks/<deck>/images?name=`), served at `url` (= /api/deck-images/<hash>). */
export interface DeckImageFile {
  name: string;
  /** SHA-256 of the bytes, hex. */
  hash: string;
  url: string;
  /** Decided from the bytes: image/png, image/jpeg, image/webp or image/gif. */
  type: string;
  bytes: number;
}

/** 201 to an image upload. */
export interface DeckImageUploadResponse extends DeckImageFile {
  width: number;
  height: number;
}

/** 409 to `PUT /api/decks/<deck>` based on an older version than the stored latest: nothing was stored. */
export interface StaleVersionBody {
  error: { code: 'stale_version'; message: string; currentVersion: number };
}

/** 400 to a deck whose Markdown does not compile: nothing was stored. `line` is 1-based in the source, when known. */
export interface InvalidDeckBody {
  error: { code: 'invalid_deck'; message: string; slide: string; line?: number };
}

/**
 * `GET /api/decks`: every deck in the slides folder. A deck with a mistake is listed with `error` (Danish,
 * naming the deck and the slide) and its folder name as title; it is not loaded, so no room can use it.
 */
export interface DeckListEntry extends DeckSummary {
  error?: string;
}

/**
 * Why phones cannot reach `joinUrl`, when they cannot (PUBLIC_URL unset): `loopback` — the server listens
 * on this machine only (HOST=127.0.0.1, localhost, ::1); `no_network` — the machine has no network address.
 * The presenter says so instead of a QR code that leads nowhere. Absent when phones can join.
 */
export type JoinWarning = 'loopback' | 'no_network';

export interface CreateRoomResponse {
  roomId: string;
  joinCode: string;
  facilitatorKey: string;
  presentUrl: string;
  joinUrl: string;
  joinWarning?: JoinWarning;
}

/** A join code as people type it ("123 456", "123-456", "123.456"): only the digits' separators go. */
export function normaliseJoinCode(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export const JOIN_CODE_PATTERN = /^\d{6}$/;

/** The code that opens a room now, from the stored one: '' once it retired (JOIN_CODE_DAYS). */
export function openingCode(stored: string): string {
  return JOIN_CODE_PATTERN.test(stored) ? stored : '';
}

/** `GET /api/rooms/<roomId>` (facilitator): the room, never its key. `joinCode` is '' once the code retired. */
export interface RoomInfo {
  roomId: string;
  deck: string;
  /** The deck version the room pinned when it was made: fetch `/api/decks/<deck>?version=<deckVersion>`. */
  deckVersion: number;
  title: string;
  joinCode: string;
  createdAt: number;
  presentUrl: string;
  joinUrl: string;
  joinWarning?: JoinWarning;
}

/** `GET /api/rooms/<roomId>/me` (participant): the phone's own ballots, notes and dots. */
export interface MeResponse {
  roomId: string;
  participantId: string;
  deck: string;
  /** The version of the deck the room shows (RoomInfo.deckVersion). */
  deckVersion: number;
  title: string;
  ballots: Record<string, WireBallot>;
  /** The participant's own notes (every status) and dot allocations per board. */
  boards?: { notes: Note[]; dots: Record<string, Record<string, number>> };
}

/** What the participant page carries for its app (`script#rs-boot`), so the phone starts without round trips. */
export interface ParticipantBoot {
  code: string;
  manifest: DeckManifest;
  /** Present when the phone is known (its cookie): the app skips join and /me. */
  session?: { roomId: string; token: string; ballots: MeResponse['ballots']; boards?: MeResponse['boards'] };
}

/** `GET /api/rooms/<roomId>/members` (facilitator): a member: never the card hash, never the phone it is bound to. */
export interface MemberView {
  id: string;
  name: string;
  party: string;
  label: string;
  generation: number;
  /** The card is bound to a phone. */
  claimed: boolean;
  checkedIn: boolean;
  /** Members-only activities this member has voted in (the attendance; never what was voted). */
  voted: string[];
}

export interface JoinResponse {
  roomId: string;
  participantToken: string;
}

export interface BallotAck {
  id: string;
  type: 'ballot';
  activity: string;
  ballot: unknown;
  storedAt: number;
}

interface IssueLike {
  message: string;
  type?: string;
  kind?: string;
  expected?: string | null;
  received?: string;
  requirement?: unknown;
  path?: readonly { key: unknown }[];
}

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  number: 'et tal',
  boolean: 'sand eller falsk',
  object: 'et objekt',
  strict_object: 'et objekt',
  array: 'en liste',
};

/** What is wrong with a field, in Danish ("skal være et helt tal"); undefined for kinds not named here. */
function issuePredicate(issue: IssueLike): string | undefined {
  const received = issue.received ? ` (fik ${issue.received})` : '';
  switch (issue.type) {
    case 'min_length':
      return `skal have mindst ${String(issue.requirement)} tegn${received}.`;
    case 'max_length':
      return `må højst have ${String(issue.requirement)} tegn${received}.`;
    case 'min_value':
      return `skal være mindst ${String(issue.requirement)}${received}.`;
    case 'max_value':
      return `må højst være ${String(issue.requirement)}${received}.`;
    case 'integer':
      return `skal være et helt tal${received}.`;
    case 'uuid':
      return `skal være et UUID, fx ${'123e4567-e89b-42d3-a456-426614174000'}${received}.`;
    case 'picklist':
    case 'literal':
    case 'variant': {
      if (issue.expected === 'Object') return `skal være et JSON-objekt${received}.`;
      const choices = issue.expected?.replace(/[()]/g, '').split(' | ') ?? [];
      const list = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} eller ${choices.at(-1)}` : (choices[0] ?? 'en kendt værdi');
      return `skal være ${list}${received}.`;
    }
  }
  if (issue.expected === 'never') return 'er ikke et kendt felt.';
  if (issue.kind === 'schema' && issue.type && TYPE_NAMES[issue.type]) {
    return issue.received === 'undefined' ? 'mangler.' : `skal være ${TYPE_NAMES[issue.type]}${received}.`;
  }
  return undefined;
}

/** First message of a validation failure, in words a person can act on. */
export function describeIssues(issues: readonly IssueLike[]): string {
  const first = issues[0];
  if (!first) return 'Ugyldig forespørgsel.';
  const where = first.path?.map((p) => String(p.key)).join('.') ?? '';
  const predicate = issuePredicate(first);
  if (predicate) return where ? `Feltet "${where}" ${predicate}` : `Forespørgslen ${predicate}`;
  return where ? `Feltet "${where}": ${first.message}` : first.message;
}
