/**
 * The "Done means": the course preset (d = 20, h = 400, batch 256, lr 1e-3, β = 1,
 * 10 epochs) trained on the embedded 9,000 / 1,000 split, test loss (BCE + KL per sample at
 * z = μ) after each epoch, in EBM Lab (models/vae.ts on the first rung available: ONNX Runtime
 * on every core, else TensorFlow.js) and in
 * PyTorch (the notebook's model, same split) when present. Opt-in: `--only vae-course-loss`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../models/rng.js';
import type { EngineFactory } from '../models/graph/program.js';
import { tfjsEngine } from '../models/graph/tfjs-engine.js';
import { createVae } from '../models/vae/vae.js';
import type { BackendName } from '../protocol/messages.js';
import { createOnnxEngine, loadOrt } from '../trainer/engine/onnx-engine.js';
import type { Digits } from '../trainer/data/digits.js';
import { embeddedSplit, PIXELS } from './data.js';
import { threadCounts, useBackend, type BenchContext, type Benchmark } from './harness.js';
import { runPytorch, torchPython } from './python.js';

const BENCH = 'vae-course-loss';
const EPOCHS = 10;
const BATCH = 256;

/** The engine of the first rung measured: ONNX Runtime (all cores) when it loads, else tfjs. */
async function pickEngine(
  ctx: BenchContext,
): Promise<{ backend: BackendName; engine: EngineFactory } | null> {
  for (const name of ctx.backends) {
    if (name === 'cpu' || !(await useBackend(name, ctx))) continue;
    if (name !== 'onnxruntime') return { backend: name, engine: tfjsEngine };
    const ort = await loadOrt();
    const threads = threadCounts().at(-1) ?? 1;
    return { backend: name, engine: (state) => createOnnxEngine(ort, state, { threads }) };
  }
  return null;
}

async function trainGraph(ctx: BenchContext, train: Digits, test: Digits): Promise<void> {
  const picked = await pickEngine(ctx);
  if (!picked) {
    ctx.log(`${BENCH}: no fast backend; skipping EBM Lab's run`);
    return;
  }
  const { backend, engine } = picked;
  const model = createVae({ variant: 'vae', inputDim: PIXELS, hiddenDim: 400, latentDim: 20 }, 1, engine);
  const rng = createRng(1);
  const start = performance.now();
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const order = rng.shuffle(Array.from({ length: train.count }, (_, i) => i));
    let total = 0;
    for (let at = 0; at < train.count; at += BATCH) {
      const idx = order.slice(at, at + BATCH);
      const pixels = new Float32Array(idx.length * PIXELS);
      idx.forEach((i, k) => pixels.set(train.pixels.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS));
      total += (await model.trainStep(pixels, 1, 1e-3, rng.nextSeed())).total * idx.length;
    }
    const t = await model.evaluate(test.pixels, 1);
    ctx.emit({
      bench: BENCH,
      backend,
      engine: model.engine,
      metric: 'test_loss',
      epoch,
      value: t.total,
      unit: 'nats/sample',
      runs: 1,
      median: t.total,
      recon: t.recon,
      kl: t.kl,
      train_loss: total / train.count,
      seconds: (performance.now() - start) / 1000,
    });
  }
  const all = new Float32Array(train.pixels.length + test.pixels.length);
  all.set(train.pixels);
  all.set(test.pixels, train.pixels.length);
  const everything = (await model.evaluate(all, 1)).total;
  ctx.emit({
    bench: BENCH,
    backend,
    metric: 'all_digits_loss',
    epoch: EPOCHS,
    value: everything,
    unit: 'nats/sample',
    runs: 1,
    median: everything,
  });
  model.dispose();
}

function trainPytorch(ctx: BenchContext, train: Digits, test: Digits): void {
  if (!torchPython()) {
    ctx.log(`${BENCH}: no python with torch here; skipping PyTorch`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ebm-bench-'));
  try {
    const trainFile = join(dir, 'train.f32');
    const testFile = join(dir, 'test.f32');
    writeFileSync(trainFile, train.pixels);
    writeFileSync(testFile, test.pixels);
    ctx.log(`${BENCH}: PyTorch…`);
    for (const line of runPytorch(
      ['course-loss', '--train', trainFile, '--test', testFile, '--epochs', String(EPOCHS)],
      600_000,
    )) {
      ctx.emit(line);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const vaeCourseLoss: Benchmark = {
  name: BENCH,
  description: 'test loss after each of 10 epochs, course preset, embedded split; EBM Lab and PyTorch',
  optIn: true,
  async run(ctx) {
    const { train, test } = await embeddedSplit();
    ctx.log(`${BENCH}: ${train.count} training and ${test.count} test digits; EBM Lab…`);
    await trainGraph(ctx, train, test);
    trainPytorch(ctx, train, test);
  },
};
