/**
 * The regularised latent-variable EBM: at λ = 0 the code explains every point (E ≈ 0
 * everywhere); as λ grows, energy away from the data rises above that on the data.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { energyGrid, gridPoints } from '../../../models/energy/grid.js';
import { createLatentEbm } from '../../../models/energy/latent-ebm.js';
import { dataBounds, toyData } from '../../../models/energy/toy-data.js';
import { createRng } from '../../../models/rng.js';
import { useBackend } from '../backends.js';
import { evaluate, mean, nearestDistances, trainOn } from './helpers.js';

describe('latent-variable EBM on two moons (wasm)', () => {
  beforeAll(() => useBackend('wasm'));

  test('mean energy away from the data is ≈ 0 at λ = 0 and grows with λ; data stay below it', () => {
    const data = toyData('moons', 500, createRng(1));
    const bounds = dataBounds(data);
    const size = 24;
    const cells = gridPoints(bounds, size);
    const away = nearestDistances(cells, data).map((d) => d > 0.5); // ≈ 60 % of the cells
    const farMeans: number[] = [];
    const dataMeans: number[] = [];
    for (const lambda of [0, 0.05, 0.2]) {
      const model = createLatentEbm(3);
      const config = { lambda, learningRate: 1e-2, inferenceSteps: 60 };
      trainOn(data, 150, 128, createRng(5), (b) => model.step(b, config));
      const grid = energyGrid(model, bounds, size);
      farMeans.push(mean(Array.from(grid).filter((_, i) => away[i])));
      dataMeans.push(mean(evaluate(data, (y) => model.energy(y))));
      model.dispose();
    }
    expect(farMeans[0]).toBeLessThan(1e-4); // λ = 0: flat, zero everywhere
    expect(farMeans[1]).toBeGreaterThan(farMeans[0]! + 0.02);
    expect(farMeans[2]).toBeGreaterThan(2 * farMeans[1]!);
    // With λ > 0 the data sit lower than the places away from them.
    expect(dataMeans[1]).toBeLessThan(0.75 * farMeans[1]!);
    expect(dataMeans[2]).toBeLessThan(0.75 * farMeans[2]!);
  });

  test('conditional: E(x, y) is lower where the data for x lie than where those of another x lie', () => {
    // x uniform in [−1, 1]; y = (2x, ±1) + noise: the code has to pick the branch, Pred(x) the place.
    const rng = createRng(7);
    const sample = (count: number) => {
      const x = Float32Array.from({ length: count }, () => 2 * rng.uniform() - 1);
      const y = Float32Array.from(
        Array.from(x).flatMap((v) => [
          2 * v + 0.05 * rng.normal(),
          (rng.uniform() < 0.5 ? -1 : 1) + 0.05 * rng.normal(),
        ]),
      );
      return { x, y };
    };
    const model = createLatentEbm(4, { latentDim: 8, hidden: 32, conditionDim: 1 });
    const config = { lambda: 0.1, learningRate: 1e-2, inferenceSteps: 60 };
    for (let s = 0; s < 200; s++) {
      const batch = sample(128);
      const x = tf.tensor2d(batch.x, [128, 1]);
      const y = tf.tensor2d(batch.y, [128, 2]);
      model.step(y, config, x);
      tf.dispose([x, y]);
    }
    const branches = (x: number) => Float32Array.from([2 * x, 1, 2 * x, -1]);
    const at = (x: number, pts: Float32Array) =>
      mean(evaluate(pts, (y) => model.conditionedOn([x]).energy(y)));
    expect(at(-0.5, branches(-0.5))).toBeLessThan(0.5 * at(-0.5, branches(0.5)));
    expect(at(0.5, branches(0.5))).toBeLessThan(0.5 * at(0.5, branches(-0.5)));
    expect(() => model.energy(tf.zeros([1, 2]) as tf.Tensor2D)).toThrow(/needs x/);
    model.dispose();
  });

  test('rejects λ < 0 and a non-integer number of inference steps', () => {
    expect(() =>
      createLatentEbm(1, undefined, { lambda: -1, learningRate: 1e-3, inferenceSteps: 10 }),
    ).toThrow(/λ/);
    const model = createLatentEbm(1);
    expect(() => model.configure({ lambda: 0.1, learningRate: 1e-3, inferenceSteps: 2.5 })).toThrow(
      /inference steps/,
    );
    model.dispose();
  });
});
