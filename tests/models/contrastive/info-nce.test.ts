/**
 * InfoNCE on hand-made similarity matrices against closed forms worked out by hand, the
 * pair losses (NT-Xent and PIRL's InfoNCE, with and without a bank) on tiny embeddings, and
 * their gradients with respect to the unnormalised embeddings against finite differences of
 * a float64 reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import type { ContrastiveLoss } from '../../../models/contrastive/config.js';
import { infoNce, pairLoss, splitSimilarities } from '../../../models/contrastive/info-nce.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError, testBackends, useBackend } from '../backends.js';

const e = Math.E;
const { exp, log } = Math;

interface InfoNceCase {
  readonly name: string;
  readonly sims: number[][];
  readonly positives: number[];
  readonly tau: number;
  readonly excluded?: number[][];
  readonly expected: number;
}

const infoNceCases: InfoNceCase[] = [
  {
    name: 'one positive at 1 and one negative at 0, τ = 1',
    sims: [[1, 0]],
    positives: [0],
    tau: 1,
    expected: log(1 + 1 / e),
  },
  {
    name: 'all similarities equal among 3 columns',
    sims: [[0.5, 0.5, 0.5]],
    positives: [1],
    tau: 1,
    expected: log(3),
  },
  {
    name: 'τ = 0.5 doubles the logits',
    sims: [[1, 0, -1]],
    positives: [0],
    tau: 0.5,
    expected: log(1 + exp(-2) + exp(-4)),
  },
  {
    name: 'a positive that is not the largest similarity',
    sims: [[0.2, 0.9]],
    positives: [0],
    tau: 0.1,
    expected: log(exp(2) + exp(9)) - 2,
  },
  {
    name: 'two rows with themselves excluded (the mean of the rows)',
    sims: [
      [1, 0.8, 0.2],
      [0.3, 1, 0.6],
    ],
    positives: [2, 2],
    tau: 1,
    excluded: [
      [1, 0, 0],
      [0, 1, 0],
    ],
    expected: (log(exp(0.8) + exp(0.2)) - 0.2 + log(exp(0.3) + exp(0.6)) - 0.6) / 2,
  },
  {
    name: 'a positive with every negative excluded costs nothing',
    sims: [[0.3, -0.7, 0.9]],
    positives: [0],
    tau: 0.2,
    excluded: [[0, 1, 1]],
    expected: 0,
  },
];

const z = (rows: number[][]) => tf.tensor2d(rows);

interface PairCase {
  readonly name: string;
  readonly kind: ContrastiveLoss;
  readonly u1: number[][];
  readonly u2: number[][];
  readonly bank: number[][] | null;
  readonly tau: number;
  readonly expected: number;
}

/** Views e₁, e₂ (scaled: the loss normalises them) that agree exactly. */
const pairCases: PairCase[] = [
  {
    name: 'NT-Xent, 2 identical pairs, τ = 1: each view sees its partner (1) and two orthogonal views (0)',
    kind: 'nt-xent',
    u1: [
      [2, 0],
      [0, 3],
    ],
    u2: [
      [1, 0],
      [0, 0.5],
    ],
    bank: null,
    tau: 1,
    expected: log(2 + e) - 1,
  },
  {
    name: 'NT-Xent with a bank entry −e₁ as an extra negative',
    kind: 'nt-xent',
    u1: [
      [1, 0],
      [0, 1],
    ],
    u2: [
      [1, 0],
      [0, 1],
    ],
    bank: [[-1, 0]],
    tau: 1,
    // rows e₁ (twice): log(1 + e + 1 + e⁻¹) − 1; rows e₂ (twice): log(1 + e + 1 + 1) − 1
    expected: (log(2 + e + 1 / e) - 1 + log(3 + e) - 1) / 2,
  },
  {
    name: 'InfoNCE (PIRL), 2 identical pairs, τ = 1: log(1 + e⁻¹)',
    kind: 'info-nce',
    u1: [
      [1, 0],
      [0, 1],
    ],
    u2: [
      [1, 0],
      [0, 1],
    ],
    bank: null,
    tau: 1,
    expected: log(1 + 1 / e),
  },
  {
    name: 'InfoNCE with a bank entry −e₁, τ = 0.5',
    kind: 'info-nce',
    u1: [
      [1, 0],
      [0, 1],
    ],
    u2: [
      [1, 0],
      [0, 1],
    ],
    bank: [[-1, 0]],
    tau: 0.5,
    // row e₁: logits [2, 0, −2]; row e₂: logits [0, 2, 0]
    expected: (log(exp(2) + 1 + exp(-2)) - 2 + log(2 + exp(2)) - 2) / 2,
  },
];

/** Float64 reference of pairLoss for host rows (the oracle for finite differences). */
function referencePairLoss(
  u1: number[][],
  u2: number[][],
  bank: number[][] | null,
  kind: ContrastiveLoss,
  tau: number,
) {
  const unit = (v: number[]) => {
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return v.map((x) => x / norm);
  };
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
  const z1 = u1.map(unit);
  const z2 = u2.map(unit);
  const n = z1.length;
  const rowLoss = (row: number[], keys: number[][], positive: number, skip: number) => {
    const logits = keys.map((k, j) => (j === skip ? -Infinity : dot(row, k) / tau));
    const max = Math.max(...logits);
    return max + log(logits.reduce((s, l) => s + exp(l - max), 0)) - (logits[positive] as number);
  };
  if (kind === 'info-nce') {
    const keys = [...z1, ...(bank ?? [])];
    return z2.reduce((s, row, i) => s + rowLoss(row, keys, i, -1), 0) / n;
  }
  const views = [...z1, ...z2];
  const keys = [...views, ...(bank ?? [])];
  return views.reduce((s, row, i) => s + rowLoss(row, keys, i < n ? i + n : i - n, i), 0) / (2 * n);
}

describe.each(testBackends)('InfoNCE on %s', (backend) => {
  test.each(infoNceCases)('$name', async ({ sims, positives, tau, excluded, expected }) => {
    await useBackend(backend);
    const s = z(sims);
    const mask = excluded ? z(excluded) : null;
    const loss = infoNce(s, positives, tau, mask);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([s, loss, ...(mask ? [mask] : [])]);
  });

  test.each(pairCases)('$name', async ({ kind, u1, u2, bank, tau, expected }) => {
    await useBackend(backend);
    const [a, b] = [z(u1), z(u2)];
    const bankTensor = bank ? z(bank) : null;
    const { loss, cross } = pairLoss(a, b, bankTensor, kind, tau);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    expect(loss.dataSync()[0]).toBeCloseTo(referencePairLoss(u1, u2, bank, kind, tau), 5);
    expect(Array.from(cross.dataSync())).toEqual([1, 0, 0, 1]);
    tf.dispose([a, b, loss, cross, ...(bankTensor ? [bankTensor] : [])]);
  });

  test.each([
    ['nt-xent', false],
    ['nt-xent', true],
    ['info-nce', false],
    ['info-nce', true],
  ] as const)(
    'the gradient of %s (bank: %s) with respect to the embeddings matches central differences',
    async (kind, withBank) => {
      await useBackend(backend);
      const rng = createRng(11);
      const rows = (count: number, d: number) =>
        Array.from({ length: count }, () => Array.from({ length: d }, () => rng.normal()));
      const [n, d, tau] = [4, 3, 0.5];
      const u1 = rows(n, d);
      const u2 = rows(n, d);
      const bankRows = withBank ? rows(3, d).map((v) => v.map((x) => x / Math.hypot(...v))) : null;
      const bank = bankRows ? z(bankRows) : null;
      const grad = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
        const out = pairLoss(a as tf.Tensor2D, b as tf.Tensor2D, bank, kind, tau);
        out.cross.dispose();
        return out.loss;
      });
      const [ga, gb] = grad([z(u1), z(u2)]) as [tf.Tensor, tf.Tensor];
      const h = 1e-5;
      const numeric = (which: number[][]) =>
        which.flatMap((row, i) =>
          row.map((_, j) => {
            const at = (delta: number) => {
              which[i]![j]! += delta;
              const value = referencePairLoss(u1, u2, bankRows, kind, tau);
              which[i]![j]! -= delta;
              return value;
            };
            return (at(h) - at(-h)) / (2 * h);
          }),
        );
      expect(maxRelativeError(ga.dataSync(), numeric(u1))).toBeLessThan(1e-3);
      expect(maxRelativeError(gb.dataSync(), numeric(u2))).toBeLessThan(1e-3);
      tf.dispose([ga, gb, ...(bank ? [bank] : [])]);
    },
  );
});

test('splitSimilarities takes the diagonal as positives and the rest, row by row, as negatives', () => {
  const cross = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const { posSim, negSim } = splitSimilarities(cross, 3);
  expect(Array.from(posSim)).toEqual([1, 5, 9]);
  expect(Array.from(negSim)).toEqual([2, 3, 4, 6, 7, 8]);
});
