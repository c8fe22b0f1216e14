import { describe, expect, it } from 'vitest';
import { generateDeadLeaves } from '../../../models/images/dead-leaves.js';
import { createGreyImage } from '../../../models/images/image.js';
import {
  checkPatchSize,
  gridPatches,
  normalisePatches,
  samplePatches,
} from '../../../models/images/patches.js';
import { createRng } from '../../../models/rng.js';

const images = generateDeadLeaves({ size: 48, count: 3 }, createRng(21));

function rowStats(x: Float32Array, dim: number, i: number): { mean: number; std: number } {
  const row = x.subarray(i * dim, (i + 1) * dim);
  const mean = row.reduce((a, b) => a + b, 0) / dim;
  return { mean, std: Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / dim) };
}

describe('patches', () => {
  it('returns [count, p²] values', () => {
    expect(samplePatches(images, { size: 8, count: 50 }, createRng(1)).length).toBe(50 * 64);
  });

  it('gives each patch zero mean and unit std (std/(std + ε) with ε = 1e-6)', () => {
    const x = samplePatches(images, { size: 8, count: 200, epsilon: 1e-6, minStd: 0.02 }, createRng(2));
    for (let i = 0; i < 200; i++) {
      const { mean, std } = rowStats(x, 64, i);
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(std).toBeCloseTo(1, 3);
    }
  });

  it('turns a flat patch into zeros', () => {
    const flat = Float32Array.from({ length: 16 }, () => 0.7);
    expect(Array.from(normalisePatches(flat, 16))).toEqual(Array(16).fill(0));
  });

  it('is deterministic for a seed', () => {
    const a = samplePatches(images, { size: 5, count: 30 }, createRng(3));
    const b = samplePatches(images, { size: 5, count: 30 }, createRng(3));
    const c = samplePatches(images, { size: 5, count: 30 }, createRng(4));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('cuts the exact pixels: a raw patch is a window of one of the images', () => {
    const ramp = createGreyImage(
      10,
      10,
      Float32Array.from({ length: 100 }, (_, i) => i),
    );
    const x = samplePatches([ramp], { size: 3, count: 5, normalise: false }, createRng(5));
    for (let i = 0; i < 5; i++) {
      const corner = x[i * 9] as number;
      const expected = [0, 1, 2, 10, 11, 12, 20, 21, 22].map((d) => corner + d);
      expect(Array.from(x.subarray(i * 9, i * 9 + 9))).toEqual(expected);
    }
  });

  it('with minStd skips low-contrast patches, and says so when there are none', () => {
    const x = samplePatches(images, { size: 8, count: 100, minStd: 0.05, normalise: false }, createRng(6));
    for (let i = 0; i < 100; i++) expect(rowStats(x, 64, i).std).toBeGreaterThanOrEqual(0.05 - 1e-6);
    const flat = createGreyImage(20, 20, new Float32Array(400).fill(0.5));
    expect(() => samplePatches([flat], { size: 4, count: 3, minStd: 0.01 }, createRng(7))).toThrow(
      'Only 0 of 3 patches of 4×4 have a contrast (std) of at least 0.01',
    );
  });

  it('on a grid takes every stride-th corner', () => {
    const image = createGreyImage(10, 7);
    // corners x ∈ {0, 3, 6}, y ∈ {0, 3}: 6 patches of 4×4
    expect(gridPatches([image, image], 4, 3).length).toBe(2 * 6 * 16);
  });

  it('refuses patches larger than an image, naming the patch size and the image size', () => {
    const small = createGreyImage(12, 10);
    expect(() => samplePatches([images[0]!, small], { size: 16, count: 1 }, createRng(1))).toThrow(
      'Patches of 16×16 pixels are larger than image 2 (12×10 pixels); choose a patch size of at most 10.',
    );
    expect(() => gridPatches([small], 11, 1)).toThrow('11×11');
    expect(() => checkPatchSize([], 8)).toThrow('no images');
    expect(() => checkPatchSize(images, 0)).toThrow('whole number of pixels ≥ 1');
  });
});
