// The phone's card for the slide's whiteboard: post and keep one's own notes, or spread dots over the groups and
// notes, and the top priorities once the facilitator shows them.
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { BoardDef, Note } from '../../core/board.js';
import type { RoomReader } from '../room/room-reader.js';
import type { DotGroup } from './board-dots.js';
import type { BoardAction } from './own-board.js';
import type { ParticipantSession } from './session.js';

/** A board's groups as the facilitators have made them, with their visible notes. */
export function dotGroups(room: RoomReader, board: string, notes: readonly Note[]): DotGroup[] {
  const { clusters, membership } = room.boardGroups(board);
  return clusters.map((c) => ({ id: c.id, name: c.name, notes: notes.filter((n) => membership.get(n.id) === c.id) }));
}

/** Hands what the participant did on the board to the session, which sends it. */
export function act(session: ParticipantSession, a: BoardAction): void {
  if (a.type === 'note') session.postNote(a.board, a.zone, a.text);
  else if (a.type === 'note-edit') session.editNote(a.board, a.note, a.text);
  else if (a.type === 'note-withdraw') session.withdrawNote(a.board, a.note);
  else session.placeDots(a.board, a.dots);
}

/**
 * `ranking` is true on a slide that shows the board's top priorities rather than the board (the room looks at
 * the ranking there): once the dots are shown, the phone puts the ranking first, above its own dots or notes.
 */
export function boardView(def: BoardDef, room: RoomReader, session: ParticipantSession, ranking = false): TemplateResult {
  const state = room.boardState(def.id);
  const phase = state?.phase ?? 'closed';
  const notes = room.notes(def.id);
  const groups = dotGroups(room, def.id, notes);
  const groupOf = new Map<string, string>();
  for (const g of groups) for (const n of g.notes) groupOf.set(n.id, g.name);
  const dots = session.myDots(def.id);
  const onIntent = (e: CustomEvent<BoardAction>) => act(session, e.detail);
  const priorities = state?.revealed
    ? html`<section class="results" aria-label=${msg('Top prioriteter')}>
        <h3>${msg('Top prioriteter')}</h3>
        <rs-top-priorities compact .definition=${def} board=${def.id}></rs-top-priorities>
      </section>`
    : nothing;
  return html`<div class="card" tabindex="-1" @rs-board-intent=${onIntent} data-board=${def.id} data-phase=${phase}>
      ${ranking ? priorities : nothing}
      ${
        phase === 'dots'
          ? html`<rs-board-dots
            .definition=${def}
            .phase=${phase}
            .notes=${notes}
            .groups=${groups.filter((g) => g.notes.length > 0)}
            .stored=${dots.stored}
            .sending=${dots.sending}
            .feedback=${session.boardFeedback(def.id, 'dots')}
          ></rs-board-dots>`
          : html`<rs-board-notes
            .definition=${state && state.approval !== undefined && state.approval !== def.approval ? { ...def, approval: state.approval } : def}
            .phase=${phase}
            .mine=${session.myNotes(def.id)}
            .notes=${notes}
            .groups=${groupOf}
            .feedback=${session.boardFeedback(def.id, 'notes')}
          ></rs-board-notes>`
      }
      ${ranking ? nothing : priorities}
    </div>`;
}
