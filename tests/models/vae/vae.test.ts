import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngineFactory } from '../../../models/graph/program.js';
import { createTfjsEngine, tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import type { NamedWeights } from '../../../models/weights.js';
import type { VaeModel, VaeShape } from '../../../models/vae/vae-api.js';
import { createVae, createVaeFromWeights } from '../../../models/vae/vae.js';
import { vaeGradientProgram } from '../../../models/vae/vae-graph.js';
import { initialWeights, paramNames } from '../../../models/vae/vae-params.js';
import { createTapeVae, noiseFor } from '../../../models/vae/vae-tape.js';
import { createRng } from '../../../models/rng.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { loadDigits } from '../digits.js';
import { maxRelativeError, useBackend, type TestBackend } from '../backends.js';

const small = (variant: 'vae' | 'ae'): VaeShape => ({ variant, inputDim: 784, hiddenDim: 64, latentDim: 4 });
const variants = ['vae', 'ae'] as const;
const onnx: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });

/** Every engine the VAE trains on: ONNX Runtime, and TensorFlow.js on wasm and cpu. */
const engines: readonly { name: string; backend: TestBackend; engine: EngineFactory }[] = [
  { name: 'onnxruntime', backend: 'wasm', engine: onnx },
  { name: 'tfjs wasm', backend: 'wasm', engine: tfjsEngine },
  { name: 'tfjs cpu', backend: 'cpu', engine: tfjsEngine },
];

let digits: Float32Array; // 512 real digits, [512, 784]
beforeAll(() => {
  digits = loadDigits(52).subarray(0, 512 * 784);
});

const rows = (start: number, size: number): Float32Array =>
  digits.subarray(start * 784, (start + size) * 784);
const batch = (start: number, size: number): tf.Tensor2D => tf.tensor2d(rows(start, size), [size, 784]);

/** σ(relu(z·w1 + b1)·w2 + b2) in plain JS, the renderer's decoder. */
function decodeInJs(
  w: ReturnType<VaeModel['decoderWeights']>,
  z: number[],
  h: number,
  n: number,
): Float64Array {
  const hidden = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let s = w.b1[j] as number;
    z.forEach((zk, k) => (s += zk * (w.w1[k * h + j] as number)));
    hidden[j] = Math.max(s, 0);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = w.b2[i] as number;
    for (let j = 0; j < h; j++) s += (hidden[j] as number) * (w.w2[j * n + i] as number);
    out[i] = 1 / (1 + Math.exp(-s));
  }
  return out;
}

/** BCE + KL per sample at z = μ, in float64 from the weights, by the textbook formulas. */
function textbookLosses(weights: NamedWeights, shape: VaeShape, x: Float32Array) {
  const { inputDim: n, hiddenDim: h, latentDim: d } = shape;
  const w = (name: string) => (weights[name] as { data: Float32Array }).data;
  const dense = (
    input: ArrayLike<number>,
    wName: string,
    bName: string,
    inDim: number,
    outDim: number,
    relu: boolean,
  ) => {
    const out = new Float64Array(outDim);
    for (let j = 0; j < outDim; j++) {
      let s = w(bName)[j] as number;
      for (let i = 0; i < inDim; i++) s += (input[i] as number) * (w(wName)[i * outDim + j] as number);
      out[j] = relu ? Math.max(s, 0) : s;
    }
    return out;
  };
  let recon = 0;
  let kl = 0;
  const m = x.length / n;
  for (let r = 0; r < m; r++) {
    const xr = x.subarray(r * n, (r + 1) * n);
    const e = dense(
      dense(xr, 'enc1.w', 'enc1.b', n, h, true),
      'enc2.w',
      'enc2.b',
      h,
      shape.variant === 'vae' ? 2 * d : d,
      false,
    );
    const mu = e.subarray(0, d);
    if (shape.variant === 'vae') {
      for (let k = 0; k < d; k++) {
        const lv = e[d + k] as number;
        kl += 0.5 * (Math.exp(lv) + (mu[k] as number) ** 2 - 1 - lv);
      }
    }
    const p = dense(dense(mu, 'dec1.w', 'dec1.b', d, h, true), 'dec2.w', 'dec2.b', h, n, false).map(
      (l) => 1 / (1 + Math.exp(-l)),
    );
    for (let i = 0; i < n; i++) {
      const xi = xr[i] as number;
      const pi = p[i] as number;
      recon -= xi * Math.log(pi) + (1 - xi) * Math.log(1 - pi);
    }
  }
  return { recon: recon / m, kl: kl / m };
}

describe.each(engines)('the VAE on $name', ({ name, backend, engine }) => {
  beforeAll(() => useBackend(backend));

  test.each(variants)(
    '%s: the graph gradients equal tf.grad of the independently written tape model',
    async (variant) => {
      const shape = small(variant);
      const tape = createTapeVae(shape, 5, 'stock');
      const weights = initialWeights(shape, createRng(5));
      const runner = engine({ ...weights });
      const x = rows(0, 32);
      const beta = 1.7;
      const epsData = variant === 'vae' ? createRng(9) : null;
      const eps = epsData ? Float32Array.from({ length: 32 * 4 }, () => epsData.normal()) : null;
      const got = await runner.run(vaeGradientProgram(shape, 32), {
        x,
        beta: Float32Array.of(beta),
        ...(eps ? { eps } : {}),
      });
      tf.tidy(() => {
        const expected = tape.gradients(
          tf.tensor2d(x, [32, 784]),
          beta,
          eps ? tf.tensor2d(eps, [32, 4]) : null,
        );
        paramNames.forEach((param, i) => {
          const want = (expected[i] as tf.Tensor).dataSync();
          expect(maxRelativeError(got[`grad.${param}`] as Float32Array, want), param).toBeLessThan(2e-4);
        });
      });
      if (variant === 'ae') expect(got.kl?.[0]).toBe(0);
      runner.dispose();
      tape.dispose();
    },
  );

  test.each(variants)(
    '%s: the same seed gives the same first losses as the stock tape model',
    async (variant) => {
      const ours = createVae(small(variant), 21, engine);
      const again = createVae(small(variant), 21, engine);
      const stock = createTapeVae(small(variant), 21, 'stock');
      const xt = batch(0, 64);
      for (let step = 0; step < 3; step++) {
        const a = await ours.trainStep(rows(0, 64), 1, 1e-3, 100 + step);
        const b = await again.trainStep(rows(0, 64), 1, 1e-3, 100 + step);
        const c = stock.trainStep(xt, 1, 1e-3, 100 + step);
        expect(a).toEqual(b);
        expect(Math.abs(a.total - c.total) / c.total).toBeLessThan(1e-4);
        expect(Math.abs(a.kl - c.kl)).toBeLessThan(1e-3 * Math.max(1, c.kl));
      }
      const other = await createVae(small(variant), 22, engine).trainStep(rows(0, 64), 1, 1e-3, 100);
      expect(other.total).not.toBe((await ours.evaluate(rows(0, 64), 1)).total);
      xt.dispose();
      [ours, again, stock].forEach((m) => m.dispose());
    },
  );

  test('evaluate gives the textbook BCE and KL at z = μ (float64 from the weights)', async () => {
    const shape = small('vae');
    const model = createVae(shape, 8, engine);
    await model.trainStep(rows(0, 64), 1, 3e-3, 1);
    const x = rows(64, 20);
    const got = await model.evaluate(x, 0.5);
    const want = textbookLosses(model.getWeights(), shape, x);
    expect(Math.abs(got.recon - want.recon) / want.recon).toBeLessThan(1e-5);
    expect(Math.abs(got.kl - want.kl) / want.kl).toBeLessThan(1e-4);
    expect(got.total).toBeCloseTo(got.recon + 0.5 * got.kl, 3);
    model.dispose();
  });

  // 50 steps take ≈ 0.6 s on wasm and ≈ 7 s on cpu; the cpu rung is covered by the checks above.
  const fallVariants = name === 'tfjs cpu' ? [] : variants;
  test.for(fallVariants)('%s: the loss falls over 50 steps on 512 real digits', async (variant) => {
    const model = createVae(small(variant), 1, engine);
    const rng = createRng(2);
    const first = (await model.evaluate(rows(0, 512), 1)).total;
    for (let step = 0; step < 50; step++) {
      const losses = await model.trainStep(rows(64 * (step % 8), 64), 1, 3e-3, rng.nextSeed());
      expect(Number.isFinite(losses.total)).toBe(true);
    }
    const last = await model.evaluate(rows(0, 512), 1);
    expect(last.total).toBeLessThan(0.5 * first);
    expect(last.total).toBeCloseTo(last.recon + (variant === 'vae' ? last.kl : 0), 3);
    if (variant === 'ae') expect(last.kl).toBe(0);
    model.dispose();
  });

  test.each(variants)('%s: training, evaluating, encoding and decoding leak no tensors', async (variant) => {
    const model = createVae(small(variant), 3, engine);
    const x = rows(0, 32);
    const cycle = async () => {
      await model.trainStep(x, 0.5, 1e-3, 1);
      await model.evaluate(x, 1);
      const { mu } = await model.encode(x);
      await model.decode(mu);
      await model.reconstruct(x);
      model.getWeights();
      model.decoderWeights();
    };
    await cycle();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) await cycle();
    expect(tf.memory().numTensors).toBe(before);
    const { mu, logvar } = await model.encode(x);
    expect(mu.length).toBe(32 * 4);
    expect(logvar === null).toBe(variant === 'ae');
    const decoded = await model.decode(mu);
    expect(decoded.length).toBe(32 * 784);
    expect(maxRelativeError(await model.reconstruct(x), decoded)).toBeLessThan(1e-5);
    model.dispose();
  });

  test('dispose frees every tensor the model made', async () => {
    const before = tf.memory().numTensors;
    const model = createVae(small('vae'), 3, engine);
    await model.trainStep(rows(0, 16), 1, 1e-3, 1);
    await model.decode(new Float32Array(2 * 4));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('setWeights(getWeights()) round-trips, and a model built from them behaves the same', async () => {
    const shape = small('vae');
    const a = createVae(shape, 4, engine);
    const b = createVae(shape, 5, engine);
    await a.trainStep(rows(0, 32), 1, 1e-3, 1);
    const saved = a.getWeights();
    expect(Object.keys(saved).sort()).toEqual([...paramNames].sort());
    expect(saved['dec2.w']?.shape).toEqual([64, 784]);
    expect(saved['dec1.w']?.shape).toEqual([4, 64]);
    b.setWeights(saved);
    expect(await b.evaluate(rows(0, 32), 1)).toEqual(await a.evaluate(rows(0, 32), 1));
    const c = createVaeFromWeights(shape, b.getWeights(), engine);
    expect(await c.evaluate(rows(0, 32), 1)).toEqual(await a.evaluate(rows(0, 32), 1));
    expect(() => b.setWeights({ ...saved, 'enc1.b': { shape: [3], data: new Float32Array(3) } })).toThrow(
      /enc1\.b/,
    );
    [a, b, c].forEach((m) => m.dispose());
  });

  test('decoderWeights decode in plain JS exactly like decode()', async () => {
    const model = createVae(small('vae'), 6, engine);
    await model.trainStep(rows(0, 16), 1, 1e-3, 1);
    const z = [0.3, -1.2, 0.5, 2];
    const fromModel = await model.decode(Float32Array.from(z));
    const fromJs = decodeInJs(model.decoderWeights(), z, 64, 784);
    expect(maxRelativeError(fromJs, fromModel)).toBeLessThan(1e-5);
    model.dispose();
  });

  test('bad shapes are refused with a sentence', async () => {
    const model = createVae(small('vae'), 1, engine);
    await expect(model.trainStep(new Float32Array(20), 1, 1e-3, 1)).rejects.toThrow(/\[b, 784\]/);
    await expect(model.decode(new Float32Array(10))).rejects.toThrow(/\[n, 4\]/);
    model.dispose();
  });
});

describe('ONNX Runtime and TensorFlow.js on the same seed', () => {
  beforeAll(() => useBackend('wasm'));

  test.each(variants)('%s: the first 5 losses agree within 1e-5 (relative)', async (variant) => {
    const a = createVae(small(variant), 11, onnx);
    const b = createVae(small(variant), 11, tfjsEngine);
    for (let step = 0; step < 5; step++) {
      const x = rows(64 * step, 64);
      const la = await a.trainStep(x, 1, 2e-3, 40 + step);
      const lb = await b.trainStep(x, 1, 2e-3, 40 + step);
      expect(Math.abs(la.total - lb.total) / lb.total).toBeLessThan(1e-5);
    }
    a.dispose();
    b.dispose();
  });

  test('the tape model draws ε exactly as createVae does', () => {
    const rng = createRng(77);
    const want = Array.from({ length: 6 }, () => rng.normal());
    const got = tf.tidy(() => Array.from(noiseFor(77, 3, 2).dataSync()));
    want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
  });

  test('the tfjs engine reads back what it was given', () => {
    const runner = createTfjsEngine({ w: { shape: [2], data: Float32Array.of(1, 2) } });
    runner.write('w', Float32Array.of(3, 4));
    expect(Array.from(runner.read('w'))).toEqual([3, 4]);
    expect(() => runner.write('w', new Float32Array(3))).toThrow(/2 values/);
    runner.dispose();
  });
});

afterAll(() => tf.disposeVariables());
