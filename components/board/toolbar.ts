// The board's header (prompt, counts, phase controls) and toolbar (tools, pen colours, undo, new note, view),
// rendered into the board's shadow root from what the element holds; clicks call back into it.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { BoardDef, BoardPhase, Note } from '../../core/board.js';
import type { BoardPublicState } from '../../core/room-doc.js';
import type { BoardControlRequest } from '../../core/wire.js';
import { formatNumber } from '../i18n.js';
import { phaseText } from './board-texts.js';
import type { Tool } from './gestures.js';
import { PEN_COLORS } from './pen.js';
import type { ViewportController } from './viewport.js';

export interface ToolbarHost {
  readonly board: string;
  readonly editable: boolean;
  readonly busy: boolean;
  tool: Tool;
  penColor: string;
  adding: boolean;
  listView: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly viewport: ViewportController;
  send(body: BoardControlRequest): Promise<boolean>;
  phase(phase: BoardPhase): Promise<boolean>;
  resetDots(): void;
  clearInk(): void;
  undoLast(): void;
  redo(): void;
  gatherDuplicates(): void;
  addNote(e: SubmitEvent): void;
}

export function renderHeader(host: ToolbarHost, def: BoardDef, st: BoardPublicState | undefined, notes: readonly Note[]) {
  const pending = notes.filter((n) => n.status === 'pending').length;
  const hidden = notes.filter((n) => n.status === 'hidden').length;
  const visible = st?.notes ?? notes.filter((n) => n.status === 'visible').length;
  const phase = st?.phase ?? 'closed';
  const revealed = st?.revealed ?? false;
  const busy = host.busy;
  return html`<header class="bar">
      <div class="info">
        <p class="prompt" part="prompt" title=${def.prompt}>${def.prompt}</p>
        <p class="meta" aria-live="polite">
          <span class="status" data-phase=${phase} part="status">${phaseText(phase)}</span>
          <span data-count="notes"
            >${visible === 1 ? msg(html`<strong>1</strong> seddel`) : msg(html`<strong>${formatNumber(visible)}</strong> sedler`)}</span
          >
          ${pending ? html`<span class="pending-count" data-count="pending">${msg(str`${formatNumber(pending)} afventer godkendelse`)}</span>` : nothing}
          ${hidden ? html`<span data-count="hidden">${msg(str`${formatNumber(hidden)} skjult`)}</span>` : nothing}
          <span data-count="dotters">${msg(html`<strong>${formatNumber(st?.dotters ?? 0)}</strong> har sat prikker`)}</span>
          <span data-count="revealed">${revealed ? msg('Prikkerne vises') : msg('Prikkerne er skjult')}</span>
        </p>
      </div>
      ${
        host.editable
          ? html`<div class="controls" role="group" aria-label=${msg('Styring af tavlen')}>
            <button aria-pressed=${phase === 'notes'} ?disabled=${busy} @click=${() => host.phase('notes')}>${msg('Åbn for sedler')}</button>
            <button aria-pressed=${phase === 'dots'} ?disabled=${busy} @click=${() => host.phase('dots')}>${msg('Åbn for prikker')}</button>
            <button aria-pressed=${phase === 'closed'} ?disabled=${busy} @click=${() => host.phase('closed')}>${msg('Luk tavlen')}</button>
            <button
              ?disabled=${busy}
              @click=${() => host.send({ action: revealed ? 'board-hide' : 'board-reveal', board: host.board })}
            >
              ${revealed ? msg('Skjul prikker') : msg('Vis prikker')}
            </button>
            <button class="danger" ?disabled=${busy} @click=${() => host.resetDots()}>${msg('Nulstil prikker')}</button>
            <button
              data-action="approval"
              aria-pressed=${st?.approval ?? def.approval}
              ?disabled=${busy}
              title=${msg('Nye sedler fra deltagerne vises først, når du har godkendt dem. Sedler, der allerede er sendt, bliver, som de er.')}
              @click=${() => host.send({ action: 'board-approval', board: host.board, approval: !(st?.approval ?? def.approval) })}
            >
              ${msg('Godkend sedler først')}
            </button>
          </div>`
          : nothing
      }
    </header>`;
}

/** The toolbar: tools and undo for facilitators, the view's buttons for everyone. */
export function renderTools(host: ToolbarHost, strokes: number, dups: number) {
  const tool = host.tool;
  const size = host.viewport.size;
  return html`<div class="tools">
      ${
        host.editable
          ? html`<div class="group" role="group" aria-label=${msg('Værktøj')}>
              <button aria-pressed=${tool === 'move'} @click=${() => (host.tool = 'move')} title=${msg('Flyt sedler og grupper; træk i baggrunden for at panorere')}>${msg('Flyt')}</button>
              <button aria-pressed=${tool === 'pen'} @click=${() => (host.tool = 'pen')}>${msg('Pen')}</button>
              ${
                tool === 'pen'
                  ? PEN_COLORS.map(
                      (c) =>
                        html`<button
                        class="swatch"
                        style="background:${c.color}"
                        aria-label=${msg(str`Pen: ${c.label}`)}
                        title=${c.label}
                        aria-pressed=${host.penColor === c.color}
                        @click=${() => (host.penColor = c.color)}
                      ></button>`,
                    )
                  : nothing
              }
              <button aria-pressed=${tool === 'eraser'} @click=${() => (host.tool = 'eraser')}>${msg('Viskelæder')}</button>
              ${strokes > 0 && tool !== 'move' ? html`<button class="danger" @click=${() => host.clearInk()}>${msg('Slet tegning')}</button>` : nothing}
            </div>
            <div class="group" role="group" aria-label=${msg('Fortryd', { id: 'board-undo' })}>
              <button ?disabled=${!host.canUndo} @click=${() => host.undoLast()} title="Ctrl+Z" aria-keyshortcuts="Control+Z">${msg('Fortryd', { id: 'board-undo' })}</button>
              <button ?disabled=${!host.canRedo} @click=${() => host.redo()} title="Ctrl+Shift+Z" aria-keyshortcuts="Control+Shift+Z">${msg('Gentag')}</button>
            </div>
            <div class="group" role="group" aria-label=${msg('Sedler')}>
              <button data-action="add" aria-expanded=${host.adding} @click=${() => (host.adding = !host.adding)}>${msg('Ny seddel')}</button>
              ${dups > 0 ? html`<button @click=${() => host.gatherDuplicates()}>${msg(str`Saml dubletter (${formatNumber(dups)})`)}</button>` : nothing}
            </div>`
          : nothing
      }
      <div class="group end" role="group" aria-label=${msg('Visning')}>
        <button aria-pressed=${host.listView} data-action="list" @click=${() => (host.listView = !host.listView)}>${msg('Som tabel')}</button>
        <button class="icon" aria-label=${msg('Panorér til venstre')} title=${msg('Panorér til venstre')} @click=${() => host.viewport.panBy(size.w / 4, 0)}>←</button>
        <button class="icon" aria-label=${msg('Panorér op')} title=${msg('Panorér op')} @click=${() => host.viewport.panBy(0, size.h / 4)}>↑</button>
        <button class="icon" aria-label=${msg('Panorér ned')} title=${msg('Panorér ned')} @click=${() => host.viewport.panBy(0, -size.h / 4)}>↓</button>
        <button class="icon" aria-label=${msg('Panorér til højre')} title=${msg('Panorér til højre')} @click=${() => host.viewport.panBy(-size.w / 4, 0)}>→</button>
        <button class="icon" aria-label=${msg('Zoom ud')} title=${msg('Zoom ud (−)')} @click=${() => host.viewport.zoomAt(1 / 1.25)}>−</button>
        <output class="zoomlevel" aria-label="Zoom"></output>
        <button class="icon" aria-label=${msg('Zoom ind')} title=${msg('Zoom ind (+)')} @click=${() => host.viewport.zoomAt(1.25)}>+</button>
        <button @click=${() => host.viewport.fitAll()} title=${msg('Vis hele tavlen (0)')}>${msg('Tilpas')}</button>
      </div>
    </div>`;
}

export function renderAddForm(host: ToolbarHost, def: BoardDef) {
  if (!host.adding || !host.editable) return nothing;
  return html`<form class="add" @submit=${(e: SubmitEvent) => host.addNote(e)} aria-label=${msg('Ny seddel fra facilitator')}>
      ${
        def.zones.length > 1
          ? html`<label>${msg('Felt')} <select name="zone">${def.zones.map((z) => html`<option value=${z.id}>${z.label}</option>`)}</select></label>`
          : html`<input type="hidden" name="zone" value=${def.zones[0]?.id ?? ''} />`
      }
      <label class="grow">${msg('Tekst')} <input name="text" maxlength=${def.maxLength} autocomplete="off" placeholder=${msg('Skriv sedlen …')} /></label>
      <button type="submit" class="primary" ?disabled=${host.busy}>${msg('Tilføj seddel')}</button>
      <button type="button" @click=${() => (host.adding = false)}>${msg('Luk')}</button>
    </form>`;
}
