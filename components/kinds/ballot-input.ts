// What the phone's ballot elements (components/kinds/<kind>/) share: the properties the app sets, checking and
// sending a ballot, a tap that votes at once, and edits that wait for Send while the stored ballot may change.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { checkBallot, type ActivityDef, type BallotCheck, type Refusal, type WireBallot } from '../../core/activity.js';
import type { ActivityStatus } from '../../core/room-doc.js';
import { ballotEvent, type BallotElement } from './ballot-event.js';

/** A ballot as text to compare by, whether or not it carries its kind's tag (the wire's ballots do not). */
function ballotKey(ballot: WireBallot | undefined): string {
  if (!ballot) return 'null';
  const { kind: _tag, ...fields } = ballot as WireBallot & { kind?: string };
  return JSON.stringify(fields);
}

/** One kind's ballot element: D is the definition it draws; a definition of another kind draws nothing. */
export abstract class BallotInput<D extends ActivityDef> extends LitElement implements BallotElement {
  @property({ attribute: false }) definition!: ActivityDef;
  @property() status: ActivityStatus = 'idle';
  @property({ attribute: false }) ballot: WireBallot | undefined;

  protected abstract readonly kind: D['kind'];

  /** The definition, when it is of this element's kind. */
  protected get def(): D | undefined {
    // `kind` is D's own, so a definition that has it is a D (TypeScript does not narrow through a generic).
    return this.definition?.kind === this.kind ? (this.definition as D) : undefined;
  }

  protected get open(): boolean {
    return this.status === 'open';
  }

  /** Sends the ballot as rs-ballot, checked by the kind's rules and in their form, while the vote is open. */
  protected send(raw: unknown): void {
    if (!this.open) return;
    const check = checkBallot(this.definition, raw);
    if (check.ok) this.dispatchEvent(ballotEvent(this.definition.id, check.ballot));
  }
}

/** A kind voted with one tap (single choice, motion, scale): the tap sends; the arrow keys go round the choices. */
export abstract class TapInput<D extends ActivityDef> extends BallotInput<D> {
  /** The choices as one radio group; `chosen` is the stored ballot's option or value. */
  protected abstract renderChoices(def: D, chosen: string | number | undefined): TemplateResult;

  override render() {
    const def = this.def;
    if (!def) return nothing;
    const b = this.ballot;
    return this.renderChoices(def, b && 'option' in b ? b.option : b && 'value' in b ? b.value : undefined);
  }

  /** One option as a radio button (single choice, motion): checked when it is the stored choice; a tap votes for it. */
  protected optionRadio(option: string, chosen: string | number | undefined, content: TemplateResult) {
    return html`<button
      role="radio"
      aria-checked=${chosen === option ? 'true' : 'false'}
      ?disabled=${!this.open}
      data-option=${option}
      @click=${() => this.send({ option })}
    >
      ${content}
    </button>`;
  }

  protected onArrowKey(e: KeyboardEvent): void {
    if (!['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft'].includes(e.key)) return;
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button')];
    const i = items.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    const next = items[(i + (e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length];
    next?.focus();
    e.preventDefault();
  }
}

/** The edits checked, and whether they are the ballot already stored or on its way. */
export interface Draft {
  check: BallotCheck;
  unchanged: boolean;
}

/**
 * A kind edited on the phone before it is sent (multi choice, ranking, points, text). The edits stay while the
 * participant works; a new activity, another stored ballot or a closed vote puts the stored ballot back.
 */
export abstract class DraftInput<D extends ActivityDef> extends BallotInput<D> {
  /** The stored ballot the edits started from. */
  private shown = '';

  /** Takes the stored ballot (or none) as the edits. */
  protected abstract restore(): void;
  /** The ballot the edits make, not yet checked. */
  protected abstract edits(): unknown;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const stored = ballotKey(this.ballot);
    if (changed.has('definition') || stored !== this.shown || (changed.has('status') && this.status !== 'open')) {
      this.shown = stored;
      this.restore();
    }
  }

  protected draft(): Draft {
    const check = checkBallot(this.definition, this.edits());
    return { check, unchanged: check.ok && this.ballot !== undefined && ballotKey(check.ballot) === this.shown };
  }

  protected submit(e: Event): void {
    e.preventDefault();
    if (!this.draft().unchanged) this.send(this.edits());
  }

  /** Why the edits cannot be sent (in the kind's words), or that a change is not sent yet; nothing when closed. */
  protected hint(
    { check, unchanged }: Draft,
    refused: (check: Refusal) => string,
    notSent = msg('Ændringen er ikke sendt endnu.'),
  ): string {
    if (!this.open) return '';
    if (!check.ok) return refused(check);
    return this.ballot && !unchanged ? notSent : '';
  }

  /** Pressable only while the vote is open; while there is nothing new to send it says so, and keeps its focus. */
  protected sendButton({ check, unchanged }: Draft, label: string, describedBy?: string) {
    return html`<button
      class="primary send"
      type="submit"
      ?disabled=${!this.open}
      aria-disabled=${!check.ok || unchanged ? 'true' : 'false'}
      aria-describedby=${describedBy ?? nothing}
    >${label}</button>`;
  }
}
