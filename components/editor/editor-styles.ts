// The editor's look: fields, small buttons and lists that its parts share (the page's layout is in editor.ts).
import { css } from 'lit';

export const fieldStyles = css`
  label,
  .label {
    display: block;
    font-weight: 600;
    margin: 0 0 0.25rem;
  }
  .hint {
    color: var(--rs-ink-soft);
    font-size: 0.9rem;
    margin: 0.2rem 0 0;
  }
  input[type='text'],
  input[type='number'],
  input:not([type]),
  select,
  textarea {
    font: inherit;
    color: var(--rs-ink);
    background: var(--rs-paper);
    border: 2px solid var(--rs-ink-soft);
    border-radius: 0.4rem;
    padding: 0.4rem 0.55rem;
    box-sizing: border-box;
    width: 100%;
    min-height: 44px;
  }
  textarea {
    resize: vertical;
    line-height: 1.45;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: 1px;
  }
  .field {
    margin: 0 0 0.9rem;
  }
  .row {
    display: flex;
    gap: 0.6rem;
    align-items: end;
  }
  .row > .field {
    flex: 1;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 500;
    min-height: 44px;
  }
  .check input {
    width: 1.3rem;
    height: 1.3rem;
    margin: 0;
  }
  button.small {
    min-height: 36px;
    min-width: 36px;
    padding: 0.2em 0.55em;
    border-width: 1px;
    font-size: 0.95rem;
  }
  .problem {
    border-left: 4px solid var(--rs-bad);
    background: #fbeeed;
    color: var(--rs-ink);
    padding: 0.5rem 0.75rem;
    border-radius: 0.3rem;
    margin: 0 0 0.9rem;
    overflow-wrap: anywhere;
  }
  .problem strong {
    color: var(--rs-bad);
  }
  fieldset {
    border: 1px solid var(--rs-line);
    border-radius: 0.5rem;
    padding: 0.6rem 0.8rem 0.2rem;
    margin: 0 0 0.9rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.3rem;
  }
`;
