// The editor's bar across the top — the deck's title, whether it is saved, undo and redo, slides or source, the
// actions other modules add (Importér PDF), Start møde, the language — and the short notice under it.
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { languageSwitch } from '../i18n.js';
import { editorActions } from './actions.js';
import type { SaveStatus } from './autosave.js';
import type { RsDeckEditor } from './editor.js';
import { saveLine } from './editor-parts.js';

export interface BarProps {
  title: string;
  save: SaveStatus;
  canUndo: boolean;
  canRedo: boolean;
  view: 'slides' | 'source';
  editor: RsDeckEditor;
  setTitle(title: string): void;
  undo(): void;
  redo(): void;
  showSlides(): void;
  showSource(): void;
  start(): void;
}

export function editorBar(p: BarProps) {
  return html`<header class="bar">
    <a class="home" href="/" aria-label=${msg('Rådslag – til startsiden')}>Rådslag</a>
    <div class="title-field">
      <label for="deck-title" class="sr-only">${msg('Deckets titel')}</label>
      <input id="deck-title" type="text" placeholder=${msg('Deckets titel')}
        @input=${(e: Event) => p.setTitle((e.target as HTMLInputElement).value)} />
    </div>
    ${saveLine(p.save)}
    <div class="tools">
      <button type="button" class="small" data-action="undo" ?disabled=${!p.canUndo} title=${msg('Fortryd (Ctrl+Z)')} @click=${p.undo}>
        ↶ ${msg('Fortryd', { id: 'editor-undo' })}
      </button>
      <button type="button" class="small" data-action="redo" ?disabled=${!p.canRedo} title=${msg('Gentag (Ctrl+Shift+Z)')} @click=${p.redo}>
        ↷ ${msg('Gentag')}
      </button>
      <div class="switch" role="group" aria-label=${msg('Visning')}>
        <button type="button" class="small" aria-pressed=${p.view === 'slides' ? 'true' : 'false'} data-view="slides" @click=${p.showSlides}>
          ${msg('Slides')}
        </button>
        <button type="button" class="small" aria-pressed=${p.view === 'source' ? 'true' : 'false'} data-view="source" @click=${p.showSource}>
          ${msg('Kilde (Markdown)')}
        </button>
      </div>
      ${editorActions.map(
        (a) => html`<button type="button" class="small" data-action=${a.id} @click=${() => void a.run(p.editor)}>${a.label()}</button>`,
      )}
      <button type="button" class="primary start" data-action="start" @click=${p.start}>${msg('Start møde')}</button>
      ${languageSwitch()}
    </div>
  </header>`;
}

/** What just happened ("Slide 3 er kopieret", "… er slettet" with Fortryd), until the next change or ✕. */
export function noticeLine(notice: { text: string; undo?: boolean }, undo: () => void, close: () => void) {
  return html`<p class="notice" role="status">
    ${notice.text}
    ${
      notice.undo
        ? html`<button type="button" class="small" data-action="undo-delete" @click=${() => {
            undo();
            close();
          }}>${msg('Fortryd', { id: 'editor-undo' })}</button>`
        : nothing
    }
    <button type="button" class="small" aria-label=${msg('Luk beskeden')} @click=${close}>✕</button>
  </p>`;
}
