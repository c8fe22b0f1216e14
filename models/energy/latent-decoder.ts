/**
 * The decoder of the regularised latent-variable EBM (latent-ebm.ts), from a code z ∈ Rᴷ
 * (and, for the conditional model, a context c = Pred(x)) to a point of the plane, written
 * as a graph:
 *
 *   Dec(c, z) = b + z·W + tanh(z·A + c)·B        W [K, 2], A [K, H], B [H, 2], b [2]
 *   unconditional: c = a [1, H] (a learned bias);  conditional: c = Pred(x) = tanh(x·P₁ + p₁)·P₂ + p₂
 *
 * A linear part plus a bounded one: Dec is onto the plane whenever W has rank 2, so at λ = 0
 * every y is reached exactly and the energy is zero everywhere. Its gain is kept bounded, as a
 * sparse-coding dictionary's columns are normalised: after every update each row of W is
 * rescaled to norm 1, each row of A to norm ≤ 1 and B to Frobenius norm ≤ 1 (min(s, 1) as
 * s − relu(s − 1)), so the decoder cannot make every code cheap by growing its weights (a
 * small step away from a corner would then reach far, which would undo the penalty). G = ‖W‖_F + ‖A‖_F·‖B‖_F bounds Dec's Lipschitz constant in z.
 *
 * Parameters (state names): w, b, aW, bW, then a (unconditional) or p1, q1, p2, q2 (Pred).
 * Initialisation U(−r, r) per tensor, drawn from the seeded generator in the order w, b, a,
 * aW, bW, p1, q1, p2, q2 (a is drawn by the conditional model too, and not kept), then
 * projected.
 */
import type { GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { NamedArray } from '../graph/program.js';
import type { Rng } from '../rng.js';

export interface LatentShape {
  /** K, the code's dimension. Default 8. */
  readonly latentDim: number;
  /** H, the width of the decoder's hidden layer (and of Pred's output). Default 32. */
  readonly hidden: number;
  /** The dimension of the input x of the conditional model; 0 for the unconditional one. */
  readonly conditionDim: number;
}

export const defaultLatentShape: LatentShape = { latentDim: 8, hidden: 32, conditionDim: 0 };

function checkLatentShape({ latentDim: k, hidden: h, conditionDim: dx }: LatentShape): void {
  if (![k, h].every((n) => Number.isInteger(n) && n >= 1) || !(Number.isInteger(dx) && dx >= 0)) {
    throw new Error(
      'The latent dimension and hidden width must be positive integers, the condition dimension ≥ 0.',
    );
  }
  if (k < 2)
    throw new Error('The code needs at least 2 dimensions for the decoder to reach the whole plane.');
}

/** Each parameter's shape, in checkpoint order. */
function parameterShapes({ latentDim: k, hidden: h, conditionDim: dx }: LatentShape): [string, number[]][] {
  const pred: [string, number[]][] = [
    ['p1', [dx, h]],
    ['q1', [h]],
    ['p2', [h, h]],
    ['q2', [h]],
  ];
  return [
    ['w', [k, 2]],
    ['b', [2]],
    ['aW', [k, h]],
    ['bW', [h, 2]],
    ...(dx > 0 ? pred : [['a', [1, h]] as [string, number[]]]),
  ];
}

/** Scales row r of m [rows, cols] (row-major) by scale(‖row r‖ (+1e-12 under the root)), in place. */
function scaleRows(m: Float32Array, cols: number, scale: (norm: number) => number): void {
  for (let r = 0; r < m.length / cols; r++) {
    const row = m.subarray(r * cols, (r + 1) * cols);
    const s = scale(Math.sqrt(row.reduce((sum, v) => sum + v * v, 0) + 1e-12));
    for (let i = 0; i < cols; i++) row[i] = (row[i] as number) * s;
  }
}

/** The norm constraints on the host (for the initial weights), in place. */
function projectHost(params: Record<string, NamedArray>, shape: LatentShape): void {
  const { w, aW, bW } = params as Record<'w' | 'aW' | 'bW', NamedArray>;
  scaleRows(w.data, 2, (norm) => 1 / norm); // rows of norm 1
  scaleRows(aW.data, shape.hidden, (norm) => Math.min(1 / norm, 1)); // rows of norm ≤ 1
  const frob = Math.sqrt(bW.data.reduce((sum, v) => sum + v * v, 0));
  scaleRows(bW.data, bW.data.length, () => Math.min(1 / (frob + 1e-12), 1)); // ‖B‖_F ≤ 1
}

/** The initial, projected parameters by name (checkpoint order). */
export function latentInitialWeights(shape: LatentShape, rng: Rng): Record<string, NamedArray> {
  checkLatentShape(shape);
  const { latentDim: k, hidden: h, conditionDim: dx } = shape;
  const bounds: Record<string, number> = {
    w: 1,
    b: 0.1,
    a: 1,
    aW: 1 / Math.sqrt(k),
    bW: 1 / Math.sqrt(h),
    p1: 1 / Math.sqrt(dx),
    q1: 1 / Math.sqrt(dx),
    p2: 1 / Math.sqrt(h),
    q2: 1 / Math.sqrt(h),
  };
  const shapes = new Map(parameterShapes(shape));
  shapes.set('a', [1, h]);
  const drawn: Record<string, NamedArray> = {};
  for (const name of ['w', 'b', 'a', 'aW', 'bW', ...(dx > 0 ? ['p1', 'q1', 'p2', 'q2'] : [])]) {
    const dims = shapes.get(name) as number[];
    const size = dims.reduce((p, d) => p * d, 1);
    const bound = bounds[name] as number;
    drawn[name] = {
      shape: dims,
      data: Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound),
    };
  }
  const params = Object.fromEntries(
    parameterShapes(shape).map(([name]) => [name, drawn[name] as NamedArray]),
  );
  projectHost(params, shape);
  return params;
}

/** The parameters as graph inputs (checkpoint order). */
export function latentParams(g: GraphBuilder, shape: LatentShape): Map<string, Node> {
  return new Map(parameterShapes(shape).map(([name, dims]) => [name, g.input(name, dims)]));
}

const param = (params: ReadonlyMap<string, Node>, name: string): Node => params.get(name) as Node;

/** The context c: a [1, H] (unconditional, x = null) or Pred(x) [n, H] for x [n, dx]. */
export function latentContext(g: GraphBuilder, params: ReadonlyMap<string, Node>, x: Node | null): Node {
  if (!x) return param(params, 'a');
  const first = g.tanh(g.add(g.matmul(x, param(params, 'p1')), param(params, 'q1'))); // [n, H]
  return g.add(g.matmul(first, param(params, 'p2')), param(params, 'q2')); // [n, H]
}

/** Dec(c, z) for z [n, K] → [n, 2]. */
export function latentDecode(g: GraphBuilder, params: ReadonlyMap<string, Node>, c: Node, z: Node): Node {
  const hid = g.tanh(g.add(g.matmul(z, param(params, 'aW')), c)); // [n, H]
  return g.add(
    g.add(g.matmul(z, param(params, 'w')), param(params, 'b')),
    g.matmul(hid, param(params, 'bW')),
  ); // [n, 2]
}

/** G = ‖W‖_F + ‖A‖_F·‖B‖_F, a scalar node. */
export function latentLipschitz(g: GraphBuilder, params: ReadonlyMap<string, Node>): Node {
  const frob = (name: string) => g.sqrt(g.sum(g.square(param(params, name))));
  return g.add(frob('w'), g.mul(frob('aW'), frob('bW')));
}

/** min(s, 1) = s − relu(s − 1). */
const atMostOne = (g: GraphBuilder, s: Node): Node => g.sub(s, g.relu(g.sub(s, g.constant(1))));

/** The norm constraint of parameter `name` applied to its updated value (Adam's project hook). */
export function projectLatent(g: GraphBuilder, name: string, next: Node): Node {
  const inverseRowNorms = () =>
    g.div(g.constant(1), g.sqrt(g.add(g.sum(g.square(next), [1], true), g.constant(1e-12)))); // [rows, 1]
  if (name === 'w') return g.mul(next, inverseRowNorms()); // rows of norm 1
  if (name === 'aW') return g.mul(next, atMostOne(g, inverseRowNorms())); // rows of norm ≤ 1
  if (name === 'bW') {
    const frob = g.add(g.sqrt(g.sum(g.square(next))), g.constant(1e-12));
    return g.mul(next, atMostOne(g, g.div(g.constant(1), frob))); // ‖B‖_F ≤ 1
  }
  return next;
}
