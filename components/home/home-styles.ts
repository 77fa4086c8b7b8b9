// The start page's look: one column of cards that reads on a 360 px phone and a laptop alike.
import { css } from 'lit';

export const homeStyles = css`
  :host {
    display: block;
    max-width: 46rem;
    margin: 0 auto;
    padding: 2rem 1.2rem;
  }
  h1 {
    font-size: 2.2rem;
    margin: 0 0 0.3rem;
  }
  .lead {
    color: var(--rs-ink-soft);
    margin-top: 0;
  }
  section {
    background: var(--rs-paper);
    border-radius: var(--rs-radius);
    padding: 1.2rem;
    margin-top: 1.2rem;
    box-shadow: 0 1px 3px rgb(var(--rs-ink-rgb) / 0.15);
  }
  h2 {
    margin-top: 0;
    font-size: 1.3rem;
  }
  h3 {
    margin: 0;
    font-size: 1.1rem;
    overflow-wrap: anywhere;
  }
  ul {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.6rem;
  }
  li {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.6rem 1rem;
    flex-wrap: wrap;
  }
  li.item {
    display: grid;
    gap: 0.5rem;
    padding: 0.8rem 0;
    border-top: 1px solid var(--rs-line);
  }
  li.item:first-child {
    border-top: none;
    padding-top: 0;
  }
  .meta {
    margin: 0;
    color: var(--rs-ink-soft);
    font-size: 0.95rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    box-sizing: border-box;
    padding: 0.5em 1em;
    border: 2px solid var(--rs-accent);
    border-radius: var(--rs-radius);
    color: var(--rs-accent);
    text-decoration: none;
  }
  a.button:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: var(--rs-focus-offset);
  }
  label {
    display: block;
    margin: 0.6rem 0 0.3rem;
    font-weight: 600;
  }
  input {
    font: inherit;
    padding: 0.5rem;
    border: 2px solid var(--rs-ink-soft);
    border-radius: var(--rs-radius);
    width: 100%;
    box-sizing: border-box;
  }
  input[type='file'] {
    border-style: dashed;
  }
  input:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: var(--rs-focus-offset);
  }
  .make {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.5rem;
    align-items: end;
  }
  .make label {
    grid-column: 1 / -1;
    margin-bottom: 0;
  }
  .import {
    margin-top: 1rem;
  }
  ul.decks {
    margin-top: 1.4rem;
    padding-top: 0.6rem;
    border-top: 2px solid var(--rs-line);
  }
  .hint {
    color: var(--rs-ink-soft);
    margin: 0 0 0.8rem;
  }
  .error {
    color: var(--rs-bad);
    overflow-wrap: anywhere;
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 1rem;
  }
  button.lang {
    font: inherit;
    font-size: 0.95rem;
    background: none;
    border: 1px solid var(--rs-ink-soft);
    border-radius: 999px;
    padding: 0.25rem 0.8rem;
    color: var(--rs-ink);
    cursor: pointer;
    min-height: 0;
  }
  .deck-error {
    flex-basis: 100%;
    border-left: 4px solid var(--rs-bad);
    padding: 0.4rem 0.8rem;
    overflow-wrap: anywhere;
  }
  .deck-error strong {
    display: block;
  }
  li.broken > span {
    color: var(--rs-ink-soft);
  }
  .notice {
    border-left: 4px solid var(--rs-good);
    background: #eef8f0;
    padding: 0.6rem 0.9rem;
    border-radius: 0.3rem;
  }
  .confirm {
    border-left: 4px solid var(--rs-bad);
    padding: 0.4rem 0.8rem;
    margin: 0;
  }
  .gone {
    color: var(--rs-ink-soft);
  }
  @media (max-width: 30rem) {
    :host {
      padding: 1.2rem 0.8rem;
    }
    section {
      padding: 1rem 0.9rem;
    }
    .make {
      grid-template-columns: 1fr;
    }
    .actions > * {
      flex: 1 1 auto;
      justify-content: center;
    }
  }
`;
