// Undo and redo over the whole deck's text: every change is a new text; typing into one field is one step until a
// pause or another field, so Ctrl+Z takes back a word or a sentence, not a letter.
export interface Step {
  source: string;
  /** The slide chosen before the change and after it: undo shows the first, redo the second. */
  before: number;
  after: number;
}

const MAX_STEPS = 300;
/** Changes to the same field closer together than this are one step. */
const MERGE_MS = 1200;

export class History {
  private steps: Step[];
  private at = 0;
  private lastGroup: string | undefined;
  private lastAt = 0;

  constructor(source: string) {
    this.steps = [{ source, before: 0, after: 0 }];
  }

  get current(): Step {
    return this.steps[this.at]!;
  }

  get canUndo(): boolean {
    return this.at > 0;
  }

  get canRedo(): boolean {
    return this.at < this.steps.length - 1;
  }

  /** A new text. `group` names the field typed in; the same group soon after replaces the last step. */
  push(step: Step, group?: string, now = Date.now()): void {
    if (step.source === this.current.source) return;
    const merge = group !== undefined && group === this.lastGroup && now - this.lastAt < MERGE_MS && this.at > 0;
    this.steps.splice(this.at + 1);
    if (merge) this.steps[this.at] = { ...step, before: this.current.before };
    else {
      this.steps.push(step);
      if (this.steps.length > MAX_STEPS) this.steps.shift();
      this.at = this.steps.length - 1;
    }
    this.lastGroup = group;
    this.lastAt = now;
  }

  /** The text before the last change, and the slide that was chosen then. */
  undo(): { source: string; slide: number } | undefined {
    if (!this.canUndo) return undefined;
    this.lastGroup = undefined;
    const undone = this.current;
    this.at--;
    return { source: this.current.source, slide: undone.before };
  }

  redo(): { source: string; slide: number } | undefined {
    if (!this.canRedo) return undefined;
    this.lastGroup = undefined;
    this.at++;
    return { source: this.current.source, slide: this.current.after };
  }

  /** Ends the current step: the next change starts a new one (focus moved, a button was pressed). */
  seal(): void {
    this.lastGroup = undefined;
  }
}
