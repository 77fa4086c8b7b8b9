// What the board's layer draws: zones, sticky notes and cluster frames. Lit renders their content; their
// places are written by placement.ts, so a move never renders.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { BoardDef, Note } from '../../core/board.js';
import type { PlacedCluster } from '../../core/board-layout.js';
import { formatNumber } from '../i18n.js';
import type { Target } from './board-model.js';
import { dotsText, noteStatusText, notesText } from './board-texts.js';
import { NOTE_TEXT, NOTE_W } from './geometry.js';

/** The board element (its font is the notes'). */
export interface ItemsHost extends HTMLElement {
  readonly editable: boolean;
  readonly selected: Target;
  renaming: string | null;
  focusAfterRender: string | null;
  commitRename(e: Event, id: string): void;
}

/**
 * A zone's column: its heading with the count beside it, or under it where the two do not fit side by side
 * (canvas.styles.ts). `empty` (a read-only board with no note yet) says so inside the zone, under its heading.
 */
export function renderZone(z: BoardDef['zones'][number], i: number, count: number, empty = false) {
  return html`<div class="zone" data-zone=${z.id} data-color=${i}>
              <h3><span class="label">${z.label}</span> <span class="count">${notesText(count)}</span></h3>
              ${empty ? html`<p class="zone-empty">${msg('Ingen sedler endnu')}</p>` : nothing}
            </div>`;
}

const dotsBadge = (dots: number) =>
  dots > 0 ? html`<span class="badge" data-dots=${dots} role="img" aria-label=${dotsText(dots)}>${formatNumber(dots)}</span>` : nothing;

// A note's longest word must fit its width: at the size read from the back of the room a Danish compound
// ("sagsbehandlingstider") is wider than the note, and breaking it mid-word ("sagsbehandlin / g") reads badly.
// Such a note's text is drawn smaller, just enough for that word, and never below WORD_FIT_MIN.
const WORD_FIT_MIN = 0.7;
let measurer: CanvasRenderingContext2D | null | undefined;
const wordFits = new Map<string, number>();

/** The share of the note's text size at which its longest word fits the note's text width. */
function wordFit(host: HTMLElement, text: string): number {
  const key = text;
  const known = wordFits.get(key);
  if (known !== undefined) return known;
  if (measurer === undefined) measurer = document.createElement('canvas').getContext('2d');
  if (!measurer) return 1;
  measurer.font = `${NOTE_TEXT}px ${getComputedStyle(host).fontFamily}`;
  const longest = Math.max(0, ...text.split(/\s+/).map((word) => measurer!.measureText(word).width));
  // The text's width inside the note, inside its padding (the dots badge narrows only the first line, and a
  // word too long to stand beside it goes to the next).
  const room = NOTE_W - 24;
  const fit = longest <= room ? 1 : Math.max(WORD_FIT_MIN, room / longest);
  if (wordFits.size > 2000) wordFits.clear();
  wordFits.set(key, fit);
  return fit;
}

export function renderNote(host: ItemsHost, n: Note, zi: number, dots: number, clustered: boolean, dup: boolean) {
  const editable = host.editable;
  const status = n.status === 'visible' ? '' : noteStatusText(n.status, true);
  return html`<div
      class="note"
      data-note=${n.id}
      data-color=${zi}
      data-status=${n.status}
      ?data-clustered=${clustered}
      ?data-selected=${editable && host.selected?.kind === 'note' && host.selected.id === n.id}
      ?data-dup=${dup}
      ?data-has-dots=${dots > 0}
      ?data-long=${n.text.length > 80}
      tabindex="0"
      role="group"
      aria-roledescription=${msg('seddel')}
      aria-label=${n.text}
      title=${n.text}
    >
      <p class="text" style="--word-fit:${wordFit(host, n.text).toFixed(3)}">${n.text}</p>
      ${
        status
          ? html`<span class="flag"
            >${status}${editable && n.status === 'pending' ? html`<button class="primary" data-act="approve">${msg('Godkend')}</button>` : nothing}</span
          >`
          : nothing
      }
      ${dotsBadge(dots)}
    </div>`;
}

export function renderCluster(host: ItemsHost, c: PlacedCluster, size: number, dots: number) {
  const renaming = host.renaming === c.id;
  return html`<section
      class="cluster"
      data-cluster=${c.id}
      ?data-selected=${host.editable && host.selected?.kind === 'cluster' && host.selected.id === c.id}
      aria-label=${msg(str`Gruppe: ${c.name}`)}
    >
      <div class="cluster-head" tabindex="0" role="group" aria-roledescription=${msg('gruppe')} aria-label=${msg(str`Gruppe: ${c.name}, ${notesText(size)}`)}>
        ${
          renaming
            ? html`<input
              aria-label=${msg('Gruppens navn')}
              .value=${c.name}
              maxlength="80"
              @keydown=${(e: KeyboardEvent) => {
                e.stopPropagation();
                if (e.key === 'Enter') host.commitRename(e, c.id);
                else if (e.key === 'Escape') {
                  host.renaming = null;
                  host.focusAfterRender = `.cluster[data-cluster="${c.id}"] .cluster-head`;
                }
              }}
              @blur=${(e: FocusEvent) => host.commitRename(e, c.id)}
            />`
            : html`<span class="cluster-name" title=${c.name}>${c.name}</span>`
        }
        <span class="count" title=${notesText(size)} role="img" aria-label=${notesText(size)}>${formatNumber(size)}</span>
        ${dotsBadge(dots)}
        ${
          host.editable && !renaming
            ? html`<button class="icon" data-act="rename" aria-label=${msg(str`Omdøb gruppen ${c.name}`)} title=${msg('Omdøb (F2)')}>✎</button>`
            : nothing
        }
      </div>
      ${size === 0 ? html`<p class="empty">${msg('Træk sedler herind')}</p>` : nothing}
    </section>`;
}
