import { describe, expect, test } from 'vitest';
import { createRng } from '../../models/rng.js';
import { fillNormal } from '../../models/ziggurat.js';

/** Complementary error function (Numerical Recipes' erfcc, |error| < 1.2·10⁻⁷ relative). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF Φ(x). */
function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

describe('bulk random numbers', () => {
  test('fillBits gives exactly the stream nextSeed gives, and the generator goes on from there', () => {
    const a = createRng(9);
    const b = createRng(9);
    const bulk = Array.from(a.fillBits(new Uint32Array(1000)));
    expect(bulk).toEqual(Array.from({ length: 1000 }, () => b.nextSeed()));
    expect(a.uniform()).toBe(b.uniform());
  });

  test('ziggurat normals follow N(0, 1): Kolmogorov–Smirnov distance, moments and both tails', () => {
    const n = 200_000;
    const z = Float64Array.from(fillNormal(createRng(4), new Float32Array(n))).sort();
    let ks = 0;
    z.forEach((v, i) => (ks = Math.max(ks, Math.abs(normalCdf(v) - (i + 0.5) / n))));
    expect(ks).toBeLessThan(1.63 / Math.sqrt(n)); // the 1 % critical value
    const mean = z.reduce((s, v) => s + v, 0) / n;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    const kurtosis = z.reduce((s, v) => s + (v - mean) ** 4, 0) / n / variance ** 2;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeCloseTo(1, 2);
    expect(kurtosis).toBeCloseTo(3, 1);
    // Beyond the base strip's edge r ≈ 3.44 the tail algorithm takes over: P(|z| > 3.5) ≈ 4.65e-4.
    const tail = z.filter((v) => Math.abs(v) > 3.5).length / n;
    expect(tail).toBeGreaterThan(2.5e-4);
    expect(tail).toBeLessThan(7e-4);
  });

  test('the same seed gives the same draws; mean and sd scale them', () => {
    const a = fillNormal(createRng(5), new Float32Array(100), 2, 0.5);
    const b = fillNormal(createRng(5), new Float32Array(100));
    a.forEach((v, i) => expect(v).toBeCloseTo(2 + 0.5 * (b[i] as number), 5));
  });
});
