/**
 * Langevin dynamics samples the Gibbs law of a known energy, and the MLP's hand-written
 * input gradient (the sampler's inner loop) equals the autodiff one.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkLangevinConfig, langevin } from '../../../models/energy/langevin.js';
import { createMlp, mlpActivations } from '../../../models/energy/mlp.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError, testBackends, useBackend } from '../backends.js';

describe('Langevin dynamics on a quadratic energy (wasm)', () => {
  beforeAll(() => useBackend('wasm'));

  // E(y) = ½(y − m)ᵀA(y − m), ∇E(y) = A(y − m): the chain samples N(m, A⁻¹).
  const m = [1, -0.5];
  const A = [
    [2, 0.6],
    [0.6, 1],
  ];
  const det = 2 * 1 - 0.6 * 0.6;
  const cov = [
    [1 / det, -0.6 / det],
    [-0.6 / det, 2 / det],
  ]; // A⁻¹

  test('8,000 independent chains of 1,500 steps (η = 0.01) match N(m, A⁻¹) within 4 standard errors', () => {
    const n = 8000;
    const aT = tf.tensor2d(A); // symmetric
    const mean = tf.tensor2d([m]);
    const gradient = (y: tf.Tensor2D) => tf.tidy(() => tf.matMul(tf.sub(y, mean), aT)) as tf.Tensor2D;
    const y0 = tf.zeros([n, 2]) as tf.Tensor2D;
    const y = langevin(gradient, y0, { stepSize: 0.01, noiseScale: 1, steps: 1500 }, createRng(11));
    const v = y.dataSync();
    tf.dispose([aT, mean, y0, y]);

    const mu = [0, 0];
    for (let i = 0; i < n; i++) for (let d = 0; d < 2; d++) mu[d]! += v[2 * i + d]! / n;
    const s = [
      [0, 0],
      [0, 0],
    ];
    for (let i = 0; i < n; i++)
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++)
          s[a]![b]! += ((v[2 * i + a]! - mu[a]!) * (v[2 * i + b]! - mu[b]!)) / (n - 1);

    // Tolerances: 4 standard errors of the estimator, plus the sampler's O(η) bias, which for
    // this step is below 1 % of the covariance (exactly: Σ_η = A⁻¹(I − ηA/4)⁻¹), and the
    // residue of the start at 0 after 1,500 steps (e^{−η·λmin·t/2} ≈ 0.005 of |m|).
    for (let d = 0; d < 2; d++) {
      const se = Math.sqrt(cov[d]![d]! / n);
      expect(Math.abs(mu[d]! - m[d]!)).toBeLessThan(4 * se + 0.01);
    }
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) {
        // Var of a sample covariance entry: (Σ_aa Σ_bb + Σ_ab²) / n.
        const se = Math.sqrt((cov[a]![a]! * cov[b]![b]! + cov[a]![b]! ** 2) / n);
        expect(Math.abs(s[a]![b]! - cov[a]![b]!)).toBeLessThan(4 * se + 0.01 * Math.abs(cov[a]![b]!));
      }
  });

  test('without noise it is gradient descent: every chain goes to the minimum m', () => {
    const mean = tf.tensor2d([m]);
    const gradient = (y: tf.Tensor2D) => tf.tidy(() => tf.sub(y, mean)) as tf.Tensor2D; // A = I
    const y0 = tf.randomNormal([50, 2], 0, 3, 'float32', 1) as tf.Tensor2D;
    const y = langevin(gradient, y0, { stepSize: 0.5, noiseScale: 0, steps: 200 }, createRng(1));
    const v = y.dataSync();
    tf.dispose([mean, y0, y]);
    for (let i = 0; i < 50; i++) {
      expect(v[2 * i]).toBeCloseTo(m[0]!, 4);
      expect(v[2 * i + 1]).toBeCloseTo(m[1]!, 4);
    }
  });

  test('clipping keeps particles inside the box', () => {
    const gradient = (y: tf.Tensor2D) => tf.zerosLike(y);
    const y0 = tf.zeros([500, 2]) as tf.Tensor2D;
    const clip = { xMin: -0.1, xMax: 0.1, yMin: -0.2, yMax: 0.05 };
    const y = langevin(gradient, y0, { stepSize: 1, noiseScale: 1, steps: 5, clip }, createRng(2));
    const v = y.dataSync();
    tf.dispose([y0, y]);
    for (let i = 0; i < 500; i++) {
      expect(v[2 * i]).toBeGreaterThanOrEqual(-0.1 - 1e-7);
      expect(v[2 * i]).toBeLessThanOrEqual(0.1 + 1e-7);
      expect(v[2 * i + 1]).toBeGreaterThanOrEqual(-0.2 - 1e-7);
      expect(v[2 * i + 1]).toBeLessThanOrEqual(0.05 + 1e-7);
    }
  });

  test.each([
    [{ stepSize: 0, noiseScale: 1, steps: 1 }, /step size/],
    [{ stepSize: 0.1, noiseScale: -1, steps: 1 }, /noise scale/],
    [{ stepSize: 0.1, noiseScale: 1, steps: 1.5 }, /number of Langevin steps/],
  ])('rejects %o with a sentence', (config, message) => {
    expect(() => checkLangevinConfig(config)).toThrow(message);
  });
});

describe.each(testBackends)('the MLP on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  test.each(mlpActivations)('%s: the hand-written input gradient equals tf.grad to 1e-5', (activation) => {
    const mlp = createMlp([2, 16, 16, 1], activation, createRng(3));
    tf.tidy(() => {
      const x = tf.randomNormal([40, 2], 0, 2, 'float32', 4) as tf.Tensor2D;
      const ours = mlp.inputGradient(x);
      const tape = tf.grad((xi: tf.Tensor) => tf.sum(mlp.forward(xi as tf.Tensor2D)))(x);
      expect(ours.shape).toEqual([40, 2]);
      expect(maxRelativeError(ours.dataSync(), tape.dataSync())).toBeLessThan(1e-5);
    });
    mlp.dispose();
  });

  test('weights round-trip through readWeights / writeWeights', () => {
    const a = createMlp([2, 8, 1], 'softplus', createRng(1));
    const b = createMlp([2, 8, 1], 'softplus', createRng(2));
    b.writeWeights(a.readWeights());
    tf.tidy(() => {
      const x = tf.tensor2d([
        [0.3, -1],
        [2, 0.5],
      ]);
      expect(Array.from(b.forward(x).dataSync())).toEqual(Array.from(a.forward(x).dataSync()));
    });
    a.dispose();
    b.dispose();
  });
});
