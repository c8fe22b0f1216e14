import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { greyPng } from '../../trainer/png.js';

describe('greyPng', () => {
  it('writes a grey PNG that decodes to the same size and pixels', () => {
    const pixels = Uint8Array.from({ length: 3 * 2 }, (_, i) => i * 40);
    const decoded = PNG.sync.read(Buffer.from(greyPng(3, 2, pixels)));
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    // pngjs decodes to RGBA: each grey value thrice, then an opaque alpha.
    const grey = Array.from({ length: 6 }, (_, i) => decoded.data[4 * i]);
    expect(grey).toEqual(Array.from(pixels));
    expect(decoded.data[1]).toBe(decoded.data[0]);
    expect(decoded.data[3]).toBe(255);
  });
});
