// Parts of the editor's page that say how things stand: the save line (Gemmer … / Gemt / Ikke gemt – fejl), the
// choice between two versions when another window saved first, and the Start møde panel.
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { SaveStatus } from './autosave.js';
import type { DeckProblem } from './compile.js';
import { slideLabel, splitDeck } from './deck-text.js';

/** The short state in the bar: Gemt, Gemmer …, or Ikke gemt (the banner below says why). */
export function saveLine(status: SaveStatus) {
  const [kind, text] = ((): [string, string] => {
    switch (status.kind) {
      case 'saved':
        return ['saved', `✓ ${msg('Gemt')}`];
      case 'pending':
      case 'saving':
        return ['saving', msg('Gemmer …')];
      case 'waiting':
        return ['wait', msg('Ikke gemt endnu')];
      default:
        return ['bad', msg('Ikke gemt')];
    }
  })();
  return html`<div class="save" data-save=${status.kind}><span class=${`state ${kind}`} role="status">${text}</span></div>`;
}

/**
 * Why the deck is not saved, in full, under the bar: the mistake with its slide and line, the wait, the lost connection.
 * (The source view shows its own mistake beside the text instead.)
 */
export function saveBanner(status: SaveStatus, retry: () => void, show: (slide: number) => void) {
  if (status.kind === 'invalid') {
    const slide = /^Fejl på slide (\d+)/.exec(status.message)?.[1];
    return html`<div class="save-banner bad" data-save-problem>
      <p>${msg(str`Ikke gemt – fejl: ${status.message}`)}</p>
      <button type="button" class="small" @click=${() => show(slide ? Number(slide) - 1 : -1)}>
        ${slide ? msg(str`Vis slide ${slide}`) : msg('Vis i kilden')}
      </button>
    </div>`;
  }
  if (status.kind === 'failed' || status.kind === 'locked') {
    return html`<div class="save-banner bad" data-save-problem>
      <p>
        ${msg(str`Ikke gemt – fejl: ${status.message}`)}
        ${status.kind === 'failed' ? msg('Der prøves igen om lidt; din tekst er gemt i browseren imens.') : nothing}
      </p>
      ${status.kind === 'failed' ? html`<button type="button" class="small" @click=${retry}>${msg('Prøv nu')}</button>` : nothing}
    </div>`;
  }
  if (status.kind === 'waiting') {
    return html`<div class="save-banner" data-save-problem>
      <p>${msg(str`Serveren beder om en pause: decket gemmes om ${status.seconds} s. Din tekst er gemt i browseren imens.`)}</p>
    </div>`;
  }
  return nothing;
}

/** The whole deck as Markdown. `text` becomes the deck once it compiles; a mistake is named, with its line. */
export function sourceView(view: {
  text: string;
  problem: DeckProblem | undefined;
  /** The person asked for the slides while the text has a mistake. */
  leaving: boolean;
  typed: (text: string) => void;
  discard: () => void;
}) {
  const { problem } = view;
  return html`<div class="source-view">
    <p class="hint" id="source-hint">
      ${msg('Hele decket i deckformatet: slides skilles ad med en linje med ---, noter står efter Note:, aktiviteter mellem ::: og :::.')}
    </p>
    ${
      problem
        ? html`<div class="problem" role="alert">
            <strong>${msg('Fejl:')}</strong> ${problem.message}
            ${
              problem.line
                ? html`<button type="button" class="small" @click=${(e: Event) => goToLine(e, problem.line!)}>
                    ${msg(str`Gå til linje ${problem.line}`)}
                  </button>`
                : nothing
            }
            ${
              view.leaving
                ? html`<p>${msg('Slides viser stadig den sidste udgave uden fejl. Ret fejlen, eller kassér rettelserne i kilden.')}</p>
                    <button type="button" class="small danger" data-action="discard-source" @click=${view.discard}>
                      ${msg('Kassér rettelserne i kilden')}
                    </button>`
                : nothing
            }
          </div>`
        : nothing
    }
    <label for="source" class="sr-only">${msg('Decket som tekst (Markdown)')}</label>
    <textarea id="source" spellcheck="false" aria-describedby="source-hint"
      @input=${(e: Event) => view.typed((e.target as HTMLTextAreaElement).value)}></textarea>
  </div>`;
}

/** Selects the line a mistake is on in the source view's text, and scrolls to it. */
function goToLine(event: Event, line: number): void {
  const area = (event.target as HTMLElement).closest('.source-view')?.querySelector<HTMLTextAreaElement>('#source');
  if (!area) return;
  const lines = area.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (line - 4) * lineHeight);
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

/** Both versions in the conflict dialog scrolled to the first line where they part, so the difference is in view. */
export function showDifference(dialog: HTMLDialogElement): void {
  const [mine, theirs] = [...dialog.querySelectorAll<HTMLTextAreaElement>('textarea[data-version]')];
  if (!mine || !theirs) return;
  const a = mine.value.split('\n');
  const b = theirs.value.split('\n');
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  const lineHeight = Number.parseFloat(getComputedStyle(mine).lineHeight) || 18;
  for (const area of [mine, theirs]) area.scrollTop = Math.max(0, (line - 3) * lineHeight);
}
