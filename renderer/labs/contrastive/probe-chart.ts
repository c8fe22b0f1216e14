/**
 * The probe-accuracy chart's data and geometry (pure, over d3): per run, the learned encoder's
 * linear-probe test accuracy by epoch (epoch 0 is the encoder at initialisation), and the two
 * baselines measured once — the random encoder and raw pixels — as horizontal lines.
 */
import { line, scaleLinear, type ScaleLinear } from 'd3';
import { spreadLabels } from '../../lib/chart-marks.js';
import type { Box } from '../../lib/chart.js';
import type { MetricSeries } from '../../lib/series.js';
import { decimal, t } from '../../lib/i18n/translate.js';

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

export function probeGeometry(series: readonly ProbeSeries[], box: Box): ProbeGeometry {
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

export interface EndLabel {
  readonly key: string;
  readonly text: string;
  readonly color: string;
  /** The value's height (px), where the curve or baseline ends. */
  readonly at: number;
  /** Where the label sits (px): near `at`, never within a line of another label. */
  readonly y: number;
  readonly strong: boolean;
}

const pct = (v: number): string => `${decimal((100 * v).toFixed(1))} %`;

/**
 * The labels at the right end of the chart: each run's last learned accuracy ("learned", or the
 * run's label in a comparison) and the first run's baselines (random encoder, raw pixels),
 * spread `lineHeight` apart inside [top, bottom].
 */
export function endLabels(
  series: readonly ProbeSeries[],
  y: (value: number) => number,
  top: number,
  bottom: number,
  lineHeight = 16,
): EndLabel[] {
  const wanted: Omit<EndLabel, 'y'>[] = [];
  series.forEach((s, i) => {
    const last = s.learned[s.learned.length - 1];
    if (last)
      wanted.push({
        key: `${s.key}:learned`,
        text: `${series.length > 1 ? s.label : t('contrastive.probe.learned')} ${pct(last[1])}`,
        color: s.color,
        at: y(last[1]),
        strong: true,
      });
    if (i > 0) return;
    for (const [name, value] of [
      ['random', s.random],
      ['pixels', s.pixels],
    ] as const)
      if (Number.isFinite(value))
        wanted.push({
          key: `${s.key}:${name}`,
          text: `${t(`contrastive.probe.${name}`)} ${pct(value)}`,
          color: s.color,
          at: y(value),
          strong: false,
        });
  });
  const ys = spreadLabels(
    wanted.map((w) => w.at),
    lineHeight,
    top,
    bottom,
  );
  return wanted.map((w, i) => ({ ...w, y: ys[i]! }));
}
