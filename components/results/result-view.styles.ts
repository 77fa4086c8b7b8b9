// The styles of <rs-result-view> (result-view.ts): the summary line, the table toggle, and the table, which on a
// narrow phone with large text lays each row out as a small card.
import { css } from 'lit';
import { buttons, tokens } from '../theme.js';

export const resultViewStyles = [
  tokens,
  buttons,
  css`
    :host {
      display: block;
    }
    .summary {
      margin: 0 0 0.4em;
      color: var(--rs-ink-soft);
    }
    .summary strong {
      color: var(--rs-ink);
    }
    .toggle {
      display: flex;
      justify-content: flex-end;
      margin: 0 0 0.4em;
    }
    .toggle button {
      font-size: 0.6em;
      min-height: 0;
      padding: 0.25em 0.8em;
    }
    :host([compact]) .toggle button {
      font-size: 0.95em;
      min-height: 44px;
    }
    .table-wrap {
      max-width: 100%;
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: left;
      font-weight: 700;
      padding: 0 0 0.3em;
    }
    th,
    td {
      text-align: left;
      padding: 0.25em 0.4em;
      border-top: 1px solid var(--rs-line);
      vertical-align: top;
      /* On a narrow phone with large text the labels and headings wrap, so the figures stay in view. */
      overflow-wrap: anywhere;
      hyphens: auto;
    }
    thead th {
      background: var(--rs-surface);
      color: var(--rs-ink);
      overflow-wrap: normal;
    }
    /* The figure columns shrink to their figures; the label column takes the rest. */
    .num {
      text-align: right;
      width: 1%;
    }
    td.num {
      white-space: nowrap;
    }
    /* Too narrow for three columns (a phone at 320 px with the text at 200 %): each row becomes a small card with
       its label on top and each figure beside its column's name. */
    .table-wrap {
      container-type: inline-size;
    }
    @container (max-width: 18em) {
      table,
      caption,
      tbody,
      tr,
      th,
      td {
        display: block;
        width: auto;
      }
      thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      tbody tr {
        border-top: 1px solid var(--rs-line);
        padding: 0.3em 0;
      }
      th,
      td {
        border: 0;
        padding: 0.1em 0;
      }
      td.num {
        width: auto;
        display: flex;
        justify-content: space-between;
        gap: 0.5em;
        white-space: normal;
      }
      td.num::before {
        content: attr(data-label) / '';
        color: var(--rs-ink-soft);
      }
    }
  `,
];
