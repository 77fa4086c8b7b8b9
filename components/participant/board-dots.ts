// <rs-board-dots>: the phone's dot vote on a whiteboard — N dots to spread over the groups and the notes
// outside a group, with − and + per target and one "Send prikker". The whole allocation goes as one intent;
// the server checks it against the board (core/board.ts checkDots), so the phone only sends what it accepts.
import { css, html, nothing, type PropertyValues } from 'lit';
import { deckLang } from '../i18n.js';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { checkDots, type Note } from '../../core/board.js';
import { NEUTRAL_ZONE, zoneIndexOf, zoneVars } from '../board/zone-colors.js';
import { buttons, stickyLeft, tokens } from '../theme.js';
import { BoardPartElement, boardIntentEvent, feedbackStyles } from './board-list.js';

/** A group of notes as the phone offers it for dots. */
export interface DotGroup {
  id: string;
  name: string;
  notes: Note[];
}

interface Target {
  id: string;
  label: string;
  zone: number;
  /** The notes in a group. */
  notes: Note[];
}

@customElement('rs-board-dots')
@localized()
export class RsBoardDots extends BoardPartElement {
  static override styles = [
    tokens,
    buttons,
    stickyLeft,
    feedbackStyles,
    css`
      h2 {
        font-size: 1.25rem;
        margin: 0 0 0.4rem;
      }
      .left {
        margin: 0 -0.2rem 0.6rem;
        padding: 0.55rem 0.7rem;
        background: var(--rs-ink);
        color: var(--rs-paper);
        border-radius: var(--rs-radius);
        font-weight: 700;
        display: flex;
        align-items: center;
        gap: 0.6rem;
        flex-wrap: wrap;
      }
      .pips {
        display: inline-flex;
        gap: 0.25rem;
        flex-wrap: wrap;
      }
      .pip {
        width: 0.85rem;
        height: 0.85rem;
        border-radius: 50%;
        border: 2px solid var(--rs-paper);
      }
      /* A filled dot is one still to give; a given one is left as a ring, as a sheet of sticky dots empties. */
      .pip[data-left] {
        background: var(--rs-paper);
      }
      .targets {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.55rem;
      }
      .targets > li {
        background: var(--note);
        border-left: 6px solid var(--strong);
        border-radius: var(--rs-radius);
        padding: 0.55rem 0.6rem;
        /* The stepper sits beside the text, or below it when large text leaves no room. */
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.6rem;
        align-items: center;
      }
      .targets > li:not([data-dots='0']) {
        box-shadow: inset 0 0 0 2px var(--strong);
      }
      .label {
        flex: 1 1 6em;
        margin: 0;
        overflow-wrap: anywhere;
        hyphens: auto;
        min-width: 0;
        font-size: 1.05rem;
      }
      .kind {
        display: block;
        font-size: 0.85rem;
        font-weight: 700;
        color: var(--strong);
      }
      .members {
        flex: 1 1 100%;
        margin: 0;
        padding-left: 1.1rem;
        font-size: 0.9rem;
        color: var(--rs-ink-soft);
      }
      .stepper {
        margin-left: auto;
        display: flex;
        align-items: center;
        gap: 0.3rem;
      }
      .stepper button {
        width: 44px;
        height: 44px;
        min-height: 44px;
        padding: 0;
        font-size: 1.5rem;
        line-height: 1;
        font-weight: 700;
        background: var(--rs-paper);
      }
      .stepper output {
        min-width: 1.6rem;
        text-align: center;
        font-size: 1.3rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      button.send {
        width: 100%;
        min-height: 52px;
        font-size: 1.1rem;
        font-weight: 700;
        margin-top: 0.9rem;
      }
    `,
  ];

  /** The groups facilitators have made, with their visible notes. */
  @property({ attribute: false }) groups: DotGroup[] = [];
  /** What the server has stored for this participant. */
  @property({ attribute: false }) stored: Record<string, number> = {};
  /** An allocation on its way to the server, if any. */
  @property({ attribute: false }) sending: Record<string, number> | undefined;

  /** The allocation being made; starts from what is stored or on its way. */
  @state() private draft: Record<string, number> = {};
  private basis = '';

  protected override willUpdate(changed: PropertyValues): void {
    const basis = JSON.stringify(this.sending ?? this.stored);
    if (changed.has('definition') || basis !== this.basis) {
      this.basis = basis;
      this.draft = { ...(this.sending ?? this.stored) };
    }
    // Dots on a target that has gone (deleted, merged into another group) are handed back.
    const ids = new Set(this.targets().map((t) => t.id));
    if (Object.keys(this.draft).some((id) => !ids.has(id))) {
      this.draft = Object.fromEntries(Object.entries(this.draft).filter(([id]) => ids.has(id)));
    }
  }

  private targets(): Target[] {
    const def = this.definition;
    if (!def) return [];
    const grouped = new Set<string>();
    const out: Target[] = [];
    for (const g of this.groups) {
      for (const n of g.notes) grouped.add(n.id);
      const zones = new Set(g.notes.map((n) => n.zone));
      out.push({ id: g.id, label: g.name, zone: zones.size === 1 ? zoneIndexOf(def, [...zones][0]) : -1, notes: g.notes });
    }
    for (const n of this.notes) {
      if (!grouped.has(n.id)) out.push({ id: n.id, label: n.text, zone: zoneIndexOf(def, n.zone), notes: [] });
    }
    return out;
  }

  private used(): number {
    return Object.values(this.draft).reduce((a, n) => a + n, 0);
  }

  private step(target: Target, by: 1 | -1): void {
    const now = this.draft[target.id] ?? 0;
    const next = now + by;
    if (next < 0 || (by > 0 && this.used() >= this.definition.dots)) return;
    const draft = { ...this.draft };
    if (next === 0) delete draft[target.id];
    else draft[target.id] = next;
    this.draft = draft;
  }

  private send(): void {
    const def = this.definition;
    const check = checkDots(def, this.draft, new Set(this.targets().map((t) => t.id)));
    const unchanged =
      JSON.stringify(Object.entries(this.draft).sort()) === JSON.stringify(Object.entries(this.sending ?? this.stored).sort());
    if (!check.ok || unchanged || this.phase !== 'dots') return;
    this.dispatchEvent(boardIntentEvent({ type: 'dots', board: def.id, dots: check.value }));
  }

  override render() {
    const def = this.definition;
    if (!def) return nothing;
    const open = this.phase === 'dots';
    const targets = this.targets();
    const used = this.used();
    const left = def.dots - used;
    const unchanged =
      JSON.stringify(Object.entries(this.draft).sort()) === JSON.stringify(Object.entries(this.sending ?? this.stored).sort());
    return html`<h2 lang=${deckLang()}>${def.prompt}</h2>
      <p class="muted">
        ${
          open
            ? msg(str`Giv dine ${def.dots} prikker til det, der betyder mest. Du kan give flere prikker til det samme.`)
            : msg('Prikafstemningen er lukket.')
        }
      </p>
      <p class="left" data-left=${left} aria-live="polite">
        <span class="pips" aria-hidden="true">${Array.from({ length: def.dots }, (_, i) => html`<span class="pip" ?data-left=${i < left}></span>`)}</span>
        ${msg(str`${left} af ${def.dots} prikker tilbage`)}
      </p>
      ${
        targets.length === 0
          ? html`<p class="muted">${msg('Der er ingen sedler på tavlen endnu.')}</p>`
          : html`<ul class="targets">
            ${targets.map((t) => {
              const n = this.draft[t.id] ?? 0;
              const name = t.notes.length > 0 ? msg(str`gruppen ${t.label}`) : t.label;
              return html`<li style=${t.zone < 0 ? `--note:${NEUTRAL_ZONE.note};--strong:${NEUTRAL_ZONE.strong}` : zoneVars(t.zone)} data-target=${t.id} data-dots=${n}>
                <p class="label">
                  ${t.notes.length > 0 ? html`<span class="kind">${t.notes.length === 1 ? msg('Gruppe · 1 seddel') : msg(str`Gruppe · ${t.notes.length} sedler`)}</span>` : nothing}${t.label}
                </p>
                <div class="stepper">
                  <button type="button" aria-label=${msg(str`Fjern en prik fra ${name}`)} ?disabled=${!open} aria-disabled=${n === 0 ? 'true' : 'false'} @click=${() => this.step(t, -1)}>−</button>
                  <output aria-label=${msg(str`Prikker på ${name}`)}>${n}</output>
                  <button type="button" aria-label=${msg(str`Giv en prik til ${name}`)} ?disabled=${!open} aria-disabled=${left === 0 ? 'true' : 'false'} @click=${() => this.step(t, 1)}>+</button>
                </div>
                ${t.notes.length > 0 ? html`<ul class="members" role="list">${t.notes.map((m) => html`<li>${m.text}</li>`)}</ul>` : nothing}
              </li>`;
            })}
          </ul>`
      }
      ${
        open
          ? html`<button class="primary send" type="button" aria-disabled=${unchanged || targets.length === 0 ? 'true' : 'false'} @click=${this.send}>
            ${msg('Send prikker')}
          </button>`
          : nothing
      }
      <div aria-live="polite" aria-atomic="true">
        ${this.renderFeedback()}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-board-dots': RsBoardDots;
  }
}
