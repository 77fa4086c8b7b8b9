// <rs-points>: the phone's ballot for a points activity; spread the budget across the options with − and +, then Send.
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import { deckLang } from '../../i18n.js';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { checkBallot, type ActivityDef, type Ballot } from '../../../core/activity.js';
import type { ActivityStatus } from '../../../core/room-doc.js';
import { buttons, stickyLeft, tokens } from '../../theme.js';
import { ballotEvent, type BallotElement } from '../ballot-event.js';
import { pointsHint } from '../../../texts/ballot-hints.js';

const sign = (plus: boolean) =>
  svg`<svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" stroke="currentColor" stroke-width="2.6" stroke-linecap="round">
    <path d=${plus ? 'M3 8h10M8 3v10' : 'M3 8h10'}/></svg>`;

@customElement('rs-points')
@localized()
export class RsPoints extends LitElement implements BallotElement {
  static override styles = [
    tokens,
    buttons,
    stickyLeft,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        min-width: 0;
      }
      legend {
        font-size: 1.25rem;
        font-weight: 700;
        margin-bottom: 0.6rem;
        padding: 0;
      }
      .left {
        margin: 0 0 0.6rem;
        padding: 0.55rem 0.8rem;
        border-radius: var(--rs-radius);
        background: var(--rs-accent-pale);
        color: var(--rs-accent);
        font-weight: 700;
        font-size: 1.1rem;
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem;
      }
      .left[data-left='0'] {
        background: #e3f1e8;
        color: var(--rs-good);
      }
      .left small {
        font-weight: 400;
        font-size: 0.9rem;
        color: var(--rs-ink-soft);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.5rem;
      }
      /* The stepper sits beside the label, or below it when the label's longest word needs the room. */
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.4rem;
        min-height: 60px;
        box-sizing: border-box;
        padding: 0.3rem 0.3rem 0.3rem 0.9rem;
        border-radius: var(--rs-radius);
        border: 2px solid var(--rs-line);
        background: var(--rs-paper);
      }
      li[data-points]:not([data-points='0']) {
        border-color: var(--rs-accent);
      }
      .label {
        flex: 1 1 auto;
        width: min-content;
        min-width: 0;
        max-width: 100%;
        font-size: 1.05rem;
        overflow-wrap: break-word;
        hyphens: auto;
      }
      .stepper {
        flex: none;
        margin-left: auto;
        display: flex;
        align-items: center;
        gap: 0.3rem;
      }
      button {
        -webkit-tap-highlight-color: transparent;
      }
      output {
        flex: none;
        min-width: 2.2rem;
        text-align: center;
        font-size: 1.4rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      li[data-points='0'] output {
        color: var(--rs-ink-soft);
        font-weight: 400;
      }
      button.step {
        flex: none;
        width: 48px;
        height: 48px;
        min-height: 48px;
        padding: 0;
        display: grid;
        place-items: center;
      }
      button.step:disabled,
      button.step[aria-disabled='true'] {
        opacity: 0.3;
      }
      .hint {
        margin: 0.8rem 0 0.5rem;
        color: var(--rs-ink-soft);
      }
      .hint:empty {
        margin: 0.4rem 0;
      }
      button.send {
        width: 100%;
        font-size: 1.1rem;
        min-height: 52px;
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) definition!: ActivityDef;
  @property() status: ActivityStatus = 'idle';
  @property({ attribute: false }) ballot: Ballot | undefined;

  /** Points per option on the phone, not yet sent. */
  @state() private points: Record<string, number> = {};
  private shown = '';

  protected override willUpdate(changed: PropertyValues): void {
    const stored = JSON.stringify(this.ballot ?? null);
    // A new activity, a changed stored ballot or a closed vote shows what is stored; otherwise the edits stay.
    if (changed.has('definition') || stored !== this.shown || (changed.has('status') && this.status !== 'open')) {
      this.shown = stored;
      const given = this.ballot && 'points' in this.ballot ? this.ballot.points : {};
      const points: Record<string, number> = {};
      for (const o of this.definition?.options ?? []) points[o.id] = given[o.id] ?? 0;
      this.points = points;
    }
  }

  private get used(): number {
    return Object.values(this.points).reduce((a, n) => a + n, 0);
  }

  private step(option: string, by: -1 | 1): void {
    const def = this.definition;
    if (this.status !== 'open' || def.kind !== 'points') return;
    const now = this.points[option] ?? 0;
    if (now + by < 0 || this.used + by > def.budget) return;
    this.points = { ...this.points, [option]: now + by };
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.status !== 'open') return;
    const check = checkBallot(this.definition, { points: this.points });
    if (!check.ok || (this.ballot !== undefined && JSON.stringify(check.ballot) === this.shown)) return;
    this.dispatchEvent(ballotEvent(this.definition.id, check.ballot));
  }

  override render() {
    const def = this.definition;
    if (def?.kind !== 'points') return nothing;
    const open = this.status === 'open';
    const left = def.budget - this.used;
    const check = checkBallot(def, { points: this.points });
    const unchanged = check.ok && this.ballot !== undefined && JSON.stringify(check.ballot) === this.shown;
    let hint = '';
    if (open && !check.ok) hint = pointsHint(def, this.points, check);
    else if (open && this.ballot && !unchanged) hint = msg('Ændringen er ikke sendt endnu.');
    else if (open && !this.ballot && left > 0)
      hint =
        left === 1
          ? msg('Du kan sende nu eller fordele det sidste point først.')
          : msg(str`Du kan sende nu eller fordele de sidste ${left} først.`);
    return html`<form @submit=${this.submit} novalidate>
      <fieldset ?disabled=${!open}>
        <legend lang=${deckLang()}>${def.prompt}</legend>
        <p class="left" data-left=${left} aria-live="polite" aria-atomic="true">
          <span data-remaining>${left === 0 ? msg('Alle point er fordelt') : msg(str`${left} point tilbage`)}</span>
          <small>${msg(str`af ${def.budget}`)}</small>
        </p>
        <ul>
          ${def.options.map((o) => {
            const n = this.points[o.id] ?? 0;
            return html`<li data-option=${o.id} data-points=${n}>
              <span class="label" id="label-${o.id}" lang=${deckLang()}>${o.label}</span>
              <span class="stepper">
              <button type="button" class="step" aria-label=${msg(str`Færre point til ${o.label}`)} ?disabled=${!open} aria-disabled=${n === 0 ? 'true' : 'false'} @click=${() => this.step(o.id, -1)}>
                ${sign(false)}
              </button>
              <output aria-labelledby="label-${o.id}" data-value>${n}</output>
              <button type="button" class="step" aria-label=${msg(str`Flere point til ${o.label}`)} ?disabled=${!open} aria-disabled=${left === 0 ? 'true' : 'false'} @click=${() => this.step(o.id, 1)}>
                ${sign(true)}
              </button>
              </span>
            </li>`;
          })}
        </ul>
        <p class="hint" id="hint">${hint}</p>
        <button class="primary send" type="submit" ?disabled=${!open} aria-disabled=${!check.ok || unchanged ? 'true' : 'false'} aria-describedby="hint">${msg('Send')}</button>
      </fieldset>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-points': RsPoints;
  }
}
