/**
 * The typed graph that EBM Lab's training steps are written in: every node is a float32
 * tensor of a static shape, made by one op from earlier nodes. A model's maths is written
 * once against the builder (builder.ts); reverse-mode gradients (autodiff.ts) append more
 * nodes; the same graph is then run by ONNX Runtime (onnx.ts lowers it to an ONNX model), by
 * TensorFlow.js (tfjs-exec.ts) and, in tests, by a float64 reference (reference.ts).
 *
 * Each face switches over `Node['op']`, so an op added here fails to compile until every
 * face (shape, gradient, reference, TensorFlow.js, ONNX) knows it.
 */

export type Shape = readonly number[];

/**
 * Element-wise ops of one input. `step` is [x > 0] as 0/1 (its gradient is zero); `detach`
 * is the identity through which no gradient flows (a value held constant, as PSD's Z*).
 */
export type UnaryOp =
  | 'detach'
  | 'neg'
  | 'relu'
  | 'sigmoid'
  | 'tanh'
  | 'exp'
  | 'log'
  | 'abs'
  | 'sign'
  | 'sqrt'
  | 'square'
  | 'softplus'
  | 'step';

/** Element-wise ops of two inputs with NumPy broadcasting (shapes aligned on the right). */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

interface Base {
  /** Position in the graph's node list; inputs always have smaller ids. */
  readonly id: number;
  readonly shape: Shape;
}

export type Node = Base &
  (
    | { readonly op: 'input'; readonly name: string }
    | { readonly op: 'const'; readonly data: Float32Array }
    | { readonly op: UnaryOp; readonly x: Node }
    | { readonly op: BinaryOp; readonly a: Node; readonly b: Node }
    /** [m, k]·[k, n] → [m, n]; a stored [k, m] when transA, b stored [n, k] when transB. */
    | {
        readonly op: 'matmul';
        readonly a: Node;
        readonly b: Node;
        readonly transA: boolean;
        readonly transB: boolean;
      }
    | { readonly op: 'sum'; readonly x: Node; readonly axes: readonly number[]; readonly keepDims: boolean }
    /** x repeated along its size-1 axes (and new leading axes) up to `shape`. */
    | { readonly op: 'broadcast'; readonly x: Node }
    | { readonly op: 'reshape'; readonly x: Node }
    | { readonly op: 'transpose'; readonly x: Node; readonly perm: readonly number[] }
    /** x[start:end] along `axis`. */
    | {
        readonly op: 'slice';
        readonly x: Node;
        readonly axis: number;
        readonly start: number;
        readonly end: number;
      }
    /** Zeros before and after x along `axis` (the gradient of a slice). */
    | {
        readonly op: 'pad';
        readonly x: Node;
        readonly axis: number;
        readonly before: number;
        readonly after: number;
      }
    | { readonly op: 'concat'; readonly xs: readonly Node[]; readonly axis: number }
    /** The largest entry over `axes` (its gradient goes to every entry equal to it). */
    | { readonly op: 'max'; readonly x: Node; readonly axes: readonly number[]; readonly keepDims: boolean }
    /**
     * Cross-correlation with stride s, `pad` zeros on every side: x [b, c, H, W] ⋆ k [o, c, kh, kw]
     * → [b, o, ⌊(H + 2pad − kh)/s⌋ + 1, ⌊(W + 2pad − kw)/s⌋ + 1] (NCHW, as ONNX's Conv):
     *   y[b, o, i, j] = Σ_c,u,v x[b, c, s·i + u − pad, s·j + v − pad] · k[o, c, u, v]
     */
    | {
        readonly op: 'conv';
        readonly x: Node;
        readonly k: Node;
        readonly pad: number;
        readonly stride: number;
      }
    /**
     * The adjoint of conv with the same kernel, pad and stride: x [b, o, H, W], k [o, c, kh, kw]
     * → [b, c, s(H − 1) + kh − 2pad + outputPadding[0], s(W − 1) + kw − 2pad + outputPadding[1]]
     * (ONNX's ConvTranspose; outputPadding, < s, gives back the rows a strided conv dropped).
     */
    | {
        readonly op: 'convTranspose';
        readonly x: Node;
        readonly k: Node;
        readonly pad: number;
        readonly stride: number;
        readonly outputPadding: readonly [number, number];
      }
  );

export type OpName = Node['op'];

export const unaryOps: readonly UnaryOp[] = [
  'detach',
  'neg',
  'relu',
  'sigmoid',
  'tanh',
  'exp',
  'log',
  'abs',
  'sign',
  'sqrt',
  'square',
  'softplus',
  'step',
];

/** The nodes a node reads, in order. */
export function operands(node: Node): readonly Node[] {
  switch (node.op) {
    case 'input':
    case 'const':
      return [];
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'matmul':
      return [node.a, node.b];
    case 'conv':
    case 'convTranspose':
      return [node.x, node.k];
    case 'concat':
      return node.xs;
    default:
      return [node.x];
  }
}

export const sizeOf = (shape: Shape): number => shape.reduce((n, d) => n * d, 1);

export const shapeText = (shape: Shape): string => `[${shape.join(', ')}]`;
