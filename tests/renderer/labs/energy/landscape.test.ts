/** The DAE's arrows on the landscape: from each cell centre of the field grid to g(y), thinned to a readable density. */
import { describe, expect, it } from 'vitest';
import { fieldArrows, planeScales, type Landscape } from '../../../../renderer/labs/energy/landscape.js';

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
