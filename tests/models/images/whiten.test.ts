import { describe, expect, it } from 'vitest';
import { generateDeadLeaves } from '../../../models/images/dead-leaves.js';
import { createGreyImage } from '../../../models/images/image.js';
import { logLogSlope, radialPowerSpectrum } from '../../../models/images/spectrum.js';
import {
  OLSHAUSEN_FIELD_CUTOFF,
  olshausenFieldResponse,
  whitenImage,
  whitenImages,
} from '../../../models/images/whiten.js';
import { createRng } from '../../../models/rng.js';
import { meanSpectrum } from './spectra.js';

const stats = (x: Float32Array) => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return { mean, std: Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length) };
};

describe('Olshausen & Field whitening', () => {
  it('uses R(f) = f·exp(−(f/f₀)⁴) with f₀ = 0.4 cycles/pixel (0.4·N cycles/picture)', () => {
    expect(OLSHAUSEN_FIELD_CUTOFF).toBe(0.4);
    expect(olshausenFieldResponse(0, 0.4)).toBe(0);
    expect(olshausenFieldResponse(0.1, 0.4)).toBeCloseTo(0.1 * Math.exp(-(0.25 ** 4)), 12);
    expect(olshausenFieldResponse(0.4, 0.4)).toBeCloseTo(0.4 / Math.E, 12);
  });

  it('flattens the spectrum of dead leaves at low and mid frequencies', () => {
    // Measured over 2/128 … 1/4 cycles/pixel on 8 images: about −2.0 before, −0.07 … −0.19 after
    // (seeds 7, 8, 9). Above 1/4 the exp(−(f/f₀)⁴) roll-off takes over, by design.
    const images = generateDeadLeaves({ size: 128, count: 8 }, createRng(7));
    const before = logLogSlope(meanSpectrum(images), 2 / 128, 0.25);
    const after = logLogSlope(meanSpectrum(whitenImages(images)), 2 / 128, 0.25);
    expect(before).toBeLessThan(-1.5);
    expect(Math.abs(after)).toBeLessThan(0.4);
    // and the roll-off is there: the top octave falls steeply
    expect(logLogSlope(meanSpectrum(whitenImages(images)), 0.3, 0.5)).toBeLessThan(-2);
  });

  it('keeps the size, and leaves zero mean and the asked standard deviation', () => {
    const [image] = generateDeadLeaves({ size: 64, count: 1 }, createRng(2));
    const white = whitenImage(image!, { targetStd: 0.3 });
    expect([white.width, white.height]).toEqual([64, 64]);
    const { mean, std } = stats(white.pixels);
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    expect(std).toBeCloseTo(0.3, 5);
  });

  it('mirror-pads sizes that are not powers of two and crops back', () => {
    const [big] = generateDeadLeaves({ size: 128, count: 1 }, createRng(3));
    const pixels = new Float32Array(100 * 60);
    for (let y = 0; y < 60; y++) pixels.set(big!.pixels.subarray(y * 128, y * 128 + 100), y * 100);
    const white = whitenImage(createGreyImage(100, 60, pixels));
    expect([white.width, white.height]).toEqual([100, 60]);
    expect(stats(white.pixels).std).toBeCloseTo(1, 5);
    expect(white.pixels.every(Number.isFinite)).toBe(true);
  });

  it('a flat image whitens to zeros, not NaN', () => {
    const white = whitenImage(createGreyImage(16, 16, new Float32Array(256).fill(0.5)));
    expect(white.pixels.every((v) => v === 0)).toBe(true);
  });

  it('refuses a cut-off that is not positive', () => {
    const image = createGreyImage(8, 8);
    expect(() => whitenImage(image, { cutoff: 0 })).toThrow('cut-off f₀ must be > 0');
  });

  it('radial spectrum reports rings up to Nyquist in cycles/pixel', () => {
    const s = radialPowerSpectrum(
      createGreyImage(
        32,
        32,
        Float32Array.from({ length: 1024 }, (_, i) => i % 2),
      ),
    );
    expect(s.frequency.length).toBe(16);
    expect(s.frequency[15]).toBe(0.5);
    // a column stripe pattern (period 2 along x) puts its power at Nyquist
    const top = s.power.indexOf(Math.max(...s.power));
    expect(s.frequency[top]).toBe(0.5);
  });
});
