import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineFactory } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import {
  createDictionaryLearner,
  type DictionaryConfig,
  type DictionaryStepStats,
} from '../../../models/sparse/dictionary-learning.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { useBackend } from '../backends.js';
import { loadDigits } from '../digits.js';

const PIXELS = 784;
const onnx: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });
const config: DictionaryConfig = {
  atoms: 64,
  lambda: 1,
  learningRate: 0.5,
  codeIterations: 50,
  init: 'gaussian',
  seed: 1,
};

let digits: Float32Array; // 1,000 real digits, classes interleaved
beforeAll(async () => {
  await useBackend('wasm');
  const byClass = loadDigits(100);
  digits = new Float32Array(1000 * PIXELS);
  for (let i = 0; i < 1000; i++) {
    const source = (i % 10) * 100 + Math.floor(i / 10);
    digits.set(byClass.subarray(source * PIXELS, (source + 1) * PIXELS), i * PIXELS);
  }
});
const batchOf = (b: number, size = 100) => digits.subarray(b * size * PIXELS, (b + 1) * size * PIXELS);

function columnNorms(w: Float32Array, n: number, atoms: number): number[] {
  return Array.from({ length: atoms }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w[i * atoms + j] as number) ** 2;
    return Math.sqrt(s);
  });
}

/** The batch-mean ½‖y − Wz‖² + λ‖z‖₁ of codes z, in float64 from W. */
function energyOf(w: Float32Array, y: Float32Array, z: Float32Array, atoms: number, lambda: number): number {
  const batch = y.length / PIXELS;
  let total = 0;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < PIXELS; i++) {
      let r = y[b * PIXELS + i] as number;
      for (let j = 0; j < atoms; j++) r -= (w[i * atoms + j] as number) * (z[b * atoms + j] as number);
      total += 0.5 * r * r;
    }
    for (let j = 0; j < atoms; j++) total += lambda * Math.abs(z[b * atoms + j] as number);
  }
  return total / batch;
}

describe('dictionary learning on MNIST (onnxruntime)', () => {
  test('reconstruction error falls over 5 epochs while > 80 % of codes stay zero and atoms keep unit norm', async () => {
    const learner = createDictionaryLearner(PIXELS, config, undefined, undefined, onnx);
    const epochs: { reconstruction: number; sparsity: number }[] = [];
    let first = NaN;
    for (let epoch = 0; epoch < 5; epoch++) {
      let reconstruction = 0;
      let sparsity = 0;
      for (let b = 0; b < 10; b++) {
        const stats = await learner.step(batchOf(b));
        if (Number.isNaN(first)) first = stats.reconstruction;
        reconstruction += stats.reconstruction / 10;
        sparsity += stats.sparsity / 10;
        expect(stats.energy).toBeGreaterThan(stats.reconstruction);
      }
      epochs.push({ reconstruction, sparsity });
      const norms = columnNorms(learner.readDictionary(), PIXELS, config.atoms);
      for (const norm of norms) expect(Math.abs(norm - 1)).toBeLessThan(1e-5);
    }
    const last = epochs[4] as { reconstruction: number; sparsity: number };
    expect(last.reconstruction, `first batch ${first}, last epoch ${last.reconstruction}`).toBeLessThan(
      0.8 * first,
    );
    expect(last.reconstruction).toBeLessThan((epochs[0] as { reconstruction: number }).reconstruction);
    for (const { sparsity } of epochs) expect(sparsity).toBeGreaterThan(0.8);
    learner.dispose();
  });

  test("a step's energy is F of its codes under the W it started from, and its L is λ_max(WᵀW)", async () => {
    const learner = createDictionaryLearner(PIXELS, { ...config, atoms: 16 }, undefined, undefined, onnx);
    const y = batchOf(0, 20);
    const w = learner.readDictionary();
    const L = await learner.coder.lipschitz();
    const { codes } = await learner.coder.solve(y, { method: 'fista', iterations: config.codeIterations });
    const stats = await learner.step(y);
    expect(stats.lipschitz).toBeCloseTo(L, 4);
    expect(stats.energy).toBeCloseTo(energyOf(w, y, codes, 16, config.lambda), 3);
    expect(Array.from(learner.readDictionary())).not.toEqual(Array.from(w)); // W moved
    learner.dispose();
  });

  test('a live λ reaches the next step: a larger λ gives sparser codes', async () => {
    const stepWith = async (lambda: number) => {
      const learner = createDictionaryLearner(PIXELS, config, undefined, undefined, onnx);
      await learner.step(batchOf(0));
      learner.setParams({ lambda });
      const stats = await learner.step(batchOf(1));
      learner.dispose();
      return stats;
    };
    const [low, high] = [await stepWith(0.2), await stepWith(3)];
    expect(high.sparsity).toBeGreaterThan(low.sparsity + 0.05);
  });

  test("init 'samples' starts the atoms on normalised training digits", () => {
    const learner = createDictionaryLearner(PIXELS, { ...config, atoms: 8, init: 'samples' }, digits);
    const w = learner.readDictionary();
    for (const norm of columnNorms(w, PIXELS, 8)) expect(norm).toBeCloseTo(1, 5);
    for (let i = 0; i < w.length; i++) expect(w[i]).toBeGreaterThanOrEqual(0); // digits are non-negative
    learner.dispose();
  });

  test('bad configurations are refused with a clear message', () => {
    expect(() => createDictionaryLearner(PIXELS, { ...config, lambda: 0 })).toThrow(/λ must be a positive/);
    expect(() => createDictionaryLearner(PIXELS, { ...config, atoms: 0 })).toThrow(/at least one atom/);
    expect(() => createDictionaryLearner(PIXELS, { ...config, init: 'samples' })).toThrow(
      /needs training samples/,
    );
    const learner = createDictionaryLearner(PIXELS, config);
    expect(() => learner.setParams({ learningRate: -1 })).toThrow(/learning rate must be positive/);
    learner.dispose();
  });
});

/** Median over atoms of the pixels above half the atom's largest |w|: a stroke covers few, a digit many. */
function medianExtent(w: Float32Array, atoms: number): number {
  const extents = Array.from({ length: atoms }, (_, j) => {
    let peak = 0;
    for (let i = 0; i < PIXELS; i++) peak = Math.max(peak, Math.abs(w[i * atoms + j] as number));
    let count = 0;
    for (let i = 0; i < PIXELS; i++) if (Math.abs(w[i * atoms + j] as number) > 0.5 * peak) count++;
    return count;
  }).sort((a, b) => a - b);
  return extents[Math.floor(atoms / 2)] as number;
}

describe('non-negative sparse coding on MNIST (onnxruntime)', () => {
  let many: Float32Array; // 4,000 digits, classes interleaved: 3,900 to learn from, 100 held out
  beforeAll(() => {
    const byClass = loadDigits(400);
    many = new Float32Array(4000 * PIXELS);
    for (let i = 0; i < 4000; i++) {
      const source = (i % 10) * 400 + Math.floor(i / 10);
      many.set(byClass.subarray(source * PIXELS, (source + 1) * PIXELS), i * PIXELS);
    }
  });
  const manyBatch = (b: number) => many.subarray(b * 100 * PIXELS, (b + 1) * 100 * PIXELS);

  /** 3 epochs over 3,900 digits (the lab's MNIST settings) from atoms started on digits; codes of 100 held out. */
  async function learn(nonNegative: boolean) {
    const atoms = 256;
    const settings = {
      atoms,
      lambda: 0.08,
      learningRate: 2,
      codeIterations: 50,
      init: 'samples' as const,
      seed: 1,
    };
    const learner = createDictionaryLearner(PIXELS, { ...settings, nonNegative }, many, undefined, onnx);
    for (let epoch = 0; epoch < 3; epoch++) for (let b = 0; b < 39; b++) await learner.step(manyBatch(b));
    const w = learner.readDictionary();
    const { codes } = await learner.coder.solve(manyBatch(39), {
      method: 'fista',
      iterations: 200,
      lambda: 0.08,
    });
    learner.dispose();
    const active = codes.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0) / 100;
    return { w, codes, active, extent: medianExtent(w, atoms) };
  }

  test('codes and atoms stay ≥ 0; atoms started on whole digits become strokes (under 16 px above half their peak, under half the signed atoms’) and a quarter as many are active (measured 11 vs 27 px, 32 vs 128 atoms)', async () => {
    const [signed, positive] = [await learn(false), await learn(true)];
    expect(positive.w.every((v) => v >= 0)).toBe(true);
    expect(positive.codes.every((v) => v >= 0)).toBe(true);
    expect(signed.w.some((v) => v < 0) && signed.codes.some((v) => v < 0)).toBe(true);
    const sentence = `median atom extent ${positive.extent} px vs signed ${signed.extent}; active atoms per digit ${positive.active} vs ${signed.active}`;
    expect(positive.extent, sentence).toBeLessThan(16);
    expect(positive.extent, sentence).toBeLessThan(signed.extent / 2);
    expect(positive.active, sentence).toBeLessThan(signed.active / 3);
    for (const norm of columnNorms(positive.w, PIXELS, 256)) expect(Math.abs(norm - 1)).toBeLessThan(1e-5);
  });
});

describe('one definition, two engines', () => {
  test('the same seed gives the same first three steps on ONNX Runtime and TensorFlow.js (relative 1e-4)', async () => {
    const run = async (engine: EngineFactory) => {
      const learner = createDictionaryLearner(PIXELS, { ...config, atoms: 32 }, undefined, undefined, engine);
      const out: DictionaryStepStats[] = [];
      for (let b = 0; b < 3; b++) out.push(await learner.step(batchOf(b, 50)));
      learner.dispose();
      return out;
    };
    const [a, b] = [await run(onnx), await run(tfjsEngine)];
    a.forEach((step, i) => {
      const other = b[i] as DictionaryStepStats;
      for (const key of ['energy', 'reconstruction', 'lipschitz'] as const)
        expect(
          Math.abs(step[key] - other[key]) / Math.abs(other[key]),
          `${key} at step ${i + 1}`,
        ).toBeLessThan(1e-4);
      expect(Math.abs(step.sparsity - other.sparsity)).toBeLessThan(2e-3); // a few entries at the threshold may differ
    });
  });
});
