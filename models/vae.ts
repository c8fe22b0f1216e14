/**
 * The course VAE and the classic autoencoder behind the VaeModel interface (vae-api.ts).
 * The maths is vae-graph.ts, once; a GraphEngine runs its training and evaluation programs
 * (ONNX Runtime on the top rung, TensorFlow.js below), and the views' encode/decode run the
 * same graphs with TensorFlow.js on the current weights. ε is drawn from the project's
 * seeded generator, so the same seed gives the same run on every engine.
 *
 * Programs are built per batch size (shapes are static; an epoch's smaller last batch gets
 * its own) and kept for the model's life.
 */
import * as tf from '@tensorflow/tfjs-core';
import { adamScalars, adamState } from './graph/adam.js';
import type { EngineFactory, NamedArray, Program } from './graph/program.js';
import { tfjsEngine } from './graph/tfjs-engine.js';
import { runTfjs } from './graph/tfjs-exec.js';
import { createRng } from './rng.js';
import type { DecoderWeights, NamedWeights, VaeLosses, VaeModel, VaeShape } from './vae-api.js';
import { vaeDecodeProgram, vaeEncodeProgram, vaeEvalProgram, vaeTrainProgram } from './vae-graph.js';
import { checkWeights, initialWeights, paramNames } from './vae-params.js';

/** Per-sample means from loss sums over `n` samples. */
export function lossesFromSums(
  recon: number,
  kl: number,
  n: number,
  beta: number,
  variational: boolean,
): VaeLosses {
  const r = recon / n;
  const k = variational ? kl / n : 0;
  return { recon: r, kl: k, total: variational ? r + beta * k : r };
}

/** A VAE (or AE) with nn.Linear-style initialisation drawn from `seed`. */
export function createVae(shape: VaeShape, seed: number, engine: EngineFactory = tfjsEngine): VaeModel {
  return createVaeFromWeights(shape, initialWeights(shape, createRng(seed)), engine);
}

/** A VAE (or AE) starting from the given parameters (e.g. a checkpoint). */
export function createVaeFromWeights(
  shape: VaeShape,
  weights: NamedWeights,
  engine: EngineFactory = tfjsEngine,
): VaeModel {
  checkWeights(shape, weights);
  const variational = shape.variant === 'vae';
  const { inputDim: n, latentDim: d } = shape;
  const params: Record<string, NamedArray> = {};
  for (const name of paramNames) params[name] = weights[name] as NamedArray;
  const runner = engine({ ...params, ...adamState(params) });
  const programs = new Map<string, Program>();
  const program = (kind: 'train' | 'eval' | 'encode' | 'decode' | 'reconstruct', m: number): Program => {
    const key = `${kind}.${m}`;
    let p = programs.get(key);
    if (!p) {
      if (kind === 'train') p = vaeTrainProgram(shape, m);
      else if (kind === 'eval') p = vaeEvalProgram(shape, m);
      else if (kind === 'encode') p = vaeEncodeProgram(shape, m);
      else p = vaeDecodeProgram(shape, m, kind === 'reconstruct');
      programs.set(key, p);
    }
    return p;
  };
  let t = 0; // Adam's step count
  // The weights as tensors for the views (made at the first view, so that training alone needs
  // no TensorFlow.js backend), refreshed from the engine when a view finds them stale.
  let viewWeights: Record<string, tf.Variable> | null = null;
  let viewsStale = true;

  const rowsOf = (x: Float32Array): number => {
    if (x.length === 0 || x.length % n !== 0) {
      throw new Error(`Expected a batch of shape [b, ${n}], got ${x.length} values.`);
    }
    return x.length / n;
  };
  const checkTensor = (x: tf.Tensor, width: number, what: string): number => {
    if (x.rank !== 2 || x.shape[1] !== width) {
      throw new Error(
        `Expected ${what} of shape [${what === 'codes' ? 'n' : 'b'}, ${width}], got [${x.shape.join(', ')}].`,
      );
    }
    return x.shape[0] as number;
  };
  const invalidateViews = (): void => {
    viewsStale = true;
  };
  /** Runs a view program with TensorFlow.js on the current weights. */
  const view = (p: Program, feeds: Record<string, tf.Tensor>): Record<string, tf.Tensor> => {
    viewWeights ??= Object.fromEntries(
      paramNames.map((name) => [
        name,
        tf.variable(tf.zeros([...(weights[name] as NamedArray).shape]), false),
      ]),
    );
    if (viewsStale) {
      for (const [name, v] of Object.entries(viewWeights))
        tf.tidy(() => v.assign(tf.tensor(runner.read(name), v.shape)));
      viewsStale = false;
    }
    return runTfjs(p.graph, { ...viewWeights, ...feeds }, p.fetches);
  };

  return {
    shape,
    engine: runner.description,
    async trainStep(x, beta, learningRate, noiseSeed) {
      const b = rowsOf(x);
      t += 1;
      const feeds: Record<string, Float32Array> = {
        x,
        beta: Float32Array.of(beta),
        ...adamScalars(t, learningRate),
      };
      if (variational) {
        const rng = createRng(noiseSeed);
        feeds.eps = Float32Array.from({ length: b * d }, () => rng.normal()); // [b, d]
      }
      invalidateViews();
      const out = await runner.run(program('train', b), feeds);
      return lossesFromSums(out.recon?.[0] ?? NaN, out.kl?.[0] ?? NaN, b, beta, variational);
    },
    async evaluate(x, beta) {
      const m = rowsOf(x);
      const out = await runner.run(program('eval', m), { x });
      return lossesFromSums(out.recon?.[0] ?? NaN, out.kl?.[0] ?? NaN, m, beta, variational);
    },
    encode(x) {
      const m = checkTensor(x, n, 'a batch');
      const out = view(program('encode', m), { x });
      return { mu: out.mu as tf.Tensor2D, logvar: (out.logvar as tf.Tensor2D | undefined) ?? null };
    },
    decode(z) {
      const m = checkTensor(z, d, 'codes');
      return view(program('decode', m), { z }).probs as tf.Tensor2D; // [m, n]
    },
    reconstruct(x) {
      const m = checkTensor(x, n, 'a batch');
      return view(program('reconstruct', m), { x }).probs as tf.Tensor2D; // [m, n]
    },
    decoderWeights(): DecoderWeights {
      return {
        w1: runner.read('dec1.w'), // [d, h]
        b1: runner.read('dec1.b'),
        w2: runner.read('dec2.w'), // [h, n]
        b2: runner.read('dec2.b'),
      };
    },
    getWeights() {
      const out: Record<string, NamedArray> = {};
      for (const name of paramNames)
        out[name] = { shape: (weights[name] as NamedArray).shape, data: runner.read(name) };
      return out;
    },
    setWeights(next) {
      checkWeights(shape, next);
      for (const name of paramNames) runner.write(name, (next[name] as NamedArray).data);
      invalidateViews();
    },
    dispose() {
      if (viewWeights) tf.dispose(Object.values(viewWeights));
      runner.dispose();
    },
  };
}
