// The editor page's layout: a bar across the top, the slides down the left, and the chosen slide's form beside its
// preview and notes — sized for a laptop (1280×800) and a large screen (1920×1080) alike.
import { css } from 'lit';

export const editorStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
    background: var(--rs-surface);
    --list-width: clamp(13rem, 17vw, 19rem);
  }
  .center {
    max-width: 40rem;
    margin: 4rem auto;
    padding: 0 1.2rem;
  }
  header.bar {
    display: flex;
    align-items: center;
    gap: 0.6rem 0.9rem;
    padding: 0.5rem 0.9rem;
    background: var(--rs-paper);
    border-bottom: 1px solid var(--rs-line);
    min-width: 0;
  }
  a.home {
    font-weight: 800;
    color: var(--rs-ink);
    text-decoration: none;
    font-size: 1.05rem;
    padding: 0.3rem 0.2rem;
  }
  a.home:focus-visible,
  a:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: var(--rs-focus-offset);
  }
  .title-field {
    flex: 1 1 14rem;
    min-width: 10rem;
    max-width: 30rem;
  }
  .title-field input {
    font-weight: 700;
    font-size: 1.05rem;
    border-color: var(--rs-line);
  }
  .save {
    flex: 1 1 10rem;
    min-width: 7rem;
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .save .state {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    font-weight: 600;
    font-size: 0.95rem;
  }
  .save .saved {
    color: var(--rs-good);
  }
  .save .saving,
  .save .wait {
    color: var(--rs-ink-soft);
  }
  .save .bad {
    color: var(--rs-bad);
  }
  .tools {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    flex: none;
  }
  .switch {
    display: flex;
  }
  .switch button {
    border-radius: 0;
  }
  .switch button:first-child {
    border-radius: 0.4rem 0 0 0.4rem;
  }
  .switch button:last-child {
    border-radius: 0 0.4rem 0.4rem 0;
    margin-left: -1px;
  }
  .switch button[aria-pressed='true'] {
    background: var(--rs-accent);
    color: var(--rs-accent-ink);
  }
  button.lang {
    font: inherit;
    font-size: 0.9rem;
    background: none;
    border: 1px solid var(--rs-ink-soft);
    border-radius: 999px;
    padding: 0.25rem 0.7rem;
    color: var(--rs-ink);
    min-height: 36px;
  }
  button.start {
    white-space: nowrap;
  }
  .notice {
    margin: 0;
    padding: 0.4rem 0.9rem;
    background: #eef8f0;
    border-bottom: 1px solid var(--rs-line);
    display: flex;
    gap: 0.6rem;
    align-items: center;
  }
  .save-banner {
    display: flex;
    align-items: center;
    gap: 0.4rem 0.8rem;
    flex-wrap: wrap;
    padding: 0.4rem 0.9rem;
    background: var(--rs-paper);
    border-bottom: 1px solid var(--rs-line);
    border-left: 5px solid var(--rs-warn);
  }
  .save-banner.bad {
    border-left-color: var(--rs-bad);
    background: #fbeeed;
  }
  .save-banner p {
    margin: 0;
    flex: 1 1 20rem;
    overflow-wrap: anywhere;
  }
  rs-slide-editor {
    flex: 1;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  .error {
    color: var(--rs-bad);
  }
  .body {
    display: grid;
    grid-template-columns: var(--list-width) 1fr;
    flex: 1;
    min-height: 0;
  }
  rs-slide-list {
    background: var(--rs-paper);
    border-right: 1px solid var(--rs-line);
    min-height: 0;
  }
  main {
    min-height: 0;
    min-width: 0;
    overflow: auto;
    padding: 0.8rem 1rem 1.2rem;
    display: flex;
    flex-direction: column;
  }
  .empty {
    color: var(--rs-ink-soft);
  }
  .source-view {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }
  .source-view .hint {
    margin: 0 0 0.5rem;
  }
  #source {
    flex: 1;
    min-height: 20rem;
    font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    font-size: 0.95rem;
    line-height: 1.45;
    overflow: auto;
  }
  dialog.conflict {
    width: min(72rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    border: 0;
    border-radius: var(--rs-radius);
    padding: 1.2rem 1.4rem;
    box-shadow: 0 12px 40px rgb(var(--rs-ink-rgb) / 0.35);
    color: var(--rs-ink);
  }
  dialog.conflict::backdrop {
    background: rgb(var(--rs-ink-rgb) / 0.45);
  }
  dialog.conflict h2 {
    margin: 0 0 0.4rem;
  }
  .versions {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 1rem;
  }
  .versions h3 {
    margin: 0.4rem 0;
    font-size: 1rem;
  }
  .versions textarea {
    height: 45vh;
    font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    font-size: 0.85rem;
    white-space: pre;
    margin-bottom: 0.6rem;
  }
  /* A small screen (a tablet on its side, a phone): one column, the slides in a short strip above the slide. */
  @media (max-width: 900px) {
    header.bar {
      flex-wrap: wrap;
    }
    .tools {
      flex-wrap: wrap;
    }
    .body {
      grid-template-columns: 1fr;
      grid-template-rows: minmax(0, 32vh) 1fr;
    }
    rs-slide-list {
      border-right: 0;
      border-bottom: 1px solid var(--rs-line);
    }
    .versions {
      grid-template-columns: 1fr;
    }
  }
  @media (min-width: 1600px) {
    :host {
      --list-width: 18rem;
    }
  }
`;
