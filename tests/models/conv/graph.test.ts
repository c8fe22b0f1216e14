import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ConvNonlinearity } from '../../../models/conv/config.js';
import { defaultConvSparseConfig } from '../../../models/conv/config.js';
import {
  convDecodeProgram,
  convEncodeProgram,
  convGradientProgram,
  convInferenceProgram,
  type ConvShape,
} from '../../../models/conv/conv-graph.js';
import { splitKernels } from '../../../models/conv/conv-sparse-coder.js';
import { decoderLipschitz } from '../../../models/conv/kernel-spectrum.js';
import type { EngineFactory } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { createRng } from '../../../models/rng.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { maxRelativeError, useBackend, type TestBackend } from '../backends.js';
import { naiveAutoencoderLoss, naiveDecode, naiveEncode, type Dims } from './reference.js';

/** The naive references keep codes [b, H, W, n]; the graph keeps them [b, n, H, W]. */
function toNchw(z: ArrayLike<number>, { batch, size, n }: Dims): Float32Array {
  const out = new Float32Array(batch * n * size * size);
  for (let b = 0; b < batch; b++)
    for (let p = 0; p < size * size; p++)
      for (let i = 0; i < n; i++)
        out[(b * n + i) * size * size + p] = z[(b * size * size + p) * n + i] as number;
  return out;
}

/** Codes [b, n, H, W] back to the naive layout [b, H, W, n]. */
function fromNchw(z: ArrayLike<number>, { batch, size, n }: Dims): Float64Array {
  const out = new Float64Array(batch * n * size * size);
  for (let b = 0; b < batch; b++)
    for (let p = 0; p < size * size; p++)
      for (let i = 0; i < n; i++)
        out[(b * size * size + p) * n + i] = z[(b * n + i) * size * size + p] as number;
  return out;
}

function random(count: number, seed: number, scale = 1, sparsity = 0): Float32Array {
  const rng = createRng(seed);
  return new Float32Array(count).map(() => (rng.uniform() < sparsity ? 0 : scale * rng.normal()));
}

const engines: readonly { name: string; backend: TestBackend; engine: EngineFactory }[] = [
  { name: 'onnxruntime', backend: 'wasm', engine: (state) => createOnnxEngine(ort, state, { threads: 1 }) },
  { name: 'tfjs wasm', backend: 'wasm', engine: tfjsEngine },
  { name: 'tfjs cpu', backend: 'cpu', engine: tfjsEngine },
];

const shape = (n: number, k: number, nonlinearity: ConvNonlinearity): ConvShape => ({
  ...defaultConvSparseConfig,
  kernels: n as ConvShape['kernels'],
  kernelSize: k,
  nonlinearity,
});

/** Engine state for kernels [n, k, k] of the decoder and encoder, gains and thresholds. */
function state(d: Dims, dec: Float32Array, enc: Float32Array, gain: Float32Array, threshold: Float32Array) {
  const kernel = [d.n, 1, d.k, d.k];
  return {
    dec: { shape: kernel, data: dec },
    enc: { shape: kernel, data: enc },
    gain: { shape: [d.n], data: gain },
    threshold: { shape: [d.n], data: threshold },
  };
}

describe.each(engines)('the convolutional sparse coder as a graph, on $name', ({ backend, engine }) => {
  beforeAll(() => useBackend(backend));

  test.each([
    { batch: 2, size: 12, n: 3, k: 5 },
    { batch: 1, size: 9, n: 4, k: 9 }, // the kernel as large as the image
    { batch: 3, size: 7, n: 1, k: 1 },
  ])('decodes Σᵢ Kᵢ ∗ Zᵢ as a naive loop stamps each kernel (b $batch, $size², n $n, k $k)', async (d) => {
    const z = random(d.batch * d.size * d.size * d.n, 1, 1, 0.7); // [b, H, W, n]
    const kernels = random(d.n * d.k * d.k, 2);
    const runner = engine(state(d, kernels, kernels, new Float32Array(d.n), new Float32Array(d.n)));
    const s = shape(d.n, d.k, 'tanh');
    const got = await runner.run(convDecodeProgram(s, d.batch, d.size), { z: toNchw(z, d) });
    expect(
      maxRelativeError(got.yhat as Float32Array, naiveDecode(z, splitKernels(kernels, d.k, d.n), d)),
    ).toBeLessThan(1e-5);
    runner.dispose();
  });

  const dims: Dims = { batch: 2, size: 8, n: 2, k: 3 };
  test.each(['shrink', 'tanh'] as const)(
    'encodes gᵢ·σ(Eᵢ ⋆ y) as a naive loop does (%s)',
    async (nonlinearity) => {
      const image = random(dims.batch * dims.size * dims.size, 4);
      const enc = random(dims.n * dims.k * dims.k, 5, 0.5);
      const gain = Float32Array.of(0.8, 1.3);
      const threshold = Float32Array.of(0.2, 0.4);
      const runner = engine(state(dims, enc, enc, gain, threshold));
      const got = await runner.run(
        convEncodeProgram(shape(dims.n, dims.k, nonlinearity), dims.batch, dims.size),
        {
          y: image,
          lambda: Float32Array.of(0.3),
        },
      );
      const want = naiveEncode(
        image,
        { kernels: splitKernels(enc, dims.k, dims.n), gain, threshold },
        nonlinearity,
        dims,
      );
      expect(maxRelativeError(got.z as Float32Array, toNchw(want, dims))).toBeLessThan(1e-5);
      runner.dispose();
    },
  );

  test.each(['shrink', 'tanh'] as const)(
    'the auto-encoder loss and its gradients for K, E, g and β match finite differences of a float64 naive loss (%s)',
    async (nonlinearity) => {
      const lambda = 0.3;
      const image = random(dims.batch * dims.size * dims.size, 4);
      const params = {
        enc: random(dims.n * dims.k * dims.k, 5, 0.5),
        gain: Float32Array.of(0.8, 1.3),
        threshold: Float32Array.of(0.2, 0.4),
        dec: random(dims.n * dims.k * dims.k, 6, 0.5),
      };
      const runner = engine(state(dims, params.dec, params.enc, params.gain, params.threshold));
      const got = await runner.run(
        convGradientProgram(shape(dims.n, dims.k, nonlinearity), dims.batch, dims.size),
        {
          y: image,
          lambda: Float32Array.of(lambda),
        },
      );
      runner.dispose();
      const loss = (p: Record<keyof typeof params, Float64Array>) =>
        naiveAutoencoderLoss(
          image,
          splitKernels(Float32Array.from(p.dec), dims.k, dims.n),
          {
            kernels: splitKernels(Float32Array.from(p.enc), dims.k, dims.n),
            gain: p.gain,
            threshold: p.threshold,
          },
          nonlinearity,
          lambda,
          dims,
        );
      const base = Object.fromEntries(
        Object.entries(params).map(([m, v]) => [m, Float64Array.from(v)]),
      ) as Record<keyof typeof params, Float64Array>;
      expect(Math.abs((got.total?.[0] as number) - loss(base)) / loss(base)).toBeLessThan(1e-5);
      const eps = 1e-4;
      for (const name of Object.keys(params) as (keyof typeof params)[]) {
        const numeric = Array.from(params[name], (_, i) => {
          const at = (delta: number) => {
            const p = { ...base, [name]: Float64Array.from(base[name]) };
            p[name][i] = (p[name][i] as number) + delta;
            return loss(p);
          };
          return (at(eps) - at(-eps)) / (2 * eps);
        });
        expect(maxRelativeError(got[`grad.${name}`] as Float32Array, numeric, 1e-2), name).toBeLessThan(2e-3);
      }
    },
  );
});

describe.each(engines)("PSD's inference on its whole energy, on $name", ({ backend, engine }) => {
  beforeAll(() => useBackend(backend));
  const d: Dims = { batch: 2, size: 10, n: 3, k: 5 };
  const lambda = 0.2;
  const image = random(d.batch * d.size * d.size, 7);
  const kernels = random(d.n * d.k * d.k, 8);
  for (let i = 0; i < d.n; i++) {
    const kernel = kernels.subarray(i * d.k * d.k, (i + 1) * d.k * d.k);
    const norm = Math.hypot(...kernel);
    kernel.forEach((v, j) => (kernel[j] = v / norm));
  }
  const gain = new Float32Array(d.n).fill(0.5);
  const threshold = new Float32Array(d.n).fill(0.1);
  const infer = async (alpha: number, steps: number) => {
    const s: ConvShape = {
      ...shape(d.n, d.k, 'shrink'),
      variant: 'psd',
      predictionWeight: alpha,
      inferenceSteps: steps,
    };
    const runner = engine(state(d, kernels, kernels, gain, threshold));
    const lipschitz = decoderLipschitz(splitKernels(kernels, d.k, d.n), d.k);
    const got = await runner.run(convInferenceProgram(s, d.batch, d.size), {
      y: image,
      lambda: Float32Array.of(lambda),
      lipschitz: Float32Array.of(lipschitz),
    });
    runner.dispose();
    return { z: fromNchw(got.z as Float32Array, d), trace: got.inference as Float32Array };
  };
  const enc = naiveEncode(image, { kernels: splitKernels(kernels, d.k, d.n), gain, threshold }, 'shrink', d);
  /** E(Z) = ½‖y − K∗Z‖² + λ‖Z‖₁ + α‖Z − Enc(y)‖², batch mean, naively. */
  const energy = (z: Float64Array, alpha: number) => {
    const yhat = naiveDecode(z, splitKernels(kernels, d.k, d.n), d);
    let e = 0;
    yhat.forEach((v, i) => (e += 0.5 * ((image[i] as number) - v) ** 2));
    z.forEach((v, i) => (e += lambda * Math.abs(v) + alpha * (v - (enc[i] as number)) ** 2));
    return e / d.batch;
  };

  // FISTA is not monotone (measured: E rises by 1e-5 relative at step 12 here); what it promises is
  // Beck & Teboulle's bound E(Z_k) − E* ≤ 2L'‖Z₀ − Z*‖²/(k + 1)², L' = L + 2α the smooth part's constant.
  test("starts at E(Enc(y)), keeps below it, and stays within FISTA's O(1/k²) bound (α = 0.5)", async () => {
    const alpha = 0.5;
    const { z, trace } = await infer(alpha, 30);
    expect(trace.length).toBe(31);
    expect(Math.abs((trace[0] as number) - energy(enc, alpha)) / energy(enc, alpha)).toBeLessThan(1e-5);
    expect(Math.abs((trace[30] as number) - energy(z, alpha)) / energy(z, alpha)).toBeLessThan(1e-4);
    const { z: best, trace: long } = await infer(alpha, 400);
    const optimum = long[400] as number;
    const lipschitz = decoderLipschitz(splitKernels(kernels, d.k, d.n), d.k) + 2 * alpha;
    const start = enc.reduce((s, v, i) => s + (v - (best[i] as number)) ** 2, 0) / d.batch; // ‖Z₀ − Z*‖², batch mean
    for (let k = 1; k <= 30; k++) {
      const gap = (trace[k] as number) - optimum;
      expect(trace[k] as number).toBeLessThan(trace[0] as number);
      expect(gap, `the gap at k = ${k}`).toBeLessThanOrEqual(
        (2 * lipschitz * start) / (k + 1) ** 2 + 1e-4 * optimum,
      );
    }
    expect(trace[30] as number).toBeLessThan(0.9 * (trace[0] as number));
  });

  test('the α term holds Z* near the prediction: a large α keeps it at Enc(y), α → 0 lets it go', async () => {
    const distance = (z: Float64Array) =>
      Math.sqrt(z.reduce((s, v, i) => s + (v - (enc[i] as number)) ** 2, 0));
    const [free, held] = [await infer(0, 30), await infer(50, 30)];
    expect(distance(held.z)).toBeLessThan(0.1 * distance(free.z));
    // Each run minimised its own energy: its Z* beats the other's under its α.
    expect(energy(held.z, 50)).toBeLessThan(energy(free.z, 50));
    expect(energy(free.z, 0)).toBeLessThan(energy(held.z, 0));
  });
});
