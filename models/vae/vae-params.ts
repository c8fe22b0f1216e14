/**
 * The VAE's parameters: names, shapes and PyTorch-style initialisation.
 *
 *   encoder  enc1: n → h (ReLU),  enc2: h → 2d (μ | log σ²)   [the 'ae' variant: h → d]
 *   decoder  dec1: d → h (ReLU),  dec2: h → n (sigmoid)
 *
 * Every weight is [in, out], so that a layer reads y = x·W + b: in the graph (vae-graph.ts),
 * in checkpoints and in getWeights/setWeights. The tape oracle (vae-tape.ts) keeps them as
 * TensorFlow.js variables (createParams).
 *
 * Initialisation is nn.Linear's: weights and biases ~ U(−1/√fan_in, 1/√fan_in), drawn in
 * the canonical [in, out] order from the seeded generator passed in.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeight, NamedWeights } from '../weights.js';
import type { VaeShape } from './vae-api.js';
import type { Rng } from '../rng.js';

export const paramNames = [
  'enc1.w',
  'enc1.b',
  'enc2.w',
  'enc2.b',
  'dec1.w',
  'dec1.b',
  'dec2.w',
  'dec2.b',
] as const;
export type ParamName = (typeof paramNames)[number];

/** The parameters as TensorFlow.js variables (for the tape oracle), [in, out]. */
export interface VaeParams {
  /** [n, h] */ readonly enc1w: tf.Variable<tf.Rank.R2>;
  /** [h] */ readonly enc1b: tf.Variable<tf.Rank.R1>;
  /** [h, 2d] ('ae': [h, d]) */ readonly enc2w: tf.Variable<tf.Rank.R2>;
  /** [2d] */ readonly enc2b: tf.Variable<tf.Rank.R1>;
  /** [d, h] */ readonly dec1w: tf.Variable<tf.Rank.R2>;
  /** [h] */ readonly dec1b: tf.Variable<tf.Rank.R1>;
  /** [h, n] */ readonly dec2w: tf.Variable<tf.Rank.R2>;
  /** [n] */ readonly dec2b: tf.Variable<tf.Rank.R1>;
}

/** Width of the encoder's output: μ and log σ² for the VAE, the code alone for the AE. */
export function encoderOutDim(shape: VaeShape): number {
  return shape.variant === 'vae' ? 2 * shape.latentDim : shape.latentDim;
}

/** [in, out] of each dense layer, in paramNames order of its weight. */
export function layerDims(shape: VaeShape): readonly [number, number][] {
  const { inputDim: n, hiddenDim: h, latentDim: d } = shape;
  return [
    [n, h],
    [h, encoderOutDim(shape)],
    [d, h],
    [h, n],
  ];
}

/** Shape of every parameter by name. */
export function paramShapes(shape: VaeShape): Readonly<Record<ParamName, readonly number[]>> {
  const [e1, e2, d1, d2] = layerDims(shape) as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  return {
    'enc1.w': e1,
    'enc1.b': [e1[1]],
    'enc2.w': e2,
    'enc2.b': [e2[1]],
    'dec1.w': d1,
    'dec1.b': [d1[1]],
    'dec2.w': d2,
    'dec2.b': [d2[1]],
  };
}

function uniformArray(rng: Rng, size: number, bound: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  return out;
}

/** nn.Linear's initialisation of every parameter, as named host arrays. */
export function initialWeights(shape: VaeShape, rng: Rng): NamedWeights {
  const shapes = paramShapes(shape);
  const out: Record<string, { shape: readonly number[]; data: Float32Array }> = {};
  for (const [w, b] of [
    ['enc1.w', 'enc1.b'],
    ['enc2.w', 'enc2.b'],
    ['dec1.w', 'dec1.b'],
    ['dec2.w', 'dec2.b'],
  ] as const) {
    const [fanIn, fanOut] = shapes[w] as [number, number];
    const bound = 1 / Math.sqrt(fanIn);
    out[w] = { shape: shapes[w], data: uniformArray(rng, fanIn * fanOut, bound) };
    out[b] = { shape: shapes[b], data: uniformArray(rng, fanOut, bound) };
  }
  return out;
}

/** Checks that `weights` holds every parameter with the expected shape; throws a sentence if not. */
export function checkWeights(shape: VaeShape, weights: NamedWeights): void {
  const shapes = paramShapes(shape);
  for (const name of paramNames) {
    const w = weights[name];
    const expected = shapes[name];
    if (!w) throw new Error(`Checkpoint lacks the parameter ${name}.`);
    const size = expected.reduce((a, b) => a * b, 1);
    if (
      w.shape.length !== expected.length ||
      w.shape.some((s, i) => s !== expected[i]) ||
      w.data.length !== size
    ) {
      throw new Error(
        `Parameter ${name} has shape [${w.shape.join(', ')}], expected [${expected.join(', ')}].`,
      );
    }
  }
}

/** Creates the parameter variables from host arrays (shapes already checked). */
export function createParams(weights: NamedWeights): VaeParams {
  const v = (name: ParamName) => {
    const { data, shape } = weights[name] as NamedWeight;
    // A copy: the cpu backend would otherwise keep the caller's array as storage.
    return tf.tidy(() =>
      tf.variable(tf.tensor(data.slice(), [...shape], 'float32'), true, undefined, 'float32'),
    );
  };
  return {
    enc1w: v('enc1.w') as tf.Variable<tf.Rank.R2>,
    enc1b: v('enc1.b') as tf.Variable<tf.Rank.R1>,
    enc2w: v('enc2.w') as tf.Variable<tf.Rank.R2>,
    enc2b: v('enc2.b') as tf.Variable<tf.Rank.R1>,
    dec1w: v('dec1.w') as tf.Variable<tf.Rank.R2>,
    dec1b: v('dec1.b') as tf.Variable<tf.Rank.R1>,
    dec2w: v('dec2.w') as tf.Variable<tf.Rank.R2>,
    dec2b: v('dec2.b') as tf.Variable<tf.Rank.R1>,
  };
}

/** The variables in paramNames order. */
export function paramList(p: VaeParams): tf.Variable[] {
  return [p.enc1w, p.enc1b, p.enc2w, p.enc2b, p.dec1w, p.dec1b, p.dec2w, p.dec2b];
}

export function disposeParams(p: VaeParams): void {
  tf.dispose(paramList(p));
}
