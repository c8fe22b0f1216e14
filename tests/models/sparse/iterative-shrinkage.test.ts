import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { createRng } from '../../../models/rng.js';
import { fistaMomentum } from '../../../models/sparse/iterative-shrinkage.js';
import { lassoEnergy } from '../../../models/sparse/lasso.js';
import { largestEigenpair, randomUnitVector } from '../../../models/sparse/power-iteration.js';
import { createSparseCoder } from '../../../models/sparse/sparse-coder.js';
import { testBackends, useBackend } from '../backends.js';
import {
  coordinateDescent,
  illConditionedProblem,
  kktViolation,
  lambdaMax,
  meanEnergy,
  randomProblem,
  type Problem,
} from './problems.js';

function tensors(p: Problem) {
  return {
    w: tf.tensor2d(p.w, [p.n, p.atoms]),
    y: tf.tensor2d(p.y, [p.batch, p.n]),
  };
}

/** First k with gaps[k] ≤ target. */
function iterationsToReach(energies: Float32Array, fStar: number, target: number): number {
  const k = energies.findIndex((e) => e - fStar <= target);
  return k < 0 ? Infinity : k;
}

describe('FISTA momentum', () => {
  test('follows Beck & Teboulle: t₁ = 1, t_{k+1} = (1 + √(1 + 4t_k²))/2, factor (t_k − 1)/t_{k+1}', () => {
    const m = fistaMomentum(4);
    const t2 = (1 + Math.sqrt(5)) / 2;
    const t3 = (1 + Math.sqrt(1 + 4 * t2 * t2)) / 2;
    expect(m[0]).toBe(0);
    expect(m[1]).toBeCloseTo((t2 - 1) / t3, 12);
    expect(m[3] as number).toBeGreaterThan(m[2] as number);
  });
});

describe.each(testBackends)('sparse inference on %s', (backend) => {
  test('power iteration finds the largest eigenvalue of WᵀW (σ₁² = 1 for the built dictionary)', async () => {
    await useBackend(backend);
    const p = illConditionedProblem(24, 0.1, 1, createRng(2));
    const { w, y } = tensors(p);
    const gram = tf.matMul(tf.transpose(w), w) as tf.Tensor2D;
    const start = randomUnitVector(24, createRng(3));
    const pair = largestEigenpair(gram, start);
    expect(pair.value).toBeCloseTo(1, 4);
    tf.dispose([w, y, gram, start, pair.vector]);
  });

  test.each(['ista', 'fista'] as const)(
    '%s reaches the lasso optimum: KKT within 1e-3·λ and coordinate descent within 1e-3',
    async (method) => {
      await useBackend(backend);
      const p = randomProblem(32, 48, 8, createRng(11));
      const lambda = 0.2 * lambdaMax(p);
      const { w, y } = tensors(p);
      const coder = createSparseCoder(w, { lambda, rng: createRng(5) });
      const { codes } = coder.solve(y, { method, iterations: method === 'ista' ? 6000 : 1500 });
      const z = codes.dataSync() as Float32Array;
      expect(kktViolation(p, z, lambda)).toBeLessThan(1e-3);
      const reference = coordinateDescent(p, lambda);
      let worst = 0;
      z.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (reference[i] as number)))));
      expect(worst).toBeLessThan(1e-3);
      expect(z.some((v) => v === 0) && z.some((v) => v !== 0)).toBe(true); // a sparse, non-trivial answer
      tf.dispose([w, y, codes]);
      coder.dispose();
    },
  );

  test('the recorded energy trace is F(z_k) (against the direct form) and falls to F*', async () => {
    await useBackend(backend);
    const p = randomProblem(32, 64, 6, createRng(12));
    const lambda = 0.3 * lambdaMax(p);
    const { w, y } = tensors(p);
    const coder = createSparseCoder(w, { lambda, rng: createRng(6) });
    const { codes, energies } = coder.solve(y, { method: 'fista', iterations: 300, recordEnergy: true });
    const e = energies as Float32Array;
    expect(e.length).toBe(301);
    const direct = lassoEnergy(y, w, codes, lambda);
    const directMean = tf.mean(direct).dataSync()[0] as number;
    expect(e[300]).toBeCloseTo(directMean, 3);
    expect(e[0]).toBeCloseTo(meanEnergy(p, new Float64Array(p.batch * p.atoms), lambda), 3);
    const fStar = meanEnergy(p, coordinateDescent(p, lambda), lambda);
    expect((e[300] as number) - fStar).toBeLessThan(1e-4 * fStar);
    tf.dispose([w, y, codes, direct]);
    coder.dispose();
  });

  test('FISTA needs over 10× fewer iterations than ISTA to reach 1% of the initial energy gap (κ(WᵀW) = 10⁴; measured 100 vs 1,563 on wasm)', async () => {
    await useBackend(backend);
    const p = illConditionedProblem(32, 0.01, 4, createRng(13));
    const lambda = 0.02 * lambdaMax(p);
    const { w, y } = tensors(p);
    const coder = createSparseCoder(w, { lambda, rng: createRng(7) });
    const fStar = meanEnergy(p, coordinateDescent(p, lambda, 200_000), lambda);
    const run = (method: 'ista' | 'fista') => {
      const { codes, energies } = coder.solve(y, { method, iterations: 2500, recordEnergy: true });
      codes.dispose();
      return energies as Float32Array;
    };
    const ista = run('ista');
    const fista = run('fista');
    const target = 1e-2 * ((ista[0] as number) - fStar);
    const kIsta = iterationsToReach(ista, fStar, target);
    const kFista = iterationsToReach(fista, fStar, target);
    expect(kIsta, `ISTA did not get there in 2,500 iterations`).toBeLessThan(Infinity);
    expect(kIsta / kFista, `FISTA ${kFista} vs ISTA ${kIsta} iterations`).toBeGreaterThan(10);
    tf.dispose([w, y]);
    coder.dispose();
  });

  test('a solve leaks no tensors, with or without traces', async () => {
    await useBackend(backend);
    const p = randomProblem(16, 24, 4, createRng(14));
    const { w, y } = tensors(p);
    const coder = createSparseCoder(w, { lambda: 0.5, rng: createRng(8) });
    const target = tf.zeros([4, 24]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    for (const method of ['ista', 'fista'] as const) {
      for (let r = 0; r < 3; r++) {
        const { codes } = coder.solve(y, {
          method,
          iterations: 20,
          recordEnergy: r > 0,
          target: r > 1 ? target : undefined,
        });
        codes.dispose();
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    coder.dispose();
    tf.dispose([w, y, target]);
  });

  test('bad input is refused with a clear message', async () => {
    await useBackend(backend);
    const w = tf.ones([4, 3]) as tf.Tensor2D;
    expect(() => createSparseCoder(w, { lambda: 0, rng: createRng(1) })).toThrow(
      /λ must be a positive number/,
    );
    expect(() => createSparseCoder(w, { lambda: -1, rng: createRng(1) })).toThrow(
      /λ must be a positive number/,
    );
    expect(() =>
      createSparseCoder(tf.zeros([4, 3]) as tf.Tensor2D, { lambda: 1, rng: createRng(1) }),
    ).toThrow(/zero/);
    w.dispose();
  });
});
