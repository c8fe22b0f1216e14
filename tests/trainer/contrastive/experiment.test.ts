import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contrastiveModelConfig,
  contrastivePresets,
  type ContrastiveLabConfig,
} from '../../../protocol/contrastive/config.js';
import type {
  ArraysEvent,
  DoneEvent,
  MetricsEvent,
  StatusEvent,
  TrainerEvent,
} from '../../../protocol/messages.js';
import type { ProbeRecord } from '../../../trainer/contrastive/probe.js';
import { defaultAugmentConfig } from '../../../models/contrastive/augment-config.js';
import { makeViewPair } from '../../../models/contrastive/augment.js';
import { createContrastiveModel } from '../../../models/contrastive/contrastive-model.js';
import { createRng } from '../../../models/rng.js';
import { createOnnxEngine, loadOrt } from '../../../trainer/engine/onnx-engine.js';
import { createInlineViewMaker, createWorkerViewMaker } from '../../../trainer/contrastive/view-maker.js';
import { embeddingMap } from '../../../models/contrastive/linear-probe.js';
import { CONTRASTIVE_TEST_FRACTION } from '../../../trainer/contrastive/lab.js';
import { histogram } from '../../../trainer/contrastive/views.js';
import { loadDataSplit } from '../../../trainer/data/load.js';
import { readCheckpoint } from '../../../trainer/checkpoint.js';
import { createTrainer } from '../../../trainer/trainer-core.js';
import { createContrastiveExperiment } from '../../../trainer/contrastive/experiment.js';
import { augmentWorkers, defaultEngineThreads } from '../../../protocol/engines.js';

/** Runs a config through a real trainer over an in-memory port. */
async function train(
  config: ContrastiveLabConfig,
  commands: (deliver: (m: unknown) => void, events: readonly TrainerEvent[]) => void = () => {},
  backend = 'onnxruntime',
) {
  const dir = await mkdtemp(join(tmpdir(), 'ebm-contrastive-'));
  const events: TrainerEvent[] = [];
  let deliver: (message: unknown) => void = () => {};
  const trainer = createTrainer(
    { post: (e) => events.push(e), onMessage: (l) => (deliver = l) },
    { timing: { viewsMs: 0 } },
  );
  deliver({ type: 'start', runId: 'run-1', runDir: dir, lab: 'contrastive', config, backend });
  commands(deliver, events);
  const done: DoneEvent = await trainer.finished;
  return { done, events, dir };
}

const arrays = (events: TrainerEvent[], view: string) =>
  events.filter((e): e is ArraysEvent => e.type === 'arrays' && e.view === view);

describe('the similarity histogram', () => {
  it.each([
    [[-1, -0.99, 0, 0.5, 1], { 0: 2, 20: 1, 30: 1, 39: 1 }],
    [[2, -3, Number.NaN], { 0: 1, 39: 1 }],
  ])('bins %j into 40 bins over [−1, 1]', (values, expected) => {
    const counts = histogram(Float32Array.from(values));
    const nonZero = Object.fromEntries([...counts.entries()].filter(([, c]) => c > 0));
    expect(nonZero).toEqual(expected);
  });
});

describe('augmentation workers', () => {
  it('make the same views as the trainer thread for the same seeds, in any order of replies', async () => {
    const rng = createRng(5);
    const batches = [3, 1, 4].map((count, i) => ({
      pixels: Float32Array.from({ length: count * 784 }, () => rng.uniform()),
      count,
      seed: 1000 + i,
    }));
    const workers = createWorkerViewMaker(defaultAugmentConfig, 2);
    const inline = createInlineViewMaker(defaultAugmentConfig);
    try {
      expect(workers.workers).toBe(2);
      const fromWorkers = await Promise.all(batches.map((b) => workers.make(b)));
      // Both workers still up: they made these views (a failed worker is dropped, its views made here).
      expect(workers.workers).toBe(2);
      for (const [i, b] of batches.entries()) {
        const here = await inline.make(b);
        expect(here).toHaveLength(2 * b.count * 784);
        expect(fromWorkers[i]).toEqual(here);
        expect(here).toEqual(makeViewPair(b.pixels, b.count, defaultAugmentConfig, b.seed));
      }
      // A different seed makes different views: the comparison above can fail.
      const other = await workers.make({ ...(batches[0] as (typeof batches)[number]), seed: 7 });
      expect(other).not.toEqual(fromWorkers[0]);
    } finally {
      await workers.close();
    }
    expect(workers.workers).toBe(0);
  });

  it('a worker that cannot start is dropped: its batches are made in the thread, the same views', async () => {
    const broken = createWorkerViewMaker(
      defaultAugmentConfig,
      1,
      new URL('./no-such-worker.ts', import.meta.url),
    );
    const batch = { pixels: new Float32Array(2 * 784).fill(0.25), count: 2, seed: 9 };
    try {
      const views = await broken.make(batch);
      expect(views).toEqual(makeViewPair(batch.pixels, batch.count, defaultAugmentConfig, batch.seed));
      expect(broken.workers).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it('close() abandons the batches the workers still owed instead of making them in the thread', async () => {
    const workers = createWorkerViewMaker(defaultAugmentConfig, 1);
    const pixels = new Float32Array(128 * 784).fill(0.5);
    const settled: number[] = [];
    // Requested before the worker has even started (it takes a module load), then closed.
    [1, 2, 3].forEach(
      (seed) => void workers.make({ pixels, count: 128, seed }).then(() => settled.push(seed)),
    );
    await workers.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toEqual([]);
  });

  it('close() ends every worker thread, and a closed maker still makes the views in the thread', async () => {
    const workers = createWorkerViewMaker(defaultAugmentConfig, 1);
    const batch = { pixels: new Float32Array(2 * 784).fill(0.5), count: 2, seed: 3 };
    const before = await workers.make(batch);
    expect(workers.workers).toBe(1);
    await workers.close();
    expect(workers.workers).toBe(0);
    expect(await workers.make(batch)).toEqual(before);
  });
});

describe('cores for the contrastive lab', () => {
  it.each([
    [1, 1, 1],
    [2, 1, 1],
    [4, 2, 2],
    [8, 4, 4],
    [32, 4, 28],
  ])('on %i cores: %i augmentation worker(s), %i ONNX Runtime thread(s)', (cores, workers, threads) => {
    expect(augmentWorkers(cores)).toBe(workers);
    expect(defaultEngineThreads('contrastive', cores)).toBe(threads);
    expect(defaultEngineThreads('vae', cores)).toBe(cores);
  });
});

describe('the contrastive experiment', () => {
  it('streams pairs, histograms and the map, probes on the test split and writes exports/probe.json', async () => {
    const { done, events, dir } = await train(contrastivePresets.tiny);
    expect(done, done.message).toMatchObject({ reason: 'completed' });
    const status = events.find((e): e is StatusEvent => e.type === 'status' && e.backend !== null);
    expect(status?.backend?.name).toBe('onnxruntime');
    // Before the first step the status says what takes the time; while it trains, no phase.
    const statuses = events.filter((e): e is StatusEvent => e.type === 'status' && e.state !== 'starting');
    expect(statuses[0]!.phase?.message).toMatch(/^measuring the baselines/);
    expect([...new Set(statuses.map((e) => e.phase?.message).filter(Boolean))]).toEqual([
      'measuring the baselines: linear probes on a random encoder and on raw pixels',
      'augmenting the first batches (two random views of each digit)',
      'linear probe of the encoder after epoch 1',
      'linear probe of the encoder after epoch 2',
    ]);
    expect(statuses.at(-1)!.phase).toBeUndefined();
    expect(done.message).toMatch(
      /linear probe test accuracy \d+\.\d % \(random encoder .* pixels .*\); probe accuracies in exports\/probe\.json/,
    );

    const trainPoints = events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'train');
    const steps = trainPoints.flatMap((e) => Array.from(e.steps));
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    for (const column of ['loss', 'positive', 'negative'])
      expect(trainPoints.every((e) => e.columns[column]?.every(Number.isFinite))).toBe(true);

    const tests = events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'test');
    expect(tests.map((e) => e.steps[0])).toEqual([0, 3, 6]);
    for (const e of tests)
      for (const column of ['probe', 'random', 'pixels']) {
        const v = e.columns[column]?.[0] ?? Number.NaN;
        expect(v).toBeGreaterThan(0.05);
        expect(v).toBeLessThanOrEqual(1);
      }
    expect(tests[0]!.columns.probe![0]).toBe(tests[0]!.columns.random![0]);

    const pairs = arrays(events, 'pairs').at(-1)!;
    expect(pairs.shapes).toEqual({ pixels: [16, 2, 28, 28], labels: [16] });
    expect((pairs.arrays.pixels as Uint8Array).some((v) => v > 128)).toBe(true);

    const sims = arrays(events, 'similarities');
    const last = sims.at(-1)!;
    expect(last.shapes).toEqual({ positives: [40], negatives: [40] });
    const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
    expect(sum(last.arrays.positives as Float32Array)).toBe(16);
    expect(sum(last.arrays.negatives as Float32Array)).toBe(16 * 15);
    expect(sims.filter((e) => e.keep).map((e) => e.step)).toEqual([3, 6]);

    const maps = arrays(events, 'embedding');
    expect(maps[0]!.step).toBe(0);
    const map = maps.at(-1)!;
    expect(map.shapes).toEqual({ points: [1000, 2], labels: [1000] });
    expect((map.arrays.points as Float32Array).every(Number.isFinite)).toBe(true);
    expect(new Set(map.arrays.labels as Uint8Array).size).toBe(10);
    // The map is the PCA of the normalised embedding z (8-D here), not of the representation h (16-D).
    expect(map.info).toMatchObject({ space: 'z', dim: contrastivePresets.tiny.projectionDim });
    expect(map.info?.explained).toBeGreaterThan(0);
    expect(map.info?.explained).toBeLessThanOrEqual(1);

    const record = JSON.parse(await readFile(join(dir, 'exports', 'probe.json'), 'utf8')) as ProbeRecord;
    expect(record).toMatchObject({
      lab: 'contrastive',
      probeTrainDigits: 200,
      probeTestDigits: 1000,
      probeSteps: 20,
    });
    expect(record.learned.map((p) => p.step)).toEqual([3, 6]);
    expect(record.final?.testAccuracy).toBeCloseTo(tests.at(-1)!.columns.probe![0]!, 5);
    expect(record.pixels.testAccuracy).toBeGreaterThan(0.5);
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['checkpoint.json', 'checkpoint.bin']));
  }, 60_000);

  it("trains PIRL's NCE against the per-image bank it fills first, and refuses a bank the batch leaves too few images for", async () => {
    const config = {
      ...contrastivePresets.tiny,
      loss: 'pirl-nce' as const,
      heads: 'separate' as const,
      memoryBankSize: 512,
    };
    const { done, events } = await train(config);
    expect(done, done.message).toMatchObject({ reason: 'completed' });
    const phases = events.filter((e): e is StatusEvent => e.type === 'status').map((e) => e.phase?.message);
    expect(phases).toContain(
      "filling PIRL's memory bank: the untrained encoder's embedding of each of 9000 digits",
    );
    const losses = events.flatMap((e) => (e.type === 'metrics' ? Array.from(e.columns.loss ?? []) : []));
    expect(losses.length).toBe(6);
    for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);
    const refused = await train({ ...config, memoryBankSize: 9000 });
    expect(refused.done.reason).toBe('failed');
    const error = refused.events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ field: 'memoryBankSize' });
    expect(JSON.stringify(error)).toMatch(/at most 8984/);
  });

  it("maps the checkpoint's normalised embeddings z of the test digits (the last map is their PCA)", async () => {
    const config = contrastivePresets.tiny;
    const { done, events, dir } = await train(config);
    expect(done.reason).toBe('completed');
    const ort = await loadOrt();
    const model = createContrastiveModel(contrastiveModelConfig(config), config.seed, (state) =>
      createOnnxEngine(ort, state, { threads: 1 }),
    );
    try {
      model.setWeights((await readCheckpoint(dir)).weights);
      const { test } = await loadDataSplit({ kind: 'embedded' }, CONTRASTIVE_TEST_FRACTION);
      const expected = embeddingMap(await model.project(test.pixels), config.projectionDim).points;
      const fromH = embeddingMap(await model.embed(test.pixels), config.representationDim).points;
      const got = arrays(events, 'embedding').at(-1)!.arrays.points as Float32Array;
      const worst = (a: Float32Array) =>
        a.reduce((w, v, i) => Math.max(w, Math.abs(v - (got[i] as number))), 0);
      expect(worst(expected)).toBeLessThan(1e-3);
      expect(worst(fromH)).toBeGreaterThan(1e-2);
    } finally {
      model.dispose();
    }
  }, 60_000);

  it('takes τ and the learning rate live, refuses the batch size, and stops with the probe written', async () => {
    const { done, events, dir } = await train({ ...contrastivePresets.tiny, epochs: 50 }, (deliver, seen) => {
      deliver({ type: 'set-param', runId: 'run-1', name: 'temperature', value: 0.7 });
      deliver({ type: 'set-param', runId: 'run-1', name: 'batchSize', value: 4 });
      // Stop once two epochs are in (not after a fixed time: the compiled step can finish all 50 first).
      const twoEpochs = () =>
        seen.some((e) => e.type === 'metrics' && e.split === 'train' && e.steps.some((step) => step >= 6));
      const poll = setInterval(() => {
        if (!twoEpochs()) return;
        clearInterval(poll);
        deliver({ type: 'stop', runId: 'run-1' });
      }, 2);
    });
    expect(done.reason).toBe('stopped');
    const errors = events.filter((e) => e.type === 'error');
    expect(errors.map((e) => e.message).join(' ')).toContain(
      'batchSize cannot be changed while this run trains',
    );
    const sims = arrays(events, 'similarities');
    expect(sims.at(-1)?.info?.temperature).toBe(0.7);
    const record = JSON.parse(await readFile(join(dir, 'exports', 'probe.json'), 'utf8')) as ProbeRecord;
    expect(record.randomEncoder.testAccuracy).toBeGreaterThan(0);
  }, 60_000);

  it('trains the same run on the TensorFlow.js rung (wasm): the same first losses within 1e-4', async () => {
    const config = { ...contrastivePresets.tiny, epochs: 1 };
    const losses = async (backend: string) => {
      const { done, events } = await train(config, () => {}, backend);
      expect(done.reason, done.message).toBe('completed');
      const status = events.find((e): e is StatusEvent => e.type === 'status' && e.backend !== null);
      expect(status?.backend?.name).toBe(backend);
      return events
        .filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'train')
        .flatMap((e) => Array.from(e.columns.loss ?? []));
    };
    const onnx = await losses('onnxruntime');
    const wasm = await losses('wasm');
    expect(onnx).toHaveLength(3);
    expect(wasm).toHaveLength(3);
    onnx.forEach((loss, i) => expect(Math.abs(loss - (wasm[i] as number)) / loss).toBeLessThan(1e-4));
  }, 120_000);

  it('is reproducible from the seed: two runs with augmentation workers log the same losses, another seed others', async () => {
    const config = { ...contrastivePresets.tiny, epochs: 1 };
    const losses = async (seed: number) => {
      const { done, events } = await train({ ...config, seed });
      expect(done.reason, done.message).toBe('completed');
      return events
        .filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'train')
        .flatMap((e) => Array.from(e.columns.loss ?? []));
    };
    const first = await losses(config.seed);
    expect(first).toHaveLength(3);
    expect(await losses(config.seed)).toEqual(first);
    expect(await losses(config.seed + 1)).not.toEqual(first);
  }, 60_000);

  it('trains on the same views with 0, 1 or 3 augmentation workers (batches queued ahead)', async () => {
    const ort = await loadOrt();
    const data = await loadDataSplit({ kind: 'embedded' }, CONTRASTIVE_TEST_FRACTION);
    const losses = async (viewWorkers: number) => {
      const events: TrainerEvent[] = [];
      const experiment = createContrastiveExperiment({
        runId: 'run-w',
        runDir: await mkdtemp(join(tmpdir(), 'ebm-contrastive-w-')),
        config: { ...contrastivePresets.tiny, epochs: 1, stepsPerEpoch: 4 },
        data,
        backend: { name: 'onnxruntime', reason: 'test' },
        engine: (state) => createOnnxEngine(ort, state, { threads: 1 }),
        viewWorkers,
        post: (e) => events.push(e),
        timing: { viewsMs: 0 },
      });
      const done = await experiment.run();
      experiment.dispose();
      expect(done.reason, done.message).toBe('completed');
      return events
        .filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'train')
        .flatMap((e) => Array.from(e.columns.loss ?? []));
    };
    const inThread = await losses(0);
    expect(inThread).toHaveLength(4);
    expect(await losses(1)).toEqual(inThread);
    expect(await losses(3)).toEqual(inThread);
  }, 60_000);
});
