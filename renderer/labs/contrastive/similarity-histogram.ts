/**
 * Geometry of the similarity histograms (pure, over d3-scale): positive and negative pairs'
 * cosine similarities binned over [−1, 1], each drawn as its share of its own pairs (there are
 * N positives and N(N − 1) negatives per batch, so raw counts would hide the positives).
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { Box } from '../../lib/chart.js';

export interface HistogramInput {
  readonly positives: Float32Array;
  readonly negatives: Float32Array;
  readonly min: number;
  readonly max: number;
}

export interface HistogramBar {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Share of its kind's pairs in this bin, 0..1. */
  readonly share: number;
}

export interface HistogramGeometry {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
  readonly positives: readonly HistogramBar[];
  readonly negatives: readonly HistogramBar[];
}

/** Where the axis labels of the lab's two line/bar charts (histogram, probe) sit: ChartAxes props. */
export const axisSpacing = { xTickGap: 18, yTickGap: 8, yTitleX: 16 } as const;

/** Counts → shares (all zero when the total is 0). */
export function shares(counts: Float32Array): Float32Array {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

function bars(
  kind: string,
  values: Float32Array,
  input: HistogramInput,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): HistogramBar[] {
  const bins = values.length;
  const step = (input.max - input.min) / bins;
  return Array.from(values, (share, i) => {
    const x0 = x(input.min + i * step);
    const x1 = x(input.min + (i + 1) * step);
    return {
      key: `${kind}-${i}`,
      x: x0,
      y: y(share),
      width: Math.max(0.5, x1 - x0 - 1),
      height: Math.max(0, y(0) - y(share)),
      share,
    };
  }).filter((b) => b.share > 0);
}

export function histogramGeometry(input: HistogramInput, box: Box): HistogramGeometry {
  const pos = shares(input.positives);
  const neg = shares(input.negatives);
  const peak = Math.max(0.05, ...pos, ...neg);
  const x = scaleLinear().domain([input.min, input.max]).range([box.left, box.right]);
  const y = scaleLinear().domain([0, peak]).nice().range([box.bottom, box.top]);
  return { x, y, positives: bars('pos', pos, input, x, y), negatives: bars('neg', neg, input, x, y) };
}
