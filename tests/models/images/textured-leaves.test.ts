import { describe, expect, it } from 'vitest';
import { generateDeadLeaves } from '../../../models/images/dead-leaves.js';
import { generateTexturedLeaves } from '../../../models/images/textured-leaves.js';
import { createRng } from '../../../models/rng.js';
import { meanSpectrum } from './spectra.js';

/** Share of the power above `from` cycles/pixel (of the radially averaged spectrum). */
function highShare(spectrum: ReturnType<typeof meanSpectrum>, from: number): number {
  let high = 0;
  let all = 0;
  spectrum.frequency.forEach((f, i) => {
    const p = spectrum.power[i] as number;
    all += p;
    if (f >= from) high += p;
  });
  return high / all;
}

describe('textured leaves', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateTexturedLeaves({ size: 64, count: 2 }, createRng(5));
    const b = generateTexturedLeaves({ size: 64, count: 2 }, createRng(5));
    const c = generateTexturedLeaves({ size: 64, count: 2 }, createRng(6));
    expect(a.map((i) => Array.from(i.pixels))).toEqual(b.map((i) => Array.from(i.pixels)));
    expect(Array.from(a[0]?.pixels ?? [])).not.toEqual(Array.from(c[0]?.pixels ?? []));
  });

  it('makes count images of size×size with grey levels in [0, 1] and texture inside the discs', () => {
    const images = generateTexturedLeaves({ size: 32, count: 3, blur: 0 }, createRng(1));
    expect(images).toHaveLength(3);
    for (const image of images) {
      expect([image.width, image.height, image.pixels.length]).toEqual([32, 32, 1024]);
      expect(Math.min(...image.pixels)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...image.pixels)).toBeLessThanOrEqual(1);
      // Flat discs would give a handful of grey levels; gratings give hundreds.
      expect(new Set(image.pixels).size).toBeGreaterThan(100);
    }
  });

  it('has more fine-scale power than flat dead leaves (the gratings, periods 3–10 px)', () => {
    const settings = { size: 64, count: 6, minRadius: 12, maxRadius: 64 };
    const textured = meanSpectrum(generateTexturedLeaves(settings, createRng(3)));
    const flat = meanSpectrum(generateDeadLeaves(settings, createRng(3)));
    // Measured: 3.0 % of the power above 0.1 cycles/pixel against 2.2 % for flat discs.
    expect(highShare(textured, 0.1)).toBeGreaterThan(1.2 * highShare(flat, 0.1));
  });

  it('refuses impossible settings with a sentence', () => {
    expect(() => generateTexturedLeaves({ minRadius: 5, maxRadius: 2 }, createRng(1))).toThrow(
      '0 < minRadius ≤ maxRadius',
    );
    expect(() => generateTexturedLeaves({ minPeriod: 1 }, createRng(1))).toThrow('2 ≤ minPeriod');
    expect(() => generateTexturedLeaves({ maxContrast: 2 }, createRng(1))).toThrow('maxContrast');
    expect(() => generateTexturedLeaves({ size: 1 }, createRng(1))).toThrow('size must be');
  });
});
