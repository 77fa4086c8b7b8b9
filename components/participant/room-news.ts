// What the phone shows now (an activity, a board or the slide's title) and what it announces to a screen reader
// when the facilitator moves the room on.
import { msg, str } from '@lit/localize';
import type { ActivityDef } from '../../core/activity.js';
import type { BoardDef } from '../../core/board.js';
import type { DeckManifest } from '../../core/deck.js';
import type { PresentState } from '../../core/room-doc.js';
import type { RoomReader } from '../room/room-reader.js';
import { secondsLeft } from '../room/countdown.js';

/** The slide's activity or board as the deck defines it; neither on a slide without one. */
export interface Showing {
  present: PresentState | null;
  activity: ActivityDef | undefined;
  board: BoardDef | undefined;
}

export function showing(room: RoomReader, manifest: DeckManifest | null): Showing {
  const present = room.present();
  const activity = present?.activity ? manifest?.activities.find((a) => a.id === present.activity) : undefined;
  const board = !activity && present?.board ? manifest?.boards?.find((b) => b.id === present.board) : undefined;
  return { present, activity, board };
}

/** What is news about the room, as one key: the same key is nothing new to say. */
export interface News {
  key: string;
  /** What to announce; undefined leaves the last announcement as it is. */
  text: string | undefined;
}

/** The news since `shownKey` (the key last seen; '' before the first full sync, which is not news). */
export function roomNews(shownKey: string, room: RoomReader, now: Showing, at = Date.now()): News {
  const def = now.activity;
  const board = now.board;
  const phase = board ? (room.boardState(board.id)?.phase ?? 'closed') : '';
  const activity = def ? room.activityState(def.id) : undefined;
  const status = activity?.status ?? '';
  // A countdown is news once, when it starts: its closing time is part of the key, its ticking seconds are not.
  const closesAt = status === 'open' && activity?.closesAt ? activity.closesAt : 0;
  const key = def
    ? `a:${def.id}:${status}${closesAt ? `:${closesAt}` : ''}`
    : board
      ? `b:${board.id}:${phase}`
      : `w:${now.present?.slideTitle ?? ''}`;
  if (key === shownKey || shownKey === '') return { key, text: undefined };
  const seconds = secondsLeft(activity, at) ?? 0;
  const countdown = closesAt
    ? seconds === 1
      ? msg('Afstemningen lukker om 1 sekund.')
      : msg(str`Afstemningen lukker om ${seconds} sekunder.`)
    : '';
  // The same open vote: a countdown started (said once), or a countdown called off (nothing new to say).
  if (def && shownKey.startsWith(`a:${def.id}:open`) && status === 'open') return { key, text: countdown || undefined };
  const text =
    def && countdown
      ? `${msg(str`Ny afstemning: ${def.prompt}`)} ${countdown}`
      : def
        ? status === 'open'
          ? msg(str`Ny afstemning: ${def.prompt}`)
          : status === 'closed'
            ? msg(str`Afstemningen er lukket: ${def.prompt}`)
            : msg(str`Næste afstemning: ${def.prompt}`)
        : board
          ? phase === 'notes'
            ? msg(str`Tavlen er åben for sedler: ${board.prompt}`)
            : phase === 'dots'
              ? msg(str`Prikafstemningen er åben: ${board.prompt}`)
              : msg(str`Tavlen: ${board.prompt}`)
          : msg('Vent på næste aktivitet.');
  return { key, text };
}
