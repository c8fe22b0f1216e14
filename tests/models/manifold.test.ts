import { describe, expect, test } from 'vitest';
import { inverseNormalCdf, manifoldGrid, normalCdf } from '../../models/manifold.js';

describe('the manifold grid', () => {
  test.each([
    { p: 0.5, z: 0 },
    { p: 0.975, z: 1.959963984540054 },
    { p: 0.05, z: -1.6448536269514729 },
    { p: 0.95, z: 1.6448536269514729 },
    { p: 0.001, z: -3.090232306167813 },
    { p: 1e-9, z: -5.997807015007686 },
  ])('Φ⁻¹($p) = $z', ({ p, z }) => {
    expect(inverseNormalCdf(p)).toBeCloseTo(z, 7);
  });

  test('Φ(Φ⁻¹(p)) = p across (0, 1), and the edges are infinite', () => {
    for (let p = 0.01; p < 1; p += 0.01) expect(normalCdf(inverseNormalCdf(p))).toBeCloseTo(p, 6);
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(inverseNormalCdf(1.5)).toBeNaN();
  });

  test('a steps × steps grid of Φ⁻¹ of evenly spaced probabilities, z₂ growing upwards', () => {
    const steps = 5;
    const z = manifoldGrid(steps);
    expect(z.length).toBe(steps * steps * 2);
    const at = (r: number, c: number) => [z[2 * (r * steps + c)], z[2 * (r * steps + c) + 1]];
    expect(at(0, 0)[0]).toBeCloseTo(-1.6448536, 5); // left column: Φ⁻¹(0.05)
    expect(at(0, 0)[1]).toBeCloseTo(1.6448536, 5); // top row: Φ⁻¹(0.95)
    expect(at(2, 2)[0]).toBeCloseTo(0, 6);
    expect(at(4, 4)[1]).toBeCloseTo(-1.6448536, 5);
    expect(at(1, 3)[0]).toBeCloseTo(inverseNormalCdf(0.725), 5);
    expect(() => manifoldGrid(0)).toThrow();
  });
});
