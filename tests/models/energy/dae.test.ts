/** The denoising autoencoder sends corrupted points back towards the data. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { createDae } from '../../../models/energy/dae.js';
import { toyData } from '../../../models/energy/toy-data.js';
import { createRng } from '../../../models/rng.js';
import { useBackend } from '../backends.js';
import { evaluate, mean, nearestDistances, trainOn } from './helpers.js';

describe('denoising autoencoder on two moons (wasm)', () => {
  beforeAll(() => useBackend('wasm'));

  test('after 400 steps, g brings corrupted points ≥ 25 % closer to the data; its loss fell', () => {
    const sigma = 0.3;
    const data = toyData('moons', 1000, createRng(1));
    const model = createDae(2);
    const results = trainOn(data, 400, 128, createRng(3), (b) =>
      model.step(b, { learningRate: 3e-3, sigma }),
    );
    const first = mean(results.slice(0, 20).map((r) => r.loss));
    const last = mean(results.slice(-20).map((r) => r.loss));
    expect(last).toBeLessThan(0.5 * first);
    expect(results.every((r) => Number.isNaN(r.energyNeg))).toBe(true);

    // Fresh clean points of the same distribution, corrupted with fresh noise.
    const clean = toyData('moons', 300, createRng(10));
    const noise = createRng(11);
    const corrupted = clean.map((v) => v + sigma * noise.normal());
    const denoised = evaluate(corrupted, (y) => model.denoise(y));
    const reference = toyData('moons', 2000, createRng(12), 0); // the noiseless manifold
    const before = mean(nearestDistances(corrupted, reference));
    const after = mean(nearestDistances(denoised, reference));
    // E[y | ỹ] lies inside the moons' curves, so not all the way back: stated margin 25 %.
    expect(after).toBeLessThan(0.75 * before);

    // The energy ‖y − g(y)‖² is lower on the data than on the corrupted points.
    expect(mean(evaluate(clean, (y) => model.energy(y)))).toBeLessThan(
      mean(evaluate(corrupted, (y) => model.energy(y))),
    );
    model.dispose();
  });

  test('rejects σ ≤ 0 with a sentence', () => {
    const model = createDae(1);
    const batch = tf.zeros([4, 2]) as tf.Tensor2D;
    expect(() => model.step(batch, { learningRate: 1e-3, sigma: 0 })).toThrow(/σ/);
    batch.dispose();
    model.dispose();
  });
});
