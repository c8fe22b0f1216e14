/**
 * InfoNCE on the graph, on hand-made similarity matrices against closed forms worked out by
 * hand; the pair losses (NT-Xent and PIRL's InfoNCE, with and without a bank, part-filled
 * banks) on tiny embeddings against a plain-TypeScript float64 computation, evaluated by the
 * graph's float64 reference and by ONNX Runtime; and their gradients with respect to the
 * unnormalised embeddings (graph autodiff) against finite differences of the plain version.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import type { ContrastiveLoss } from '../../../models/contrastive/config.js';
import { infoNce, pairLoss, rowLogSumExp, splitSimilarities } from '../../../models/contrastive/info-nce.js';
import { gradients } from '../../../models/graph/autodiff.js';
import { createGraph } from '../../../models/graph/builder.js';
import type { Node } from '../../../models/graph/nodes.js';
import { toOnnx } from '../../../models/graph/onnx.js';
import { evaluateReference } from '../../../models/graph/reference.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError } from '../backends.js';

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

const flat = (rows: number[][]) => Float64Array.from(rows.flat());
const shapeOf = (rows: number[][]) => [rows.length, rows[0]?.length ?? 0];

/** A graph's outputs on ONNX Runtime (float32), for the same feeds. */
async function onOnnx(g: ReturnType<typeof createGraph>, feeds: Record<string, Float64Array>) {
  const session = await ort.InferenceSession.create(toOnnx(g), { intraOpNumThreads: 1 });
  const inputs = Object.fromEntries(
    session.inputNames.map((name) => [
      name,
      new ort.Tensor('float32', Float32Array.from(feeds[name] ?? []), [...(g.inputs.get(name)?.shape ?? [])]),
    ]),
  );
  const got = await session.run(inputs);
  await session.release();
  return Object.fromEntries(Object.entries(got).map(([k, t]) => [k, t.data as Float32Array]));
}

interface PairCase {
  readonly name: string;
  readonly kind: ContrastiveLoss;
  readonly u1: number[][];
  readonly u2: number[][];
  readonly bank: number[][] | null;
  /** 1 for bank slots written so far (all when absent). */
  readonly filled?: number[];
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
  {
    name: 'NT-Xent with a bank slot not yet written: as if the bank held only −e₁',
    kind: 'nt-xent',
    u1: [
      [1, 0],
      [0, 1],
    ],
    u2: [
      [1, 0],
      [0, 1],
    ],
    bank: [
      [-1, 0],
      [0, 1],
    ],
    filled: [1, 0],
    tau: 1,
    expected: (log(2 + e + 1 / e) - 1 + log(3 + e) - 1) / 2,
  },
  {
    name: 'InfoNCE at τ = 0.01 with every similarity far below the largest: still finite and exact',
    kind: 'info-nce',
    u1: [
      [1, 0],
      [0, 1],
    ],
    u2: [
      [-1, 0.1],
      [0.1, -1],
    ],
    bank: null,
    tau: 0.01,
    // z₂ = (−1, 0.1)/√1.01: logits [−1/(0.01√1.01), 10/√1.01] per row, positive the first
    expected: 10 / Math.sqrt(1.01) + 100 / Math.sqrt(1.01) + log(1 + exp(-110 / Math.sqrt(1.01))),
  },
];

/** Float64 reference of pairLoss for host rows (the oracle for finite differences). */
function referencePairLoss(
  u1: number[][],
  u2: number[][],
  bank: number[][] | null,
  kind: ContrastiveLoss,
  tau: number,
  filled?: readonly number[],
) {
  const unit = (v: number[]) => {
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return v.map((x) => x / norm);
  };
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
  const z1 = u1.map(unit);
  const z2 = u2.map(unit);
  const n = z1.length;
  const written = (bank ?? []).filter((_, j) => (filled?.[j] ?? 1) === 1);
  const rowLoss = (row: number[], keys: number[][], positive: number, skip: number) => {
    const logits = keys.map((k, j) => (j === skip ? -Infinity : dot(row, k) / tau));
    const max = Math.max(...logits);
    return max + log(logits.reduce((s, l) => s + exp(l - max), 0)) - (logits[positive] as number);
  };
  if (kind === 'info-nce') {
    const keys = [...z1, ...written];
    return z2.reduce((s, row, i) => s + rowLoss(row, keys, i, -1), 0) / n;
  }
  const views = [...z1, ...z2];
  const keys = [...views, ...written];
  return views.reduce((s, row, i) => s + rowLoss(row, keys, i < n ? i + n : i - n, i), 0) / (2 * n);
}

/** The graph of pairLoss for these shapes: outputs loss, cross and the gradients du1, du2. */
function pairGraph(n: number, d: number, k: number, kind: ContrastiveLoss) {
  const g = createGraph();
  const u1 = g.input('u1', [n, d]);
  const u2 = g.input('u2', [n, d]);
  const bank = k > 0 ? { entries: g.input('bank', [k, d]), filled: g.input('filled', [k]) } : null;
  const out = pairLoss(g, u1, u2, bank, kind, g.input('invTau', []));
  g.output('loss', out.loss);
  g.output('cross', out.cross);
  const [du1, du2] = gradients(g, out.loss, [u1, u2]) as [Node, Node];
  g.output('du1', du1);
  g.output('du2', du2);
  return g;
}

const pairFeeds = (c: Pick<PairCase, 'u1' | 'u2' | 'bank' | 'filled' | 'tau'>) => ({
  u1: flat(c.u1),
  u2: flat(c.u2),
  invTau: Float64Array.of(1 / c.tau),
  ...(c.bank ? { bank: flat(c.bank), filled: Float64Array.from(c.filled ?? c.bank.map(() => 1)) } : {}),
});

describe('InfoNCE on the graph', () => {
  test.each(infoNceCases)('$name', async ({ sims, positives, tau, excluded, expected }) => {
    const g = createGraph();
    const s = g.input('sims', shapeOf(sims));
    const mask = excluded ? g.input('excluded', shapeOf(excluded)) : null;
    g.output('loss', infoNce(g, s, positives, g.input('invTau', []), mask));
    const feeds = {
      sims: flat(sims),
      invTau: Float64Array.of(1 / tau),
      ...(excluded ? { excluded: flat(excluded) } : {}),
    };
    expect(evaluateReference(g, feeds).loss?.[0]).toBeCloseTo(expected, 10);
    expect((await onOnnx(g, feeds)).loss?.[0]).toBeCloseTo(expected, 5);
  });

  test('the row log-sum-exp shifts by the row maximum: finite for logits of ±1000', () => {
    const g = createGraph();
    g.output('lse', rowLogSumExp(g, g.input('x', [2, 2])));
    const got = evaluateReference(g, { x: [1000, 1000, -1000, -1001] }).lse ?? [];
    expect(got[0]).toBeCloseTo(1000 + log(2), 10);
    expect(got[1]).toBeCloseTo(-1000 + log(1 + exp(-1)), 10);
  });

  test.each(pairCases)('$name', async (c) => {
    const g = pairGraph(c.u1.length, c.u1[0]?.length ?? 0, c.bank?.length ?? 0, c.kind);
    const feeds = pairFeeds(c);
    const plain = referencePairLoss(c.u1, c.u2, c.bank, c.kind, c.tau, c.filled);
    expect(plain).toBeCloseTo(c.expected, 8);
    const exact = evaluateReference(g, feeds);
    expect(exact.loss?.[0]).toBeCloseTo(c.expected, 8);
    const fast = await onOnnx(g, feeds);
    expect(Math.abs((fast.loss?.[0] as number) - c.expected) / Math.max(1, c.expected)).toBeLessThan(1e-5);
    expect(Array.from(fast.cross ?? []).map((v) => Math.round(v * 1e5) / 1e5)).toEqual(
      Array.from(exact.cross ?? []).map((v) => Math.round(v * 1e5) / 1e5),
    );
  });

  test.each([
    ['nt-xent', 0],
    ['nt-xent', 3],
    ['info-nce', 0],
    ['info-nce', 3],
  ] as const)(
    'the gradient of %s (bank of %i, one slot empty) with respect to the embeddings matches central differences',
    (kind, k) => {
      const rng = createRng(11);
      const rows = (count: number, d: number) =>
        Array.from({ length: count }, () => Array.from({ length: d }, () => rng.normal()));
      const [n, d, tau] = [4, 3, 0.5];
      const u1 = rows(n, d);
      const u2 = rows(n, d);
      const bank = k > 0 ? rows(k, d).map((v) => v.map((x) => x / Math.hypot(...v))) : null;
      const filled = bank ? bank.map((_, j) => (j === k - 1 ? 0 : 1)) : undefined;
      const exact = evaluateReference(pairGraph(n, d, k, kind), pairFeeds({ u1, u2, bank, filled, tau }));
      const h = 1e-6;
      const numeric = (which: number[][]) =>
        which.flatMap((row, i) =>
          row.map((_, j) => {
            const at = (delta: number) => {
              which[i]![j]! += delta;
              const value = referencePairLoss(u1, u2, bank, kind, tau, filled);
              which[i]![j]! -= delta;
              return value;
            };
            return (at(h) - at(-h)) / (2 * h);
          }),
        );
      expect(maxRelativeError(exact.du1 ?? [], numeric(u1))).toBeLessThan(1e-6);
      expect(maxRelativeError(exact.du2 ?? [], numeric(u2))).toBeLessThan(1e-6);
    },
  );
});

test('splitSimilarities takes the diagonal as positives and the rest, row by row, as negatives', () => {
  const cross = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const { posSim, negSim } = splitSimilarities(cross, 3);
  expect(Array.from(posSim)).toEqual([1, 5, 9]);
  expect(Array.from(negSim)).toEqual([2, 3, 4, 6, 7, 8]);
});
