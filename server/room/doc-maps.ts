// Writing server-owned values into a shared document's maps only when they change: an equal rewrite would still grow the log.
import type * as Y from 'yjs';

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Sets `key` to `value` unless it holds an equal value already; `value` is stored as given (pass a copy). */
export function putIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (!sameJson(map.get(key), value)) map.set(key, value);
}

export function removeIfPresent(map: Y.Map<unknown>, key: string): void {
  if (map.has(key)) map.delete(key);
}
