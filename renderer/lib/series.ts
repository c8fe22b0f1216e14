/**
 * Growable typed-array columns for streamed scalar metrics: a run's loss curves grow by a
 * batch of points per MetricsEvent, so they are appended in place (amortised doubling)
 * instead of re-creating JSON arrays on every event.
 */
import type { MetricsEvent } from '../../protocol/messages.js';

/** A live parameter the user changed while the run trained, at the step where it took effect. */
export interface ParamChange {
  readonly step: number;
  readonly epoch: number;
  /** The parameter's protocol name, e.g. 'beta'. */
  readonly name: string;
  readonly value: number;
}

export class MetricSeries {
  /** Number of points held. */
  length = 0;
  steps: Float64Array;
  epochs: Float64Array;
  /** Bumped by clear(): a chart zoomed into the old points must not keep that zoom. */
  generation = 0;
  /** Live parameter changes along these steps, oldest first (marked on the curves). */
  readonly changes: ParamChange[] = [];
  private readonly values = new Map<string, Float32Array>();

  constructor(capacity = 256) {
    this.steps = new Float64Array(Math.max(1, capacity));
    this.epochs = new Float64Array(Math.max(1, capacity));
  }

  /** Column names in the order they first appeared (e.g. recon, kl, total). */
  get names(): readonly string[] {
    return [...this.values.keys()];
  }

  /** The first `length` values of a column (a view, not a copy); empty when unknown. */
  column(name: string): Float32Array {
    const values = this.values.get(name);
    return values ? values.subarray(0, this.length) : new Float32Array(0);
  }

  /** Appends the points of one metrics event. Columns missing from the event read NaN. */
  append(event: Pick<MetricsEvent, 'steps' | 'epochs' | 'columns'>): void {
    const n = event.steps.length;
    if (n === 0) return;
    this.reserve(this.length + n);
    this.steps.set(event.steps, this.length);
    this.epochs.set(event.epochs.subarray(0, n), this.length);
    for (const name of Object.keys(event.columns)) {
      if (!this.values.has(name)) {
        const fresh = new Float32Array(this.steps.length).fill(Number.NaN);
        this.values.set(name, fresh);
      }
    }
    for (const [name, values] of this.values) {
      const incoming = event.columns[name];
      if (incoming) values.set(incoming.subarray(0, n), this.length);
      else values.fill(Number.NaN, this.length, this.length + n);
    }
    this.length += n;
  }

  /** The step and epoch of the latest point (0 and 0 while empty). */
  get last(): { step: number; epoch: number } {
    if (this.length === 0) return { step: 0, epoch: 0 };
    return { step: this.steps[this.length - 1]!, epoch: this.epochs[this.length - 1]! };
  }

  clear(): void {
    this.length = 0;
    this.values.clear();
    this.changes.length = 0;
    this.generation++;
  }

  private reserve(needed: number): void {
    if (needed <= this.steps.length) return;
    let capacity = this.steps.length;
    while (capacity < needed) capacity *= 2;
    this.steps = grow(this.steps, capacity, this.length);
    this.epochs = grow(this.epochs, capacity, this.length);
    for (const [name, values] of this.values) {
      const next = new Float32Array(capacity).fill(Number.NaN);
      next.set(values.subarray(0, this.length));
      this.values.set(name, next);
    }
  }
}

function grow(array: Float64Array, capacity: number, used: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(array.subarray(0, used));
  return next;
}
