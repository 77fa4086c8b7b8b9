// The panel for the selected note or group: its text, state and dots, moving it into a group, moderation,
// renaming, merging and dissolving. Rendered into the board's shadow root; choices call back into the board.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { BoardDef } from '../../core/board.js';
import { type Model, type Target, clusterDots } from './board-model.js';
import { dotsText, noteStatusText, notesText } from './board-texts.js';

export interface PanelHost {
  readonly busy: boolean;
  selected: Target;
  moveToCluster(id: string, value: string): void;
  moderate(id: string, action: 'note-approve' | 'note-hide' | 'note-show'): void;
  hideSender(id: string): void;
  deleteNote(id: string): void;
  rename(id: string, name: string): void;
  mergeClusters(from: string, into: string): void;
  dissolve(id: string): void;
}

const field = (e: SubmitEvent, name: string) =>
  ((e.target as HTMLFormElement).elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;

export function renderPanel(host: PanelHost, def: BoardDef, m: Model, sel: NonNullable<Target>, dots: Readonly<Record<string, number>>) {
  return sel.kind === 'note' ? notePanel(host, def, m, sel.id, dots) : clusterPanel(host, m, sel.id, dots);
}

function notePanel(host: PanelHost, def: BoardDef, m: Model, id: string, dots: Readonly<Record<string, number>>) {
  const n = m.byId.get(id);
  if (!n) return nothing;
  const cluster = m.clusterOf.get(n.id) ?? '';
  const zone = def.zones.find((z) => z.id === n.zone)?.label ?? n.zone;
  return html`<div class="panel" role="region" aria-label=${msg('Valgt seddel')}>
        <div class="what">
          <h4>${msg(str`Seddel · ${zone}`)}</h4>
          <p class="quote" title=${n.text}>${n.text}</p>
          <p class="sub">
            ${noteStatusText(n.status)}${n.byFacilitator ? ` · ${msg('skrevet af facilitator')}` : ''}${
              dots[n.id] ? ` · ${dotsText(dots[n.id]!)}` : ''
            }
          </p>
        </div>
        <label
          >${msg('Flyt til gruppe')}
          <select @change=${(e: Event) => host.moveToCluster(n.id, (e.target as HTMLSelectElement).value)}>
            <option value="" .selected=${!cluster}>${msg('Ingen gruppe')}</option>
            ${m.clusters.map((c) => html`<option value=${c.id} .selected=${c.id === cluster}>${c.name}</option>`)}
            <option value="__new" .selected=${false}>${msg('Ny gruppe med denne seddel')}</option>
          </select>
        </label>
        <div class="row">
          ${n.status === 'pending' ? html`<button class="primary" @click=${() => host.moderate(n.id, 'note-approve')}>${msg('Godkend')}</button>` : nothing}
          ${
            n.status === 'hidden'
              ? html`<button @click=${() => host.moderate(n.id, 'note-show')}>${msg('Vis')}</button>`
              : html`<button @click=${() => host.moderate(n.id, 'note-hide')}>${msg('Skjul')}</button>`
          }
          ${
            n.byFacilitator
              ? nothing
              : html`<button data-action="hide-sender" ?disabled=${host.busy} @click=${() => host.hideSender(n.id)}>${msg('Skjul alt fra denne afsender')}</button>`
          }
          <button class="danger" @click=${() => host.deleteNote(n.id)}>${msg('Slet')}</button>
          <button @click=${() => (host.selected = null)}>${msg('Luk')}</button>
        </div>
      </div>`;
}

function clusterPanel(host: PanelHost, m: Model, id: string, dots: Readonly<Record<string, number>>) {
  const c = m.clusters.find((o) => o.id === id);
  if (!c) return nothing;
  const others = m.clusters.filter((o) => o.id !== c.id);
  const size = m.members.get(c.id)?.length ?? 0;
  const total = clusterDots(m, c.id, dots);
  return html`<div class="panel" role="region" aria-label=${msg('Valgt gruppe')}>
      <div class="what">
        <h4>${total ? msg(str`Gruppe · ${notesText(size)} · ${dotsText(total)} i alt`) : msg(str`Gruppe · ${notesText(size)}`)}</h4>
        <p class="quote" title=${c.name}>${c.name}</p>
      </div>
      <form
        class="row"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          host.rename(c.id, field(e, 'name'));
        }}
      >
        <label>${msg('Navn')} <input name="name" .value=${c.name} maxlength="80" autocomplete="off" /></label>
        <button type="submit">${msg('Omdøb')}</button>
      </form>
      ${
        others.length
          ? html`<form
            class="row"
            @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              const into = field(e, 'into');
              if (into) host.mergeClusters(c.id, into);
            }}
          >
            <label
              >${msg('Slå sammen med')}
              <select name="into">
                ${others.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
              </select>
            </label>
            <button type="submit">${msg('Slå sammen')}</button>
          </form>`
          : nothing
      }
      <div class="row">
        <button @click=${() => host.dissolve(c.id)}>${msg('Opløs gruppe')}</button>
        <button @click=${() => (host.selected = null)}>${msg('Luk')}</button>
      </div>
    </div>`;
}
