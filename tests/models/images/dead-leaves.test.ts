import { describe, expect, it } from 'vitest';
import { generateDeadLeaves, sampleRadius } from '../../../models/images/dead-leaves.js';
import { logLogSlope } from '../../../models/images/spectrum.js';
import { createRng } from '../../../models/rng.js';
import { meanSpectrum } from './spectra.js';

describe('dead leaves', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateDeadLeaves({ size: 64, count: 2 }, createRng(5));
    const b = generateDeadLeaves({ size: 64, count: 2 }, createRng(5));
    const c = generateDeadLeaves({ size: 64, count: 2 }, createRng(6));
    expect(a.map((i) => Array.from(i.pixels))).toEqual(b.map((i) => Array.from(i.pixels)));
    expect(Array.from(a[0]?.pixels ?? [])).not.toEqual(Array.from(c[0]?.pixels ?? []));
  });

  it('makes count images of size×size with grey levels in [0, 1] and real contrast', () => {
    const images = generateDeadLeaves({ size: 32, count: 3, blur: 0 }, createRng(1));
    expect(images).toHaveLength(3);
    for (const image of images) {
      expect([image.width, image.height, image.pixels.length]).toEqual([32, 32, 1024]);
      expect(Math.min(...image.pixels)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...image.pixels)).toBeLessThanOrEqual(1);
      expect(new Set(image.pixels).size).toBeGreaterThan(5); // several discs show
    }
  });

  it('has a power spectrum close to 1/f² (log-log slope measured at ≈ −2.0)', () => {
    // Lee, Mumford & Huang 2001: radii ∝ r^−3 give a scale-invariant pile whose spectrum is
    // ≈ 1/f² between 1/r_max and 1/r_min. Averaged over 8 images of 128×128 with σ = 0.5 blur,
    // the slope over 2/128 … 1/4 cycles/pixel came out at about −2.0 (single images vary
    // from −1.6 to −2.2). Above 1/4 the blur bends it down, so the fit stops there.
    const images = generateDeadLeaves({ size: 128, count: 8 }, createRng(7));
    const slope = logLogSlope(meanSpectrum(images), 2 / 128, 0.25);
    expect(slope).toBeGreaterThan(-2.5);
    expect(slope).toBeLessThan(-1.5);
  });

  it('draws radii from p(r) ∝ r^−α by inverse CDF', () => {
    expect(sampleRadius(0, 1, 50, 3)).toBeCloseTo(1, 12);
    expect(sampleRadius(1, 1, 50, 3)).toBeCloseTo(50, 9);
    expect(sampleRadius(0.5, 2, 8, 1)).toBeCloseTo(4, 12); // α = 1: log-uniform, median √(2·8)
    // α = 3 on [1, ∞): P(r > t) = 1/t², so the median is √2.
    expect(sampleRadius(0.5, 1, 1e9, 3)).toBeCloseTo(Math.SQRT2, 6);
  });

  it('refuses impossible settings with a sentence', () => {
    expect(() => generateDeadLeaves({ minRadius: 5, maxRadius: 2 }, createRng(1))).toThrow(
      '0 < minRadius ≤ maxRadius',
    );
    expect(() => generateDeadLeaves({ size: 1 }, createRng(1))).toThrow('size must be');
  });
});
