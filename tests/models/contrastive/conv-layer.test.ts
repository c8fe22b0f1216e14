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
  {
    name: '3×3 stride 2 with ReLU on 16×16×2',
    x: [3, 16, 16, 2],
    w: [3, 3, 2, 4],
    stride: 2,
    act: 'relu',
    padding: 0,
  },
  {
    name: '3×3 stride 2, padding 1, ReLU, on 14×14×3 (the encoder’s)',
    x: [2, 14, 14, 3],
    w: [3, 3, 3, 5],
    stride: 2,
    act: 'relu',
    padding: 1,
  },
  {
    name: '3×3 stride 2, padding 1, linear, on an odd 15×15×3',
    x: [2, 15, 15, 3],
    w: [3, 3, 3, 5],
    stride: 2,
    act: 'linear',
    padding: 1,
  },
  {
    name: '5×5 stride 1, padding 2, ReLU, on 9×9×1',
    x: [2, 9, 9, 1],
    w: [5, 5, 1, 3],
    stride: 1,
    act: 'relu',
    padding: 2,
  },
  {
    name: '3×3 stride 3, linear, on 10×10×2',
    x: [2, 10, 10, 2],
    w: [3, 3, 2, 2],
    stride: 3,
    act: 'linear',
    padding: 0,
  },
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
    const margin: [number, number] = [c.padding, c.padding];
    const stock: Layer = (x, w, b) => {
      const y = tf.add(
        tf.conv2d(tf.pad(x, [[0, 0], margin, margin, [0, 0]]), w, c.stride, 'valid'),
        b,
      ) as tf.Tensor4D;
      return act === 'relu' ? tf.relu(y) : y;
    };
    const outShape = stock(...(inputs as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D])).shape;
    const r = normalTensor(outShape, 4);
    const expected = tf.grads(weighted(stock, r))(inputs);
    const expectedValue = weighted(stock, r)(...(inputs as [tf.Tensor, tf.Tensor, tf.Tensor]));
    await useBackend(backend); // tensors made on cpu move over on first use
    const ours = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) =>
      convLayer(x, w, b, c.stride, act, { padding: c.padding });
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

test('with inputGradient false the gradient into x is zeros and the others are unchanged', async () => {
  await useBackend('wasm');
  const inputs = [normalTensor([2, 8, 8, 1], 1), normalTensor([3, 3, 1, 2], 2), normalTensor([2], 3)];
  const r = normalTensor([2, 4, 4, 2], 4);
  const layer =
    (inputGradient: boolean): Layer =>
    (x, w, b) =>
      convLayer(x, w, b, 2, 'relu', { padding: 1, inputGradient });
  const [dx, dw, db] = tf.grads(weighted(layer(false), r))(inputs) as [tf.Tensor, tf.Tensor, tf.Tensor];
  const full = tf.grads(weighted(layer(true), r))(inputs);
  expect(Array.from(dx.dataSync()).every((v) => v === 0)).toBe(true);
  expect(maxRelativeError(dw.dataSync(), (full[1] as tf.Tensor).dataSync())).toBe(0);
  expect(maxRelativeError(db.dataSync(), (full[2] as tf.Tensor).dataSync())).toBe(0);
  expect(() =>
    layer(true)(inputs[0] as tf.Tensor4D, inputs[1] as tf.Tensor4D, inputs[2] as tf.Tensor1D),
  ).not.toThrow();
  expect(() =>
    convLayer(inputs[0] as tf.Tensor4D, inputs[1] as tf.Tensor4D, inputs[2] as tf.Tensor1D, 2, 'relu', {
      padding: 3,
    }),
  ).toThrow(/padding/);
  tf.dispose([...inputs, r, dx, dw, db, ...full]);
});
