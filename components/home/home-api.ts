// The start page's calls of the deck API and room creation: JSON through request(), a deck file in and out as bytes.
import type { CreateDeckResponse, CreateRoomResponse, DeckSourceResponse, ErrorBody } from '../../core/wire.js';
import { ApiError, request } from '../room/api.js';

const deckPath = (id: string) => `/api/decks/${encodeURIComponent(id)}`;

export function newDeck(title: string | undefined, admin: string | undefined): Promise<CreateDeckResponse> {
  return request<CreateDeckResponse>('/api/decks', { body: title ? { title } : {}, token: admin });
}

export function duplicateDeck(id: string, token: string | undefined): Promise<CreateDeckResponse> {
  return request<CreateDeckResponse>(`${deckPath(id)}/duplicate`, { body: {}, token });
}

export function deckSource(id: string, editorKey: string): Promise<DeckSourceResponse> {
  return request<DeckSourceResponse>(`${deckPath(id)}/source`, { token: editorKey });
}

export function deleteDeck(id: string, editorKey: string): Promise<unknown> {
  return request(deckPath(id), { method: 'DELETE', token: editorKey });
}

export function newRoom(deck: string, admin: string | undefined): Promise<CreateRoomResponse> {
  return request<CreateRoomResponse>('/api/rooms', { body: { deck }, token: admin });
}

async function failure(res: Response): Promise<ApiError> {
  const err = ((await res.json().catch(() => undefined)) as ErrorBody | undefined)?.error;
  return new ApiError(res.status, err?.code ?? 'http', err?.message ?? `Serveren svarede ${res.status}.`);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', 'Ingen forbindelse til serveren.');
  }
}

/** A deck file (zip) as a new deck on this server. */
export async function importDeck(file: Blob, admin: string | undefined): Promise<CreateDeckResponse> {
  const res = await send('/api/decks/import', {
    method: 'POST',
    headers: { 'content-type': 'application/zip', ...(admin ? { authorization: `Bearer ${admin}` } : {}) },
    body: file,
  });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as CreateDeckResponse;
}

/** The deck as one file, handed to the browser as a download (a plain link cannot carry the editor key). */
export async function downloadDeck(id: string, editorKey: string): Promise<void> {
  const res = await send(`${deckPath(id)}/export`, { headers: { authorization: `Bearer ${editorKey}` } });
  if (!res.ok) throw await failure(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${id}.zip`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
