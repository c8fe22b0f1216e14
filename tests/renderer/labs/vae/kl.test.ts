/** The KL per latent dimension and the prior's place in the drawn plane, on hand-made scatter views. */
import { describe, expect, it } from 'vitest';
import type { ScatterEvent } from '../../../../protocol/messages.js';
import { klPerDimension, latentSpread, priorCentre, varianceTerm } from '../../../../renderer/labs/vae/kl.js';

const view = (
  means: number[],
  sigmas: number[] | null,
  d: number,
  projection: ScatterEvent['projection'] = null,
): ScatterEvent => ({
  type: 'scatter',
  runId: 'r',
  step: 1,
  epoch: 1,
  latentDim: d,
  labels: new Uint8Array(means.length / d),
  means: Float32Array.from(means),
  sigmas: sigmas ? Float32Array.from(sigmas) : null,
  points: new Float32Array((2 * means.length) / d),
  spreads: null,
  projection,
});

describe('the KL per dimension', () => {
  it('is ½(σ² − log σ² − 1 + μ²) averaged over the digits: 0 at the prior, the closed form elsewhere', () => {
    expect(varianceTerm(1)).toBe(0);
    // two digits, d = 2: dimension 0 at the prior (μ = 0, σ = 1); dimension 1 with μ = ±2, σ = 0.5
    const dims = klPerDimension(view([0, 2, 0, -2], [1, 0.5, 1, 0.5], 2))!;
    expect(dims[0]).toEqual({ variance: 1, meanSquare: 0, kl: 0 });
    expect(dims[1]!.variance).toBeCloseTo(0.25, 6);
    expect(dims[1]!.meanSquare).toBeCloseTo(4, 6);
    expect(dims[1]!.kl).toBeCloseTo(0.5 * (0.25 - Math.log(0.25) - 1 + 4), 6);
    expect(klPerDimension(view([0, 1], null, 2))).toBeNull(); // the classic autoencoder has no σ
  });

  it('puts the prior at the origin for d = 2 and at −A·c in a PCA plane (x = A(z − c))', () => {
    expect(priorCentre(view([0, 0], [1, 1], 2))).toEqual([0, 0]);
    const projection = { center: Float32Array.from([1, 2, 3]), axes: Float32Array.from([1, 0, 0, 0, 0, 1]) };
    expect(priorCentre(view([0, 0, 0], [1, 1, 1], 3, projection))).toEqual([-1, -3]);
  });

  it('measures the spread of the codes: mean ‖μ‖ over all d dimensions, mean σ and the summed KL', () => {
    // two digits, d = 2: μ = (3, 4) and (0, 0); σ = 0.5 and 1 in both dimensions
    const spread = latentSpread(view([3, 4, 0, 0], [0.5, 0.5, 1, 1], 2))!;
    expect(spread.meanNorm).toBeCloseTo(2.5, 6);
    expect(spread.meanSigma).toBeCloseTo(0.75, 6);
    // KL per digit: ½ Σⱼ (σⱼ² − log σⱼ² − 1 + μⱼ²), averaged over the two digits
    const first = 0.5 * (2 * (0.25 - Math.log(0.25) - 1) + 25);
    expect(spread.kl).toBeCloseTo(first / 2, 5);
    expect(latentSpread(view([3, 4], null, 2))).toEqual({ meanNorm: 5, meanSigma: null, kl: null });
    expect(latentSpread(view([], null, 2))).toBeNull();
  });
});
