/**
 * Train metrics are batched: points collect here and leave as one MetricsEvent of columns
 * (recon, kl, total) per flush, so the renderer gets a few messages a second, not one per step.
 */
import type { MetricsEvent } from '../../protocol/messages.js';
import type { VaeLosses } from '../../models/vae/vae-api.js';

export interface MetricsBuffer {
  push(step: number, epoch: number, losses: VaeLosses): void;
  readonly size: number;
  /** The points so far as one event (null when empty); empties the buffer. */
  take(): MetricsEvent | null;
}

export function createMetricsBuffer(runId: string, split: 'train' | 'test'): MetricsBuffer {
  let steps: number[] = [];
  let epochs: number[] = [];
  let recon: number[] = [];
  let kl: number[] = [];
  let total: number[] = [];
  return {
    push(step, epoch, losses) {
      steps.push(step);
      epochs.push(epoch);
      recon.push(losses.recon);
      kl.push(losses.kl);
      total.push(losses.total);
    },
    get size() {
      return steps.length;
    },
    take() {
      if (steps.length === 0) return null;
      const event: MetricsEvent = {
        type: 'metrics',
        runId,
        split,
        steps: Float64Array.from(steps),
        epochs: Float64Array.from(epochs),
        columns: {
          recon: Float32Array.from(recon),
          kl: Float32Array.from(kl),
          total: Float32Array.from(total),
        },
      };
      steps = [];
      epochs = [];
      recon = [];
      kl = [];
      total = [];
      return event;
    },
  };
}

/** One point as its own event (the test losses of an epoch). */
export function singlePointEvent(
  runId: string,
  split: 'train' | 'test',
  step: number,
  epoch: number,
  losses: VaeLosses,
): MetricsEvent {
  const buffer = createMetricsBuffer(runId, split);
  buffer.push(step, epoch, losses);
  return buffer.take() as MetricsEvent;
}
