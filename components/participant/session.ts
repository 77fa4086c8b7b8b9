// A participant's session: the token kept across reloads, and votes kept until the server has stored them.
import type { Ballot } from '../../core/activity.js';
import type { BallotAck, JoinResponse } from '../../core/wire.js';
import { ApiError, request } from '../room/api.js';

export interface StoredSession {
  roomId: string;
  token: string;
  code: string;
}

export interface PendingVote {
  id: string;
  activity: string;
  ballot: Ballot;
}

export interface MeResponse {
  roomId: string;
  participantId: string;
  deck: string;
  title: string;
  ballots: Record<string, Ballot>;
}

export type VoteStatus =
  | { kind: 'none' }
  | { kind: 'sending'; ballot: Ballot; offline: boolean }
  | { kind: 'stored'; ballot: Ballot }
  | { kind: 'rejected'; message: string; ballot: Ballot | undefined };

const SESSION_KEY = (code: string) => `rs-session:${code}`;
const PENDING_KEY = (roomId: string) => `rs-pending:${roomId}`;

function readJson<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    // Private mode or a corrupt entry: the session simply starts fresh.
    return undefined;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the vote still goes out, only a reload would forget it.
  }
}

export function storedSession(code: string): StoredSession | undefined {
  return readJson<StoredSession>(SESSION_KEY(code));
}

export function forgetSession(code: string): void {
  try {
    localStorage.removeItem(SESSION_KEY(code));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

export async function joinRoom(code: string): Promise<StoredSession> {
  const r = await request<JoinResponse>('/api/join', { body: { code } });
  const session = { roomId: r.roomId, token: r.participantToken, code };
  writeJson(SESSION_KEY(code), session);
  return session;
}

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; phones on a LAN address over plain http do not have one.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class ParticipantSession extends EventTarget {
  private ballots: Record<string, Ballot> = {};
  private pending: Record<string, PendingVote>;
  private readonly rejected = new Map<string, { message: string; ballot: Ballot | undefined }>();
  private offline = false;
  private inFlight = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = 1000;

  constructor(readonly stored: StoredSession) {
    super();
    this.pending = readJson<Record<string, PendingVote>>(PENDING_KEY(stored.roomId)) ?? {};
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  async load(): Promise<MeResponse> {
    const me = await request<MeResponse>(`/api/rooms/${encodeURIComponent(this.stored.roomId)}/me`, { token: this.stored.token });
    this.ballots = me.ballots;
    this.changed();
    void this.flush();
    return me;
  }

  status(activity: string): VoteStatus {
    const p = this.pending[activity];
    if (p) return { kind: 'sending', ballot: p.ballot, offline: this.offline };
    const r = this.rejected.get(activity);
    if (r) return { kind: 'rejected', ...r };
    const b = this.ballots[activity];
    return b ? { kind: 'stored', ballot: b } : { kind: 'none' };
  }

  vote(activity: string, ballot: Ballot): void {
    this.rejected.delete(activity);
    this.pending[activity] = { id: newId(), activity, ballot };
    writeJson(PENDING_KEY(this.stored.roomId), this.pending);
    this.changed();
    void this.flush();
  }

  /** Send every pending vote; called on a vote, on reconnect and by the retry timer. */
  async flush(): Promise<void> {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    let retry = false;
    await Promise.all(
      Object.values(this.pending).map(async (p) => {
        if (this.inFlight.has(p.id)) return;
        this.inFlight.add(p.id);
        try {
          const ack = await request<BallotAck>(`/api/rooms/${encodeURIComponent(this.stored.roomId)}/intents`, {
            token: this.stored.token,
            body: { id: p.id, type: 'ballot', activity: p.activity, ballot: p.ballot },
          });
          this.offline = false;
          this.retryDelay = 1000;
          this.ballots[p.activity] = ack.ballot as Ballot;
          this.settle(p);
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
          if (e.status === 0 || e.status >= 500 || e.status === 429) {
            this.offline = e.status === 0;
            retry = true;
          } else {
            this.rejected.set(p.activity, { message: e.message, ballot: this.ballots[p.activity] });
            this.settle(p);
          }
        } finally {
          this.inFlight.delete(p.id);
        }
      }),
    );
    this.changed();
    if (retry && Object.keys(this.pending).length > 0) {
      this.retryTimer = setTimeout(() => void this.flush(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
    }
  }

  private settle(p: PendingVote): void {
    // A newer vote for the same activity may have replaced this one meanwhile; keep that one.
    if (this.pending[p.activity]?.id === p.id) delete this.pending[p.activity];
    writeJson(PENDING_KEY(this.stored.roomId), this.pending);
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}
