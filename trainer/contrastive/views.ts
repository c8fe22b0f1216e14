/**
 * The contrastive lab's heavy views, as generic 'arrays' events (typed arrays, never JSON
 * numbers):
 *   pairs        — the two augmented views of the first images of the current batch, bytes [k, 2, 28, 28]
 *   similarities — histograms of the positive and negative cosine similarities over [−1, 1]
 *   embedding    — the 2-D PCA map of the test set's normalised embeddings z = f(h)/‖f(h)‖, with
 *                  the labels (info.space 'z'; maps written before it was chosen say nothing and
 *                  were of h). On the demo run's checkpoint (10 epochs, τ = 0.2, N = 128) a
 *                  10-nearest-neighbour vote in the 2-D map found the digit of 51 % of the test
 *                  digits for PCA of z, 44 % for PCA of h/‖h‖ and 37 % for PCA of h (a random
 *                  encoder's h: 36 %); PCA of z keeps only about a fifth of z's variance, the
 *                  rest of the clustering (93 % in all 32 dimensions) is not linear in two.
 */
import { embeddingMap } from '../../models/contrastive/linear-probe.js';
import type { ArraysEvent } from '../../protocol/messages.js';
import { toBytes } from '../data/digits.js';

/** Pairs drawn in the grid. */
export const PAIRS_SHOWN = 16;
/** Bins of the similarity histograms over [−1, 1]. */
export const SIMILARITY_BINS = 40;

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** The first k pairs of the batch interleaved as [k, 2, 28, 28] bytes. */
export function pairsView(
  runId: string,
  step: number,
  views1: Float32Array,
  views2: Float32Array,
  labels: Uint8Array,
): ArraysEvent {
  const k = Math.min(PAIRS_SHOWN, views1.length / PIXELS);
  const pixels = new Uint8Array(k * 2 * PIXELS);
  for (let i = 0; i < k; i++) {
    pixels.set(toBytes(views1.subarray(i * PIXELS, (i + 1) * PIXELS)), 2 * i * PIXELS);
    pixels.set(toBytes(views2.subarray(i * PIXELS, (i + 1) * PIXELS)), (2 * i + 1) * PIXELS);
  }
  return {
    type: 'arrays',
    runId,
    view: 'pairs',
    step,
    arrays: { pixels, labels: labels.slice(0, k) },
    shapes: { pixels: [k, 2, SIDE, SIDE], labels: [k] },
  };
}

/** Counts of `values` in `bins` equal bins over [−1, 1] (values outside are clamped in). */
export function histogram(values: Float32Array, bins = SIMILARITY_BINS): Float32Array {
  const counts = new Float32Array(bins);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((v + 1) / 2) * bins)));
    counts[b] = (counts[b] as number) + 1;
  }
  return counts;
}

const mean = (values: Float32Array): number => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

/** Positive and negative similarity histograms (counts per bin) with their means. */
export function similaritiesView(
  runId: string,
  step: number,
  posSim: Float32Array,
  negSim: Float32Array,
  temperature: number,
  keep: boolean,
): ArraysEvent {
  return {
    type: 'arrays',
    runId,
    view: 'similarities',
    step,
    arrays: { positives: histogram(posSim), negatives: histogram(negSim) },
    shapes: { positives: [SIMILARITY_BINS], negatives: [SIMILARITY_BINS] },
    info: {
      min: -1,
      max: 1,
      positiveCount: posSim.length,
      negativeCount: negSim.length,
      positiveMean: mean(posSim),
      negativeMean: mean(negSim),
      temperature,
    },
    keep,
  };
}

/** What a map projects: the normalised embedding z (now), or the representation h (older runs). */
export type EmbeddingSpace = 'z' | 'h';

/** The PCA map of the test set's embeddings [m, dim] (of `space`), coloured by `labels`. */
export function embeddingView(
  runId: string,
  step: number,
  epoch: number,
  features: Float32Array,
  dim: number,
  labels: Uint8Array,
  keep: boolean,
  space: EmbeddingSpace = 'z',
): ArraysEvent {
  const map = embeddingMap(features, dim);
  const total = trace(features, dim);
  const m = labels.length;
  return {
    type: 'arrays',
    runId,
    view: 'embedding',
    step,
    arrays: { points: map.points, labels },
    shapes: { points: [m, 2], labels: [m] },
    info: {
      epoch,
      dim,
      space,
      explained: total > 0 ? (map.variances[0] + map.variances[1]) / total : 0,
    },
    keep,
  };
}

/** Total variance (trace of the covariance) of [n, d] rows. */
function trace(x: Float32Array, d: number): number {
  const n = x.length / d;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * d + j] as number;
      s += v;
      s2 += v * v;
    }
    total += s2 / n - (s / n) ** 2;
  }
  return total;
}
