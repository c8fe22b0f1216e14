/**
 * Augmentations of real digits keep the shape and the [0, 1] range, are the identity with
 * everything off, change the image when any one is on, are reproducible from a seed, and
 * reject strengths out of range with a sentence naming the field.
 */
import { describe, expect, test } from 'vitest';
import {
  augmentNames,
  augmentRanges,
  checkAugmentConfig,
  defaultAugmentConfig,
  identityAugmentConfig,
  type AugmentName,
} from '../../../models/contrastive/augment-config.js';
import { augmentBatch, augmentImage, makeViews } from '../../../models/contrastive/augment.js';
import { elasticField, geometryAffine, identityAffine, warpImage } from '../../../models/contrastive/warp.js';
import { createRng } from '../../../models/rng.js';
import { loadDigits } from '../digits.js';

const PIXELS = 784;
const digits = loadDigits(2); // 20 real digits, two per class
const COUNT = 20;

const only = (name: AugmentName, strength: number) => ({
  ...identityAugmentConfig,
  [name]: { on: true, strength },
});

/** A moderate strength per augmentation (the default recipe's). */
const moderate: Record<AugmentName, number> = {
  rotation: 20,
  scale: 0.2,
  translation: 3,
  crop: 0.4,
  elastic: 1.5,
  noise: 0.1,
};

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

describe('augmentations', () => {
  test('with every augmentation off, a view is the image itself', () => {
    const out = augmentBatch(digits, COUNT, identityAugmentConfig, createRng(1));
    expect(out).toEqual(digits);
    expect(out).not.toBe(digits);
  });

  test('switched off, an augmentation is the identity whatever its strength', () => {
    const offButStrong = Object.fromEntries(
      augmentNames.map((name) => [name, { on: false, strength: augmentRanges[name].max }]),
    ) as unknown as typeof identityAugmentConfig;
    expect(augmentBatch(digits, COUNT, offButStrong, createRng(1))).toEqual(digits);
  });

  test.each([0.05, 0.2])(
    'noise of strength %f on mid grey has mean 0 and that standard deviation',
    (sigma) => {
      const grey = new Float32Array(50 * PIXELS).fill(0.5); // clipped only beyond 5σ
      const out = augmentBatch(grey, 50, only('noise', sigma), createRng(4));
      const d = Array.from(out, (v) => v - 0.5);
      const mean = d.reduce((a, v) => a + v, 0) / d.length;
      const sd = Math.sqrt(d.reduce((a, v) => a + (v - mean) ** 2, 0) / d.length);
      expect(Math.abs(mean)).toBeLessThan((5 * sigma) / Math.sqrt(d.length)); // 5 standard errors
      expect(Math.abs(sd / sigma - 1)).toBeLessThan(0.015); // ≈ 4 standard errors
    },
  );

  test('the identity warp reproduces the image exactly', () => {
    const out = new Float32Array(PIXELS);
    warpImage(digits.subarray(0, PIXELS), 28, identityAffine, null, out);
    expect(out).toEqual(digits.subarray(0, PIXELS));
  });

  test.each(augmentNames)('%s alone changes every digit and keeps its shape and [0, 1] range', (name) => {
    const out = augmentBatch(digits, COUNT, only(name, moderate[name]), createRng(2));
    expect(out).toHaveLength(COUNT * PIXELS);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
    for (let i = 0; i < COUNT; i++) {
      const range = [i * PIXELS, (i + 1) * PIXELS] as const;
      expect(maxAbsDifference(out.subarray(...range), digits.subarray(...range))).toBeGreaterThan(0.05);
    }
  });

  test.each(augmentNames)('%s at its largest strength still keeps shape and range', (name) => {
    const out = augmentBatch(digits, COUNT, only(name, augmentRanges[name].max), createRng(3));
    expect(out).toHaveLength(COUNT * PIXELS);
    expect(out.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  });

  test('all together: shape and range kept, two views of one image differ, same seed same views', () => {
    const a = makeViews(digits, COUNT, defaultAugmentConfig, createRng(4));
    const b = makeViews(digits, COUNT, defaultAugmentConfig, createRng(4));
    expect(a.views1).toHaveLength(COUNT * PIXELS);
    expect(a.views1.every((v) => v >= 0 && v <= 1) && a.views2.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(maxAbsDifference(a.views1, a.views2)).toBeGreaterThan(0.1);
    expect(a.views1).toEqual(b.views1);
    expect(a.views2).toEqual(b.views2);
  });

  test('a 90° rotation moves pixel (col, row) to (27 − row, col)', () => {
    const src = digits.subarray(0, PIXELS);
    const turned = warpImage(
      src,
      28,
      geometryAffine({
        angle: Math.PI / 2,
        zoom: 1,
        shiftX: 0,
        shiftY: 0,
        cropX: 0,
        cropY: 0,
        cropWidth: 1,
        cropHeight: 1,
      }),
      null,
      new Float32Array(PIXELS),
    );
    for (let row = 0; row < 28; row++)
      for (let col = 0; col < 28; col++)
        expect(turned[col * 28 + (27 - row)]).toBeCloseTo(src[row * 28 + col] as number, 5);
  });

  test('a 2-pixel translation shifts the digit by 2 pixels', () => {
    const src = digits.subarray(0, PIXELS);
    const g = { angle: 0, zoom: 1, shiftX: 2, shiftY: -1, cropX: 0, cropY: 0, cropWidth: 1, cropHeight: 1 };
    const moved = warpImage(src, 28, geometryAffine(g), null, new Float32Array(PIXELS));
    for (let row = 1; row < 28; row++)
      for (let col = 0; col < 26; col++)
        expect(moved[(row - 1) * 28 + col + 2]).toBeCloseTo(src[row * 28 + col] as number, 5);
  });

  test("the elastic field's RMS displacement is the strength asked for", () => {
    const rng = createRng(5);
    const field = elasticField(28, 1.5, 4, rng.uniform);
    const rms = Math.sqrt(field.reduce((s, v) => s + v * v, 0) / PIXELS);
    expect(rms).toBeCloseTo(1.5, 5);
  });

  test('augmentImage refuses an image of the wrong size', () => {
    expect(() => augmentImage(new Float32Array(100), defaultAugmentConfig, createRng(1))).toThrow(/28×28/);
  });
});

describe('augmentation settings', () => {
  test('the defaults and the identity are valid', () => {
    expect(checkAugmentConfig(defaultAugmentConfig)).toEqual([]);
    expect(checkAugmentConfig(identityAugmentConfig)).toEqual([]);
  });

  test.each([
    [
      'rotation',
      -1,
      /rotation strength in degrees \(augment\.rotation\.strength\) must be a number at least 0 and at most 180, got -1/,
    ],
    ['scale', 0.9, /scale strength .* at most 0\.5, got 0\.9/],
    ['translation', Number.NaN, /translation strength .* at most 8, got NaN/],
    ['crop', 1, /crop strength .* at most 0\.9, got 1/],
    ['elastic', 5, /elastic strength in pixels RMS .* at most 4, got 5/],
    ['noise', Infinity, /noise strength .* got Infinity/],
  ] as const)('a %s strength of %s is refused with its range', (name, strength, message) => {
    const issues = checkAugmentConfig({ ...defaultAugmentConfig, [name]: { on: true, strength } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(`augment.${name}.strength`);
    expect(issues[0]?.message).toMatch(message);
  });
});
