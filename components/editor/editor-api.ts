// The editor's calls of the deck API (docs/protocol.md §2.9) with the editor key in the Authorization header, and
// the answers it acts on spelled out: a save's new version, a stale base (409), a refused deck (400), a wait (429).
import type { CreateDeckResponse, CreateRoomResponse, DeckSourceResponse, ErrorBody } from '../../core/wire.js';
import { ApiError, request } from '../room/api.js';

const deckPath = (id: string) => `/api/decks/${encodeURIComponent(id)}`;

export function loadSource(deckId: string, editorKey: string | undefined): Promise<DeckSourceResponse> {
  return request<DeckSourceResponse>(`${deckPath(deckId)}/source`, { token: editorKey });
}

export type SaveAnswer =
  | { kind: 'saved'; version: number }
  | { kind: 'stale'; currentVersion: number; message: string }
  | { kind: 'invalid'; message: string; slide?: string; line?: number }
  | { kind: 'wait'; seconds: number; message: string }
  | { kind: 'failed'; status: number; code: string; message: string };

/** PUT the source on top of `baseVersion`. Never throws: every answer is one the autosave acts on. */
export async function saveSource(
  deckId: string,
  editorKey: string,
  source: string,
  baseVersion: number,
  options: { keepalive?: boolean } = {},
): Promise<SaveAnswer> {
  let res: Response;
  try {
    res = await fetch(deckPath(deckId), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editorKey}` },
      body: JSON.stringify({ source, baseVersion }),
      // On leaving the page the request outlives it (the browser allows it for a body up to 64 KB).
      keepalive: options.keepalive ?? false,
    });
  } catch {
    return { kind: 'failed', status: 0, code: 'network', message: 'Ingen forbindelse til serveren.' };
  }
  const body = (await res.json().catch(() => undefined)) as
    | { version?: number; error?: ErrorBody['error'] & { currentVersion?: number; slide?: string; line?: number } }
    | undefined;
  if (res.ok && typeof body?.version === 'number') return { kind: 'saved', version: body.version };
  const err = body?.error;
  const message = err?.message ?? `Serveren svarede ${res.status}.`;
  if (res.status === 409 && typeof err?.currentVersion === 'number') return { kind: 'stale', currentVersion: err.currentVersion, message };
  if (res.status === 400 && err?.code === 'invalid_deck') {
    return { kind: 'invalid', message, ...(err.slide ? { slide: err.slide } : {}), ...(err.line ? { line: err.line } : {}) };
  }
  if (res.status === 429) return { kind: 'wait', seconds: Math.max(1, Number(res.headers.get('retry-after')) || 30), message };
  return { kind: 'failed', status: res.status, code: err?.code ?? 'http', message };
}

/** A copy of a deck (a template needs no key) as a new deck this browser edits. */
export function copyDeck(from: string, admin: string | undefined): Promise<CreateDeckResponse> {
  return request<CreateDeckResponse>('/api/decks', { body: { from }, token: admin });
}

/** A room on the deck's latest saved version (the room pins it); ADMIN_TOKEN when the server asks for it. */
export function startRoom(deckId: string, admin: string | undefined): Promise<CreateRoomResponse> {
  return request<CreateRoomResponse>('/api/rooms', { body: { deck: deckId }, token: admin });
}

export { ApiError };
