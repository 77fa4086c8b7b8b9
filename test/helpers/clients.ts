// Real clients for tests: HTTP calls of the wire contract and y-websocket providers over real sockets.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { CreateRoomResponse, JoinResponse } from '../../core/wire.js';
import { BOARD_LAYOUT, DOC } from '../../core/room-doc.js';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  url: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const hasBody = init.body !== undefined || init.raw !== undefined;
  if (hasBody && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(url + path, {
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers,
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a page or slide markup): the text itself is the body.
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function createRoom(url: string, deck = 'frisaettelse'): Promise<CreateRoomResponse> {
  const r = await call<CreateRoomResponse>(url, '/api/rooms', { body: { deck } });
  if (r.status !== 201) throw new Error(`createRoom: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function join(url: string, code: string): Promise<JoinResponse> {
  const r = await call<JoinResponse>(url, '/api/join', { body: { code } });
  if (r.status !== 200) throw new Error(`join: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function control(url: string, room: CreateRoomResponse, action: string, activity = 'hvem-saettes-fri') {
  return call(url, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body: { action, activity } });
}

export async function vote(
  url: string,
  roomId: string,
  token: string,
  option: string,
  id = crypto.randomUUID(),
  activity = 'hvem-saettes-fri',
) {
  return call(url, `/api/rooms/${roomId}/intents`, { token, body: { id, type: 'ballot', activity, ballot: { option } } });
}

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

export function yClient(url: string, roomName: string, token: string): YClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, roomName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (s: boolean) => s && resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` returns a truthy value (or stops throwing), or fails with the last reason. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
      last = new Error(`${what} still false`);
    } catch (err) {
      last = err;
    }
    if (Date.now() - start > timeoutMs) throw last instanceof Error ? last : new Error(String(last));
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Opens a raw WebSocket and resolves with how it ended: the HTTP status of a refused upgrade, or the close code. */
export function rawSocket(url: string): Promise<{ ws: WebSocket; opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => resolve({ ws, opened: true }));
    ws.on('unexpected-response', (_req, res) => resolve({ ws, opened: false, status: res.statusCode }));
    ws.on('error', () => resolve({ ws, opened: false }));
  });
}

/** A y-websocket sync step 1 with an empty state vector: "send me the whole document". */
export const STEP1_EMPTY = new Uint8Array([0, 0, 1, 0]);

/** The y-websocket frame that carries one document update, as a client that writes sends it. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // y-websocket's messageSync
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** A facilitator's connection to the room's document that puts things on screen, as the presenter page does. */
export interface Presenter {
  client: YClient;
  /** Sets fields of DOC.present (slide, slideTitle, activity, board) in one transaction. */
  show(fields: Record<string, unknown>): void;
  /** The control API with the room's key. */
  control(body: Record<string, unknown>): Promise<Reply>;
}

export async function presenter(url: string, room: CreateRoomResponse): Promise<Presenter> {
  const client = yClient(url, room.roomId, room.facilitatorKey);
  await client.synced;
  return {
    client,
    show(fields) {
      client.doc.transact(() => {
        const present = client.doc.getMap(DOC.present);
        for (const [k, v] of Object.entries(fields)) present.set(k, v);
      });
    },
    control: (body) => call(url, `/api/rooms/${room.roomId}/control`, { token: room.facilitatorKey, body }),
  };
}

/** What a facilitator's board does when it makes a group: a named cluster in the board's layout, with notes in it. */
export function makeCluster(doc: Y.Doc, board: string, cluster: string, name: string, notes: string[] = []): void {
  doc.transact(() => {
    const boards = doc.getMap(DOC.layout);
    let layout = boards.get(board);
    if (!(layout instanceof Y.Map)) {
      layout = new Y.Map();
      boards.set(board, layout);
    }
    const l = layout as Y.Map<unknown>;
    const child = (key: string) => {
      let m = l.get(key);
      if (!(m instanceof Y.Map)) {
        m = new Y.Map();
        l.set(key, m);
      }
      return m as Y.Map<unknown>;
    };
    const c = new Y.Map();
    c.set('name', name);
    child(BOARD_LAYOUT.clusters).set(cluster, c);
    for (const note of notes) child(BOARD_LAYOUT.membership).set(note, cluster);
  });
}
