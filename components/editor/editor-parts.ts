// Parts of the editor's page that say how things stand: the save line (Gemmer … / Gemt / Ikke gemt – fejl), the
// choice between two versions when another window saved first, and the Start møde panel.
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { SaveStatus } from './autosave.js';
import { slideLabel, splitDeck } from './deck-text.js';
import type { RsDeckEditor } from './editor.js';

export function saveLine(status: SaveStatus, retry: () => void) {
  const [kind, text] = ((): [string, string] => {
    switch (status.kind) {
      case 'saved':
        return ['saved', `✓ ${msg('Gemt')}`];
      case 'pending':
      case 'saving':
        return ['saving', msg('Gemmer …')];
      case 'invalid':
        return ['bad', msg(str`Ikke gemt – fejl: ${status.message}`)];
      case 'waiting':
        return ['wait', msg(str`Ikke gemt endnu – serveren beder om en pause (${status.seconds} s). Din tekst er gemt i browseren.`)];
      case 'failed':
        return ['bad', msg(str`Ikke gemt – fejl: ${status.message} Prøver igen om lidt; din tekst er gemt i browseren.`)];
      case 'conflict':
        return ['bad', msg('Ikke gemt – et andet vindue har gemt decket. Vælg udgave.')];
      case 'locked':
        return ['bad', msg(str`Ikke gemt – fejl: ${status.message}`)];
    }
  })();
  return html`<div class="save" data-save=${status.kind}>
    <span class=${`state ${kind}`} role="status" title=${text}>${text}</span>
    ${status.kind === 'failed' ? html`<button type="button" class="small" @click=${retry}>${msg('Prøv nu')}</button>` : nothing}
  </div>`;
}

/** The slides (numbered from 1) where the two texts differ. */
function differingSlides(mine: string, theirs: string): string[] {
  const a = splitDeck(mine).slides;
  const b = splitDeck(theirs).slides;
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? '').trim() !== (b[i] ?? '').trim()) out.push(`${i + 1} (${slideLabel(a[i] ?? b[i] ?? '') || '…'})`);
  }
  return out;
}

export function conflictDialog(status: Extract<SaveStatus, { kind: 'conflict' }>, takeTheirs: () => void, keepMine: () => void) {
  const differ = differingSlides(status.mine, status.theirs.source);
  // Opened as a modal by the editor once it is on the page (RsDeckEditor.updated); Escape does not close it: a choice is needed.
  return html`<dialog class="conflict" aria-labelledby="conflict-title" aria-describedby="conflict-text"
    @cancel=${(e: Event) => e.preventDefault()}>
    <h2 id="conflict-title">${msg('Et andet vindue har gemt decket først')}</h2>
    <p id="conflict-text">
      ${msg(str`Mens du rettede her, blev decket gemt et andet sted (version ${status.theirs.version}). Intet er tabt: vælg, hvilken udgave der skal gælde.`)}
      ${differ.length ? msg(str`Forskelle på slide ${differ.join(', ')}.`) : nothing}
    </p>
    <div class="versions">
      <section>
        <h3 id="mine-title">${msg('Din udgave (her i vinduet)')}</h3>
        <textarea readonly aria-labelledby="mine-title" data-version="mine" .value=${status.mine}></textarea>
        <button type="button" class="primary" data-action="keep-mine" @click=${keepMine}>${msg('Behold min – gem den oven på')}</button>
      </section>
      <section>
        <h3 id="theirs-title">${msg(str`Den anden udgave (version ${status.theirs.version})`)}</h3>
        <textarea readonly aria-labelledby="theirs-title" data-version="theirs" .value=${status.theirs.source}></textarea>
        <button type="button" data-action="take-theirs" @click=${takeTheirs}>${msg('Brug den anden udgave')}</button>
      </section>
    </div>
  </dialog>`;
}

export function startPanel(editor: RsDeckEditor, starting: { needsAdmin: boolean; error: string; unsavedOk: boolean }, save: SaveStatus) {
  const admin = () => editor.renderRoot.querySelector<HTMLInputElement>('#admin-token')?.value.trim() || undefined;
  const version = save.kind === 'saved' ? save.version : undefined;
  return html`<section class="start-panel" aria-labelledby="start-title">
    <h2 id="start-title">${msg('Start møde')}</h2>
    ${
      starting.error === 'unsaved'
        ? html`<p role="alert">
              ${msg('De seneste ændringer er ikke gemt, så mødet vil bruge den sidst gemte udgave af decket.')}
              ${save.kind === 'invalid' || save.kind === 'failed' || save.kind === 'locked' ? html`<br />${save.message}` : nothing}
            </p>
            <div class="actions">
              <button type="button" class="primary" @click=${() => editor.startWith(admin(), true)}>${msg('Start med den gemte udgave')}</button>
              <button type="button" @click=${() => editor.closeStart()}>${msg('Ret først')}</button>
            </div>`
        : starting.error
          ? html`<p role="alert" class="error">${starting.error}</p>`
          : html`<p role="status">${version ? msg(str`Starter mødet med version ${version} …`) : msg('Starter mødet …')}</p>`
    }
    ${
      starting.needsAdmin
        ? html`<div class="field admin">
              <label for="admin-token">${msg('Administratornøgle')}</label>
              <input id="admin-token" type="password" autocomplete="off" />
              <p class="hint">${msg('Denne server kræver en administratornøgle for at starte et møde. Den gemmes ikke.')}</p>
            </div>
            <div class="actions">
              <button type="button" class="primary" data-action="start-admin" @click=${() => editor.startWith(admin(), starting.unsavedOk)}>
                ${msg('Start møde')}
              </button>
              <button type="button" @click=${() => editor.closeStart()}>${msg('Annullér')}</button>
            </div>`
        : starting.error && starting.error !== 'unsaved'
          ? html`<button type="button" @click=${() => editor.closeStart()}>${msg('Luk')}</button>`
          : nothing
    }
  </section>`;
}
