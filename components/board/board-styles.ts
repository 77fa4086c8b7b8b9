// Styles of <rs-board>: header, toolbar, panel, forms and table here, the layer in canvas.styles.ts, in that
// order (the cascade of the one sheet they were). Sizes in px of the 1280×720 slide that reveal.js scales.
import { css } from 'lit';
import { canvasStyles } from './canvas.styles.js';

/** The header and toolbar. */
const chrome = css`
  :host {
    display: block;
    position: relative;
    height: 560px;
    font-size: 15px;
    line-height: 1.3;
    text-align: left;
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .frame {
    display: flex;
    flex-direction: column;
    height: 100%;
    gap: 6px;
  }
  button {
    font-size: 13px;
    padding: 0.25em 0.75em;
    min-height: 32px;
    white-space: nowrap;
  }
  button[aria-pressed='true'] {
    background: var(--rs-accent);
    color: var(--rs-accent-ink);
  }
  button.icon {
    min-width: 32px;
    padding: 0.25em 0.45em;
    font-weight: 700;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 6px 16px;
    flex-wrap: wrap;
  }
  .info {
    flex: 1 1 300px;
    min-width: 0;
  }
  .prompt {
    margin: 0;
    font-size: 17px;
    font-weight: 650;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .meta {
    margin: 2px 0 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px 14px;
    font-size: 14px;
    color: var(--rs-ink-soft);
    font-variant-numeric: tabular-nums;
  }
  .meta strong {
    color: var(--rs-ink);
  }
  .status {
    font-weight: 700;
    font-size: 13px;
    padding: 0.05em 0.6em;
    border-radius: 999px;
    border: 2px solid var(--rs-line);
    background: var(--rs-surface);
    color: var(--rs-ink);
  }
  .status[data-phase='notes'],
  .status[data-phase='dots'] {
    border-color: var(--rs-good);
    color: var(--rs-good);
  }
  .pending-count {
    color: var(--rs-warn);
    font-weight: 700;
  }
  .controls,
  .tools,
  .group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
  }
  .tools {
    gap: 6px 18px;
  }
  .group.end {
    margin-left: auto;
  }
  .swatch {
    width: 28px;
    min-width: 28px;
    min-height: 28px;
    height: 28px;
    padding: 0;
    border-radius: 50%;
    border: 3px solid var(--rs-paper);
    box-shadow: 0 0 0 2px var(--rs-line);
  }
  .swatch[aria-pressed='true'] {
    box-shadow: 0 0 0 3px var(--rs-ink);
  }
  .zoomlevel {
    display: inline-block;
    min-width: 3.4em;
    text-align: center;
    font-size: 13px;
    font-variant-numeric: tabular-nums;
  }
`;

/** The panel, the add form, hints, messages and the table view. */
const panels = css`
  .panel,
  .add {
    position: absolute;
    z-index: 30;
    background: var(--rs-paper);
    border: 2px solid var(--rs-line);
    border-radius: var(--rs-radius);
    box-shadow: 0 8px 24px rgb(var(--rs-ink-rgb) / 0.18);
    padding: 10px 12px;
    font-size: 14px;
    cursor: default;
    user-select: text;
    -webkit-user-select: text;
  }
  .panel {
    left: 8px;
    right: 60px;
    bottom: 8px;
    box-sizing: border-box;
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 6px 14px;
    padding: 8px 12px;
    max-height: calc(100% - 16px);
    overflow: auto;
  }
  .panel .what {
    flex: 1 1 220px;
    min-width: 0;
    align-self: center;
  }
  .panel h4 {
    margin: 0;
    font-size: 13px;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--rs-ink-soft);
  }
  .panel .quote {
    margin: 0;
    font-size: 16px;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .panel .sub {
    margin: 0;
    color: var(--rs-ink-soft);
  }
  .panel label,
  .add label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-weight: 600;
  }
  select,
  input {
    font: inherit;
    font-weight: 400;
    min-height: 32px;
    box-sizing: border-box;
    border: 2px solid var(--rs-line);
    border-radius: 6px;
    padding: 2px 6px;
    background: var(--rs-paper);
    color: var(--rs-ink);
  }
  select:focus-visible,
  input:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: 1px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: end;
  }
  .row > label {
    flex: 1 1 auto;
  }
  .add {
    left: 10px;
    top: 10px;
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 8px;
    width: min(640px, calc(100% - 40px));
    box-sizing: border-box;
  }
  .add .grow {
    flex: 1 1 220px;
  }
  .hint {
    position: absolute;
    left: 8px;
    bottom: 6px;
    z-index: 25;
    margin: 0;
    max-width: calc(100% - 16px);
    font-size: 12px;
    color: var(--rs-ink-soft);
    background: rgb(var(--rs-paper-rgb) / 0.85);
    padding: 2px 8px;
    border-radius: 999px;
    pointer-events: none;
  }
  .toast {
    position: absolute;
    left: 50%;
    top: 10px;
    transform: translateX(-50%);
    z-index: 35;
    margin: 0;
    background: var(--rs-ink);
    color: var(--rs-paper);
    font-size: 14px;
    padding: 6px 14px;
    border-radius: 999px;
    pointer-events: none;
    max-width: 80%;
  }
  .error {
    color: var(--rs-bad);
    font-weight: 600;
    font-size: 14px;
    margin: 0;
  }
  .readonly-empty {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: var(--rs-ink-soft);
    font-size: 18px;
    pointer-events: none;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .viewport[hidden] {
    display: none !important;
  }
  .table-wrap {
    flex: 1;
    overflow: auto;
    background: var(--rs-paper);
    border: 1px solid var(--rs-line);
    border-radius: 0.5rem;
  }
  .notes-table {
    width: 100%;
    border-collapse: collapse;
    font-size: 1.2rem;
  }
  .notes-table caption {
    text-align: left;
    font-weight: 700;
    padding: 0.6rem 0.8rem;
  }
  .notes-table th,
  .notes-table td {
    text-align: left;
    padding: 0.45rem 0.8rem;
    border-top: 1px solid var(--rs-line);
    vertical-align: top;
  }
  .notes-table th.num,
  .notes-table td.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .notes-table .sub {
    color: var(--rs-ink-soft);
    font-size: 0.9em;
  }
`;

export const boardStyles = [chrome, canvasStyles, panels];
