// DocChannel without sockets: hand-built y-protocol frames in, decoded frames out.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  DocChannel,
  MSG_AUTH,
  MSG_AWARENESS,
  MSG_QUERY_AWARENESS,
  MSG_SYNC,
  ProtocolError,
  type Peer,
  type Role,
} from '../../server/sync.js';

class FakePeer implements Peer {
  readonly sent: Uint8Array[] = [];
  readonly closed: { code: number; reason: string }[] = [];
  constructor(
    readonly role: Role,
    readonly id: string,
  ) {}
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(code: number, reason: string): void {
    this.closed.push({ code, reason });
  }
  clear(): void {
    this.sent.length = 0;
  }
}

interface Decoded {
  type: number;
  syncType?: number;
  payload: Uint8Array;
}

function decode(frame: Uint8Array): Decoded {
  const d = decoding.createDecoder(frame);
  const type = decoding.readVarUint(d);
  if (type === MSG_SYNC) {
    const syncType = decoding.readVarUint(d);
    return { type, syncType, payload: decoding.readVarUint8Array(d) };
  }
  return { type, payload: decoding.readVarUint8Array(d) };
}

function frame(type: number, build: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  build(e);
  return encoding.toUint8Array(e);
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return frame(MSG_SYNC, (e) => {
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
  });
}

function updateOf(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc);
  return Y.encodeStateAsUpdate(doc);
}

/** A sync frame of `syncType` carrying the update of a fresh document that `build` writes. */
function updateFrame(syncType: number, build: (doc: Y.Doc) => void): Uint8Array {
  return syncFrame(syncType, updateOf(build));
}

function awarenessFrame(clientId: number, state: Record<string, unknown> | null, clock = 1): Uint8Array {
  // Built by hand: [clients][clientId][clock][json state].
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  return frame(MSG_AWARENESS, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(inner)));
}

function setup(facilitatorsMayWrite = true) {
  const doc = new Y.Doc();
  const channel = new DocChannel(doc, facilitatorsMayWrite);
  const fac = new FakePeer('facilitator', 'f1');
  const fac2 = new FakePeer('facilitator', 'f2');
  const phone = new FakePeer('participant', 'p1');
  for (const p of [fac, fac2, phone]) channel.attach(p);
  for (const p of [fac, fac2, phone]) p.clear();
  return { doc, channel, fac, fac2, phone };
}

function expectProtocolError(fn: () => void, code: number): ProtocolError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as ProtocolError).closeCode).toBe(code);
    expect((err as ProtocolError).message.length).toBeGreaterThan(0);
    return err as ProtocolError;
  }
  throw new Error('expected a ProtocolError');
}

describe('DocChannel: the handshake', () => {
  it('greets a new peer with sync step 1 carrying the document’s state vector', () => {
    const doc = new Y.Doc();
    doc.getMap('present').set('slide', 3);
    const channel = new DocChannel(doc, true);
    const phone = new FakePeer('participant', 'p1');
    channel.attach(phone);
    expect(phone.sent).toHaveLength(1);
    const m = decode(phone.sent[0]!);
    expect(m.type).toBe(MSG_SYNC);
    expect(m.syncType).toBe(syncProtocol.messageYjsSyncStep1);
    expect([...m.payload]).toEqual([...Y.encodeStateVector(doc)]);
    expect(channel.peers.has(phone)).toBe(true);
  });

  it('answers sync step 1 with step 2: exactly what the peer is missing', () => {
    const { doc, channel, phone } = setup();
    doc.getMap('present').set('slideTitle', 'Agenda');
    phone.clear();
    const client = new Y.Doc();
    channel.receive(phone, syncFrame(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(client)));
    expect(phone.sent).toHaveLength(1);
    const m = decode(phone.sent[0]!);
    expect(m.syncType).toBe(syncProtocol.messageYjsSyncStep2);
    Y.applyUpdate(client, m.payload);
    expect(client.getMap('present').get('slideTitle')).toBe('Agenda');
  });

  it('tells a facilitator, but not a participant, of the presence already there', () => {
    const { channel, fac } = setup();
    channel.receive(fac, awarenessFrame(4242, { name: 'Anna' }));
    const late = new FakePeer('facilitator', 'f3');
    const latePhone = new FakePeer('participant', 'p9');
    channel.attach(late);
    channel.attach(latePhone);
    expect(late.sent.map((f) => decode(f).type)).toEqual([MSG_SYNC, MSG_AWARENESS]);
    expect(latePhone.sent.map((f) => decode(f).type)).toEqual([MSG_SYNC]);
  });
});

describe('DocChannel: who may write', () => {
  it('applies a facilitator’s update and relays it to every other peer, not back to the sender', () => {
    const { doc, channel, fac, fac2, phone } = setup();
    const u = updateOf((d) => d.getMap('present').set('slide', 7));
    channel.receive(fac, syncFrame(syncProtocol.messageYjsUpdate, u));
    expect(doc.getMap('present').get('slide')).toBe(7);
    expect(fac.sent).toHaveLength(0);
    for (const p of [fac2, phone]) {
      expect(p.sent).toHaveLength(1);
      const m = decode(p.sent[0]!);
      expect(m.syncType).toBe(syncProtocol.messageYjsUpdate);
      const mirror = new Y.Doc();
      Y.applyUpdate(mirror, m.payload);
      expect(mirror.getMap('present').get('slide')).toBe(7);
    }
    expect(channel.stats.droppedUpdates).toBe(0);
  });

  it('applies a facilitator’s sync step 2 as well', () => {
    const { doc, channel, fac } = setup();
    channel.receive(
      fac,
      updateFrame(syncProtocol.messageYjsSyncStep2, (d) => d.getArray('board').push(['note'])),
    );
    expect(doc.getArray('board').toJSON()).toEqual(['note']);
  });

  it('drops and counts a participant’s update and sync step 2, relaying nothing', () => {
    const { doc, channel, fac, fac2, phone } = setup();
    channel.receive(
      phone,
      updateFrame(syncProtocol.messageYjsUpdate, (d) => d.getMap('activities').set('valg', { status: 'open' })),
    );
    channel.receive(
      phone,
      updateFrame(syncProtocol.messageYjsSyncStep2, (d) => d.getMap('results').set('valg', 999)),
    );
    expect(doc.getMap('activities').size).toBe(0);
    expect(doc.getMap('results').size).toBe(0);
    expect(channel.stats.droppedUpdates).toBe(2);
    for (const p of [fac, fac2, phone]) expect(p.sent).toHaveLength(0);
  });

  it('does not count the empty step 2 every fresh client sends', () => {
    const { channel, phone } = setup();
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(empty.length).toBeLessThanOrEqual(2);
    channel.receive(phone, syncFrame(syncProtocol.messageYjsSyncStep2, empty));
    expect(channel.stats.droppedUpdates).toBe(0);
  });

  it('on a read-only channel even a facilitator’s writes are dropped and counted', () => {
    const { doc, channel, fac, phone } = setup(false);
    channel.receive(
      fac,
      updateFrame(syncProtocol.messageYjsUpdate, (d) => d.getMap('present').set('slide', 1)),
    );
    expect(doc.getMap('present').size).toBe(0);
    expect(channel.stats.droppedUpdates).toBe(1);
    expect(phone.sent).toHaveLength(0);
  });

  it('relays the server’s own changes to every peer', () => {
    const { doc, fac, fac2, phone } = setup();
    doc.getMap('results').set('valg', { counts: { a: 1 } });
    for (const p of [fac, fac2, phone]) {
      expect(p.sent).toHaveLength(1);
      expect(decode(p.sent[0]!).syncType).toBe(syncProtocol.messageYjsUpdate);
    }
  });

  it('a participant may still read: its sync step 1 is answered', () => {
    const { doc, channel, phone } = setup();
    doc.getMap('meta').set('joinCode', '123456');
    phone.clear();
    channel.receive(phone, syncFrame(syncProtocol.messageYjsSyncStep1, new Uint8Array([0])));
    const client = new Y.Doc();
    Y.applyUpdate(client, decode(phone.sent[0]!).payload);
    expect(client.getMap('meta').get('joinCode')).toBe('123456');
  });
});

describe('DocChannel: awareness', () => {
  it('applies a facilitator’s presence and relays it to facilitators only', () => {
    const { channel, fac, fac2, phone } = setup();
    channel.receive(fac, awarenessFrame(101, { name: 'Anna', cursor: [1, 2] }));
    expect(channel.awareness.getStates().get(101)).toEqual({ name: 'Anna', cursor: [1, 2] });
    expect(phone.sent).toHaveLength(0);
    const toFac2 = fac2.sent.map(decode).filter((m) => m.type === MSG_AWARENESS);
    expect(toFac2).toHaveLength(1);
    const mirror = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(mirror, toFac2[0]!.payload, 'test');
    expect(mirror.getStates().get(101)).toEqual({ name: 'Anna', cursor: [1, 2] });
    mirror.destroy();
  });

  it('ignores a participant’s presence', () => {
    const { channel, fac, phone } = setup();
    channel.receive(phone, awarenessFrame(202, { name: 'Mallory' }));
    expect(channel.awareness.getStates().has(202)).toBe(false);
    expect(fac.sent).toHaveLength(0);
  });

  it('removes a facilitator’s presence when it detaches, and tells the other facilitators', () => {
    const { channel, fac, fac2, phone } = setup();
    channel.receive(fac, awarenessFrame(303, { name: 'Bo' }));
    fac2.clear();
    channel.detach(fac);
    expect(channel.peers.has(fac)).toBe(false);
    expect(channel.awareness.getStates().has(303)).toBe(false);
    expect(fac2.sent.map((f) => decode(f).type)).toContain(MSG_AWARENESS);
    expect(phone.sent).toHaveLength(0);
    // Detaching twice is harmless.
    channel.detach(fac);
  });

  it('answers a presence query for facilitators only', () => {
    const { channel, fac, phone } = setup();
    channel.receive(fac, awarenessFrame(404, { name: 'Cai' }));
    fac.clear();
    channel.receive(
      fac,
      frame(MSG_QUERY_AWARENESS, () => undefined),
    );
    channel.receive(
      phone,
      frame(MSG_QUERY_AWARENESS, () => undefined),
    );
    expect(fac.sent).toHaveLength(1);
    expect(decode(fac.sent[0]!).type).toBe(MSG_AWARENESS);
    expect(phone.sent).toHaveLength(0);
  });

  it('a heartbeat reaches every peer as an empty awareness message', () => {
    const { channel, fac, fac2, phone } = setup();
    channel.heartbeat();
    for (const p of [fac, fac2, phone]) {
      expect(p.sent).toHaveLength(1);
      const m = decode(p.sent[0]!);
      expect(m.type).toBe(MSG_AWARENESS);
      expect(decoding.readVarUint(decoding.createDecoder(m.payload))).toBe(0);
    }
  });
});

describe('DocChannel: malformed frames', () => {
  it('an empty frame cannot be read', () => {
    const { channel, phone } = setup();
    expectProtocolError(() => channel.receive(phone, new Uint8Array([])), 1007);
  });

  it('an auth message and unknown types are refused as unsupported', () => {
    const { channel, fac } = setup();
    expect(
      expectProtocolError(
        () =>
          channel.receive(
            fac,
            frame(MSG_AUTH, () => undefined),
          ),
        1003,
      ).message,
    ).toContain(String(MSG_AUTH));
    expectProtocolError(() => channel.receive(fac, new Uint8Array([99])), 1003);
  });

  it('an unknown sync type is refused', () => {
    const { channel, fac } = setup();
    expectProtocolError(() => channel.receive(fac, syncFrame(7, new Uint8Array([0]))), 1003);
  });

  it('a sync frame cut short is refused as invalid', () => {
    const { channel, phone } = setup();
    expectProtocolError(() => channel.receive(phone, new Uint8Array([MSG_SYNC])), 1007);
    expectProtocolError(() => channel.receive(phone, new Uint8Array([MSG_SYNC, 0, 10, 1])), 1007);
  });

  it('a corrupt update from a facilitator is refused and leaves the document as it was', () => {
    const { doc, channel, fac, fac2 } = setup();
    doc.getMap('present').set('slide', 1);
    fac2.clear();
    expectProtocolError(() => channel.receive(fac, syncFrame(syncProtocol.messageYjsUpdate, new Uint8Array([1, 1, 200, 200, 200]))), 1007);
    expect(doc.getMap('present').toJSON()).toEqual({ slide: 1 });
    expect(fac2.sent).toHaveLength(0);
  });

  it('corrupt presence from a facilitator is refused; from a participant it is never even parsed', () => {
    const { channel, fac, phone } = setup();
    const garbage = frame(MSG_AWARENESS, (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 0x7b])));
    expectProtocolError(() => channel.receive(fac, garbage), 1007);
    expect(() => channel.receive(phone, garbage)).not.toThrow();
  });
});

describe('DocChannel: destroy', () => {
  it('stops relaying the document’s changes', () => {
    const { doc, channel, fac, phone } = setup();
    channel.destroy();
    doc.getMap('present').set('slide', 2);
    expect(fac.sent).toHaveLength(0);
    expect(phone.sent).toHaveLength(0);
  });
});
