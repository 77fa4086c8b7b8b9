// The board as a table: one row per note, by zone, then group, then text; dots once they are shown. For
// screen readers and for reading the board aloud; rendered into the board's shadow root.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { BoardDef } from '../../core/board.js';
import { formatNumber } from '../i18n.js';
import { type Model, clusterDots, tableRows } from './board-model.js';
import { dotsText, groupsText, noteStatusText, notesText } from './board-texts.js';

export function renderTable(def: BoardDef, m: Model, dots: Readonly<Record<string, number>>, revealed: boolean, editable: boolean) {
  const rows = tableRows(m);
  return html`<div class="table-wrap">
      <table class="notes-table">
        <caption>
          ${def.prompt} — ${notesText(rows.length)}${m.clusters.length > 0 ? `, ${groupsText(m.clusters.length)}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Felt')}</th>
            <th scope="col">${msg('Gruppe')}</th>
            <th scope="col">${msg('Seddel')}</th>
            ${revealed ? html`<th scope="col" class="num">${msg('Prikker')}</th>` : nothing}
            ${editable ? html`<th scope="col">${msg('Status')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map(({ n, group }) => {
            const cluster = m.clusterOf.get(n.id);
            const total = cluster ? clusterDots(m, cluster, dots) : 0;
            return html`<tr data-row=${n.id}>
              <td>${def.zones.find((z) => z.id === n.zone)?.label ?? n.zone}</td>
              <td>${group}${group && revealed && total > 0 ? html` <span class="sub">${msg(str`(gruppen i alt: ${dotsText(total)})`)}</span>` : nothing}</td>
              <td>${n.text}</td>
              ${revealed ? html`<td class="num">${formatNumber(dots[n.id] ?? 0)}</td>` : nothing}
              ${editable ? html`<td>${noteStatusText(n.status, true)}</td>` : nothing}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
}
