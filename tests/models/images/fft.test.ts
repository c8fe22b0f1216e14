import { describe, expect, it } from 'vitest';
import { binFrequency, fft, fft2d, isPowerOfTwo, nextPowerOfTwo } from '../../../models/images/fft.js';
import { createRng } from '../../../models/rng.js';

/** The O(N²) definition X[k] = Σₙ x[n]·exp(−2πi·kn/N): the oracle. */
function naiveDft(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * k * t) / n;
      outRe[k] = (outRe[k] as number) + (re[t] as number) * Math.cos(a) - (im[t] as number) * Math.sin(a);
      outIm[k] = (outIm[k] as number) + (re[t] as number) * Math.sin(a) + (im[t] as number) * Math.cos(a);
    }
  }
  return { re: outRe, im: outIm };
}

function randomComplex(n: number, seed: number): { re: Float64Array; im: Float64Array } {
  const rng = createRng(seed);
  return {
    re: Float64Array.from({ length: n }, () => rng.normal()),
    im: Float64Array.from({ length: n }, () => rng.normal()),
  };
}

const maxDiff = (a: Float64Array, b: Float64Array): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);

describe('fft', () => {
  it.each([1, 2, 4, 8, 32])('matches the naive DFT for N = %i', (n) => {
    const x = randomComplex(n, n);
    const expected = naiveDft(x.re, x.im);
    fft(x.re, x.im);
    expect(maxDiff(x.re, expected.re)).toBeLessThan(1e-9);
    expect(maxDiff(x.im, expected.im)).toBeLessThan(1e-9);
  });

  it('gives back the input after the inverse transform', () => {
    const x = randomComplex(256, 3);
    const re = x.re.slice();
    const im = x.im.slice();
    fft(re, im);
    expect(maxDiff(re, x.re)).toBeGreaterThan(1); // it did transform
    fft(re, im, true);
    expect(maxDiff(re, x.re)).toBeLessThan(1e-12);
    expect(maxDiff(im, x.im)).toBeLessThan(1e-12);
  });

  it('round-trips a non-square 2-D array and puts a pure cosine in its two bins', () => {
    const width = 16;
    const height = 8;
    const re = new Float64Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) re[y * width + x] = Math.cos((2 * Math.PI * 3 * x) / width);
    const original = re.slice();
    const im = new Float64Array(width * height);
    fft2d(re, im, height, width);
    const big = [...re].map((v, i) => [Math.hypot(v, im[i] as number), i] as const).filter(([m]) => m > 1e-6);
    expect(big.map(([, i]) => i).sort((a, b) => a - b)).toEqual([3, width - 3]);
    expect(big[0]?.[0]).toBeCloseTo((width * height) / 2, 9);
    fft2d(re, im, height, width, true);
    expect(maxDiff(re, original)).toBeLessThan(1e-12);
  });

  it('refuses lengths that are not powers of two', () => {
    expect(() => fft(new Float64Array(12), new Float64Array(12))).toThrow('length 12 is not a power of two');
    expect(() => fft2d(new Float64Array(24), new Float64Array(24), 4, 6)).toThrow('width 6');
  });

  it('has the helpers it needs', () => {
    expect([1, 2, 64, 3, 0, 96].map(isPowerOfTwo)).toEqual([true, true, true, false, false, false]);
    expect([1, 3, 64, 65].map(nextPowerOfTwo)).toEqual([1, 4, 64, 128]);
    expect([0, 1, 4, 5, 7].map((k) => binFrequency(k, 8))).toEqual([0, 0.125, -0.5, -0.375, -0.125]);
  });
});
