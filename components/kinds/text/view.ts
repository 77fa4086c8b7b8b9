// Open text in components: its name, its ballot element <rs-text-answer>, and its result as a word cloud of the
// answers (a table of words and their counts), shown only once the result is.
import { html } from 'lit';
import { msg } from '@lit/localize';
import { wordCounts, type TextDef } from '../../../core/activity.js';
import { formatNumber } from '../../i18n.js';
import type { KindView, ResultFigures } from '../kind-view.js';
import '../../results/word-cloud.js';
import './text-answer.js';

/** The phone shows fewer words than the projector. */
function words({ tally, hiddenEntries, compact }: ResultFigures<TextDef>) {
  return wordCounts(tally, hiddenEntries, compact ? 25 : 50);
}

export const text: KindView<TextDef> = {
  name: () => msg('fritekst'),
  input: 'rs-text-answer',
  chart: (figures) =>
    figures.revealed
      ? html`<rs-word-cloud .words=${words(figures)}></rs-word-cloud>`
      : html`<p class="summary">${msg('Svarene vises, når resultatet bliver vist.')}</p>`,
  table: (figures) => ({
    columns: [msg('Ord'), msg('Antal')],
    rows: [...words(figures)]
      .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'da'))
      .map((w) => ({ key: 'word', id: w.word, label: w.word, count: w.count, cells: [formatNumber(w.count)] })),
  }),
  summary: () => undefined,
};
