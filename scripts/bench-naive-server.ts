// The naive design, for comparison in `npm run bench`: a plain y-websocket relay where every client
// writes the one shared document and every update goes to every client. No auth, no validation.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const docs = new Map<string, { doc: Y.Doc; conns: Set<WebSocket> }>();

function room(name: string) {
  let r = docs.get(name);
  if (!r) {
    const doc = new Y.Doc();
    const conns = new Set<WebSocket>();
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
      const msg = encoding.toUint8Array(e);
      for (const c of conns) if (c !== origin && c.readyState === c.OPEN) c.send(msg);
    });
    r = { doc, conns };
    docs.set(name, r);
  }
  return r;
}

const server = createServer((_req, res) => res.end('naive'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const r = room((req.url ?? '/').slice(1).split('?')[0]!);
  r.conns.add(ws);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeSyncStep1(e, r.doc);
  ws.send(encoding.toUint8Array(e));
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== 0) return;
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, 0);
    syncProtocol.readSyncMessage(d, reply, r.doc, ws);
    if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
  });
  ws.on('close', () => r.conns.delete(ws));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`naive-listening http://127.0.0.1:${address.port}/`);
});
