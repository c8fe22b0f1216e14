/**
 * Contrastive embeddings (issue 6 "Speed", issue 11): for the default model (convnet 16/32
 * channels, h = 64, z = 32, NT-Xent, τ = 0.2) on batches of 128 embedded digits (two views each):
 *   step    — the compiled training step on views made beforehand, samples/s per rung (ONNX
 *             Runtime at one thread and at every core; TensorFlow.js wasm running the same graph),
 *             with PyTorch's same step (bench/pytorch_contrastive.py) side by side;
 *   train   — views made by the augmentation workers while the engine trains (as many as the
 *             trainer starts here: protocol/engines.ts augmentWorkers);
 *   augment — views per second of the default augmentations, in this thread and with 2 workers.
 * Median over repeats after a warm-up. Then, on ONNX Runtime, the linear probe's test accuracy
 * (train 9,000 / test 1,000 split) after PROBE_STEPS steps: learned features, the same encoder
 * at initialisation, and raw pixels.
 */
import { availableParallelism } from 'node:os';
import { defaultAugmentConfig } from '../models/contrastive/augment-config.js';
import { makeViewPair } from '../models/contrastive/augment.js';
import { defaultContrastiveConfig } from '../models/contrastive/config.js';
import { createContrastiveModel, type ContrastiveModel } from '../models/contrastive/contrastive-model.js';
import { linearProbe } from '../models/contrastive/linear-probe.js';
import type { EngineFactory } from '../models/graph/program.js';
import { createRng, type Rng } from '../models/rng.js';
import { createWorkerViewMaker, type ViewMaker } from '../trainer/contrastive/view-maker.js';
import type { Digits } from '../trainer/data/digits.js';
import { createOnnxEngine, loadOrt } from '../trainer/engine/onnx-engine.js';
import { augmentWorkers } from '../protocol/engines.js';
import { embeddedSplit, PIXELS } from './data.js';
import { compareWithPytorch, measuredRate, measureRate, rungs, samplesPerSecond } from './engines.js';
import type { MeasuredRate } from './engines.js';
import { summary, type BenchContext, type Benchmark } from './harness.js';
import { referenceScript } from './python.js';

const BENCH = 'contrastive';
const BATCH = 128;
const PROBE_STEPS = 300;

/** A batch of BATCH random digits [BATCH·784]. */
function randomBatch(digits: Digits, rng: Rng): Float32Array {
  const out = new Float32Array(BATCH * PIXELS);
  for (let i = 0; i < BATCH; i++) {
    const k = rng.int(digits.count);
    out.set(digits.pixels.subarray(k * PIXELS, (k + 1) * PIXELS), i * PIXELS);
  }
  return out;
}

const halves = (both: Float32Array) =>
  [both.subarray(0, BATCH * PIXELS), both.subarray(BATCH * PIXELS)] as const;

/** Views per second: in this thread, and from a pool of 2 workers kept busy. */
async function augmentRates(train: Digits, ctx: BenchContext): Promise<void> {
  const rng = createRng(3);
  const pixels = randomBatch(train, rng);
  makeViewPair(pixels, BATCH, defaultAugmentConfig, 1);
  const inThread = Array.from({ length: 5 }, (_, r) => {
    const start = performance.now();
    makeViewPair(pixels, BATCH, defaultAugmentConfig, r);
    return (2 * BATCH * 1000) / (performance.now() - start);
  });
  const pool = createWorkerViewMaker(defaultAugmentConfig, 2);
  await Promise.all([0, 1].map((seed) => pool.make({ pixels, count: BATCH, seed })));
  const pooled: number[] = [];
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    await Promise.all([0, 1, 2, 3].map((seed) => pool.make({ pixels, count: BATCH, seed })));
    pooled.push((4 * 2 * BATCH * 1000) / (performance.now() - start));
  }
  await pool.close();
  for (const [variant, rates] of [
    ['thread', inThread],
    ['2 workers', pooled],
  ] as const) {
    const s = summary(rates);
    ctx.emit({
      bench: BENCH,
      backend: 'js',
      variant,
      metric: 'augment_views_per_s',
      value: Math.round(s.median),
      unit: 'views/s',
      ...s,
    });
  }
}

/** samples/s of the step on ready views, or with the views made by workers alongside (one batch ahead each). */
async function measure(engine: EngineFactory, train: Digits, slow: boolean, views: ViewMaker | null) {
  const model = createContrastiveModel(defaultContrastiveConfig, 1, engine);
  const rng = createRng(2);
  const ready = Array.from({ length: 4 }, (_, i) =>
    makeViewPair(randomBatch(train, rng), BATCH, defaultAugmentConfig, i),
  );
  const make = (i: number) =>
    views
      ? views.make({ pixels: randomBatch(train, rng), count: BATCH, seed: i })
      : Promise.resolve(ready[i % 4] as Float32Array);
  const depth = Math.max(1, views?.workers ?? 1);
  const ahead = Array.from({ length: depth }, (_, i) => make(i));
  const step = async (i: number) => {
    const both = await (ahead.shift() as Promise<Float32Array>);
    ahead.push(make(i + depth));
    const [v1, v2] = halves(both);
    return model.trainStep(v1, v2);
  };
  const m = await measureRate(step, slow ? 3 : 10, BATCH, slow ? 3 : 5);
  await Promise.all(ahead);
  model.dispose();
  return m;
}

async function probeAccuracies(split: { train: Digits; test: Digits }, ctx: BenchContext, threads: number) {
  const ort = await loadOrt();
  const engine: EngineFactory = (state) => createOnnxEngine(ort, state, { threads });
  const learned: ContrastiveModel = createContrastiveModel(defaultContrastiveConfig, 1, engine);
  const random = createContrastiveModel(defaultContrastiveConfig, 1, engine);
  const rng = createRng(4);
  const start = performance.now();
  let loss = 0;
  for (let s = 0; s < PROBE_STEPS; s++) {
    const [v1, v2] = halves(makeViewPair(randomBatch(split.train, rng), BATCH, defaultAugmentConfig, s));
    loss = (await learned.trainStep(v1, v2)).loss;
  }
  const trainSeconds = (performance.now() - start) / 1000;
  const probe = async (features: (x: Float32Array) => Promise<Float32Array> | Float32Array, dim: number) =>
    linearProbe(
      { features: await features(split.train.pixels), labels: split.train.labels, dim },
      { features: await features(split.test.pixels), labels: split.test.labels, dim },
      undefined,
      engine,
    );
  const dim = defaultContrastiveConfig.representationDim;
  const results = {
    learned: await probe((x) => learned.embed(x), dim),
    random: await probe((x) => random.embed(x), dim),
    pixels: await probe((x) => x, PIXELS),
  };
  learned.dispose();
  random.dispose();
  for (const [variant, r] of Object.entries(results)) {
    ctx.emit({
      bench: BENCH,
      backend: 'onnxruntime',
      threads,
      variant,
      metric: 'probe_test_accuracy',
      value: r.testAccuracy,
      unit: 'fraction',
      runs: 1,
      median: r.testAccuracy,
      trainAccuracy: r.trainAccuracy,
      contrastiveSteps: variant === 'learned' ? PROBE_STEPS : 0,
      batch: BATCH,
      finalLoss: variant === 'learned' ? loss : undefined,
      trainSeconds: variant === 'learned' ? trainSeconds : undefined,
      trainDigits: split.train.count,
      testDigits: split.test.count,
    });
  }
}

export const contrastive: Benchmark = {
  name: BENCH,
  description: `contrastive training samples/s per rung (batch ${BATCH}) with PyTorch; augmentation views/s; linear-probe accuracy after ${PROBE_STEPS} steps`,
  optIn: false,
  async run(ctx) {
    const split = await embeddedSplit();
    await augmentRates(split.train, ctx);
    const rates: MeasuredRate[] = [];
    let probeThreads = 0;
    for await (const rung of rungs(ctx)) {
      if (rung.backend === 'cpu') continue; // minutes per repeat: the wasm line says enough
      const slow = rung.backend !== 'onnxruntime';
      for (const variant of ['step', 'train'] as const) {
        ctx.log(`${BENCH}: ${rung.backend}, ${rung.threads} thread(s), ${variant}…`);
        const workers = augmentWorkers(availableParallelism());
        const views = variant === 'train' ? createWorkerViewMaker(defaultAugmentConfig, workers) : null;
        const m = await measure(rung.engine, split.train, slow, views);
        await views?.close();
        if (variant === 'step') rates.push(measuredRate(rung, m));
        ctx.emit(samplesPerSecond(BENCH, rung, m, { variant, batch: BATCH, viewsPerSample: 2 }));
      }
      if (rung.backend === 'onnxruntime') probeThreads = Math.max(probeThreads, rung.threads);
    }
    compareWithPytorch(ctx, `${BENCH}/step`, rates, referenceScript('pytorch_contrastive.py'));
    if (probeThreads === 0) return;
    ctx.log(`${BENCH}: onnxruntime linear probe after ${PROBE_STEPS} steps…`);
    await probeAccuracies(split, ctx, probeThreads);
  },
};
