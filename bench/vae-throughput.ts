/**
 * VAE training throughput, course preset (d = 20, h = 400, batch 256), on every backend
 * available, in three flavours of the same maths:
 *   ours   — models/vae.ts: hand-written backward pass, few-op Adam (what the app runs);
 *   custom — the autodiff tape with linear.ts's explicit-transpose customGrad + tf.train.adam;
 *   stock  — the autodiff tape with tf.matMul's own gradients + tf.train.adam.
 * Samples/s is the median over ≥ 5 repeats of N steps after warm-up, on the embedded digits.
 * Also: a per-kernel profile of one step (ours and stock), a check that ours and stock
 * follow the same loss curve, and PyTorch (one thread, OpenBLAS) side by side when present.
 */
import * as tf from '@tensorflow/tfjs-core';
import './register-gradients.js';
import type { BackendName } from '../protocol/messages.js';
import type { VaeLosses, VaeShape } from '../models/vae-api.js';
import { createVae } from '../models/vae.js';
import { createTapeVae } from '../models/vae-tape.js';
import { batchTensors, embeddedDigits } from './data.js';
import { summary, useBackend, type BenchContext, type Benchmark } from './harness.js';
import { profileStep } from './profile.js';
import { runPytorch, torchPython } from './python.js';

const BENCH = 'vae-throughput';
const COURSE: VaeShape = { variant: 'vae', inputDim: 784, hiddenDim: 400, latentDim: 20 };
const BATCH = 256;
const REPEATS = 5;
const CURVE_STEPS = 20;

type Variant = 'ours' | 'custom' | 'stock';
const variantNames: readonly Variant[] = ['ours', 'custom', 'stock'];

interface Trainable {
  trainStep(x: tf.Tensor2D, beta: number, learningRate: number, noiseSeed: number): VaeLosses;
  dispose(): void;
}

function create(variant: Variant, seed: number): Trainable {
  return variant === 'ours' ? createVae(COURSE, seed) : createTapeVae(COURSE, seed, variant);
}

/** Steps per timed repeat: the cpu rung and the slow flavours get few. */
function stepsFor(backend: BackendName, variant: Variant): number {
  if (backend === 'cpu') return variant === 'ours' ? 2 : 1;
  return variant === 'stock' ? 3 : variant === 'custom' ? 8 : 20;
}

/** Median samples/s of `variant` on the active backend. */
function measure(variant: Variant, backend: BackendName, batches: readonly tf.Tensor2D[]) {
  const model = create(variant, 1);
  const steps = stepsFor(backend, variant);
  let k = 0;
  const step = () => model.trainStep(batches[k % batches.length] as tf.Tensor2D, 1, 1e-3, 1000 + k++);
  for (let i = 0; i < Math.min(steps, 3); i++) step(); // warm-up: kernels, optimizer slots, XNNPACK
  const rates: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    for (let s = 0; s < steps; s++) step();
    rates.push((steps * BATCH * 1000) / (performance.now() - start));
  }
  model.dispose();
  return { steps, ...summary(rates) };
}

/** The first CURVE_STEPS losses of ours and stock from the same seed, batches and ε. */
function lossCurves(batches: readonly tf.Tensor2D[]) {
  const curves = (['ours', 'stock'] as const).map((variant) => {
    const model = create(variant, 7);
    const losses = Array.from({ length: CURVE_STEPS }, (_, i) =>
      model.trainStep(batches[i % batches.length] as tf.Tensor2D, 1, 1e-3, 500 + i),
    ).map((l) => l.total);
    model.dispose();
    return losses;
  });
  const [ours, stock] = curves as [number[], number[]];
  const maxRelDiff = Math.max(
    ...ours.map((l, i) => Math.abs(l - (stock[i] as number)) / Math.abs(stock[i] as number)),
  );
  return { ours, stock, maxRelDiff };
}

async function runBackend(backend: BackendName, ctx: BenchContext, batches: () => tf.Tensor2D[]) {
  if (!(await useBackend(backend, ctx))) return null;
  const data = batches();
  let oursMedian = 0;
  for (const variant of variantNames) {
    ctx.log(`${BENCH}: ${backend} ${variant}…`);
    const m = measure(variant, backend, data);
    if (variant === 'ours') oursMedian = m.median;
    ctx.emit({
      bench: BENCH,
      backend,
      variant,
      metric: 'samples_per_s',
      value: Math.round(m.median),
      unit: 'samples/s',
      ...m,
      batch: BATCH,
      preset: 'course',
    });
  }
  if (backend !== 'cpu') {
    for (const variant of ['ours', 'stock'] as const) {
      const model = create(variant, 3);
      let k = 0;
      const step = () => model.trainStep(data[k % data.length] as tf.Tensor2D, 1, 1e-3, k++);
      for (const line of await profileStep(step, variant === 'ours' ? 5 : 2)) {
        ctx.emit({ bench: BENCH, backend, variant, ...line });
      }
      model.dispose();
    }
    const curve = lossCurves(data);
    ctx.emit({
      bench: BENCH,
      backend,
      metric: 'loss_curve_max_rel_diff',
      value: curve.maxRelDiff,
      unit: 'ratio',
      runs: 1,
      median: curve.maxRelDiff,
      steps: CURVE_STEPS,
      compares: 'ours vs stock',
      ours: curve.ours,
      stock: curve.stock,
    });
  }
  tf.dispose(data);
  return oursMedian;
}

export const vaeThroughput: Benchmark = {
  name: BENCH,
  description: 'VAE training samples/s, course preset, per backend; kernel profile; PyTorch side by side',
  optIn: false,
  async run(ctx) {
    const digits = await embeddedDigits();
    const oursBy = new Map<BackendName, number>();
    for (const backend of ctx.backends) {
      const median = await runBackend(backend, ctx, () => batchTensors(digits, BATCH, 8));
      if (median !== null) oursBy.set(backend, median);
    }
    if (!torchPython()) {
      ctx.log(
        `${BENCH}: no python with torch here (apt-get install python3-torch libopenblas0-pthread); skipping PyTorch`,
      );
      return;
    }
    ctx.log(`${BENCH}: PyTorch…`);
    for (const line of runPytorch(['throughput'], 300_000)) {
      ctx.emit(line);
      for (const [backend, ours] of oursBy) {
        const ratio = ours / line.median;
        ctx.emit({
          bench: BENCH,
          backend,
          variant: 'ours',
          metric: 'ratio_to_pytorch',
          value: ratio,
          unit: 'ratio',
          runs: 1,
          median: ratio,
          pytorch: line.median,
        });
      }
    }
  },
};
