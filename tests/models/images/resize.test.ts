import { describe, expect, it } from 'vitest';
import { downscale, fitLongSide } from '../../../models/images/resize.js';
import { createGreyImage, rgbaToGrey } from '../../../models/images/image.js';

describe('downscaling by area', () => {
  it('halves by averaging 2×2 blocks', () => {
    const image = createGreyImage(4, 2, Float32Array.from([0, 2, 4, 6, 2, 4, 6, 8]));
    expect(Array.from(downscale(image, 2, 1).pixels)).toEqual([2, 6]);
  });

  it('keeps the mean for non-integer factors', () => {
    const pixels = Float32Array.from({ length: 7 * 5 }, (_, i) => (i * 37) % 11);
    const out = downscale(createGreyImage(7, 5, pixels), 3, 2);
    const mean = (x: Float32Array) => x.reduce((a, b) => a + b, 0) / x.length;
    expect(mean(out.pixels)).toBeCloseTo(mean(pixels), 5);
  });

  it('fits the long side and keeps the aspect', () => {
    const image = createGreyImage(300, 200);
    expect(fitLongSide(image, 150)).toMatchObject({ width: 150, height: 100 });
    expect(fitLongSide(image, 400)).toBe(image);
  });

  it('converts RGBA to grey by BT.601 luma', () => {
    const grey = rgbaToGrey(Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255]), 3, 1);
    expect(Array.from(grey.pixels).map((v) => +v.toFixed(4))).toEqual([0.299, 0.587, 1]);
  });
});
