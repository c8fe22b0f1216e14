/**
 * The metric columns of a lab: the names its train and test points carry (MetricsEvent
 * columns), and its headline, the one number that stands for the run (the CLI's progress
 * line, the run list's test value). Each lab declares its own in protocol/<lab>/metrics.ts;
 * the registry (protocol/labs.ts) holds them by lab.
 */

export interface MetricColumns<C extends string = string> {
  /** Columns of train points (one value per step). */
  readonly train: readonly C[];
  /** Columns of test points. */
  readonly test: readonly C[];
  /**
   * The headline column, then that of any later phase whose points do not carry it (the
   * sparse lab's LISTA): the first of these that a point carries is its headline.
   */
  readonly headline: readonly [C, ...C[]];
}

/** The headline values of a metrics event's columns, or undefined when it carries none. */
export function headlineOf(
  metrics: MetricColumns,
  columns: Readonly<Record<string, Float32Array>>,
): Float32Array | undefined {
  for (const name of metrics.headline) {
    const values = columns[name];
    if (values !== undefined) return values;
  }
  return undefined;
}

/** The last headline value of a point's columns (plain numbers, as metrics.jsonl stores them). */
export function lastHeadline(
  metrics: MetricColumns,
  columns: Readonly<Record<string, number | null | undefined>>,
): number | undefined {
  for (const name of metrics.headline) {
    const value = columns[name];
    if (typeof value === 'number') return value;
  }
  return undefined;
}
