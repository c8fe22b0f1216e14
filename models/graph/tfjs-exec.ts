/**
 * Runs a graph (nodes.ts) with TensorFlow.js ops: the lower rungs of the backend ladder
 * (tfjs-node, wasm, cpu) execute the very graph that ONNX Runtime compiles, so each model's
 * maths exists once. Synchronous and tidy: only the returned tensors survive.
 *
 * On wasm a matMul reaches XNNPACK only when neither operand is transposed (otherwise a naive
 * loop, ≈ 12× slower; TOOLCHAIN.md), so there a stored transpose is made explicit first.
 */
import * as tf from '@tensorflow/tfjs-core';
import { neededNodes, type Graph } from './builder.js';
import type { Node, UnaryOp } from './nodes.js';

export type TensorFeeds = Readonly<Record<string, tf.Tensor>>;

const unaryTf: Readonly<Record<UnaryOp, (x: tf.Tensor) => tf.Tensor>> = {
  detach: (x) => x,
  neg: tf.neg,
  relu: tf.relu,
  sigmoid: tf.sigmoid,
  tanh: tf.tanh,
  exp: tf.exp,
  log: tf.log,
  abs: tf.abs,
  sign: tf.sign,
  sqrt: tf.sqrt,
  square: tf.square,
  softplus: tf.softplus,
  step: (x) => tf.step(x, 0),
};

function matmul(a: tf.Tensor2D, b: tf.Tensor2D, transA: boolean, transB: boolean): tf.Tensor {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, transA, transB);
  return tf.matMul(transA ? tf.transpose(a) : a, transB ? tf.transpose(b) : b);
}

type Pads = readonly [readonly [number, number], readonly [number, number]];

/**
 * NCHW cross-correlation x [b, c, H, W] ⋆ k [o, c, kh, kw] with stride s and `pads` zeros
 * ([top, bottom], [left, right]), through tfjs's NHWC conv2d (explicit zero padding, then 'valid').
 */
function conv(x: tf.Tensor, k: tf.Tensor, pads: Pads, stride = 1): tf.Tensor {
  const nhwc = tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D; // [b, H, W, c]
  const [rows, cols] = pads;
  const padded = [...rows, ...cols].some((p) => p > 0)
    ? tf.pad(nhwc, [[0, 0], [...rows], [...cols], [0, 0]])
    : nhwc;
  const filter = tf.transpose(k, [2, 3, 1, 0]) as tf.Tensor4D; // [kh, kw, c, o]
  return tf.transpose(tf.conv2d(padded, filter, stride, 'valid'), [0, 3, 1, 2]); // [b, o, H', W']
}

/** x [b, o, H, W] with s − 1 zeros between neighbours along H and W → [b, o, s(H − 1) + 1, s(W − 1) + 1]. */
function spread(x: tf.Tensor, s: number): tf.Tensor {
  if (s === 1) return x;
  const [b, o, h, w] = x.shape as [number, number, number, number];
  const cells = tf.pad(tf.reshape(x, [b, o, h, 1, w, 1]), [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, s - 1],
    [0, 0],
    [0, s - 1],
  ]); // [b, o, h, s, w, s]
  return tf.slice(tf.reshape(cells, [b, o, h * s, w * s]), 0, [b, o, s * (h - 1) + 1, s * (w - 1) + 1]);
}

/**
 * The adjoint of conv(·, k, pad, stride): the input spread by the stride, then a stride-1 conv
 * with the kernel flipped and its channels swapped, padded by kh − 1 − pad (plus the output
 * padding below and right).
 */
function convTranspose(
  x: tf.Tensor,
  k: tf.Tensor,
  pad: number,
  stride: number,
  [p0, p1]: readonly [number, number],
): tf.Tensor {
  const [, , kh, kw] = k.shape as [number, number, number, number];
  if (kh !== kw) throw new Error(`convTranspose on TensorFlow.js needs square kernels, got ${kh}×${kw}.`);
  if (pad > kh - 1) throw new Error(`convTranspose on TensorFlow.js needs pad ≤ ${kh - 1}, got ${pad}.`);
  const flipped = tf.transpose(tf.reverse(k, [2, 3]), [1, 0, 2, 3]); // [c, o, kh, kw]
  const p = kh - 1 - pad;
  return conv(spread(x, stride), flipped, [
    [p, p + p0],
    [p, p + p1],
  ]);
}

function run(node: Node, v: (n: Node) => tf.Tensor, feeds: TensorFeeds): tf.Tensor {
  switch (node.op) {
    case 'input': {
      const fed = feeds[node.name];
      if (!fed) throw new Error(`No value was fed for the graph input '${node.name}'.`);
      if (fed.size !== node.shape.reduce((n, d) => n * d, 1)) {
        throw new Error(`The input '${node.name}' needs shape [${node.shape}], got [${fed.shape}].`);
      }
      return fed.shape.length === node.shape.length ? fed : tf.reshape(fed, [...node.shape]);
    }
    case 'const':
      return tf.tensor(node.data, [...node.shape]);
    case 'add':
      return tf.add(v(node.a), v(node.b));
    case 'sub':
      return tf.sub(v(node.a), v(node.b));
    case 'mul':
      return tf.mul(v(node.a), v(node.b));
    case 'div':
      return tf.div(v(node.a), v(node.b));
    case 'matmul':
      return matmul(v(node.a) as tf.Tensor2D, v(node.b) as tf.Tensor2D, node.transA, node.transB);
    case 'sum':
      return tf.sum(v(node.x), [...node.axes], node.keepDims);
    case 'max':
      return tf.max(v(node.x), [...node.axes], node.keepDims);
    case 'conv': {
      const p = node.pad;
      return conv(
        v(node.x),
        v(node.k),
        [
          [p, p],
          [p, p],
        ],
        node.stride,
      );
    }
    case 'convTranspose':
      return convTranspose(v(node.x), v(node.k), node.pad, node.stride, node.outputPadding);
    case 'broadcast':
      return tf.broadcastTo(v(node.x), [...node.shape]);
    case 'reshape':
      return tf.reshape(v(node.x), [...node.shape]);
    case 'transpose':
      return tf.transpose(v(node.x), [...node.perm]);
    case 'slice': {
      const begin = node.shape.map((_, i) => (i === node.axis ? node.start : 0));
      return tf.slice(v(node.x), begin, [...node.shape]);
    }
    case 'pad': {
      const pads = node.shape.map((_, i): [number, number] =>
        i === node.axis ? [node.before, node.after] : [0, 0],
      );
      return tf.pad(v(node.x), pads);
    }
    case 'concat':
      return tf.concat(node.xs.map(v), node.axis);
    default:
      return unaryTf[node.op](v(node.x));
  }
}

/** The named outputs of `graph` as tensors (the caller disposes them); everything else is freed. */
export function runTfjs(
  graph: Graph,
  feeds: TensorFeeds,
  outputs: readonly string[],
): Record<string, tf.Tensor> {
  return tf.tidy(() => {
    const values = new Map<number, tf.Tensor>();
    const v = (n: Node): tf.Tensor => values.get(n.id) as tf.Tensor;
    for (const node of neededNodes(graph, outputs)) values.set(node.id, run(node, v, feeds));
    // A fed tensor returned as is would be disposed by the caller with the outputs: clone it.
    return Object.fromEntries(outputs.map((name) => [name, tf.clone(v(graph.outputs.get(name) as Node))]));
  });
}
