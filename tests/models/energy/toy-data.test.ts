/** The toy distributions, the checks on drawn points, and the helpers around them. */
import { describe, expect, test } from 'vitest';
import {
  checkUserPoints,
  dataBounds,
  minUserPoints,
  sampleBatch,
  toyData,
  toyDataNames,
  uniformPoints,
} from '../../../models/energy/toy-data.js';
import { createRng } from '../../../models/rng.js';

const radii = (pts: Float32Array) =>
  Array.from({ length: pts.length / 2 }, (_, i) => Math.hypot(pts[2 * i]!, pts[2 * i + 1]!));

describe('toy data', () => {
  test.each(toyDataNames)('%s: same seed, same points; finite; within ±3.5', (name) => {
    const a = toyData(name, 400, createRng(7));
    const b = toyData(name, 400, createRng(7));
    const c = toyData(name, 400, createRng(8));
    expect(a).toHaveLength(800);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    for (const v of a) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThan(3.5);
    }
  });

  test('rings lie at radii 1 and 2, half each; the Gaussians at radius 2', () => {
    const rings = radii(toyData('rings', 1000, createRng(1), 0));
    expect(rings.filter((r) => Math.abs(r - 1) < 1e-5)).toHaveLength(500);
    expect(rings.filter((r) => Math.abs(r - 2) < 1e-5)).toHaveLength(500);
    const modes = radii(toyData('gaussians', 1000, createRng(1), 0));
    for (const r of modes) expect(r).toBeCloseTo(2, 5);
  });

  test('the Gaussians fall into 8 clusters at angles kπ/4, each used', () => {
    const pts = toyData('gaussians', 800, createRng(3));
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 800; i++) {
      const k = Math.round(Math.atan2(pts[2 * i + 1]!, pts[2 * i]!) / (Math.PI / 4));
      counts[(k + 8) % 8]++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(60); // 100 expected, sd ≈ 9.4
  });

  test('bad counts and noise get a sentence', () => {
    expect(() => toyData('moons', 0, createRng(1))).toThrow(/positive integer/);
    expect(() => toyData('moons', 10, createRng(1), -1)).toThrow(/noise/);
  });
});

describe('points a user draws', () => {
  test('a handful of finite points pass, copied', () => {
    const input = [0, 0, 1, 1, 2, 0, 1, -1, 0.5, 0.5];
    const out = checkUserPoints(input);
    expect(Array.from(out)).toEqual(input);
  });

  test.each([
    [[0, 0, 1, 1, 2, 2, 3, 3], new RegExp(`at least ${minUserPoints} points`)],
    [[0, 0, 1], /x, y pairs/],
    [[0, 0, 1, 1, 2, Number.NaN, 3, 3, 4, 4], /Point 3 .*not a finite number/],
    [[0, 0, 1, 1, 2, 2, 3, Infinity, 4, 4], /Point 4/],
  ])('%o is rejected with a clear sentence', (points, message) => {
    expect(() => checkUserPoints(points)).toThrow(message);
  });
});

describe('bounds and batches', () => {
  test('dataBounds pads the box and keeps a minimum size around a single spot', () => {
    const b = dataBounds(Float32Array.from([0, 0, 2, 1]), 0.25);
    expect(b).toEqual({ xMin: -0.5, xMax: 2.5, yMin: -0.5, yMax: 1.5 });
    const tiny = dataBounds(Float32Array.from([1, 1, 1, 1]));
    expect(tiny.xMax - tiny.xMin).toBeCloseTo(1);
    expect(() => dataBounds(new Float32Array(0))).toThrow(/no points/);
  });

  test('sampleBatch draws existing points; uniformPoints stays in the box', () => {
    const pts = Float32Array.from([0, 1, 2, 3, 4, 5]);
    const batch = sampleBatch(pts, 50, createRng(2));
    for (let i = 0; i < 50; i++) expect([0, 2, 4]).toContain(batch[2 * i]);
    const box = { xMin: -1, xMax: 0, yMin: 3, yMax: 7 };
    const u = uniformPoints(box, 500, createRng(4));
    for (let i = 0; i < 500; i++) {
      expect(u[2 * i]).toBeGreaterThanOrEqual(-1);
      expect(u[2 * i]).toBeLessThan(0);
      expect(u[2 * i + 1]).toBeGreaterThanOrEqual(3);
      expect(u[2 * i + 1]).toBeLessThan(7);
    }
  });
});
