// Calls of the HTTP wire contract from the browser, with errors a person can read.
import type { BoardControlRequest, ControlRequest, ErrorBody } from '../../core/wire.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function request<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.body !== undefined ? JSON.stringify(init.body) : null,
    });
  } catch {
    throw new ApiError(0, 'network', 'Ingen forbindelse til serveren.');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    throw new ApiError(res.status, 'bad_response', `Uventet svar fra serveren (${res.status}).`);
  }
  if (!res.ok) {
    const err = (data as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'http', err?.message ?? `Serveren svarede ${res.status}.`);
  }
  return data as T;
}

export class FacilitatorApi {
  constructor(
    readonly roomId: string,
    private readonly key: string,
  ) {}

  control(body: ControlRequest | BoardControlRequest): Promise<unknown> {
    return request(`/api/rooms/${encodeURIComponent(this.roomId)}/control`, { token: this.key, body });
  }

  /** Fetches an export with the key (a plain link cannot carry it) and hands it to the browser as a download. */
  async download(format: string): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`/api/rooms/${encodeURIComponent(this.roomId)}/export?format=${encodeURIComponent(format)}`, {
        headers: { authorization: `Bearer ${this.key}` },
      });
    } catch {
      throw new ApiError(0, 'network', 'Ingen forbindelse til serveren.');
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as ErrorBody | undefined;
      throw new ApiError(res.status, body?.error.code ?? 'http', body?.error.message ?? `Serveren svarede ${res.status}.`);
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `raadslag.${format}`;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return name;
  }

  /** A facilitator call under this room, e.g. "members" (members and voting cards, docs/voting-cards.md). */
  roomCall<T>(tail: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    return request<T>(`/api/rooms/${encodeURIComponent(this.roomId)}/${tail}`, { ...init, token: this.key });
  }

  /** The same, answered with a page rather than JSON: the printable sheet of voting cards. */
  async roomPage(tail: string, body: unknown): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`/api/rooms/${encodeURIComponent(this.roomId)}/${tail}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'Ingen forbindelse til serveren.');
    }
    if (!res.ok) {
      const err = ((await res.json().catch(() => undefined)) as ErrorBody | undefined)?.error;
      throw new ApiError(res.status, err?.code ?? 'http', err?.message ?? `Serveren svarede ${res.status}.`);
    }
    return await res.text();
  }

  deleteRoom(): Promise<unknown> {
    return request(`/api/rooms/${encodeURIComponent(this.roomId)}`, { method: 'DELETE', token: this.key });
  }
}
