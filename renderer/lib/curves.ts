/**
 * Loss-chart curves of some metric columns of one run, each with its legend name and colour
 * (a column without its own is named by itself, in the spare colour).
 */
import type { Curve } from './chart.js';
import type { MetricSeries } from './series.js';

interface RunSeries {
  readonly runId: string;
  readonly train: MetricSeries;
  readonly test: MetricSeries;
}

export interface ColumnStyle {
  readonly label?: string;
  readonly color?: string;
}

export function columnCurves(
  run: RunSeries,
  columns: readonly string[],
  styles: Readonly<Record<string, ColumnStyle>>,
  options: { readonly prefix?: string; readonly dashed?: boolean } = {},
): Curve[] {
  return columns.map((column) => ({
    key: `${run.runId}:${column}`,
    label: `${options.prefix ?? ''}${styles[column]?.label ?? column}`,
    color: styles[column]?.color ?? '#cc79a7',
    dashed: options.dashed ?? false,
    column,
    train: run.train,
    test: run.test,
  }));
}
