import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { columnSums, linear, matMulNT, matMulTN, type LinearActivation } from '../../../models/vae/linear.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError, testBackends, useBackend } from '../backends.js';

function randomMatrix(rows: number, cols: number, seed: number): tf.Tensor2D {
  const rng = createRng(seed);
  return tf.tensor2d(
    Float32Array.from({ length: rows * cols }, () => rng.normal()),
    [rows, cols],
  );
}

/** The layer as one would write it with stock ops: tfjs's own (transposed-matMul) gradients. */
function stockLinear(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  act: LinearActivation = 'linear',
): tf.Tensor2D {
  const y = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  return act === 'relu' ? tf.relu(y) : y;
}

describe.each(testBackends)('the wasm-friendly linear layer on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  test('transposed products and column sums equal their definitions', () => {
    tf.tidy(() => {
      const a = randomMatrix(5, 3, 1);
      const b = randomMatrix(5, 4, 2);
      const c = randomMatrix(6, 3, 3);
      expect(
        maxRelativeError(matMulTN(a, b).dataSync(), tf.matMul(a, b, true, false).dataSync()),
      ).toBeLessThan(1e-6);
      expect(
        maxRelativeError(matMulNT(a, c).dataSync(), tf.matMul(a, c, false, true).dataSync()),
      ).toBeLessThan(1e-6);
      expect(maxRelativeError(columnSums(b).dataSync(), tf.sum(b, 0).dataSync())).toBeLessThan(1e-6);
    });
  });

  test.each(['linear', 'relu'] as const)('%s: forward and gradients equal the stock layer to 1e-5', (act) => {
    tf.tidy(() => {
      const [batch, nIn, nOut] = [32, 50, 24];
      const x = randomMatrix(batch, nIn, 4);
      const w = randomMatrix(nIn, nOut, 5);
      const b = tf.tensor1d(Array.from({ length: nOut }, (_, i) => 0.1 * (i - nOut / 2)));
      const upstream = randomMatrix(batch, nOut, 6); // a non-trivial dL/dy
      const loss = (layer: typeof linear) => (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) =>
        tf.sum(tf.mul(layer(xi as tf.Tensor2D, wi as tf.Tensor2D, bi as tf.Tensor1D, act), upstream));
      const ours = tf.grads(loss(linear))([x, w, b]);
      const stock = tf.grads(loss(stockLinear))([x, w, b]);
      expect(
        maxRelativeError(linear(x, w, b, act).dataSync(), stockLinear(x, w, b, act).dataSync()),
      ).toBeLessThan(1e-5);
      ours.forEach((g, i) => {
        expect(g.shape).toEqual((stock[i] as tf.Tensor).shape);
        expect(maxRelativeError(g.dataSync(), (stock[i] as tf.Tensor).dataSync())).toBeLessThan(1e-5);
      });
    });
  });
});
