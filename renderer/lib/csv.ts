/**
 * Metrics as CSV: one row per point, train steps first then test evaluations, with the
 * columns every lab's loss curves have (split, step, epoch, then the loss columns).
 */
import type { MetricSeries } from './series.js';

function cell(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

export function metricsToCsv(train: MetricSeries, test: MetricSeries): string {
  const names = [...new Set([...train.names, ...test.names])];
  const lines = [['split', 'step', 'epoch', ...names].join(',')];
  for (const [split, series] of [
    ['train', train],
    ['test', test],
  ] as const) {
    const columns = names.map((name) => series.column(name));
    for (let i = 0; i < series.length; i++) {
      const values = columns.map((c) => cell(c.length > i ? c[i]! : Number.NaN));
      lines.push([split, cell(series.steps[i]!), cell(series.epochs[i]!), ...values].join(','));
    }
  }
  return lines.join('\n') + '\n';
}
