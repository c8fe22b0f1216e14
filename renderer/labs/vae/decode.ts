/**
 * Decoding a latent code in the renderer, from the latest decoder snapshot (DecoderEvent):
 *   x̂ = sigmoid(relu(z·w1 + b1)·w2 + b2),  w1 [d, h], w2 [h, outputDim], row-major.
 * Plain TypeScript over preallocated buffers, so a pointer drag decodes within one frame
 * (h = 400: about 0.3 M multiply-adds) while the trainer keeps training.
 */
import type { DecoderEvent } from '../../../protocol/messages.js';

export type DecoderSnapshot = Pick<
  DecoderEvent,
  'latentDim' | 'hiddenDim' | 'outputDim' | 'imageWidth' | 'imageHeight' | 'w1' | 'b1' | 'w2' | 'b2'
>;

export interface LatentDecoder {
  readonly snapshot: DecoderSnapshot;
  /** Decodes z [d] into `out` [outputDim] (probabilities in 0..1); returns `out`. */
  decode(z: ArrayLike<number>, out: Float32Array): Float32Array;
}

/** Checks the shapes of a snapshot; returns a sentence saying what is wrong, or null. */
export function checkSnapshot(s: DecoderSnapshot): string | null {
  const { latentDim: d, hiddenDim: h, outputDim: o } = s;
  if (s.w1.length !== d * h) return `w1 has ${s.w1.length} values, expected d·h = ${d * h}`;
  if (s.b1.length !== h) return `b1 has ${s.b1.length} values, expected h = ${h}`;
  if (s.w2.length !== h * o) return `w2 has ${s.w2.length} values, expected h·out = ${h * o}`;
  if (s.b2.length !== o) return `b2 has ${s.b2.length} values, expected out = ${o}`;
  if (s.imageWidth * s.imageHeight !== o) return `image ${s.imageWidth}×${s.imageHeight} ≠ ${o} outputs`;
  return null;
}

export function createLatentDecoder(snapshot: DecoderSnapshot): LatentDecoder {
  const problem = checkSnapshot(snapshot);
  if (problem) throw new Error(`bad decoder snapshot: ${problem}`);
  const { latentDim: d, hiddenDim: h, outputDim: o, w1, b1, w2, b2 } = snapshot;
  const hidden = new Float32Array(h); // [h]
  const logits = new Float64Array(o); // [out]
  return {
    snapshot,
    decode(z, out) {
      // hidden = relu(z·w1 + b1)   [h]
      hidden.set(b1);
      for (let i = 0; i < d; i++) {
        const zi = z[i] ?? 0;
        if (zi === 0) continue;
        const row = i * h;
        for (let j = 0; j < h; j++) hidden[j]! += zi * w1[row + j]!;
      }
      // logits = hidden·w2 + b2   [out]; row-wise so w2 is read in memory order
      logits.set(b2);
      for (let j = 0; j < h; j++) {
        const a = hidden[j]!;
        if (a <= 0) continue; // relu
        const row = j * o;
        for (let k = 0; k < o; k++) logits[k]! += a * w2[row + k]!;
      }
      for (let k = 0; k < o; k++) out[k] = 1 / (1 + Math.exp(-logits[k]!));
      return out;
    },
  };
}

/**
 * The latent code under a point of the drawn plane: z = (x, y) for d = 2 (or (x) for d = 1),
 * z = center + x·axes[0] + y·axes[1] for d > 2 (axes [2, d], the PCA of the latent means).
 * Writes into `z` [d] and returns it.
 */
export function planeToLatent(
  x: number,
  y: number,
  latentDim: number,
  projection: { readonly center: Float32Array; readonly axes: Float32Array } | null,
  z: Float32Array,
): Float32Array {
  if (!projection || latentDim <= 2) {
    z[0] = x;
    if (latentDim >= 2) z[1] = y;
    return z;
  }
  const { center, axes } = projection;
  for (let i = 0; i < latentDim; i++) {
    z[i] = center[i]! + x * axes[i]! + y * axes[latentDim + i]!;
  }
  return z;
}

/**
 * Codes evenly spaced on the segment from a to b (both [d]), endpoints included:
 *   z_k = (1 − t_k)·a + t_k·b,  t_k = k / (steps − 1).   Returns [steps, d] row-major.
 */
export function interpolateCodes(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array {
  const d = a.length;
  const out = new Float32Array(steps * d);
  for (let k = 0; k < steps; k++) {
    const t = steps === 1 ? 0 : k / (steps - 1);
    for (let i = 0; i < d; i++) out[k * d + i] = (1 - t) * (a[i] ?? 0) + t * (b[i] ?? 0);
  }
  return out;
}
