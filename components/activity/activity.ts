// <rs-activity>: an activity declared in a slide; on the facilitator's deck it shows status, counts, results and controls.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { resultRows, type ActivityDef } from '../../core/activity.js';
import type { DeckManifest } from '../../core/deck.js';
import type { ControlRequest } from '../../core/wire.js';
import { RoomController, deckContext, facilitatorContext, viewContext, type FacilitatorView } from '../room/room-context.js';
import { ApiError, type FacilitatorApi } from '../room/api.js';
import { CountdownController } from '../room/countdown.js';
import { buttons, tokens } from '../theme.js';
import { errorText, formatNumber } from '../i18n.js';
import { kindName } from '../kinds/kinds.js';
import '../results/result-view.js';

/** An activity's state on the projector, in the facilitator's language. */
function statusText(status: 'idle' | 'open' | 'closed'): string {
  return { idle: msg('Ikke åbnet'), open: msg('Åben for svar'), closed: msg('Lukket') }[status];
}

const activityStyles = css`
  :host {
    display: block;
    text-align: left;
    font-size: 0.72em;
  }
  .prompt {
    font-size: 1.15em;
    font-weight: 650;
    margin: 0 0 0.5em;
  }
  blockquote.prompt {
    border-left: 6px solid var(--rs-accent);
    background: var(--rs-surface);
    padding: 0.4em 0.8em;
    margin: 0 0 0.6em;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 1em;
    margin-bottom: 0.6em;
  }
  .status {
    font-size: 0.8em;
    font-weight: 700;
    /* Room above the line for Å's ring. */
    line-height: 1.35;
    padding: 0.2em 0.65em;
    border-radius: 999px;
    background: var(--rs-surface);
    border: 2px solid var(--rs-line);
  }
  .status[data-status='open'] {
    border-color: var(--rs-good);
    color: var(--rs-good);
  }
  .status[data-status='closed'] {
    border-color: var(--rs-ink-soft);
  }
  .count,
  .timer {
    font-variant-numeric: tabular-nums;
  }
  .timer {
    font-weight: 800;
    color: var(--rs-warn);
  }
  .decision {
    margin-top: 0.6em;
    padding: 0.4em 0.8em;
    border: 2px solid var(--rs-good);
    border-radius: var(--rs-radius);
  }
  .decision strong {
    display: block;
    font-size: 0.8em;
    color: var(--rs-good);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    margin-top: 0.8em;
    font-size: 0.55em;
  }
  details {
    margin-top: 0.6em;
    font-size: 0.55em;
  }
  summary {
    cursor: pointer;
    color: var(--rs-accent);
  }
  textarea {
    font: inherit;
    width: 100%;
    box-sizing: border-box;
    min-height: 4em;
    margin: 0.4em 0;
  }
  .entries {
    list-style: none;
    margin: 0.4em 0;
    padding: 0;
    max-height: 12em;
    overflow: auto;
  }
  .entries li {
    display: flex;
    justify-content: space-between;
    gap: 0.6em;
    padding: 0.15em 0;
    border-bottom: 1px solid var(--rs-line);
  }
  .entries li[data-hidden] span {
    text-decoration: line-through;
    color: var(--rs-ink-soft);
  }
  /* Folded at once, not faded: a half-faded control is one nobody can read (an accessibility check that lands
     in a fade says so). Transparent rather than hidden, so a click or a Tab still finds it and wakes the rest. */
  .tools[data-folded] {
    opacity: 0;
  }
  /* On the console the controls are the point, not an aside under a projected slide: read at arm's length. */
  :host([view='console']) .controls,
  :host([view='console']) details,
  :host([view='console']) .error {
    font-size: 0.7em;
  }
  .closed-note {
    margin: 0.4em 0 0;
    font-size: 1.1em;
    font-weight: 650;
  }
  /* On the console it is a note to the facilitator, not a message to the room. */
  :host([view='console']) .closed-note {
    font-size: 0.8em;
    font-weight: 500;
    color: var(--rs-ink-soft);
  }
  /* On the console the controls come before the result, right under the counts they act on. */
  :host([view='console']) .controls {
    margin: 0 0 0.8em;
  }
  .error {
    color: var(--rs-bad);
    font-size: 0.6em;
    margin-top: 0.4em;
  }
`;

/** How long the solo view's controls stay after the last pointer move or key. */
const FOLD_AFTER_MS = 4000;

@customElement('rs-activity')
@localized()
export class RsActivity extends LitElement {
  static override styles = [tokens, buttons, activityStyles];

  @property({ reflect: true }) activity = '';
  @property() kind = 'single';
  @property() prompt = '';

  @consume({ context: facilitatorContext, subscribe: true })
  @state()
  api: FacilitatorApi | undefined;

  @consume({ context: deckContext, subscribe: true })
  @state()
  deck: DeckManifest | undefined;

  /** On the projector (`audience`) the activity shows its prompt, counts and result only: no controls, no moderation. */
  @consume({ context: viewContext, subscribe: true })
  @property({ reflect: true })
  view: FacilitatorView = 'solo';

  /** In the solo view the controls fold away while neither pointer nor keyboard is used (see `wake`). */
  @state() private folded = false;
  private foldTimer: ReturnType<typeof setTimeout> | undefined;

  @state() private busy = false;
  @state() private error = '';

  private readonly room = new RoomController(this);
  private readonly countdownTimer = new CountdownController(this);

  /** The server's definition from the manifest; the markup is only the source it was built from. */
  get definition(): ActivityDef | undefined {
    return this.deck?.activities.find((a) => a.id === this.activity);
  }

  private async send(body: ControlRequest): Promise<void> {
    if (!this.api) return;
    this.busy = true;
    this.error = '';
    try {
      await this.api.control(body);
    } catch (err) {
      this.error = err instanceof ApiError ? errorText(err.code, err.message) : (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private act(action: 'open' | 'close' | 'reveal' | 'hide' | 'reset'): Promise<void> {
    if (action === 'reset' && !confirm(msg('Nulstil aktiviteten? Alle afgivne svar slettes, og det kan ikke fortrydes.'))) {
      return Promise.resolve();
    }
    return this.send({ action, activity: this.activity });
  }

  /** Keyboard shortcut: open a closed activity, close an open one. */
  toggleOpen(): Promise<void> {
    return this.act(this.room.room?.activityState(this.activity).status === 'open' ? 'close' : 'open');
  }

  toggleReveal(): Promise<void> {
    return this.act(this.room.room?.activityState(this.activity).revealed ? 'hide' : 'reveal');
  }

  countdown(seconds: number): Promise<void> {
    return this.send({ action: 'countdown', activity: this.activity, seconds });
  }

  private saveDecision(e: SubmitEvent): void {
    e.preventDefault();
    const text = (e.target as HTMLFormElement).querySelector('textarea')?.value ?? '';
    void this.send({ action: 'decide', activity: this.activity, decision: text });
  }

  /**
   * One screen for the room and the facilitator (solo): the controls, the decision field and the moderation
   * list fold away a few seconds after the last pointer move or key, and come back with the next one.
   */
  private readonly wake = (): void => {
    clearTimeout(this.foldTimer);
    this.folded = false;
    this.foldTimer = setTimeout(this.fold, FOLD_AFTER_MS);
  };

  private readonly fold = (): void => {
    // Never while the facilitator is in the middle of something here (typing a decision, on a button).
    if (this.matches(':focus-within')) this.foldTimer = setTimeout(this.fold, FOLD_AFTER_MS);
    else this.folded = true;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of ['pointermove', 'pointerdown', 'keydown']) window.addEventListener(type, this.wake, { passive: true });
    this.wake();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of ['pointermove', 'pointerdown', 'keydown']) window.removeEventListener(type, this.wake);
    clearTimeout(this.foldTimer);
  }

  /** The facilitator's controls show here: an API to send them, and not the projector's audience view. */
  private get controlling(): boolean {
    return !!this.api && this.view !== 'audience';
  }

  private get foldedAway(): boolean {
    return this.view === 'solo' && this.folded;
  }

  private renderModeration(def: ActivityDef, hidden: readonly string[]) {
    if (def.kind !== 'text' || !this.controlling) return nothing;
    const rows = resultRows(def, this.room.room?.liveTally(def.id));
    return html`<details class="tools" ?data-folded=${this.foldedAway}>
      <summary>${msg(str`Moderér svar (${formatNumber(rows.length)})`)}</summary>
      <ul class="entries">
        ${rows.map((r) => {
          const isHidden = hidden.includes(r.id);
          return html`<li ?data-hidden=${isHidden}>
            <span>${r.label} (${formatNumber(r.count)})</span>
            <button
              ?disabled=${this.busy}
              @click=${() => this.send({ action: isHidden ? 'show-entry' : 'hide-entry', activity: def.id, entry: r.id })}
            >
              ${isHidden ? msg('Vis') : msg('Skjul')}
            </button>
            ${
              r.count === 1 && !isHidden
                ? // Only an answer one participant gave leads back to one sender; the server finds them and never says who.
                  html`<button
                  data-action="hide-sender"
                  ?disabled=${this.busy}
                  @click=${() => {
                    if (confirm(msg('Skjul alle fritekstsvar og sedler fra den, der gav dette svar? Du får ikke at vide, hvem det er.'))) {
                      void this.send({ action: 'entry-hide-sender', activity: def.id, entry: r.id });
                    }
                  }}
                >
                  ${msg('Skjul alt fra denne afsender')}
                </button>`
                : nothing
            }
          </li>`;
        })}
      </ul>
    </details>`;
  }

  private renderDecision(def: ActivityDef, decision: string, status: 'idle' | 'open' | 'closed') {
    return html`${
      decision
        ? html`<div class="decision" part="decision"><strong>${msg('Beslutning')}</strong><span data-decision>${decision}</span></div>`
        : nothing
    }
    ${
      this.controlling && (def.kind === 'motion' || decision)
        ? // The field opens by itself once the vote is closed: before that it would only be an empty box on the projector.
          html`<details class="tools" ?data-folded=${this.foldedAway} ?open=${def.kind === 'motion' && !decision && status === 'closed'}>
          <summary>${decision ? msg('Ret beslutningen') : msg('Registrér beslutning')}</summary>
          <form @submit=${this.saveDecision} @keydown=${(e: KeyboardEvent) => e.stopPropagation()}>
            <label>${msg('Beslutning')} <textarea name="decision" maxlength="2000" .value=${decision}></textarea></label>
            <button type="submit" ?disabled=${this.busy}>${msg('Gem beslutning')}</button>
          </form>
        </details>`
        : nothing
    }`;
  }

  override render() {
    const room = this.room.room;
    const def = this.definition;
    if (!def) return html`<p class="prompt">${this.prompt}</p>`;
    const st = room?.activityState(this.activity);
    const tally = room?.liveTally(this.activity) ?? room?.revealedResult(this.activity);
    const presence = room?.presence();
    const revealed = st?.revealed ?? false;
    const status = st?.status ?? 'idle';
    const remaining = this.countdownTimer.remaining(st);
    const answered = room?.liveTally(this.activity)?.ballots ?? st?.answered ?? 0;
    return html`
      ${
        def.kind === 'motion'
          ? html`<blockquote class="prompt" part="prompt"><strong>${msg('Indstilling:')}</strong> ${def.prompt}</blockquote>`
          : html`<p class="prompt" part="prompt">${def.prompt}</p>`
      }
      <div class="head">
        <span class="status" data-status=${status} part="status">${statusText(status)}</span>
        <span class="count" part="count"
          >${
            st?.eligible !== undefined
              ? msg(html`<strong data-answered>${formatNumber(answered)}</strong> af ${formatNumber(st.eligible)} medlemmer har stemt`)
              : msg(html`<strong data-answered>${formatNumber(answered)}</strong> har svaret`)
          }${presence ? html` · ${msg(str`${formatNumber(presence.participants)} tilsluttet`)}` : nothing}</span
        >
        ${remaining !== null ? html`<span class="timer" role="timer">${msg(str`Lukker om ${formatNumber(remaining)} s`)}</span>` : nothing}
      </div>
      ${this.view === 'console' ? this.renderControls(def, status, revealed, remaining) : nothing}
      ${
        // Closed and not yet shown: the room waits for the result, so it sees that the vote has closed, not a
        // ballot of empty bars that looks like one it could still answer.
        status === 'closed' && !revealed
          ? html`<p class="closed-note" data-closed-note>${
              this.view === 'console'
                ? msg('Afstemningen er lukket. Resultatet er skjult for salen, til du viser det.')
                : msg('Afstemningen er lukket.')
            }</p>`
          : html`<rs-result-view .definition=${def} .tally=${tally} .hiddenEntries=${st?.hiddenEntries ?? []} ?revealed=${revealed}></rs-result-view>`
      }
      ${this.renderDecision(def, st?.decision ?? '', status)}
      ${this.view === 'console' ? nothing : this.renderControls(def, status, revealed, remaining)}
      ${this.renderModeration(def, st?.hiddenEntries ?? [])}
      ${this.error && this.view !== 'audience' ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  /** The facilitator's buttons: first on the console, where they are the point; under the result on a shared screen. */
  private renderControls(def: ActivityDef, status: 'idle' | 'open' | 'closed', revealed: boolean, remaining: number | null) {
    return html`${
      this.controlling
        ? html`<div class="controls tools" part="controls" ?data-folded=${this.foldedAway} role="group" aria-label=${msg(str`Styring af ${kindName(def.kind)}`)}>
            ${
              status === 'open'
                ? html`<button class="primary" ?disabled=${this.busy} @click=${() => this.act('close')}>${msg('Luk afstemning')}</button>
                  ${
                    remaining === null
                      ? html`<button ?disabled=${this.busy} @click=${() => this.countdown(30)}>${msg('Luk om 30 s')}</button>
                        <button ?disabled=${this.busy} @click=${() => this.countdown(60)}>${msg('Luk om 60 s')}</button>`
                      : html`<button ?disabled=${this.busy} @click=${() => this.countdown(0)}>${msg('Stop nedtælling')}</button>`
                  }`
                : html`<button class="primary" ?disabled=${this.busy} @click=${() => this.act('open')}>
                  ${status === 'closed' ? msg('Genåbn afstemning') : msg('Åbn afstemning')}
                </button>`
            }
            ${
              revealed
                ? html`<button ?disabled=${this.busy} @click=${() => this.act('hide')}>${msg('Skjul resultat')}</button>`
                : html`<button ?disabled=${this.busy} @click=${() => this.act('reveal')}>${msg('Vis resultat')}</button>`
            }
            <button class="danger" ?disabled=${this.busy} @click=${() => this.act('reset')}>${msg('Nulstil')}</button>
          </div>`
        : nothing
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-activity': RsActivity;
  }
}
