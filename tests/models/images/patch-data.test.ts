import { describe, expect, it } from 'vitest';
import { generateDeadLeaves } from '../../../models/images/dead-leaves.js';
import { createGreyImage } from '../../../models/images/image.js';
import { makePatchData } from '../../../models/images/patch-data.js';
import { patchCovariance } from '../../../models/images/zca.js';
import { createRng } from '../../../models/rng.js';

const images = generateDeadLeaves({ size: 64, count: 3 }, createRng(31));

/** Mean correlation between pixels `lag` apart along rows of [n, p²] patches. */
function rowCorrelation(x: Float32Array, p: number, lag: number): number {
  const d = p * p;
  const { cov } = patchCovariance(x, d);
  let sum = 0;
  let n = 0;
  for (let r = 0; r < p; r++) {
    for (let c = 0; c + lag < p; c++) {
      const i = r * p + c;
      const j = i + lag;
      sum += (cov[i * d + j] as number) / Math.sqrt((cov[i * d + i] as number) * (cov[j * d + j] as number));
      n++;
    }
  }
  return sum / n;
}

describe('patch data pipeline', () => {
  it('whitening decorrelates pixels that are correlated without it', () => {
    // Measured here (3 dead-leaves images of 64×64, 8×8 patches), correlation at lags 1 / 2 / 3:
    //   none 0.66 / 0.25 / 0.01;  O&F 0.57 / 0.02 / −0.10;  ZCA 0.14 / −0.04 / −0.02.
    // O&F's R(f) deliberately rolls off above f₀ = 0.4 cycles/pixel, and the σ = 0.5 blur of the
    // generator already did, so neighbours one pixel apart stay correlated after it; from two
    // pixels apart they are not. ZCA decorrelates every lag up to its ε.
    const options = { size: 8, count: 3000 } as const;
    const none = makePatchData(images, { ...options, whitening: 'none' }, createRng(1));
    const of = makePatchData(images, { ...options, whitening: 'olshausen-field' }, createRng(1));
    const zca = makePatchData(images, { ...options, whitening: 'zca' }, createRng(1));
    expect(none.patches.length).toBe(3000 * 64);
    expect(none.zca).toBeUndefined();
    expect(zca.zca?.dim).toBe(64);
    expect(rowCorrelation(none.patches, 8, 1)).toBeGreaterThan(0.5);
    expect(rowCorrelation(none.patches, 8, 2)).toBeGreaterThan(0.2);
    expect(Math.abs(rowCorrelation(of.patches, 8, 2))).toBeLessThan(0.12);
    expect(Math.abs(rowCorrelation(zca.patches, 8, 1))).toBeLessThan(0.25);
    expect(Math.abs(rowCorrelation(zca.patches, 8, 2))).toBeLessThan(0.08);
  });

  it('checks the patch size before whitening anything', () => {
    expect(() =>
      makePatchData(
        [createGreyImage(8, 8)],
        { size: 9, count: 1, whitening: 'olshausen-field' },
        createRng(1),
      ),
    ).toThrow('Patches of 9×9 pixels are larger than image 1 (8×8 pixels)');
  });
});
