// The whiteboard's zone palette, shared by the projector board and the phone: a zone's notes, its area,
// its edge, and a strong shade for text and borders that holds 3:1 against white and against the pale
// shades (selected states, markers). Zones are coloured by their place in the deck's markup.

export interface ZoneColor {
  /** A sticky note in the zone. */
  note: string;
  /** The zone's area behind its notes. */
  zone: string;
  /** The zone's dashed edge. */
  edge: string;
  /** Borders and markers that must stand out: selected zone, a note's stripe. */
  strong: string;
}

export const ZONE_COLORS: readonly ZoneColor[] = [
  { note: '#fff0a0', zone: '#fffbe3', edge: '#d8b81e', strong: '#7a5d00' },
  { note: '#c9e4ff', zone: '#eef6ff', edge: '#5b9bdc', strong: '#1f5fa8' },
  { note: '#cff3c8', zone: '#effbec', edge: '#5fb45a', strong: '#2b6e27' },
  { note: '#ffd3e4', zone: '#fff0f5', edge: '#de7aa3', strong: '#a3325f' },
  { note: '#ffdcb0', zone: '#fff4e6', edge: '#e39a45', strong: '#97500a' },
  { note: '#e2d6ff', zone: '#f5f1ff', edge: '#9a83db', strong: '#5b40b0' },
];

/** For notes and groups without a zone (a cluster mixing zones). */
export const NEUTRAL_ZONE: ZoneColor = { note: '#eef1f6', zone: '#f6f8fb', edge: '#a9b4c6', strong: '#3d4a63' };

export function zoneColor(index: number): ZoneColor {
  return index < 0 ? NEUTRAL_ZONE : ZONE_COLORS[index % ZONE_COLORS.length]!;
}

/** The zone's place on its board (its colour), or -1. */
export function zoneIndexOf(def: { zones: readonly { id: string }[] } | undefined, zone: string | null | undefined): number {
  return def && zone ? def.zones.findIndex((z) => z.id === zone) : -1;
}

/** CSS custom properties for an element in a zone's colours: --note, --zone, --edge, --strong. */
export function zoneVars(index: number): string {
  const c = zoneColor(index);
  return `--note:${c.note};--zone:${c.zone};--edge:${c.edge};--strong:${c.strong}`;
}
