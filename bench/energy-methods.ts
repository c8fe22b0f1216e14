/**
 * Energy-lab speed (issue 5, "Speed"), on every backend available:
 *   - training steps per second of each method with the lab's defaults on two moons
 *     (batch 128; CD/PCD: k = 20 Langevin steps, PCD buffer 512; latent EBM: 60 ISTA steps),
 *     median over repeats of blocks of steps after a warm-up;
 *   - milliseconds to evaluate the 128 × 128 energy grid of each method (16,384 points).
 * Gradients come from the tape, so bench/register-gradients.ts is imported first.
 */
import './register-gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import { defaultGridSize, energyGrid, sampleBatch } from '../models/energy/index.js';
import { createRng } from '../models/rng.js';
import { defaultEnergyConfig, energyLiveParams, energyMethods } from '../protocol/energy-config.js';
import type { BackendName } from '../protocol/messages.js';
import { createLandscapeModel, type LiveValues } from '../trainer/energy/landscape-model.js';
import { makeLandscapeData } from '../trainer/energy/landscape-views.js';
import { summary, tfjsBackends, useBackend, type Benchmark } from './harness.js';

const BENCH = 'energy-methods';

function measure(backend: BackendName, method: (typeof energyMethods)[number]) {
  const config = { ...defaultEnergyConfig, method };
  const data = makeLandscapeData(config);
  const model = createLandscapeModel(config, data.bounds);
  const live = Object.fromEntries(energyLiveParams.map((n) => [n, config[n]])) as LiveValues;
  const rng = createRng(1);
  const slow = backend === 'cpu';
  const block = slow ? 3 : 10;
  const repeats = slow ? 2 : 5;
  const run = (n: number): number => {
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const batch = tf.tensor2d(sampleBatch(data.points, config.batchSize, rng), [config.batchSize, 2]);
      model.step(batch, live);
      batch.dispose();
    }
    return (performance.now() - start) / 1000;
  };
  run(2); // warm-up
  const rates = Array.from({ length: repeats }, () => block / run(block));
  energyGrid(model, data.bounds); // warm-up
  const grids = Array.from({ length: slow ? 1 : 5 }, () => {
    const start = performance.now();
    energyGrid(model, data.bounds);
    return performance.now() - start;
  });
  model.dispose();
  return { rates: summary(rates), grid: summary(grids) };
}

export const energyMethodsBench: Benchmark = {
  name: BENCH,
  description:
    'energy lab: training steps/s per method (DAE, CD-20, PCD-20, latent EBM) and 128×128 grid time',
  optIn: false,
  async run(ctx) {
    for (const backend of tfjsBackends(ctx)) {
      if (!(await useBackend(backend, ctx))) continue;
      for (const method of energyMethods) {
        ctx.log(`${BENCH}: ${backend} ${method}…`);
        const { rates, grid } = measure(backend, method);
        const common = { bench: BENCH, backend, method, batch: defaultEnergyConfig.batchSize };
        ctx.emit({ ...common, metric: 'steps_per_second', value: rates.median, unit: 'steps/s', ...rates });
        ctx.emit({
          ...common,
          metric: 'grid_ms',
          value: grid.median,
          unit: 'ms',
          ...grid,
          points: defaultGridSize * defaultGridSize,
        });
      }
    }
  },
};
