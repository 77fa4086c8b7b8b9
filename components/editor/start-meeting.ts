// <rs-start-meeting>: Start møde from the editor. What is typed is saved first (the room pins the latest saved
// version); a deck that cannot be saved starts on its last saved version only when the facilitator says so; a server
// that guards rooms with ADMIN_TOKEN gets the key asked for, as on the start page. Then the presenter opens.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { buttons, focusRing, tokens } from '../theme.js';
import { errorText } from '../i18n.js';
import type { SaveStatus } from './autosave.js';
import { ApiError, startRoom } from './editor-api.js';
import { fieldStyles } from './editor-styles.js';

@customElement('rs-start-meeting')
@localized()
export class RsStartMeeting extends LitElement {
  static override styles = [
    tokens,
    buttons,
    focusRing,
    fieldStyles,
    css`
      :host {
        display: block;
        background: var(--rs-paper);
        border-bottom: 3px solid var(--rs-accent);
        padding: 0.6rem 0.9rem 0.8rem;
      }
      h2 {
        margin: 0 0 0.3rem;
        font-size: 1.1rem;
      }
      p {
        margin: 0.2rem 0 0.5rem;
      }
      .admin {
        max-width: 24rem;
        margin-top: 0.5rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      .error {
        color: var(--rs-bad);
      }
    `,
  ];

  @property() deckId = '';
  /** Saves what is typed now and says how that went (the editor's autosave). */
  @property({ attribute: false }) flush: () => Promise<SaveStatus> = async () => ({ kind: 'saved', version: 0 });

  @state() private unsaved: SaveStatus | undefined;
  @state() private needsAdmin = false;
  @state() private error = '';
  @state() private version: number | undefined;

  protected override firstUpdated(): void {
    void this.begin();
  }

  /** Saves, then creates the room; `unsavedOk` when the facilitator chose the last saved version. */
  async begin(unsavedOk = false): Promise<void> {
    this.error = '';
    this.unsaved = undefined;
    const state = await this.flush();
    if (state.kind === 'saved') this.version = state.version;
    else if (!unsavedOk) {
      this.unsaved = state;
      return;
    }
    const admin = this.renderRoot.querySelector<HTMLInputElement>('#admin-token')?.value.trim() || undefined;
    try {
      const room = await startRoom(this.deckId, admin);
      const url = new URL(room.presentUrl, location.href);
      location.assign(url.pathname + url.search + url.hash);
    } catch (err) {
      const needsAdmin = err instanceof ApiError && err.status === 401;
      this.needsAdmin ||= needsAdmin;
      this.error = needsAdmin
        ? admin
          ? msg('Administratornøglen passer ikke.')
          : msg('Serveren kræver en administratornøgle for at starte et møde.')
        : err instanceof ApiError
          ? errorText(err.code, err.message)
          : (err as Error).message;
      if (needsAdmin) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#admin-token')?.focus());
    }
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('rs-start-close', { bubbles: true, composed: true }));
  }

  override render() {
    const why = this.unsaved && 'message' in this.unsaved ? this.unsaved.message : '';
    return html`<section aria-labelledby="start-title">
      <h2 id="start-title">${msg('Start møde')}</h2>
      ${
        this.unsaved
          ? html`<p role="alert">
                ${msg('De seneste ændringer er ikke gemt, så mødet vil bruge den sidst gemte udgave af decket.')} ${why}
              </p>
              <div class="actions">
                <button type="button" class="primary" @click=${() => void this.begin(true)}>${msg('Start med den gemte udgave')}</button>
                <button type="button" @click=${this.close}>${msg('Ret først')}</button>
              </div>`
          : this.error
            ? html`<p role="alert" class="error">${this.error}</p>`
            : html`<p role="status">${this.version ? msg(str`Starter mødet med version ${this.version} …`) : msg('Starter mødet …')}</p>`
      }
      ${
        this.needsAdmin
          ? html`<div class="field admin">
                <label for="admin-token">${msg('Administratornøgle')}</label>
                <input id="admin-token" type="password" autocomplete="off" aria-describedby="admin-hint" />
                <p class="hint" id="admin-hint">${msg('Denne server kræver en administratornøgle for at starte et møde. Den gemmes ikke.')}</p>
              </div>
              <div class="actions">
                <button type="button" class="primary" data-action="start-admin" @click=${() => void this.begin(!!this.unsaved)}>
                  ${msg('Start møde')}
                </button>
                <button type="button" @click=${this.close}>${msg('Annullér')}</button>
              </div>`
          : this.error && !this.unsaved
            ? html`<button type="button" @click=${this.close}>${msg('Luk')}</button>`
            : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-start-meeting': RsStartMeeting;
  }
}
