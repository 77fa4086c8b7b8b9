// The board's counts and states in the facilitator's language, shared by its toolbar, items, panel and table.
import { msg, str } from '@lit/localize';
import type { BoardPhase, Note } from '../../core/board.js';
import { formatNumber } from '../i18n.js';

// Counts with the number written as the language writes it.
export const notesText = (n: number) => (n === 1 ? msg('1 seddel') : msg(str`${formatNumber(n)} sedler`));
export const dotsText = (n: number) => (n === 1 ? msg('1 prik') : msg(str`${formatNumber(n)} prikker`));
export const groupsText = (n: number) => (n === 1 ? msg('1 gruppe') : msg(str`${formatNumber(n)} grupper`));

/** The board's phase on the projector (core's BOARD_PHASE_LABELS is the Danish of the exports). */
export function phaseText(phase: BoardPhase): string {
  return { closed: msg('Lukket'), notes: msg('Åben for sedler'), dots: msg('Åben for prikker') }[phase];
}

/** A note's moderation state; `short` leaves out "for deltagerne". */
export function noteStatusText(status: Note['status'], short = false): string {
  if (status === 'pending') return msg('Afventer godkendelse');
  if (status === 'hidden') return short ? msg('Skjult') : msg('Skjult for deltagerne');
  return msg('Synlig');
}
