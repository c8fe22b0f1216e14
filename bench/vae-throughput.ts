/**
 * VAE training throughput, course preset (d = 20, h = 400, batch 256), per rung:
 *   onnxruntime — models/vae.ts on the ONNX Runtime engine (the compiled graph of
 *                 vae-graph.ts: forward, backward and Adam in one session), at 1 thread and
 *                 at every core;
 *   tfjs rungs  — the same graph run op by op by TensorFlow.js ('graph', what the app runs
 *                 there), beside the autodiff tape ('custom': explicit-transpose customGrad
 *                 layers; 'stock': tf.matMul's own gradients) with tf.train.adam.
 * Samples/s is the median over ≥ 5 repeats of N steps after warm-up, on the embedded digits.
 * Also: the first losses of every engine against the stock tape from the same seed, batches
 * and ε, and PyTorch (one thread, OpenBLAS) side by side with ratios, when present.
 */
import * as tf from '@tensorflow/tfjs-core';
import './register-gradients.js';
import type { EngineFactory } from '../models/graph/program.js';
import { tfjsEngine } from '../models/graph/tfjs-engine.js';
import type { VaeShape } from '../models/vae-api.js';
import { createVae } from '../models/vae.js';
import { createTapeVae } from '../models/vae-tape.js';
import type { BackendName } from '../protocol/messages.js';
import { createOnnxEngine, loadOrt } from '../trainer/engine/onnx-engine.js';
import type { Digits } from '../trainer/data/digits.js';
import { embeddedDigits, PIXELS } from './data.js';
import { summary, threadCounts, useBackend, type BenchContext, type Benchmark } from './harness.js';
import { runPytorch, torchPython } from './python.js';

const BENCH = 'vae-throughput';
const COURSE: VaeShape = { variant: 'vae', inputDim: 784, hiddenDim: 400, latentDim: 20 };
const BATCH = 256;
const REPEATS = 7;
const CURVE_STEPS = 20;

type Variant = 'graph' | 'custom' | 'stock';

/** What one timed step needs: a batch index → a promise of the step. */
interface Stepper {
  step(i: number): Promise<number>;
  dispose(): void;
}

function batchesOf(digits: Digits, count: number): Float32Array[] {
  return Array.from({ length: count }, (_, i) =>
    digits.pixels.slice(i * BATCH * PIXELS, (i + 1) * BATCH * PIXELS),
  );
}

function graphStepper(engine: EngineFactory, batches: readonly Float32Array[], seed: number): Stepper {
  const model = createVae(COURSE, seed, engine);
  return {
    step: async (i) =>
      (await model.trainStep(batches[i % batches.length] as Float32Array, 1, 1e-3, 500 + i)).total,
    dispose: () => model.dispose(),
  };
}

function tapeStepper(variant: 'custom' | 'stock', batches: readonly Float32Array[], seed: number): Stepper {
  const model = createTapeVae(COURSE, seed, variant);
  const tensors = batches.map((b) => tf.tensor2d(b, [BATCH, PIXELS]));
  return {
    step: async (i) => model.trainStep(tensors[i % tensors.length] as tf.Tensor2D, 1, 1e-3, 500 + i).total,
    dispose: () => {
      tf.dispose(tensors);
      model.dispose();
    },
  };
}

/** Median samples/s over REPEATS repeats of `steps` steps after a short warm-up. */
async function measure(stepper: Stepper, steps: number) {
  let k = 0;
  for (let i = 0; i < Math.min(steps, 3); i++) await stepper.step(k++);
  const rates: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    for (let s = 0; s < steps; s++) await stepper.step(k++);
    rates.push((steps * BATCH * 1000) / (performance.now() - start));
  }
  stepper.dispose();
  return { steps, ...summary(rates) };
}

/** The first CURVE_STEPS losses of `stepper`, and their largest relative gap to the stock tape's. */
async function curveAgainstStock(stepper: Stepper, batches: readonly Float32Array[]) {
  const stock = tapeStepper('stock', batches, 7);
  const ours: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < CURVE_STEPS; i++) {
    ours.push(await stepper.step(i));
    reference.push(await stock.step(i));
  }
  stepper.dispose();
  stock.dispose();
  const maxRelDiff = Math.max(
    ...ours.map((l, i) => Math.abs(l - (reference[i] as number)) / (reference[i] as number)),
  );
  return { ours, stock: reference, maxRelDiff };
}

interface Rate {
  readonly backend: BackendName;
  readonly variant: string;
  readonly threads?: number;
  readonly median: number;
}

async function runOnnx(ctx: BenchContext, batches: readonly Float32Array[]): Promise<Rate[]> {
  if (!(await useBackend('onnxruntime', ctx))) return [];
  const ort = await loadOrt();
  const rates: Rate[] = [];
  for (const threads of threadCounts()) {
    ctx.log(`${BENCH}: onnxruntime, ${threads} thread(s)…`);
    const engine: EngineFactory = (state) => createOnnxEngine(ort, state, { threads });
    const m = await measure(graphStepper(engine, batches, 1), 40);
    rates.push({ backend: 'onnxruntime', variant: 'graph', threads, median: m.median });
    ctx.emit({
      bench: BENCH,
      backend: 'onnxruntime',
      variant: 'graph',
      threads,
      metric: 'samples_per_s',
      value: Math.round(m.median),
      unit: 'samples/s',
      ...m,
      batch: BATCH,
      preset: 'course',
    });
  }
  const engine: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });
  const curve = await curveAgainstStock(graphStepper(engine, batches, 7), batches);
  ctx.emit({
    bench: BENCH,
    backend: 'onnxruntime',
    metric: 'loss_curve_max_rel_diff',
    value: curve.maxRelDiff,
    unit: 'ratio',
    runs: 1,
    median: curve.maxRelDiff,
    steps: CURVE_STEPS,
    compares: 'onnxruntime graph vs tfjs stock tape',
    ...curve,
  });
  return rates;
}

async function runTfjs(
  ctx: BenchContext,
  backend: BackendName,
  batches: readonly Float32Array[],
): Promise<Rate[]> {
  if (!(await useBackend(backend, ctx))) return [];
  const rates: Rate[] = [];
  for (const variant of ['graph', 'custom', 'stock'] as const satisfies readonly Variant[]) {
    ctx.log(`${BENCH}: ${backend} ${variant}…`);
    const steps =
      backend === 'cpu'
        ? variant === 'graph'
          ? 2
          : 1
        : variant === 'stock'
          ? 3
          : variant === 'custom'
            ? 8
            : 20;
    const stepper =
      variant === 'graph' ? graphStepper(tfjsEngine, batches, 1) : tapeStepper(variant, batches, 1);
    const m = await measure(stepper, steps);
    rates.push({ backend, variant, median: m.median });
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
    const curve = await curveAgainstStock(graphStepper(tfjsEngine, batches, 7), batches);
    ctx.emit({
      bench: BENCH,
      backend,
      metric: 'loss_curve_max_rel_diff',
      value: curve.maxRelDiff,
      unit: 'ratio',
      runs: 1,
      median: curve.maxRelDiff,
      steps: CURVE_STEPS,
      compares: 'graph vs stock tape',
      ...curve,
    });
  }
  return rates;
}

export const vaeThroughput: Benchmark = {
  name: BENCH,
  description: 'VAE training samples/s, course preset, per rung and thread count; PyTorch side by side',
  optIn: false,
  async run(ctx) {
    const batches = batchesOf(await embeddedDigits(), 8);
    const rates: Rate[] = [];
    for (const backend of ctx.backends) {
      rates.push(
        ...(backend === 'onnxruntime' ? await runOnnx(ctx, batches) : await runTfjs(ctx, backend, batches)),
      );
    }
    if (!torchPython()) {
      ctx.log(
        `${BENCH}: no python with torch here (apt-get install python3-torch libopenblas0-pthread); skipping PyTorch`,
      );
      return;
    }
    for (const threads of threadCounts()) {
      ctx.log(`${BENCH}: PyTorch, ${threads} thread(s)…`);
      for (const line of runPytorch(['throughput'], 300_000, threads)) {
        ctx.emit(line);
        // Same thread count against same thread count; the tfjs rungs run one thread.
        const peers = rates.filter((r) => r.variant === 'graph' && (r.threads ?? 1) === threads);
        for (const rate of peers) {
          const ratio = rate.median / line.median;
          ctx.emit({
            bench: BENCH,
            backend: rate.backend,
            variant: rate.variant,
            ...(rate.threads ? { threads: rate.threads } : {}),
            metric: 'ratio_to_pytorch',
            value: ratio,
            unit: 'ratio',
            runs: 1,
            median: ratio,
            pytorch: line.median,
            pytorch_threads: threads,
          });
        }
      }
    }
  },
};
