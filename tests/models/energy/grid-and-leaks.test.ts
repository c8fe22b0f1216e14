/** energyGrid's layout, and no tensor left behind by any model's step, energy or grid. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { createCd } from '../../../models/energy/cd.js';
import { createDae } from '../../../models/energy/dae.js';
import { energyGrid, fieldGrid, gridPoints } from '../../../models/energy/grid.js';
import { createLatentEbm } from '../../../models/energy/latent-ebm.js';
import { createPcd } from '../../../models/energy/pcd.js';
import { toyData } from '../../../models/energy/toy-data.js';
import type { Bounds, EnergyFunction } from '../../../models/energy/types.js';
import { createRng } from '../../../models/rng.js';
import { testBackends, useBackend } from '../backends.js';
import { trainOn } from './helpers.js';

const bounds: Bounds = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
// E(x, y) = x + 10y: tells rows from columns and top from bottom.
const plane: EnergyFunction = {
  energy: (y) => tf.tidy(() => tf.reshape(tf.matMul(y, tf.tensor2d([[1], [10]])), [y.shape[0]])),
};

describe('the grid', () => {
  beforeAll(() => useBackend('wasm'));

  test('cell centres, row-major, row 0 at the top', () => {
    const p = gridPoints(bounds, 4);
    expect(p).toHaveLength(32);
    expect([p[0], p[1]]).toEqual([-1.5, 2.5]); // top-left cell
    expect([p[6], p[7]]).toEqual([1.5, 2.5]); // top-right
    expect([p[30], p[31]]).toEqual([1.5, -0.5]); // bottom-right
  });

  test('energyGrid evaluates in batches that do not change the values', () => {
    const whole = energyGrid(plane, bounds, 16, 4096);
    const pieces = energyGrid(plane, bounds, 16, 7); // batches that do not divide 256
    expect(Array.from(pieces)).toEqual(Array.from(whole));
    expect(whole[0]).toBeCloseTo(-1.875 + 10 * 2.875, 4);
    expect(() => energyGrid(plane, { ...bounds, xMax: -3 }, 8)).toThrow(/bounds/);
    expect(() => energyGrid(plane, bounds, 0)).toThrow(/grid size/);
  });
});

describe.each(testBackends)('no leaks and a finite 128 × 128 grid on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const data = toyData('spiral', 200, createRng(1));
  const langevin = { stepSize: 0.01, noiseScale: 1, steps: 3 };

  const models = {
    cd: () => {
      const m = createCd(1);
      return { model: m, step: (b: tf.Tensor2D) => m.step(b, { learningRate: 1e-3, alpha: 0.1, langevin }) };
    },
    pcd: () => {
      const m = createPcd(1, 64, bounds);
      return {
        model: m,
        step: (b: tf.Tensor2D) => m.step(b, { learningRate: 1e-3, alpha: 0.1, langevin, reinitRate: 0.1 }),
      };
    },
    dae: () => {
      const m = createDae(1);
      return { model: m, step: (b: tf.Tensor2D) => m.step(b, { learningRate: 1e-3, sigma: 0.2 }) };
    },
    latent: () => {
      const m = createLatentEbm(1, undefined, { lambda: 0.1, learningRate: 1e-3, inferenceSteps: 5 });
      return {
        model: m,
        step: (b: tf.Tensor2D) => m.step(b, { lambda: 0.1, learningRate: 1e-3, inferenceSteps: 5 }),
      };
    },
  } as const;

  test.each(Object.keys(models) as (keyof typeof models)[])('%s', (name) => {
    const { model, step } = models[name]();
    trainOn(data, 2, 32, createRng(2), step); // Adam's moments and caches exist from here on
    const before = tf.memory().numTensors;
    const results = trainOn(data, 3, 32, createRng(3), step);
    const size = backend === 'cpu' && name === 'latent' ? 32 : 128;
    const grid = energyGrid(model, bounds, size);
    expect(tf.memory().numTensors).toBe(before);
    expect(grid).toHaveLength(size * size);
    expect(grid.every(Number.isFinite)).toBe(true);
    expect(results.every((r) => Number.isFinite(r.loss) && Number.isFinite(r.energyPos))).toBe(true);
    if (name === 'dae') {
      const dae = model as ReturnType<typeof createDae>;
      const field = fieldGrid((y) => dae.denoise(y), bounds, 8);
      expect(field).toHaveLength(128);
      expect(tf.memory().numTensors).toBe(before);
    }
    model.dispose();
  });
});
