/**
 * Builds a graph (nodes.ts) op by op, checking shapes as it goes: a model is written once as
 * calls on a GraphBuilder, e.g.
 *
 *   const g = createGraph();
 *   const x = g.input('x', [b, 784]);                  // fed at every step
 *   const w = g.input('enc1.w', [784, h]);             // a parameter (state)
 *   const h1 = g.relu(g.add(g.matmul(x, w), bias));    // [b, h]
 *   g.output('loss', g.sum(h1));
 *
 * A wrong shape throws at build time with both shapes in the message, never at run time.
 */
import { operands, sizeOf, shapeText, type BinaryOp, type Node, type Shape, type UnaryOp } from './nodes.js';

export interface Graph {
  readonly nodes: readonly Node[];
  /** Named inputs (fed per run), in creation order. */
  readonly inputs: ReadonlyMap<string, Node>;
  /** Named outputs, in creation order. */
  readonly outputs: ReadonlyMap<string, Node>;
}

type NodeSpec = Node extends infer N ? (N extends Node ? Omit<N, 'id'> : never) : never;

/** The broadcast shape of a and b (NumPy rules), or an Error naming both. */
export function broadcastShapes(a: Shape, b: Shape, what: string): Shape {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${what}: shapes ${shapeText(a)} and ${shapeText(b)} do not broadcast.`);
    }
    out.push(Math.max(da, db));
  }
  return out;
}

const normAxis = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

export class GraphBuilder implements Graph {
  readonly nodes: Node[] = [];
  readonly inputs = new Map<string, Node>();
  readonly outputs = new Map<string, Node>();

  private add_(spec: NodeSpec): Node {
    const node = { ...spec, id: this.nodes.length } as Node;
    this.nodes.push(node);
    return node;
  }

  input(name: string, shape: Shape): Node {
    if (this.inputs.has(name)) throw new Error(`The graph already has an input '${name}'.`);
    const node = this.add_({ op: 'input', name, shape: [...shape] });
    this.inputs.set(name, node);
    return node;
  }

  output(name: string, node: Node): void {
    if (this.outputs.has(name)) throw new Error(`The graph already has an output '${name}'.`);
    if (this.inputs.has(name)) throw new Error(`The output '${name}' would have the name of an input.`);
    this.outputs.set(name, node);
  }

  constant(data: Float32Array | number, shape: Shape = []): Node {
    const values = typeof data === 'number' ? Float32Array.of(data) : data;
    if (values.length !== sizeOf(shape)) {
      throw new Error(
        `A constant of shape ${shapeText(shape)} needs ${sizeOf(shape)} values, got ${values.length}.`,
      );
    }
    return this.add_({ op: 'const', data: values, shape: [...shape] });
  }

  /**
   * An element-wise op of a broadcast value is the broadcast of the op on the smaller value
   * (f(broadcast(s)) = broadcast(f(s))): backward passes are full of such values (the
   * gradient of a sum), and this keeps them small until an op really needs the full shape.
   */
  unary(op: UnaryOp, x: Node): Node {
    if (x.op === 'broadcast') return this.broadcast(this.unary(op, x.x), x.shape);
    return this.add_({ op, x, shape: x.shape });
  }

  /** With one operand broadcast up to the other's full shape, the implicit broadcast does it instead. */
  binary(op: BinaryOp, a: Node, b: Node): Node {
    const shape = broadcastShapes(a.shape, b.shape, op);
    const same = (s: Shape) => s.length === shape.length && s.every((d, i) => d === shape[i]);
    if (a.op === 'broadcast' && same(b.shape)) return this.binary(op, a.x, b);
    if (b.op === 'broadcast' && same(a.shape)) return this.binary(op, a, b.x);
    return this.add_({ op, a, b, shape });
  }

  matmul(a: Node, b: Node, transA = false, transB = false): Node {
    if (a.shape.length !== 2 || b.shape.length !== 2) {
      throw new Error(`matmul takes matrices, got ${shapeText(a.shape)} and ${shapeText(b.shape)}.`);
    }
    const [m, k] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
    const [k2, n] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
    if (k !== k2) {
      const t = (s: Shape, tr: boolean) => shapeText(s) + (tr ? 'ᵀ' : '');
      throw new Error(`matmul: inner sizes differ in ${t(a.shape, transA)}·${t(b.shape, transB)}.`);
    }
    return this.add_({ op: 'matmul', a, b, transA, transB, shape: [m as number, n as number] });
  }

  /** x [b, c, H, W] ⋆ k [o, c, kh, kw] with `pad` zeros around and stride s: see nodes.ts. */
  conv(x: Node, k: Node, pad = 0, stride = 1): Node {
    const [b, c, h, w] = this.checkConv('conv', x, k, pad, stride);
    const [o, , kh, kw] = k.shape as [number, number, number, number];
    const out = (size: number, kernel: number) => Math.floor((size + 2 * pad - kernel) / stride) + 1;
    const shape = [b, o, out(h, kh), out(w, kw)];
    if (c !== k.shape[1] || h + 2 * pad < kh || w + 2 * pad < kw) {
      throw new Error(
        `conv: ${shapeText(x.shape)} ⋆ ${shapeText(k.shape)} with pad ${pad}, stride ${stride} does not fit.`,
      );
    }
    return this.add_({ op: 'conv', x, k, pad, stride, shape });
  }

  /**
   * The adjoint of conv(·, k, pad, stride): x [b, o, H, W] → [b, c, s(H − 1) + kh − 2pad + p₀, …];
   * outputPadding [p₀, p₁] (each < s) restores the rows and columns a strided conv left unread.
   */
  convTranspose(
    x: Node,
    k: Node,
    pad = 0,
    stride = 1,
    outputPadding: readonly [number, number] = [0, 0],
  ): Node {
    const [b, o, h, w] = this.checkConv('convTranspose', x, k, pad, stride);
    const [, c, kh, kw] = k.shape as [number, number, number, number];
    const [p0, p1] = outputPadding;
    const shape = [b, c, stride * (h - 1) + kh - 2 * pad + p0, stride * (w - 1) + kw - 2 * pad + p1];
    const badPadding = [p0, p1].some((p) => !Number.isInteger(p) || p < 0 || p >= stride);
    if (o !== k.shape[0] || badPadding || (shape[2] as number) < 1 || (shape[3] as number) < 1) {
      throw new Error(
        `convTranspose: ${shapeText(x.shape)} with ${shapeText(k.shape)}, pad ${pad}, stride ${stride} and output padding [${p0}, ${p1}] does not fit.`,
      );
    }
    return this.add_({ op: 'convTranspose', x, k, pad, stride, outputPadding: [p0, p1], shape });
  }

  private checkConv(
    what: string,
    x: Node,
    k: Node,
    pad: number,
    stride: number,
  ): [number, number, number, number] {
    if (x.shape.length !== 4 || k.shape.length !== 4) {
      throw new Error(
        `${what} takes [b, c, H, W] images and [o, c, kh, kw] kernels, got ${shapeText(x.shape)} and ${shapeText(k.shape)}.`,
      );
    }
    if (!Number.isInteger(pad) || pad < 0 || !Number.isInteger(stride) || stride < 1) {
      throw new Error(`${what}: pad ${pad} and stride ${stride} must be whole numbers (stride ≥ 1).`);
    }
    return x.shape as [number, number, number, number];
  }

  /** Sum over `axes` (all axes when omitted). */
  sum(x: Node, axes?: readonly number[], keepDims = false): Node {
    const { list, shape } = this.reduction('sum', x, axes, keepDims);
    return this.add_({ op: 'sum', x, axes: list, keepDims, shape });
  }

  private reduction(what: string, x: Node, axes: readonly number[] | undefined, keepDims: boolean) {
    const rank = x.shape.length;
    const list = [...new Set((axes ?? x.shape.map((_, i) => i)).map((a) => normAxis(a, rank)))].sort();
    if (list.some((a) => a < 0 || a >= rank))
      throw new Error(`${what}: axes ${list} out of range for rank ${rank}.`);
    const shape = keepDims
      ? x.shape.map((d, i) => (list.includes(i) ? 1 : d))
      : x.shape.filter((_, i) => !list.includes(i));
    return { list, shape };
  }

  /** The largest entry over `axes` (all axes when omitted). */
  max(x: Node, axes?: readonly number[], keepDims = false): Node {
    const { list, shape } = this.reduction('max', x, axes, keepDims);
    return this.add_({ op: 'max', x, axes: list, keepDims, shape });
  }

  broadcast(x: Node, shape: Shape): Node {
    const out = broadcastShapes(x.shape, shape, 'broadcast');
    if (out.length !== shape.length || out.some((d, i) => d !== shape[i])) {
      throw new Error(`broadcast: ${shapeText(x.shape)} cannot grow to ${shapeText(shape)}.`);
    }
    return this.add_({ op: 'broadcast', x, shape: [...shape] });
  }

  reshape(x: Node, shape: Shape): Node {
    if (sizeOf(shape) !== sizeOf(x.shape)) {
      throw new Error(`reshape: ${shapeText(x.shape)} has ${sizeOf(x.shape)} values, not ${sizeOf(shape)}.`);
    }
    return this.add_({ op: 'reshape', x, shape: [...shape] });
  }

  transpose(x: Node, perm: readonly number[]): Node {
    const ok = perm.length === x.shape.length && [...perm].sort().every((p, i) => p === i);
    if (!ok) throw new Error(`transpose: ${perm} is not a permutation of the axes of ${shapeText(x.shape)}.`);
    return this.add_({ op: 'transpose', x, perm: [...perm], shape: perm.map((p) => x.shape[p] as number) });
  }

  slice(x: Node, axis: number, start: number, end: number): Node {
    const a = normAxis(axis, x.shape.length);
    const size = x.shape[a];
    if (size === undefined || start < 0 || end > size || start >= end) {
      throw new Error(
        `slice: [${start}, ${end}) along axis ${axis} of ${shapeText(x.shape)} is out of range.`,
      );
    }
    const shape = x.shape.map((d, i) => (i === a ? end - start : d));
    return this.add_({ op: 'slice', x, axis: a, start, end, shape });
  }

  pad(x: Node, axis: number, before: number, after: number): Node {
    const a = normAxis(axis, x.shape.length);
    const shape = x.shape.map((d, i) => (i === a ? d + before + after : d));
    return this.add_({ op: 'pad', x, axis: a, before, after, shape });
  }

  concat(xs: readonly Node[], axis: number): Node {
    const first = xs[0];
    if (!first) throw new Error('concat needs at least one tensor.');
    const a = normAxis(axis, first.shape.length);
    const same = (s: Shape) =>
      s.length === first.shape.length && s.every((d, i) => i === a || d === first.shape[i]);
    const bad = xs.find((x) => !same(x.shape));
    if (bad)
      throw new Error(`concat: ${shapeText(bad.shape)} does not fit ${shapeText(first.shape)} on axis ${a}.`);
    const total = xs.reduce((n, x) => n + (x.shape[a] as number), 0);
    return this.add_({
      op: 'concat',
      xs: [...xs],
      axis: a,
      shape: first.shape.map((d, i) => (i === a ? total : d)),
    });
  }

  // Shorthands that read like the maths.
  add = (a: Node, b: Node): Node => this.binary('add', a, b);
  sub = (a: Node, b: Node): Node => this.binary('sub', a, b);
  mul = (a: Node, b: Node): Node => this.binary('mul', a, b);
  div = (a: Node, b: Node): Node => this.binary('div', a, b);
  scale = (x: Node, s: number): Node => this.binary('mul', x, this.constant(s));
  neg = (x: Node): Node => this.unary('neg', x);
  relu = (x: Node): Node => this.unary('relu', x);
  sigmoid = (x: Node): Node => this.unary('sigmoid', x);
  tanh = (x: Node): Node => this.unary('tanh', x);
  exp = (x: Node): Node => this.unary('exp', x);
  log = (x: Node): Node => this.unary('log', x);
  abs = (x: Node): Node => this.unary('abs', x);
  sqrt = (x: Node): Node => this.unary('sqrt', x);
  square = (x: Node): Node => this.unary('square', x);
  softplus = (x: Node): Node => this.unary('softplus', x);
}

export const createGraph = (): GraphBuilder => new GraphBuilder();

/** The nodes that the named outputs depend on, in graph order (dead branches left out). */
export function neededNodes(graph: Graph, outputs: readonly string[]): Node[] {
  const needed = new Set<number>();
  const stack = outputs.map((name) => {
    const node = graph.outputs.get(name);
    if (!node) throw new Error(`The graph has no output '${name}'.`);
    return node;
  });
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (needed.has(node.id)) continue;
    needed.add(node.id);
    stack.push(...operands(node));
  }
  return graph.nodes.filter((n) => needed.has(n.id));
}
