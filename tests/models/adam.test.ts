import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { createAdam, pytorchAdam } from '../../models/adam.js';
import { createRng } from '../../models/rng.js';
import { maxRelativeError, testBackends, useBackend } from './backends.js';

/** A sequence of gradients of changing size and sign, for two parameters. */
function gradientSequence(steps: number, seed: number): Float32Array[][] {
  const rng = createRng(seed);
  return Array.from({ length: steps }, (_, t) => [
    Float32Array.from({ length: 12 }, () => rng.normal() * (1 + t)),
    Float32Array.from({ length: 3 }, () => rng.normal() * 1e-3),
  ]);
}

describe.each(testBackends)('Adam on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  test('matches tf.train.adam with PyTorch hyper-parameters step by step', () => {
    const grads = gradientSequence(25, 1);
    const start = [
      Float32Array.from({ length: 12 }, (_, i) => i / 10 - 0.5),
      Float32Array.from([0.3, -0.2, 0.1]),
    ];
    const ours = start.map((d) => tf.variable(tf.tensor(d)));
    const theirs = start.map((d) => tf.variable(tf.tensor(d)));
    const adam = createAdam(pytorchAdam);
    const reference = tf.train.adam(1e-2, pytorchAdam.beta1, pytorchAdam.beta2, pytorchAdam.epsilon);
    for (const g of grads) {
      tf.tidy(() => {
        const tensors = g.map((d) => tf.tensor(d));
        adam.apply(ours, tensors, 1e-2);
        reference.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: tensors[i] as tf.Tensor })));
      });
    }
    expect(adam.iterations).toBe(25);
    ours.forEach((v, i) => {
      const moved = maxRelativeError((theirs[i] as tf.Variable).dataSync(), start[i] as Float32Array);
      expect(moved).toBeGreaterThan(1e-3); // the parameters did move
      expect(maxRelativeError(v.dataSync(), (theirs[i] as tf.Variable).dataSync())).toBeLessThan(1e-5);
    });
    adam.dispose();
    reference.dispose();
    tf.dispose([...ours, ...theirs]);
  });

  test('gradients of a sum with gradScale = 1/b update exactly like gradients of the mean', () => {
    const grads = gradientSequence(10, 2);
    const b = 256;
    const mean = [tf.variable(tf.zeros([12])), tf.variable(tf.zeros([3]))];
    const sum = [tf.variable(tf.zeros([12])), tf.variable(tf.zeros([3]))];
    const adamMean = createAdam();
    const adamSum = createAdam();
    grads.forEach((g, t) => {
      tf.tidy(() => {
        const lr = t < 5 ? 1e-3 : 3e-4; // the rate may change between steps
        adamMean.apply(
          mean,
          g.map((d) => tf.tensor(d)),
          lr,
        );
        adamSum.apply(
          sum,
          g.map((d) => tf.mul(tf.tensor(d), b)),
          lr,
          1 / b,
        );
      });
    });
    mean.forEach((v, i) =>
      expect(maxRelativeError((sum[i] as tf.Variable).dataSync(), v.dataSync())).toBeLessThan(1e-5),
    );
    adamMean.dispose();
    adamSum.dispose();
    tf.dispose([...mean, ...sum]);
  });

  test('the first step moves every parameter by the learning rate against its gradient sign', () => {
    const p = tf.variable(tf.tensor([1, 1, 1]));
    const adam = createAdam();
    tf.tidy(() => adam.apply([p], [tf.tensor([0.5, -2, 1e-3])], 0.1));
    const got = Array.from(p.dataSync());
    expect(got[0]).toBeCloseTo(0.9, 5);
    expect(got[1]).toBeCloseTo(1.1, 5);
    expect(got[2]).toBeCloseTo(0.9, 4); // |g| ≫ ε
    adam.dispose();
    p.dispose();
  });
});
