// keepValue(): a text field's value from the deck, written into the field only when it says something else than
// what the field holds. The deck stores a slide's text tidied (no blank line at its end, one space in a heading), so
// writing it back on every keystroke would take away the Enter or the space just typed. Called after each render
// (`updated`) instead of binding `.value`; a plain function rather than a Lit directive keeps lit's directive modules
// out of the editor page, so adding the page does not change how the participant's bundle is split.
type Normalise = (text: string) => string;
const same: Normalise = (t) => t;

export function keepValue(field: HTMLInputElement | HTMLTextAreaElement | null | undefined, value: string, normalise = same): void {
  if (field && normalise(field.value) !== normalise(value)) field.value = value;
}
