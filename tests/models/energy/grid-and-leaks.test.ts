/**
 * energyGrid's layout and batching, and every model's step, energy and grid on the
 * TensorFlow.js engine leave no tensor behind (the engine holds only the state).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { createCd } from '../../../models/energy/cd.js';
import { createDae } from '../../../models/energy/dae.js';
import { energyGrid, fieldGrid, gridPoints } from '../../../models/energy/grid.js';
import { createLatentEbm } from '../../../models/energy/latent-ebm.js';
import { createPcd } from '../../../models/energy/pcd.js';
import { toyData } from '../../../models/energy/toy-data.js';
import type { Bounds, EnergyFunction } from '../../../models/energy/types.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { createRng } from '../../../models/rng.js';
import { testBackends, useBackend } from '../backends.js';
import { trainOn } from './helpers.js';

const bounds: Bounds = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
// E(x, y) = x + 10y: tells rows from columns and top from bottom.
const plane: EnergyFunction = {
  energy: async (y) => Float32Array.from({ length: y.length / 2 }, (_, i) => y[2 * i]! + 10 * y[2 * i + 1]!),
};

describe('the grid', () => {
  test('cell centres, row-major, row 0 at the top', () => {
    const p = gridPoints(bounds, 4);
    expect(p).toHaveLength(32);
    expect([p[0], p[1]]).toEqual([-1.5, 2.5]); // top-left cell
    expect([p[6], p[7]]).toEqual([1.5, 2.5]); // top-right
    expect([p[30], p[31]]).toEqual([1.5, -0.5]); // bottom-right
  });

  test('energyGrid evaluates in batches that do not change the values', async () => {
    const whole = await energyGrid(plane, bounds, 16, 4096);
    const pieces = await energyGrid(plane, bounds, 16, 7); // batches that do not divide 256
    expect(Array.from(pieces)).toEqual(Array.from(whole));
    expect(whole[0]).toBeCloseTo(-1.875 + 10 * 2.875, 4);
    await expect(energyGrid(plane, { ...bounds, xMax: -3 }, 8)).rejects.toThrow(/bounds/);
    await expect(energyGrid(plane, bounds, 0)).rejects.toThrow(/grid size/);
  });

  test('a model that returns the wrong number of values gets a sentence', async () => {
    const short: EnergyFunction = { energy: async (y) => new Float32Array(y.length / 2 - 1) };
    await expect(energyGrid(short, bounds, 4)).rejects.toThrow(/expected 16 values/);
  });
});

describe.each(testBackends)(
  'no leaks and a finite 128 × 128 grid on the TensorFlow.js engine (%s)',
  (backend) => {
    beforeAll(() => useBackend(backend));
    const data = toyData('spiral', 200, createRng(1));
    const langevin = { stepSize: 0.01, noiseScale: 1, steps: 3, clip: bounds };

    const models = {
      cd: () => {
        const m = createCd(1, undefined, tfjsEngine);
        return {
          model: m,
          step: (b: Float32Array) => m.step(b, { learningRate: 1e-3, alpha: 0.1, langevin }),
        };
      },
      pcd: () => {
        const m = createPcd(1, 64, bounds, undefined, tfjsEngine);
        return {
          model: m,
          step: (b: Float32Array) => m.step(b, { learningRate: 1e-3, alpha: 0.1, langevin, reinitRate: 0.1 }),
        };
      },
      dae: () => {
        const m = createDae(1, undefined, tfjsEngine);
        return { model: m, step: (b: Float32Array) => m.step(b, { learningRate: 1e-3, sigma: 0.2 }) };
      },
      latent: () => {
        const config = { lambda: 0.1, learningRate: 1e-3, inferenceSteps: 5 };
        const m = createLatentEbm(1, undefined, config, tfjsEngine);
        return { model: m, step: (b: Float32Array) => m.step(b, config) };
      },
    } as const;

    test.each(Object.keys(models) as (keyof typeof models)[])('%s', async (name) => {
      const start = tf.memory().numTensors;
      const { model, step } = models[name]();
      await trainOn(data, 2, 32, createRng(2), step);
      const before = tf.memory().numTensors;
      const results = await trainOn(data, 3, 32, createRng(3), step);
      const size = backend === 'cpu' && name === 'latent' ? 32 : 128;
      const grid = await energyGrid(model, bounds, size);
      expect(tf.memory().numTensors).toBe(before);
      expect(grid).toHaveLength(size * size);
      expect(grid.every(Number.isFinite)).toBe(true);
      expect(results.every((r) => Number.isFinite(r.loss) && Number.isFinite(r.energyPos))).toBe(true);
      if (name === 'dae') {
        const dae = model as ReturnType<typeof createDae>;
        const field = await fieldGrid((y) => dae.denoise(y), bounds, 8);
        expect(field).toHaveLength(128);
        expect(field.every(Number.isFinite)).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
      }
      model.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  },
);
