import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVae } from '../../../models/vae/vae.js';
import type { VaeModel } from '../../../models/vae/vae-api.js';
import type { DoneEvent, TrainerEvent } from '../../../protocol/messages.js';
import { vaePresets, type VaeConfig } from '../../../protocol/vae/config.js';
import { selectBackend } from '../../../trainer/backend.js';
import { firstDigits, type DataSplit } from '../../../trainer/data/digits.js';
import { loadDataSplit } from '../../../trainer/data/load.js';
import { createTrainer } from '../../../trainer/trainer-core.js';
import { createVaeExperiment, type VaeExperiment } from '../../../trainer/vae/experiment.js';
import { readCheckpoint } from '../../../trainer/checkpoint.js';

// The tiny preset on 384 training digits (12 steps of 32 per epoch) and 100 test digits.
const config: VaeConfig = { ...vaePresets.tiny, batchSize: 32, epochs: 3 };
const STEPS_PER_EPOCH = 12;
let data: DataSplit;

beforeAll(async () => {
  await selectBackend();
  const split = await loadDataSplit({ kind: 'embedded' }, 0.1);
  data = { train: firstDigits(split.train, 384), test: firstDigits(split.test, 100), description: 'a few' };
});

interface Hooks {
  /** Called before each training step with its 1-based number. */
  beforeStep?(
    step: number,
    model: VaeModel,
    experiment: VaeExperiment,
    events: readonly TrainerEvent[],
  ): void;
}

/** Runs the experiment in-process, recording every event and every trainStep call. */
async function runExperiment(hooks: Hooks = {}, overrides: Partial<VaeConfig> = {}) {
  const runDir = await mkdtemp(join(tmpdir(), 'ebm-exp-'));
  const events: TrainerEvent[] = [];
  const calls: { beta: number; learningRate: number; tensors: number }[] = [];
  const cfg = { ...config, ...overrides };
  const inner = createVae(
    { variant: cfg.variant, inputDim: 784, hiddenDim: cfg.hiddenDim, latentDim: cfg.latentDim },
    cfg.seed,
  );
  let experiment: VaeExperiment | null = null;
  const model: VaeModel = {
    shape: inner.shape,
    engine: inner.engine,
    trainStep(x, beta, learningRate, seed) {
      calls.push({ beta, learningRate, tensors: tf.memory().numTensors });
      hooks.beforeStep?.(calls.length, inner, experiment as VaeExperiment, events);
      return inner.trainStep(x, beta, learningRate, seed);
    },
    evaluate: (x, beta) => inner.evaluate(x, beta),
    encode: (x) => inner.encode(x),
    decode: (z) => inner.decode(z),
    reconstruct: (x) => inner.reconstruct(x),
    decoderWeights: () => inner.decoderWeights(),
    getWeights: () => inner.getWeights(),
    setWeights: (w) => inner.setWeights(w),
    dispose: () => inner.dispose(),
  };
  experiment = createVaeExperiment({
    runId: 'run-1',
    runDir,
    config: cfg,
    data,
    model,
    backend: { name: 'wasm', reason: 'test' },
    post: (event) => events.push(event),
    timing: { viewsMs: 0 },
  });
  const done = await experiment.run();
  inner.dispose();
  return { done, events, calls, runDir };
}

const trainTotals = (events: TrainerEvent[]): number[] =>
  events.flatMap((e) => (e.type === 'metrics' && e.split === 'train' ? [...(e.columns.total ?? [])] : []));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the VAE experiment', () => {
  it('streams its events in order, with finite metrics, and the loss falls', async () => {
    const { done, events } = await runExperiment();
    const kinds = events.map((e) =>
      e.type === 'images' ? `images:${e.view}` : e.type === 'status' ? `status:${e.state}` : e.type,
    );
    expect(kinds.slice(0, 2)).toEqual(['dataset', 'images:originals']);
    expect(kinds.indexOf('status:running')).toBeLessThan(kinds.indexOf('metrics'));
    expect(kinds.at(-2)).toBe('status:done');
    expect(kinds.at(-1)).toBe('done');
    expect(done.reason).toBe('completed');
    for (const view of [
      'images:reconstructions',
      'images:samples',
      'images:manifold',
      'scatter',
      'decoder',
    ]) {
      expect(kinds).toContain(view);
    }
    const metrics = events.filter((e) => e.type === 'metrics');
    const steps = metrics.filter((e) => e.split === 'train').flatMap((e) => [...e.steps]);
    expect(steps).toEqual(Array.from({ length: 3 * STEPS_PER_EPOCH }, (_, i) => i + 1));
    for (const m of metrics) {
      for (const name of ['recon', 'kl', 'total']) {
        const column = m.columns[name];
        expect(column?.length).toBe(m.steps.length);
        expect([...(column ?? [])].every(Number.isFinite)).toBe(true);
      }
    }
    const test = metrics.filter((e) => e.split === 'test');
    expect(test.map((e) => e.steps[0])).toEqual([12, 24, 36]);
    const totals = trainTotals(events);
    expect(mean(totals.slice(-5))).toBeLessThan(0.7 * mean(totals.slice(0, 5)));
    expect(events.filter((e) => e.type === 'checkpoint').map((e) => e.step)).toEqual([12, 24, 36]);
  });

  it('sends a scatter of the test means with σ bubbles, and decodes the manifold over its extent', async () => {
    const { events } = await runExperiment({}, { epochs: 1 });
    const scatter = events.filter((e) => e.type === 'scatter').at(-1);
    expect(scatter?.points.length).toBe(200);
    expect(scatter?.spreads?.every((s) => s > 0)).toBe(true);
    const manifold = events.filter((e) => e.type === 'images' && e.view === 'manifold').at(-1);
    expect(manifold).toMatchObject({ count: 400, columns: 20, extent: { xMin: -3, xMax: 3 } });
  });

  it('projects d > 2 on two orthonormal principal axes', async () => {
    const { events } = await runExperiment({}, { epochs: 1, latentDim: 5 });
    const scatter = events.filter((e) => e.type === 'scatter').at(-1);
    const axes = scatter?.projection?.axes ?? new Float32Array();
    const dot = (a: number, b: number): number =>
      [0, 1, 2, 3, 4].reduce((s, j) => s + axes[a * 5 + j]! * axes[b * 5 + j]!, 0);
    expect(dot(0, 0)).toBeCloseTo(1, 4);
    expect(dot(1, 1)).toBeCloseTo(1, 4);
    expect(dot(0, 1)).toBeCloseTo(0, 4);
    expect(events.some((e) => e.type === 'images' && e.view === 'manifold')).toBe(false);
  });

  it('takes no steps while paused, and goes on after resume', async () => {
    let stepsWhilePaused = -1;
    let lastStep = 0;
    const { done, events } = await runExperiment(
      {
        beforeStep(step, _model, experiment) {
          lastStep = step;
          if (step !== 5) return;
          experiment.handle({ type: 'pause', runId: 'run-1' });
          setTimeout(() => {
            stepsWhilePaused = lastStep;
            experiment.handle({ type: 'resume', runId: 'run-1' });
          }, 150);
        },
      },
      { epochs: 1 },
    );
    expect(stepsWhilePaused).toBe(5);
    expect(done.reason).toBe('completed');
    const states = events.flatMap((e) => (e.type === 'status' ? [e.state] : []));
    expect(states).toEqual(expect.arrayContaining(['paused', 'running']));
    expect(states.indexOf('paused')).toBeLessThan(states.lastIndexOf('running'));
  });

  it('applies set-param from the next step, and refuses out-of-range values naming the field', async () => {
    const { events, calls } = await runExperiment(
      {
        beforeStep(step, _model, experiment) {
          if (step !== 3) return;
          experiment.handle({ type: 'set-param', runId: 'run-1', name: 'beta', value: 0.25 });
          experiment.handle({ type: 'set-param', runId: 'run-1', name: 'learningRate', value: 5e-4 });
          experiment.handle({ type: 'set-param', runId: 'run-1', name: 'beta', value: -1 });
          experiment.handle({ type: 'set-param', runId: 'run-1', name: 'momentum', value: 0.9 });
        },
      },
      { epochs: 1 },
    );
    expect(calls[2]).toMatchObject({ beta: 1, learningRate: 1e-3 });
    expect(calls[3]).toMatchObject({ beta: 0.25, learningRate: 5e-4 });
    const errors = events.filter((e) => e.type === 'error');
    expect(errors[0]).toMatchObject({ field: 'beta' });
    expect(errors[0]?.message).toBe(
      'β (KL weight) (beta) must be a number at least 0 and at most 100; got -1.',
    );
    expect(errors[1]).toMatchObject({ field: 'momentum' });
  });

  it('answers request-decoder at once with the decoder weights', async () => {
    let answer: TrainerEvent[] = [];
    await runExperiment(
      {
        beforeStep(step, _model, experiment, events) {
          if (step !== 2) return;
          const before = events.length;
          experiment.handle({ type: 'request-decoder', runId: 'run-1' });
          answer = events.slice(before);
        },
      },
      { epochs: 1 },
    );
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({
      type: 'decoder',
      step: 1,
      latentDim: 2,
      hiddenDim: 32,
      outputDim: 784,
      imageWidth: 28,
    });
  });

  it('stops on request with a checkpoint of the step it stopped at', async () => {
    const { done, runDir } = await runExperiment({
      beforeStep(step, _model, experiment) {
        if (step === 7) experiment.handle({ type: 'stop', runId: 'run-1' });
      },
    });
    expect(done.reason).toBe('stopped');
    expect((await readCheckpoint(runDir)).index.step).toBe(7);
  });

  it('stops a diverging run, says at which step, and keeps the last good checkpoint', async () => {
    const { done, events, runDir } = await runExperiment({
      beforeStep(step, model) {
        if (step !== 30) return;
        // A fault: poison the weights, as a too-large step would.
        const weights = model.getWeights();
        const poisoned = Object.fromEntries(
          Object.entries(weights).map(([name, w]) => [
            name,
            { shape: w.shape, data: w.data.map(() => Number.NaN) },
          ]),
        );
        model.setWeights(poisoned);
      },
    });
    expect(done).toMatchObject<Partial<DoneEvent>>({ reason: 'diverged' });
    expect(done.message).toMatch(/NaN at step 30 \(epoch 3\).*kept the checkpoint of step 24/);
    expect(events.some((e) => e.type === 'error' && e.message === done.message)).toBe(true);
    expect(trainTotals(events).every(Number.isFinite)).toBe(true);
    const { index, weights } = await readCheckpoint(runDir);
    expect(index.step).toBe(24);
    expect(Object.values(weights).every((w) => w.data.every(Number.isFinite))).toBe(true);
  });

  it('without the KL term (β = 0) the bubbles shrink and fly apart; β = 1 holds them near the origin (08-3)', async () => {
    /** Mean ‖μ‖ and mean σ over the test digits of the last scatter. */
    const spread = (events: TrainerEvent[]) => {
      const scatter = events.filter((e) => e.type === 'scatter').at(-1)!;
      const { means, sigmas, latentDim: d } = scatter;
      const n = means.length / d;
      let norm = 0;
      for (let i = 0; i < n; i++) norm += Math.hypot(...means.subarray(i * d, (i + 1) * d));
      const sigma = sigmas!.reduce((s, v) => s + v, 0) / sigmas!.length;
      return { norm: norm / n, sigma };
    };
    // The same data, seed and settings: only β differs.
    const withKl = spread((await runExperiment({}, { beta: 1, epochs: 6 })).events);
    const withoutKl = spread((await runExperiment({}, { beta: 0, epochs: 6 })).events);
    expect(withoutKl.sigma).toBeLessThan(0.5 * withKl.sigma);
    expect(withoutKl.norm).toBeGreaterThan(1.3 * withKl.norm);
  });

  it('leaves the number of tensors flat across steps and epochs, views included', async () => {
    const { calls } = await runExperiment();
    const after = calls.slice(1).map((c) => c.tensors);
    expect(new Set(after).size).toBe(1);
  });
});

describe('the trainer behind its port', () => {
  function connect() {
    const events: TrainerEvent[] = [];
    let deliver: (message: unknown) => void = () => {};
    const trainer = createTrainer({ post: (e) => events.push(e), onMessage: (l) => (deliver = l) });
    return { events, send: (m: unknown) => deliver(m), trainer };
  }

  it('rejects malformed commands with an error event instead of crashing', () => {
    const { events, send } = connect();
    send({ type: 'explode' });
    send('not even an object');
    send({ type: 'pause', runId: '../etc' });
    expect(events.map((e) => e.type)).toEqual(['error', 'error', 'error']);
    expect(events[0]).toMatchObject({
      runId: null,
      message: expect.stringContaining('unknown command type "explode"'),
    });
  });

  it('fails a run whose batch is larger than its data, naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-trainer-'));
    const header = (magic: number, dims: number[]) => {
      const view = new DataView(new ArrayBuffer(4 + 4 * dims.length));
      view.setUint32(0, magic);
      dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
      return new Uint8Array(view.buffer);
    };
    await writeFile(
      join(dir, 'img'),
      new Uint8Array([...header(0x803, [20, 28, 28]), ...new Uint8Array(20 * 784)]),
    );
    await writeFile(join(dir, 'lab'), new Uint8Array([...header(0x801, [20]), ...new Uint8Array(20)]));
    const { events, send, trainer } = connect();
    send({
      type: 'start',
      runId: 'small',
      runDir: dir,
      lab: 'vae',
      config: { ...config, data: { kind: 'idx', images: join(dir, 'img'), labels: join(dir, 'lab') } },
    });
    const done = await trainer.finished;
    expect(done.reason).toBe('failed');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ field: 'batchSize' });
    expect(done.message).toContain('at most 18 (the training digits); got 32');
  });

  it('fails a run on a malformed IDX file with the file and the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-trainer-'));
    await writeFile(join(dir, 'bad'), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    const { events, send, trainer } = connect();
    send({
      type: 'start',
      runId: 'bad',
      runDir: dir,
      lab: 'vae',
      config: { ...config, data: { kind: 'idx', images: join(dir, 'bad'), labels: join(dir, 'bad') } },
    });
    const done = await trainer.finished;
    expect(done.reason).toBe('failed');
    expect(done.message).toMatch(new RegExp(`^${join(dir, 'bad')}: wrong magic number 0x01020304`));
    expect(events.map((e) => e.type)).toEqual(['status', 'status', 'error', 'status', 'done']);
  });
});
