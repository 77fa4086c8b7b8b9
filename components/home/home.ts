// <rs-home>: the start page — join with a code; the rooms and decks this browser made; start a workshop from a
// template or from one of those decks; make, copy, import, export and delete decks.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { CreateDeckResponse, DeckListEntry, RoomInfo } from '../../core/wire.js';
import { ApiError, request } from '../room/api.js';
import { buttons, tokens } from '../theme.js';
import { errorText, formatDateTime, languageSwitch, useStoredLocale } from '../i18n.js';
import { deckSource, deleteDeck, downloadDeck, duplicateDeck, importDeck, newDeck, newRoom } from './home-api.js';
import { homeStyles } from './home-styles.js';
import { forgetDeck, forgetRoom, type KeptDeck, keepDeck, keepRoom, keptDecks, keptRooms } from './kept.js';

/** A kept deck as the server describes it now; `gone` when the server no longer has it. */
interface DeckState {
  title?: string;
  updatedAt?: number;
  version?: number;
  gone?: boolean;
}

interface RoomRow {
  roomId: string;
  info?: RoomInfo;
  gone?: boolean;
}

/** Where a message belongs: next to what the person just did. */
type Place = 'decks' | 'templates' | 'rooms';

@customElement('rs-home')
@localized()
export class RsHome extends LitElement {
  static override styles = [tokens, buttons, homeStyles];

  @state() private templates: DeckListEntry[] = [];
  @state() private decks: KeptDeck[] = [];
  @state() private deckStates = new Map<string, DeckState>();
  @state() private rooms: RoomRow[] = [];
  @state() private error: { place: Place; text: string } | undefined;
  @state() private notice: { place: Place; text: string } | undefined;
  @state() private busy = false;
  @state() private needsAdmin = false;
  @state() private confirming: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    useStoredLocale();
    request<DeckListEntry[]>('/api/decks').then(
      (d) => (this.templates = d),
      (err: unknown) => this.fail('templates', err),
    );
    this.decks = keptDecks();
    for (const d of this.decks) void this.refreshDeck(d);
    void this.loadRooms();
  }

  private admin(): string | undefined {
    return this.renderRoot.querySelector<HTMLInputElement>('#admin')?.value.trim() || undefined;
  }

  private fail(place: Place, err: unknown): void {
    if (err instanceof ApiError && err.status === 401 && err.code === 'unauthorized' && place !== 'rooms') {
      const first = !this.needsAdmin;
      this.needsAdmin = true;
      this.error = {
        place,
        text: first
          ? msg('Denne server kræver en administratornøgle for at oprette rum og decks. Skriv den øverst, og prøv igen.')
          : msg('Administratornøglen passer ikke. Tjek den, og prøv igen.'),
      };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#admin')?.focus());
      return;
    }
    // Deck errors carry the server's own Danish text (which slide, which line, which limit); it says more than the code.
    const text =
      err instanceof ApiError
        ? ['invalid_deck', 'invalid_zip', 'invalid_image', 'images_full', 'unsupported_media_type', 'body_too_large'].includes(err.code)
          ? err.message
          : errorText(err.code, err.message)
        : (err as Error).message;
    this.error = { place, text };
  }

  private async run(place: Place, work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = undefined;
    this.notice = undefined;
    try {
      await work();
    } catch (err) {
      this.fail(place, err);
    } finally {
      this.busy = false;
    }
  }

  private async refreshDeck(deck: KeptDeck): Promise<void> {
    try {
      const source = await deckSource(deck.id, deck.editorKey);
      this.setDeckState(deck.id, { title: source.title, version: source.version, updatedAt: source.updatedAt });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) this.setDeckState(deck.id, { gone: true });
    }
  }

  private setDeckState(id: string, s: DeckState): void {
    this.deckStates = new Map(this.deckStates).set(id, s);
  }

  private async loadRooms(): Promise<void> {
    const kept = keptRooms();
    this.rooms = kept.map((r) => ({ roomId: r.roomId }));
    const rows = await Promise.all(
      kept.map(async ({ roomId, key }): Promise<RoomRow> => {
        try {
          return { roomId, info: await request<RoomInfo>(`/api/rooms/${encodeURIComponent(roomId)}`, { token: key }) };
        } catch (err) {
          return err instanceof ApiError && (err.status === 404 || err.status === 403) ? { roomId, gone: true } : { roomId };
        }
      }),
    );
    this.rooms = rows.sort((a, b) => (b.info?.createdAt ?? 0) - (a.info?.createdAt ?? 0));
  }

  /** A deck the server just made for this browser: kept with its key, listed first. */
  private keep(made: CreateDeckResponse, fallbackTitle: string): void {
    const deck: KeptDeck = { id: made.id, editorKey: made.editorKey, title: fallbackTitle, madeAt: Date.now() };
    keepDeck(deck);
    this.decks = keptDecks();
    void this.refreshDeck(deck).then(() => {
      const title = this.deckStates.get(deck.id)?.title ?? fallbackTitle;
      if (title !== fallbackTitle) keepDeck({ ...deck, title });
      this.notice = { place: 'decks', text: msg(str`"${title}" er gemt på serveren og i denne browser.`) };
    });
  }

  private startRoom(place: Place, deck: string): Promise<void> {
    return this.run(place, async () => {
      const room = await newRoom(deck, this.admin());
      keepRoom(room.roomId, room.facilitatorKey);
      location.assign(room.presentUrl);
      // The page is leaving; the buttons stay disabled until it has.
      await new Promise(() => undefined);
    });
  }

  private make(e: Event): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#new-title')!;
    const title = input.value.trim();
    void this.run('decks', async () => {
      const made = await newDeck(title || undefined, this.admin());
      this.keep(made, title || msg('Nyt deck'));
      input.value = '';
      await this.openEditor(made);
    });
  }

  private duplicate(template: DeckListEntry): void {
    void this.run('templates', async () => {
      const made = await duplicateDeck(template.id, this.admin());
      this.keep(made, msg(str`Kopi af ${template.title}`));
      await this.openEditor(made);
    });
  }

  /** A deck just made to work on (a new one, or a template's copy) opens in the deck editor, kept in the list here first. */
  private openEditor(made: CreateDeckResponse): Promise<void> {
    const url = new URL(made.editUrl, location.href);
    location.assign(url.pathname + url.hash);
    // The page is leaving; the buttons stay disabled until it has.
    return new Promise(() => undefined);
  }

  private importFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    void this.run('decks', async () => {
      try {
        this.keep(await importDeck(file, this.admin()), file.name.replace(/\.zip$/i, ''));
      } finally {
        input.value = '';
      }
    });
  }

  private removeDeck(deck: KeptDeck): void {
    void this.run('decks', async () => {
      try {
        await deleteDeck(deck.id, deck.editorKey);
      } catch (err) {
        // Deleted already (from another browser with the same key): what is left is to forget it here.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
      forgetDeck(deck.id);
      this.decks = keptDecks();
      this.confirming = undefined;
      this.notice = { place: 'decks', text: msg(str`"${this.titleOf(deck)}" er slettet.`) };
    });
  }

  private titleOf(deck: KeptDeck): string {
    return this.deckStates.get(deck.id)?.title ?? deck.title;
  }

  private messages(place: Place): TemplateResult | typeof nothing {
    return html`${this.notice?.place === place ? html`<p class="notice" role="status">${this.notice.text}</p>` : nothing}
    ${this.error?.place === place ? html`<p class="error" role="alert">${this.error.text}</p>` : nothing}`;
  }

  private renderDeck(deck: KeptDeck): TemplateResult {
    const s = this.deckStates.get(deck.id) ?? {};
    const title = this.titleOf(deck);
    if (s.gone) {
      return html`<li class="item" data-deck=${deck.id}>
        <h3>${title}</h3>
        <p class="meta gone">${msg('Decket findes ikke længere på serveren.')}</p>
        <div class="actions">
          <button @click=${() => {
            forgetDeck(deck.id);
            this.decks = keptDecks();
          }}>${msg('Fjern fra listen')}</button>
        </div>
      </li>`;
    }
    const changed = s.updatedAt ?? deck.madeAt;
    return html`<li class="item" data-deck=${deck.id}>
      <h3>${title}</h3>
      <p class="meta">${msg(str`Sidst ændret ${formatDateTime(changed, { dateStyle: 'medium', timeStyle: 'short' })}`)}${
        s.version ? html` · ${msg(str`version ${s.version}`)}` : nothing
      }</p>
      ${
        this.confirming === deck.id
          ? html`<p class="confirm">${msg('Slet decket for altid? Rum, der allerede bruger det, kører videre.')}</p>
              <div class="actions">
                <button class="danger" ?disabled=${this.busy} @click=${() => this.removeDeck(deck)}>${msg('Slet decket')}</button>
                <button ?disabled=${this.busy} @click=${() => (this.confirming = undefined)}>${msg('Fortryd')}</button>
              </div>`
          : html`<div class="actions">
              <button class="primary" ?disabled=${this.busy} @click=${() => this.startRoom('decks', deck.id)}>
                ${msg('Ny workshop med dette deck')}
              </button>
              <a class="button" href=${`/edit/${encodeURIComponent(deck.id)}#key=${encodeURIComponent(deck.editorKey)}`}>${msg('Rediger')}</a>
              <button ?disabled=${this.busy} @click=${() => this.run('decks', () => downloadDeck(deck.id, deck.editorKey))}>
                ${msg('Hent som fil')}
              </button>
              <button class="danger" ?disabled=${this.busy} @click=${() => (this.confirming = deck.id)}>${msg('Slet')}</button>
            </div>`
      }
    </li>`;
  }

  private renderRoom(row: RoomRow): TemplateResult {
    const id = encodeURIComponent(row.roomId);
    const forget = () => {
      forgetRoom(row.roomId);
      this.rooms = this.rooms.filter((r) => r.roomId !== row.roomId);
    };
    if (row.gone) {
      return html`<li class="item" data-room=${row.roomId}>
        <p class="meta gone">${msg('Et rum, der ikke findes længere (slettet, eller for gammelt).')}</p>
        <div class="actions"><button @click=${forget}>${msg('Fjern fra listen')}</button></div>
      </li>`;
    }
    const info = row.info;
    return html`<li class="item" data-room=${row.roomId}>
      <h3>${info?.title ?? msg('Rum')}</h3>
      ${
        info
          ? html`<p class="meta">
              ${msg(str`Kode ${info.joinCode.replace(/^(\d{3})(\d{3})$/, '$1 $2')} · oprettet ${formatDateTime(info.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}`)}
            </p>`
          : nothing
      }
      <div class="actions">
        <a class="button" href=${`/present/${id}`}>${msg('Åbn projektor')}</a>
        <a class="button" href=${`/console/${id}`}>${msg('Åbn konsol')}</a>
        <button @click=${forget}>${msg('Glem')}</button>
      </div>
    </li>`;
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
      ${
        this.needsAdmin
          ? html`<section aria-labelledby="admin-heading">
              <h2 id="admin-heading">${msg('Administratornøgle')}</h2>
              <p class="hint">${msg('Denne server kræver en administratornøgle for at oprette rum og decks. Den gemmes ikke.')}</p>
              <label for="admin">${msg('Administratornøgle')}</label><input id="admin" type="password" autocomplete="off" />
            </section>`
          : nothing
      }
      <section>
        <h2>${msg('Deltag')}</h2>
        <p>${msg(html`Har du fået en kode? <a href="/join">Deltag med kode</a>.`)}</p>
      </section>
      ${
        this.rooms.length
          ? html`<section aria-labelledby="rooms-heading">
              <h2 id="rooms-heading">${msg('Dine rum')}</h2>
              <p class="hint">${msg('Rum, som denne browser har nøglen til.')}</p>
              <ul>${this.rooms.map((r) => this.renderRoom(r))}</ul>
              ${this.messages('rooms')}
            </section>`
          : nothing
      }
      <section aria-labelledby="decks-heading">
        <h2 id="decks-heading">${msg('Dine decks')}</h2>
        <p class="hint">${msg('Decks, du laver her, gemmes på serveren; nøglen til at ændre dem gemmes kun i denne browser.')}</p>
        <form class="make" @submit=${this.make}>
          <label for="new-title">${msg('Titel på et nyt deck')}</label>
          <input id="new-title" maxlength="200" placeholder=${msg('Fx Budgetseminar 2027')} />
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Nyt deck')}</button>
        </form>
        <div class="import">
          <label for="import">${msg('Importér deck (en .zip fra "Hent som fil")')}</label>
          <input id="import" type="file" accept=".zip,application/zip" ?disabled=${this.busy} @change=${this.importFile} />
        </div>
        ${this.messages('decks')}
        ${this.decks.length ? html`<ul class="decks">${this.decks.map((d) => this.renderDeck(d))}</ul>` : nothing}
      </section>
      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">${msg('Start en workshop')}</h2>
        <ul>
          ${this.templates.map((d) =>
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
                  <span class="actions">
                    <button class="primary" ?disabled=${this.busy} @click=${() => this.startRoom('templates', d.id)}>${msg('Opret rum')}</button>
                    <button ?disabled=${this.busy} @click=${() => this.duplicate(d)} aria-label=${msg(str`Duplikér ${d.title}`)}>
                      ${msg('Duplikér')}
                    </button>
                  </span>
                </li>`,
          )}
        </ul>
        ${this.messages('templates')}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-home': RsHome;
  }
}
