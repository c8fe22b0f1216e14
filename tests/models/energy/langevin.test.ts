/**
 * Langevin dynamics, unrolled in the graph, samples the Gibbs law of a known energy on both
 * engines; the energy net's input gradient (the sampler's inner loop, by reverse mode) and the
 * contrastive loss's parameter gradient equal finite differences of the float64 reference.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { appendContrastiveLoss } from '../../../models/energy/contrastive.js';
import { energyNetSpec, energyNetWeights, energyOf } from '../../../models/energy/energy-net.js';
import { checkLangevinConfig, langevinFeeds, langevinProgram } from '../../../models/energy/langevin.js';
import { mlpActivations } from '../../../models/graph/mlp.js';
import { gradients } from '../../../models/graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../../../models/graph/builder.js';
import type { Node } from '../../../models/graph/nodes.js';
import type { EngineFactory, Program } from '../../../models/graph/program.js';
import { evaluateReference, type Feeds64 } from '../../../models/graph/reference.js';
import { createRng, type Rng } from '../../../models/rng.js';
import type { LangevinConfig } from '../../../models/energy/types.js';
import { maxRelativeError, useBackend } from '../backends.js';
import { engines } from './helpers.js';

beforeAll(() => useBackend('wasm'));

// E(y) = ½(y − m)ᵀA(y − m), ∇E(y) = A(y − m): the chain samples N(m, A⁻¹).
const m = [1, -0.5];
const A = [
  [2, 0.6],
  [0.6, 1],
];
const det = 2 * 1 - 0.6 * 0.6;
const cov = [
  [1 / det, -0.6 / det],
  [-0.6 / det, 2 / det],
]; // A⁻¹

/** ½(y − m)ᵀA(y − m) per row, with m and A (symmetric) as constants. */
const quadratic =
  (mean: readonly number[], a: readonly (readonly number[])[]) =>
  (g: GraphBuilder) =>
  (y: Node): Node => {
    const d = g.sub(y, g.constant(Float32Array.from(mean), [2])); // [n, 2]
    const ad = g.matmul(d, g.constant(Float32Array.from(a.flat()), [2, 2])); // [n, 2]
    return g.scale(g.sum(g.mul(ad, d), [1]), 0.5); // [n]
  };

/** Runs `total` steps in chunks of `chunk` steps (one program), each chunk starting where the last ended. */
async function sample(
  engine: EngineFactory,
  program: Program,
  start: Float32Array,
  config: LangevinConfig,
  total: number,
  rng: Rng,
): Promise<Float32Array> {
  const runner = engine({});
  const n = start.length / 2;
  let y = start;
  for (let done = 0; done < total; done += config.steps) {
    y = (await runner.run(program, { start: y, ...langevinFeeds(config, n, 2, rng) })).end as Float32Array;
  }
  runner.dispose();
  return y;
}

describe.each(engines)('Langevin dynamics on a quadratic energy on %s', (_, engine) => {
  test('8,000 independent chains of 1,500 steps (η = 0.01) match N(m, A⁻¹) within 4 standard errors', async () => {
    const n = 8000;
    const config = { stepSize: 0.01, noiseScale: 1, steps: 100 };
    const program = langevinProgram('quadratic', quadratic(m, A), n, 100, false);
    const v = await sample(engine, program, new Float32Array(2 * n), config, 1500, createRng(11));

    const mu = [0, 0];
    for (let i = 0; i < n; i++) for (let d = 0; d < 2; d++) mu[d]! += v[2 * i + d]! / n;
    const s = [
      [0, 0],
      [0, 0],
    ];
    for (let i = 0; i < n; i++)
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++)
          s[a]![b]! += ((v[2 * i + a]! - mu[a]!) * (v[2 * i + b]! - mu[b]!)) / (n - 1);

    // Tolerances: 4 standard errors of the estimator, plus the sampler's O(η) bias, which for
    // this step is below 1 % of the covariance (exactly: Σ_η = A⁻¹(I − ηA/4)⁻¹), and the
    // residue of the start at 0 after 1,500 steps (e^{−η·λmin·t/2} ≈ 0.005 of |m|).
    for (let d = 0; d < 2; d++) {
      const se = Math.sqrt(cov[d]![d]! / n);
      expect(Math.abs(mu[d]! - m[d]!)).toBeLessThan(4 * se + 0.01);
    }
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) {
        // Var of a sample covariance entry: (Σ_aa Σ_bb + Σ_ab²) / n.
        const se = Math.sqrt((cov[a]![a]! * cov[b]![b]! + cov[a]![b]! ** 2) / n);
        expect(Math.abs(s[a]![b]! - cov[a]![b]!)).toBeLessThan(4 * se + 0.01 * Math.abs(cov[a]![b]!));
      }
  });

  test('without noise it is gradient descent: every chain goes to the minimum m', async () => {
    const identity = [
      [1, 0],
      [0, 1],
    ];
    const config = { stepSize: 0.5, noiseScale: 0, steps: 50 };
    const program = langevinProgram('bowl', quadratic(m, identity), 50, 50, false);
    const rng = createRng(1);
    const start = Float32Array.from({ length: 100 }, () => 3 * rng.normal());
    const v = await sample(engine, program, start, config, 200, createRng(1));
    for (let i = 0; i < 50; i++) {
      expect(v[2 * i]).toBeCloseTo(m[0]!, 4);
      expect(v[2 * i + 1]).toBeCloseTo(m[1]!, 4);
    }
  });

  test('clipping keeps particles inside the box', async () => {
    const clip = { xMin: -0.1, xMax: 0.1, yMin: -0.2, yMax: 0.05 };
    const flat = (g: GraphBuilder) => (y: Node) => g.scale(g.sum(y, [1]), 0); // E = 0
    const config = { stepSize: 1, noiseScale: 1, steps: 5, clip };
    const v = await sample(
      engine,
      langevinProgram('flat', flat, 500, 5, true),
      new Float32Array(1000),
      config,
      5,
      createRng(2),
    );
    for (let i = 0; i < 500; i++) {
      expect(v[2 * i]).toBeGreaterThanOrEqual(-0.1 - 1e-7);
      expect(v[2 * i]).toBeLessThanOrEqual(0.1 + 1e-7);
      expect(v[2 * i + 1]).toBeGreaterThanOrEqual(-0.2 - 1e-7);
      expect(v[2 * i + 1]).toBeLessThanOrEqual(0.05 + 1e-7);
    }
  });
});

describe('the sampler', () => {
  test.each([
    [{ stepSize: 0, noiseScale: 1, steps: 1 }, /step size/],
    [{ stepSize: 0.1, noiseScale: -1, steps: 1 }, /noise scale/],
    [{ stepSize: 0.1, noiseScale: 1, steps: 1.5 }, /number of Langevin steps/],
  ])('rejects %o with a sentence', (config, message) => {
    expect(() => checkLangevinConfig(config)).toThrow(message);
  });

  test('one step is y − (η/2)∇E(y) + s√η·ε with the fed ε (float64 reference, ∇E by finite differences)', () => {
    const energy = quadratic(m, A);
    const program = langevinProgram('one', energy, 3, 1, false);
    const start = [0.3, -1, 2, 0.5, -0.7, 0.1];
    const chain = langevinFeeds({ stepSize: 0.04, noiseScale: 0.5, steps: 1 }, 3, 2, createRng(4));
    const got = evaluateReference(program.graph, { start, ...chain }, ['end']).end as Float64Array;
    const e = (y: readonly number[]) => {
      const d = [y[0]! - m[0]!, y[1]! - m[1]!];
      return (
        0.5 *
        (d[0]! * (A[0]![0]! * d[0]! + A[0]![1]! * d[1]!) + d[1]! * (A[1]![0]! * d[0]! + A[1]![1]! * d[1]!))
      );
    };
    const eps = chain['langevin.noise'] as Float32Array; // ε, [1, 3, 2]
    for (let i = 0; i < 3; i++) {
      for (let d = 0; d < 2; d++) {
        const y = [start[2 * i]!, start[2 * i + 1]!];
        const [up, down] = [[...y], [...y]];
        up[d]! += 1e-6;
        down[d]! -= 1e-6;
        const grad = (e(up) - e(down)) / 2e-6;
        const want = y[d]! - 0.02 * grad + 0.5 * 0.2 * eps[2 * i + d]!;
        expect(got[2 * i + d]).toBeCloseTo(want, 6);
      }
    }
  });
});

describe.each(mlpActivations)('the energy net (%s)', (activation) => {
  const config = { hidden: [16, 16], activation };
  const spec = energyNetSpec(config);
  const weights = energyNetWeights(config, createRng(3));
  const weightFeeds = Object.fromEntries(
    Object.entries(weights).map(([k, w]) => [k, Float64Array.from(w.data)]),
  );

  /** Central differences of the output `loss` with respect to the fed `name`. */
  function finiteDifferences(g: GraphBuilder, feeds: Record<string, Float64Array>, name: string): number[] {
    const x = feeds[name] as Float64Array;
    const f = () => (evaluateReference(g, feeds as Feeds64, ['loss']).loss as Float64Array)[0] as number;
    return Array.from(x, (v, j) => {
      x[j] = v + 1e-6;
      const up = f();
      x[j] = v - 1e-6;
      const down = f();
      x[j] = v;
      return (up - down) / 2e-6;
    });
  }

  test('∇_y Σ E(y) by reverse mode equals finite differences (float64)', () => {
    const g = createGraph();
    const { energy } = energyOf(g, spec);
    const y = g.input('y', [40, 2]);
    const loss = g.sum(energy(y));
    g.output('loss', loss);
    g.output('grad', gradients(g, loss, [y])[0] as Node);
    const rng = createRng(4);
    const feeds = { ...weightFeeds, y: Float64Array.from({ length: 80 }, () => 2 * rng.normal()) };
    const exact = evaluateReference(g, feeds).grad as Float64Array;
    expect(maxRelativeError(exact, finiteDifferences(g, feeds, 'y'))).toBeLessThan(1e-6);
  });

  test("the contrastive loss's gradient in every parameter equals finite differences (float64)", () => {
    const g = createGraph();
    const { params, energy } = energyOf(g, spec);
    const { loss } = appendContrastiveLoss(g, energy, g.input('pos', [6, 2]), g.input('neg', [9, 2]));
    g.output('loss', loss);
    const grads = gradients(g, loss, [...params.values()]);
    [...params.keys()].forEach((name, i) => g.output(`d.${name}`, grads[i] as Node));
    const rng = createRng(5);
    const feeds: Record<string, Float64Array> = {
      ...weightFeeds,
      pos: Float64Array.from({ length: 12 }, () => rng.normal()),
      neg: Float64Array.from({ length: 18 }, () => 2 * rng.normal()),
      alpha: Float64Array.of(0.3),
    };
    const exact = evaluateReference(g, feeds);
    for (const name of params.keys()) {
      const want = finiteDifferences(g, feeds, name);
      expect(maxRelativeError(exact[`d.${name}`] as Float64Array, want), name).toBeLessThan(1e-6);
    }
  });
});
