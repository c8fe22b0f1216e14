import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { createRng } from '../../../models/rng.js';
import { gaussianDictionary } from '../../../models/sparse/dictionary-init.js';
import { createLista } from '../../../models/sparse/lista.js';
import { equivalenceSentence, predictionErrorCurves } from '../../../models/sparse/prediction-curves.js';
import { product } from '../../../models/sparse/product.js';
import { createSparseCoder } from '../../../models/sparse/sparse-coder.js';
import { maxRelativeError, testBackends, useBackend } from '../backends.js';

const n = 32;
const atoms = 64;
const lambda = 0.1;

/** y = W z + noise with 4-sparse Gaussian z: [count, n]. */
function sparseSignals(w: tf.Tensor2D, count: number, seed: number): tf.Tensor2D {
  const rng = createRng(seed);
  const z = new Float32Array(count * atoms);
  for (let i = 0; i < count; i++) for (let j = 0; j < 4; j++) z[i * atoms + rng.int(atoms)] = rng.normal();
  const noise = Float32Array.from({ length: count * n }, () => 0.05 * rng.normal());
  return tf.tidy(() =>
    tf.add(tf.matMul(tf.tensor2d(z, [count, atoms]), tf.transpose(w)), tf.tensor2d(noise, [count, n])),
  ) as tf.Tensor2D;
}

describe.each(testBackends)('LISTA on %s', (backend) => {
  test("the wasm-friendly product's gradients equal tf.matMul's", async () => {
    await useBackend(backend);
    const rng = createRng(4);
    const a = tf.tensor2d(
      Float32Array.from({ length: 6 * 5 }, () => rng.normal()),
      [6, 5],
    );
    const b = tf.tensor2d(
      Float32Array.from({ length: 5 * 7 }, () => rng.normal()),
      [5, 7],
    );
    const loss = (f: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(tf.square(f(x as tf.Tensor2D, y as tf.Tensor2D)));
    const ours = tf.grads(loss(product))([a, b]);
    const stock = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
    ours.forEach((g, i) =>
      expect(maxRelativeError(g.dataSync(), (stock[i] as tf.Tensor).dataSync())).toBeLessThan(1e-5),
    );
    tf.dispose([a, b, ...ours, ...stock]);
  });

  test('untrained, K steps of LISTA are K steps of ISTA', async () => {
    await useBackend(backend);
    const w = tf.tensor2d(gaussianDictionary(n, atoms, createRng(1)), [n, atoms]);
    const y = sparseSignals(w, 20, 2);
    const coder = createSparseCoder(w, { lambda, rng: createRng(3) });
    const lista = createLista(w, lambda, coder.lipschitz, { steps: 4, learningRate: 1e-3 });
    const ista = coder.solve(y, { method: 'ista', iterations: 4 }).codes;
    const ours = lista.encode(y);
    expect(maxRelativeError(ours.dataSync(), ista.dataSync())).toBeLessThan(1e-5);
    tf.dispose([w, y, ista, ours]);
    coder.dispose();
    lista.dispose();
  });
});

describe('LISTA after training (wasm)', () => {
  test('with K = 3 steps beats ISTA and FISTA run for 3 steps on held-out samples, and leaks nothing', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const w = tf.tensor2d(gaussianDictionary(n, atoms, createRng(1)), [n, atoms]);
    const train = sparseSignals(w, 1000, 5);
    const test = sparseSignals(w, 200, 6);
    const coder = createSparseCoder(w, { lambda, rng: createRng(3) });
    const trainTarget = coder.solve(train, { method: 'fista', iterations: 500 }).codes; // z* [1000, atoms]
    const testTarget = coder.solve(test, { method: 'fista', iterations: 500 }).codes;
    const K = 3;
    const lista = createLista(w, lambda, coder.lipschitz, { steps: K, learningRate: 3e-3 });
    const losses: number[] = [];
    for (let epoch = 0; epoch < 20; epoch++) {
      for (let b = 0; b < 10; b++) {
        const [y, t] = tf.tidy(() => [
          tf.slice(train, [b * 100, 0], [100, n]) as tf.Tensor2D,
          tf.slice(trainTarget, [b * 100, 0], [100, atoms]) as tf.Tensor2D,
        ]) as [tf.Tensor2D, tf.Tensor2D];
        losses.push(lista.trainStep(y, t));
        tf.dispose([y, t]);
      }
    }
    expect(losses.at(-1) as number).toBeLessThan(0.5 * (losses[0] as number));
    const curves = predictionErrorCurves(coder, lista, test, testTarget, 100);
    const listaError = curves.lista[K] as number;
    expect(listaError, 'LISTA vs ISTA at K').toBeLessThan(curves.ista[K] as number);
    expect(listaError, 'LISTA vs FISTA at K').toBeLessThan(curves.fista[K] as number);
    expect(curves.fistaEquivalent as number).toBeGreaterThan(K);
    expect(equivalenceSentence(curves)).toMatch(
      /^LISTA with K = 3 reaches the error FISTA reaches after \d+ iterations$/,
    );
    tf.dispose([w, train, test, trainTarget, testTarget]);
    coder.dispose();
    lista.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('K < 1 is refused', async () => {
    await useBackend('wasm');
    const w = tf.tensor2d(gaussianDictionary(n, atoms, createRng(1)), [n, atoms]);
    expect(() => createLista(w, lambda, 2, { steps: 0, learningRate: 1e-3 })).toThrow(/K ≥ 1/);
    w.dispose();
  });
});
