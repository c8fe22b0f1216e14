/**
 * A slow, plain float64 evaluator of the graph: the oracle the tests hold ONNX Runtime and
 * TensorFlow.js to, and the function that finite differences probe to check every gradient
 * rule of autodiff.ts. Loops written for clarity, not speed.
 */
import { neededNodes, type Graph } from './builder.js';
import { sizeOf, type Node, type Shape, type UnaryOp } from './nodes.js';

export type Feeds64 = Readonly<Record<string, ArrayLike<number>>>;

const strides = (shape: Shape): number[] => {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = (s[i + 1] as number) * (shape[i + 1] as number);
  return s;
};

/** The multi-index of flat position `flat` in `shape`. */
const unflatten = (flat: number, shape: Shape): number[] => {
  const idx = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] as number;
    idx[i] = flat % d;
    flat = Math.floor(flat / d);
  }
  return idx;
};

/** Flat position in `from` (right-aligned, size-1 axes repeated) of output index `idx`. */
function broadcastIndex(idx: readonly number[], from: Shape): number {
  const lead = idx.length - from.length;
  const st = strides(from);
  let at = 0;
  for (let i = 0; i < from.length; i++)
    at += (from[i] === 1 ? 0 : (idx[lead + i] as number)) * (st[i] as number);
  return at;
}

const unaryFns: Readonly<Record<UnaryOp, (x: number) => number>> = {
  detach: (x) => x,
  neg: (x) => -x,
  relu: (x) => Math.max(x, 0),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: Math.tanh,
  exp: Math.exp,
  log: Math.log,
  abs: Math.abs,
  sign: Math.sign,
  sqrt: Math.sqrt,
  square: (x) => x * x,
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  step: (x) => (x > 0 ? 1 : 0),
};

const binaryFns = {
  add: (a: number, b: number) => a + b,
  sub: (a: number, b: number) => a - b,
  mul: (a: number, b: number) => a * b,
  div: (a: number, b: number) => a / b,
};

/**
 * out[b, o, i, j] = Σ_c,u,v x[b, c, s·i + u − pad, s·j + v − pad] · k[o, c, u, v] (zero outside x);
 * with `transposed`, the adjoint: x [b, o, …] scattered back through k [o, c, …] to [b, c, …].
 */
function convolve(
  x: Float64Array,
  xs: Shape,
  k: Float64Array,
  ks: Shape,
  out: Float64Array,
  os: Shape,
  pad: number,
  stride: number,
  transposed: boolean,
): void {
  const [b, , ,] = xs as [number, number, number, number];
  const [ko, kc, kh, kw] = ks as [number, number, number, number];
  // In conv terms: the image side `img` has kc channels and the map side `map` has ko.
  const [img, imgShape, map, mapShape] = transposed ? [out, os, x, xs] : [x, xs, out, os];
  const [, , ih, iw] = imgShape as [number, number, number, number];
  const [, , mh, mw] = mapShape as [number, number, number, number];
  for (let n = 0; n < b; n++)
    for (let o = 0; o < ko; o++)
      for (let i = 0; i < mh; i++)
        for (let j = 0; j < mw; j++) {
          const at = ((n * ko + o) * mh + i) * mw + j;
          for (let c = 0; c < kc; c++)
            for (let u = 0; u < kh; u++)
              for (let v = 0; v < kw; v++) {
                const [r, s] = [stride * i + u - pad, stride * j + v - pad];
                if (r < 0 || s < 0 || r >= ih || s >= iw) continue;
                const pix = ((n * kc + c) * ih + r) * iw + s;
                const w = k[((o * kc + c) * kh + u) * kw + v] as number;
                if (transposed) img[pix] = (img[pix] as number) + w * (map[at] as number);
                else map[at] = (map[at] as number) + w * (img[pix] as number);
              }
        }
}

function evaluateNode(node: Node, v: (n: Node) => Float64Array, feeds: Feeds64): Float64Array {
  const out = new Float64Array(sizeOf(node.shape));
  switch (node.op) {
    case 'input': {
      const fed = feeds[node.name];
      if (!fed || fed.length !== out.length)
        throw new Error(`reference: feed '${node.name}' missing or wrong size.`);
      out.set(Array.from(fed));
      return out;
    }
    case 'const':
      out.set(node.data);
      return out;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const [a, b, f] = [v(node.a), v(node.b), binaryFns[node.op]];
      for (let i = 0; i < out.length; i++) {
        const idx = unflatten(i, node.shape);
        out[i] = f(
          a[broadcastIndex(idx, node.a.shape)] as number,
          b[broadcastIndex(idx, node.b.shape)] as number,
        );
      }
      return out;
    }
    case 'matmul': {
      const [a, b] = [v(node.a), v(node.b)];
      const [m, n] = node.shape as [number, number];
      const k = node.transA ? (node.a.shape[0] as number) : (node.a.shape[1] as number);
      const at = (i: number, p: number) => (node.transA ? a[p * m + i] : a[i * k + p]) as number;
      const bt = (p: number, j: number) => (node.transB ? b[j * k + p] : b[p * n + j]) as number;
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) s += at(i, p) * bt(p, j);
          out[i * n + j] = s;
        }
      return out;
    }
    case 'sum': {
      const x = v(node.x);
      const kept = node.x.shape.map((d, i) => (node.axes.includes(i) ? 1 : d));
      for (let i = 0; i < x.length; i++) {
        const idx = unflatten(i, node.x.shape).map((d, a) => (node.axes.includes(a) ? 0 : d));
        const at = broadcastIndex(idx, kept);
        out[at] = (out[at] as number) + (x[i] as number);
      }
      return out;
    }
    case 'max': {
      const x = v(node.x);
      const kept = node.x.shape.map((d, i) => (node.axes.includes(i) ? 1 : d));
      out.fill(-Infinity);
      for (let i = 0; i < x.length; i++) {
        const idx = unflatten(i, node.x.shape).map((d, a) => (node.axes.includes(a) ? 0 : d));
        const at = broadcastIndex(idx, kept);
        out[at] = Math.max(out[at] as number, x[i] as number);
      }
      return out;
    }
    case 'conv':
    case 'convTranspose':
      convolve(
        v(node.x),
        node.x.shape,
        v(node.k),
        node.k.shape,
        out,
        node.shape,
        node.pad,
        node.stride,
        node.op === 'convTranspose',
      );
      return out;
    case 'broadcast': {
      const x = v(node.x);
      for (let i = 0; i < out.length; i++)
        out[i] = x[broadcastIndex(unflatten(i, node.shape), node.x.shape)] as number;
      return out;
    }
    case 'reshape':
      out.set(v(node.x));
      return out;
    case 'transpose': {
      const [x, st] = [v(node.x), strides(node.x.shape)];
      for (let i = 0; i < out.length; i++) {
        const idx = unflatten(i, node.shape);
        out[i] = x[node.perm.reduce((at, p, j) => at + (idx[j] as number) * (st[p] as number), 0)] as number;
      }
      return out;
    }
    case 'slice':
    case 'pad': {
      // out[idx] = x[idx with axis shifted]; a pad's out-of-range positions stay 0.
      const x = v(node.x);
      const shift = node.op === 'slice' ? node.start : -node.before;
      const st = strides(node.x.shape);
      for (let i = 0; i < out.length; i++) {
        const idx = unflatten(i, node.shape);
        const j = (idx[node.axis] as number) + shift;
        if (j < 0 || j >= (node.x.shape[node.axis] as number)) continue;
        idx[node.axis] = j;
        out[i] = x[idx.reduce((at, d, a) => at + d * (st[a] as number), 0)] as number;
      }
      return out;
    }
    case 'concat': {
      let at = 0;
      const st = strides(node.shape);
      for (const part of node.xs) {
        const x = v(part);
        for (let i = 0; i < x.length; i++) {
          const idx = unflatten(i, part.shape);
          idx[node.axis] = (idx[node.axis] as number) + at;
          out[idx.reduce((s, d, a) => s + d * (st[a] as number), 0)] = x[i] as number;
        }
        at += part.shape[node.axis] as number;
      }
      return out;
    }
    default: {
      const x = v(node.x);
      const f = unaryFns[node.op];
      for (let i = 0; i < out.length; i++) out[i] = f(x[i] as number);
      return out;
    }
  }
}

/** Every named output of `graph` in float64, given its inputs. */
export function evaluateReference(
  graph: Graph,
  feeds: Feeds64,
  names?: readonly string[],
): Record<string, Float64Array> {
  const values = new Map<number, Float64Array>();
  const v = (n: Node): Float64Array => {
    const got = values.get(n.id);
    if (!got) throw new Error(`reference: node ${n.id} (${n.op}) read before it was computed.`);
    return got;
  };
  const wanted = names ?? [...graph.outputs.keys()];
  for (const node of neededNodes(graph, wanted)) values.set(node.id, evaluateNode(node, v, feeds));
  return Object.fromEntries(wanted.map((name) => [name, v(graph.outputs.get(name) as Node)]));
}
