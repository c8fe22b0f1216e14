/**
 * The strided convolution with its hand-written kernel gradient (the wasm backend has no
 * Conv2DBackpropFilter) gives the same value and gradients as the stock tf.conv2d on cpu.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { convLayer, type ConvActivation } from '../../../models/contrastive/conv-layer.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError, testBackends, useBackend } from '../backends.js';

const cases = [
  { name: '3×3 stride 2 with ReLU on 16×16×2', x: [3, 16, 16, 2], w: [3, 3, 2, 4], stride: 2, act: 'relu' },
  {
    name: '3×3 stride 2, linear, on an odd 15×15×3',
    x: [2, 15, 15, 3],
    w: [3, 3, 3, 5],
    stride: 2,
    act: 'linear',
  },
  { name: '5×5 stride 1 with ReLU on 9×9×1', x: [2, 9, 9, 1], w: [5, 5, 1, 3], stride: 1, act: 'relu' },
  { name: '3×3 stride 3, linear, on 10×10×2', x: [2, 10, 10, 2], w: [3, 3, 2, 2], stride: 3, act: 'linear' },
] as const;

function normalTensor(shape: readonly number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.normal()),
    [...shape],
  );
}

/** Σ r ⊙ layer(x, w, b) for a fixed random r, by a given layer. */
type Layer = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D;
const weighted = (layer: Layer, r: tf.Tensor) => (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
  tf.sum(tf.mul(layer(x as tf.Tensor4D, w as tf.Tensor4D, b as tf.Tensor1D), r));

describe.each(testBackends)('convLayer on %s', (backend) => {
  test.each(cases)('$name: value and gradients equal the stock convolution’s on cpu', async (c) => {
    await useBackend('cpu');
    const inputs = [normalTensor(c.x, 1), normalTensor(c.w, 2), normalTensor([c.w[3]], 3)];
    const act = c.act as ConvActivation;
    const stock: Layer = (x, w, b) => {
      const y = tf.add(tf.conv2d(x, w, c.stride, 'valid'), b) as tf.Tensor4D;
      return act === 'relu' ? tf.relu(y) : y;
    };
    const outShape = stock(...(inputs as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D])).shape;
    const r = normalTensor(outShape, 4);
    const expected = tf.grads(weighted(stock, r))(inputs);
    const expectedValue = weighted(stock, r)(...(inputs as [tf.Tensor, tf.Tensor, tf.Tensor]));
    await useBackend(backend); // tensors made on cpu move over on first use
    const ours = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => convLayer(x, w, b, c.stride, act);
    const got = tf.grads(weighted(ours, r))(inputs);
    const value = weighted(ours, r)(...(inputs as [tf.Tensor, tf.Tensor, tf.Tensor]));
    expect(value.dataSync()[0]).toBeCloseTo(expectedValue.dataSync()[0] as number, 3);
    got.forEach((g, i) => {
      expect(g.shape).toEqual(inputs[i]?.shape);
      expect(maxRelativeError(g.dataSync(), (expected[i] as tf.Tensor).dataSync())).toBeLessThan(1e-5);
    });
    tf.dispose([...inputs, r, ...expected, ...got, value, expectedValue]);
  });
});
