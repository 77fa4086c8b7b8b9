// <rs-deck-editor>: the deck editor — slides down the side, the chosen slide's form or text with its preview at
// projector proportions, speaker notes, the whole deck as Markdown in a source view, autosave, undo and redo, and
// Start møde. The deck's Markdown is the one truth: every edit makes a new text (history.ts), compiled in the
// browser for the previews and the mistakes (compile.ts), and saved on top of the version it came from (autosave.ts).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { DeckSourceResponse } from '../../core/wire.js';
import { buttons, focusRing, srOnly, tokens } from '../theme.js';
import { errorText } from '../i18n.js';
import { Autosave, readDraft, type SaveStatus } from './autosave.js';
import { boardsOf, type CompiledDeck, compileForEditor, loadCompiler } from './compile.js';
import {
  type DeckText,
  deckTitle,
  duplicateSlide,
  joinDeck,
  readBlockSlide,
  readSlide,
  slideLabel,
  splitDeck,
  withDeckTitle,
} from './deck-text.js';
import { ApiError, copyDeck, loadSource } from './editor-api.js';
import { editorBar, noticeLine } from './editor-bar.js';
import { conflictDialog, saveBanner, showDifference, sourceView } from './editor-parts.js';
import { editorStyles } from './editor-page-styles.js';
import { fieldStyles } from './editor-styles.js';
import { History } from './history.js';
import { keepValue } from './kept-value.js';
import { kindLabel, NEW_SLIDES, slideKind } from './slide-kinds.js';
import type { SlideAction, SlideEdit } from './slide-editor.js';
import './slide-editor.js';
import './slide-list.js';
import './start-meeting.js';

const oneLine = (t: string) => t.replace(/\s+/g, ' ').trim();

@customElement('rs-deck-editor')
@localized()
export class RsDeckEditor extends LitElement {
  static override styles = [tokens, buttons, focusRing, srOnly, fieldStyles, editorStyles];

  @property() deckId = '';
  @property() editorKey = '';

  @state() private loading = true;
  @state() private fatal = '';
  @state() private template: DeckSourceResponse | undefined;
  @state() private source = '';
  @state() private selected = 0;
  @state() private view: 'slides' | 'source' = 'slides';
  /** The source view's text: it becomes the deck once it compiles. */
  @state() private sourceDraft = '';
  @state() private draftProblem: CompiledDeck['problem'];
  @state() private compiled: CompiledDeck | undefined;
  @state() private save: SaveStatus = { kind: 'saved', version: 0 };
  @state() private notice: { text: string; undo?: boolean } | undefined;
  @state() private starting = false;
  @state() private leaveSource: boolean = false;

  private deck: DeckText = { front: null, slides: [] };
  private history!: History;
  private autosave!: Autosave;
  private images = new Map<string, string>();
  private compileTimer: ReturnType<typeof setTimeout> | undefined;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private compiling = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey, true);
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('pagehide', this.onLeave);
    document.addEventListener('visibilitychange', this.onHidden);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey, true);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('pagehide', this.onLeave);
    document.removeEventListener('visibilitychange', this.onHidden);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // The page sets the key, then the deck: loading starts once both are known.
    if (changed.has('deckId') && this.deckId) void this.load();
  }

  private async load(): Promise<void> {
    void loadCompiler();
    let answer: DeckSourceResponse;
    try {
      answer = await loadSource(this.deckId, this.editorKey || undefined);
    } catch (err) {
      this.loading = false;
      this.fatal =
        err instanceof ApiError && (err.status === 401 || err.status === 403)
          ? msg('Redigeringsnøglen mangler eller passer ikke. Åbn linket, du fik, da decket blev lavet — eller åbn decket fra startsiden.')
          : msg(str`Decket kunne ikke hentes: ${err instanceof ApiError ? errorText(err.code, err.message) : (err as Error).message}`);
      return;
    }
    this.images = new Map(answer.imageFiles.map((f) => [f.name, f.url]));
    if (answer.template) {
      this.template = answer;
      this.loading = false;
      return;
    }
    this.autosave = new Autosave({
      deckId: this.deckId,
      editorKey: this.editorKey,
      baseVersion: answer.version,
      savedSource: answer.source,
      onStatus: (s) => (this.save = s),
    });
    this.save = this.autosave.state;
    this.history = new History(answer.source);
    this.setSource(answer.source);
    this.loading = false;
    // Work from an earlier visit that never reached the server: it comes back, on top of what is saved.
    const draft = readDraft(this.deckId);
    if (draft && draft.source !== answer.source) {
      if (draft.baseVersion === answer.version) {
        const check = await compileForEditor(this.deckId, splitDeck(draft.source), this.images);
        if (check.problem) this.openSource(draft.source);
        else this.commit(draft.source);
        this.notice = { text: msg('Ændringer, der ikke nåede at blive gemt sidst, er hentet frem igen.') };
      } else this.autosave.offerConflict({ version: answer.version, source: answer.source }, draft.source);
    }
  }

  // ---------- The deck's text ----------

  private setSource(source: string): void {
    this.source = source;
    this.deck = splitDeck(source);
    this.selected = Math.min(this.selected, Math.max(0, this.deck.slides.length - 1));
    if (this.view === 'source') this.sourceDraft = source;
    this.autosave.touch(source);
    clearTimeout(this.compileTimer);
    this.compileTimer = setTimeout(() => void this.compile(), 150);
  }

  private async compile(): Promise<void> {
    const ticket = ++this.compiling;
    const source = this.source;
    const result = await compileForEditor(this.deckId, this.deck, this.images);
    if (ticket !== this.compiling) return;
    this.compiled = result;
    // A mistake in the source view's text is what is not saved, so it is what the save line names.
    if (!(this.view === 'source' && this.draftProblem)) this.autosave.update(source, result.problem);
  }

  /** A new text for the deck: one undo step (merged with the last when `group` is the same field, typed in soon). */
  private commit(source: string, group?: string, slide = this.selected, before = this.selected): void {
    this.selected = slide;
    this.history.push({ source, before, after: slide }, group);
    this.setSource(source);
  }

  private editSlide(index: number, text: string, group: string): void {
    const slides = [...this.deck.slides];
    slides[index] = text;
    this.commit(joinDeck({ ...this.deck, slides }), `${group}@${index}`, index);
  }

  /** A change to the list of slides: `selected` is chosen after it, `before` again if it is undone. */
  private setSlides(slides: string[], selected: number, before = this.selected): void {
    this.history.seal();
    this.commit(joinDeck({ ...this.deck, slides }), undefined, selected, before);
  }

  private undo(): void {
    if (this.view === 'source' && this.sourceDraft !== this.source) {
      this.sourceDraft = this.source;
      this.draftProblem = undefined;
      this.autosave.update(this.source, this.compiled?.problem);
      return;
    }
    const step = this.history.undo();
    if (step) {
      // A notice about the change just undone ("flyttet", "slettet") no longer holds.
      this.notice = undefined;
      this.selected = step.slide;
      this.setSource(step.source);
    }
  }

  private redo(): void {
    const step = this.history.redo();
    if (step) {
      this.notice = undefined;
      this.selected = step.slide;
      this.setSource(step.source);
    }
  }

  // ---------- Slides ----------

  private addSlide(key: string): void {
    const kind = NEW_SLIDES.find((s) => s.key === key);
    if (!kind) return;
    const at = this.deck.slides.length ? this.selected + 1 : 0;
    const slides = [...this.deck.slides];
    slides.splice(at, 0, kind.make());
    this.setSlides(slides, at);
    this.focusForm();
  }

  /** Slides the editor did not write (an import of pages) put after the chosen slide; the first of them is chosen. */
  insertSlides(texts: string[]): void {
    if (!texts.length) return;
    const at = this.deck.slides.length ? this.selected + 1 : 0;
    const slides = [...this.deck.slides];
    slides.splice(at, 0, ...texts.map((t) => `\n${t.trim()}\n`));
    this.setSlides(slides, at);
  }

  /** The deck's images again from the server (after an upload), so previews and checks know them. */
  async reloadImages(): Promise<void> {
    const answer = await loadSource(this.deckId, this.editorKey);
    this.images = new Map(answer.imageFiles.map((f) => [f.name, f.url]));
    void this.compile();
  }

  private duplicate(i: number): void {
    const slides = [...this.deck.slides];
    slides.splice(i + 1, 0, duplicateSlide(slides[i]!));
    this.setSlides(slides, i + 1);
    this.notice = { text: msg(str`Slide ${i + 1} er kopieret.`) };
  }

  private move(from: number, to: number, focusList = true): void {
    if (to < 0 || to >= this.deck.slides.length || from === to) return;
    const slides = [...this.deck.slides];
    const [slide] = slides.splice(from, 1);
    slides.splice(to, 0, slide!);
    this.setSlides(slides, to, from);
    this.notice = { text: msg(str`Sliden er flyttet til plads ${to + 1}.`) };
    // The keyboard stays with the slide it moved, once the list shows it in its new place.
    if (focusList) void this.updateComplete.then(() => this.renderRoot.querySelector('rs-slide-list')?.focusSelected());
  }

  private removeSlide(i: number): void {
    if (this.deck.slides.length <= 1) return;
    const title = slideLabel(this.deck.slides[i]!) || msg(str`Slide ${i + 1}`);
    const slides = [...this.deck.slides];
    slides.splice(i, 1);
    this.setSlides(slides, Math.min(i, slides.length - 1), i);
    this.notice = { text: msg(str`"${title}" er slettet.`), undo: true };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('[data-action="undo-delete"]')?.focus());
  }

  private focusForm(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector('rs-slide-editor')?.focusFirstField());
  }

  private setTitle(title: string): void {
    this.commit(joinDeck(withDeckTitle(this.deck, title)), 'deck-title');
  }

  // ---------- Views ----------

  private openSource(text = this.source): void {
    this.view = 'source';
    this.sourceDraft = text;
    if (text !== this.source) void this.checkDraft();
  }

  private typedSource(text: string): void {
    this.sourceDraft = text;
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => void this.checkDraft(), 350);
  }

  /** The source view's text compiles: it is the deck now. It does not: the slides keep the last text that did. */
  private async checkDraft(): Promise<boolean> {
    const text = this.sourceDraft;
    if (text === this.source) {
      this.draftProblem = undefined;
      return true;
    }
    const result = await compileForEditor(this.deckId, splitDeck(text), this.images);
    if (text !== this.sourceDraft) return false;
    this.draftProblem = result.problem;
    this.autosave.update(text, result.problem);
    if (!result.problem) this.commit(text, 'source');
    return !result.problem;
  }

  private async showSlides(): Promise<void> {
    clearTimeout(this.draftTimer);
    if (await this.checkDraft()) {
      this.view = 'slides';
      this.leaveSource = false;
    } else this.leaveSource = true;
  }

  private discardDraft(): void {
    this.sourceDraft = this.source;
    this.draftProblem = undefined;
    this.leaveSource = false;
    this.view = 'slides';
    this.autosave.update(this.source, this.compiled?.problem);
  }

  // ---------- Keys and leaving ----------

  private onKey = (e: KeyboardEvent): void => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || !this.history) return;
    const key = e.key.toLowerCase();
    if (key === 'z' || key === 'y') {
      e.preventDefault();
      if (key === 'y' || e.shiftKey) this.redo();
      else this.undo();
    } else if (key === 's') {
      e.preventDefault();
      void this.autosave.flush();
    }
  };

  private onBeforeUnload = (e: BeforeUnloadEvent): void => {
    if (this.autosave?.unsaved && this.save.kind !== 'saving') e.preventDefault();
  };

  private onLeave = (): void => this.autosave?.leave();

  private onHidden = (): void => {
    if (document.visibilityState === 'hidden') void this.autosave?.flush();
  };

  // ---------- Conflict and Start møde ----------

  private takeTheirs(): void {
    const theirs = this.autosave.takeTheirs();
    this.history.seal();
    this.commit(theirs);
    this.notice = { text: msg('Du ser nu den udgave, det andet vindue gemte. Fortryd henter din egen frem igen.'), undo: true };
  }

  private async keepMine(): Promise<void> {
    if (this.save.kind === 'conflict') {
      const mine = this.save.mine;
      if (mine !== this.source) this.commit(mine);
    }
    await this.autosave.keepMine();
  }

  /** Start møde: the panel saves and starts (start-meeting.ts); pressed again, it tries again. */
  private async start(): Promise<void> {
    if (!this.starting) {
      this.starting = true;
      return;
    }
    await this.renderRoot.querySelector('rs-start-meeting')?.begin();
  }

  private async copyTemplate(): Promise<void> {
    try {
      const made = await copyDeck(this.deckId, undefined);
      const url = new URL(made.editUrl, location.href);
      location.assign(url.pathname + url.hash);
    } catch (err) {
      this.fatal = err instanceof ApiError ? errorText(err.code, err.message) : (err as Error).message;
    }
  }

  // ---------- Drawing ----------

  protected override updated(changed: PropertyValues): void {
    keepValue(this.renderRoot.querySelector<HTMLInputElement>('#deck-title'), deckTitle(this.deck), oneLine);
    keepValue(this.renderRoot.querySelector<HTMLTextAreaElement>('#source'), this.sourceDraft);
    const conflict = this.renderRoot.querySelector<HTMLDialogElement>('dialog.conflict');
    if (conflict && !conflict.open) {
      conflict.showModal();
      showDifference(conflict);
      conflict.querySelector<HTMLButtonElement>('[data-action="keep-mine"]')?.focus({ preventScroll: true });
    }
    if (changed.has('source') && this.deck.front) document.title = `${deckTitle(this.deck) || msg('Deck')} · ${msg('Rediger')} · Rådslag`;
  }

  private renderSlideEditor() {
    const text = this.deck.slides[this.selected];
    if (text === undefined) return html`<p class="empty">${msg('Decket har ingen slides. Tilføj en.')}</p>`;
    const i = this.selected;
    return html`<rs-slide-editor .index=${i} .count=${this.deck.slides.length} .text=${text}
      .section=${this.compiled?.sections[i] ?? null} .problems=${(this.compiled?.problems ?? []).filter((p) => p.slide === i)}
      .boards=${boardsOf(this.deck.slides, this.compiled?.sections ?? [])}
      @rs-slide-edit=${(e: CustomEvent<SlideEdit>) => this.editSlide(e.detail.index, e.detail.text, e.detail.group)}
      @rs-slide-action=${(e: CustomEvent<SlideAction>) => this.slideAction(e.detail)}></rs-slide-editor>`;
  }

  private slideAction(action: SlideAction): void {
    const i = this.selected;
    if (action === 'duplicate') this.duplicate(i);
    else if (action === 'up') this.move(i, i - 1, false);
    else if (action === 'down') this.move(i, i + 1, false);
    else this.removeSlide(i);
  }

  override render() {
    if (this.loading) return html`<p class="center" role="status">${msg('Henter decket …')}</p>`;
    if (this.fatal) return html`<div class="center"><p role="alert">${this.fatal}</p><p><a href="/">${msg('Til startsiden')}</a></p></div>`;
    if (this.template) {
      return html`<div class="center">
        <h1>${this.template.title}</h1>
        <p>${msg('Det her er en skabelon. Den kan ikke ændres, men du kan lave din egen kopi og rette i den.')}</p>
        <button class="primary" type="button" @click=${() => void this.copyTemplate()}>${msg('Lav en kopi og rediger')}</button>
      </div>`;
    }
    const listed = this.deck.slides.map((text, i) => ({
      key: String(i),
      title: this.compiled?.titles[i] || slideLabel(text),
      kind: kindLabel(slideKind(text)),
      section: this.compiled?.sections[i] ?? null,
      problem: (this.compiled?.problems ?? []).some((p) => p.slide === i),
    }));
    const boardBefore = this.deck.slides.slice(0, this.selected + 1).some((t) => readBlockSlide(readSlide(t).body)?.block.name === 'board');
    return html`${editorBar({
      title: deckTitle(this.deck),
      save: this.save,
      canUndo: this.history.canUndo || (this.view === 'source' && this.sourceDraft !== this.source),
      canRedo: this.history.canRedo,
      view: this.view,
      editor: this,
      setTitle: (title) => this.setTitle(title),
      undo: () => this.undo(),
      redo: () => this.redo(),
      showSlides: () => void this.showSlides(),
      showSource: () => this.openSource(),
      start: () => void this.start(),
    })}
      ${
        this.view === 'source' && this.draftProblem
          ? nothing
          : saveBanner(
              this.save,
              () => void this.autosave.flush(),
              (slide) => this.showProblem(slide),
            )
      }
      ${
        this.starting
          ? html`<rs-start-meeting .deckId=${this.deckId} .flush=${() => this.autosave.flush()}
              @rs-start-close=${() => (this.starting = false)}></rs-start-meeting>`
          : nothing
      }
      ${
        this.notice
          ? noticeLine(
              this.notice,
              () => this.undo(),
              () => (this.notice = undefined),
            )
          : nothing
      }
      <div class="body">
        <rs-slide-list .slides=${listed} .selected=${this.selected} ?hasBoard=${boardBefore}
          @rs-select-slide=${(e: CustomEvent<{ index: number; focus?: string }>) => {
            if (this.view === 'source') void this.showSlides();
            this.selected = e.detail.index;
            this.history.seal();
            if (e.detail.focus === 'list')
              void this.updateComplete.then(() => this.renderRoot.querySelector('rs-slide-list')?.focusSelected());
          }}
          @rs-move-slide=${(e: CustomEvent<{ from: number; to: number }>) => this.move(e.detail.from, e.detail.to)}
          @rs-add-slide=${(e: CustomEvent<{ key: string }>) => this.addSlide(e.detail.key)}></rs-slide-list>
        <main class=${this.view}>
          ${
            this.view === 'source'
              ? sourceView({
                  text: this.sourceDraft,
                  problem: this.draftProblem,
                  leaving: this.leaveSource,
                  typed: (text) => this.typedSource(text),
                  discard: () => this.discardDraft(),
                })
              : this.renderSlideEditor()
          }
        </main>
      </div>
      ${
        this.save.kind === 'conflict'
          ? conflictDialog(
              this.save,
              () => this.takeTheirs(),
              () => void this.keepMine(),
            )
          : nothing
      }`;
  }

  /** The save line's "Vis" on a mistake: the slide it is on, or the line in the source view. */
  private showProblem(slide: number): void {
    if (this.view === 'slides' && slide >= 0) this.selected = slide;
    else if (this.view === 'slides') this.openSource();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-deck-editor': RsDeckEditor;
  }
}
