/**
 * Geometry of the loss chart, as pure functions over d3-scale and d3-shape: the visible
 * domains, the scales, one SVG path per curve (decimated to a per-pixel budget), the test
 * markers and the ticks. The component only draws what these return.
 */
import { line, scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import type { MetricSeries } from './series.js';
import { decimal } from './i18n/translate.js';

export type XKey = 'step' | 'epoch';
export type YKind = 'log' | 'linear';

export interface Curve {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  readonly column: string;
  readonly train: MetricSeries;
  readonly test: MetricSeries;
}

/** A plot area's edges (or a chart's margins), in SVG pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A chart's size and the margins around its plot area. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly margin: Box;
}

/** The plot area of a `width` × `height` chart inside its margins. */
export function plotBox(width: number, height: number, margin: Box): Box {
  return { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
}

/** One tick of an axis: its value, where it sits (pixels) and its label (ChartAxes.svelte draws it). */
export interface AxisTick {
  readonly value: number;
  readonly pos: number;
  readonly label: string;
}

/** A share as a tick label: 0.25 → "25 %". */
export const percentLabel = (share: number): string => `${Math.round(share * 100)} %`;

/** A plain number as a tick label, with the language's decimal separator. */
const plain = (value: number): string => decimal(String(value));

/** About `count` round ticks of a d3 scale, placed and labelled (plain numbers unless `format`). */
export function axisTicks(
  scale: { (value: number): number; ticks(count?: number): number[] },
  count: number,
  format: (value: number) => string = plain,
): AxisTick[] {
  return scale.ticks(count).map((value) => ({ value, pos: scale(value), label: format(value) }));
}

export type YScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

export interface LossGeometry {
  readonly x: ScaleLinear<number, number>;
  readonly y: YScale;
  readonly paths: readonly { readonly key: string; readonly d: string; readonly vertices: number }[];
  readonly markers: readonly {
    readonly key: string;
    readonly cx: number;
    readonly cy: number;
    readonly value: number;
  }[];
  readonly xTicks: readonly AxisTick[];
  readonly yTicks: readonly AxisTick[];
  /** True when no curve has a point to draw yet. */
  readonly empty: boolean;
}

export function xsOf(series: MetricSeries, key: XKey): Float64Array {
  return (key === 'step' ? series.steps : series.epochs).subarray(0, series.length);
}

/** The x range covered by the curves' train and test points ([0, 1] when empty). */
export function fullXDomain(curves: readonly Curve[], key: XKey): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of curves) {
    for (const s of [c.train, c.test]) {
      if (s.length === 0) continue;
      const xs = xsOf(s, key);
      lo = Math.min(lo, xs[0]!);
      hi = Math.max(hi, xs[xs.length - 1]!);
    }
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi <= lo) return [lo, lo + 1];
  return [lo, hi];
}

/** The y range of the points inside the x domain; log scales see only positive values. */
export function visibleYDomain(
  curves: readonly Curve[],
  key: XKey,
  xDomain: readonly [number, number],
  kind: YKind,
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of curves) {
    for (const s of [c.train, c.test]) {
      const xs = xsOf(s, key);
      const ys = s.column(c.column);
      for (let i = lowerBound(xs, xDomain[0]); i < xs.length && xs[i]! <= xDomain[1]; i++) {
        const v = ys[i]!;
        if (!Number.isFinite(v) || (kind === 'log' && v <= 0)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!Number.isFinite(lo)) return kind === 'log' ? [1, 1000] : [0, 1];
  if (kind === 'log') return hi / lo < 1.5 ? [lo / 1.2, hi * 1.2] : [lo / 1.05, hi * 1.05];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
}

/** First index with xs[i] ≥ x (xs ascending). */
export function lowerBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with xs[i] > x (xs ascending). */
export function upperBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the point whose x is nearest to `x`, or -1 when there is none. */
export function nearestIndex(xs: ArrayLike<number>, x: number): number {
  if (xs.length === 0) return -1;
  const i = lowerBound(xs, x);
  if (i === 0) return 0;
  if (i >= xs.length) return xs.length - 1;
  return x - xs[i - 1]! <= xs[i]! - x ? i - 1 : i;
}

/**
 * Indices to draw from [start, end): all of them when they fit the budget, otherwise the
 * first, the last, and the minimum and maximum of each bucket (so spikes stay visible).
 */
export function decimate(ys: ArrayLike<number>, start: number, end: number, budget: number): number[] {
  const n = end - start;
  if (n <= budget) return Array.from({ length: Math.max(0, n) }, (_, k) => start + k);
  const buckets = Math.max(1, Math.floor(budget / 2));
  const out: number[] = [start];
  for (let b = 0; b < buckets; b++) {
    const from = start + Math.floor((b * n) / buckets);
    const to = start + Math.floor(((b + 1) * n) / buckets);
    let iMin = from;
    let iMax = from;
    for (let i = from; i < to; i++) {
      if (ys[i]! < ys[iMin]!) iMin = i;
      if (ys[i]! > ys[iMax]!) iMax = i;
    }
    const pair = iMin < iMax ? [iMin, iMax] : [iMax, iMin];
    for (const i of pair) if (i !== out[out.length - 1]) out.push(i);
  }
  if (out[out.length - 1] !== end - 1) out.push(end - 1);
  return out;
}

const fmt = (v: number): string => {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(0);
  return decimal(String(Number(v.toPrecision(4))));
};

export function buildLossGeometry(
  curves: readonly Curve[],
  frame: Frame,
  key: XKey,
  kind: YKind,
  xDomain: readonly [number, number] | null,
): LossGeometry {
  const { width, height, margin } = frame;
  const xd = xDomain ?? fullXDomain(curves, key);
  const x = scaleLinear()
    .domain(xd)
    .range([margin.left, width - margin.right]);
  const yd = visibleYDomain(curves, key, xd, kind);
  const y: YScale = (kind === 'log' ? scaleLog() : scaleLinear())
    .domain(yd)
    .range([height - margin.bottom, margin.top]);
  if (kind === 'linear') (y as ScaleLinear<number, number>).nice();
  const budget = Math.max(16, Math.round((width - margin.left - margin.right) * 2));
  const paths: { key: string; d: string; vertices: number }[] = [];
  const markers: { key: string; cx: number; cy: number; value: number }[] = [];
  let empty = true;
  for (const c of curves) {
    const xs = xsOf(c.train, key);
    const ys = c.train.column(c.column);
    // One point of margin on each side so the line leaves the plot instead of stopping short.
    const start = Math.max(0, lowerBound(xs, xd[0]) - 1);
    const end = Math.min(xs.length, upperBound(xs, xd[1]) + 1);
    const indices = decimate(ys, start, end, budget);
    const ok = (v: number): boolean => Number.isFinite(v) && (kind === 'linear' || v > 0);
    const shape = line<number>()
      .defined((i) => ok(ys[i]!))
      .x((i) => x(xs[i]!))
      .y((i) => y(ys[i]!));
    const d = shape(indices) ?? '';
    const vertices = indices.filter((i) => ok(ys[i]!)).length;
    if (vertices > 0) empty = false;
    paths.push({ key: c.key, d, vertices });
    const txs = xsOf(c.test, key);
    const tys = c.test.column(c.column);
    for (let i = 0; i < txs.length; i++) {
      const v = tys[i]!;
      if (!ok(v) || txs[i]! < xd[0] || txs[i]! > xd[1]) continue;
      markers.push({ key: c.key, cx: x(txs[i]!), cy: y(v), value: v });
      empty = false;
    }
  }
  const xTicks = x
    .ticks(Math.max(2, Math.floor((width - margin.left - margin.right) / 90)))
    .filter((v) => key !== 'step' || Number.isInteger(v)) // no half steps
    .map((v) => ({
      value: v,
      pos: x(v),
      label: fmt(v),
    }));
  const yTicks = yTickValues(y, kind, height - margin.top - margin.bottom).map((v) => ({
    value: v,
    pos: y(v),
    label: fmt(v),
  }));
  return { x, y, paths, markers, xTicks, yTicks, empty };
}

/** A readable number of y ticks: for log scales 1-2-5 per decade, thinned to fit. */
export function yTickValues(y: YScale, kind: YKind, plotHeight: number): number[] {
  const count = Math.max(2, Math.floor(plotHeight / 40));
  if (kind === 'linear') return (y as ScaleLinear<number, number>).ticks(count);
  const [lo, hi] = y.domain() as [number, number];
  const candidates: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) candidates.push(v);
    }
  }
  if (candidates.length <= count) {
    if (candidates.length >= 2) return candidates;
    return (y as ScaleLogarithmic<number, number>)
      .ticks(count)
      .filter((v, i, all) => all.length <= count || i % 2 === 0);
  }
  const decades = candidates.filter((v) => Number.isInteger(Math.log10(v)));
  return decades.length >= 2
    ? decades
    : candidates.filter((_, i) => i % Math.ceil(candidates.length / count) === 0);
}

/** Where each legend entry goes: left to right, wrapping to a new row when the plot is full. */
export interface LegendSlot {
  readonly x: number;
  readonly y: number;
}

/**
 * Lays out legend entries (a swatch of `swatch` px, a gap, then the label in 14 px text)
 * within `width`, row after row `rowHeight` apart; widths are estimated from the label length
 * (0.6 em per character is generous for the UI font), so entries never overlap.
 */
export function layoutLegend(
  labels: readonly string[],
  width: number,
  swatch = 30,
  rowHeight = 22,
): { slots: LegendSlot[]; rows: number } {
  const slots: LegendSlot[] = [];
  let x = 0;
  let row = 0;
  for (const label of labels) {
    const w = swatch + label.length * 8.4 + 20;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    slots.push({ x, y: row * rowHeight });
    x += w;
  }
  return { slots, rows: labels.length ? row + 1 : 0 };
}
