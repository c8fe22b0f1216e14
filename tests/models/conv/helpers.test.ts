import { describe, expect, test } from 'vitest';
import {
  decoderLipschitz,
  kernelGreys,
  kernelOrientation,
  layoutKernelGrid,
  layoutKernelSweep,
  localContrastNormalise,
  orientedEdgeImages,
  randomCrops,
} from '../../../models/conv/index.js';
import { generateDeadLeaves } from '../../../models/images/dead-leaves.js';
import { createRng } from '../../../models/rng.js';

const K = 9;
const C = (K - 1) / 2;

function kernelOf(f: (x: number, y: number) => number): Float32Array {
  const out = new Float32Array(K * K);
  for (let y = 0; y < K; y++) for (let x = 0; x < K; x++) out[y * K + x] = f(x - C, y - C);
  return out;
}

const degrees = (radians: number) => (radians * 180) / Math.PI;

describe('kernel orientation from the 2-D spectrum', () => {
  test.each([
    { name: 'a vertical edge (varying along x)', f: (x: number) => Math.tanh(x), angle: 0 },
    { name: 'a horizontal edge', f: (_: number, y: number) => Math.tanh(y), angle: 90 },
    { name: 'a horizontal grating', f: (_: number, y: number) => Math.cos(1.5 * y), angle: 90 },
    { name: 'a 45° edge', f: (x: number, y: number) => Math.tanh(x + y), angle: 45 },
    { name: 'a 135° bar', f: (x: number, y: number) => Math.exp(-((x - y) ** 2) / 4), angle: 135 },
  ])('$name has angle $angle° and concentration > 0.4', ({ f, angle }) => {
    const o = kernelOrientation(kernelOf(f), K);
    expect(degrees(o.angle)).toBeCloseTo(angle, 3);
    expect(o.concentration).toBeGreaterThan(0.4);
    expect(o.histogram.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  test('a centre-surround kernel has no orientation, nor does a flat one', () => {
    const dog = kernelOf((x, y) => Math.exp(-(x * x + y * y) / 2) - 0.5 * Math.exp(-(x * x + y * y) / 8));
    expect(kernelOrientation(dog, K).concentration).toBeLessThan(1e-4);
    expect(kernelOrientation(new Float32Array(K * K).fill(3), K).concentration).toBe(0);
  });

  test('random Gaussian kernels are mostly unoriented (median c < 0.2)', () => {
    const rng = createRng(1);
    const cs = Array.from(
      { length: 200 },
      () =>
        kernelOrientation(
          new Float32Array(K * K).map(() => rng.normal()),
          K,
        ).concentration,
    );
    cs.sort((a, b) => a - b);
    expect(cs[100]).toBeLessThan(0.2);
  });

  test('the decoder Lipschitz bound: n copies of a delta give n, a unit kernel at most ‖k‖₁²', () => {
    const delta = kernelOf((x, y) => (x === 0 && y === 0 ? 1 : 0));
    expect(decoderLipschitz([delta, delta, delta], K)).toBeCloseTo(1.1 * 3, 6);
    const edge = kernelOf((x) => Math.tanh(x));
    const l1 = edge.reduce((a, b) => a + Math.abs(b), 0);
    expect(decoderLipschitz([edge], K)).toBeLessThanOrEqual(1.1 * l1 * l1);
  });
});

describe('kernel pictures', () => {
  test('each kernel is contrast-normalised on its own: 0 → 128, its extreme → 1 or 255', () => {
    expect(Array.from(kernelGreys([0, 2, -1]))).toEqual([128, 255, 65]);
    expect(Array.from(kernelGreys([0, 0.001, -0.004]))).toEqual([128, 160, 1]);
    expect(Array.from(kernelGreys([0, 0]))).toEqual([128, 128]);
  });

  test('the sweep lays out one row per model, n = 1 … 64, with gaps', () => {
    const k = 3;
    const sweep = [1, 2, 4, 8, 16, 32, 64].map((n) => ({
      kernels: Array.from({ length: n }, (_, i) =>
        Float32Array.from({ length: k * k }, (_, p) => (p === 4 ? i + 1 : 0)),
      ),
    }));
    const picture = layoutKernelSweep(sweep, k, { scale: 2, gap: 1, background: 0 });
    expect(picture.width).toBe(1 + 64 * (6 + 1));
    expect(picture.height).toBe(1 + 7 * (6 + 1));
    expect(picture.pixels.length).toBe(picture.width * picture.height);
    const at = (x: number, y: number) => picture.pixels[y * picture.width + x];
    // Row 0 has one kernel: its centre pixel is white, its corner mid-grey, the next cell empty.
    expect(at(1 + 2, 1 + 2)).toBe(255);
    expect(at(1, 1)).toBe(128);
    expect(at(1 + 7 + 2, 1 + 2)).toBe(0);
    // The last row is full: its 64th kernel sits in the last cell.
    expect(at(1 + 63 * 7 + 2, 1 + 6 * 7 + 2)).toBe(255);
  });

  test('one model on a near-square grid', () => {
    const kernels = Array.from({ length: 10 }, () => new Float32Array(25).fill(1));
    const picture = layoutKernelGrid(kernels, 5, undefined, { scale: 1, gap: 0 });
    expect([picture.width, picture.height]).toEqual([20, 15]); // 4 columns, 3 rows
    expect(() => layoutKernelGrid([new Float32Array(3)], 5)).toThrow(/3 values, not 5×5/);
  });
});

describe('images for convolutional sparse coding', () => {
  test('local contrast normalisation removes the local mean and equalises the local contrast', () => {
    const [leaves] = generateDeadLeaves({ size: 64, count: 1 }, createRng(2));
    const lcn = localContrastNormalise(leaves!, { sigma: 2 });
    let mean = 0;
    for (const v of lcn.pixels) mean += v / lcn.pixels.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    // A dim copy normalises to the same picture (divisive normalisation).
    const dim = { ...leaves!, pixels: leaves!.pixels.map((v) => 0.1 * v) };
    const again = localContrastNormalise(dim, { sigma: 2, epsilon: 1e-6 });
    for (let i = 0; i < lcn.pixels.length; i += 97)
      expect(again.pixels[i]).toBeCloseTo(lcn.pixels[i] as number, 3);
  });

  test('oriented edges are deterministic for a seed and have straight edges', () => {
    const a = orientedEdgeImages({ size: 16, count: 3, features: 1 }, createRng(5));
    const b = orientedEdgeImages({ size: 16, count: 3, features: 1 }, createRng(5));
    expect(a).toEqual(b);
    // One step edge: the image's own orientation concentration is high.
    for (const image of a)
      expect(kernelOrientation(image.pixels.subarray(0, 15 * 15).slice(), 15).concentration).toBeGreaterThan(
        0.3,
      );
  });

  test('random crops are cut from the images and refuse images that are too small', () => {
    const images = generateDeadLeaves({ size: 48, count: 2 }, createRng(1));
    const crops = randomCrops(images, 32, 5, createRng(2));
    expect(crops.map((c) => [c.width, c.height])).toEqual(Array(5).fill([32, 32]));
    expect(() => randomCrops(images, 64, 1, createRng(2))).toThrow(/64×64.*48×48/);
  });
});
