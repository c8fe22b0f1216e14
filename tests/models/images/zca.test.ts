import { describe, expect, it } from 'vitest';
import { generateDeadLeaves } from '../../../models/images/dead-leaves.js';
import { samplePatches } from '../../../models/images/patches.js';
import { applyZca, fitZca, patchCovariance, zcaWhiten } from '../../../models/images/zca.js';
import { createRng } from '../../../models/rng.js';

/** max |C − I| over all entries of the covariance of [n, d] patches. */
function distanceFromIdentity(x: Float32Array, d: number): number {
  const { cov } = patchCovariance(x, d);
  let worst = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      worst = Math.max(worst, Math.abs((cov[i * d + j] as number) - (i === j ? 1 : 0)));
  return worst;
}

describe('ZCA whitening', () => {
  const images = generateDeadLeaves({ size: 64, count: 4 }, createRng(11));
  // Raw (un-normalised) 6×6 patches: strongly correlated neighbouring pixels, full rank.
  const raw = samplePatches(images, { size: 6, count: 4000, normalise: false }, createRng(12));

  it('makes the covariance of the whitened patches the identity (ε small)', () => {
    expect(distanceFromIdentity(raw, 36)).toBeGreaterThan(0.5); // far from white before
    const { patches } = zcaWhiten(raw, 36, 1e-6);
    expect(distanceFromIdentity(patches, 36)).toBeLessThan(1e-3);
  });

  it('is symmetric, and with ε shrinks each direction to λ/(λ + ε)', () => {
    const zca = fitZca(raw, 36, 1e-3);
    for (let i = 0; i < 36; i++)
      for (let j = 0; j < 36; j++) expect(zca.matrix[i * 36 + j]).toBe(zca.matrix[j * 36 + i]);
    const { cov } = patchCovariance(applyZca(zca, raw), 36);
    let trace = 0;
    for (let i = 0; i < 36; i++) trace += cov[i * 37] as number;
    const expected = [...zca.eigenvalues].reduce((s, l) => s + l / (l + 1e-3), 0);
    expect(trace).toBeCloseTo(expected, 3);
    expect(trace).toBeLessThan(36);
  });

  it('handles 16×16 patches (d = 256)', () => {
    const x = samplePatches(images, { size: 16, count: 1500 }, createRng(13));
    const zca = fitZca(x, 256, 0.1);
    expect(zca.matrix.length).toBe(256 * 256);
    expect(zca.matrix.every(Number.isFinite)).toBe(true);
  });

  it('refuses patches longer than 256 values and too few patches', () => {
    expect(() => fitZca(new Float32Array(289 * 4), 289)).toThrow('1 to 256 pixels');
    expect(() => fitZca(new Float32Array(36), 36)).toThrow('at least two patches');
  });
});
