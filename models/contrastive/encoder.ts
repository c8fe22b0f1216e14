/**
 * The encoder and projection heads (SimCLR, Chen et al. 2020, §2.1: h = f(x), z = g(h)),
 * written on the graph (models/graph/):
 *
 *   x [b, 784] → [b, 1, 28, 28] → conv 3×3×c₁, stride 2, pad 1 → ReLU   [b, c₁, 14, 14]
 *             → conv 3×3×c₂, stride 2, pad 1 → ReLU                      [b, c₂, 7, 7]
 *             → flatten → dense → ReLU                                    h [b, r]
 *   head:     h → dense → ReLU → dense                                    u [b, p]   (z = u / ‖u‖)
 *
 * With separate heads (PIRL) the second view goes through its own head g. Parameters keep
 * their TensorFlow.js layouts (convolutions [k, k, in, out], dense [in, out] with the first
 * layer's rows in (row, column, channel) order), so checkpoints stay readable; the graph
 * permutes the weights (small) rather than the activations: kernels to ONNX's [out, in, k, k],
 * the first dense layer's rows to the NCHW flatten's (channel, row, column) order. They start as PyTorch's defaults (uniform in ±1/√fan-in), drawn from the
 * seeded generator.
 */
import type { GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { NamedArray } from '../graph/program.js';
import type { Rng } from '../rng.js';
import type { NamedWeights } from '../weights.js';
import type { ContrastiveConfig } from './config.js';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
const KERNEL = 3;

export type EncoderShape = Pick<
  ContrastiveConfig,
  'conv1Channels' | 'conv2Channels' | 'representationDim' | 'projectionHidden' | 'projectionDim' | 'heads'
>;

/** Every parameter's name and shape (weights [in, out] or [k, k, in, out]). */
export function encoderShapes(config: EncoderShape): Record<string, readonly number[]> {
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
export function initialEncoderWeights(config: EncoderShape, rng: Rng): Record<string, NamedArray> {
  const shapes = encoderShapes(config);
  const out: Record<string, NamedArray> = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const bound = 1 / Math.sqrt(fanIn(name, shapes));
    const size = shape.reduce((a, b) => a * b, 1);
    out[name] = { shape, data: Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound) };
  }
  return out;
}

/** Throws unless `weights` holds every parameter of `config` with its shape. */
export function checkEncoderWeights(config: EncoderShape, weights: NamedWeights): void {
  for (const [name, shape] of Object.entries(encoderShapes(config))) {
    const w = weights[name];
    if (!w || w.shape.join(',') !== shape.join(',')) {
      throw new Error(`Weights lack ${name} of shape [${shape.join(', ')}].`);
    }
  }
}

export type EncoderParams = ReadonlyMap<string, Node>;

/** The parameters as graph inputs (state entries of the same names), in encoderShapes' order. */
export function encoderParams(g: GraphBuilder, config: EncoderShape): EncoderParams {
  return new Map(Object.entries(encoderShapes(config)).map(([name, shape]) => [name, g.input(name, shape)]));
}

const param = (p: EncoderParams, name: string): Node => p.get(name) as Node;

/** relu(conv(x, W, pad 1, stride 2) + b): x [b, c, H, W], W [3, 3, c, o] → [b, o, ⌈H/2⌉, ⌈W/2⌉]. */
function convLayer(g: GraphBuilder, p: EncoderParams, x: Node, name: string): Node {
  const w = g.transpose(param(p, `${name}.w`), [3, 2, 0, 1]); // [o, c, 3, 3]
  const bias = param(p, `${name}.b`);
  const o = bias.shape[0] as number;
  return g.relu(g.add(g.conv(x, w, 1, 2), g.reshape(bias, [1, o, 1, 1])));
}

/** act(x·W + b), x [b, in] → [b, out]. */
function dense(g: GraphBuilder, p: EncoderParams, x: Node, name: string, relu: boolean): Node {
  const y = g.add(g.matmul(x, param(p, `${name}.w`)), param(p, `${name}.b`));
  return relu ? g.relu(y) : y;
}

/** h = f(x): x [b, 784] → [b, r]. */
export function represent(g: GraphBuilder, p: EncoderParams, x: Node): Node {
  const b = x.shape[0] as number;
  const image = g.reshape(x, [b, 1, SIDE, SIDE]); // [b, 1, 28, 28]
  const a1 = convLayer(g, p, image, 'conv1'); // [b, c₁, 14, 14]
  const a2 = convLayer(g, p, a1, 'conv2'); // [b, c₂, 7, 7]
  const c2 = a2.shape[1] as number;
  const side = SIDE / 4;
  const flat = g.reshape(a2, [b, c2 * side * side]); // [b, 49·c₂], (channel, row, column)
  // dense.w's rows are in (row, column, channel) order: permute the weight, not the activations.
  const w = param(p, 'dense.w');
  const r = w.shape[1] as number;
  const rows = g.reshape(g.transpose(g.reshape(w, [side, side, c2, r]), [2, 0, 1, 3]), [c2 * side * side, r]);
  return g.relu(g.add(g.matmul(flat, rows), param(p, 'dense.b'))); // [b, r]
}

/** u = head(h) for head 'f' or 'g': [b, r] → [b, p] (not normalised). */
export function project(g: GraphBuilder, p: EncoderParams, h: Node, head: 'f' | 'g'): Node {
  const name = head === 'g' && p.has('g1.w') ? 'g' : 'f';
  const hidden = dense(g, p, h, `${name}1`, true); // [b, ph]
  return dense(g, p, hidden, `${name}2`, false); // [b, p]
}
