/**
 * Geometry of the sparse lab's log-log charts, as pure functions over d3-scale and d3-shape:
 * ISTA vs FISTA's energy gap F(z_k) − F* against k with O(1/k) and O(1/k²) guide lines
 * (Beck & Teboulle 2009), and the code prediction error against k for ISTA, FISTA and LISTA
 * (Gregor & LeCun 2010). Points with k < 1 or a value ≤ 0 cannot sit on log axes and are left out.
 */
import { line, scaleLog, type ScaleLogarithmic } from 'd3';
import type { AxisTick, Frame } from '../../lib/chart.js';

export interface LogSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dashed?: boolean;
  /** values[k] at iteration k = 0, 1, … */
  readonly values: ArrayLike<number>;
  /** Draw dots at every point (short series, e.g. LISTA's K steps). */
  readonly dots?: boolean;
}

export interface LogGeometry {
  readonly x: ScaleLogarithmic<number, number>;
  readonly y: ScaleLogarithmic<number, number>;
  readonly paths: readonly {
    readonly key: string;
    readonly d: string;
    readonly points: readonly [number, number][];
  }[];
  readonly xTicks: readonly AxisTick[];
  readonly yTicks: readonly AxisTick[];
  readonly empty: boolean;
}

/** The drawable points (k, v) of a series: k ≥ 1, v > floor. */
export function logPoints(values: ArrayLike<number>, floor: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 1; k < values.length; k++) {
    const v = values[k] as number;
    if (Number.isFinite(v) && v > floor) out.push([k, v]);
  }
  return out;
}

/** A guide c/k^order through (k0, v0), over k in [1, kMax]. */
export function guideSeries(order: number, k0: number, v0: number, kMax: number): Float64Array {
  const c = v0 * k0 ** order;
  return Float64Array.from({ length: kMax + 1 }, (_, k) => (k === 0 ? Number.NaN : c / k ** order));
}

const superscripts: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
/** 1e-3 → "10⁻³"; other values plainly. */
export function powerLabel(v: number): string {
  const e = Math.round(Math.log10(v));
  if (Math.abs(v - 10 ** e) > 1e-9 * v) return '';
  if (e >= 0 && e <= 3) return String(10 ** e);
  return `10${[...String(e)].map((c) => superscripts[c] ?? c).join('')}`;
}

/** Scales, paths and ticks; values below `dynamicRange` × the largest value are cut. */
export function logGeometry(series: readonly LogSeries[], frame: Frame, dynamicRange = 1e-7): LogGeometry {
  const { width, height, margin } = frame;
  let peak = 0;
  let kMax = 1;
  for (const s of series) {
    kMax = Math.max(kMax, s.values.length - 1);
    for (let k = 1; k < s.values.length; k++) {
      const v = s.values[k] as number;
      if (Number.isFinite(v)) peak = Math.max(peak, v);
    }
  }
  const floor = peak * dynamicRange;
  const points = series.map((s) => logPoints(s.values, floor));
  let lo = Infinity;
  for (const p of points) for (const [, v] of p) lo = Math.min(lo, v);
  const empty = !(peak > 0) || !Number.isFinite(lo);
  const x = scaleLog()
    .domain([1, Math.max(2, kMax)])
    .range([margin.left, width - margin.right]);
  const y = scaleLog()
    .domain(empty ? [1e-3, 1] : [lo * 0.8, peak * 1.25])
    .range([height - margin.bottom, margin.top]);
  const toPath = line<[number, number]>()
    .x(([k]) => x(k))
    .y(([, v]) => y(v));
  const ticks = (scale: ScaleLogarithmic<number, number>, count: number) => {
    const all = scale.ticks(count);
    const powers = all.filter((v) => powerLabel(v) !== '');
    const shown = powers.length >= 2 ? powers : all.filter((_, i) => i % Math.ceil(all.length / count) === 0);
    return shown.map((v) => ({ value: v, pos: scale(v), label: powerLabel(v) || String(+v.toPrecision(2)) }));
  };
  return {
    x,
    y,
    paths: series.map((s, i) => ({ key: s.key, d: toPath(points[i] ?? []) ?? '', points: points[i] ?? [] })),
    xTicks: ticks(x, 6),
    yTicks: ticks(y, 6),
    empty,
  };
}
