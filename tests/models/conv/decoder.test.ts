import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { convDecode, convDecodeAdjoint, splitKernels } from '../../../models/conv/index.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError, testBackends, useBackend } from '../backends.js';
import { naiveDecode, naiveSingleConvolution, type Dims } from './reference.js';

const cases: readonly Dims[] = [
  { batch: 2, size: 12, n: 3, k: 5 },
  { batch: 1, size: 9, n: 4, k: 9 }, // the kernel as large as the image
  { batch: 3, size: 7, n: 1, k: 1 },
];

function random(count: number, seed: number, sparsity = 0): Float32Array {
  const rng = createRng(seed);
  return new Float32Array(count).map(() => (rng.uniform() < sparsity ? 0 : rng.normal()));
}

describe.each(testBackends)('the convolutional decoder (%s)', (backend) => {
  test.each(cases)(
    'equals the sum of single-kernel convolutions of a naive loop (b $batch, $size×$size, n $n, k $k)',
    async (dims) => {
      await useBackend(backend);
      const { batch, size, n, k } = dims;
      const z = random(batch * size * size * n, 1, 0.7); // sparse codes [b, H, W, n]
      const kernelData = random(k * k * n, 2); // K [k, k, n, 1]
      const kernels = splitKernels(kernelData, k, n);
      const out = tf.tidy(() =>
        convDecode(tf.tensor4d(z, [batch, size, size, n]), tf.tensor4d(kernelData, [k, k, n, 1])),
      );
      expect(out.shape).toEqual([batch, size, size, 1]);
      const expected = naiveDecode(z, kernels, dims);
      expect(maxRelativeError(out.dataSync(), expected)).toBeLessThan(1e-5);
      out.dispose();
      // The sum really is over kernels: one kernel alone does not explain the output.
      if (n > 1)
        expect(
          maxRelativeError(naiveSingleConvolution(z, kernels[0] as Float32Array, 0, dims), expected),
        ).toBeGreaterThan(0.1);
    },
  );

  test('a single code pixel stamps its kernel, unflipped, centred on that pixel', async () => {
    await useBackend(backend);
    const [size, k] = [11, 5];
    const kernel = new Float32Array(k * k).map((_, i) => i + 1); // asymmetric
    const z = new Float32Array(size * size);
    z[4 * size + 6] = 1; // (y, x) = (4, 6)
    const out = tf.tidy(() =>
      convDecode(tf.tensor4d(z, [1, size, size, 1]), tf.tensor4d(kernel, [k, k, 1, 1])),
    );
    const y = out.dataSync();
    for (let u = 0; u < k; u++)
      for (let v = 0; v < k; v++) expect(y[(4 - 2 + u) * size + (6 - 2 + v)]).toBe(kernel[u * k + v]);
    out.dispose();
  });

  test('its adjoint satisfies ⟨K∗Z, R⟩ = ⟨Z, KᵀR⟩', async () => {
    await useBackend(backend);
    const [batch, size, n, k] = [2, 10, 3, 5];
    const [lhs, rhs] = tf.tidy(() => {
      const z = tf.tensor4d(random(batch * size * size * n, 3), [batch, size, size, n]);
      const r = tf.tensor4d(random(batch * size * size, 4), [batch, size, size, 1]);
      const kernels = tf.tensor4d(random(k * k * n, 5), [k, k, n, 1]);
      return [
        tf.sum(tf.mul(convDecode(z, kernels), r)).dataSync()[0],
        tf.sum(tf.mul(z, convDecodeAdjoint(r, kernels))).dataSync()[0],
      ];
    }) as unknown as [number, number];
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * Math.abs(lhs) + 1e-3);
  });
});
