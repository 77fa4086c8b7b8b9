// <rs-voting-card>: on a members-only activity, the phone's voting card (stemmekort): claim it with its code, confirm a final, secret ballot.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { ActivityDef, Ballot } from '../../core/activity.js';
import type { ActivityStatus } from '../../core/room-doc.js';
import { ApiError, request } from '../room/api.js';
import { buttons, tokens } from '../theme.js';
import { describeShown, errorText } from '../i18n.js';
import { ballotEvent, type BallotEventDetail } from '../kinds/ballot-event.js';
import { kicker } from '../kinds/ballot-styles.js';

/** The phone's card as the server tells it: whose card, and where it has voted (never what). */
export interface CardInfo {
  member: { name: string; party: string; label: string };
  voted: string[];
}

/** What the session says of this activity's ballot on this phone. */
export interface CardVote {
  kind: 'none' | 'sending' | 'stored' | 'rejected';
  ballot?: Ballot;
}

// A scanned card opens /j/<code>?card=<card>: the code is taken out of the address at once (so it is not left
// in the history or a shared screenshot) and kept for this tab until the card is claimed.
const PENDING_KEY = 'rs-card-pending';
function takeCardFromAddress(): void {
  if (typeof location === 'undefined') return;
  const url = new URL(location.href);
  const card = url.searchParams.get('card');
  if (!card) return;
  sessionStorage.setItem(PENDING_KEY, card.slice(0, 64));
  url.searchParams.delete('card');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}
takeCardFromAddress();

/** The phone remembers its own secret choice; the server keeps no link from this phone to it. */
function ownChoiceKey(roomId: string, activity: string): string {
  return `rs-own-vote:${roomId}:${activity}`;
}

@customElement('rs-voting-card')
@localized()
export class RsVotingCard extends LitElement {
  static override styles = [
    tokens,
    buttons,
    kicker,
    css`
      :host {
        display: block;
      }
      .card-box {
        border: 2px solid var(--rs-ink-soft);
        border-radius: var(--rs-radius);
        padding: 0.8rem;
        margin-bottom: 1rem;
        background: var(--rs-paper);
      }
      p {
        margin: 0.3rem 0 0.6rem;
      }
      label {
        display: block;
        font-weight: 700;
        margin-bottom: 0.3rem;
      }
      input {
        font: inherit;
        font-size: 1.3rem;
        font-family: ui-monospace, monospace;
        letter-spacing: 0.08em;
        text-transform: uppercase;
        width: 100%;
        box-sizing: border-box;
        min-height: 48px;
        padding: 0.4rem 0.6rem;
        border: 2px solid var(--rs-ink-soft);
        border-radius: var(--rs-radius);
      }
      .row {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        margin-top: 0.6rem;
      }
      .row button {
        min-height: 48px;
        flex: 1 1 8rem;
      }
      .final {
        font-weight: 700;
      }
      .error {
        color: var(--rs-bad);
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) definition!: ActivityDef;
  @property({ attribute: false }) status: ActivityStatus = 'idle';
  @property() roomId = '';
  @property() token = '';
  /** This activity's ballot as the session sees it. */
  @property({ attribute: false }) vote: CardVote = { kind: 'none' };

  @state() private card: CardInfo | null | undefined = undefined;
  @state() private error = '';
  @state() private busy = false;
  /** A ballot chosen but not yet confirmed: a members-only ballot is final. */
  @state() private pending: BallotEventDetail | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The vote and its status last seen, so a change (another vote; opened, closed, reset) reloads the card. */
  private seen = '';

  protected override updated(): void {
    const key = `${this.definition?.id ?? ''}:${this.status}`;
    const before = this.seen;
    this.seen = key;
    // Where the card has voted may have changed (a reset clears it); the first sight was loaded on connection.
    if (before && before !== key) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const answer = await request<{ card: CardInfo | null }>(`/api/rooms/${encodeURIComponent(this.roomId)}/card`, { token: this.token });
      this.card = answer.card;
      const scanned = sessionStorage.getItem(PENDING_KEY);
      if (!this.card && scanned) await this.claim(scanned);
      else if (scanned) sessionStorage.removeItem(PENDING_KEY);
    } catch (err) {
      this.card = null;
      this.error = err instanceof ApiError ? errorText(err.code, err.message) : msg('Stemmekortet kunne ikke hentes.');
    }
  }

  private async claim(code: string): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      const answer = await request<{ card: CardInfo }>(`/api/rooms/${encodeURIComponent(this.roomId)}/card`, {
        token: this.token,
        body: { code },
      });
      this.card = answer.card;
    } catch (err) {
      this.error = err instanceof ApiError ? errorText(err.code, err.message) : msg('Stemmekortet kunne ikke bruges.');
    } finally {
      sessionStorage.removeItem(PENDING_KEY);
      this.busy = false;
    }
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="card"]');
    const code = input?.value.trim() ?? '';
    if (!code) {
      this.error = msg('Skriv koden fra dit stemmekort, fx ABCD-EFGH.');
      return;
    }
    void this.claim(code);
  }

  /** The ballot element's choice waits here for the member's confirmation. */
  private onChoice(e: CustomEvent<BallotEventDetail>): void {
    if (e.target === this) return;
    e.stopPropagation();
    this.pending = e.detail;
  }

  private confirm(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    localStorage.setItem(ownChoiceKey(this.roomId, p.activity), JSON.stringify(p.ballot));
    this.dispatchEvent(ballotEvent(p.activity, p.ballot));
  }

  private ownChoice(): string {
    const raw = localStorage.getItem(ownChoiceKey(this.roomId, this.definition.id));
    if (!raw) return '';
    try {
      return describeShown(this.definition, JSON.parse(raw) as Ballot);
    } catch {
      // A stored choice this phone can no longer read is simply not shown; the vote itself is on the server.
      return '';
    }
  }

  override render() {
    if (this.card === undefined) return html`<p class="muted">${msg('Henter dit stemmekort …')}</p>`;
    const error = this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
    if (this.card === null) {
      return html`<form class="card-box" @submit=${this.onSubmit}>
        <span class="kicker">${msg('Kun for udvalgets medlemmer')}</span>
        <p>${msg('Denne afstemning er kun for medlemmer. Skriv koden fra dit stemmekort, eller skan kortets QR-kode med denne telefon.')}</p>
        <label for="card">${msg('Din stemmeseddel-kode')}</label>
        <input id="card" name="card" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" placeholder="ABCD-EFGH" />
        ${error}
        <div class="row"><button class="primary" type="submit" ?disabled=${this.busy}>${msg('Brug stemmekortet')}</button></div>
      </form>`;
    }
    const voted = this.card.voted.includes(this.definition.id) || this.vote.kind === 'stored';
    const who = html`<span class="kicker">${msg('Stemmekort')}</span>
      <p data-member><strong>${this.card.member.label}</strong></p>`;
    if (voted) {
      const own = this.vote.kind === 'stored' && this.vote.ballot ? describeShown(this.definition, this.vote.ballot) : this.ownChoice();
      return html`<div class="card-box" data-voted>
        ${who}
        <p class="final">${own ? msg(str`Du har stemt: ${own}. Din stemme kan ikke ændres.`) : msg('Du har stemt. Din stemme kan ikke ændres.')}</p>
      </div>`;
    }
    if (this.vote.kind === 'sending') return html`<div class="card-box">${who}</div>`;
    if (this.pending) {
      const choice = describeShown(this.definition, this.pending.ballot);
      return html`<div class="card-box" data-confirm>
        ${who}
        <p class="final">${msg(str`Du stemmer: ${choice}.`)}</p>
        <p>${msg('Din stemme kan ikke ændres, når den er afgivet. Den er hemmelig: ingen kan se, hvad du stemte.')}</p>
        <div class="row">
          <button class="primary" ?disabled=${this.status !== 'open'} @click=${this.confirm}>${msg('Afgiv stemme')}</button>
          <button @click=${() => (this.pending = null)}>${msg('Fortryd')}</button>
        </div>
      </div>`;
    }
    return html`<div class="card-box">
        ${who}
        <p>${msg('Din stemme er hemmelig og kan ikke ændres, når den er afgivet.')}</p>
        ${error}
      </div>
      <div @rs-ballot=${this.onChoice}><slot></slot></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-voting-card': RsVotingCard;
  }
}
