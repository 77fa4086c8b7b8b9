// How the referat writes dates, times, counts and figures in Danish, the same in Markdown, HTML and Word.
import type { ActivityExport } from './model.js';
import type { Cell, Figure } from './table.js';

export const dateFormat = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Copenhagen',
});
export const timeFormat = new Intl.DateTimeFormat('da-DK', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Copenhagen' });
export const decimal = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const percent = new Intl.NumberFormat('da-DK', { style: 'percent', maximumFractionDigits: 0 });

/** When the activity was open, as the minutes say it ("kl. 10.05–10.12"). */
export function timeSpan(a: ActivityExport): string {
  if (!a.openedAt) return 'Ikke åbnet';
  const open = timeFormat.format(new Date(a.openedAt));
  return a.closedAt ? `kl. ${open}–${timeFormat.format(new Date(a.closedAt))}` : `åbnet kl. ${open}, ikke lukket`;
}

/** "1 prik", "3 prikker": a count with the Danish noun in the right number. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A table cell as the minutes write it: a share as a percentage, a mean place with a decimal comma. */
export function shown(value: Cell, figure: Figure): string {
  if (figure === 'share') return percent.format(Number(value));
  if (figure === 'rank') return decimal.format(Number(value ?? 0));
  return String(value ?? '');
}
