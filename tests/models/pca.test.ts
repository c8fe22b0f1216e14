import { describe, expect, test } from 'vitest';
import { pca2, projectPoints, projectSpread, symmetricEigen } from '../../models/pca.js';
import { createRng } from '../../models/rng.js';

/** n points of N(center, R diag(scales²) Rᵀ) where R's first columns are the given axes. */
function cloud(n: number, center: number[], axes: number[][], scales: number[], seed: number): Float32Array {
  const d = center.length;
  const rng = createRng(seed);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = center[j] as number;
    axes.forEach((axis, k) => {
      const t = rng.normal() * (scales[k] as number);
      axis.forEach((a, j) => (out[i * d + j] = (out[i * d + j] as number) + a * t));
    });
  }
  return out;
}

const unit = (v: number[]) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('PCA to the plane', () => {
  test('recovers the two main axes, center and variances of an anisotropic Gaussian cloud', () => {
    const d = 6;
    const a1 = unit([1, 2, 0, -1, 0, 0.5]);
    // a2 ⟂ a1, a3 ⟂ both: Gram–Schmidt by hand on simple vectors.
    const raw2 = [0, 1, 1, 2, 0, 0];
    const a2 = unit(raw2.map((x, j) => x - dot(raw2, a1) * (a1[j] as number)));
    const center = [3, -1, 0.5, 0, 2, -2];
    const x = cloud(20_000, center, [a1, a2], [5, 2], 1);
    // A little isotropic noise in every direction.
    const noise = createRng(2);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + 0.1 * noise.normal();
    const p = pca2(x, 20_000, d);
    Array.from(p.center).forEach((c, j) => expect(c).toBeCloseTo(center[j] as number, 1));
    const first = p.axes.subarray(0, d);
    const second = p.axes.subarray(d, 2 * d);
    expect(Math.abs(dot(first, a1))).toBeGreaterThan(0.999);
    expect(Math.abs(dot(second, a2))).toBeGreaterThan(0.995);
    expect(dot(first, second)).toBeCloseTo(0, 5);
    expect(dot(first, first)).toBeCloseTo(1, 5);
    expect(Math.abs(p.variances[0] / 25 - 1)).toBeLessThan(0.05); // 5² (+ 0.1² of noise)
    expect(Math.abs(p.variances[1] / 4 - 1)).toBeLessThan(0.05); // 2²
    // Deterministic sign: the largest component of each axis is positive.
    for (const axis of [first, second]) {
      const big = Array.from(axis).reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
      expect(big).toBeGreaterThan(0);
    }
    // The projected points are the centred points dotted with the axes.
    const again = projectPoints(x.subarray(0, 3 * d), 3, d, p);
    Array.from(again).forEach((v, i) => expect(v).toBeCloseTo(p.points[i] as number, 4));
  });

  test('is deterministic and independent of point order', () => {
    const x = cloud(500, [0, 0, 0], [unit([1, 1, 0]), unit([1, -1, 1])], [3, 1], 3);
    const a = pca2(x, 500, 3);
    const reversed = new Float32Array(x.length);
    for (let i = 0; i < 500; i++) reversed.set(x.subarray(i * 3, i * 3 + 3), (499 - i) * 3);
    const b = pca2(reversed, 500, 3);
    Array.from(a.axes).forEach((v, i) => expect(v).toBeCloseTo(b.axes[i] as number, 5));
  });

  test('handles d = 1 and d = 2', () => {
    const one = pca2(Float32Array.from([1, 2, 3, 6]), 4, 1);
    expect(Array.from(one.axes)).toEqual([1, 0]);
    expect(Array.from(one.points)).toEqual([-2, 0, -1, 0, 0, 0, 3, 0]);
    const two = pca2(Float32Array.from([0, 0, 2, 0, 4, 0]), 3, 2);
    expect(Array.from(two.axes.subarray(0, 2))).toEqual([1, 0]);
  });

  test('the Jacobi eigen-solver diagonalises a symmetric matrix', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const { values, vectors } = symmetricEigen(a, 3);
    for (let k = 0; k < 3; k++) {
      const v = [0, 1, 2].map((j) => vectors[j * 3 + k] as number);
      const av = [0, 1, 2].map((i) => dot(a.subarray(i * 3, i * 3 + 3), v));
      av.forEach((x, i) => expect(x).toBeCloseTo((values[k] as number) * (v[i] as number), 9));
    }
    expect(Array.from(values).reduce((s, x) => s + x, 0)).toBeCloseTo(12, 9); // the trace
  });

  test('projectSpread is √(Σ_j a_kj² σ_j²)', () => {
    const axes = Float32Array.from([0.6, 0.8, 0, 0, 0, 1]);
    const sigmas = Float32Array.from([1, 2, 3, 0.5, 0.5, 0]);
    const spread = projectSpread(sigmas, 2, 3, axes);
    expect(spread[0]).toBeCloseTo(Math.sqrt(0.36 + 0.64 * 4), 5);
    expect(spread[1]).toBeCloseTo(3, 5);
    expect(spread[2]).toBeCloseTo(0.5, 5);
    expect(spread[3]).toBeCloseTo(0, 5);
  });
});
