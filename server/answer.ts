// What a room answers a participant's intent or a facilitator's control: a status and a JSON body, an error as `{error:{code,message}}`.
import type { ErrorCode } from '../core/wire.js';
import { StorageError, type StoredAnswer } from './storage.js';

/** The same shape as the answer stored with an intent, so a retried intent is answered from storage unchanged. */
export type Answer = StoredAnswer;

export function fail(status: number, code: ErrorCode, message: string): Answer {
  return { status, body: { error: { code, message } } };
}

/**
 * Runs a room mutation; when storage refuses, the refusal is logged and the caller is told to try again
 * (503 with `unavailable`, which says what could not be saved) instead of failing with a 500.
 */
export async function unlessStorageFails(
  log: (message: string) => void,
  roomId: string,
  unavailable: string,
  task: () => Promise<Answer>,
): Promise<Answer> {
  try {
    return await task();
  } catch (err) {
    if (err instanceof StorageError) {
      log(`room ${roomId}: ${err.message}`);
      return fail(503, 'storage_unavailable', unavailable);
    }
    throw err;
  }
}

/** Texts for `unlessStorageFails`: what could not be saved, and that trying again shortly will do. */
export const UNSAVED = {
  change: 'Ændringen kunne ikke gemmes lige nu. Prøv igen om et øjeblik.',
  ballot: 'Stemmen kunne ikke gemmes lige nu. Prøv igen om et øjeblik.',
  intent: 'Det kunne ikke gemmes lige nu. Prøv igen om et øjeblik.',
} as const;
