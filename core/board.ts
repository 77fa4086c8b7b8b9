// The whiteboard's rules that server, components and export share: notes, dots, top priorities.
import type { OptionDef } from './activity.js';
import { normaliseText } from './text.js';

/** A whiteboard declared in slide markup: `<rs-board board zones dots max-length approval>`. */
export interface BoardDef {
  id: string;
  prompt: string;
  slide: number;
  slideTitle: string;
  /** The zones notes are posted into, e.g. "Problemer" and "Muligheder". */
  zones: OptionDef[];
  /** Dots each participant may place. */
  dots: number;
  /** Longest note text, in characters. */
  maxLength: number;
  /** Notes from participants wait for a facilitator's approval before anyone else sees them. */
  approval: boolean;
}

/** What participants may do on a board right now. */
export type BoardPhase = 'closed' | 'notes' | 'dots';

export interface BoardState {
  phase: BoardPhase;
  /** Dot counts shown to participants (facilitators always see them). */
  revealed: boolean;
  /** Set once a facilitator switches note approval during the meeting; until then the deck's `approval` holds. */
  approval?: boolean;
}

/** Whether notes posted now wait for a facilitator's approval. */
export function approvalOn(def: BoardDef, state: BoardState | undefined): boolean {
  return state?.approval ?? def.approval;
}

export function initialBoardState(): BoardState {
  return { phase: 'closed', revealed: false };
}

export type NoteStatus = 'visible' | 'pending' | 'hidden';

/** A note as published in the shared document: never who wrote it. */
export interface Note {
  id: string;
  board: string;
  zone: string;
  text: string;
  status: NoteStatus;
  /** Written by a facilitator rather than posted from a phone. */
  byFacilitator: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A named group of notes, shaped by facilitators on the board. */
export interface Cluster {
  id: string;
  name: string;
}

export type Check<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'invalid_note' | 'invalid_dots' | 'unknown_zone' | 'unknown_target'; message: string };

export const BOARD_PHASE_LABELS: Record<BoardPhase, string> = {
  closed: 'Lukket',
  notes: 'Åben for sedler',
  dots: 'Åben for prikker',
};

/** A note's text: trimmed, inner white space collapsed, within the board's limit. */
export function checkNoteText(def: BoardDef, raw: unknown): Check<string> {
  if (typeof raw !== 'string') return { ok: false, code: 'invalid_note', message: 'Sedlen skal have en tekst.' };
  if (raw.length > def.maxLength * 4) {
    return { ok: false, code: 'invalid_note', message: `Sedlen må højst have ${def.maxLength} tegn.` };
  }
  const text = normaliseText(raw);
  if (text === '') return { ok: false, code: 'invalid_note', message: 'Sedlen er tom. Skriv et problem eller en mulighed.' };
  if ([...text].length > def.maxLength) {
    return { ok: false, code: 'invalid_note', message: `Sedlen må højst have ${def.maxLength} tegn (den har ${[...text].length}).` };
  }
  return { ok: true, value: text };
}

export function checkZone(def: BoardDef, zone: unknown): Check<string> {
  const found = def.zones.find((z) => z.id === zone);
  if (!found) {
    return {
      ok: false,
      code: 'unknown_zone',
      message: `Ukendt felt på tavlen: "${String(zone)}". Vælg ${def.zones.map((z) => z.label).join(' eller ')}.`,
    };
  }
  return { ok: true, value: found.id };
}

/**
 * A participant's whole dot allocation: target id → dots (a positive whole number), at most the board's
 * number of dots in all, only on targets that exist now (visible notes and clusters).
 */
export function checkDots(def: BoardDef, raw: unknown, targets: ReadonlySet<string>): Check<Record<string, number>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'invalid_dots', message: 'Prikkerne skal sendes som { "<seddel eller gruppe>": antal }.' };
  }
  const dots: Record<string, number> = {};
  let total = 0;
  for (const [target, n] of Object.entries(raw)) {
    if (!Number.isInteger(n) || (n as number) < 0) {
      return {
        ok: false,
        code: 'invalid_dots',
        message: `Antallet af prikker skal være et helt tal, 0 eller mere (fik ${JSON.stringify(n)}).`,
      };
    }
    if ((n as number) === 0) continue;
    if (!targets.has(target)) {
      return {
        ok: false,
        code: 'unknown_target',
        message: 'En af sedlerne findes ikke længere på tavlen. Se tavlen igen og placér prikkerne på ny.',
      };
    }
    dots[target] = n as number;
    total += n as number;
  }
  if (total > def.dots) {
    return { ok: false, code: 'invalid_dots', message: `Du har ${def.dots} prikker, men har placeret ${total}.` };
  }
  return { ok: true, value: dots };
}

/** Add (+1) or remove (−1) one participant's allocation to the board's dot counts. */
export function applyDots(counts: Record<string, number>, dots: Record<string, number>, sign: 1 | -1): void {
  for (const [target, n] of Object.entries(dots)) {
    const next = (counts[target] ?? 0) + sign * n;
    if (next <= 0) delete counts[target];
    else counts[target] = next;
  }
}

export interface Priority {
  target: string;
  kind: 'note' | 'cluster';
  label: string;
  /** The zone of a note; for a cluster the zone most of its notes share, if any. */
  zone: string | null;
  /** Dots on the target; for a cluster, its own dots plus those on the notes in it. */
  dots: number;
  /** Notes in a cluster (1 for a note). */
  notes: number;
  /** 1-based place; equal dots share a place. */
  place: number;
}

/**
 * The ranked "Top priorities": every cluster and every note outside a cluster that has dots, most dots
 * first; ties share a place and are listed in Danish alphabetical order. A cluster counts its own dots
 * and the dots on its notes, so dots placed before the notes were grouped still count.
 */
export function topPriorities(
  counts: Readonly<Record<string, number>>,
  notes: ReadonlyMap<string, Pick<Note, 'text' | 'zone' | 'status'>>,
  clusters: ReadonlyMap<string, { name: string }>,
  membership: ReadonlyMap<string, string> = new Map(),
): Priority[] {
  const rows = new Map<string, Priority>();
  for (const [id, c] of clusters) {
    const zones = new Map<string, number>();
    let size = 0;
    for (const [noteId, clusterId] of membership) {
      const note = notes.get(noteId);
      if (clusterId !== id || !note || note.status !== 'visible') continue;
      size++;
      zones.set(note.zone, (zones.get(note.zone) ?? 0) + 1);
    }
    const top = [...zones].sort((a, b) => b[1] - a[1]);
    const zone = top.length > 0 && (top.length === 1 || top[0]![1] > top[1]![1]) ? top[0]![0] : null;
    rows.set(id, { target: id, kind: 'cluster', label: c.name, zone, dots: 0, notes: size, place: 0 });
  }
  for (const [id, n] of notes) {
    if (n.status !== 'visible') continue;
    const cluster = membership.get(id);
    if (cluster && rows.has(cluster)) continue;
    rows.set(id, { target: id, kind: 'note', label: n.text, zone: n.zone, dots: 0, notes: 1, place: 0 });
  }
  for (const [target, dots] of Object.entries(counts)) {
    if (dots <= 0) continue;
    const direct = rows.get(target);
    if (direct) {
      direct.dots += dots;
      continue;
    }
    const cluster = membership.get(target);
    const owner = cluster ? rows.get(cluster) : undefined;
    if (owner && notes.get(target)?.status === 'visible') owner.dots += dots;
  }
  const collator = new Intl.Collator('da');
  const ranked = [...rows.values()].filter((r) => r.dots > 0);
  ranked.sort((a, b) => b.dots - a.dots || collator.compare(a.label, b.label));
  for (const [i, r] of ranked.entries()) r.place = i > 0 && ranked[i - 1]!.dots === r.dots ? ranked[i - 1]!.place : i + 1;
  return ranked;
}
