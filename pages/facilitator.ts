// What the facilitator's pages (the presenter and the console) do first: the reader's language, the room's key
// from the link (kept out of the address bar), the room's facts, its deck's manifest and its slides' markup.
import { msg, str } from '@lit/localize';
import type { DeckManifest } from '../core/deck.js';
import type { RoomInfo } from '../core/wire.js';
import { chooseLocale, errorText, getLocale, storedLocale } from '../components/i18n.js';
import { ApiError, request } from '../components/room/api.js';

/** A message in the page's alert line, when the page cannot go on. */
export function show(message: string): void {
  const el = document.getElementById('rs-message')!;
  el.textContent = message;
  el.hidden = false;
}

function facilitatorKey(roomId: string): string | undefined {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  const storeKey = `rs-key:${roomId}`;
  if (fromHash) {
    localStorage.setItem(storeKey, fromHash);
    // Keep the key out of the address bar so it does not end up on the projector or in a screenshot.
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return localStorage.getItem(storeKey) ?? undefined;
}

export interface FacilitatorRoom {
  roomId: string;
  key: string;
  info: RoomInfo;
  manifest: DeckManifest;
  /** The deck's slides as the server sends them (deck.html), parsed. */
  markup: Document;
}

/** The room the page's address names, or undefined once the page has said why it cannot be opened. */
export async function openFacilitatorRoom(): Promise<FacilitatorRoom | undefined> {
  // The facilitator's language: Danish unless this browser chose English before (Rum ▾ → Sprog).
  const locale = storedLocale();
  if (locale !== getLocale()) await chooseLocale(locale).catch(() => undefined);
  const roomId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
  const key = facilitatorKey(roomId);
  if (!key) {
    show(msg('Facilitatornøglen mangler. Åbn linket, du fik, da rummet blev oprettet.'));
    return undefined;
  }
  let info: RoomInfo;
  try {
    info = await request<RoomInfo>(`/api/rooms/${encodeURIComponent(roomId)}`, { token: key });
  } catch (err) {
    const reason = err instanceof ApiError ? errorText(err.code, err.message) : (err as Error).message;
    show(msg(str`Rummet kunne ikke åbnes: ${reason}`));
    return undefined;
  }
  // The version the room pinned when it was made: a deck edited during the meeting does not change this room.
  const deck = `/api/decks/${encodeURIComponent(info.deck)}`;
  const manifest = await request<DeckManifest>(`${deck}?version=${info.deckVersion}`);
  // With the room's key: the slides with their speaker notes (the deck's public slides carry none).
  const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/slides`, { headers: { authorization: `Bearer ${key}` } });
  const markup = new DOMParser().parseFromString(await res.text(), 'text/html');
  return { roomId, key, info, manifest, markup };
}
