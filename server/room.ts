// One live room: its shared documents, the authoritative ballots and tallies, activity control.
import * as Y from 'yjs';
import {
  applyToTally,
  ballotOf,
  checkBallot,
  emptyTally,
  wireBallot,
  type ActivityDef,
  type Ballot,
  type Tally,
  type WireBallot,
} from '../core/activity.js';
import { textKey } from '../core/text.js';
import type { DeckManifest } from '../core/deck.js';
import { DOC, LIVE_DOC, initialActivityState, type ActivityState, type Presence, type RoomMeta } from '../core/room-doc.js';
import {
  openingCode,
  type BallotAck,
  type BallotIntent,
  type BoardControlRequest,
  type BoardIntent,
  type ControlRequest,
  type ErrorCode,
} from '../core/wire.js';
import { Boards } from './boards.js';
import { DocChannel, type Peer } from './sync.js';
import { StorageError, type RoomRecord, type Storage, type StoredAnswer } from './storage.js';
import { SecretVotes } from './members.js';

/** After a document write failed, the whole document is written again after this long, then twice as long each time. */
const REPAIR_FIRST_MS = 250;
const REPAIR_MAX_MS = 30_000;

/** The answered count alone reaches the phones at most this often. */
const PUBLIC_COUNT_INTERVAL_MS = 1000;

export interface RoomOptions {
  /** How often at most tallies and presence are published into the shared documents. */
  publishIntervalMs: number;
  /** Compact the document log into one snapshot after this many appended updates. */
  compactAfter: number;
  log: (message: string) => void;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** What participants may see of a tally: hidden open-text entries are left out entirely. */
/** The tally as published: text entries the facilitator hid are left out, and spellings stay on the server. */
function publicTally(tally: Tally | undefined, hidden: readonly string[]): Tally | undefined {
  if (tally?.kind !== 'text') return tally;
  const entries: typeof tally.entries = {};
  for (const [k, e] of Object.entries(tally.entries)) if (!hidden.includes(k)) entries[k] = { text: e.text, count: e.count };
  return { ...tally, entries };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function fail(status: number, code: ErrorCode, message: string): Answer {
  return { status, body: { error: { code, message } } };
}

export class Room {
  readonly public: DocChannel;
  readonly live: DocChannel;
  private readonly ballots = new Map<string, Map<string, Ballot>>();
  private readonly tallies = new Map<string, Tally>();
  private readonly states = new Map<string, ActivityState>();
  private readonly dirty = new Set<string>();
  private readonly countdowns = new Map<string, ReturnType<typeof setTimeout>>();
  private presenceDirty = true;
  /** When each activity's answered count last went to the public document. */
  private readonly countPublishedAt = new Map<string, number>();
  private countTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly deferred = new Set<string>();
  private metaDirty = false;
  private readonly strays: [Y.Map<unknown>, string][] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private appendedSinceCompaction = 0;
  /**
   * An append failed, so the log on disk misses an update. Every later Yjs update builds on it, and a restart would
   * hold them all back as incomplete: only a whole snapshot in place of the log makes it whole again.
   */
  private logHole = false;
  /** Counts document updates, so a repair knows whether its snapshot still holds everything. */
  private docVersion = 0;
  private repairTimer: ReturnType<typeof setTimeout> | null = null;
  private repairDelayMs = REPAIR_FIRST_MS;
  private repairing: Promise<void> | null = null;
  private joined: number;
  private closed = false;
  /** Open sockets per connected participant (either document), and facilitator sockets: presence counts people. */
  private readonly participantSockets = new Map<string, number>();
  private facilitatorSockets = 0;
  /** Document writes not yet on disk: a room leaves memory only once they are. */
  private readonly docWrites = new Set<Promise<unknown>>();
  /** When a request or a connection last used the room (ms); an idle room is unloaded. */
  lastUsed = Date.now();
  readonly boards: Boards;
  /** Members-only activities: turnout and secret ballots kept apart (server/members.ts). */
  readonly secret: SecretVotes;

  private constructor(
    readonly record: RoomRecord,
    readonly manifest: DeckManifest,
    private readonly storage: Storage,
    private readonly options: RoomOptions,
    doc: Y.Doc,
    joined: number,
  ) {
    this.joined = joined;
    this.public = new DocChannel(doc, true);
    this.live = new DocChannel(new Y.Doc({ gc: true }), false);
    this.secret = new SecretVotes(storage, record.id, manifest, (activity) => this.markDirty(activity));
    doc.on('update', this.persistUpdate);
    for (const name of [DOC.activities, DOC.results, DOC.meta]) doc.getMap(name).observe(this.guardServerOwned);
    this.boards = new Boards({
      id: record.id,
      boards: manifest.boards ?? [],
      storage,
      publicDoc: doc,
      liveDoc: this.live.doc,
      serial: (task) => this.serial(task),
      scheduleFlush: () => this.scheduleFlush(),
      log: options.log,
    });
    for (const name of [DOC.boards, DOC.notes, DOC.dots] as const) {
      doc.getMap(name).observe((event) => {
        if (event.transaction.origin === 'server' || event.transaction.origin === 'storage') return;
        for (const key of event.keysChanged) this.boards.restore(name, key);
      });
    }
  }

  /** Facilitators may write the document, but states, results and meta are the server's: a stray write is undone. */
  private readonly guardServerOwned = (event: Y.YMapEvent<unknown>): void => {
    if (event.transaction.origin === 'server' || event.transaction.origin === 'storage') return;
    let metaTouched = false;
    for (const key of event.keysChanged) {
      if (event.target === this.public.doc.getMap(DOC.meta)) metaTouched = true;
      else if (this.activity(key)) this.dirty.add(key);
      else this.strays.push([event.target as Y.Map<unknown>, key]);
    }
    if (metaTouched) this.metaDirty = true;
    this.scheduleFlush();
  };

  static async load(record: RoomRecord, manifest: DeckManifest, storage: Storage, options: RoomOptions): Promise<Room> {
    const doc = new Y.Doc({ gc: true });
    const updates = await storage.loadDocUpdates(record.id, 'public');
    if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates), 'storage');
    const room = new Room(record, manifest, storage, options, doc, await storage.countParticipants(record.id));
    room.appendedSinceCompaction = updates.length;
    await room.boards.load();

    const states = await storage.getActivityStates(record.id);
    for (const def of manifest.activities) {
      room.states.set(def.id, { ...initialActivityState(), ...states.get(def.id), answered: 0 });
      room.ballots.set(def.id, new Map());
      room.tallies.set(def.id, emptyTally(def));
    }
    for (const b of await storage.listBallots(record.id)) {
      const def = room.activity(b.activity);
      if (!def) continue;
      const ballot = ballotOf(def, b.ballot);
      room.ballots.get(def.id)!.set(b.participantId, ballot);
      applyToTally(room.tallies.get(def.id)!, ballot, 1);
    }
    await room.secret.load((activity) => room.tallies.get(activity));
    room.initDocument();
    for (const def of manifest.activities) room.armCountdown(def.id);
    return room;
  }

  get id(): string {
    return this.record.id;
  }

  activity(id: string): ActivityDef | undefined {
    return this.manifest.activities.find((a) => a.id === id);
  }

  /** Server-owned parts of the public document, rebuilt from storage so they always match the ballots. */
  private initDocument(): void {
    this.writeMeta();
    for (const def of this.manifest.activities) this.dirty.add(def.id);
    this.flush();
  }

  private writeMeta(): void {
    const doc = this.public.doc;
    doc.transact(() => {
      const meta: RoomMeta = {
        roomId: this.record.id,
        deck: this.manifest.id,
        title: this.manifest.title,
        // A retired code (JOIN_CODE_DAYS) opens nothing any more, so none is shown.
        joinCode: openingCode(this.record.joinCode),
      };
      const metaMap = doc.getMap(DOC.meta);
      for (const k of metaMap.keys()) if (!(k in meta)) metaMap.delete(k);
      for (const [k, v] of Object.entries(meta)) if (metaMap.get(k) !== v) metaMap.set(k, v);
    }, 'server');
  }

  private readonly persistUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'storage' || this.closed) return;
    this.docVersion++;
    // Appending on top of a hole is no use: the repair's snapshot will hold this update too.
    if (this.logHole) {
      this.scheduleRepair();
      return;
    }
    this.track(this.storage.appendDocUpdate(this.record.id, 'public', update)).then(
      () => {
        if (++this.appendedSinceCompaction >= this.options.compactAfter) this.compact();
      },
      // The document stays whole in memory; it goes to disk whole as soon as the disk takes it.
      (err: unknown) => {
        this.options.log(`room ${this.record.id}: ${(err as Error).message}`);
        this.logHole = true;
        this.scheduleRepair();
      },
    );
  };

  private scheduleRepair(): void {
    if (this.repairTimer || this.repairing || this.closed) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      if (this.logHole) void this.repairLog();
    }, this.repairDelayMs);
  }

  /** Replace the log with the whole document; while the disk refuses, try again later, waiting longer each time. */
  private repairLog(): Promise<void> {
    if (this.repairing) return this.repairing;
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.repairTimer = null;
    const version = this.docVersion;
    const snapshot = Y.encodeStateAsUpdate(this.public.doc);
    this.repairing = this.track(this.storage.replaceDocUpdates(this.record.id, 'public', snapshot))
      .then(
        () => {
          this.appendedSinceCompaction = 0;
          this.repairDelayMs = REPAIR_FIRST_MS;
          // An update that came while the snapshot was being written was not appended: write again.
          if (this.docVersion === version) {
            this.logHole = false;
            this.options.log(`room ${this.record.id}: dokumentet er skrevet helt til disken igen`);
          }
        },
        (err: unknown) => {
          this.options.log(`room ${this.record.id}: ${(err as Error).message}`);
          this.repairDelayMs = Math.min(REPAIR_MAX_MS, this.repairDelayMs * 2);
        },
      )
      .finally(() => {
        this.repairing = null;
        if (this.logHole) this.scheduleRepair();
      });
    return this.repairing;
  }

  private compact(): void {
    this.appendedSinceCompaction = 0;
    const snapshot = Y.encodeStateAsUpdate(this.public.doc);
    this.track(this.storage.replaceDocUpdates(this.record.id, 'public', snapshot)).catch((err: unknown) => {
      this.options.log(`room ${this.record.id}: ${(err as Error).message}`);
    });
  }

  private track<T>(write: Promise<T>): Promise<T> {
    this.docWrites.add(write);
    const done = () => this.docWrites.delete(write);
    write.then(done, done);
    return write;
  }

  /** Resolves once every mutation queued so far and every document write started so far has finished. */
  async settled(): Promise<void> {
    this.flush();
    await this.serial(async () => undefined);
    while (this.docWrites.size > 0) await Promise.allSettled([...this.docWrites]);
    // Memory holds the only whole copy of a document whose log has a hole: the room may not leave memory yet.
    if (this.logHole) await this.repairLog();
    if (this.logHole) throw new StorageError(`Rummets dokument kunne ikke skrives helt til disken endnu; rummet bliver i hukommelsen.`);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs room mutations one after another so storage order and in-memory tallies never disagree. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    // The queue only orders tasks; each task's own caller receives its failure through `run`.
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  castBallot(participantId: string, intent: BallotIntent): Promise<Answer> {
    return this.serial(async () => {
      try {
        const earlier = await this.storage.getIntentAnswer(this.id, participantId, intent.id);
        if (earlier) return earlier;
        const def = this.activity(intent.activity);
        if (!def) return fail(400, 'unknown_activity', `Aktiviteten "${intent.activity}" findes ikke i dette rum.`);
        const state = this.states.get(def.id)!;
        if (state.status !== 'open') {
          return fail(
            409,
            'activity_closed',
            state.status === 'idle'
              ? `Afstemningen "${def.prompt}" er ikke åbnet endnu.`
              : `Afstemningen "${def.prompt}" er lukket; stemmen blev ikke gemt.`,
          );
        }
        if (def.membersOnly) return await this.secret.cast(participantId, def, intent.id, intent.ballot, this.tallies.get(def.id)!);
        const checked = checkBallot(def, intent.ballot);
        if (!checked.ok) return fail(400, checked.code, checked.message);
        const at = Date.now();
        const ack: BallotAck = { id: intent.id, type: 'ballot', activity: def.id, ballot: wireBallot(checked.ballot), storedAt: at };
        const answer: StoredAnswer = { status: 200, body: ack };
        await this.storage.storeBallot({
          roomId: this.id,
          activity: def.id,
          participantId,
          ballot: wireBallot(checked.ballot),
          intentId: intent.id,
          answer,
          at,
        });
        const mine = this.ballots.get(def.id)!;
        const tally = this.tallies.get(def.id)!;
        const previous = mine.get(participantId);
        if (previous) applyToTally(tally, previous, -1);
        mine.set(participantId, checked.ballot);
        applyToTally(tally, checked.ballot, 1);
        this.markDirty(def.id);
        return answer;
      } catch (err) {
        if (err instanceof StorageError) {
          this.options.log(`room ${this.id}: ${err.message}`);
          return fail(503, 'storage_unavailable', 'Stemmen kunne ikke gemmes lige nu. Prøv igen om et øjeblik.');
        }
        throw err;
      }
    });
  }

  /** A participant's intent on a whiteboard. */
  actOnBoard(participantId: string, intent: BoardIntent): Promise<Answer> {
    return this.boards.act(participantId, intent);
  }

  control(request: ControlRequest | BoardControlRequest): Promise<Answer> {
    if (request.action === 'note-hide-sender' || request.action === 'entry-hide-sender') return this.hideSender(request);
    if (!('activity' in request)) return this.boards.control(request);
    return this.serial(async () => {
      const def = this.activity(request.activity);
      if (!def) return fail(404, 'unknown_activity', `Aktiviteten "${request.activity}" findes ikke i dette rum.`);
      const before = this.states.get(def.id)!;
      const refused = this.secret.refuse(def, request.action, before.status);
      if (refused) return refused;
      const now = Date.now();
      let next: ActivityState;
      switch (request.action) {
        case 'open':
          next = before.status === 'open' ? before : { ...before, status: 'open', openedAt: now, closedAt: null, closesAt: null };
          break;
        case 'close':
          next = before.status === 'closed' ? before : { ...before, status: 'closed', closedAt: now, closesAt: null };
          break;
        case 'reveal':
          next = { ...before, revealed: true };
          break;
        case 'hide':
          next = { ...before, revealed: false };
          break;
        case 'reset':
          next = initialActivityState();
          break;
        case 'decide':
          next = { ...before, decision: request.decision.trim() };
          break;
        case 'countdown':
          if (request.seconds > 0 && before.status !== 'open') {
            return fail(409, 'activity_closed', 'Nedtællingen kan kun startes, mens aktiviteten er åben.');
          }
          next = { ...before, closesAt: request.seconds > 0 ? now + request.seconds * 1000 : null };
          break;
        case 'hide-entry':
        case 'show-entry': {
          if (def.kind !== 'text') return fail(400, 'invalid_request', 'Kun fritekstsvar kan skjules.');
          const key = textKey(request.entry);
          const hidden = before.hiddenEntries.filter((k) => k !== key);
          if (request.action === 'hide-entry') hidden.push(key);
          next = { ...before, hiddenEntries: hidden };
          break;
        }
      }
      try {
        if (request.action === 'reset') await this.storage.resetActivity(this.id, def.id, next);
        else await this.storage.putActivityState(this.id, def.id, next);
      } catch (err) {
        if (err instanceof StorageError) {
          this.options.log(`room ${this.id}: ${err.message}`);
          return fail(503, 'storage_unavailable', 'Ændringen kunne ikke gemmes lige nu. Prøv igen om et øjeblik.');
        }
        throw err;
      }
      if (request.action === 'reset') {
        this.ballots.set(def.id, new Map());
        this.tallies.set(def.id, emptyTally(def));
        this.secret.reset(def.id);
      }
      this.states.set(def.id, next);
      this.armCountdown(def.id);
      this.markDirty(def.id);
      // A facilitator's action shows at once; only the flood of ballots is throttled.
      this.flush();
      return { status: 200, body: { activity: def.id, state: this.stateOf(def.id) } };
    });
  }

  /**
   * "Skjul alt fra denne afsender": every note and open-text answer from the participant behind one note or one
   * text entry is hidden. The participant is found here and never leaves the server: the answer holds counts only.
   */
  private hideSender(
    request: Extract<ControlRequest | BoardControlRequest, { action: 'note-hide-sender' | 'entry-hide-sender' }>,
  ): Promise<Answer> {
    return this.serial(async () => {
      let sender: string;
      if (request.action === 'note-hide-sender') {
        if (!this.boards.def(request.board)) return fail(404, 'unknown_board', `Tavlen "${request.board}" findes ikke i dette rum.`);
        const who = this.boards.senderOf(request.board, request.note);
        if (who === undefined) return fail(404, 'unknown_note', 'Sedlen findes ikke (længere).');
        if (who === null) return fail(400, 'invalid_request', 'Sedlen er skrevet af en facilitator. Skjul eller slet den for sig.');
        sender = who;
      } else {
        const def = this.activity(request.activity);
        if (!def) return fail(404, 'unknown_activity', `Aktiviteten "${request.activity}" findes ikke i dette rum.`);
        if (def.kind !== 'text') return fail(400, 'invalid_request', 'Kun fritekstsvar kan føres tilbage til en afsender.');
        const key = textKey(request.entry);
        const senders: string[] = [];
        for (const [participant, ballot] of this.ballots.get(def.id)!)
          if (ballot.kind === 'text' && textKey(ballot.text) === key) senders.push(participant);
        if (senders.length === 0) return fail(404, 'unknown_entry', 'Svaret findes ikke (længere).');
        // Which of several it was cannot be told without pointing at one of them, so nobody is picked.
        if (senders.length > 1) {
          return fail(
            409,
            'several_senders',
            'Flere deltagere har givet dette svar, så det kan ikke føres tilbage til én afsender. Skjul svaret i stedet.',
          );
        }
        sender = senders[0]!;
      }
      try {
        const notes = await this.boards.hideAllFrom(sender);
        let answers = 0;
        let kept = 0;
        for (const def of this.manifest.activities) {
          const ballot = this.ballots.get(def.id)?.get(sender);
          if (ballot?.kind !== 'text') continue;
          const key = textKey(ballot.text);
          const state = this.states.get(def.id)!;
          if (state.hiddenEntries.includes(key)) continue;
          // An answer others gave too stays up: hiding it would hide theirs as well.
          const tally = this.tallies.get(def.id);
          if (tally?.kind === 'text' && (tally.entries[key]?.count ?? 0) > 1) {
            kept++;
            continue;
          }
          const next: ActivityState = { ...state, hiddenEntries: [...state.hiddenEntries, key] };
          await this.storage.putActivityState(this.id, def.id, next);
          this.states.set(def.id, next);
          this.markDirty(def.id);
          answers++;
        }
        this.flush();
        return { status: 200, body: { hidden: { notes, answers }, kept } };
      } catch (err) {
        if (err instanceof StorageError) {
          this.options.log(`room ${this.id}: ${err.message}`);
          return fail(503, 'storage_unavailable', 'Ændringen kunne ikke gemmes lige nu. Prøv igen om et øjeblik.');
        }
        throw err;
      }
    });
  }

  /** Closes the activity when its countdown runs out; survives a restart because closesAt is stored. */
  private armCountdown(activityId: string): void {
    const old = this.countdowns.get(activityId);
    if (old) clearTimeout(old);
    this.countdowns.delete(activityId);
    const state = this.states.get(activityId);
    if (state?.status !== 'open' || state.closesAt === null || this.closed) return;
    const timer = setTimeout(
      () => {
        this.countdowns.delete(activityId);
        void this.control({ action: 'close', activity: activityId }).then((a) => {
          if (a.status !== 200) this.options.log(`room ${this.id}: nedtællingen kunne ikke lukke ${activityId}`);
        });
      },
      Math.max(0, state.closesAt - Date.now()),
    );
    this.countdowns.set(activityId, timer);
  }

  /** An activity's state as the room publishes it. */
  activityState(id: string): ActivityState {
    return this.stateOf(id);
  }

  private stateOf(id: string): ActivityState {
    return { ...this.states.get(id)!, answered: this.ballots.get(id)?.size ?? 0, ...this.secret.counts(id) };
  }

  ballotsOf(participantId: string): Record<string, WireBallot> {
    const out: Record<string, WireBallot> = {};
    for (const [activity, m] of this.ballots) {
      const b = m.get(participantId);
      if (b) out[activity] = wireBallot(b);
    }
    return out;
  }

  tally(activityId: string): Tally | undefined {
    return this.tallies.get(activityId);
  }

  participantJoined(): void {
    this.joined++;
    this.presenceChanged();
  }

  attach(peer: Peer, channel: DocChannel): void {
    if (channel.peers.has(peer)) return;
    channel.attach(peer);
    if (peer.role === 'participant') this.participantSockets.set(peer.id, (this.participantSockets.get(peer.id) ?? 0) + 1);
    else this.facilitatorSockets++;
    this.presenceChanged();
  }

  detach(peer: Peer, channel: DocChannel): void {
    if (!channel.peers.has(peer)) return;
    channel.detach(peer);
    if (peer.role === 'participant') {
      const left = (this.participantSockets.get(peer.id) ?? 1) - 1;
      if (left > 0) this.participantSockets.set(peer.id, left);
      else this.participantSockets.delete(peer.id);
    } else this.facilitatorSockets--;
    this.presenceChanged();
  }

  /**
   * People connected, not sockets: a participant counts once however many tabs they have open (their sockets are
   * capped apart, MAX_SOCKETS_PER_PARTICIPANT); facilitators share one key, so their sockets are counted.
   */
  get connectionCount(): number {
    return this.participantSockets.size + this.facilitatorSockets;
  }

  /** Whether this participant has a socket in the room now (a further socket of theirs adds no person). */
  isConnected(participantId: string): boolean {
    return this.participantSockets.has(participantId);
  }

  presence(): Presence {
    let facilitators = 0;
    for (const p of this.public.peers) if (p.role === 'facilitator') facilitators++;
    // The projector's "N deltagere tilsluttet" counts people: one participant with many sockets is one.
    return { participants: this.participantSockets.size, facilitators, joined: this.joined };
  }

  private presenceChanged(): void {
    this.presenceDirty = true;
    this.scheduleFlush();
  }

  private markDirty(activityId: string): void {
    this.dirty.add(activityId);
    this.scheduleFlush();
  }

  /** Publish an answered count that was held back, once it is due. */
  private deferCount(activityId: string, due: number): void {
    this.dirty.add(activityId);
    if (this.countTimer || this.closed) {
      // The pending timer's flush picks this activity up too.
      this.dirty.delete(activityId);
      this.deferred.add(activityId);
      return;
    }
    this.deferred.add(activityId);
    this.dirty.delete(activityId);
    this.countTimer = setTimeout(
      () => {
        this.countTimer = null;
        for (const id of this.deferred) this.dirty.add(id);
        this.deferred.clear();
        this.flush();
      },
      Math.max(0, due - Date.now()),
    );
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.closed) return;
    this.flushTimer = setTimeout(() => this.flush(), this.options.publishIntervalMs);
  }

  /** Publish what changed: states and answered counts to everyone, revealed results to everyone, live tallies to facilitators. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.closed) return;
    if (this.metaDirty) {
      this.metaDirty = false;
      this.writeMeta();
    }
    if (this.strays.length > 0) {
      const strays = this.strays.splice(0);
      this.public.doc.transact(() => {
        for (const [map, key] of strays) if (map.has(key)) map.delete(key);
      }, 'server');
    }
    const dirty = [...this.dirty];
    this.dirty.clear();
    if (dirty.length > 0) {
      this.public.doc.transact(() => {
        const activities = this.public.doc.getMap(DOC.activities);
        const results = this.public.doc.getMap(DOC.results);
        for (const id of dirty) {
          const state = this.stateOf(id);
          const published: ActivityState = { ...state, hiddenEntries: [] };
          const before = activities.get(id) as ActivityState | undefined;
          // Rewriting an equal value would still grow the persisted log. A change of the answered count
          // alone reaches every phone at most once a second (facilitators see it live in their own
          // document); anything else goes out at once.
          if (!sameJson(before, published)) {
            const countOnly = before !== undefined && sameJson({ ...before, answered: 0 }, { ...published, answered: 0 });
            const due = (this.countPublishedAt.get(id) ?? 0) + PUBLIC_COUNT_INTERVAL_MS;
            if (countOnly && Date.now() < due) this.deferCount(id, due);
            else {
              activities.set(id, published);
              this.countPublishedAt.set(id, Date.now());
            }
          }
          const tally = this.secret.sealed(id, state.status) ? undefined : publicTally(this.tallies.get(id), state.hiddenEntries);
          if (state.revealed && tally) {
            if (!sameJson(results.get(id), tally)) results.set(id, structuredClone(tally));
          } else if (results.has(id)) results.delete(id);
        }
      }, 'server');
      this.live.doc.transact(() => {
        const tallies = this.live.doc.getMap(LIVE_DOC.tallies);
        const hidden = this.live.doc.getMap(LIVE_DOC.hiddenEntries);
        for (const id of dirty) {
          if (this.secret.sealed(id, this.states.get(id)!.status)) tallies.delete(id);
          else tallies.set(id, structuredClone(publicTally(this.tallies.get(id), [])));
          const keys = this.states.get(id)!.hiddenEntries;
          if (!sameJson(hidden.get(id) ?? [], keys)) hidden.set(id, [...keys]);
        }
      }, 'server');
    }
    this.boards.flush();
    if (this.presenceDirty) {
      this.presenceDirty = false;
      const presence = this.presence();
      this.live.doc.transact(() => {
        const map = this.live.doc.getMap(LIVE_DOC.presence);
        for (const [k, v] of Object.entries(presence)) if (map.get(k) !== v) map.set(k, v);
      }, 'server');
    }
  }

  heartbeat(): void {
    this.public.heartbeat();
    this.live.heartbeat();
  }

  /** Stop the room; with `disconnect`, its clients are closed with that code and reason (e.g. when deleted). */
  close(disconnect?: { code: number; reason: string }): void {
    if (disconnect) {
      for (const peer of [...this.public.peers, ...this.live.peers]) peer.close(disconnect.code, disconnect.reason);
    } else {
      this.flush();
      // A last try to leave the whole document on disk; SQLite writes it before the document is destroyed below.
      if (this.logHole) void this.repairLog();
    }
    this.closed = true;
    if (this.repairTimer) clearTimeout(this.repairTimer);
    for (const t of this.countdowns.values()) clearTimeout(t);
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countdowns.clear();
    this.public.doc.off('update', this.persistUpdate);
    this.public.destroy();
    this.live.destroy();
  }
}
