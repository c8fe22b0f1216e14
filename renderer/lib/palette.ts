/**
 * Colours that survive a classroom projector and colour-blind eyes. Digits use Tableau 10
 * (designed for categorical data, distinguishable under the common deficiencies when paired
 * with the legend's numerals); loss series use Okabe & Ito's palette (2008).
 */

/** One colour per digit class 0–9 (Tableau 10). */
export const digitColors: readonly string[] = [
  '#4e79a7', // 0 blue
  '#f28e2b', // 1 orange
  '#e15759', // 2 red
  '#76b7b2', // 3 teal
  '#59a14f', // 4 green
  '#edc948', // 5 yellow
  '#b07aa1', // 6 purple
  '#ff9da7', // 7 pink
  '#9c755f', // 8 brown
  '#bab0ac', // 9 grey
];

export function digitColor(label: number): string {
  return digitColors[label % digitColors.length] ?? '#888888';
}

/** Loss series (Okabe–Ito): reconstruction, KL, total. */
export const seriesColors = {
  recon: '#0072b2',
  kl: '#d55e00',
  total: '#009e73',
} as const satisfies Record<string, string>;

export function seriesColor(name: string): string {
  return (seriesColors as Record<string, string>)[name] ?? '#cc79a7';
}

/** Parses '#rrggbb' into [r, g, b] bytes. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return [128, 128, 128];
  const v = Number.parseInt(m[1]!, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
