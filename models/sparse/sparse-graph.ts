/**
 * Sparse coding written once as graphs (models/graph/), for ONNX Runtime and TensorFlow.js
 * alike: the lecture's regularised latent-variable EBM (NYU Deep Learning, week 8; Olshausen &
 * Field 1996) and its inference by iterative shrinkage.
 *
 *   F(z) = ½‖y − Wz‖² + λ‖z‖₁,   ∇_z ½‖y − Wz‖² = zG − b,   G = WᵀW,  b = Wᵀy,  L = λ_max(G)
 *   sh_θ(v) = relu(v − θ) − relu(−v − θ)          (soft threshold; exactly 0 for |v| ≤ θ)
 *   sh⁺_θ(v) = relu(v − θ)                         (the same with z ≥ 0: non-negative sparse
 *                                                  coding, Hoyer 2002; the prox of λ‖z‖₁ + ι(z ≥ 0))
 *   ISTA   z ← sh_{λ/L}(z − (zG − b)/L)            (Daubechies, Defrise & De Mol 2004)
 *   FISTA  z_k = sh_{λ/L}(x_k − (x_kG − b)/L),  x_{k+1} = z_k + ((t_k − 1)/t_{k+1})(z_k − z_{k−1})
 *                                                  (Beck & Teboulle 2009; x₁ = z₀)
 *   F in the Gram form: ½‖y‖² + Σᵢ zᵢ(½(zG)ᵢ − bᵢ) + λ‖z‖₁ (one [batch, atoms]² product)
 *
 * Row-batched: Y [batch, n], W [n, atoms] (one atom per column, state 'W'), Z [batch, atoms].
 * L comes from power iteration on G (von Mises 1929): v ← Gv/‖Gv‖, L ≈ vᵀGv, with v the
 * state 'v' [atoms, 1], warm-started from run to run.
 *
 * Programs:
 *   power     P multiplications by G; fetches 'lipschitz', updates v
 *   solve     a chunk of ISTA/FISTA iterations from fed z (and x), λ, L, FISTA's momentum
 *             factors; optional traces per iterate (batch-mean F(z_k), ½‖z_k − z*‖²) and
 *             statistics of the last iterate
 *   learn     one step of dictionary learning: L by warm power iteration, K FISTA steps from
 *             zero, W ← W + η·Rᵀ·Z/batch (R = Y − Z·Wᵀ), unit columns
 *             (non-negative: W ← max(W, 0) before the columns are scaled)
 *   lista.*   LISTA (Gregor & LeCun 2010): Z(k+1) = sh_θ(B + Z(k)·St), B = Y·We, Z(0) = 0,
 *             trained by Adam on ½‖Z(K) − Z*‖² (batch mean), θ kept ≥ 0
 */
import { appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { Program } from '../graph/program.js';
import { fistaMomentum } from '../fista.js';

export type ShrinkageMethod = 'ista' | 'fista';

/** sh_θ(v), θ ≥ 0 a scalar or broadcast per atom; sh⁺_θ(v) = relu(v − θ) for non-negative codes. */
export const shrink = (g: GraphBuilder, v: Node, theta: Node, nonNegative = false): Node =>
  nonNegative ? g.relu(g.sub(v, theta)) : g.sub(g.relu(g.sub(v, theta)), g.relu(g.sub(g.neg(v), theta)));

/** Suffix of a program name for the non-negative variant. */
const signTag = (nonNegative: boolean): string => (nonNegative ? '.nn' : '');

/** The fraction of exactly-zero entries of x. */
const zeroShare = (g: GraphBuilder, x: Node): Node => {
  const size = x.shape.reduce((a, d) => a * d, 1);
  return g.sub(g.constant(1), g.scale(g.sum(g.unary('step', g.abs(x))), 1 / size));
};

/** v [atoms, 1] after `count` multiplications by G, and the Rayleigh quotient vᵀGv. */
function powerIterate(g: GraphBuilder, gram: Node, start: Node, count: number): { v: Node; value: Node } {
  let v = start;
  for (let i = 0; i < count; i++) {
    const gv = g.matmul(gram, v); // [atoms, 1]
    v = g.div(gv, g.sqrt(g.add(g.sum(g.square(gv)), g.constant(1e-30))));
  }
  return { v, value: g.sum(g.mul(v, g.matmul(gram, v))) };
}

interface Operator {
  readonly gram: Node;
  readonly b: Node;
  readonly invL: Node;
  readonly theta: Node;
  readonly nonNegative: boolean;
}

/** The operator of a dictionary: G, B = Y·W, 1/L and θ = λ/L. */
function operator(
  g: GraphBuilder,
  w: Node,
  y: Node,
  lipschitz: Node,
  lambda: Node,
  nonNegative: boolean,
): Operator {
  const gram = g.matmul(w, w, true); // G = WᵀW [atoms, atoms]
  const b = g.matmul(y, w); // B [batch, atoms]
  const invL = g.div(g.constant(1), lipschitz);
  return { gram, b, invL, theta: g.mul(lambda, invL), nonNegative };
}

/** One proximal-gradient step from x: sh_θ(x − (xG − B)/L). */
const shrinkageStep = (g: GraphBuilder, op: Operator, x: Node): Node =>
  shrink(g, g.sub(x, g.mul(g.sub(g.matmul(x, op.gram), op.b), op.invL)), op.theta, op.nonNegative);

/** Batch mean of F(z) in the Gram form, given the batch mean of ½‖y‖². */
function meanEnergy(g: GraphBuilder, op: Operator, z: Node, halfNorm: Node, lambda: Node) {
  const quadratic = g.mul(z, g.sub(g.scale(g.matmul(z, op.gram), 0.5), op.b)); // zᵢ(½(zG)ᵢ − bᵢ)
  const batch = z.shape[0] as number;
  return g.add(
    g.add(g.scale(g.sum(quadratic), 1 / batch), g.mul(g.scale(g.sum(g.abs(z)), 1 / batch), lambda)),
    halfNorm,
  );
}

const halfSquaredError = (g: GraphBuilder, a: Node, b: Node): Node =>
  g.scale(g.sum(g.square(g.sub(a, b))), 0.5 / (a.shape[0] as number));

/** `count` power iterations on the state's W from its v. */
export function powerProgram(n: number, atoms: number, count: number): Program {
  const g = createGraph();
  const w = g.input('W', [n, atoms]);
  const { v, value } = powerIterate(g, g.matmul(w, w, true), g.input('v', [atoms, 1]), count);
  g.output('lipschitz', value);
  g.output('new.v', v);
  return {
    name: `sparse.power.a${atoms}.p${count}`,
    graph: g,
    fetches: ['lipschitz'],
    updates: new Map([['new.v', 'v']]),
  };
}

/** What fixes a solve or learning program besides its iterations: sizes and the codes' sign. */
export interface CodingShape {
  readonly n: number;
  readonly atoms: number;
  readonly batch: number;
  /** Codes by sh⁺ (and, when learning, W ≥ 0). */
  readonly nonNegative: boolean;
}

/** A graph with the dictionary W [n, atoms], the samples y [batch, n] and λ as inputs. */
function codingGraph({ n, atoms, batch }: CodingShape) {
  const g = createGraph();
  return { g, w: g.input('W', [n, atoms]), y: g.input('y', [batch, n]), lambda: g.input('lambda', []) };
}

export interface SolveTraces {
  /** Fetch 'energies' [chunk + 1]: F(z) of the fed z and of every iterate (batch means). */
  readonly energy: boolean;
  /** Feed 'target' [batch, atoms]; fetch 'errors' [chunk + 1]: ½‖z − z*‖² likewise. */
  readonly error: boolean;
  /**
   * Fetch, of the last iterate: 'recon' (batch mean ½‖y − Wz‖²), 'l1' (batch mean ‖z‖₁),
   * 'zeros' (share of zero entries) and 'usage' [atoms] (share of samples using each atom).
   */
  readonly stats: boolean;
}

/**
 * `chunk` iterations of ISTA or FISTA on y [batch, n]. Feeds: y, lambda, lipschitz, from.z (the
 * current iterate); FISTA also from.x (the extrapolated point) and momentum [chunk] (its factors
 * for these iterations). Fetches z (and x) after them, plus the traces asked for.
 */
export function solveProgram(
  method: ShrinkageMethod,
  shape: CodingShape,
  chunk: number,
  traces: SolveTraces,
): Program {
  const { atoms, batch, nonNegative } = shape;
  const { g, w, y, lambda } = codingGraph(shape);
  const op = operator(g, w, y, g.input('lipschitz', []), lambda, nonNegative);
  let z = g.input('from.z', [batch, atoms]);
  let x = method === 'fista' ? g.input('from.x', [batch, atoms]) : z;
  const momentum = method === 'fista' ? g.input('momentum', [chunk]) : null;
  const target = traces.error ? g.input('target', [batch, atoms]) : null;
  const halfNorm = g.scale(g.sum(g.square(y)), 0.5 / batch);
  const energies: Node[] = [];
  const errors: Node[] = [];
  const trace = (code: Node) => {
    if (traces.energy) energies.push(g.reshape(meanEnergy(g, op, code, halfNorm, lambda), [1]));
    if (target) errors.push(g.reshape(halfSquaredError(g, code, target), [1]));
  };
  trace(z);
  for (let k = 0; k < chunk; k++) {
    const next = shrinkageStep(g, op, x);
    if (momentum) x = g.add(next, g.mul(g.sub(next, z), g.slice(momentum, 0, k, k + 1)));
    z = next;
    if (!momentum) x = z;
    trace(z);
  }
  const fetches = ['z'];
  g.output('z', z);
  if (momentum) {
    g.output('x', x);
    fetches.push('x');
  }
  if (traces.energy) {
    g.output('energies', g.concat(energies, 0));
    fetches.push('energies');
  }
  if (traces.error) {
    g.output('errors', g.concat(errors, 0));
    fetches.push('errors');
  }
  if (traces.stats) {
    g.output('recon', halfSquaredError(g, y, g.matmul(z, w, false, true)));
    g.output('l1', g.scale(g.sum(g.abs(z)), 1 / batch));
    g.output('zeros', zeroShare(g, z));
    g.output('usage', g.scale(g.sum(g.unary('step', g.abs(z)), [0]), 1 / batch));
    fetches.push('recon', 'l1', 'zeros', 'usage');
  }
  const flags = `${traces.energy ? 'e' : ''}${traces.error ? 't' : ''}${traces.stats ? 's' : ''}`;
  return {
    name: `sparse.solve.${method}.a${atoms}.b${batch}.k${chunk}${flags ? `.${flags}` : ''}${signTag(nonNegative)}`,
    graph: g,
    fetches,
    updates: new Map(),
  };
}

/**
 * One dictionary-learning step on y [batch, n] (the lecture's alternation): L by `power`
 * warm multiplications, Z by `iterations` FISTA steps from zero, then the gradient step on the
 * batch-mean ½‖y − Wz‖² and unit columns (non-negative: codes by sh⁺, W clipped at 0 before
 * the columns are scaled). Feeds y, lambda, lr; fetches energy, recon, sparsity (of the codes,
 * before the update) and lipschitz; updates W and v.
 */
export function learnProgram(shape: CodingShape, iterations: number, power: number): Program {
  const { atoms, batch, nonNegative } = shape;
  const { g, w, y, lambda } = codingGraph(shape);
  const gram = g.matmul(w, w, true);
  const eigen = powerIterate(g, gram, g.input('v', [atoms, 1]), power);
  const invL = g.div(g.constant(1), eigen.value);
  const op: Operator = { gram, b: g.matmul(y, w), invL, theta: g.mul(lambda, invL), nonNegative };
  let z = shrink(g, g.mul(op.b, invL), op.theta, nonNegative); // z₁ from z₀ = x₁ = 0
  let x = z; // x₂ = z₁ (the first factor is 0)
  for (const m of fistaMomentum(iterations).subarray(1)) {
    const next = shrinkageStep(g, op, x);
    x = g.add(next, g.scale(g.sub(next, z), m));
    z = next;
  }
  const residual = g.sub(y, g.matmul(z, w, false, true)); // R = Y − Z·Wᵀ [batch, n]
  const recon = g.scale(g.sum(g.square(residual)), 0.5 / batch);
  g.output('recon', recon);
  g.output('energy', g.add(recon, g.mul(g.scale(g.sum(g.abs(z)), 1 / batch), lambda)));
  g.output('sparsity', zeroShare(g, z));
  g.output('lipschitz', eigen.value);
  const step = g.add(w, g.mul(g.matmul(residual, z, true), g.scale(g.input('lr', []), 1 / batch)));
  const stepped = nonNegative ? g.relu(step) : step;
  g.output('new.W', g.div(stepped, g.sqrt(g.add(g.sum(g.square(stepped), [0], true), g.constant(1e-24)))));
  g.output('new.v', eigen.v);
  return {
    name: `sparse.learn.a${atoms}.b${batch}.k${iterations}${signTag(nonNegative)}`,
    graph: g,
    fetches: ['energy', 'recon', 'sparsity', 'lipschitz'],
    updates: new Map([
      ['new.W', 'W'],
      ['new.v', 'v'],
    ]),
  };
}

interface ListaParams {
  readonly we: Node;
  readonly st: Node;
  readonly theta: Node;
  /** Codes by sh⁺ (a LISTA for non-negative sparse coding). */
  readonly nonNegative: boolean;
}

/** What fixes a LISTA program: sizes, K and the codes' sign. */
export interface ListaShape {
  readonly n: number;
  readonly atoms: number;
  readonly batch: number;
  /** K, or fewer steps for an encode program. */
  readonly steps: number;
  readonly nonNegative: boolean;
}

/** A graph with LISTA's parameters and the samples y [batch, n] as inputs. */
function listaGraph(shape: ListaShape) {
  const g = createGraph();
  const p: ListaParams = {
    we: g.input('We', [shape.n, shape.atoms]),
    st: g.input('St', [shape.atoms, shape.atoms]),
    theta: g.input('theta', [shape.atoms]),
    nonNegative: shape.nonNegative,
  };
  return { g, p, y: g.input('y', [shape.batch, shape.n]) };
}

const listaName = (kind: string, { atoms, batch, steps, nonNegative }: ListaShape): string =>
  `lista.${kind}.a${atoms}.b${batch}.k${steps}${signTag(nonNegative)}`;

/** Z(1..steps) of y [batch, n]. */
function unroll(g: GraphBuilder, p: ListaParams, y: Node, steps: number): Node[] {
  const b = g.matmul(y, p.we); // B = Y·We [batch, atoms]
  const codes = [shrink(g, b, p.theta, p.nonNegative)];
  for (let k = 2; k <= steps; k++)
    codes.push(shrink(g, g.add(b, g.matmul(codes.at(-1) as Node, p.st)), p.theta, p.nonNegative));
  return codes;
}

/** Z(steps) of y [batch, n]: fetch 'z'. */
export function listaEncodeProgram(shape: ListaShape): Program {
  const { g, p, y } = listaGraph(shape);
  g.output('z', unroll(g, p, y, shape.steps).at(-1) as Node);
  return { name: listaName('encode', shape), graph: g, fetches: ['z'], updates: new Map() };
}

/** ½‖Z(k) − Z*‖² (batch mean) for k = 0..K: fetch 'errors' [K + 1]; feeds y and target. */
export function listaErrorsProgram(shape: ListaShape): Program {
  const { g, p, y } = listaGraph(shape);
  const target = g.input('target', [shape.batch, shape.atoms]);
  const errors = [g.scale(g.sum(g.square(target)), 0.5 / shape.batch)];
  for (const z of unroll(g, p, y, shape.steps)) errors.push(halfSquaredError(g, z, target));
  g.output(
    'errors',
    g.concat(
      errors.map((e) => g.reshape(e, [1])),
      0,
    ),
  );
  return { name: listaName('errors', shape), graph: g, fetches: ['errors'], updates: new Map() };
}

/** One Adam step on ½‖Z(K) − Z*‖²: feeds y, target, adam.c1/c2; fetches 'loss' (before the step). */
export function listaTrainProgram(shape: ListaShape): Program {
  const { g, p, y } = listaGraph(shape);
  const target = g.input('target', [shape.batch, shape.atoms]);
  const loss = halfSquaredError(g, unroll(g, p, y, shape.steps).at(-1) as Node, target);
  g.output('loss', loss);
  const params = new Map([
    ['We', p.we],
    ['St', p.st],
    ['theta', p.theta],
  ]);
  const updates = appendAdam(g, params, gradients(g, loss, [...params.values()]), undefined, (name, next) =>
    name === 'theta' ? g.relu(next) : next,
  );
  return {
    name: listaName('train', shape),
    graph: g,
    fetches: ['loss'],
    updates,
  };
}
