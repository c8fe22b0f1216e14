/**
 * The patch pipeline of the sparse-coding lab in one call, in the order each whitening needs:
 *   'olshausen-field': whiten whole images by R(f) (whiten.ts) → sample p×p patches →
 *                      remove each patch's mean, normalise its contrast   (O&F 1996/1997)
 *   'zca':             sample patches → mean/contrast normalisation → ZCA (zca.ts)
 *   'none':            sample patches → mean/contrast normalisation
 * Returns [count, p²] patches and, for ZCA, the fitted transform (to whiten new patches
 * the same way, or to show the filters in pixel space).
 */
import type { Rng } from '../rng.js';
import type { GreyImage } from './image.js';
import { checkPatchSize, samplePatches } from './patches.js';
import type { PatchWhitening } from './presets.js';
import { whitenImages } from './whiten.js';
import { zcaWhiten, type ZcaWhitening } from './zca.js';

export interface PatchDataOptions {
  /** p: patches are p×p pixels. */
  readonly size: number;
  /** How many patches. */
  readonly count: number;
  readonly whitening: PatchWhitening;
  /** Redraw patches whose std (after image whitening, before normalisation) is below this; default 0. */
  readonly minStd?: number;
  /** ε of the per-patch contrast normalisation; default 0.01. */
  readonly epsilon?: number;
  /** ε of ZCA; default 0.1. */
  readonly zcaEpsilon?: number;
}

export interface PatchData {
  /** [count, p²] row-major. */
  readonly patches: Float32Array;
  readonly size: number;
  readonly count: number;
  /** Present when whitening is 'zca'. */
  readonly zca?: ZcaWhitening;
}

export function makePatchData(images: readonly GreyImage[], options: PatchDataOptions, rng: Rng): PatchData {
  const { size, count, whitening } = options;
  checkPatchSize(images, size); // before any whitening work
  const source = whitening === 'olshausen-field' ? whitenImages(images) : images;
  const sampled = samplePatches(
    source,
    { size, count, minStd: options.minStd, epsilon: options.epsilon },
    rng,
  );
  if (whitening !== 'zca') return { patches: sampled, size, count };
  const { patches, zca } = zcaWhiten(sampled, size * size, options.zcaEpsilon ?? 0.1);
  return { patches, size, count, zca };
}
