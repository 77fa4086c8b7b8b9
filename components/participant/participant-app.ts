// <rs-participant-app>: the phone page — join by code, follow the facilitator, vote and see that the vote is stored.
import { LitElement, ReactiveElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { answersCount, chooseLocale, deckLang, getLocale, setDeckLanguage, shownDefinition, storedLocale } from '../i18n.js';
import { describeBallot, type ActivityDef, type Ballot } from '../../core/activity.js';
import type { ActivityStatus } from '../../core/room-doc.js';
import type { BallotEventDetail } from '../kinds/ballot-event.js';
import type { DeckManifest } from '../../core/deck.js';
import { JOIN_CODE_PATTERN, normaliseJoinCode, type ParticipantBoot } from '../../core/wire.js';
import { ApiError, request } from '../room/api.js';
import { RoomConnection } from '../room/room-connection.js';
import { buttons, srOnly, tokens } from '../theme.js';
import {
  ParticipantSession,
  forgetSession,
  joinRoom,
  rememberSession,
  storedSession,
  type StoredSession,
  type VoteStatus,
} from './session.js';
import '../results/result-view.js';
import '../kinds/single/single-choice.js';
import '../kinds/multi/multi-choice.js';
import '../kinds/ranking/ranking.js';
import '../kinds/points/points.js';
import '../kinds/scale/scale.js';
import '../kinds/text/text-answer.js';
import '../kinds/motion/motion.js';
import './voting-card.js';
import './board-notes.js';
import './board-dots.js';
import '../board/top-priorities.js';
import * as Y from 'yjs';
import type { BoardDef, Note } from '../../core/board.js';
import { DOC } from '../../core/room-doc.js';
import { BoardLayout } from '../board/layout.js';
import type { BoardAction } from './session.js';
import type { DotGroup } from './board-dots.js';

type Phase = 'form' | 'joining' | 'ready' | 'error';

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

function codeFromPath(): string | undefined {
  const m = /^\/j\/(\d{6})\/?$/.exec(location.pathname);
  if (m) return m[1];
  // The join page's plain form lands on /j?code=…; the address becomes /j/<code>, which a reload keeps.
  const typed = location.pathname === '/j' ? normaliseJoinCode(new URLSearchParams(location.search).get('code') ?? '') : undefined;
  if (typed === undefined || !JOIN_CODE_PATTERN.test(typed)) return undefined;
  history.replaceState(null, '', `/j/${typed}`);
  return typed;
}

/** Resolves once every Lit element under `root`, through their shadow roots, has rendered what it was given. */
async function rendered(root: ParentNode): Promise<void> {
  const elements = [...root.querySelectorAll('*')].filter((e): e is ReactiveElement => e instanceof ReactiveElement);
  await Promise.all(
    elements.map(async (e) => {
      await e.updateComplete;
      await rendered(e.renderRoot);
    }),
  );
}

@customElement('rs-participant-app')
@localized()
export class RsParticipantApp extends LitElement {
  static override styles = [
    tokens,
    buttons,
    srOnly,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
        min-height: 100dvh;
        background: var(--rs-surface);
        font-size: 1rem;
      }
      header {
        background: var(--rs-ink);
        color: var(--rs-paper);
        padding: 0.7rem min(1rem, 4vw);
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.4rem 0.6rem;
      }
      /* The title wraps rather than being cut, and with large text on a narrow phone it takes its own line,
         the status and the language below it. */
      header h1 {
        flex: 1 1 8rem;
        min-width: 0;
        font-size: 1rem;
        line-height: 1.25;
        margin: 0;
        font-weight: 700;
        overflow-wrap: break-word;
      }
      button.lang {
        flex: none;
        min-height: 36px;
        padding: 0.2em 0.7em;
        font-size: 0.85rem;
        color: var(--rs-paper);
        background: transparent;
        border: 1px solid rgb(var(--rs-paper-rgb) / 0.7);
      }
      .conn {
        flex: none;
        font-size: 0.85rem;
        display: flex;
        align-items: center;
        gap: 0.35rem;
      }
      .conn::before {
        content: '';
        width: 0.6rem;
        height: 0.6rem;
        border-radius: 50%;
        background: var(--rs-status-wait);
      }
      .conn[data-status='connected']::before {
        background: var(--rs-status-ok);
      }
      .conn[data-status='disconnected']::before {
        background: var(--rs-status-lost);
      }
      main {
        flex: 1;
        padding: min(1rem, 4vw);
        max-width: 36rem;
        width: 100%;
        box-sizing: border-box;
        margin: 0 auto;
      }
      .card {
        background: var(--rs-paper);
        border-radius: var(--rs-radius);
        padding: min(1.1rem, 5vw);
        box-shadow: 0 1px 3px rgb(var(--rs-ink-rgb) / 0.15);
        min-width: 0;
        /* Long Danish compounds break rather than push the page sideways at 320 px with large text. */
        overflow-wrap: anywhere;
      }
      .card:focus {
        outline: none;
      }
      .card:focus-visible {
        outline: var(--rs-focus-ring);
        outline-offset: var(--rs-focus-offset);
      }
      h2 {
        font-size: 1.3rem;
        margin: 0 0 0.6rem;
      }
      label {
        display: block;
        font-weight: 600;
        margin-bottom: 0.4rem;
      }
      input {
        font: inherit;
        font-size: 1.8rem;
        letter-spacing: 0.15em;
        width: 100%;
        box-sizing: border-box;
        padding: 0.5rem 0.7rem;
        border: 2px solid var(--rs-ink-soft);
        border-radius: var(--rs-radius);
        font-variant-numeric: tabular-nums;
      }
      input:focus-visible {
        outline: var(--rs-focus-ring);
        outline-offset: var(--rs-focus-offset);
      }
      form button {
        width: 100%;
        margin-top: 0.8rem;
        font-size: 1.1rem;
        min-height: 52px;
      }
      .muted {
        color: var(--rs-ink-soft);
      }
      .vote-status {
        margin-top: 1rem;
        padding: 0.7rem 0.9rem;
        border-radius: var(--rs-radius);
        background: var(--rs-surface);
        border-left: 5px solid var(--rs-line);
      }
      .vote-status[data-kind='stored'] {
        border-left-color: var(--rs-good);
      }
      .vote-status[data-kind='sending'] {
        border-left-color: var(--rs-status-wait);
      }
      .vote-status[data-kind='rejected'] {
        border-left-color: var(--rs-bad);
      }
      .error {
        color: var(--rs-bad);
        margin-top: 0.6rem;
      }
      .results {
        margin-top: 1.2rem;
      }
      .timer {
        margin: 0 0 0.6rem;
        font-weight: 700;
        color: var(--rs-warn);
        font-variant-numeric: tabular-nums;
      }
      .decision {
        margin-top: 1rem;
        padding: 0.6rem 0.8rem;
        border: 2px solid var(--rs-good);
        border-radius: var(--rs-radius);
      }
      .results h3 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
    `,
  ];

  @state() private phase: Phase = 'form';
  @state() private code = '';
  @state() private error = '';
  @state() private manifest: DeckManifest | null = null;
  private session: ParticipantSession | null = null;
  private room: RoomConnection | null = null;
  private unsubscribe: (() => void) | null = null;
  private wasConnected = false;
  private tickTimer: ReturnType<typeof setInterval> | null = null;

  /** While a countdown runs the page re-renders twice a second. */
  private set ticking(on: boolean) {
    if (on && !this.tickTimer) this.tickTimer = setInterval(() => this.requestUpdate(), 500);
    if (!on && this.tickTimer) {
      clearInterval(this.tickTimer);
      this.tickTimer = null;
    }
  }

  /** The browser's own word on the network: it knows at once, where a silent socket takes up to 30 s to tell. */
  @state() private online = navigator.onLine;
  private readonly onNetwork = (): void => {
    this.online = navigator.onLine;
    if (this.online) void this.session?.flush();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // Danish unless this phone chose English before.
    const locale = storedLocale();
    if (locale !== getLocale()) void chooseLocale(locale);
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    // The server-rendered page inside (server/participant-page.ts) has done its part once the app runs.
    this.replaceChildren();
    const code = codeFromPath();
    if (code) {
      this.code = code;
      void this.start(code);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    this.unsubscribe?.();
    this.ticking = false;
    this.room?.destroy();
    this.session?.destroy();
  }

  private async start(code: string): Promise<void> {
    this.phase = 'joining';
    this.error = '';
    try {
      const boot = takeBoot(code);
      const earlier = storedSession(code);
      let session: ParticipantSession;
      let deck: string | undefined;
      if (boot?.session) {
        // The server knows this phone (its cookie): its token and ballots came with the page.
        const stored: StoredSession = { roomId: boot.session.roomId, token: boot.session.token, code };
        rememberSession(stored);
        session = new ParticipantSession(stored);
        session.adopt(boot.session);
      } else if (earlier) {
        session = new ParticipantSession(earlier);
        try {
          deck = (await session.load()).deck;
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
      this.session = session;
      session.addEventListener('change', () => this.requestUpdate());
      if (location.pathname !== `/j/${code}`) history.replaceState(null, '', `/j/${code}`);
      this.manifest =
        boot?.manifest ?? (await request<DeckManifest>(`/api/decks/${encodeURIComponent(deck ?? (await session.load()).deck)}`));
      setDeckLanguage(this.manifest.lang);
      this.room = new RoomConnection({ roomId: session.stored.roomId, token: session.stored.token, role: 'participant' });
      this.unsubscribe = this.room.subscribe(() => this.onRoomChange());
      this.phase = 'ready';
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.phase = codeFromPath() ? 'error' : 'form';
    }
  }

  private onRoomChange(): void {
    const board = this.room?.present()?.board;
    // Facilitators approve, edit, hide and delete notes on the board; the phone's own list follows.
    if (board && this.room && this.session) this.session.reconcile(board, new Map(this.room.notes(board).map((n) => [n.id, n])));
    const connected = this.room?.status === 'connected';
    // Coming back online is the moment to send what waited.
    if (connected && !this.wasConnected) void this.session?.flush();
    this.wasConnected = connected;
    this.requestUpdate();
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector('input');
    const code = normaliseJoinCode(input?.value ?? '');
    if (!JOIN_CODE_PATTERN.test(code)) {
      this.error = msg('Koden består af 6 cifre — se skærmen i lokalet.');
      return;
    }
    this.code = code;
    this.joinedByForm = true;
    void this.start(code);
  }

  /** The code was typed on this page: once in, focus goes to what the room shows. */
  private joinedByForm = false;
  /** Focus was on something in the page before this render. */
  private hadFocus = false;

  protected override updated(changed: PropertyValues): void {
    // The tab's title in the phone's language; @localized renders again when the language changes.
    const title = msg('Deltag · Rådslag');
    if (document.title !== title) document.title = title;
    if (changed.has('phase') && this.phase === 'form') this.renderRoot.querySelector('input')?.focus();
    const joined = changed.has('phase') && this.phase === 'ready' && this.joinedByForm;
    // Focus that was on a control the room took away (the join form, the last activity's buttons) would fall back
    // to the page's start; it goes to the new card instead, so the next Tab reaches its first control.
    if (joined || this.hadFocus) void this.keepFocus();
  }

  /**
   * Puts focus on the card when it is nowhere, or on a control that is gone, disabled or hidden. The ballot and board
   * elements render after this one (a closed vote disables their buttons), so this looks once they have (their
   * updateComplete), not after a guessed delay; and it does not wait for the browser to drop focus from a disabled
   * control itself, which Chromium does only at its next rendering step (after a setTimeout(0) has run).
   */
  private async keepFocus(): Promise<void> {
    await this.updateComplete;
    await rendered(this.renderRoot);
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const lost =
      !active ||
      active === document.body ||
      !active.isConnected ||
      active.matches(':disabled') ||
      !(active as HTMLElement).checkVisibility?.() ||
      !!active.closest('[inert]');
    if (lost && this.isConnected) this.renderRoot.querySelector<HTMLElement>('main .card')?.focus();
  }

  private onBallot(e: CustomEvent<BallotEventDetail>): void {
    this.session?.vote(e.detail.activity, e.detail.ballot);
  }

  private onBoardIntent(e: CustomEvent<BoardAction>): void {
    const a = e.detail;
    const session = this.session;
    if (!session) return;
    if (a.type === 'note') session.postNote(a.board, a.zone, a.text);
    else if (a.type === 'note-edit') session.editNote(a.board, a.note, a.text);
    else if (a.type === 'note-withdraw') session.withdrawNote(a.board, a.note);
    else session.placeDots(a.board, a.dots);
  }

  /** A board's groups as the facilitators have made them, with their visible notes. */
  private boardGroups(board: string, notes: readonly Note[]): DotGroup[] {
    const room = this.room!;
    const map = room.doc.getMap(DOC.layout).get(board);
    if (!(map instanceof Y.Map)) return [];
    const layout = new BoardLayout(room.doc, map as Y.Map<unknown>, {});
    const members = layout.memberships();
    return layout.clusterList().map((c) => ({ id: c.id, name: c.name, notes: notes.filter((n) => members.get(n.id) === c.id) }));
  }

  private renderBoard(def: BoardDef) {
    const room = this.room!;
    const session = this.session!;
    const state = room.boardState(def.id);
    const phase = state?.phase ?? 'closed';
    const notes = room.notes(def.id);
    const groups = this.boardGroups(def.id, notes);
    const groupOf = new Map<string, string>();
    for (const g of groups) for (const n of g.notes) groupOf.set(n.id, g.name);
    const dots = session.myDots(def.id);
    return html`<div class="card" tabindex="-1" @rs-board-intent=${this.onBoardIntent} data-board=${def.id} data-phase=${phase}>
      ${
        phase === 'dots'
          ? html`<rs-board-dots
            .definition=${def}
            .phase=${phase}
            .notes=${notes}
            .groups=${groups.filter((g) => g.notes.length > 0)}
            .stored=${dots.stored}
            .sending=${dots.sending}
            .feedback=${session.boardFeedback(def.id, 'dots')}
          ></rs-board-dots>`
          : html`<rs-board-notes
            .definition=${state && state.approval !== undefined && state.approval !== def.approval ? { ...def, approval: state.approval } : def}
            .phase=${phase}
            .mine=${session.myNotes(def.id)}
            .notes=${notes}
            .groups=${groupOf}
            .feedback=${session.boardFeedback(def.id, 'notes')}
          ></rs-board-notes>`
      }
      ${
        state?.revealed
          ? html`<section class="results" aria-label=${msg('Top prioriteter')}>
            <h3>${msg('Top prioriteter')}</h3>
            <rs-top-priorities compact .room=${room} .definition=${def} board=${def.id}></rs-top-priorities>
          </section>`
          : nothing
      }
    </div>`;
  }

  private renderForm() {
    return html`<div class="card">
      <h2>${msg('Deltag i workshoppen')}</h2>
      <form @submit=${this.submit} novalidate>
        <label for="code">${msg('Deltagerkode (6 cifre)')}</label>
        <input
          id="code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength="7"
          placeholder="123 456"
          .value=${this.code}
          aria-describedby=${this.error ? 'code-error' : nothing}
          aria-invalid=${this.error ? 'true' : 'false'}
        />
        ${this.error ? html`<p class="error" id="code-error" role="alert">${this.error}</p>` : nothing}
        <button class="primary" type="submit">${msg('Deltag')}</button>
      </form>
      <p class="muted">${msg('Ingen konto, ingen app. Koden står på skærmen i lokalet.')}</p>
    </div>`;
  }

  private renderVoteStatus(def: ActivityDef, st: VoteStatus) {
    let text: string;
    switch (st.kind) {
      case 'none':
        return nothing;
      case 'sending':
        text = st.offline
          ? msg('Ingen forbindelse — din stemme sendes, så snart forbindelsen er tilbage.')
          : msg(str`Sender din stemme: ${describeBallot(shownDefinition(def), st.ballot)} …`);
        break;
      case 'stored':
        text =
          def.kind === 'text'
            ? msg(str`✓ Dit svar er gemt: ${describeBallot(shownDefinition(def), st.ballot)}.`)
            : msg(str`✓ Din stemme er gemt: ${describeBallot(shownDefinition(def), st.ballot)}.`);
        break;
      case 'rejected':
        text = msg(str`Stemmen blev ikke modtaget: ${st.message}`);
        break;
    }
    return html`<p class="vote-status" data-kind=${st.kind}>${text}</p>`;
  }

  /** One ballot element per kind; all share the same properties and emit rs-ballot. */
  private renderBallot(def: ActivityDef, status: ActivityStatus, ballot: Ballot | undefined) {
    switch (def.kind) {
      case 'single':
        return html`<rs-single-choice .definition=${def} .status=${status} .ballot=${ballot}></rs-single-choice>`;
      case 'multi':
        return html`<rs-multi-choice .definition=${def} .status=${status} .ballot=${ballot}></rs-multi-choice>`;
      case 'ranking':
        return html`<rs-ranking .definition=${def} .status=${status} .ballot=${ballot}></rs-ranking>`;
      case 'points':
        return html`<rs-points .definition=${def} .status=${status} .ballot=${ballot}></rs-points>`;
      case 'scale':
        return html`<rs-scale .definition=${def} .status=${status} .ballot=${ballot}></rs-scale>`;
      case 'text':
        return html`<rs-text-answer .definition=${def} .status=${status} .ballot=${ballot}></rs-text-answer>`;
      case 'motion':
        return html`<rs-motion .definition=${def} .status=${status} .ballot=${ballot}></rs-motion>`;
    }
  }

  private renderActivity(def: ActivityDef) {
    const room = this.room!;
    const state = room.activityState(def.id);
    const st = this.session!.status(def.id);
    const ballot = st.kind === 'sending' || st.kind === 'stored' ? st.ballot : st.kind === 'rejected' ? st.ballot : undefined;
    const result = room.revealedResult(def.id);
    const note =
      state.status === 'idle'
        ? msg('Afstemningen åbner om lidt.')
        : state.status === 'closed'
          ? msg('Afstemningen er lukket.')
          : st.kind === 'stored'
            ? def.membersOnly
              ? ''
              : msg('Du kan ændre dit svar, så længe afstemningen er åben.')
            : '';
    const remaining = state.status === 'open' && state.closesAt ? Math.max(0, Math.ceil((state.closesAt - Date.now()) / 1000)) : null;
    this.ticking = remaining !== null;
    return html`<div class="card" tabindex="-1" @rs-ballot=${this.onBallot}>
      ${remaining !== null ? html`<p class="timer" role="timer">${msg(str`Lukker om ${remaining} s`)}</p>` : nothing}
      ${
        def.membersOnly
          ? html`<rs-voting-card .definition=${def} .status=${state.status} .vote=${st} .roomId=${this.session!.stored.roomId} .token=${this.session!.stored.token}
            >${this.renderBallot(def, state.status, ballot)}</rs-voting-card
          >`
          : this.renderBallot(def, state.status, ballot)
      }
      <div aria-live="polite" aria-atomic="true">
        ${this.renderVoteStatus(def, st)}
        ${note && st.kind === 'stored' && state.status === 'open' ? html`<p class="muted" data-state=${state.status}>${note}</p>` : nothing}
      </div>
      <!-- That the vote waits or has closed is said once, by the page's announcement; here it is only shown. -->
      ${note && !(st.kind === 'stored' && state.status === 'open') ? html`<p class="muted" data-state=${state.status}>${note}</p>` : nothing}
      ${
        state.decision
          ? html`<p class="decision"><strong>${msg('Beslutning:')}</strong> <span data-decision>${state.decision}</span></p>`
          : nothing
      }
      ${
        result
          ? html`<section class="results" aria-label=${msg('Resultat')}>
            <h3>${msg(str`Resultat (${answersCount(result.ballots)})`)}</h3>
            <rs-result-view compact revealed .definition=${def} .tally=${result}></rs-result-view>
          </section>`
          : nothing
      }
    </div>`;
  }

  /** What the page announces to a screen reader when the facilitator moves the room on. */
  @state() private announcement = '';
  private shownKey = '';

  protected override willUpdate(): void {
    this.hadFocus = !!this.shadowRoot?.activeElement;
    const room = this.room;
    // Only what changes after the first full sync is news.
    if (!room || this.phase !== 'ready' || !room.synced) return;
    const present = room.present();
    const def = present?.activity ? this.manifest?.activities.find((a) => a.id === present.activity) : undefined;
    const board = !def && present?.board ? this.manifest?.boards?.find((b) => b.id === present.board) : undefined;
    const phase = board ? (room.boardState(board.id)?.phase ?? 'closed') : '';
    const activity = def ? room.activityState(def.id) : undefined;
    const status = activity?.status ?? '';
    // A countdown is news once, when it starts: its closing time is part of the key, its ticking seconds are not.
    const closesAt = status === 'open' && activity?.closesAt ? activity.closesAt : 0;
    const key = def
      ? `a:${def.id}:${status}${closesAt ? `:${closesAt}` : ''}`
      : board
        ? `b:${board.id}:${phase}`
        : `w:${present?.slideTitle ?? ''}`;
    if (key === this.shownKey) return;
    const first = this.shownKey === '';
    const sameVote = def && this.shownKey.startsWith(`a:${def.id}:open`) && status === 'open';
    this.shownKey = key;
    if (first) return;
    const seconds = closesAt ? Math.max(0, Math.ceil((closesAt - Date.now()) / 1000)) : 0;
    const countdown = closesAt
      ? seconds === 1
        ? msg('Afstemningen lukker om 1 sekund.')
        : msg(str`Afstemningen lukker om ${seconds} sekunder.`)
      : '';
    // The same open vote: a countdown started (said once), or a countdown called off (nothing new to say).
    if (sameVote) {
      if (countdown) this.announcement = countdown;
      return;
    }
    this.announcement =
      def && countdown
        ? `${msg(str`Ny afstemning: ${def.prompt}`)} ${countdown}`
        : def
          ? status === 'open'
            ? msg(str`Ny afstemning: ${def.prompt}`)
            : status === 'closed'
              ? msg(str`Afstemningen er lukket: ${def.prompt}`)
              : msg(str`Næste afstemning: ${def.prompt}`)
          : board
            ? phase === 'notes'
              ? msg(str`Tavlen er åben for sedler: ${board.prompt}`)
              : phase === 'dots'
                ? msg(str`Prikafstemningen er åben: ${board.prompt}`)
                : msg(str`Tavlen: ${board.prompt}`)
            : msg('Vent på næste aktivitet.');
  }

  private renderRoom() {
    const room = this.room!;
    const present = room.present();
    const def = present?.activity ? this.manifest?.activities.find((a) => a.id === present.activity) : undefined;
    if (def) return this.renderActivity(def);
    const board = present?.board ? this.manifest?.boards?.find((b) => b.id === present.board) : undefined;
    if (board) return this.renderBoard(board);
    // No live region here: the page's announcement says "Vent på næste aktivitet." once.
    return html`<div class="card" tabindex="-1">
      <h2 lang=${present?.slideTitle || this.manifest?.title ? deckLang() : getLocale()}>${present?.slideTitle || this.manifest?.title || msg('Velkommen')}</h2>
      <p class="muted">${msg('Du er med. Vent på næste aktivitet — skærmen skifter af sig selv.')}</p>
    </div>`;
  }

  override render() {
    // Offline as soon as the browser or a failed request says so; otherwise as the sync connection says.
    const status = !this.online || this.session?.isOffline ? 'disconnected' : (this.room?.status ?? 'connecting');
    const statusText = { connecting: msg('Forbinder …'), connected: msg('Forbundet'), disconnected: msg('Ingen forbindelse') }[status];
    return html`
      <header>
        <h1 lang=${deckLang()}>${this.manifest?.title ?? 'Rådslag'}</h1>
        ${this.phase === 'ready' ? html`<span class="conn" data-status=${status} role="status">${statusText}</span>` : nothing}
        ${
          getLocale() === 'da'
            ? html`<button class="lang" lang="en" @click=${() => void chooseLocale('en')}>English</button>`
            : html`<button class="lang" lang="da" @click=${() => void chooseLocale('da')}>Dansk</button>`
        }
      </header>
      <main>
        ${
          this.phase === 'form'
            ? this.renderForm()
            : this.phase === 'joining'
              ? html`<div class="card" role="status"><p>${msg('Forbinder til rummet …')}</p></div>`
              : this.phase === 'error'
                ? html`<div class="card" role="alert">
                  <h2>${msg('Kunne ikke deltage')}</h2>
                  <p>${this.error}</p>
                  <button class="primary" @click=${() => void this.start(this.code)}>${msg('Prøv igen')}</button>
                  <p><a href="/join">${msg('Skriv en anden kode')}</a></p>
                </div>`
                : this.renderRoom()
        }
        <p class="sr-only" role="status" aria-live="polite" data-announcement>${this.announcement}</p>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-participant-app': RsParticipantApp;
  }
}
