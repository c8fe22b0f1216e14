import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineFactory } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { createRng } from '../../../models/rng.js';
import { createSparseCoder } from '../../../models/sparse/sparse-coder.js';
import { fistaMomentum } from '../../../models/fista.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { useBackend } from '../backends.js';
import {
  coordinateDescent,
  illConditionedProblem,
  kktViolation,
  lambdaMax,
  meanEnergy,
  randomProblem,
  textbookShrinkage,
  type Problem,
} from './problems.js';

const onnx: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });
beforeAll(() => useBackend('wasm'));

/** First k with gaps[k] ≤ target. */
function iterationsToReach(energies: Float32Array, fStar: number, target: number): number {
  const k = energies.findIndex((e) => e - fStar <= target);
  return k < 0 ? Infinity : k;
}

const worstDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
};

const coderOf = (p: Problem, lambda: number, engine: EngineFactory, seed = 5, nonNegative = false) =>
  createSparseCoder(p.w, p.n, p.atoms, { lambda, rng: createRng(seed), nonNegative }, engine);

describe('FISTA momentum', () => {
  test('follows Beck & Teboulle: t₁ = 1, t_{k+1} = (1 + √(1 + 4t_k²))/2, factor (t_k − 1)/t_{k+1}', () => {
    const m = fistaMomentum(4);
    const t2 = (1 + Math.sqrt(5)) / 2;
    const t3 = (1 + Math.sqrt(1 + 4 * t2 * t2)) / 2;
    expect(m[0]).toBe(0);
    expect(m[1]).toBeCloseTo((t2 - 1) / t3, 12);
    expect(m[3] as number).toBeGreaterThan(m[2] as number);
  });

  test('a later chunk of the sequence continues it', () => {
    expect(Array.from(fistaMomentum(3, 150))).toEqual(Array.from(fistaMomentum(153).subarray(150)));
  });
});

describe.each([
  ['onnxruntime', onnx],
  ['tfjs wasm', tfjsEngine],
] as const)('sparse inference on %s', (_, engine) => {
  test('power iteration finds the largest eigenvalue of WᵀW (σ₁² = 1 for the built dictionary)', async () => {
    const p = illConditionedProblem(24, 0.1, 1, createRng(2));
    const coder = coderOf(p, 0.1, engine, 3);
    expect(await coder.lipschitz()).toBeCloseTo(1, 4);
    coder.dispose();
  });

  test.each(['ista', 'fista'] as const)(
    '%s reaches the lasso optimum: KKT within 1e-3·λ and coordinate descent within 1e-3',
    async (method) => {
      const p = randomProblem(32, 48, 8, createRng(11));
      const lambda = 0.2 * lambdaMax(p);
      const coder = coderOf(p, lambda, engine);
      const { codes: z } = await coder.solve(p.y, { method, iterations: method === 'ista' ? 6000 : 1500 });
      expect(kktViolation(p, z, lambda)).toBeLessThan(1e-3);
      expect(worstDifference(z, coordinateDescent(p, lambda))).toBeLessThan(1e-3);
      expect(z.some((v) => v === 0) && z.some((v) => v !== 0)).toBe(true); // a sparse, non-trivial answer
      coder.dispose();
    },
  );

  test.each(['ista', 'fista'] as const)(
    '%s with z ≥ 0 reaches the non-negative lasso optimum (KKT, coordinate descent), not the signed one',
    async (method) => {
      const p = randomProblem(32, 48, 8, createRng(11));
      const lambda = 0.2 * lambdaMax(p);
      const coder = coderOf(p, lambda, engine, 5, true);
      expect(coder.nonNegative).toBe(true);
      const { codes: z } = await coder.solve(p.y, { method, iterations: method === 'ista' ? 6000 : 1500 });
      expect(z.every((v) => v >= 0)).toBe(true);
      expect(kktViolation(p, z, lambda, true)).toBeLessThan(1e-3);
      expect(worstDifference(z, coordinateDescent(p, lambda, 5000, 1e-13, true))).toBeLessThan(1e-3);
      // The signed optimum has negative entries, so the constraint changed the answer.
      const signed = coordinateDescent(p, lambda);
      expect(signed.some((v) => v < -0.05)).toBe(true);
      expect(worstDifference(z, signed)).toBeGreaterThan(0.05);
      expect(z.some((v) => v > 0)).toBe(true);
      coder.dispose();
    },
  );

  test.each(['ista', 'fista'] as const)(
    '%s over 250 iterations (chunks of 100, 100, 50) follows a Float64 textbook version step for step',
    async (method) => {
      const p = randomProblem(20, 30, 5, createRng(21));
      const lambda = 0.1 * lambdaMax(p);
      const coder = coderOf(p, lambda, engine);
      const L = await coder.lipschitz();
      const { codes } = await coder.solve(p.y, { method, iterations: 250 });
      const want = textbookShrinkage(p, lambda, L, method, 250);
      expect(worstDifference(codes, want)).toBeLessThan(1e-4);
      // …and not the solution after 200 or 300 steps: the chunks add up to exactly 250.
      const before = textbookShrinkage(p, lambda, L, method, 200);
      expect(worstDifference(before, want)).toBeGreaterThan(1e-3);
      coder.dispose();
    },
  );

  test('the recorded energy trace is F(z_k) (against the direct form) and falls to F*', async () => {
    const p = randomProblem(32, 64, 6, createRng(12));
    const lambda = 0.3 * lambdaMax(p);
    const coder = coderOf(p, lambda, engine, 6);
    const { codes, energies, stats } = await coder.solve(p.y, {
      method: 'fista',
      iterations: 300,
      recordEnergy: true,
      stats: true,
    });
    const e = energies as Float32Array;
    expect(e.length).toBe(301);
    expect(e[300]).toBeCloseTo(meanEnergy(p, codes, lambda), 3);
    expect(e[0]).toBeCloseTo(meanEnergy(p, new Float64Array(p.batch * p.atoms), lambda), 3);
    const fStar = meanEnergy(p, coordinateDescent(p, lambda), lambda);
    expect((e[300] as number) - fStar).toBeLessThan(1e-4 * fStar);
    // The statistics of z_K add up to the same energy, and count its zeros.
    const s = stats as NonNullable<typeof stats>;
    expect(s.reconstruction + lambda * s.l1).toBeCloseTo(e[300] as number, 3);
    expect(s.zeros).toBeCloseTo(codes.filter((v) => v === 0).length / codes.length, 6);
    const usedFirst = Array.from({ length: p.batch }, (_, b) => codes[b * p.atoms] !== 0).filter(
      Boolean,
    ).length;
    expect(s.usage[0]).toBeCloseTo(usedFirst / p.batch, 6);
    coder.dispose();
  });

  test('FISTA needs over 10× fewer iterations than ISTA to reach 1% of the initial energy gap (κ(WᵀW) = 10⁴; measured 100 vs 1,563)', async () => {
    const p = illConditionedProblem(32, 0.01, 4, createRng(13));
    const lambda = 0.02 * lambdaMax(p);
    const coder = coderOf(p, lambda, engine, 7);
    const fStar = meanEnergy(p, coordinateDescent(p, lambda, 200_000), lambda);
    const run = async (method: 'ista' | 'fista') =>
      (await coder.solve(p.y, { method, iterations: 2500, recordEnergy: true })).energies as Float32Array;
    const ista = await run('ista');
    const fista = await run('fista');
    const target = 1e-2 * ((ista[0] as number) - fStar);
    const kIsta = iterationsToReach(ista, fStar, target);
    const kFista = iterationsToReach(fista, fStar, target);
    expect(kIsta, `ISTA did not get there in 2,500 iterations`).toBeLessThan(Infinity);
    expect(kIsta / kFista, `FISTA ${kFista} vs ISTA ${kIsta} iterations`).toBeGreaterThan(10);
    coder.dispose();
  });

  test('code errors against target codes: ½‖z_k − z*‖², from ½‖z*‖² at k = 0 down to 0 at the optimum', async () => {
    const p = randomProblem(16, 24, 4, createRng(14));
    const lambda = 0.2 * lambdaMax(p);
    const coder = coderOf(p, lambda, engine, 8);
    const target = Float32Array.from(coordinateDescent(p, lambda));
    const { codeErrors } = await coder.solve(p.y, { method: 'fista', iterations: 400, target });
    const errors = codeErrors as Float32Array;
    const half = target.reduce((s, v) => s + 0.5 * v * v, 0) / p.batch;
    expect(errors[0]).toBeCloseTo(half, 5);
    expect(errors[400] as number).toBeLessThan(1e-6 * half);
    coder.dispose();
  });
});

describe('bad input', () => {
  test('is refused with a clear message', async () => {
    const w = new Float32Array(12).fill(1);
    const coder = (lambda: number, dictionary = w) =>
      createSparseCoder(dictionary, 4, 3, { lambda, rng: createRng(1) }, tfjsEngine);
    expect(() => coder(0)).toThrow(/λ must be a positive number/);
    expect(() => coder(-1)).toThrow(/λ must be a positive number/);
    expect(() => coder(1, new Float32Array(12))).toThrow(/zero/);
    expect(() => coder(1, new Float32Array(10))).toThrow(/4×3/);
    const ok = coder(1);
    await expect(ok.solve(new Float32Array(6), { method: 'ista', iterations: 3 })).rejects.toThrow(
      /samples of size 4/,
    );
    ok.dispose();
  });
});
