import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { shrink, shrinkPerAtom } from '../../../models/sparse/shrinkage.js';
import { testBackends, useBackend } from '../backends.js';

/** [x, θ, sh_θ(x) = sign(x)·max(|x| − θ, 0)] */
const table: readonly (readonly [number, number, number])[] = [
  [3, 1, 2],
  [-3, 1, -2],
  [0.5, 1, 0],
  [-0.5, 1, 0],
  [1, 1, 0], // exactly at the threshold
  [-1, 1, 0],
  [0, 1, 0],
  [2.5, 0, 2.5], // θ = 0 is the identity
  [-2.5, 0, -2.5],
  [1e-3, 1e-4, 9e-4],
  [-7, 2.5, -4.5],
];

describe.each(testBackends)('shrinkage on %s', (backend) => {
  test.each(table)('sh_θ maps x = %d with θ = %d to %d', async (x, theta, expected) => {
    await useBackend(backend);
    const out = shrink(tf.tensor1d([x]), theta);
    expect(out.dataSync()[0]).toBeCloseTo(expected, 6);
    out.dispose();
  });

  test('the per-atom form applies each atom its own threshold and agrees with the scalar form', async () => {
    await useBackend(backend);
    const x = tf.tensor2d(
      table.map(([v]) => v),
      [1, table.length],
    );
    const theta = tf.tensor1d(table.map(([, t]) => t));
    const out = shrinkPerAtom(x, theta);
    Array.from(out.dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo((table[i] as readonly number[])[2] as number, 6),
    );
    const same = shrink(x, 1);
    const perAtom = shrinkPerAtom(x, tf.fill([table.length], 1) as tf.Tensor1D);
    const a = Array.from(perAtom.dataSync());
    Array.from(same.dataSync()).forEach((v, i) => expect(a[i]).toBeCloseTo(v, 6)); // ±0 alike
    tf.dispose([x, theta, out, same, perAtom]);
  });

  test('a negative threshold is refused', async () => {
    await useBackend(backend);
    const x = tf.tensor1d([1]);
    expect(() => shrink(x, -0.1)).toThrow(/≥ 0/);
    x.dispose();
  });
});
