/**
 * The probe-accuracy chart's data and geometry (pure, over d3): per run, the learned encoder's
 * linear-probe test accuracy by epoch (epoch 0 is the encoder at initialisation), and the two
 * baselines measured once — the random encoder and raw pixels — as horizontal lines.
 */
import { line, scaleLinear, type ScaleLinear } from 'd3';
import type { MetricSeries } from '../../lib/series.js';

export interface ProbeSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  /** [epoch, test accuracy] points of the learned encoder. */
  readonly learned: readonly (readonly [number, number])[];
  readonly random: number;
  readonly pixels: number;
}

/** The probe points of a run's test series (columns probe, random, pixels). */
export function probeSeries(test: MetricSeries, key: string, label: string, color: string): ProbeSeries {
  const probe = test.column('probe');
  const random = test.column('random');
  const pixels = test.column('pixels');
  const learned: [number, number][] = [];
  for (let i = 0; i < test.length; i++) {
    const v = probe[i] ?? Number.NaN;
    if (Number.isFinite(v)) learned.push([test.epochs[i] ?? 0, v]);
  }
  const firstFinite = (c: Float32Array): number => c.find(Number.isFinite) ?? Number.NaN;
  return { key, label, color, learned, random: firstFinite(random), pixels: firstFinite(pixels) };
}

export interface ProbeGeometry {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
  readonly paths: readonly { readonly key: string; readonly color: string; readonly d: string }[];
}

export function probeGeometry(
  series: readonly ProbeSeries[],
  box: { left: number; top: number; right: number; bottom: number },
): ProbeGeometry {
  const epochs = series.flatMap((s) => s.learned.map((p) => p[0]));
  const values = series
    .flatMap((s) => [...s.learned.map((p) => p[1]), s.random, s.pixels])
    .filter(Number.isFinite);
  const low = Math.min(0.9, ...values);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...epochs)])
    .range([box.left, box.right]);
  const y = scaleLinear()
    .domain([Math.max(0, Math.floor(low * 20) / 20), 1])
    .range([box.bottom, box.top]);
  const path = line<readonly [number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  return {
    x,
    y,
    paths: series.map((s) => ({ key: s.key, color: s.color, d: path(s.learned) ?? '' })),
  };
}
