/**
 * Slow, obvious float64 references for the convolutional sparse coder, written from the
 * definitions with plain loops (no TensorFlow.js):
 *   decoder  ŷ[b, y, x] = Σᵢ Σ_p,q Zᵢ[b, p, q] · Kᵢ[y − p + r, x − q + r]   (each code pixel stamps Kᵢ)
 *   encoder  Zᵢ[b, y, x] = gᵢ · σ(Σ_u,v y[b, y + u − r, x + v − r] · Eᵢ[u, v])  (zero outside the image)
 * Arrays are row-major: images [b, H, W], codes [b, H, W, n], kernels one k×k array each.
 */
import type { ConvNonlinearity } from '../../../models/conv/config.js';

export interface Dims {
  readonly batch: number;
  readonly size: number;
  readonly n: number;
  readonly k: number;
}

/** One kernel stamped by one code map: [b, H, W] ← Zᵢ ∗ Kᵢ. */
export function naiveSingleConvolution(
  z: ArrayLike<number>,
  kernel: ArrayLike<number>,
  i: number,
  { batch, size, n, k }: Dims,
): Float64Array {
  const r = (k - 1) / 2;
  const out = new Float64Array(batch * size * size);
  for (let b = 0; b < batch; b++)
    for (let p = 0; p < size; p++)
      for (let q = 0; q < size; q++) {
        const code = z[((b * size + p) * size + q) * n + i] as number;
        if (code === 0) continue;
        for (let u = 0; u < k; u++)
          for (let v = 0; v < k; v++) {
            const y = p + u - r;
            const x = q + v - r;
            if (y < 0 || y >= size || x < 0 || x >= size) continue;
            const at = (b * size + y) * size + x;
            out[at] = (out[at] as number) + code * (kernel[u * k + v] as number);
          }
      }
  return out;
}

/** Σᵢ Kᵢ ∗ Zᵢ as the sum of the single-kernel convolutions. */
export function naiveDecode(
  z: ArrayLike<number>,
  kernels: readonly ArrayLike<number>[],
  dims: Dims,
): Float64Array {
  const out = new Float64Array(dims.batch * dims.size * dims.size);
  kernels.forEach((kernel, i) => {
    const single = naiveSingleConvolution(z, kernel, i, dims);
    for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) + (single[j] as number);
  });
  return out;
}

export interface NaiveEncoder {
  readonly kernels: readonly ArrayLike<number>[];
  readonly gain: ArrayLike<number>;
  readonly threshold: ArrayLike<number>;
}

export function naiveEncode(
  image: ArrayLike<number>,
  enc: NaiveEncoder,
  nonlinearity: ConvNonlinearity,
  { batch, size, n, k }: Dims,
): Float64Array {
  const r = (k - 1) / 2;
  const z = new Float64Array(batch * size * size * n);
  for (let b = 0; b < batch; b++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        for (let i = 0; i < n; i++) {
          const kernel = enc.kernels[i] as ArrayLike<number>;
          let v = 0;
          for (let u = 0; u < k; u++)
            for (let w = 0; w < k; w++) {
              const yy = y + u - r;
              const xx = x + w - r;
              if (yy < 0 || yy >= size || xx < 0 || xx >= size) continue;
              v += (image[(b * size + yy) * size + xx] as number) * (kernel[u * k + w] as number);
            }
          const beta = enc.threshold[i] as number;
          const s = nonlinearity === 'tanh' ? Math.tanh(v) : Math.max(v - beta, 0) - Math.max(-v - beta, 0);
          z[((b * size + y) * size + x) * n + i] = (enc.gain[i] as number) * s;
        }
  return z;
}

/** The auto-encoder's loss: batch mean of ½‖y − Σᵢ Kᵢ ∗ Enc(y)ᵢ‖² + λ‖Enc(y)‖₁. */
export function naiveAutoencoderLoss(
  image: ArrayLike<number>,
  decoder: readonly ArrayLike<number>[],
  enc: NaiveEncoder,
  nonlinearity: ConvNonlinearity,
  lambda: number,
  dims: Dims,
): number {
  const z = naiveEncode(image, enc, nonlinearity, dims);
  const recon = naiveDecode(z, decoder, dims);
  let loss = 0;
  for (let j = 0; j < recon.length; j++) loss += 0.5 * ((image[j] as number) - (recon[j] as number)) ** 2;
  for (const v of z) loss += lambda * Math.abs(v);
  return loss / dims.batch;
}
