// Actions other modules add to the editor's bar (the PDF import is one): a button each, run with the editor.
// A module registers itself when it is imported (pages/edit.ts imports it); the editor draws what is registered.
import type { RsDeckEditor } from './editor.js';

export interface EditorAction {
  id: string;
  /** The button's words, in the reader's language. */
  label: () => string;
  run(editor: RsDeckEditor): void | Promise<void>;
}

export const editorActions: EditorAction[] = [];

export function registerEditorAction(action: EditorAction): void {
  const at = editorActions.findIndex((a) => a.id === action.id);
  if (at >= 0) editorActions[at] = action;
  else editorActions.push(action);
}
