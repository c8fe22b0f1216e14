/** The denoising autoencoder sends corrupted points back towards the data. */
import { describe, expect, test } from 'vitest';
import { createDae } from '../../../models/energy/dae.js';
import { toyData } from '../../../models/energy/toy-data.js';
import { createRng } from '../../../models/rng.js';
import { mean, nearestDistances, onnx, trainOn } from './helpers.js';

describe('denoising autoencoder on two moons', () => {
  test('after 400 steps, g brings corrupted points ≥ 25 % closer to the data; its loss fell', async () => {
    const sigma = 0.3;
    const data = toyData('moons', 1000, createRng(1));
    const model = createDae(2, undefined, onnx);
    const results = await trainOn(data, 400, 128, createRng(3), (b) =>
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
    const denoised = await model.denoise(corrupted);
    const reference = toyData('moons', 2000, createRng(12), 0); // the noiseless manifold
    const before = mean(nearestDistances(corrupted, reference));
    const after = mean(nearestDistances(denoised, reference));
    // E[y | ỹ] lies inside the moons' curves, so not all the way back: stated margin 25 %.
    expect(after).toBeLessThan(0.75 * before);

    // The energy ‖y − g(y)‖² is lower on the data than on the corrupted points, and is
    // what it says from g's output.
    const eClean = await model.energy(clean);
    expect(mean(eClean)).toBeLessThan(mean(await model.energy(corrupted)));
    const g = await model.denoise(clean);
    eClean.forEach((e, i) =>
      expect(e).toBeCloseTo((clean[2 * i]! - g[2 * i]!) ** 2 + (clean[2 * i + 1]! - g[2 * i + 1]!) ** 2, 5),
    );
    model.dispose();
  });

  test('a step reports mean E on its clean batch after the update', async () => {
    const model = createDae(4, undefined, onnx);
    const batch = toyData('moons', 64, createRng(2));
    const { energyPos } = await model.step(batch, { learningRate: 1e-2, sigma: 0.3 });
    expect(energyPos).toBeCloseTo(mean(await model.energy(batch)), 5);
    model.dispose();
  });

  test('rejects σ ≤ 0 with a sentence', async () => {
    const model = createDae(1, undefined, onnx);
    await expect(model.step(new Float32Array(8), { learningRate: 1e-3, sigma: 0 })).rejects.toThrow(/σ/);
    model.dispose();
  });
});
