/**
 * The words every lab's divergence sentence shares: whether a value went NaN or infinite,
 * and which checkpoint stays on disk (checkpoints of weights that are not all finite are
 * never written, so the last one written is the last good one).
 */
import type { NamedWeights } from '../models/weights.js';
import { firstNonFinite } from './checkpoint.js';

/** 'NaN' when any of the values is NaN, else 'infinite'. */
export const nanOrInfinite = (...values: readonly number[]): 'NaN' | 'infinite' =>
  values.some(Number.isNaN) ? 'NaN' : 'infinite';

/** The clause saying which checkpoint is kept, e.g. "kept the checkpoint of step 24". */
export const keptCheckpoint = (step: number | null): string =>
  step === null ? 'no checkpoint had been written yet' : `kept the checkpoint of step ${step}`;

/** Whether every value of every weight is finite. */
export const allFinite = (weights: NamedWeights): boolean => firstNonFinite(weights) === null;
