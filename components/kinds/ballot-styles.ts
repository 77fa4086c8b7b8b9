// The styles the phone's ballot elements share; each element adds its own after these (its spacing, its choices).
import { css } from 'lit';
import { buttons, focusRing, tokens } from '../theme.js';

/** A block with a bare fieldset, its legend the question at heading size (the element sets the space below it). */
const ballotBase = css`
  :host {
    display: block;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    font-size: 1.25rem;
    font-weight: 700;
    padding: 0;
  }
`;

/** A kind voted with one tap (single choice, motion, scale): its choices are the element's own buttons. */
export const tapStyles = [
  tokens,
  focusRing,
  ballotBase,
  css`
    button:disabled {
      cursor: not-allowed;
      opacity: 0.7;
    }
  `,
];

/** A kind edited before it is sent: the full-width Send button and the hint beside it (the element places the hint). */
export const draftStyles = [
  tokens,
  buttons,
  ballotBase,
  css`
    button {
      -webkit-tap-highlight-color: transparent;
    }
    button.send {
      width: 100%;
      font-size: 1.1rem;
      min-height: 52px;
      font-weight: 700;
    }
    .hint {
      color: var(--rs-ink-soft);
    }
    .hint[data-kind='error'] {
      color: var(--rs-bad);
      font-weight: 600;
    }
  `,
];

/** The small line above a question that says what is asked (a motion's "Indstilling", the voting card's heading). */
export const kicker = css`
  .kicker {
    display: block;
    font-size: 0.85rem;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--rs-ink-soft);
  }
`;

/**
 * The options as a list of rows to set a figure on (points, ranking): each row a card whose label wraps and
 * whose buttons (48 px tall, an icon in the middle) sit beside it, or below when its longest word needs the room.
 */
export const optionRows = css`
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    box-sizing: border-box;
    border-radius: var(--rs-radius);
    border: 2px solid var(--rs-line);
    background: var(--rs-paper);
  }
  .label {
    flex: 1 1 auto;
    width: min-content;
    min-width: 0;
    max-width: 100%;
    font-size: 1.05rem;
    overflow-wrap: break-word;
    hyphens: auto;
  }
  button.step,
  button.move {
    flex: none;
    height: 48px;
    min-height: 48px;
    padding: 0;
    display: grid;
    place-items: center;
  }
  .hint {
    margin: 0.8rem 0 0.5rem;
  }
  .hint:empty {
    margin: 0.4rem 0;
  }
`;
