/**
 * The energy lab's experiment in process (the models/energy tests cover the maths): the
 * landscape arrives as a finite 128 × 128 grid with the data on either engine, PCD's particles
 * persist from one view to the next, snapshots are kept, single steps work while paused, and
 * the MNIST denoiser sends clean / corrupted / denoised digits with a falling loss.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultDenoiserConfig } from '../../../protocol/dae/config.js';
import { tinyEnergyConfig, type EnergyConfig } from '../../../protocol/energy/config.js';
import type { ArraysEvent, TrainerEvent } from '../../../protocol/messages.js';
import * as ort from 'onnxruntime-node';
import type { EngineFactory } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { selectBackend } from '../../../trainer/backend.js';
import { firstDigits } from '../../../trainer/data/digits.js';
import { loadDataSplit } from '../../../trainer/data/load.js';
import { createDenoiserExperiment } from '../../../trainer/dae/experiment.js';
import { createEnergyExperiment } from '../../../trainer/energy/energy-experiment.js';
import type { Experiment } from '../../../trainer/lab.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const onnx: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });

async function context<C>(config: C, events: TrainerEvent[], engine: EngineFactory = onnx) {
  return {
    runId: 'run-1',
    runDir: await mkdtemp(join(tmpdir(), 'ebm-energy-')),
    config,
    backend: { name: 'wasm', reason: 'test' } as const,
    engine,
    post: (e: TrainerEvent) => events.push(e),
    timing: { viewsMs: 0 },
  };
}

const landscapes = (events: TrainerEvent[]): ArraysEvent[] =>
  events.filter((e): e is ArraysEvent => e.type === 'arrays' && e.view === 'landscape');

async function train(overrides: Partial<EnergyConfig>, engine: EngineFactory = onnx) {
  const events: TrainerEvent[] = [];
  const before = tf.memory().numTensors;
  const experiment = createEnergyExperiment(
    await context({ ...tinyEnergyConfig, ...overrides }, events, engine),
  );
  const done = await experiment.run();
  experiment.dispose();
  return { events, done, leaked: tf.memory().numTensors - before };
}

const methods = ['dae', 'cd', 'pcd', 'latent', 'conditional'] as const;

describe('the energy experiment', () => {
  it.each([
    ...methods.map((method) => [method, 'onnxruntime', onnx] as const),
    ...methods.map((method) => [method, 'tfjs', tfjsEngine] as const),
  ])(
    '%s on %s: sends finite 128 × 128 landscapes with the data, kept as snapshots, and leaks nothing',
    async (method, _, engine) => {
      const { events, done, leaked } = await train({ method, steps: 12 }, engine);
      expect(done.reason).toBe('completed');
      expect(leaked).toBe(0);
      const views = landscapes(events);
      expect(views.length).toBeGreaterThanOrEqual(2);
      for (const view of views) {
        expect(view.keep).toBe(true);
        expect(view.shapes.energy).toEqual([128, 128]);
        expect([...(view.arrays.energy as Float32Array)].every(Number.isFinite)).toBe(true);
        expect(view.shapes.data).toEqual([tinyEnergyConfig.dataPoints, 2]);
        expect(view.info).toMatchObject({ method });
        expect(Number(view.info?.xMax)).toBeGreaterThan(Number(view.info?.xMin));
      }
      expect(views.at(-1)?.step).toBe(12);
      expect(!!views.at(-1)?.arrays.samples).toBe(method === 'cd' || method === 'pcd');
      expect(views.at(-1)?.shapes.field).toEqual(method === 'dae' ? [24, 24, 2] : undefined);
      const metrics = events.filter((e) => e.type === 'metrics').flatMap((e) => [...e.steps]);
      expect(metrics).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(events.some((e) => e.type === 'checkpoint')).toBe(true);
    },
  );

  it('conditional: E(x₀, ·) is lowest on the column y₁ = x₀ and follows x₀ when it is changed live', async () => {
    const energyAt = (view: ArraysEvent, y1: number, y2: number): number => {
      const [h, w] = view.shapes.energy as [number, number];
      const { xMin, xMax, yMin, yMax } = view.info as Record<string, number>;
      const c = Math.round(((y1 - xMin!) / (xMax! - xMin!)) * (w - 1));
      const r = Math.round(((y2 - yMin!) / (yMax! - yMin!)) * (h - 1));
      return (view.arrays.energy as Float32Array)[r * w + c]!;
    };
    const events: TrainerEvent[] = [];
    const config = {
      ...tinyEnergyConfig,
      method: 'conditional' as const,
      latentDim: 2,
      steps: 300,
      learningRate: 0.01,
    };
    const ctx = await context(config, events);
    // Move x₀ to 1 late in the run, as the metrics of step 200 go out (metrics every step):
    // the last landscape is drawn at x₀ = 1.
    let moved = false;
    const experiment = createEnergyExperiment({
      ...ctx,
      timing: { viewsMs: 0, metricsMs: 0 },
      post(e) {
        ctx.post(e);
        if (!moved && e.type === 'metrics' && (e.steps.at(-1) ?? 0) >= 200) {
          moved = true;
          experiment.handle({ type: 'set-param', runId: 'run-1', name: 'condition', value: 1 });
        }
      },
    });
    await experiment.run();
    expect(moved).toBe(true);
    experiment.dispose();
    const last = landscapes(events).at(-1)!;
    expect(last.info).toMatchObject({ method: 'conditional' });
    // The lowest energy on the column above x₀ = 1 (where its branch lies) is well below the
    // lowest two units away on either side: the landscape follows x₀.
    const columnMin = (y1: number) =>
      Math.min(...Array.from({ length: 41 }, (_, i) => energyAt(last, y1, -2 + i * 0.1)));
    expect(columnMin(1) + 0.3).toBeLessThan(columnMin(-1));
    expect(columnMin(1) + 0.3).toBeLessThan(columnMin(3));
  });

  it('pcd: the particles persist between views (most move a little, none is replaced at ρ = 0)', async () => {
    // One step: the landscapes of steps 0 and 1 (the view budget spaces the views of longer runs).
    const { events } = await train({ method: 'pcd', steps: 1, reinitRate: 0, k: 2, bufferSize: 64 });
    const views = landscapes(events).filter((v) => v.arrays.samples);
    const [a, b] = [views.at(-2)!, views.at(-1)!];
    expect([a.step, b.step]).toEqual([0, 1]);
    const pa = a.arrays.samples as Float32Array;
    const pb = b.arrays.samples as Float32Array;
    expect(pa.length).toBe(128);
    const moved = Array.from({ length: 64 }, (_, i) =>
      Math.hypot(pb[2 * i]! - pa[2 * i]!, pb[2 * i + 1]! - pa[2 * i + 1]!),
    );
    // One update of 2 Langevin steps with η = 0.01 moves a particle by about 0.1, never across the plane.
    expect(Math.max(...moved)).toBeLessThan(1);
    expect(moved.filter((d) => d > 0).length).toBeGreaterThan(60);
  });

  it('steps once while paused, then pauses again; refuses a step while running', async () => {
    const events: TrainerEvent[] = [];
    const experiment: Experiment = createEnergyExperiment(
      await context({ ...tinyEnergyConfig, method: 'cd', steps: 200 }, events),
    );
    const running = experiment.run();
    experiment.handle({ type: 'set-param', runId: 'run-1', name: 'step', value: 1 });
    await new Promise((r) => setTimeout(r, 30));
    experiment.handle({ type: 'pause', runId: 'run-1' });
    await new Promise((r) => setTimeout(r, 50));
    const held = landscapes(events).length;
    const statusSteps = () =>
      events.filter((e) => e.type === 'status').map((e) => (e as { step: number }).step);
    const before = Math.max(...statusSteps());
    experiment.handle({ type: 'set-param', runId: 'run-1', name: 'step', value: 3 });
    await new Promise((r) => setTimeout(r, 300));
    const statuses = events.filter((e) => e.type === 'status');
    expect(statuses.at(-1)).toMatchObject({ state: 'paused' });
    expect(landscapes(events).length).toBeGreaterThan(held);
    expect(landscapes(events).at(-1)!.step).toBe((statuses.at(-1) as { step: number }).step);
    expect(landscapes(events).at(-1)!.step).toBeGreaterThanOrEqual(before + 3);
    expect(events.find((e) => e.type === 'error' && e.field === 'step')).toMatchObject({
      message: 'Pause the run before stepping it.',
    });
    experiment.handle({ type: 'stop', runId: 'run-1' });
    expect((await running).reason).toBe('stopped');
    experiment.dispose();
  });
});

describe.each([
  ['tfjs', tfjsEngine],
  ['onnxruntime', onnx],
] as const)('the MNIST denoiser experiment on %s', (_, engine) => {
  it('sends clean, corrupted and denoised digits and its loss falls', async () => {
    const split = await loadDataSplit({ kind: 'embedded' }, 0.1);
    const data = {
      train: firstDigits(split.train, 512),
      test: firstDigits(split.test, 64),
      description: 'a few',
    };
    const events: TrainerEvent[] = [];
    const config = {
      ...defaultDenoiserConfig,
      hiddenDim: 64,
      batchSize: 64,
      epochs: 3,
      noise: 'mask' as const,
    };
    const experiment = createDenoiserExperiment({ ...(await context(config, events)), engine }, data);
    const done = await experiment.run();
    experiment.dispose();
    expect(done.reason).toBe('completed');
    const views = new Set(events.flatMap((e) => (e.type === 'images' ? [e.view] : [])));
    expect(views).toEqual(new Set(['clean', 'corrupted', 'denoised']));
    const losses = events.flatMap((e) =>
      e.type === 'metrics' && e.split === 'train' ? [...(e.columns.loss ?? [])] : [],
    );
    expect(losses).toHaveLength(24);
    expect(losses.slice(-4).reduce((a, b) => a + b) / 4).toBeLessThan(
      0.7 * (losses.slice(0, 4).reduce((a, b) => a + b) / 4),
    );
    expect(events.filter((e) => e.type === 'metrics' && e.split === 'test')).toHaveLength(3);
  });
});
