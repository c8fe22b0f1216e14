/**
 * Numbers the lecture panels read off a run's own data (renderer/components/LecturePanel.svelte):
 * the last value of a metric, iterations to a fraction of an energy gap, and where the lowest
 * cells of an energy landscape lie relative to the data.
 */
import type { ArraysEvent } from '../../protocol/messages.js';
import type { MetricSeries } from './series.js';
import { decimal } from './i18n/translate.js';

/** The last finite value of a column, or null. */
export function lastValue(series: MetricSeries, column: string): number | null {
  const values = series.column(column);
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i]!;
  return null;
}

/** The first iteration whose gap is at most `fraction` of the first one, or null if none is. */
export function iterationsTo(gaps: Float32Array, fraction: number): number | null {
  const target = fraction * (gaps[0] ?? 0);
  for (let k = 0; k < gaps.length; k++) if (gaps[k]! <= target) return k;
  return null;
}

export interface LandscapeMeasure {
  /** Distance from the lowest cell's centre to the nearest data point. */
  readonly argminDistance: number;
  /** Share of the lowest 5 % of cells within `near` of a data point. */
  readonly lowestNearData: number;
  readonly near: number;
}

/**
 * Where the low energy of a landscape view lies (its 'energy' [rows, cols], row 0 at yMax, cell
 * centres, and 'data' [n, 2]; the data thinned to at most 1,000 points). `near` defaults to 2.5 %
 * of the wider side of the extent.
 */
export function landscapeMeasure(view: ArraysEvent, near?: number): LandscapeMeasure | null {
  const energy = view.arrays.energy;
  const data = view.arrays.data;
  const [rows, cols] = (view.shapes.energy ?? []) as number[];
  const { xMin, xMax, yMin, yMax } = view.info as Record<string, number>;
  if (!(energy instanceof Float32Array) || !(data instanceof Float32Array) || !rows || !cols) return null;
  if (![xMin, xMax, yMin, yMax].every(Number.isFinite) || data.length < 2) return null;
  const radius = near ?? 0.025 * Math.max(xMax! - xMin!, yMax! - yMin!);
  const every = Math.max(1, Math.ceil(data.length / 2 / 1000));
  const distance = (cell: number): number => {
    const x = xMin! + ((cell % cols) + 0.5) * ((xMax! - xMin!) / cols);
    const y = yMax! - (Math.floor(cell / cols) + 0.5) * ((yMax! - yMin!) / rows);
    let best = Infinity;
    for (let i = 0; i < data.length; i += 2 * every)
      best = Math.min(best, Math.hypot(x - data[i]!, y - data[i + 1]!));
    return best;
  };
  const order = Array.from(energy.keys())
    .filter((i) => Number.isFinite(energy[i]))
    .sort((a, b) => energy[a]! - energy[b]!);
  if (!order.length) return null;
  const lowest = order.slice(0, Math.max(1, Math.round(0.05 * order.length)));
  const share = lowest.filter((cell) => distance(cell) <= radius).length / lowest.length;
  return { argminDistance: distance(order[0]!), lowestNearData: share, near: radius };
}

/** A number with 3 significant digits (no exponent for ordinary sizes), with the language's decimal separator. */
export const sig = (v: number): string =>
  decimal(Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(2));
