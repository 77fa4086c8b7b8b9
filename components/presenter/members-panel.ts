// <rs-members-panel>: in the facilitator's room menu — paste the committee's members, print their voting cards, reissue a lost one.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { ContextConsumer } from '@lit/context';
import { facilitatorContext } from '../room/room-context.js';
import type { MemberView } from '../../core/wire.js';
import { ApiError } from '../room/api.js';
import { focusRing, menuButtons, tokens } from '../theme.js';
import { errorText, formatNumber } from '../i18n.js';

interface MemberListing {
  members: MemberView[];
  turnout: Record<string, { voted: number; eligible: number }>;
}

const membersPanelStyles = css`
  :host {
    display: block;
    margin: 0 0 0.8rem;
  }
  h2 {
    display: inline;
    font-size: 1rem;
    margin: 0;
  }
  summary {
    cursor: pointer;
    margin: 0 0 0.4rem;
  }
  .hint {
    font-size: 0.85rem;
    color: var(--rs-ink-soft);
  }
  p {
    margin: 0 0 0.4rem;
  }
  ol {
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
    max-height: 14rem;
    overflow: auto;
    display: grid;
    gap: 0.2rem;
  }
  li {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  li .who {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  li small {
    display: block;
    color: var(--rs-ink-soft);
  }
  li button {
    width: auto;
    flex: none;
    font-size: 0.85rem;
    padding: 0.2rem 0.45rem;
  }
  label {
    display: grid;
    gap: 0.15rem;
    font-weight: 600;
  }
  textarea {
    font: inherit;
    font-weight: 400;
    border: 1px solid var(--rs-ink-soft);
    border-radius: 0.4rem;
    padding: 0.3rem 0.45rem;
  }
  button {
    text-align: center;
    margin-top: 0.3rem;
  }
  p[role='status'] {
    color: var(--rs-ink-soft);
  }
  p.error {
    color: var(--rs-danger);
  }
`;

@customElement('rs-members-panel')
@localized()
export class RsMembersPanel extends LitElement {
  static override styles = [tokens, focusRing, menuButtons, membersPanelStyles];

  private readonly api = new ContextConsumer(this, { context: facilitatorContext, subscribe: true });
  @state() private listing: MemberListing | null = null;
  @state() private message = '';
  @state() private failed = false;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // The context arrives after connection; a microtask later it is there.
    queueMicrotask(() => void this.load());
  }

  private async run(task: () => Promise<void>, failure: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failed = false;
    try {
      await task();
    } catch (err) {
      this.failed = true;
      this.message = err instanceof ApiError ? errorText(err.code, err.message) : failure;
    } finally {
      this.busy = false;
    }
  }

  private async load(): Promise<void> {
    const api = this.api.value;
    if (!api) return;
    await this.run(async () => {
      this.listing = await api.roomCall<MemberListing>('members');
    }, msg('Medlemmerne kunne ikke hentes.'));
  }

  private add(e: SubmitEvent): void {
    e.preventDefault();
    const api = this.api.value;
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name="members"]');
    const text = area?.value.trim() ?? '';
    if (!api || !area) return;
    if (!text) {
      this.failed = true;
      this.message = msg('Skriv ét medlem pr. linje som i referatet, fx "Jørgen Bech (V)".');
      return;
    }
    void this.run(async () => {
      const answer = await api.roomCall<MemberListing & { cards: unknown[] }>('members', { body: { text } });
      this.listing = answer;
      area.value = '';
      this.message = msg(str`${formatNumber(answer.cards.length)} medlemmer tilføjet. Udskriv nu deres stemmekort.`);
    }, msg('Medlemmerne kunne ikke gemmes.'));
  }

  /** Printing issues the cards: the sheet opens in a new tab with codes that are shown only there. */
  private print(ids?: string[]): void {
    const api = this.api.value;
    if (!api) return;
    // Opened at once, in the click, so no pop-up blocker stops it; filled when the sheet has come.
    const tab = window.open('', '_blank');
    void this.run(async () => {
      const page = await api.roomPage('members/print', ids ? { members: ids } : {});
      const url = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
      if (tab) tab.location.href = url;
      else location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.message = ids ? msg('Nyt kort udstedt: det gamle gælder ikke længere.') : msg('Stemmekortene er klar til udskrift.');
      await this.load();
    }, msg('Stemmekortene kunne ikke laves.'));
  }

  private reissue(m: MemberView): void {
    if (
      !confirm(
        msg(str`Udsted et nyt stemmekort til ${m.label}? Det gamle kort holder op med at gælde, også på den telefon, der brugte det.`),
      )
    )
      return;
    this.print([m.id]);
  }

  private removeMember(m: MemberView): void {
    const api = this.api.value;
    if (!api || !confirm(msg(str`Fjern ${m.label} fra medlemmerne?`))) return;
    void this.run(async () => {
      this.listing = await api.roomCall<MemberListing>(`members/${encodeURIComponent(m.id)}`, { method: 'DELETE' });
      this.message = '';
    }, msg('Medlemmet kunne ikke fjernes.'));
  }

  override render() {
    const members = this.listing?.members ?? [];
    const checkedIn = members.filter((m) => m.checkedIn).length;
    const unclaimed = members.filter((m) => !m.claimed).length;
    // Folded by default: the room menu stays short, and the list is opened when it is needed.
    return html`<details>
      <summary><h2>${msg('Medlemmer og stemmekort')}</h2></summary>
      ${
        members.length > 0
          ? html`<p>${msg(str`${formatNumber(checkedIn)} af ${formatNumber(members.length)} medlemmer er tjekket ind med deres kort.`)}</p>
            <p class="hint">${msg('Referatets "Fraværende" skrives ud fra de medlemmer, der ikke har brugt deres kort.')}</p>
            <ol aria-label=${msg('Medlemmer')}>
              ${members.map(
                (m) => html`<li>
                  <span class="who"
                    >${m.label}<small>${m.claimed ? msg('kort i brug') : m.checkedIn ? msg('kort genudstedt') : msg('ikke tjekket ind')}</small></span
                  >
                  <button type="button" ?disabled=${this.busy} @click=${() => this.reissue(m)} aria-label=${msg(str`Nyt kort til ${m.label}`)}>
                    ${msg('Nyt kort')}
                  </button>
                  ${
                    m.voted.length === 0
                      ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.removeMember(m)} aria-label=${msg(str`Fjern ${m.label}`)}>
                        ${msg('Fjern')}
                      </button>`
                      : nothing
                  }
                </li>`,
              )}
            </ol>
            <button type="button" ?disabled=${this.busy || unclaimed === 0} @click=${() => this.print()}>
              ${msg(str`Udskriv stemmekort (${formatNumber(unclaimed)})`)}
            </button>`
          : html`<p>${msg('Afstemninger markeret "kun medlemmer" tager én hemmelig stemme pr. stemmekort.')}</p>`
      }
      <form @submit=${this.add}>
        <label
          >${msg('Tilføj medlemmer, én pr. linje som i referatet')}
          <textarea name="members" rows="3" placeholder="Jørgen Bech (V)"></textarea>
        </label>
        <button type="submit" ?disabled=${this.busy}>${msg('Tilføj medlemmer')}</button>
      </form>
      ${this.message ? html`<p role="status" class=${this.failed ? 'error' : ''}>${this.message}</p>` : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-members-panel': RsMembersPanel;
  }
}
