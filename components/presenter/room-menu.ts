// <rs-room-menu>: the facilitator's menu in the corner — the referat's place and absent members, export the outcomes, choose the language, delete the room.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { ContextConsumer } from '@lit/context';
import { RoomController, facilitatorContext } from '../room/room-context.js';
import { MEETING_TEXT_MAX, type MeetingInfo } from '../../core/room-doc.js';
import { ApiError } from '../room/api.js';
import { focusRing, menuButtons, tokens } from '../theme.js';
import { LANGUAGES, chooseLocale, errorText, getLocale } from '../i18n.js';
import './members-panel.js';

/** The export formats, labelled in the facilitator's language (the files themselves are Danish). */
const formats = (): { format: string; label: string; hint: string }[] => [
  { format: 'xlsx', label: 'Excel (.xlsx)', hint: msg('oversigt og ét ark pr. punkt') },
  { format: 'pdf', label: msg('Referat (PDF)'), hint: msg('nummererede punkter med resultat og beslutning') },
  { format: 'docx', label: msg('Referat (Word)'), hint: msg('til kommunens sagssystem') },
  { format: 'html', label: msg('Referat (HTML)'), hint: msg('kan åbnes i Word') },
  { format: 'md', label: msg('Referat (Markdown)'), hint: '' },
  { format: 'csv', label: 'CSV (zip)', hint: msg('én fil pr. punkt, til dansk Excel') },
  { format: 'json', label: 'JSON', hint: msg('alle data, version 1') },
  { format: 'png', label: msg('Tavlen som billede (PNG)'), hint: '' },
  { format: 'svg', label: msg('Tavlen som vektor (SVG)'), hint: '' },
];

const roomMenuStyles = css`
  :host {
    position: fixed;
    top: 0.8rem;
    right: 0.8rem;
    z-index: 40;
    font-size: 0.95rem;
    text-align: right;
  }
  details > summary {
    display: inline-block;
    list-style: none;
    cursor: pointer;
    background: var(--rs-bar);
    color: var(--rs-paper);
    border-radius: 999px;
    padding: 0.35rem 0.9rem;
  }
  details > summary::-webkit-details-marker {
    display: none;
  }
  .panel {
    margin-top: 0.4rem;
    background: var(--rs-paper);
    color: var(--rs-ink);
    border: 1px solid var(--rs-line);
    border-radius: 0.6rem;
    box-shadow: 0 8px 24px rgb(var(--rs-ink-rgb) / 0.2);
    padding: 0.8rem;
    width: 21rem;
    text-align: left;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.4rem;
  }
  ul {
    list-style: none;
    margin: 0 0 0.8rem;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  button {
    text-align: left;
  }
  button small {
    color: var(--rs-ink-soft);
    display: block;
  }
  button.danger {
    border-color: var(--rs-danger);
    color: var(--rs-danger);
    background: var(--rs-paper);
  }
  .languages {
    display: flex;
    gap: 0.4rem;
    margin: 0 0 0.8rem;
  }
  .languages button {
    text-align: center;
  }
  .languages button[aria-pressed='true'] {
    background: var(--rs-ink);
    border-color: var(--rs-ink);
    color: var(--rs-paper);
    font-weight: 700;
  }
  p[role='status'] {
    margin: 0.4rem 0 0;
    color: var(--rs-ink-soft);
  }
  p.error {
    color: var(--rs-danger);
  }
  form.meeting {
    display: grid;
    gap: 0.35rem;
    margin: 0 0 0.8rem;
  }
  form.meeting label {
    display: grid;
    gap: 0.15rem;
    font-weight: 600;
  }
  form.meeting input,
  form.meeting textarea {
    font: inherit;
    font-weight: 400;
    border: 1px solid var(--rs-ink-soft);
    border-radius: 0.4rem;
    padding: 0.3rem 0.45rem;
  }
  form.meeting button {
    text-align: center;
  }
  input:focus-visible,
  textarea:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: 1px;
  }
`;

@customElement('rs-room-menu')
@localized()
export class RsRoomMenu extends LitElement {
  static override styles = [tokens, focusRing, menuButtons, roomMenuStyles];

  private readonly api = new ContextConsumer(this, { context: facilitatorContext, subscribe: true });
  private readonly room = new RoomController(this);
  /** What the facilitator is typing; null shows what the room holds (another facilitator may have written it). */
  @state() private draft: MeetingInfo | null = null;
  @state() private message = '';
  @state() private failed = false;
  @state() private busy = false;

  private async download(format: string): Promise<void> {
    const api = this.api.value;
    if (!api || this.busy) return;
    this.busy = true;
    this.failed = false;
    this.message = msg('Henter …');
    try {
      const name = await api.download(format);
      this.message = msg(str`Hentet: ${name}`);
    } catch (err) {
      this.failed = true;
      this.message = err instanceof ApiError ? errorText(err.code, err.message) : msg('Eksporten mislykkedes.');
    } finally {
      this.busy = false;
    }
  }

  private async deleteRoom(): Promise<void> {
    const api = this.api.value;
    if (!api) return;
    if (
      !confirm(
        msg(
          'Slet rummet for altid? Alle stemmer, sedler og resultater forsvinder, og deltagerne mister forbindelsen. Eksportér først, hvis du skal bruge resultaterne.',
        ),
      )
    )
      return;
    try {
      await api.deleteRoom();
      localStorage.removeItem(`rs-key:${api.roomId}`);
      location.href = '/?slettet=1';
    } catch (err) {
      this.failed = true;
      this.message = err instanceof ApiError ? errorText(err.code, err.message) : msg('Rummet kunne ikke slettes.');
    }
  }

  private edit(field: keyof MeetingInfo, e: Event): void {
    const base = this.draft ?? this.room.room?.meeting() ?? { place: '', absent: '' };
    this.draft = { ...base, [field]: (e.target as HTMLInputElement | HTMLTextAreaElement).value };
  }

  private saveMeeting(e: Event): void {
    e.preventDefault();
    const room = this.room.room;
    if (!room) return;
    if (this.draft) room.setMeeting(this.draft);
    this.draft = null;
    this.failed = false;
    this.message = msg('Gemt til referatet.');
  }

  override render() {
    const meeting = this.draft ?? this.room.room?.meeting() ?? { place: '', absent: '' };
    return html`<details @keydown=${(e: KeyboardEvent) => e.stopPropagation()}>
      <summary>${msg('Rum ▾')}</summary>
      <div class="panel">
        <h2 id="meeting-heading">${msg('Til referatet')}</h2>
        <form class="meeting" aria-labelledby="meeting-heading" @submit=${this.saveMeeting}>
          <label
            >${msg('Sted')}
            <input name="place" maxlength=${MEETING_TEXT_MAX} .value=${meeting.place} @input=${(e: Event) => this.edit('place', e)} />
          </label>
          <label
            >${msg('Fraværende')}
            <textarea name="absent" rows="2" maxlength=${MEETING_TEXT_MAX} .value=${meeting.absent} @input=${(e: Event) => this.edit('absent', e)}></textarea>
          </label>
          <button type="submit">${msg('Gem til referatet')}</button>
        </form>
        <rs-members-panel></rs-members-panel>
        <h2 id="export-heading">${msg('Eksportér resultater')}</h2>
        <ul aria-labelledby="export-heading">
          ${formats().map(
            (f) => html`<li>
              <button type="button" ?disabled=${this.busy} @click=${() => void this.download(f.format)}>
                ${f.label}${f.hint ? html`<small>${f.hint}</small>` : nothing}
              </button>
            </li>`,
          )}
        </ul>
        <h2 id="language-heading">${msg('Sprog')}</h2>
        <div class="languages" role="group" aria-labelledby="language-heading">
          ${LANGUAGES.map(
            (l) => html`<button
              type="button"
              lang=${l.locale}
              aria-pressed=${getLocale() === l.locale ? 'true' : 'false'}
              @click=${() => void chooseLocale(l.locale)}
            >
              ${l.name}
            </button>`,
          )}
        </div>
        <button type="button" class="danger" @click=${() => void this.deleteRoom()}>${msg('Slet rummet …')}</button>
        ${this.message ? html`<p role="status" class=${this.failed ? 'error' : ''}>${this.message}</p>` : nothing}
      </div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-room-menu': RsRoomMenu;
  }
}
