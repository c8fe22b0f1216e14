/**
 * The encoder and projection heads (SimCLR, Chen et al. 2020, §2.1: h = f(x), z = g(h)):
 *
 *   x [b, 784] → [b, 28, 28, 1] → pad 1 → conv 3×3×c₁ stride 2 → ReLU   [b, 14, 14, c₁]
 *             → pad 1 → conv 3×3×c₂ stride 2 → ReLU                      [b, 7, 7, c₂]
 *             → flatten → dense → ReLU                                    h [b, r]
 *   head:     h → dense → ReLU → dense                                    u [b, p]   (z = u / ‖u‖)
 *
 * With separate heads (PIRL) the second view goes through its own head g. Parameters start
 * as PyTorch's defaults (uniform in ±1/√fan-in), drawn from the seeded generator; the
 * convolutions and dense layers carry wasm-friendly custom gradients (conv-layer.ts, ../linear.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { linear } from '../linear.js';
import type { Rng } from '../rng.js';
import type { NamedWeights } from '../vae-api.js';
import type { ContrastiveConfig } from './config.js';
import { convLayer } from './conv-layer.js';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
const KERNEL = 3;
/** Every parameter's name and shape (weights [in, out] or [k, k, in, out]). */
export function encoderShapes(config: ContrastiveConfig): Record<string, readonly number[]> {
  const { conv1Channels: c1, conv2Channels: c2, representationDim: r } = config;
  const { projectionHidden: ph, projectionDim: p } = config;
  const head = (name: string) => ({
    [`${name}1.w`]: [r, ph],
    [`${name}1.b`]: [ph],
    [`${name}2.w`]: [ph, p],
    [`${name}2.b`]: [p],
  });
  return {
    'conv1.w': [KERNEL, KERNEL, 1, c1],
    'conv1.b': [c1],
    'conv2.w': [KERNEL, KERNEL, c1, c2],
    'conv2.b': [c2],
    'dense.w': [(SIDE / 4) * (SIDE / 4) * c2, r],
    'dense.b': [r],
    ...head('f'),
    ...(config.heads === 'separate' ? head('g') : {}),
  };
}

/** Fan-in of a weight or of the weight a bias belongs to. */
function fanIn(name: string, shapes: Record<string, readonly number[]>): number {
  const w = shapes[name.replace(/\.b$/, '.w')] as readonly number[];
  return w.slice(0, -1).reduce((a, b) => a * b, 1);
}

/** PyTorch's default initialisation of every parameter, as named host arrays. */
export function initialEncoderWeights(config: ContrastiveConfig, rng: Rng): NamedWeights {
  const shapes = encoderShapes(config);
  const out: Record<string, { shape: readonly number[]; data: Float32Array }> = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const bound = 1 / Math.sqrt(fanIn(name, shapes));
    const size = shape.reduce((a, b) => a * b, 1);
    out[name] = { shape, data: Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound) };
  }
  return out;
}

export type EncoderParams = Readonly<Record<string, tf.Variable>>;

export function createEncoderParams(weights: NamedWeights): EncoderParams {
  const out: Record<string, tf.Variable> = {};
  for (const [name, w] of Object.entries(weights)) {
    // Variables outlive tidy scopes; the tensors they start from do not.
    out[name] = tf.tidy(() => tf.variable(tf.tensor(w.data, [...w.shape]), true, undefined, 'float32'));
  }
  return out;
}

const param = <T extends tf.Tensor>(p: EncoderParams, name: string) => p[name] as unknown as T;

/** h = f(x): x [b, 784] → [b, r]. */
export function represent(p: EncoderParams, x: tf.Tensor2D): tf.Tensor2D {
  const b = x.shape[0];
  const image = tf.reshape(x, [b, SIDE, SIDE, 1]) as tf.Tensor4D; // [b, 28, 28, 1]
  const conv = (input: tf.Tensor4D, name: string, inputGradient: boolean) =>
    convLayer(input, param(p, `${name}.w`), param(p, `${name}.b`), 2, 'relu', { padding: 1, inputGradient });
  const a1 = conv(image, 'conv1', false); // [b, 14, 14, c₁] (no gradient into the images)
  const a2 = conv(a1, 'conv2', true); // [b, 7, 7, c₂]
  const flat = tf.reshape(a2, [b, -1]) as tf.Tensor2D; // [b, 49·c₂]
  return linear(flat, param(p, 'dense.w'), param(p, 'dense.b'), 'relu'); // [b, r]
}

/** u = head(h) for head 'f' or 'g': [b, r] → [b, p] (not normalised). */
export function project(p: EncoderParams, h: tf.Tensor2D, head: 'f' | 'g'): tf.Tensor2D {
  const name = head === 'g' && p['g1.w'] ? 'g' : 'f';
  const hidden = linear(h, param(p, `${name}1.w`), param(p, `${name}1.b`), 'relu'); // [b, ph]
  return linear(hidden, param(p, `${name}2.w`), param(p, `${name}2.b`)); // [b, p]
}
