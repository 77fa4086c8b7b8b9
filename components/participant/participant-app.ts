// <rs-participant-app>: the phone page — join by code, follow the facilitator, vote and see that the vote is stored.
// Joining is join.ts's, sending session.ts's, the activity and board cards activity-view.ts's and board-view.ts's.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { deckLang, languageSwitch, setDeckLanguage, useStoredLocale } from '../i18n.js';
import type { DeckManifest } from '../../core/deck.js';
import { JOIN_CODE_PATTERN, normaliseJoinCode } from '../../core/wire.js';
import { CountdownController } from '../room/countdown.js';
import { OwnRoomController } from '../room/room-context.js';
import type { RoomConnection } from '../room/room-connection.js';
import { participantAppStyles } from './participant-app.styles.js';
import type { ParticipantSession } from './session.js';
import { codeFromPath, openSession } from './join.js';
import { activityView } from './activity-view.js';
import { boardView } from './board-view.js';
import { roomNews, showing } from './room-news.js';
import { keepFocus } from './focus.js';
import '../results/result-view.js';
import { ballotInput } from '../kinds/kinds.js';
import './voting-card.js';
import './board-notes.js';
import './board-dots.js';
import '../board/top-priorities.js';

type Phase = 'form' | 'joining' | 'ready' | 'error';

@customElement('rs-participant-app')
@localized()
export class RsParticipantApp extends LitElement {
  static override styles = participantAppStyles;

  @state() private phase: Phase = 'form';
  @state() private code = '';
  @state() private error = '';
  @state() private manifest: DeckManifest | null = null;
  private session: ParticipantSession | null = null;
  /** The room this page opens, shared through the room context with the elements inside (the top priorities). */
  private readonly rooms = new OwnRoomController(this, (room) => this.onRoomChange(room));
  private readonly countdown = new CountdownController(this);
  private wasConnected = false;

  /** The browser's own word on the network: it knows at once, where a silent socket takes up to 30 s to tell. */
  @state() private online = navigator.onLine;
  private readonly onNetwork = (): void => {
    this.online = navigator.onLine;
    if (this.online) void this.session?.flush();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // Danish unless this phone chose English before.
    useStoredLocale();
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
    this.session?.destroy();
  }

  private async start(code: string): Promise<void> {
    this.phase = 'joining';
    this.error = '';
    try {
      const { session, manifest } = await openSession(code);
      this.session?.destroy();
      this.session = session;
      session.addEventListener('change', () => this.requestUpdate());
      this.manifest = manifest;
      setDeckLanguage(manifest.lang);
      this.rooms.open({ roomId: session.stored.roomId, token: session.stored.token, role: 'participant' }, manifest);
      this.phase = 'ready';
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.phase = codeFromPath() ? 'error' : 'form';
    }
  }

  private onRoomChange(room: RoomConnection): void {
    const board = room.present()?.board;
    // Facilitators approve, edit, hide and delete notes on the board; the phone's own list follows.
    if (board && this.session) this.session.reconcile(board, new Map(room.notes(board).map((n) => [n.id, n])));
    const connected = room.status === 'connected';
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
    if (joined || this.hadFocus) void keepFocus(this, () => this.renderRoot.querySelector<HTMLElement>('main .card'));
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

  /** What the page announces to a screen reader when the facilitator moves the room on. */
  @state() private announcement = '';
  private shownKey = '';

  protected override willUpdate(): void {
    this.hadFocus = !!this.shadowRoot?.activeElement;
    const room = this.rooms.room;
    // Only what changes after the first full sync is news.
    if (!room || this.phase !== 'ready' || !room.synced) return;
    const news = roomNews(this.shownKey, room, showing(room, this.manifest));
    this.shownKey = news.key;
    if (news.text !== undefined) this.announcement = news.text;
  }

  private renderRoom(room: RoomConnection, session: ParticipantSession) {
    const now = showing(room, this.manifest);
    const def = now.activity;
    if (def) {
      const state = room.activityState(def.id);
      return activityView({
        def,
        state,
        result: room.revealedResult(def.id),
        remaining: this.countdown.remaining(state),
        session,
        input: (ballot) => ballotInput(def, state.status, ballot),
      });
    }
    this.countdown.remaining(undefined);
    // On a slide of its own (not the board's), a board is there for its top priorities.
    if (now.board) return boardView(now.board, room, session, now.present?.slide !== now.board.slide);
    // No live region here: the page's announcement says "Vent på næste aktivitet." once. Where the room is, the header says.
    return html`<div class="card" tabindex="-1">
      <h2>${msg('Du er med')}</h2>
      <p class="muted">${msg('Vent på næste aktivitet — skærmen skifter af sig selv.')}</p>
    </div>`;
  }

  /**
   * Where the room is, under the deck's title in the header: the slide's title, once joined. Not on the slide
   * that asks people to join (a phone that has joined is not asked again), nor when it only repeats the deck's title.
   */
  private where(room: RoomConnection | undefined): string {
    const present = this.phase === 'ready' ? room?.present() : undefined;
    if (!present) return '';
    if (this.manifest?.slides.find((s) => s.index === present.slide)?.join) return '';
    const title = present.slideTitle.trim();
    return title === this.manifest?.title ? '' : title;
  }

  override render() {
    const room = this.rooms.room;
    // Offline as soon as the browser or a failed request says so; otherwise as the sync connection says.
    const status = !this.online || this.session?.isOffline ? 'disconnected' : (room?.status ?? 'connecting');
    const where = this.where(room);
    const statusText = { connecting: msg('Forbinder …'), connected: msg('Forbundet'), disconnected: msg('Ingen forbindelse') }[status];
    return html`
      <header>
        <div class="where">
          <h1 lang=${deckLang()}>${this.manifest?.title ?? 'Rådslag'}</h1>
          ${where ? html`<p class="slide" lang=${deckLang()} data-where>${where}</p>` : nothing}
        </div>
        ${this.phase === 'ready' ? html`<span class="conn" data-status=${status} role="status">${statusText}</span>` : nothing}
        ${languageSwitch()}
      </header>
      <main>
        ${
          this.phase === 'form'
            ? this.renderForm()
            : this.phase === 'joining'
              ? html`<div class="card" role="status"><p>${msg('Forbinder til rummet …')}</p></div>`
              : this.phase === 'error' || !room || !this.session
                ? html`<div class="card" role="alert">
                  <h2>${msg('Kunne ikke deltage')}</h2>
                  <p>${this.error}</p>
                  <button class="primary" @click=${() => void this.start(this.code)}>${msg('Prøv igen')}</button>
                  <p><a href="/join">${msg('Skriv en anden kode')}</a></p>
                </div>`
                : this.renderRoom(room, this.session)
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
