// The phone's card for the slide's activity: the countdown, the ballot (in a voting card for members), what became
// of the vote, the decision and the revealed result.
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ActivityDef, Tally } from '../../core/activity.js';
import type { ActivityState } from '../../core/room-doc.js';
import type { BallotEventDetail } from '../kinds/ballot-event.js';
import { answersCount, deckLang, describeShown } from '../i18n.js';
import type { ParticipantSession, PhoneBallot, VoteStatus } from './session.js';

/** The ballot the inputs show: the one on its way, the stored one, or after a refusal the one stored before. */
export function shownBallot(st: VoteStatus): PhoneBallot | undefined {
  return st.kind === 'none' ? undefined : st.ballot;
}

/** The line under the ballot that says what became of the vote. */
export function voteStatusText(def: ActivityDef, st: VoteStatus): string | undefined {
  switch (st.kind) {
    case 'none':
      return undefined;
    case 'sending':
      return st.offline
        ? msg('Ingen forbindelse — din stemme sendes, så snart forbindelsen er tilbage.')
        : msg(str`Sender din stemme: ${describeShown(def, st.ballot)} …`);
    case 'stored':
      return def.kind === 'text'
        ? msg(str`✓ Dit svar er gemt: ${describeShown(def, st.ballot)}.`)
        : msg(str`✓ Din stemme er gemt: ${describeShown(def, st.ballot)}.`);
    case 'rejected':
      return msg(str`Stemmen blev ikke modtaget: ${st.message}`);
  }
}

/** What the card says of the activity's state: it waits, it has closed, or (once stored) that the answer may change. */
function stateNote(def: ActivityDef, state: ActivityState, st: VoteStatus): string {
  if (state.status === 'idle') return msg('Afstemningen åbner om lidt.');
  if (state.status === 'closed') return msg('Afstemningen er lukket.');
  return st.kind === 'stored' && !def.membersOnly ? msg('Du kan ændre dit svar, så længe afstemningen er åben.') : '';
}

export interface ActivityViewInput {
  def: ActivityDef;
  state: ActivityState;
  result: Tally | undefined;
  /** Seconds left of a countdown, null when none runs. */
  remaining: number | null;
  session: ParticipantSession;
  /** The kind's ballot element, as the app renders it for this activity. */
  input: (ballot: PhoneBallot | undefined) => TemplateResult;
}

export function activityView({ def, state, result, remaining, session, input }: ActivityViewInput): TemplateResult {
  const st = session.status(def.id);
  const note = stateNote(def, state, st);
  const text = voteStatusText(def, st);
  const onBallot = (e: CustomEvent<BallotEventDetail>) => session.vote(e.detail.activity, e.detail.ballot);
  // While the answer may change, that it may is said with the vote's status; otherwise it is said once, by the page's announcement.
  const spoken = st.kind === 'stored' && state.status === 'open';
  const resultView = result
    ? html`<section class="results" aria-label=${msg('Resultat')}>
        <h3>${msg(str`Resultat (${answersCount(result.ballots)})`)}</h3>
        <rs-result-view compact revealed .definition=${def} .tally=${result}></rs-result-view>
      </section>`
    : nothing;
  // Once the vote has closed, its result is what the room looks at: it comes first, under the question, and the
  // ballot that can no longer change gives way to the line that says what this phone voted.
  if (state.status === 'closed' && result && !def.membersOnly) {
    return html`<div class="card closed-result" tabindex="-1">
      <h2 class="question" lang=${deckLang()}>${def.prompt}</h2>
      ${resultView}
      ${text !== undefined ? html`<p class="vote-status" data-kind=${st.kind}>${text}</p>` : nothing}
      ${state.decision ? html`<p class="decision"><strong>${msg('Beslutning:')}</strong> <span data-decision>${state.decision}</span></p>` : nothing}
      <p class="muted" data-state=${state.status}>${note}</p>
    </div>`;
  }
  return html`<div class="card" tabindex="-1" @rs-ballot=${onBallot}>
      ${remaining !== null ? html`<p class="timer" role="timer">${msg(str`Lukker om ${remaining} s`)}</p>` : nothing}
      ${
        def.membersOnly
          ? html`<rs-voting-card .definition=${def} .status=${state.status} .vote=${st} .roomId=${session.stored.roomId} .token=${session.stored.token}
            >${input(shownBallot(st))}</rs-voting-card
          >`
          : input(shownBallot(st))
      }
      <div aria-live="polite" aria-atomic="true">
        ${text !== undefined ? html`<p class="vote-status" data-kind=${st.kind}>${text}</p>` : nothing}
        ${note && spoken ? html`<p class="muted" data-state=${state.status}>${note}</p>` : nothing}
      </div>
      <!-- That the vote waits or has closed is said once, by the page's announcement; here it is only shown. -->
      ${note && !spoken ? html`<p class="muted" data-state=${state.status}>${note}</p>` : nothing}
      ${
        state.decision
          ? html`<p class="decision"><strong>${msg('Beslutning:')}</strong> <span data-decision>${state.decision}</span></p>`
          : nothing
      }
      ${resultView}
    </div>`;
}
