/**
 * PIRL's NCE with a per-image memory bank (Misra & van der Maaten 2020): the loss on the graph
 * against a hand-computed NCE with the bank entry of the same image as the positive; the bank
 * (running averages, negatives never from the batch); and a model whose PIRL steps learn and
 * move only the batch's entries.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { defaultContrastiveConfig } from '../../../models/contrastive/config.js';
import { createContrastiveModel } from '../../../models/contrastive/contrastive-model.js';
import { pirlNce } from '../../../models/contrastive/info-nce.js';
import {
  bankRows,
  createImageBank,
  negativeIndices,
  updateBank,
} from '../../../models/contrastive/pirl-bank.js';
import { createGraph } from '../../../models/graph/builder.js';
import { evaluateReference } from '../../../models/graph/reference.js';
import { createRng } from '../../../models/rng.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { loadDigits } from '../digits.js';

const unit = (v: number[]) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("PIRL's NCE loss", () => {
  test('equals −log h(z, m_I) − Σ log(1 − h(z, m_I′)) with h = e^{s/τ}/(e^{s/τ} + K/D), averaged ½/½ over the two views', () => {
    const rng = createRng(4);
    const rows = (n: number) =>
      Array.from({ length: n }, () => unit([rng.normal(), rng.normal(), rng.normal()]));
    const [z1, z2, bank, negatives] = [rows(3), rows(3), rows(3), rows(5)];
    const [tau, images] = [0.3, 50];
    const noise = negatives.length / images; // K/D
    // By hand, in float64: h and the NCE of each view against the image's own bank entry.
    const h = (z: number[], m: number[]) => Math.exp(dot(z, m) / tau) / (Math.exp(dot(z, m) / tau) + noise);
    const nce = (z: number[], i: number) =>
      -Math.log(h(z, bank[i]!)) - negatives.reduce((s, m) => s + Math.log(1 - h(z, m)), 0);
    const expected = z1.reduce((s, _, i) => s + 0.5 * nce(z2[i]!, i) + 0.5 * nce(z1[i]!, i), 0) / 3;

    const g = createGraph();
    const input = (name: string, n: number) => g.input(name, [n, 3]);
    const loss = pirlNce(
      g,
      input('z1', 3),
      input('z2', 3),
      input('positives', 3),
      input('negatives', 5),
      g.input('invTau', []),
      g.input('logNoise', []),
    );
    g.output('loss', loss);
    const flat = (m: number[][]) => Float64Array.from(m.flat());
    const got = evaluateReference(g, {
      z1: flat(z1),
      z2: flat(z2),
      positives: flat(bank),
      negatives: flat(negatives),
      invTau: Float64Array.of(1 / tau),
      logNoise: Float64Array.of(Math.log(noise)),
    }).loss as Float64Array;
    expect(got[0]).toBeCloseTo(expected, 5); // constants such as 1/N are float32 in the graph
  });
});

describe("PIRL's memory bank", () => {
  test('negatives are drawn without replacement and never from the batch (an anchor never meets its own entry)', () => {
    const bank = createImageBank(new Float32Array(20 * 2).fill(1), 2);
    const rng = createRng(1);
    for (let trial = 0; trial < 50; trial++) {
      const batch = [trial % 20, (trial * 7 + 3) % 20, (trial * 11 + 5) % 20];
      const picked = negativeIndices(bank, batch, 15, rng);
      expect(new Set(picked).size).toBe(15);
      for (const i of picked) expect(batch).not.toContain(i);
    }
    expect(() => negativeIndices(bank, [0, 1, 2, 3, 4, 5], 15, rng)).toThrow(/only 14 images/);
  });

  test('an entry is the normalised running average ½·m + ½·z of its image, the others stay', () => {
    const bank = createImageBank(Float32Array.from([3, 0, 0, 2, 1, 1]), 2); // → (1,0), (0,1), (1,1)/√2
    expect(Array.from(bankRows(bank, [1, 0]))).toEqual([0, 1, 1, 0]);
    updateBank(bank, [0], Float32Array.from([0, 1]));
    const [x, y] = bankRows(bank, [0]);
    expect(x).toBeCloseTo(Math.SQRT1_2, 6);
    expect(y).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Array.from(bankRows(bank, [1]))).toEqual([0, 1]);
  });
});

describe('a PIRL model', () => {
  test('learns (the loss falls) and moves only the bank entries of the images it trained on', async () => {
    const pixels = loadDigits(30); // 300 digits, 30 of each class
    const config = {
      ...defaultContrastiveConfig,
      loss: 'pirl-nce' as const,
      heads: 'separate' as const,
      memoryBankSize: 128,
    };
    const model = createContrastiveModel(config, 3, (state) => createOnnxEngine(ort, state, { threads: 1 }));
    await expect(model.trainStep(pixels.subarray(0, 2 * 784), pixels.subarray(0, 2 * 784))).rejects.toThrow(
      /initBank/,
    );
    await model.initBank(pixels);
    const before = Float32Array.from(model.imageBank!.entries);
    const rng = createRng(2);
    const losses: number[] = [];
    const touched = new Set<number>();
    for (let step = 0; step < 40; step++) {
      const images = Array.from({ length: 32 }, () => rng.int(300)).filter((v, i, a) => a.indexOf(v) === i);
      images.forEach((i) => touched.add(i));
      const batch = new Float32Array(images.length * 784);
      images.forEach((img, r) => batch.set(pixels.subarray(img * 784, (img + 1) * 784), r * 784));
      // the same digit twice (no augmentation): the loss must fall as the views are told apart from the rest
      losses.push((await model.trainStep(batch, batch, undefined, undefined, images)).loss);
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(losses.slice(-5))).toBeLessThan(0.8 * mean(losses.slice(0, 5)));
    const after = model.imageBank!.entries;
    for (let i = 0; i < 300; i++) {
      const moved = after.subarray(i * 32, (i + 1) * 32).some((v, j) => v !== before[i * 32 + j]);
      expect(moved).toBe(touched.has(i));
    }
    model.dispose();
  });
});
