import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineFactory } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { createRng } from '../../../models/rng.js';
import { gaussianDictionary } from '../../../models/sparse/dictionary-init.js';
import { createLista, listaStart } from '../../../models/sparse/lista.js';
import { equivalenceSentence, predictionErrorCurves } from '../../../models/sparse/prediction-curves.js';
import { createSparseCoder } from '../../../models/sparse/sparse-coder.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { maxRelativeError, useBackend } from '../backends.js';

const n = 32;
const atoms = 64;
const lambda = 0.1;
const onnx: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });
beforeAll(() => useBackend('wasm'));

/** y = W z + noise with 4-sparse Gaussian z: [count, n] (row-major). */
function sparseSignals(w: Float32Array, count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const y = new Float32Array(count * n);
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < 4; j++) {
      const atom = rng.int(atoms);
      const c = rng.normal();
      for (let i = 0; i < n; i++)
        y[s * n + i] = (y[s * n + i] as number) + c * (w[i * atoms + atom] as number);
    }
  }
  for (let i = 0; i < y.length; i++) y[i] = (y[i] as number) + 0.05 * rng.normal();
  return y;
}

const dictionary = () => gaussianDictionary(n, atoms, createRng(1));
const coderOf = (w: Float32Array, engine: EngineFactory) =>
  createSparseCoder(w, n, atoms, { lambda, rng: createRng(3) }, engine);

describe('LISTA', () => {
  test.each([
    ['onnxruntime', onnx],
    ['tfjs wasm', tfjsEngine],
  ] as const)('for z ≥ 0 codes, untrained LISTA is K steps of non-negative ISTA on %s', async (_, engine) => {
    const w = dictionary();
    const y = sparseSignals(w, 20, 2);
    const coder = createSparseCoder(w, n, atoms, { lambda, rng: createRng(3), nonNegative: true }, engine);
    const L = await coder.lipschitz();
    const positive = createLista(
      w,
      n,
      lambda,
      L,
      { steps: 4, learningRate: 1e-3, nonNegative: true },
      engine,
    );
    const signed = createLista(w, n, lambda, L, { steps: 4, learningRate: 1e-3 }, engine);
    const ista = (await coder.solve(y, { method: 'ista', iterations: 4 })).codes;
    const codes = await positive.encode(y);
    expect(maxRelativeError(codes, ista)).toBeLessThan(1e-5);
    expect(codes.every((v) => v >= 0) && codes.some((v) => v > 0)).toBe(true);
    expect((await signed.encode(y)).some((v) => v < 0)).toBe(true); // the signed one is another model
    for (const m of [coder, positive, signed]) m.dispose();
  });

  test('starts as the paper says: We = W/L, St = I − WᵀW/L, θ = λ/L', () => {
    const w = Float32Array.of(1, 2, 0, 1, 3, -1); // [3, 2]
    const { We, St, theta } = listaStart(w, 3, 2, 0.5, 10);
    expect(Array.from(We)).toEqual(Array.from(w, (v) => Math.fround(v / 10)));
    // WᵀW = [[1 + 0 + 9, 2 + 0 − 3], [·, 4 + 1 + 1]] = [[10, −1], [−1, 6]]
    expect(Array.from(St).map((v) => +v.toFixed(6))).toEqual([0, 0.1, 0.1, 0.4]);
    expect(Array.from(theta)).toEqual([0.05, 0.05].map(Math.fround));
  });

  test.each([
    ['onnxruntime', onnx],
    ['tfjs wasm', tfjsEngine],
  ] as const)('untrained, K steps of LISTA are K steps of ISTA on %s', async (_, engine) => {
    const w = dictionary();
    const y = sparseSignals(w, 20, 2);
    const coder = coderOf(w, engine);
    const lista = createLista(
      w,
      n,
      lambda,
      await coder.lipschitz(),
      { steps: 4, learningRate: 1e-3 },
      engine,
    );
    const ista = (await coder.solve(y, { method: 'ista', iterations: 4 })).codes;
    expect(maxRelativeError(await lista.encode(y), ista)).toBeLessThan(1e-5);
    expect(
      maxRelativeError(
        await lista.encode(y, 2),
        (await coder.solve(y, { method: 'ista', iterations: 2 })).codes,
      ),
    ).toBeLessThan(1e-5);
    coder.dispose();
    lista.dispose();
  });

  test('the same seed gives the same first losses on ONNX Runtime and TensorFlow.js (relative 1e-4)', async () => {
    const w = dictionary();
    const y = sparseSignals(w, 100, 5);
    const losses = async (engine: EngineFactory) => {
      const coder = coderOf(w, engine);
      const target = (await coder.solve(y, { method: 'fista', iterations: 200 })).codes;
      const lista = createLista(
        w,
        n,
        lambda,
        await coder.lipschitz(),
        { steps: 3, learningRate: 3e-3 },
        engine,
      );
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push(await lista.trainStep(y, target));
      lista.dispose();
      coder.dispose();
      return out;
    };
    const [a, b] = [await losses(onnx), await losses(tfjsEngine)];
    expect(a[4] as number).toBeLessThan(a[0] as number);
    a.forEach((v, i) =>
      expect(Math.abs(v - (b[i] as number)) / (b[i] as number), `step ${i + 1}`).toBeLessThan(1e-4),
    );
  });
});

describe('LISTA after training (onnxruntime)', () => {
  test('with K = 3 steps beats ISTA and FISTA run for 3 steps on held-out samples, thresholds stay ≥ 0', async () => {
    const w = dictionary();
    const train = sparseSignals(w, 1000, 5);
    const test = sparseSignals(w, 200, 6);
    const coder = coderOf(w, onnx);
    const trainTarget = (await coder.solve(train, { method: 'fista', iterations: 500 })).codes; // z* [1000, atoms]
    const testTarget = (await coder.solve(test, { method: 'fista', iterations: 500 })).codes;
    const K = 3;
    const lista = createLista(w, n, lambda, await coder.lipschitz(), { steps: K, learningRate: 3e-3 }, onnx);
    const losses: number[] = [];
    for (let epoch = 0; epoch < 20; epoch++) {
      for (let b = 0; b < 10; b++) {
        const y = train.subarray(b * 100 * n, (b + 1) * 100 * n);
        const t = trainTarget.subarray(b * 100 * atoms, (b + 1) * 100 * atoms);
        losses.push(await lista.trainStep(y, t));
      }
    }
    expect(losses.at(-1) as number).toBeLessThan(0.5 * (losses[0] as number));
    expect(lista.params().theta.every((t) => t >= 0)).toBe(true);
    const curves = await predictionErrorCurves(coder, lista, test, testTarget, 100);
    const listaError = curves.lista[K] as number;
    expect(listaError, 'LISTA vs ISTA at K').toBeLessThan(curves.ista[K] as number);
    expect(listaError, 'LISTA vs FISTA at K').toBeLessThan(curves.fista[K] as number);
    expect(curves.fistaEquivalent as number).toBeGreaterThan(K);
    expect(equivalenceSentence(curves)).toMatch(
      /^LISTA with K = 3 reaches the error FISTA reaches after \d+ iterations$/,
    );
    coder.dispose();
    lista.dispose();
  });

  test('K < 1 is refused', () => {
    expect(() => createLista(dictionary(), n, lambda, 2, { steps: 0, learningRate: 1e-3 })).toThrow(/K ≥ 1/);
  });
});
