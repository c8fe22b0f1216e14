/**
 * The sentence every lab ends a diverged run with (trainer/run-control.ts `diverged`): what
 * went NaN or infinite, at which step, which checkpoint stays on disk (checkpoints of weights
 * that are not all finite are never written, so the last one written is the last good one),
 * and what to try instead.
 */
import type { NamedWeights } from '../models/weights.js';
import { sayShared, type Said } from '../protocol/texts.js';
import { firstNonFinite } from './checkpoint.js';

/** 'NaN' when any of the values is NaN, else 'infinite'. */
export const nanOrInfinite = (...values: readonly number[]): 'NaN' | 'infinite' =>
  values.some(Number.isNaN) ? 'NaN' : 'infinite';

/** Whether every value of every weight is finite. */
export const allFinite = (weights: NamedWeights): boolean => firstNonFinite(weights) === null;

export interface DivergedAdvice {
  /** The sentence's end, e.g. "Try a smaller learning rate." */
  readonly tip: Said;
  /** Where in the run, after the step, e.g. " (epoch 3)" or " (n = 2)". */
  readonly where?: Said;
  /**
   * What became of the checkpoint, after "training stopped", for a lab that writes it only at
   * the end; by default "and kept the checkpoint of step N" or "and no checkpoint had been
   * written yet".
   */
  readonly kept?: Said;
}

/** E.g. "The loss became NaN at step 12; training stopped and kept the checkpoint of step 9. Try a smaller learning rate." */
export function divergedSentence(
  what: Said,
  step: number,
  checkpointStep: number | null,
  advice: DivergedAdvice,
): Said {
  const kept =
    advice.kept ??
    (checkpointStep === null ? sayShared('keptNone') : sayShared('keptCheckpoint', { step: checkpointStep }));
  return sayShared('diverged', { what, step, where: advice.where ?? '', kept, tip: advice.tip });
}
