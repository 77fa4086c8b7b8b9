// keptValue(): a text field's value from the deck, written into the field only when it says something else than
// what the field holds. The deck stores a slide's text tidied (no blank line at its end, one space in a heading), so
// writing it back on every keystroke would take away the Enter or the space just typed.
import { nothing } from 'lit';
import { Directive, directive, type ElementPart, type PartInfo, PartType } from 'lit/directive.js';

type Normalise = (text: string) => string;
const same: Normalise = (t) => t;

class KeptValue extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('keptValue() belongs on an <input> or <textarea>.');
  }

  render(_value: string, _normalise?: Normalise) {
    return nothing;
  }

  override update(part: ElementPart, [value, normalise = same]: [string, Normalise?]) {
    const field = part.element as HTMLInputElement | HTMLTextAreaElement;
    if (normalise(field.value) !== normalise(value)) field.value = value;
    return nothing;
  }
}

export const keptValue = directive(KeptValue);
