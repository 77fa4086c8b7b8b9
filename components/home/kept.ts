// What this browser keeps of the decks and rooms it made: their ids and keys, in localStorage. There are no
// accounts; the keys are the access, so they stay on this device and leave it only in the Authorization header.
import { readStored, removeStored, writeStored } from '../participant/stored.js';

/** A deck this browser made (new, a copy, an import), with the editor key the server showed once. */
export interface KeptDeck {
  id: string;
  editorKey: string;
  /** The title when it was made; the list shows the server's current one when it can reach it. */
  title: string;
  madeAt: number;
}

const DECKS = 'rs-decks';
/** The facilitator key of a room, as pages/facilitator.ts keeps it when the presenter or console opens. */
const ROOM_KEY = 'rs-key:';

export function keptDecks(): KeptDeck[] {
  const list = readStored<unknown>(DECKS);
  if (!Array.isArray(list)) return [];
  return list.filter(
    (d): d is KeptDeck =>
      typeof d === 'object' && d !== null && typeof (d as KeptDeck).id === 'string' && typeof (d as KeptDeck).editorKey === 'string',
  );
}

/** Newest first. */
export function keepDeck(deck: KeptDeck): void {
  writeStored(DECKS, [deck, ...keptDecks().filter((d) => d.id !== deck.id)]);
}

export function forgetDeck(id: string): void {
  const rest = keptDecks().filter((d) => d.id !== id);
  if (rest.length) writeStored(DECKS, rest);
  else removeStored(DECKS);
}

/** Rooms whose facilitator key this browser holds: made here, or opened here from the facilitator's link. */
export function keptRooms(): { roomId: string; key: string }[] {
  const rooms: { roomId: string; key: string }[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (!name?.startsWith(ROOM_KEY)) continue;
      const key = localStorage.getItem(name);
      if (key) rooms.push({ roomId: name.slice(ROOM_KEY.length), key });
    }
  } catch {
    // Storage disabled: nothing was kept.
  }
  return rooms;
}

/** The room's key, kept where the presenter and console look for it, so their links need no key in the address. */
export function keepRoom(roomId: string, key: string): void {
  try {
    localStorage.setItem(`${ROOM_KEY}${roomId}`, key);
  } catch {
    // Storage disabled: the presenter link still carries the key this once.
  }
}

export function forgetRoom(roomId: string): void {
  removeStored(`${ROOM_KEY}${roomId}`);
}
