// <rs-activity>: an activity declared in a slide; on the facilitator's deck it shows status, counts, results and controls.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { resultRows, type ActivityDef, type OptionDef } from '../../core/activity.js';
import type { ControlAction } from '../../core/wire.js';
import { RoomController, facilitatorContext } from '../room/room-context.js';
import type { FacilitatorApi } from '../room/api.js';
import { buttons, tokens } from '../theme.js';
import '../results/bar-chart.js';

const STATUS_TEXT = { idle: 'Ikke åbnet', open: 'Åben for svar', closed: 'Lukket' } as const;

@customElement('rs-activity')
export class RsActivity extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      :host {
        display: block;
        text-align: left;
        font-size: 0.75em;
      }
      .prompt {
        font-size: 1.15em;
        font-weight: 650;
        margin: 0 0 0.5em;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5em 1em;
        margin-bottom: 0.6em;
      }
      .status {
        font-size: 0.8em;
        font-weight: 700;
        padding: 0.15em 0.6em;
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
      .count {
        font-variant-numeric: tabular-nums;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em;
        margin-top: 0.8em;
        font-size: 0.6em;
      }
      .error {
        color: var(--rs-bad);
        font-size: 0.6em;
        margin-top: 0.4em;
      }
    `,
  ];

  @property({ reflect: true }) activity = '';
  @property() kind = 'single';
  @property() prompt = '';

  @consume({ context: facilitatorContext, subscribe: true })
  @state()
  api: FacilitatorApi | undefined;

  @state() private busy = false;
  @state() private error = '';

  private readonly room = new RoomController(this);

  /** The definition as the slide markup declares it; the server holds the same from the build's manifest. */
  get definition(): ActivityDef {
    const options: OptionDef[] = [...this.querySelectorAll('rs-option')].map((o) => ({
      id: o.getAttribute('value') ?? '',
      label: (o.textContent ?? '').trim(),
    }));
    return { id: this.activity, kind: 'single', prompt: this.prompt, slide: 0, slideTitle: '', options };
  }

  private async act(action: ControlAction): Promise<void> {
    if (!this.api) return;
    if (action === 'reset' && !confirm('Nulstil aktiviteten? Alle afgivne svar slettes.')) return;
    this.busy = true;
    this.error = '';
    try {
      await this.api.control(action, this.activity);
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const room = this.room.room;
    const def = this.definition;
    const st = room?.activityState(this.activity);
    const tally = room?.liveTally(this.activity) ?? room?.revealedResult(this.activity);
    const presence = room?.presence();
    const revealed = st?.revealed ?? false;
    const status = st?.status ?? 'idle';
    return html`
      <p class="prompt" part="prompt">${this.prompt}</p>
      <div class="head">
        <span class="status" data-status=${status} part="status">${STATUS_TEXT[status]}</span>
        <span class="count" part="count" aria-live="polite"
          ><strong data-answered>${st?.answered ?? 0}</strong> har svaret${presence
            ? html` · ${presence.participants} tilsluttet`
            : nothing}</span
        >
      </div>
      <rs-bar-chart .rows=${resultRows(def, tally)} ?hide-values=${!revealed}></rs-bar-chart>
      ${this.api
        ? html`<div class="controls" part="controls">
            ${status === 'open'
              ? html`<button class="primary" ?disabled=${this.busy} @click=${() => this.act('close')}>Luk afstemning</button>`
              : html`<button class="primary" ?disabled=${this.busy} @click=${() => this.act('open')}>
                  ${status === 'closed' ? 'Genåbn afstemning' : 'Åbn afstemning'}
                </button>`}
            ${revealed
              ? html`<button ?disabled=${this.busy} @click=${() => this.act('hide')}>Skjul resultat</button>`
              : html`<button ?disabled=${this.busy} @click=${() => this.act('reveal')}>Vis resultat</button>`}
            <button class="danger" ?disabled=${this.busy} @click=${() => this.act('reset')}>Nulstil</button>
          </div>`
        : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-activity': RsActivity;
  }
}
