// One live room: the façade the routes and sockets call, joining its documents, ballots, activity control and boards.
import * as Y from 'yjs';
import type { ActivityDef, Tally, WireBallot } from '../core/activity.js';
import type { DeckManifest } from '../core/deck.js';
import { type ActivityState, initialActivityState, type Presence, type RoomMeta } from '../core/room-doc.js';
import { type BallotIntent, type BoardControlRequest, type BoardIntent, type ControlRequest, openingCode } from '../core/wire.js';
import { type Answer, fail, UNSAVED, unlessStorageFails } from './answer.js';
import { Boards } from './boards.js';
import { SecretVotes } from './members.js';
import { nextState, withEntryHidden } from './room/activity-control.js';
import { Ballots } from './room/ballots.js';
import { Countdowns } from './room/countdowns.js';
import { DocLog } from './room/doc-log.js';
import { Publisher } from './room/publisher.js';
import { RoomMovedError, type RoomRecord, type Storage } from './storage.js';
import { DocChannel, type Peer } from './sync.js';

export interface RoomOptions {
  /** How often at most tallies and presence are published into the shared documents. */
  publishIntervalMs: number;
  /** How often at most live tallies and presence reach the facilitators (LIVE_PUBLISH_INTERVAL_MS). */
  liveIntervalMs?: number;
  /** Compact the document log into one snapshot after this many appended updates. */
  compactAfter: number;
  log: (message: string) => void;
  /**
   * Set when other processes take joins for this room (several processes share the database): the joined count
   * is read again from storage when a participant the room has not seen connects.
   */
  joinsElsewhere?: boolean;
}

type HideSenderRequest = Extract<ControlRequest | BoardControlRequest, { action: 'note-hide-sender' | 'entry-hide-sender' }>;

export class Room {
  readonly public: DocChannel;
  readonly live: DocChannel;
  private readonly states = new Map<string, ActivityState>();
  private readonly ballots: Ballots;
  private readonly countdowns: Countdowns;
  private readonly docLog: DocLog;
  private readonly publisher: Publisher;
  private queue: Promise<unknown> = Promise.resolve();
  private joined: number;
  private closed = false;
  /** Open sockets per connected participant (either document), and facilitator sockets: presence counts people. */
  private readonly participantSockets = new Map<string, number>();
  private facilitatorSockets = 0;
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
    appended: number,
    joined: number,
  ) {
    this.joined = joined;
    this.public = new DocChannel(doc, true);
    this.live = new DocChannel(new Y.Doc({ gc: true }), false);
    this.docLog = new DocLog(doc, record.id, storage, options, appended);
    this.publisher = new Publisher({
      publicDoc: doc,
      liveDoc: this.live.doc,
      publishIntervalMs: options.publishIntervalMs,
      ...(options.liveIntervalMs !== undefined ? { liveIntervalMs: options.liveIntervalMs } : {}),
      meta: () => this.meta(),
      isActivity: (id) => this.activity(id) !== undefined,
      stateOf: (id) => this.stateOf(id),
      tally: (id) => this.ballots.tally(id),
      sealed: (id, state) => this.secret.sealed(id, state.status),
      presence: () => this.presence(),
      restoreBoard: (map, key) => this.boards.restore(map, key),
      flushBoards: () => this.boards.flush(),
    });
    this.secret = new SecretVotes(storage, record.id, manifest, (activity) => this.publisher.activityChanged(activity));
    this.ballots = new Ballots({
      roomId: record.id,
      activities: manifest.activities,
      storage,
      secret: this.secret,
      changed: (activity) => this.publisher.activityChanged(activity),
    });
    this.countdowns = new Countdowns((activity) => {
      void this.control({ action: 'close', activity }).then((a) => {
        if (a.status !== 200) this.options.log(`room ${this.id}: nedtællingen kunne ikke lukke ${activity}`);
      });
    });
    this.boards = new Boards({
      id: record.id,
      boards: manifest.boards ?? [],
      storage,
      publicDoc: doc,
      liveDoc: this.live.doc,
      serial: (task) => this.serial(task),
      scheduleFlush: () => this.publisher.schedule(),
      log: options.log,
    });
  }

  static async load(record: RoomRecord, manifest: DeckManifest, storage: Storage, options: RoomOptions): Promise<Room> {
    const { doc, appended } = await DocLog.read(storage, record.id);
    const room = new Room(record, manifest, storage, options, doc, appended, await storage.countParticipants(record.id));
    await room.boards.load();
    const states = await storage.getActivityStates(record.id);
    for (const def of manifest.activities) room.states.set(def.id, { ...initialActivityState(), ...states.get(def.id), answered: 0 });
    await room.ballots.load();
    room.publisher.publishAll(manifest.activities.map((a) => a.id));
    for (const def of manifest.activities) room.countdowns.arm(def.id, room.states.get(def.id));
    return room;
  }

  get id(): string {
    return this.record.id;
  }

  activity(id: string): ActivityDef | undefined {
    return this.manifest.activities.find((a) => a.id === id);
  }

  private meta(): RoomMeta {
    return {
      roomId: this.record.id,
      deck: this.manifest.id,
      title: this.manifest.title,
      // A retired code (JOIN_CODE_DAYS) opens nothing any more, so none is shown.
      joinCode: openingCode(this.record.joinCode),
    };
  }

  /** Resolves once every mutation queued so far and every document write started so far has finished. */
  async settled(): Promise<void> {
    this.publisher.flush();
    await this.serial(async () => undefined);
    await this.docLog.settled();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs room mutations one after another so storage order and in-memory tallies never disagree. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    // A request that got this copy of the room just before it closed (moved to another process, or unloaded and
    // loaded again as a new copy) writes nothing through it: the copy serving the room now counts.
    const guarded = () => (this.closed ? Promise.reject(new RoomMovedError(this.id)) : task());
    const run = this.queue.then(guarded, guarded);
    // The queue only orders tasks; each task's own caller receives its failure through `run`.
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  castBallot(participantId: string, intent: BallotIntent): Promise<Answer> {
    return this.serial(() =>
      unlessStorageFails(this.options.log, this.id, UNSAVED.ballot, () =>
        this.ballots.cast(participantId, intent, (id) => this.states.get(id)!),
      ),
    );
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
      const step = nextState(def, before, request, Date.now());
      if (!step.ok) return step.refused;
      const { next } = step;
      return unlessStorageFails(this.options.log, this.id, UNSAVED.change, async () => {
        if (request.action === 'reset') {
          await this.storage.resetActivity(this.id, def.id, next);
          this.ballots.clear(def);
          this.secret.reset(def.id);
        } else await this.storage.putActivityState(this.id, def.id, next);
        this.states.set(def.id, next);
        this.countdowns.arm(def.id, next);
        this.publisher.activityChanged(def.id);
        // A facilitator's action shows at once; only the flood of ballots is throttled.
        this.publisher.flush();
        return { status: 200, body: { activity: def.id, state: this.stateOf(def.id) } };
      });
    });
  }

  /**
   * "Skjul alt fra denne afsender": every note and open-text answer from the participant behind one note or one
   * text entry is hidden. The participant is found here and never leaves the server: the answer holds counts only.
   */
  private hideSender(request: HideSenderRequest): Promise<Answer> {
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
        const traced = this.ballots.senderOf(def, request.entry);
        if (!traced.ok) return traced.refused;
        sender = traced.sender;
      }
      return unlessStorageFails(this.options.log, this.id, UNSAVED.change, async () => {
        const notes = await this.boards.hideAllFrom(sender);
        const { hide, kept } = this.ballots.textAnswersOf(sender, (id) => this.states.get(id)!.hiddenEntries);
        for (const [activity, key] of hide) {
          const next = withEntryHidden(this.states.get(activity)!, key);
          await this.storage.putActivityState(this.id, activity, next);
          this.states.set(activity, next);
          this.publisher.activityChanged(activity);
        }
        this.publisher.flush();
        return { status: 200, body: { hidden: { notes, answers: hide.length }, kept } };
      });
    });
  }

  /** An activity's state as the room publishes it. */
  activityState(id: string): ActivityState {
    return this.stateOf(id);
  }

  private stateOf(id: string): ActivityState {
    return { ...this.states.get(id)!, answered: this.ballots.answered(id), ...this.secret.counts(id) };
  }

  ballotsOf(participantId: string): Record<string, WireBallot> {
    return this.ballots.of(participantId);
  }

  tally(activityId: string): Tally | undefined {
    return this.ballots.tally(activityId);
  }

  private recountJoined(): void {
    this.storage
      .countParticipants(this.record.id)
      .then((n) => {
        if (n <= this.joined || this.closed) return;
        this.joined = n;
        this.publisher.presenceChanged();
      })
      .catch((err: unknown) => this.options.log(`rum ${this.record.id}: deltagere kunne ikke tælles: ${(err as Error).message}`));
  }

  participantJoined(): void {
    this.joined++;
    this.publisher.presenceChanged();
  }

  attach(peer: Peer, channel: DocChannel): void {
    if (channel.peers.has(peer)) return;
    channel.attach(peer);
    if (peer.role === 'participant' && this.options.joinsElsewhere && !this.participantSockets.has(peer.id)) this.recountJoined();
    if (peer.role === 'participant') this.participantSockets.set(peer.id, (this.participantSockets.get(peer.id) ?? 0) + 1);
    else this.facilitatorSockets++;
    this.publisher.presenceChanged();
  }

  detach(peer: Peer, channel: DocChannel): void {
    if (!channel.peers.has(peer)) return;
    channel.detach(peer);
    if (peer.role === 'participant') {
      const left = (this.participantSockets.get(peer.id) ?? 1) - 1;
      if (left > 0) this.participantSockets.set(peer.id, left);
      else this.participantSockets.delete(peer.id);
    } else this.facilitatorSockets--;
    this.publisher.presenceChanged();
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

  heartbeat(): void {
    this.public.heartbeat();
    this.live.heartbeat();
  }

  /** Stop the room; with `disconnect`, its clients are closed with that code and reason (e.g. when deleted). */
  close(disconnect?: { code: number; reason: string }): void {
    if (disconnect) {
      for (const peer of [...this.public.peers, ...this.live.peers]) peer.close(disconnect.code, disconnect.reason);
    } else this.publisher.flush();
    // Without a disconnect, a last try to leave the whole document on disk; SQLite writes it before the document goes below.
    this.docLog.close(!disconnect);
    this.closed = true;
    this.publisher.stop();
    this.countdowns.stop();
    this.public.destroy();
    this.live.destroy();
  }
}
