import { describe, expect, it } from 'vitest';
import {
  axisNames,
  firstWithLabel,
  pickPoint,
  planeScales,
  scatterExtent,
} from '../../renderer/lib/scatter.js';

describe('latent scatter geometry', () => {
  it('frames the central points and ignores a far outlier', () => {
    const pts: number[] = [];
    for (let i = 0; i < 999; i++) pts.push(Math.cos(i), Math.sin(i));
    pts.push(1000, -1000);
    const e = scatterExtent(Float32Array.from(pts));
    expect(e.xMax).toBeLessThan(5);
    expect(e.yMin).toBeGreaterThan(-5);
    expect(e.xMin).toBeLessThan(-1);
  });

  it('gives one latent unit the same length in pixels on both axes', () => {
    const s = planeScales(
      { xMin: -1, xMax: 1, yMin: -4, yMax: 4 },
      { left: 0, top: 0, right: 400, bottom: 200 },
    );
    expect(Math.abs(s.x(1) - s.x(0))).toBeCloseTo(Math.abs(s.y(1) - s.y(0)));
    // The taller extent decides: ±4 fits the 200 px height exactly.
    expect(s.y(4)).toBeCloseTo(0);
    expect(s.y(-4)).toBeCloseTo(200);
  });

  it('picks the nearest point within reach, or none', () => {
    const s = planeScales(
      { xMin: 0, xMax: 10, yMin: 0, yMax: 10 },
      { left: 0, top: 0, right: 100, bottom: 100 },
    );
    const pts = Float32Array.from([1, 1, 5, 5, 9, 9]);
    expect(pickPoint(pts, s, s.x(5.2), s.y(4.9), 10)).toBe(1);
    expect(pickPoint(pts, s, s.x(3), s.y(7), 5)).toBe(-1);
  });

  it('names the axes z₁/z₂ for d = 2 and by principal component for d > 2', () => {
    expect(axisNames(2)).toEqual(['z₁', 'z₂']);
    expect(axisNames(20)[0]).toMatch(/^PC1/);
    expect(firstWithLabel(Uint8Array.from([7, 3, 8, 3]), 3)).toBe(1);
  });
});
