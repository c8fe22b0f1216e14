/**
 * The course VAE and the classic autoencoder behind the VaeModel interface (vae-api.ts).
 * The maths is vae-graph.ts, once; a GraphEngine runs all of its programs (training,
 * evaluation, and the views' encode/decode), ONNX Runtime on the top rung and TensorFlow.js
 * below. ε is drawn from the project's seeded generator, so the same seed gives the same run
 * on every engine.
 *
 * Programs are built per kind and batch size (programCache) and kept for the model's life.
 */
import { adamScalars, adamState } from '../graph/adam.js';
import { programCache, type EngineFactory, type NamedArray } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import type { NamedWeights } from '../weights.js';
import type { DecoderWeights, VaeLosses, VaeModel, VaeShape } from './vae-api.js';
import { vaeDecodeProgram, vaeEncodeProgram, vaeEvalProgram, vaeTrainProgram } from './vae-graph.js';
import { checkWeights, initialWeights, paramNames } from './vae-params.js';

/** Per-sample means from loss sums over `n` samples. */
function lossesFromSums(recon: number, kl: number, n: number, beta: number, variational: boolean): VaeLosses {
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
  const makers = {
    train: (m: number) => vaeTrainProgram(shape, m),
    eval: (m: number) => vaeEvalProgram(shape, m),
    encode: (m: number) => vaeEncodeProgram(shape, m),
    decode: (m: number) => vaeDecodeProgram(shape, m),
    reconstruct: (m: number) => vaeDecodeProgram(shape, m, true),
  };
  const program = programCache((kind: keyof typeof makers, m: number) => makers[kind](m));
  let t = 0; // Adam's step count

  const rowsOf = (x: Float32Array, width: number, what: string): number => {
    if (x.length === 0 || x.length % width !== 0) {
      throw new Error(
        `Expected ${what} of shape [${what === 'codes' ? 'n' : 'b'}, ${width}], got ${x.length} values.`,
      );
    }
    return x.length / width;
  };
  const losses = (out: Record<string, Float32Array>, m: number, beta: number): VaeLosses =>
    lossesFromSums(out.recon?.[0] ?? NaN, out.kl?.[0] ?? NaN, m, beta, variational);

  return {
    shape,
    engine: runner.description,
    async trainStep(x, beta, learningRate, noiseSeed) {
      const b = rowsOf(x, n, 'a batch');
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
      return losses(await runner.run(program('train', b), feeds), b, beta);
    },
    async evaluate(x, beta) {
      const m = rowsOf(x, n, 'a batch');
      return losses(await runner.run(program('eval', m), { x }), m, beta);
    },
    async encode(x) {
      const out = await runner.run(program('encode', rowsOf(x, n, 'a batch')), { x });
      return { mu: out.mu as Float32Array, logvar: out.logvar ?? null };
    },
    async decode(z) {
      return (await runner.run(program('decode', rowsOf(z, d, 'codes')), { z })).probs as Float32Array; // [m, n]
    },
    async reconstruct(x) {
      return (await runner.run(program('reconstruct', rowsOf(x, n, 'a batch')), { x })).probs as Float32Array;
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
    },
    dispose: () => runner.dispose(),
  };
}
