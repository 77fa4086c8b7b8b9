// A worker thread of simulated phones for `npm run bench`. Each phone joins (Rådslag) or connects (naive) one
// of the rooms (phone i the room i mod rooms), keeps a real y-websocket connection, and votes when told. Times are epoch milliseconds
// (performance.timeOrigin + performance.now()), comparable across threads.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

interface Job {
  mode: 'radslag' | 'naive';
  origin: string;
  rooms: { roomId: string; joinCode: string }[];
  phones: number;
  firstIndex: number;
  /** Fraction of phones that send their vote a second time with the same intent id. */
  retryShare: number;
}

export interface VoteRecord {
  phone: number;
  /** The room's index in the bench's list of rooms. */
  room: number;
  option: string;
  sentAt: number;
  ackedAt: number | null;
  status: number;
}

export interface PhoneReport {
  votes: VoteRecord[];
  wsBytes: number;
  httpBytes: number;
  failures: string[];
}

const job = workerData as Job;
// Every y-websocket provider adds a process exit listener; hundreds per thread are expected here.
process.setMaxListeners(0);
const now = () => performance.timeOrigin + performance.now();
const OPTIONS = ['kommunen', 'institutionen', 'borgerne'];

interface Phone {
  index: number;
  room: number;
  roomId: string;
  token: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

const phones: Phone[] = [];
let wsBytes = 0;
let httpBytes = 0;
const failures: string[] = [];

async function post(path: string, body: unknown, token?: string): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  const res = await fetch(job.origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: payload,
  });
  const text = await res.text();
  httpBytes += payload.length + text.length;
  return { status: res.status, text };
}

function connect(index: number, token: string): Promise<Phone> {
  const doc = new Y.Doc();
  const room = index % job.rooms.length;
  const { roomId } = job.rooms[room]!;
  const base = job.origin.replace(/^http/, 'ws') + (job.mode === 'radslag' ? '/sync' : '');
  const provider = new WebsocketProvider(base, roomId, doc, {
    params: job.mode === 'radslag' ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: false,
  });
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected' && provider.ws) {
      provider.ws.addEventListener('message', (e: MessageEvent) => {
        const d = e.data as ArrayBuffer | Buffer;
        wsBytes += d.byteLength;
      });
    }
  });
  provider.connect();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`phone ${index}: no sync in 60 s`)), 60_000);
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      resolve({ index, room, roomId, token, doc, provider });
    });
  });
}

async function setup(): Promise<void> {
  const indices = Array.from({ length: job.phones }, (_, i) => job.firstIndex + i);
  // Join in small waves, as phones scanning a QR code do.
  for (let i = 0; i < indices.length; i += 50) {
    const wave = indices.slice(i, i + 50);
    const joined = await Promise.all(
      wave.map(async (index) => {
        if (job.mode === 'naive') return connect(index, '');
        const r = await post('/api/join', { code: job.rooms[index % job.rooms.length]!.joinCode });
        if (r.status !== 200) throw new Error(`join ${r.status}: ${r.text}`);
        return connect(index, (JSON.parse(r.text) as { participantToken: string }).participantToken);
      }),
    );
    phones.push(...joined);
  }
}

async function vote(phone: Phone, at: number): Promise<VoteRecord> {
  await new Promise((r) => setTimeout(r, Math.max(0, at - now())));
  const option = OPTIONS[phone.index % OPTIONS.length]!;
  const sentAt = now();
  if (job.mode === 'naive') {
    // The naive design: the phone writes its vote into the shared document itself.
    phone.doc.getMap('votes').set(String(phone.index), option);
    return { phone: phone.index, room: phone.room, option, sentAt, ackedAt: null, status: 0 };
  }
  const id = crypto.randomUUID();
  const body = { id, type: 'ballot', activity: 'hvem-saettes-fri', ballot: { option } };
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await post(`/api/rooms/${phone.roomId}/intents`, body, phone.token);
      const ackedAt = now();
      if (r.status === 200) {
        // Some phones never saw the answer (a flaky network) and send the same intent again.
        if ((phone.index * 7919) % 1000 < job.retryShare * 1000) await post(`/api/rooms/${phone.roomId}/intents`, body, phone.token);
        return { phone: phone.index, room: phone.room, option, sentAt, ackedAt, status: 200 };
      }
      if ((r.status === 429 || r.status >= 500) && attempt < 20) {
        await new Promise((res) => setTimeout(res, 200 * (attempt + 1)));
        continue;
      }
      failures.push(`phone ${phone.index}: ${r.status} ${r.text.slice(0, 120)}`);
      return { phone: phone.index, room: phone.room, option, sentAt, ackedAt: null, status: r.status };
    } catch (err) {
      if (attempt < 20) {
        await new Promise((res) => setTimeout(res, 200 * (attempt + 1)));
        continue;
      }
      failures.push(`phone ${phone.index}: ${(err as Error).message}`);
      return { phone: phone.index, room: phone.room, option, sentAt, ackedAt: null, status: 0 };
    }
  }
}

type Command = { type: 'vote'; start: number; windowMs: number; gapMs: number | null } | { type: 'report' } | { type: 'stop' };

parentPort!.on('message', async (msg: Command) => {
  if (msg.type === 'vote') {
    // At a random moment within the window, or (gapMs) one phone after another, phone i at start + i × gapMs.
    const at = (p: Phone) => msg.start + (msg.gapMs === null ? Math.random() * msg.windowMs : p.index * msg.gapMs);
    const votes = await Promise.all(phones.map((p) => vote(p, at(p))));
    parentPort!.postMessage({ type: 'voted', votes });
  } else if (msg.type === 'report') {
    parentPort!.postMessage({ type: 'report', report: { votes: [], wsBytes, httpBytes, failures } satisfies PhoneReport });
  } else {
    for (const p of phones) p.provider.destroy();
    parentPort!.postMessage({ type: 'stopped' });
  }
});

setup().then(
  () => parentPort!.postMessage({ type: 'ready', phones: phones.length }),
  (err: unknown) => parentPort!.postMessage({ type: 'failed', error: (err as Error).message }),
);
