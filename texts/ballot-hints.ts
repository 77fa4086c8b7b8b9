// What the phone says when a ballot or a note is not ready to send, in the reader's language. core/ checks
// ballots and notes and says why in Danish, for the server's API; the phone says the same things through
// msg(), worked out from the check's code and the definition's limits. The Danish wording is core's own, so
// a Danish phone reads exactly what it did; a check the phone does not know of keeps core's message.
import { msg, str } from '@lit/localize';
import type { ActivityDef, Refusal } from '../core/activity.js';
import type { BoardDef } from '../core/board.js';

/** A text answer: nothing written yet, or too long (counted as core counts, after normaliseText). */
export function textHint(def: Extract<ActivityDef, { kind: 'text' }>, length: number, check: Refusal): string {
  if (check.code !== 'invalid_ballot') return check.message;
  if (length === 0) return msg('Skriv et svar, før du sender.');
  if (length > def.maxLength) return msg(str`Svaret må højst være ${def.maxLength} tegn (det er ${length}).`);
  return check.message;
}

/** The same as textHint's too long, without the count: said once, when the answer crosses the limit. */
export function textTooLong(def: Extract<ActivityDef, { kind: 'text' }>): string {
  return msg(str`Svaret må højst være ${def.maxLength} tegn.`);
}

/** A multi-choice ballot: none chosen, or more than the activity allows. */
export function multiHint(def: Extract<ActivityDef, { kind: 'multi' }>, chosen: readonly string[], check: Refusal): string {
  if (check.code !== 'invalid_ballot' || new Set(chosen).size !== chosen.length) return check.message;
  if (chosen.length === 0) return msg('Vælg mindst én svarmulighed.');
  if (chosen.length > def.maxChoices) return msg(str`Vælg højst ${def.maxChoices} svarmuligheder.`);
  return check.message;
}

/** A points ballot: nothing spread yet, or more than the budget. */
export function pointsHint(
  def: Extract<ActivityDef, { kind: 'points' }>,
  points: Readonly<Record<string, number>>,
  check: Refusal,
): string {
  if (check.code !== 'invalid_ballot') return check.message;
  const total = Object.values(points).reduce((a, n) => a + n, 0);
  if (total === 0) return msg('Fordel mindst ét point.');
  if (total > def.budget) return msg(str`Du kan højst fordele ${def.budget} point (du fordelte ${total}).`);
  return check.message;
}

/** A ranking: every option, each once. */
export function rankingHint(def: Extract<ActivityDef, { kind: 'ranking' }>, order: readonly string[], check: Refusal): string {
  if (check.code !== 'invalid_ballot') return check.message;
  if (new Set(order).size !== order.length || order.length !== def.options.length) {
    return msg(str`En prioritering skal ordne alle ${def.options.length} svarmuligheder præcis én gang.`);
  }
  return check.message;
}

/**
 * A note over the board's limit, as core's checkNoteText says it: with the count, or without it when the raw
 * text is so long that core does not count it. Characters are counted as core counts them (code points).
 */
export function noteTooLongHint(def: BoardDef, raw: string, length: number): string {
  if (raw.length > def.maxLength * 4) return noteTooLong(def);
  return msg(str`Sedlen må højst have ${def.maxLength} tegn (den har ${length}).`);
}

/** A note over the limit, without the count: said once, when the note crosses the limit. */
export function noteTooLong(def: BoardDef): string {
  return msg(str`Sedlen må højst have ${def.maxLength} tegn.`);
}
