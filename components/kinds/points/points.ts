// <rs-points>: the phone's ballot for a points activity; spread the budget across the options with − and +, then Send.
import { css, html, nothing, svg } from 'lit';
import { deckLang } from '../../i18n.js';
import { localized, msg, str } from '@lit/localize';
import { customElement, state } from 'lit/decorators.js';
import type { PointsDef } from '../../../core/activity.js';
import { stickyLeft } from '../../theme.js';
import { DraftInput } from '../ballot-input.js';
import { draftStyles, optionRows } from '../ballot-styles.js';
import { pointsHint } from '../../../texts/ballot-hints.js';

const sign = (plus: boolean) =>
  svg`<svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" stroke="currentColor" stroke-width="2.6" stroke-linecap="round">
    <path d=${plus ? 'M3 8h10M8 3v10' : 'M3 8h10'}/></svg>`;

@customElement('rs-points')
@localized()
export class RsPoints extends DraftInput<PointsDef> {
  static override styles = [
    ...draftStyles,
    stickyLeft,
    optionRows,
    css`
      legend {
        margin-bottom: 0.6rem;
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
      /* The stepper sits beside the label, or below it when the label's longest word needs the room. */
      li {
        gap: 0.25rem 0.4rem;
        min-height: 60px;
        padding: 0.3rem 0.3rem 0.3rem 0.9rem;
      }
      li[data-points]:not([data-points='0']) {
        border-color: var(--rs-accent);
      }
      .stepper {
        flex: none;
        margin-left: auto;
        display: flex;
        align-items: center;
        gap: 0.3rem;
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
        width: 48px;
      }
      button.step:disabled,
      button.step[aria-disabled='true'] {
        opacity: 0.3;
      }
    `,
  ];

  protected readonly kind = 'points';

  /** Points per option on the phone, not yet sent. */
  @state() private points: Record<string, number> = {};

  protected restore(): void {
    const given = this.ballot && 'points' in this.ballot ? this.ballot.points : {};
    const points: Record<string, number> = {};
    for (const o of this.definition?.options ?? []) points[o.id] = given[o.id] ?? 0;
    this.points = points;
  }

  protected edits() {
    return { points: this.points };
  }

  private get used(): number {
    return Object.values(this.points).reduce((a, n) => a + n, 0);
  }

  private step(option: string, by: -1 | 1): void {
    const def = this.def;
    if (!this.open || !def) return;
    const now = this.points[option] ?? 0;
    if (now + by < 0 || this.used + by > def.budget) return;
    this.points = { ...this.points, [option]: now + by };
  }

  override render() {
    const def = this.def;
    if (!def) return nothing;
    const open = this.open;
    const left = def.budget - this.used;
    const draft = this.draft();
    // Before the first ballot, points left over are allowed, and said so.
    const spare =
      !open || this.ballot || left <= 0
        ? ''
        : left === 1
          ? msg('Du kan sende nu eller fordele det sidste point først.')
          : msg(str`Du kan sende nu eller fordele de sidste ${left} først.`);
    const hint = this.hint(draft, (check) => pointsHint(def, this.points, check)) || spare;
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
        ${this.sendButton(draft, msg('Send'), 'hint')}
      </fieldset>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-points': RsPoints;
  }
}
