/**
 * The heavy views of a convolutional sparse-coding run, as generic `arrays` events
 * (protocol/messages.ts):
 *   'kernels'  the current model's encoder Eᵢ and decoder Kᵢ [n, k, k], gains and thresholds
 *              [n], and each decoder kernel's orientation concentration [n] (kernel-spectrum.ts);
 *   'maps'     one fixed image: the input [S, S], its feature maps Zᵢ [n, S, S] and the
 *              reconstruction Σᵢ Kᵢ ∗ Zᵢ [S, S];
 *   'sweep'    the final kernels of every model trained so far, row by row (n = 1, 2, 4 …):
 *              encoder and decoder [total, k, k] and counts [models]; kept as snapshots.
 */
import {
  kernelOrientation,
  kernelShape,
  type ConvKernels,
  type ConvSparseCoder,
} from '../../models/conv/index.js';
import type { ArraysEvent } from '../../protocol/messages.js';

/** n k×k kernels, kernel after kernel: [n, k, k]. */
export function stackKernels(kernels: readonly Float32Array[], k: number): Float32Array {
  const out = new Float32Array(kernels.length * k * k);
  kernels.forEach((kernel, i) => out.set(kernel, i * k * k));
  return out;
}

/** One finished model of a sweep. */
export interface SweepRow {
  readonly count: number;
  readonly encoder: Float32Array;
  readonly decoder: Float32Array;
  /** Mean orientation concentration of its decoder kernels. */
  readonly concentration: number;
  /** Mean isotropy of its decoder kernels (models/conv/kernel-shape.ts; a centre-surround is near 1). */
  readonly isotropy: number;
}

export function sweepRowOf(kernels: ConvKernels, k: number): SweepRow {
  const c = kernels.decoder.map((kernel) => kernelOrientation(kernel, k).concentration);
  const iso = kernels.decoder.map((kernel) => kernelShape(kernel, k).isotropy);
  return {
    count: kernels.decoder.length,
    encoder: stackKernels(kernels.encoder, k),
    decoder: stackKernels(kernels.decoder, k),
    concentration: c.reduce((a, b) => a + b, 0) / Math.max(1, c.length),
    isotropy: iso.reduce((a, b) => a + b, 0) / Math.max(1, iso.length),
  };
}

export function kernelsView(
  runId: string,
  step: number,
  kernels: ConvKernels,
  k: number,
  info: Readonly<Record<string, number>>,
  keep: boolean,
): ArraysEvent {
  const n = kernels.decoder.length;
  const concentration = Float32Array.from(
    kernels.decoder,
    (kernel) => kernelOrientation(kernel, k).concentration,
  );
  return {
    type: 'arrays',
    runId,
    view: 'kernels',
    step,
    arrays: {
      encoder: stackKernels(kernels.encoder, k),
      decoder: stackKernels(kernels.decoder, k),
      gain: kernels.gain,
      threshold: kernels.threshold,
      concentration,
    },
    shapes: { encoder: [n, k, k], decoder: [n, k, k], gain: [n], threshold: [n], concentration: [n] },
    info: { ...info, kernels: n, kernelSize: k },
    keep,
  };
}

/** The feature maps and reconstruction of `image` [1, S, S]. */
export async function mapsView(
  runId: string,
  step: number,
  coder: ConvSparseCoder,
  image: Float32Array,
  size: number,
  info: Readonly<Record<string, number>>,
): Promise<ArraysEvent> {
  const [h, w] = [size, size];
  const n = coder.config.kernels;
  const mapValues = await coder.encode(image, size); // [1, n, S, S]
  const reconstruction = await coder.decode(mapValues, size); // [1, S, S]
  const input = image;
  let residual = 0;
  for (let i = 0; i < input.length; i++)
    residual += ((input[i] as number) - (reconstruction[i] as number)) ** 2;
  // Sparsity that means something for tanh codes too (never exactly 0): the share of |Z| below
  // 1 % of its largest value, beside the share exactly 0 and ‖Z‖₁.
  let zeros = 0;
  let largest = 0;
  let l1 = 0;
  for (const v of mapValues) {
    if (v === 0) zeros++;
    largest = Math.max(largest, Math.abs(v));
    l1 += Math.abs(v);
  }
  let small = 0;
  for (const v of mapValues) if (Math.abs(v) <= 0.01 * largest) small++;
  const count = Math.max(1, mapValues.length);
  return {
    type: 'arrays',
    runId,
    view: 'maps',
    step,
    arrays: { input: input.slice(), reconstruction: reconstruction.slice(), maps: mapValues.slice() },
    shapes: { input: [h, w], reconstruction: [h, w], maps: [n, h, w] },
    info: {
      ...info,
      kernels: n,
      recon: 0.5 * residual,
      zeroFraction: zeros / count,
      smallFraction: small / count,
      l1,
    },
  };
}

export function sweepView(
  runId: string,
  step: number,
  rows: readonly SweepRow[],
  k: number,
  models: number,
): ArraysEvent {
  const total = rows.reduce((s, r) => s + r.count, 0);
  const encoder = new Float32Array(total * k * k);
  const decoder = new Float32Array(total * k * k);
  let at = 0;
  for (const row of rows) {
    encoder.set(row.encoder, at);
    decoder.set(row.decoder, at);
    at += row.count * k * k;
  }
  return {
    type: 'arrays',
    runId,
    view: 'sweep',
    step,
    arrays: {
      counts: Float32Array.from(rows, (r) => r.count),
      concentration: Float32Array.from(rows, (r) => r.concentration),
      encoder,
      decoder,
    },
    shapes: {
      counts: [rows.length],
      concentration: [rows.length],
      encoder: [total, k, k],
      decoder: [total, k, k],
    },
    info: { models, done: rows.length, kernelSize: k },
    keep: true,
  };
}
