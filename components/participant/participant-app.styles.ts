// The phone page's look: its header, cards, join form, vote status and results (the elements inside bring their own).
import { css } from 'lit';
import { buttons, srOnly, tokens } from '../theme.js';

export const participantAppStyles = [
  tokens,
  buttons,
  srOnly,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
      min-height: 100dvh;
      background: var(--rs-surface);
      font-size: 1rem;
    }
    header {
      background: var(--rs-ink);
      color: var(--rs-paper);
      padding: 0.7rem min(1rem, 4vw);
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.4rem 0.6rem;
    }
    /* The title wraps rather than being cut, and with large text on a narrow phone it takes its own line,
       the status and the language below it. */
    header .where {
      flex: 1 1 8rem;
      min-width: 0;
    }
    header h1 {
      font-size: 1rem;
      line-height: 1.25;
      margin: 0;
      font-weight: 700;
      overflow-wrap: break-word;
    }
    /* Where the room is: the slide, under the deck's title. */
    header .slide {
      margin: 0.1rem 0 0;
      font-size: 0.9rem;
      line-height: 1.25;
      overflow-wrap: break-word;
    }
    button.lang {
      flex: none;
      min-height: 36px;
      padding: 0.2em 0.7em;
      font-size: 0.85rem;
      color: var(--rs-paper);
      background: transparent;
      border: 1px solid rgb(var(--rs-paper-rgb) / 0.7);
    }
    .conn {
      flex: none;
      font-size: 0.85rem;
      display: flex;
      align-items: center;
      gap: 0.35rem;
    }
    .conn::before {
      content: '';
      width: 0.6rem;
      height: 0.6rem;
      border-radius: 50%;
      background: var(--rs-status-wait);
    }
    .conn[data-status='connected']::before {
      background: var(--rs-status-ok);
    }
    .conn[data-status='disconnected']::before {
      background: var(--rs-status-lost);
    }
    main {
      flex: 1;
      padding: min(1rem, 4vw);
      max-width: 36rem;
      width: 100%;
      box-sizing: border-box;
      margin: 0 auto;
    }
    .card {
      background: var(--rs-paper);
      border-radius: var(--rs-radius);
      padding: min(1.1rem, 5vw);
      box-shadow: 0 1px 3px rgb(var(--rs-ink-rgb) / 0.15);
      min-width: 0;
      /* Long Danish compounds break rather than push the page sideways at 320 px with large text. */
      overflow-wrap: anywhere;
    }
    .card:focus {
      outline: none;
    }
    .card:focus-visible {
      outline: var(--rs-focus-ring);
      outline-offset: var(--rs-focus-offset);
    }
    h2 {
      font-size: 1.3rem;
      margin: 0 0 0.6rem;
    }
    label {
      display: block;
      font-weight: 600;
      margin-bottom: 0.4rem;
    }
    input {
      font: inherit;
      font-size: 1.8rem;
      letter-spacing: 0.15em;
      width: 100%;
      box-sizing: border-box;
      padding: 0.5rem 0.7rem;
      border: 2px solid var(--rs-ink-soft);
      border-radius: var(--rs-radius);
      font-variant-numeric: tabular-nums;
    }
    input:focus-visible {
      outline: var(--rs-focus-ring);
      outline-offset: var(--rs-focus-offset);
    }
    form button {
      width: 100%;
      margin-top: 0.8rem;
      font-size: 1.1rem;
      min-height: 52px;
    }
    .muted {
      color: var(--rs-ink-soft);
    }
    .vote-status {
      margin-top: 1rem;
      padding: 0.7rem 0.9rem;
      border-radius: var(--rs-radius);
      background: var(--rs-surface);
      border-left: 5px solid var(--rs-line);
    }
    .vote-status[data-kind='stored'] {
      border-left-color: var(--rs-good);
    }
    .vote-status[data-kind='sending'] {
      border-left-color: var(--rs-status-wait);
    }
    .vote-status[data-kind='rejected'] {
      border-left-color: var(--rs-bad);
    }
    .error {
      color: var(--rs-bad);
      margin-top: 0.6rem;
    }
    .results {
      margin-top: 1.2rem;
    }
    .timer {
      margin: 0 0 0.6rem;
      font-weight: 700;
      color: var(--rs-warn);
      font-variant-numeric: tabular-nums;
    }
    .decision {
      margin-top: 1rem;
      padding: 0.6rem 0.8rem;
      border: 2px solid var(--rs-good);
      border-radius: var(--rs-radius);
    }
    /* A closed vote's result comes first and fits the phone's screen. */
    .closed-result .question {
      font-size: 1.1rem;
      line-height: 1.3;
    }
    .closed-result .results {
      margin-top: 0.6rem;
    }
    .closed-result .vote-status,
    .closed-result .decision {
      margin-top: 0.7rem;
    }
    .closed-result .muted {
      margin: 0.6rem 0 0;
    }
    .results h3 {
      font-size: 1rem;
      margin: 0 0 0.5rem;
    }
  `,
];
