/**
 * Contrastive embeddings (issue 6, "Speed"): training samples per second on every backend
 * available, for the default model (convnet 16/32 channels, h = 64, z = 32, NT-Xent, τ = 0.2)
 * on batches of 128 embedded digits (two augmented views each):
 *   train   — augmentation (plain TypeScript) + one training step, what the trainer runs;
 *   step    — the training step alone, on views made beforehand;
 *   augment — views per second of the default augmentations alone (no backend involved).
 * Median over ≥ 3 repeats after a warm-up. Then, on the fastest backend, the linear probe's
 * test accuracy (train 9,000 / test 1,000 split) after PROBE_STEPS steps: learned features,
 * the same encoder at initialisation, and raw pixels.
 */
import './register-gradients.js';
import type { BackendName } from '../protocol/messages.js';
import { defaultAugmentConfig } from '../models/contrastive/augment-config.js';
import { augmentBatch, makeViews } from '../models/contrastive/augment.js';
import { defaultContrastiveConfig } from '../models/contrastive/config.js';
import { createContrastiveModel, type ContrastiveModel } from '../models/contrastive/contrastive-model.js';
import { linearProbe } from '../models/contrastive/linear-probe.js';
import { createRng, type Rng } from '../models/rng.js';
import type { Digits } from '../trainer/data/digits.js';
import { embeddedSplit, PIXELS } from './data.js';
import { summary, tfjsBackends, useBackend, type BenchContext, type Benchmark } from './harness.js';

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

/** Median samples/s of `steps` training steps per repeat, with or without making the views. */
function measure(backend: BackendName, train: Digits, withAugment: boolean) {
  const steps = backend === 'cpu' ? 1 : 10;
  const repeats = backend === 'cpu' ? 3 : 5;
  const model = createContrastiveModel(defaultContrastiveConfig, 1);
  const rng = createRng(2);
  const ready = Array.from({ length: 4 }, () =>
    makeViews(randomBatch(train, rng), BATCH, defaultAugmentConfig, rng),
  );
  let k = 0;
  const step = () => {
    const views = withAugment
      ? makeViews(randomBatch(train, rng), BATCH, defaultAugmentConfig, rng)
      : (ready[k++ % ready.length] as (typeof ready)[number]);
    return model.trainStep(views.views1, views.views2);
  };
  for (let i = 0; i < 2; i++) step(); // warm-up: kernels, Adam's moments, XNNPACK
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    for (let s = 0; s < steps; s++) step();
    rates.push((steps * BATCH * 1000) / (performance.now() - start));
  }
  model.dispose();
  return { steps, ...summary(rates) };
}

function augmentRate(train: Digits) {
  const rng = createRng(3);
  const pixels = randomBatch(train, rng);
  augmentBatch(pixels, BATCH, defaultAugmentConfig, rng);
  const rates = Array.from({ length: 5 }, () => {
    const start = performance.now();
    augmentBatch(pixels, BATCH, defaultAugmentConfig, rng);
    return (BATCH * 1000) / (performance.now() - start);
  });
  return summary(rates);
}

function probe(
  features: (x: Float32Array) => Float32Array,
  dim: number,
  split: { train: Digits; test: Digits },
) {
  return linearProbe(
    { features: features(split.train.pixels), labels: split.train.labels, dim },
    { features: features(split.test.pixels), labels: split.test.labels, dim },
  );
}

function probeAccuracies(split: { train: Digits; test: Digits }, ctx: BenchContext, backend: BackendName) {
  const learned: ContrastiveModel = createContrastiveModel(defaultContrastiveConfig, 1);
  const random = createContrastiveModel(defaultContrastiveConfig, 1);
  const rng = createRng(4);
  const start = performance.now();
  let loss = 0;
  for (let s = 0; s < PROBE_STEPS; s++) {
    const { views1, views2 } = makeViews(randomBatch(split.train, rng), BATCH, defaultAugmentConfig, rng);
    loss = learned.trainStep(views1, views2).loss;
  }
  const trainSeconds = (performance.now() - start) / 1000;
  const dim = defaultContrastiveConfig.representationDim;
  const results = {
    learned: probe((x) => learned.embed(x), dim, split),
    random: probe((x) => random.embed(x), dim, split),
    pixels: probe((x) => x, PIXELS, split),
  };
  learned.dispose();
  random.dispose();
  for (const [variant, r] of Object.entries(results)) {
    ctx.emit({
      bench: BENCH,
      backend,
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
  description: `contrastive training samples/s per backend (batch ${BATCH}); linear-probe accuracy after ${PROBE_STEPS} steps`,
  optIn: false,
  async run(ctx) {
    const split = await embeddedSplit();
    const aug = augmentRate(split.train);
    ctx.emit({
      bench: BENCH,
      backend: 'js',
      metric: 'augment_views_per_s',
      value: Math.round(aug.median),
      unit: 'views/s',
      ...aug,
    });
    const measured: BackendName[] = [];
    for (const backend of tfjsBackends(ctx)) {
      if (!(await useBackend(backend, ctx))) continue;
      measured.push(backend);
      for (const variant of ['train', 'step'] as const) {
        ctx.log(`${BENCH}: ${backend} ${variant}…`);
        const m = measure(backend, split.train, variant === 'train');
        ctx.emit({
          bench: BENCH,
          backend,
          variant,
          metric: 'samples_per_s',
          value: Math.round(m.median),
          unit: 'samples/s',
          ...m,
          batch: BATCH,
          viewsPerSample: 2,
        });
      }
    }
    const fastest = measured.find((b) => b !== 'cpu') ?? measured[0];
    if (fastest === undefined) return;
    await useBackend(fastest, ctx);
    ctx.log(`${BENCH}: ${fastest} linear probe after ${PROBE_STEPS} steps…`);
    probeAccuracies(split, ctx, fastest);
  },
};
