// Shared design tokens: one calm palette with contrast that holds on a projector and a phone in sunlight.
import { css, unsafeCSS } from 'lit';
// The values live in tokens.css so the presenter page (present.css) defines the same ones on :root.
import tokenDeclarations from './tokens.css?inline';

export const tokens = css`
  ${unsafeCSS(tokenDeclarations)}
  :host {
    font-family: var(--rs-font);
    color: var(--rs-ink);
  }
`;

export const buttons = css`
  button {
    font: inherit;
    border-radius: var(--rs-radius);
    border: 2px solid var(--rs-accent);
    background: var(--rs-paper);
    color: var(--rs-accent);
    padding: 0.5em 1em;
    cursor: pointer;
    min-height: 44px;
  }
  button.primary {
    background: var(--rs-accent);
    color: var(--rs-accent-ink);
  }
  button.danger {
    border-color: var(--rs-bad);
    color: var(--rs-bad);
  }
  /* aria-disabled keeps a button in the tab order, so focus stays put when it stops applying (a vote just sent). */
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: var(--rs-focus-offset);
  }
`;

/**
 * The focus ring (tokens.css: --rs-focus-ring, --rs-focus-offset) on a component's buttons, text areas
 * and disclosures. Opt in per component: elsewhere those still show the browser's own ring. Variants
 * (an inset ring on a board note, a tighter offset beside a field) use the same tokens in their own rule.
 */
export const focusRing = css`
  button:focus-visible,
  textarea:focus-visible,
  summary:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: var(--rs-focus-offset);
  }
`;

/** Text for screen readers only: off screen, still read (live regions, hidden labels). */
export const srOnly = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * A count of what is left (points, dots) in .left: it stays in view while the choices scroll under it,
 * but only when it is small beside the screen; with large text on a narrow phone it is several lines tall
 * and would hide the choices, so there it stays in its place above them.
 */
export const stickyLeft = css`
  :host {
    container-type: inline-size;
  }
  @container (min-width: 14em) {
    .left {
      position: sticky;
      top: 0;
      z-index: 1;
    }
  }
`;

/** The facilitator's room menu and the panels inside it: plain full-width buttons on the panel's colour. */
export const menuButtons = css`
  button {
    font: inherit;
    width: 100%;
    border: 1px solid var(--rs-line);
    border-radius: 0.4rem;
    background: var(--rs-panel);
    padding: 0.4rem 0.6rem;
    cursor: pointer;
    color: inherit;
  }
`;
