/**
 * Toy distributions on the plane, drawn from a seeded generator, and the checks on points a
 * user draws. Every set is an interleaved Float32Array [x₀, y₀, x₁, y₁, …], centred near the
 * origin with a spread of about ±2, so that one set of default step sizes suits them all.
 *
 *   moons     two interleaved half circles (scikit-learn's make_moons), scaled ×1.5
 *   spiral    one arm r = 2θ/(3π), θ ∈ [π/4, 3π], uniform along the arm's parameter
 *   rings     two concentric circles of radii 1 and 2 (make_circles, factor ½)
 *   gaussians a ring of 8 Gaussians of standard deviation 0.1 at radius 2
 * Each point gets isotropic Gaussian noise of standard deviation `noise` (the Gaussians'
 * spread is their own noise).
 */
import type { Rng } from '../rng.js';
import type { Bounds } from './types.js';

export const toyDataNames = ['moons', 'spiral', 'rings', 'gaussians'] as const;
export type ToyDataName = (typeof toyDataNames)[number];

/** The fewest points a user may draw: below this there is no distribution to learn. */
export const minUserPoints = 5;

/** Default noise per dataset (standard deviation, in data units). */
export const defaultToyNoise: Readonly<Record<ToyDataName, number>> = {
  moons: 0.08,
  spiral: 0.05,
  rings: 0.05,
  gaussians: 0.1,
};

type PointMaker = (rng: Rng, i: number, count: number) => readonly [number, number];

const makers: Readonly<Record<ToyDataName, PointMaker>> = {
  moons: (rng, i) => {
    const t = Math.PI * rng.uniform();
    const [x, y] = i % 2 === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    return [1.5 * (x - 0.5), 1.5 * (y - 0.25)];
  },
  spiral: (rng) => {
    const theta = Math.PI / 4 + rng.uniform() * (3 * Math.PI - Math.PI / 4);
    const r = (2 * theta) / (3 * Math.PI);
    return [r * Math.cos(theta), r * Math.sin(theta)];
  },
  rings: (rng, i) => {
    const t = 2 * Math.PI * rng.uniform();
    const r = i % 2 === 0 ? 2 : 1;
    return [r * Math.cos(t), r * Math.sin(t)];
  },
  gaussians: (rng) => {
    const t = (2 * Math.PI * rng.int(8)) / 8;
    return [2 * Math.cos(t), 2 * Math.sin(t)];
  },
};

/** `count` points of the named distribution, with Gaussian noise of standard deviation `noise`. */
export function toyData(
  name: ToyDataName,
  count: number,
  rng: Rng,
  noise = defaultToyNoise[name],
): Float32Array {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`The number of points must be a positive integer, got ${count}.`);
  if (!(noise >= 0)) throw new Error(`The noise must be a number ≥ 0, got ${noise}.`);
  const out = new Float32Array(2 * count);
  const make = makers[name];
  for (let i = 0; i < count; i++) {
    const [x, y] = make(rng, i, count);
    out[2 * i] = x + noise * rng.normal();
    out[2 * i + 1] = y + noise * rng.normal();
  }
  return out;
}

/**
 * Points a user drew, as an interleaved array: checked and copied. Throws an Error with a
 * sentence a user can act on when there are too few points or a coordinate is not finite.
 */
export function checkUserPoints(points: ArrayLike<number>): Float32Array {
  if (points.length % 2 !== 0) {
    throw new Error(`Points come as x, y pairs, but ${points.length} coordinates were given.`);
  }
  const count = points.length / 2;
  if (count < minUserPoints) {
    throw new Error(`Draw at least ${minUserPoints} points to train on (got ${count}).`);
  }
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) {
      throw new Error(`Point ${Math.floor(i / 2) + 1} has a coordinate that is not a finite number.`);
    }
  }
  return Float32Array.from(points);
}

/**
 * The data's bounding box grown by `pad` × its larger side on every side (and at least
 * `minHalfSide` around the centre), so that a landscape shows what lies around the data.
 */
export function dataBounds(points: Float32Array, pad = 0.25, minHalfSide = 0.5): Bounds {
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i] as number;
    const y = points[i + 1] as number;
    [xMin, xMax, yMin, yMax] = [Math.min(xMin, x), Math.max(xMax, x), Math.min(yMin, y), Math.max(yMax, y)];
  }
  if (!Number.isFinite(xMin)) throw new Error('There are no points to bound.');
  const margin = pad * Math.max(xMax - xMin, yMax - yMin);
  const [cx, cy] = [(xMin + xMax) / 2, (yMin + yMax) / 2];
  const hx = Math.max((xMax - xMin) / 2 + margin, minHalfSide);
  const hy = Math.max((yMax - yMin) / 2 + margin, minHalfSide);
  return { xMin: cx - hx, xMax: cx + hx, yMin: cy - hy, yMax: cy + hy };
}

/** `batchSize` points drawn uniformly with replacement from `points` (interleaved). */
export function sampleBatch(points: Float32Array, batchSize: number, rng: Rng): Float32Array {
  const count = points.length / 2;
  const out = new Float32Array(2 * batchSize);
  for (let i = 0; i < batchSize; i++) {
    const j = rng.int(count);
    out[2 * i] = points[2 * j] as number;
    out[2 * i + 1] = points[2 * j + 1] as number;
  }
  return out;
}

/** `count` points uniform in `bounds` (interleaved). */
export function uniformPoints(bounds: Bounds, count: number, rng: Rng): Float32Array {
  const out = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    out[2 * i] = bounds.xMin + (bounds.xMax - bounds.xMin) * rng.uniform();
    out[2 * i + 1] = bounds.yMin + (bounds.yMax - bounds.yMin) * rng.uniform();
  }
  return out;
}
