// <rs-home>: the start page — create a room for a deck, or join one with a code.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { CreateRoomResponse, DeckListEntry } from '../../core/wire.js';
import { ApiError, request } from '../room/api.js';
import { buttons, tokens } from '../theme.js';
import { errorText, languageSwitch, useStoredLocale } from '../i18n.js';

const homeStyles = css`
  :host {
    display: block;
    max-width: 44rem;
    margin: 0 auto;
    padding: 2rem 1.2rem;
  }
  h1 {
    font-size: 2.2rem;
    margin: 0 0 0.3rem;
  }
  .lead {
    color: var(--rs-ink-soft);
    margin-top: 0;
  }
  section {
    background: var(--rs-paper);
    border-radius: var(--rs-radius);
    padding: 1.2rem;
    margin-top: 1.2rem;
    box-shadow: 0 1px 3px rgb(var(--rs-ink-rgb) / 0.15);
  }
  h2 {
    margin-top: 0;
    font-size: 1.3rem;
  }
  ul {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.6rem;
  }
  li {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 1rem;
    flex-wrap: wrap;
  }
  label {
    display: block;
    margin: 0.6rem 0 0.3rem;
    font-weight: 600;
  }
  input {
    font: inherit;
    padding: 0.5rem;
    border: 2px solid var(--rs-ink-soft);
    border-radius: var(--rs-radius);
    width: 100%;
    box-sizing: border-box;
  }
  .error {
    color: var(--rs-bad);
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 1rem;
  }
  button.lang {
    font: inherit;
    font-size: 0.95rem;
    background: none;
    border: 1px solid var(--rs-ink-soft);
    border-radius: 999px;
    padding: 0.25rem 0.8rem;
    color: var(--rs-ink);
    cursor: pointer;
  }
  .deck-error {
    flex-basis: 100%;
    border-left: 4px solid var(--rs-bad);
    padding: 0.4rem 0.8rem;
    overflow-wrap: anywhere;
  }
  .deck-error strong {
    display: block;
  }
  li.broken > span {
    color: var(--rs-ink-soft);
  }
  .notice {
    border-left: 4px solid var(--rs-good);
    background: #eef8f0;
    padding: 0.6rem 0.9rem;
    border-radius: 0.3rem;
  }
`;

@customElement('rs-home')
@localized()
export class RsHome extends LitElement {
  static override styles = [tokens, buttons, homeStyles];

  @state() private decks: DeckListEntry[] = [];
  @state() private error = '';
  @state() private busy = false;
  @state() private needsAdmin = false;

  override connectedCallback(): void {
    super.connectedCallback();
    useStoredLocale();
    request<DeckListEntry[]>('/api/decks').then(
      (d) => (this.decks = d),
      (err: unknown) => (this.error = (err as Error).message),
    );
  }

  private async create(deck: string): Promise<void> {
    this.busy = true;
    this.error = '';
    const admin = this.renderRoot.querySelector<HTMLInputElement>('#admin')?.value;
    try {
      const room = await request<CreateRoomResponse>('/api/rooms', { body: { deck }, token: admin || undefined });
      location.assign(room.presentUrl);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.needsAdmin = true;
      this.error = err instanceof ApiError ? errorText(err.code, err.message) : (err as Error).message;
      this.busy = false;
    }
  }

  override render() {
    return html`
      <header>
        <h1>Rådslag</h1>
        ${languageSwitch()}
      </header>
      <p class="lead">${msg('Interaktive præsentationer og workshops. Deltagerne er med fra telefonen — uden konto og uden app.')}</p>
      ${
        new URLSearchParams(location.search).has('slettet')
          ? html`<p class="notice" role="status">${msg('Rummet er slettet. Intet af det er gemt længere.')}</p>`
          : nothing
      }
      <section>
        <h2>${msg('Deltag')}</h2>
        <p>${msg(html`Har du fået en kode? <a href="/join">Deltag med kode</a>.`)}</p>
      </section>
      <section>
        <h2>${msg('Start en workshop')}</h2>
        ${
          this.needsAdmin
            ? html`<label for="admin">${msg('Administratornøgle')}</label><input id="admin" type="password" autocomplete="off" />`
            : nothing
        }
        <ul>
          ${this.decks.map((d) =>
            d.error
              ? html`<li class="broken" data-deck=${d.id}>
                  <span>${d.title}</span>
                  <div class="deck-error" role="note">
                    <strong>${msg('Decket har en fejl og kan ikke bruges, før den er rettet:')}</strong>
                    <span>${d.error}</span>
                  </div>
                </li>`
              : html`<li data-deck=${d.id}>
                  <span>${d.title}</span>
                  <button class="primary" ?disabled=${this.busy} @click=${() => this.create(d.id)}>${msg('Opret rum')}</button>
                </li>`,
          )}
        </ul>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-home': RsHome;
  }
}
