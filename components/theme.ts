// Shared design tokens: one calm palette with contrast that holds on a projector and a phone in sunlight.
import { css } from 'lit';

export const tokens = css`
  :host {
    --rs-ink: #14213d;
    --rs-ink-soft: #3d4a63;
    --rs-paper: #ffffff;
    --rs-surface: #f3f5f9;
    --rs-line: #c9d1de;
    --rs-accent: #0b5cad;
    --rs-accent-ink: #ffffff;
    --rs-good: #1b6e3a;
    --rs-warn: #8a4b00;
    --rs-warn-on-dark: #ffd166;
    --rs-bad: #a4262c;
    --rs-radius: 0.6rem;
    --rs-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
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
    outline: 3px solid #f2a900;
    outline-offset: 2px;
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
