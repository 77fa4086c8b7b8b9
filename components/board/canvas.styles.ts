// Styles of the board's layer (items.ts, placement.ts): the viewport, zones, sticky notes, clusters and the pen's
// ink, in px of board coordinates (geometry.ts); placement writes only transforms and sizes.
import { css, unsafeCSS } from 'lit';
import { CLUSTER_HEAD, NOTE_H, NOTE_TEXT, NOTE_W } from '../../core/board-geometry.js';
import { ZONE_COLORS } from './zone-colors.js';

/** A zone's colours on [data-color], from the one palette the phone also uses (zone-colors.ts). */
const zonePalette = unsafeCSS(
  ZONE_COLORS.map((c, i) => `[data-color='${i}'] { --note: ${c.note}; --zone: ${c.zone}; --edge: ${c.edge}; }`).join('\n'),
);

export const canvasStyles = css`
  .viewport {
    position: relative;
    flex: 1 1 auto;
    min-height: 0;
    overflow: hidden;
    border: 2px solid var(--rs-line);
    border-radius: var(--rs-radius);
    background: #f7f8fb;
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    cursor: grab;
  }
  .viewport:focus-visible {
    outline: var(--rs-focus-ring);
    outline-offset: 1px;
  }
  .viewport[data-tool='pen'] {
    cursor: crosshair;
  }
  .viewport[data-tool='eraser'] {
    cursor: cell;
  }
  .viewport[data-panning] {
    cursor: grabbing;
  }
  .layer {
    position: absolute;
    left: 0;
    top: 0;
    width: 1px;
    height: 1px;
    transform-origin: 0 0;
  }
  .zone {
    position: absolute;
    left: 0;
    top: 0;
    box-sizing: border-box;
    border-radius: 18px;
    background: var(--zone);
    border: 2px dashed var(--edge);
  }
  /* The count beside the heading where both fit, under it where not (the line wraps before the count); the
     heading wraps at its words, and breaks a word only when that word alone is wider than the zone. */
  .zone h3 {
    margin: 0;
    padding: 12px 20px;
    font-size: 26px;
    line-height: 1.2;
    font-weight: 750;
    color: var(--rs-ink);
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: 12px;
    row-gap: 2px;
  }
  .zone h3 .label {
    min-width: 0;
    overflow-wrap: break-word;
  }
  .zone h3 .count {
    white-space: nowrap;
    font-size: 18px;
    font-weight: 600;
    color: var(--rs-ink-soft);
  }
  .zone-empty {
    margin: 8px 20px 0;
    font-size: 20px;
    line-height: 1.3;
    color: var(--rs-ink-soft);
  }
  ${zonePalette}
  .note {
    position: absolute;
    left: 0;
    top: 0;
    width: ${NOTE_W}px;
    height: ${NOTE_H}px;
    box-sizing: border-box;
    padding: 10px 12px 8px;
    border-radius: 4px;
    background: var(--note, #eee);
    color: var(--rs-ink);
    box-shadow: 0 2px 4px rgb(var(--rs-ink-rgb) / 0.2);
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: ${NOTE_TEXT}px;
    line-height: 1.2;
    cursor: grab;
    /* A note's inside never affects the rest of the board: moving one restyles and repaints only it. */
    contain: strict;
  }
  .note[data-placed] {
    z-index: 1;
  }
  .note[data-off] {
    content-visibility: hidden;
    background: none;
    box-shadow: none;
    border-color: transparent;
  }
  .note:focus {
    outline: none;
  }
  .note:focus-visible,
  .note[data-selected] {
    outline: 4px solid var(--rs-focus);
    outline-offset: -4px;
  }
  .note .text {
    margin: 0;
    /* Smaller only when its longest word would not fit the note otherwise (items.ts, wordFit). */
    font-size: calc(1em * var(--word-fit, 1));
    overflow: hidden;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 4;
  }
  .note[data-status='pending'] {
    background: var(--rs-paper);
    border: 3px dashed var(--rs-warn);
    box-shadow: none;
    padding: 7px 9px 6px;
  }
  .note[data-status='pending'] .text,
  .note[data-status='hidden'] .text {
    -webkit-line-clamp: 3;
  }
  .note[data-status='hidden'] {
    opacity: 0.55;
    background-image: repeating-linear-gradient(135deg, transparent 0 10px, rgb(var(--rs-ink-rgb) / 0.08) 10px 12px);
  }
  .note .flag {
    margin-top: auto;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 6px;
    font-size: 13px;
    font-weight: 700;
    color: var(--rs-warn);
  }
  .note[data-status='hidden'] .flag {
    color: var(--rs-ink-soft);
  }
  .note .flag button {
    font-size: 12px;
    min-height: 24px;
    padding: 0 0.6em;
  }
  .note[data-dragging] {
    z-index: 10;
    cursor: grabbing;
    will-change: transform;
    box-shadow:
      0 6px 12px rgb(var(--rs-ink-rgb) / 0.25),
      0 16px 30px rgb(var(--rs-ink-rgb) / 0.15);
  }
  .note[data-drop],
  .cluster[data-drop] {
    outline: 5px solid var(--rs-accent);
    outline-offset: -5px;
  }
  .note[data-dup]::after {
    content: 'Dublet';
    position: absolute;
    left: 8px;
    bottom: 4px;
    font-size: 11px;
    font-weight: 700;
    letter-spacing: 0.04em;
    color: var(--rs-ink-soft);
  }
  .badge {
    display: inline-grid;
    place-items: center;
    min-width: 40px;
    height: 40px;
    padding: 0 9px;
    box-sizing: border-box;
    border-radius: 20px;
    background: #c0262d;
    color: var(--rs-paper);
    font-weight: 800;
    font-size: 24px;
    font-variant-numeric: tabular-nums;
  }
  .note .badge {
    position: absolute;
    right: 6px;
    top: 6px;
  }
  /* The dots badge takes the first line's end only: the lines below keep the note's whole width. */
  .note[data-has-dots] .text::before {
    content: '';
    float: right;
    width: 40px;
    height: 1.2em;
  }
  .cluster {
    position: absolute;
    left: 0;
    top: 0;
    box-sizing: border-box;
    border-radius: 14px;
    background: rgb(var(--rs-accent-rgb) / 0.07);
    border: 2px solid rgb(var(--rs-accent-rgb) / 0.5);
  }
  .cluster[data-selected] {
    border-color: var(--rs-focus);
    box-shadow: 0 0 0 3px var(--rs-focus);
  }
  .cluster[data-dragging] {
    will-change: transform;
  }
  .cluster-head {
    height: ${CLUSTER_HEAD - 2}px;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 0 8px 0 14px;
    cursor: grab;
    font-size: 20px;
    font-weight: 750;
    color: var(--rs-ink);
    border-radius: 12px 12px 0 0;
  }
  .cluster-head:focus {
    outline: none;
  }
  .cluster-head:focus-visible {
    outline: 4px solid var(--rs-focus);
    outline-offset: -4px;
  }
  .cluster-name {
    flex: 1 1 auto;
    min-width: 0;
    overflow: hidden;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    font-size: 24px;
    line-height: 1.1;
  }
  .cluster-head .count {
    display: inline-grid;
    place-items: center;
    min-width: 34px;
    height: 34px;
    padding: 0 8px;
    box-sizing: border-box;
    border-radius: 17px;
    background: rgb(var(--rs-accent-rgb) / 0.14);
    font-size: 22px;
    font-weight: 700;
    color: var(--rs-accent);
  }
  .cluster-head button {
    min-height: 28px;
    min-width: 28px;
    font-size: 14px;
    padding: 0 0.3em;
  }
  .cluster-head input {
    flex: 1 1 auto;
    min-width: 0;
    font: inherit;
    font-size: 18px;
    padding: 2px 6px;
    border: 2px solid var(--rs-accent);
    border-radius: 6px;
  }
  .cluster .empty {
    margin: 0 14px;
    color: var(--rs-ink-soft);
    font-size: 15px;
  }
  svg.ink {
    position: absolute;
    left: 0;
    top: 0;
    width: 1px;
    height: 1px;
    overflow: visible;
    pointer-events: none;
    z-index: 20;
  }
  .viewport[data-tool='eraser'] svg.ink path {
    pointer-events: visiblePainted;
  }
  .viewport[data-tool='eraser'] svg.ink path:hover {
    opacity: 0.45;
  }
`;
