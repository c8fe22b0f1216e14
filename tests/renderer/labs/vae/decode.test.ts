import { describe, expect, it } from 'vitest';
import {
  checkSnapshot,
  createLatentDecoder,
  interpolateCodes,
  planeToLatent,
} from '../../../../renderer/labs/vae/decode.js';

/** A seeded generator for weights (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function snapshot(d: number, h: number, side: number, seed = 7) {
  const r = rng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => (r() - 0.5) * 2);
  const o = side * side;
  return {
    latentDim: d,
    hiddenDim: h,
    outputDim: o,
    imageWidth: side,
    imageHeight: side,
    w1: fill(d * h),
    b1: fill(h),
    w2: fill(h * o),
    b2: fill(o),
  };
}

/** The formula written out with nested loops in float64: sigmoid(relu(z·w1 + b1)·w2 + b2). */
function reference(s: ReturnType<typeof snapshot>, z: number[]): number[] {
  const hidden = Array.from({ length: s.hiddenDim }, (_, j) => {
    let a = s.b1[j]!;
    for (let i = 0; i < s.latentDim; i++) a += z[i]! * s.w1[i * s.hiddenDim + j]!;
    return Math.max(0, a);
  });
  return Array.from({ length: s.outputDim }, (_, k) => {
    let a = s.b2[k]!;
    for (let j = 0; j < s.hiddenDim; j++) a += hidden[j]! * s.w2[j * s.outputDim + k]!;
    return 1 / (1 + Math.exp(-a));
  });
}

describe('the local decoder', () => {
  it.each([
    [2, 16, [0.3, -1.2]],
    [5, 32, [1, 0, -0.5, 2, 0.25]],
    [1, 8, [-2]],
  ])('matches sigmoid(relu(z·w1 + b1)·w2 + b2) for d = %i, h = %i', (d, h, z) => {
    const s = snapshot(d, h, 4);
    const out = createLatentDecoder(s).decode(z, new Float32Array(16));
    const want = reference(s, z);
    out.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 5));
  });

  it('reuses its buffers: decoding twice gives the same digit', () => {
    const s = snapshot(2, 16, 4);
    const decoder = createLatentDecoder(s);
    const a = Float32Array.from(decoder.decode([1, 1], new Float32Array(16)));
    decoder.decode([-3, 2], new Float32Array(16));
    expect([...decoder.decode([1, 1], new Float32Array(16))]).toEqual([...a]);
  });

  it('refuses a snapshot whose weights do not match its shape', () => {
    const s = { ...snapshot(2, 16, 4), w2: new Float32Array(10) };
    expect(checkSnapshot(s)).toMatch(/w2 has 10 values/);
    expect(() => createLatentDecoder(s)).toThrow(/bad decoder snapshot/);
  });
});

describe('the plane under the pointer', () => {
  it('is z itself for d = 2', () => {
    expect([...planeToLatent(0.5, -1, 2, null, new Float32Array(2))]).toEqual([0.5, -1]);
  });

  it('is center + x·axes[0] + y·axes[1] for d > 2', () => {
    const projection = {
      center: Float32Array.from([1, 2, 3]),
      axes: Float32Array.from([1, 0, 0, 0, 0, 1]),
    };
    expect([...planeToLatent(2, -1, 3, projection, new Float32Array(3))]).toEqual([3, 2, 2]);
  });
});

describe('interpolation codes', () => {
  it('start at a, end at b and move in equal steps', () => {
    const codes = interpolateCodes([0, 10], [4, -10], 5);
    expect([...codes]).toEqual([0, 10, 1, 5, 2, 0, 3, -5, 4, -10]);
  });
});
