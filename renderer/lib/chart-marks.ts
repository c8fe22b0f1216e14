/**
 * What charts draw beside their curves, as pure functions: the marks of live parameter changes
 * ("β = 4" at the step where the user changed it), labels at the ends of curves spread so they
 * never print on top of each other, and one colour per curve.
 */
import type { Curve, XKey } from './chart.js';
import { decimal, t } from './i18n/translate.js';
import type { ParamChange } from './series.js';

/** How a live parameter is written on a chart: a symbol, or a word in the window's language. */
const symbols: Readonly<Record<string, string>> = {
  beta: 'β',
  lambda: 'λ',
  temperature: 'τ',
  sigma: 'σ',
  alpha: 'α',
};
const worded = {
  learningRate: () => t('mark.learningRate'),
  strength: () => t('mark.strength'),
  stepSize: () => t('mark.stepSize'),
  noiseScale: () => t('mark.noiseScale'),
  reinitRate: () => t('mark.reinitRate'),
} as const satisfies Readonly<Record<string, () => string>>;

const isWorded = (name: string): name is keyof typeof worded => Object.hasOwn(worded, name);

/** "β = 4", "lr = 0.002". */
export function paramLabel(name: string, value: number): string {
  const symbol = isWorded(name) ? worded[name]() : (symbols[name] ?? name);
  return `${symbol} = ${decimal(String(Number(value.toPrecision(3))))}`;
}

export interface MarkPlacement {
  readonly x: number;
  readonly label: string;
  /** Label row from the top of the plot; -1 when there is no room for the label (the tick stays). */
  readonly row: number;
  /** 'end': the label sits left of its tick (a tick near the plot's right edge). */
  readonly anchor: 'start' | 'end';
}

/**
 * Where the marks of `changes` go on an x scale: one tick per change inside [left, right]
 * (changes of several series at the same place and value count once), labels left to right
 * in the first of `rows` rows where they do not touch the previous label, right of their tick
 * or, where that would leave the plot, left of it.
 */
export function placeMarks(
  changes: readonly ParamChange[],
  x: (value: number) => number,
  key: XKey,
  left: number,
  right: number,
  rows = 3,
  charWidth = 7.4,
): MarkPlacement[] {
  const marks = changes
    .map((c) => ({ x: x(key === 'step' ? c.step : c.epoch), label: paramLabel(c.name, c.value) }))
    .filter((m) => Number.isFinite(m.x) && m.x >= left - 0.5 && m.x <= right + 0.5)
    .sort((a, b) => a.x - b.x)
    .filter((m, i, all) => !all.slice(0, i).some((o) => o.label === m.label && Math.abs(o.x - m.x) < 2));
  const ends: number[] = Array.from({ length: rows }, () => -Infinity);
  return marks.map((m) => {
    const width = m.label.length * charWidth + 8;
    const anchor = m.x + width > right ? 'end' : 'start';
    const from = anchor === 'end' ? m.x - width : m.x;
    const row = ends.findIndex((end) => end <= from);
    if (row >= 0) ends[row] = from + width;
    return { ...m, row, anchor };
  });
}

/**
 * Positions for labels that want to sit at `wanted` (px, any order), at least `gap` apart and
 * inside [top, bottom], each as near its wish as that allows; returned in the input's order.
 */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a]! - wanted[b]!);
  const pos = order.map((i) => Math.min(bottom, Math.max(top, wanted[i]!)));
  for (let j = 1; j < pos.length; j++) pos[j] = Math.max(pos[j]!, pos[j - 1]! + gap);
  const overflow = (pos[pos.length - 1] ?? bottom) - bottom;
  if (overflow > 0) {
    pos[pos.length - 1] = bottom;
    for (let j = pos.length - 2; j >= 0; j--) pos[j] = Math.min(pos[j]!, pos[j + 1]! - gap);
  }
  const out = new Array<number>(wanted.length);
  order.forEach((i, j) => (out[i] = pos[j]!));
  return out;
}

/** Colours for curves that would otherwise repeat one (Okabe & Ito's remaining hues). */
const spareColors = ['#cc79a7', '#e69f00', '#56b4e9', '#7a5195', '#8c6d31'];

/**
 * The curves with no two alike: a curve drawn in the same colour and dash as an earlier one
 * (e.g. the sparse lab's energy and LISTA error, both green) gets the first spare colour no
 * curve uses.
 */
export function distinctColors(curves: readonly Curve[]): Curve[] {
  const seen = new Set<string>();
  const used = new Set(curves.map((c) => c.color.toLowerCase()));
  return curves.map((c) => {
    const look = `${c.color.toLowerCase()} ${c.dashed}`;
    if (!seen.has(look)) {
      seen.add(look);
      return c;
    }
    const color = spareColors.find((s) => !used.has(s)) ?? c.color;
    used.add(color);
    seen.add(`${color} ${c.dashed}`);
    return { ...c, color };
  });
}

/** Says which data a chart shows: its curves and the generation of their series (a replay clears them). */
export function curvesIdentity(curves: readonly Curve[]): string {
  return curves.map((c) => `${c.key}@${c.train.generation}.${c.test.generation}`).join('|');
}
