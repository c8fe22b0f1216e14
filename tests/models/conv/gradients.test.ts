import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import {
  convDecode,
  convEncode,
  sameConv,
  sameConvOfData,
  splitKernels,
  type ConvNonlinearity,
} from '../../../models/conv/index.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError, testBackends, useBackend } from '../backends.js';
import { naiveAutoencoderLoss, type Dims } from './reference.js';

function random(count: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return new Float32Array(count).map(() => scale * rng.normal());
}

interface ConvGrads {
  readonly dx: Float32Array;
  readonly dw: Float32Array;
  readonly dwOfData: Float32Array;
}

/** Gradients of Σ c ⊙ conv(x, w) by the stock tf.conv2d or by the custom ones. */
function convGradients(
  stock: boolean,
  c: Float32Array,
  x: Float32Array,
  w: Float32Array,
  shapes: number[][],
): ConvGrads {
  return tf.tidy(() => {
    const [xs, ws, ys] = shapes as [
      [number, number, number, number],
      [number, number, number, number],
      [number, number, number, number],
    ];
    const ct = tf.tensor4d(c, ys);
    const xt = tf.tensor4d(x, xs);
    const wt = tf.tensor4d(w, ws);
    const conv = stock ? (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, 1, 'same') : sameConv;
    const [dx, dw] = tf.grads((...[a, b]: tf.Tensor[]) =>
      tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), ct)),
    )([xt, wt]);
    const dwOfData = stock
      ? (dw as tf.Tensor)
      : tf.grad((b: tf.Tensor) => tf.sum(tf.mul(sameConvOfData(xt, b as tf.Tensor4D), ct)))(wt);
    return {
      dx: (dx as tf.Tensor).dataSync() as Float32Array,
      dw: (dw as tf.Tensor).dataSync() as Float32Array,
      dwOfData: dwOfData.dataSync() as Float32Array,
    };
  });
}

describe('the custom convolution gradient', () => {
  test.each([
    { batch: 2, size: 10, c: 1, o: 4, k: 5 },
    { batch: 3, size: 8, c: 3, o: 2, k: 3 },
    { batch: 1, size: 9, c: 2, o: 1, k: 9 },
  ])(
    'matches the stock cpu gradient of conv2d on every backend (b $batch, $size², c $c → o $o, k $k)',
    async ({ batch, size, c, o, k }) => {
      const shapes = [
        [batch, size, size, c],
        [k, k, c, o],
        [batch, size, size, o],
      ];
      const x = random(batch * size * size * c, 1);
      const w = random(k * k * c * o, 2);
      const weights = random(batch * size * size * o, 3);
      await useBackend('cpu');
      const stock = convGradients(true, weights, x, w, shapes); // cpu has Conv2DBackpropFilter
      for (const backend of testBackends) {
        await useBackend(backend);
        const ours = convGradients(false, weights, x, w, shapes);
        expect(maxRelativeError(ours.dx, stock.dx), `${backend} dx`).toBeLessThan(1e-5);
        expect(maxRelativeError(ours.dw, stock.dw), `${backend} dw`).toBeLessThan(1e-5);
        expect(maxRelativeError(ours.dwOfData, stock.dw), `${backend} dw (data input)`).toBeLessThan(1e-5);
      }
    },
  );
});

const dims: Dims = { batch: 2, size: 8, n: 2, k: 3 };
const lambda = 0.3;

describe.each(testBackends)('the auto-encoder loss gradients (%s)', (backend) => {
  test.each(['shrink', 'tanh'] as ConvNonlinearity[])(
    'match central finite differences of a float64 naive loss (%s), for E, g, β and K',
    async (nonlinearity) => {
      await useBackend(backend);
      const { batch, size, n, k } = dims;
      const image = random(batch * size * size, 4);
      const params = {
        encoder: random(k * k * n, 5, 0.5), // E [k, k, 1, n]
        gain: Float32Array.from([0.8, 1.3]),
        threshold: Float32Array.from([0.2, 0.4]),
        decoder: random(k * k * n, 6, 0.5), // K [k, k, n, 1]
      };
      const names = ['encoder', 'gain', 'threshold', 'decoder'] as const;
      const differentiated = nonlinearity === 'tanh' ? names.filter((m) => m !== 'threshold') : names; // tanh has no β
      const grads = tf.tidy(() => {
        const y = tf.tensor4d(image, [batch, size, size, 1]);
        const inputs = {
          encoder: tf.tensor4d(params.encoder, [k, k, 1, n]),
          gain: tf.tensor1d(params.gain),
          threshold: tf.tensor1d(params.threshold),
          decoder: tf.tensor4d(params.decoder, [k, k, n, 1]),
        };
        const f = (...xs: tf.Tensor[]) => {
          const p = { ...inputs, ...Object.fromEntries(differentiated.map((m, i) => [m, xs[i]])) };
          const z = convEncode(y, { kernels: p.encoder, gain: p.gain, threshold: p.threshold }, nonlinearity);
          const recon = tf.mul(tf.sum(tf.square(tf.sub(y, convDecode(z, p.decoder)))), 0.5 / batch);
          return tf.add(recon, tf.mul(tf.sum(tf.abs(z)), lambda / batch)) as tf.Scalar;
        };
        const values = tf.grads(f)(differentiated.map((m) => inputs[m]));
        return Object.fromEntries(
          differentiated.map((m, i) => [m, (values[i] as tf.Tensor).dataSync() as Float32Array]),
        );
      });
      const loss = (p: Record<(typeof names)[number], Float64Array>) =>
        naiveAutoencoderLoss(
          image,
          splitKernels(Float32Array.from(p.decoder), k, n),
          { kernels: splitKernels(Float32Array.from(p.encoder), k, n), gain: p.gain, threshold: p.threshold },
          nonlinearity,
          lambda,
          dims,
        );
      const eps = 1e-4;
      differentiated.forEach((name) => {
        const base = Object.fromEntries(names.map((m) => [m, Float64Array.from(params[m])])) as Record<
          (typeof names)[number],
          Float64Array
        >;
        const numeric = Array.from(params[name], (_, i) => {
          const at = (delta: number) => {
            const p = { ...base, [name]: Float64Array.from(base[name]) };
            p[name][i] = (p[name][i] as number) + delta;
            return loss(p);
          };
          return (at(eps) - at(-eps)) / (2 * eps);
        });
        expect(maxRelativeError(grads[name] as Float32Array, numeric, 1e-2), name).toBeLessThan(2e-3);
      });
    },
  );
});
