// How the phone gets into a room: the code from the address, the server's boot record, a session kept from an
// earlier visit, or a fresh join; then the deck's manifest.
import type { DeckManifest } from '../../core/deck.js';
import { JOIN_CODE_PATTERN, normaliseJoinCode, type JoinResponse, type MeResponse, type ParticipantBoot } from '../../core/wire.js';
import { ApiError, request } from '../room/api.js';
import { ParticipantSession } from './session.js';
import { readStored, removeStored, writeStored } from './stored.js';

export interface StoredSession {
  roomId: string;
  token: string;
  code: string;
}

const SESSION_KEY = (code: string) => `rs-session:${code}`;

export function storedSession(code: string): StoredSession | undefined {
  return readStored<StoredSession>(SESSION_KEY(code));
}

export function forgetSession(code: string): void {
  removeStored(SESSION_KEY(code));
}

/** Keeps the session for this code across reloads. */
export function rememberSession(session: StoredSession): void {
  writeStored(SESSION_KEY(session.code), session);
}

export async function joinRoom(code: string): Promise<StoredSession> {
  const r = await request<JoinResponse>('/api/join', { body: { code } });
  const session = { roomId: r.roomId, token: r.participantToken, code };
  rememberSession(session);
  return session;
}

/** The page's boot record for this code, read once: a retry after an error asks the server afresh. */
function takeBoot(code: string): ParticipantBoot | undefined {
  const el = document.getElementById('rs-boot');
  if (!el) return undefined;
  el.remove();
  try {
    const boot = JSON.parse(el.textContent ?? '') as ParticipantBoot;
    return boot.code === code && boot.manifest ? boot : undefined;
  } catch {
    return undefined;
  }
}

/** The join code in an address path: /j/<code>, or what the join page's plain form typed into /j?code=…. */
export function joinCodeOf(pathname: string, search: string): string | undefined {
  const m = /^\/j\/(\d{6})\/?$/.exec(pathname);
  if (m) return m[1];
  const typed = pathname === '/j' ? normaliseJoinCode(new URLSearchParams(search).get('code') ?? '') : undefined;
  return typed !== undefined && JOIN_CODE_PATTERN.test(typed) ? typed : undefined;
}

/** The code this page was opened with, if any; the address becomes /j/<code>, which a reload keeps. */
export function codeFromPath(): string | undefined {
  const code = joinCodeOf(location.pathname, location.search);
  if (code !== undefined && location.pathname === '/j') history.replaceState(null, '', `/j/${code}`);
  return code;
}

/** Joins the room behind `code` (or takes up this phone's session in it) and fetches what the deck defines. */
export async function openSession(code: string): Promise<{ session: ParticipantSession; manifest: DeckManifest }> {
  const boot = takeBoot(code);
  const earlier = storedSession(code);
  let session: ParticipantSession;
  let me: Pick<MeResponse, 'deck' | 'deckVersion'> | undefined;
  if (boot?.session) {
    // The server knows this phone (its cookie): its token and ballots came with the page.
    const stored: StoredSession = { roomId: boot.session.roomId, token: boot.session.token, code };
    rememberSession(stored);
    session = new ParticipantSession(stored);
    session.adopt(boot.session);
  } else if (earlier) {
    session = new ParticipantSession(earlier);
    try {
      me = await session.load();
    } catch (err) {
      // A session from an earlier visit may belong to a room that is gone; join afresh with the same code.
      if (!(err instanceof ApiError) || ![401, 403, 404].includes(err.status)) throw err;
      forgetSession(code);
      session = new ParticipantSession(await joinRoom(code));
      session.adopt({ ballots: {} });
    }
  } else {
    // A new participant has nothing stored yet: no need to ask.
    session = new ParticipantSession(await joinRoom(code));
    session.adopt({ ballots: {} });
  }
  if (location.pathname !== `/j/${code}`) history.replaceState(null, '', `/j/${code}`);
  try {
    let manifest = boot?.manifest;
    if (!manifest) {
      // The version the room pinned: the deck may have been edited since the room was made.
      const { deck, deckVersion } = me ?? (await session.load());
      manifest = await request<DeckManifest>(`/api/decks/${encodeURIComponent(deck)}?version=${deckVersion}`);
    }
    return { session, manifest };
  } catch (err) {
    session.destroy();
    throw err;
  }
}
