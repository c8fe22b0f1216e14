/** The DAE's arrows on the landscape: from each cell centre of the field grid to g(y), thinned to a readable density. */
import { describe, expect, it } from 'vitest';
import {
  fieldArrows,
  legendValue,
  planeScales,
  shownEnergy,
  type Landscape,
} from '../../../../renderer/labs/energy/landscape.js';

describe("the DAE's arrows", () => {
  it('start at the field grid’s cell centres (row 0 at the top) and keep every other one when thinned', () => {
    const n = 24;
    const field = new Float32Array(2 * n * n).fill(0); // every arrow ends at (0, 0)
    const land: Landscape = {
      step: 1,
      size: 4,
      energy: new Float32Array(16),
      data: new Float32Array(2),
      samples: null,
      field,
      fieldSize: n,
      extent: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
      method: 'dae',
    };
    const scales = planeScales(land.extent, 240);
    const all = fieldArrows(land, scales);
    expect(all).toHaveLength(n * n);
    const [first] = all; // the top-left cell centre (5, 5) → the origin (120, 120)
    for (const [got, want] of [
      [first!.x1, 5],
      [first!.y1, 5],
      [first!.x2, 120],
      [first!.y2, 120],
    ] as const)
      expect(got).toBeCloseTo(want, 6);
    const thinned = fieldArrows(land, scales, 2);
    expect(thinned).toHaveLength((n / 2) ** 2);
    expect(thinned[1]!.x1).toBeCloseTo(25, 6); // the next arrow two cells (20 px) to the right
  });
});

describe('the colours of a landscape', () => {
  const land = (method: string, energy: number[]): Landscape => ({
    step: 1,
    size: 2,
    energy: Float32Array.from(energy),
    data: new Float32Array(2),
    samples: null,
    field: null,
    fieldSize: 0,
    extent: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
    method,
  });

  it('colours the energy nets linearly and the latent EBMs by log₁₀ E, floored at 10⁻⁴ of the 90th percentile', () => {
    const cd = shownEnergy(land('cd', [0.001, 0.01, 0.1, 1]));
    expect(cd.log).toBe(false);
    expect(Array.from(cd.values)).toEqual(Array.from(Float32Array.from([0.001, 0.01, 0.1, 1])));
    const latent = shownEnergy(land('latent', [0, 0.01, 0.1, 1]));
    expect(latent.log).toBe(true);
    // the 90th percentile of four values is the largest, 1: the floor 10⁻⁴ takes the zero
    expect(Array.from(latent.values).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([-4, -2, -1, 0]);
    expect(legendValue(-2, true)).toBeCloseTo(0.01, 12);
    expect(legendValue(-2, false)).toBe(-2);
  });
});
