/**
 * VAE training throughput, course preset (d = 20, h = 400, batch 256), per rung:
 *   onnxruntime — models/vae.ts on the ONNX Runtime engine (the compiled graph of
 *                 vae-graph.ts: forward, backward and Adam in one session), at 1 thread and
 *                 at every core;
 *   tfjs rungs  — the same graph run op by op by TensorFlow.js ('graph', what the app runs
 *                 there), beside the autodiff tape ('custom': explicit-transpose customGrad
 *                 layers; 'stock': tf.matMul's own gradients) with tf.train.adam.
 * Samples/s is the median over 7 repeats after a warm-up, on the embedded digits. Also: the
 * first losses of every rung against the stock tape from the same seed, batches and ε, and
 * PyTorch (bench/pytorch_vae.py, OpenBLAS) at the same thread counts, with ratios.
 */
import * as tf from '@tensorflow/tfjs-core';
import './register-gradients.js';
import type { EngineFactory } from '../models/graph/program.js';
import type { VaeShape } from '../models/vae/vae-api.js';
import { createVae } from '../models/vae/vae.js';
import { createTapeVae } from '../models/vae/vae-tape.js';
import { embeddedDigits, PIXELS } from './data.js';
import {
  compareWithPytorch,
  measuredRate,
  measureRate,
  onOnnxRuntime,
  rungs,
  samplesPerSecond,
} from './engines.js';
import type { MeasuredRate } from './engines.js';
import type { Benchmark } from './harness.js';
import { referenceScript } from './python.js';

const BENCH = 'vae-throughput';
const COURSE: VaeShape = { variant: 'vae', inputDim: 784, hiddenDim: 400, latentDim: 20 };
const BATCH = 256;
const CURVE_STEPS = 20;

/** One training step per call, on batch i (mod the batches); resolves with the batch's loss. */
interface Stepper {
  step(i: number): Promise<number>;
  dispose(): void;
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

/** The largest relative gap between the first CURVE_STEPS losses of `stepper` and the stock tape's. */
async function gapToStock(stepper: Stepper, batches: readonly Float32Array[]): Promise<number> {
  const stock = tapeStepper('stock', batches, 7);
  let worst = 0;
  for (let i = 0; i < CURVE_STEPS; i++) {
    const [ours, reference] = [await stepper.step(i), await stock.step(i)];
    worst = Math.max(worst, Math.abs(ours - reference) / reference);
  }
  stepper.dispose();
  stock.dispose();
  return worst;
}

export const vaeThroughput: Benchmark = {
  name: BENCH,
  description: 'VAE training samples/s, course preset, per rung and thread count; PyTorch side by side',
  optIn: false,
  async run(ctx) {
    const digits = await embeddedDigits();
    const batches = Array.from({ length: 8 }, (_, i) =>
      digits.pixels.slice(i * BATCH * PIXELS, (i + 1) * BATCH * PIXELS),
    );
    const rates: MeasuredRate[] = [];
    for await (const rung of rungs(ctx)) {
      const slow = rung.backend === 'cpu';
      const tfjs = !onOnnxRuntime(rung);
      const variants = tfjs ? (['graph', 'custom', 'stock'] as const) : (['graph'] as const);
      for (const variant of variants) {
        ctx.log(`${BENCH}: ${rung.backend}, ${rung.threads} thread(s), ${variant}…`);
        const stepper =
          variant === 'graph' ? graphStepper(rung.engine, batches, 1) : tapeStepper(variant, batches, 1);
        const steps = slow
          ? variant === 'graph'
            ? 2
            : 1
          : { graph: tfjs ? 20 : 40, custom: 8, stock: 3 }[variant];
        const m = await measureRate((i) => stepper.step(i), steps, BATCH, slow ? 3 : 7);
        stepper.dispose();
        if (variant === 'graph') rates.push(measuredRate(rung, m));
        ctx.emit(samplesPerSecond(BENCH, rung, m, { variant, batch: BATCH, preset: 'course' }));
      }
      if (slow || rung.threads > 1) continue;
      const gap = await gapToStock(graphStepper(rung.engine, batches, 7), batches);
      ctx.emit({
        bench: BENCH,
        backend: rung.backend,
        metric: 'loss_curve_max_rel_diff',
        value: gap,
        unit: 'ratio',
        runs: 1,
        median: gap,
        steps: CURVE_STEPS,
        compares: 'graph vs the stock tfjs tape, same seed, batches and ε',
      });
    }
    compareWithPytorch(ctx, BENCH, rates, referenceScript('pytorch_vae.py'), ['throughput']);
  },
};
