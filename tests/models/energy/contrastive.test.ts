/**
 * Contrastive divergence shapes an energy that is low on the data and high away from it;
 * persistent CD keeps its particles between steps and restarts them at the requested rate.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { createCd } from '../../../models/energy/cd.js';
import { createPcd, type PcdConfig } from '../../../models/energy/pcd.js';
import { toyData, uniformPoints } from '../../../models/energy/toy-data.js';
import { createRng } from '../../../models/rng.js';
import { useBackend } from '../backends.js';
import { evaluate, nearestDistances, trainOn } from './helpers.js';

const box = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };

describe('CD-k on a ring of 8 Gaussians (wasm)', () => {
  beforeAll(() => useBackend('wasm'));

  test('after 300 updates, E(data) + 1 < E(far) for ≥ 90 % of (data, far) pairs', () => {
    const data = toyData('gaussians', 1000, createRng(1));
    const model = createCd(3);
    const config = { learningRate: 3e-3, alpha: 0.1, langevin: { stepSize: 0.01, noiseScale: 1, steps: 10 } };
    const results = trainOn(data, 300, 128, createRng(5), (b) => model.step(b, config));
    expect(results.every((r) => Number.isFinite(r.loss))).toBe(true);
    expect(model.negatives()).toHaveLength(256);

    // "Far": uniform in [−4, 4]² and more than 1 (ten standard deviations) from every data point.
    const candidates = uniformPoints({ xMin: -4, xMax: 4, yMin: -4, yMax: 4 }, 800, createRng(9));
    const dist = nearestDistances(candidates, data);
    const far = Float32Array.from(
      dist.flatMap((d, i) => (d > 1 ? [candidates[2 * i]!, candidates[2 * i + 1]!] : [])),
    );
    expect(far.length / 2).toBeGreaterThan(200);
    const eData = evaluate(data.subarray(0, 400), (y) => model.energy(y));
    const eFar = evaluate(far, (y) => model.energy(y));
    let good = 0;
    for (const d of eData) for (const f of eFar) if (d + 1 < f) good++;
    expect(good / (eData.length * eFar.length)).toBeGreaterThanOrEqual(0.9);
    model.dispose();
  });

  test('rejects a bad learning rate or α with a sentence', () => {
    const model = createCd(1);
    const batch = tf.zeros([4, 2]) as tf.Tensor2D;
    const langevin = { stepSize: 0.01, noiseScale: 1, steps: 1 };
    expect(() => model.step(batch, { learningRate: 0, alpha: 0.1, langevin })).toThrow(/learning rate/);
    expect(() => model.step(batch, { learningRate: 1e-3, alpha: -1, langevin })).toThrow(/α/);
    batch.dispose();
    model.dispose();
  });
});

describe('persistent CD (wasm)', () => {
  beforeAll(() => useBackend('wasm'));
  const data = toyData('moons', 500, createRng(2));
  const frozen = { stepSize: 1e-12, noiseScale: 0, steps: 1 }; // particles stay put unless restarted

  test('particles not restarted move continuously from where they were', () => {
    const model = createPcd(4, 300, box);
    const config: PcdConfig = {
      learningRate: 1e-3,
      alpha: 0.1,
      reinitRate: 0.1,
      langevin: { stepSize: 0.01, noiseScale: 1, steps: 5 },
    };
    let before = model.particles();
    trainOn(data, 10, 64, createRng(3), (b) => {
      model.step(b, config);
      const after = model.particles();
      const restarted = model.lastRestarts();
      let moved = 0;
      for (let i = 0; i < 300; i++) {
        const d = Math.hypot(after[2 * i]! - before[2 * i]!, after[2 * i + 1]! - before[2 * i + 1]!);
        // 5 steps of noise √η·ε (√η = 0.1) and a small drift: far below a box of side 6.
        if (!restarted[i]) expect(d).toBeLessThan(1);
        if (!restarted[i] && d > 0) moved++;
      }
      expect(moved).toBeGreaterThan(250);
      before = after;
    });
    model.dispose();
  });

  test('with ρ = 0 and a frozen sampler the buffer is exactly kept', () => {
    const model = createPcd(5, 100, box);
    const before = model.particles();
    trainOn(data, 3, 32, createRng(4), (b) =>
      model.step(b, { learningRate: 1e-3, alpha: 0.1, reinitRate: 0, langevin: frozen }),
    );
    const after = model.particles();
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i]!, 5);
    model.dispose();
  });

  test('ρ = 0.2 restarts 20 % of 200 particles over 50 steps (within 4 binomial sd), exactly those', () => {
    const model = createPcd(6, 200, box);
    const config: PcdConfig = { learningRate: 1e-3, alpha: 0.1, reinitRate: 0.2, langevin: frozen };
    let total = 0;
    let before = model.particles();
    trainOn(data, 50, 32, createRng(5), (b) => {
      const { reinitialised } = model.step(b, config);
      const restarted = model.lastRestarts();
      const after = model.particles();
      let changed = 0;
      for (let i = 0; i < 200; i++) {
        const jumped =
          Math.hypot(after[2 * i]! - before[2 * i]!, after[2 * i + 1]! - before[2 * i + 1]!) > 1e-4;
        if (jumped) {
          changed++;
          expect(restarted[i]).toBe(1);
          expect(after[2 * i]).toBeGreaterThanOrEqual(box.xMin);
          expect(after[2 * i]).toBeLessThanOrEqual(box.xMax);
        }
      }
      expect(changed).toBe(reinitialised); // a uniform restart never lands on the old spot
      total += reinitialised;
      before = after;
    });
    const trials = 50 * 200;
    const sd = Math.sqrt(trials * 0.2 * 0.8); // 40
    expect(Math.abs(total - 0.2 * trials)).toBeLessThan(4 * sd);
    model.dispose();
  });

  test('a rate outside [0, 1] and a bad buffer size get a sentence', () => {
    expect(() => createPcd(1, 0, box)).toThrow(/buffer size/);
    const model = createPcd(1, 10, box);
    const batch = tf.zeros([4, 2]) as tf.Tensor2D;
    expect(() =>
      model.step(batch, { learningRate: 1e-3, alpha: 0.1, reinitRate: 1.5, langevin: frozen }),
    ).toThrow(/re-initialisation rate/);
    batch.dispose();
    model.dispose();
  });
});
