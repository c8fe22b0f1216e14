/**
 * The convolutional sparse coder written once as a graph (models/graph/), for ONNX Runtime and
 * TensorFlow.js alike (Kavukcuoglu, Sermanet, Boureau, Gregor, Mathieu & LeCun 2010):
 *
 *   decoder  ŷ = Σᵢ Kᵢ ∗ Zᵢ            (each code pixel stamps Kᵢ: convTranspose with pad r)
 *   encoder  Enc(y)ᵢ = gᵢ · tanh(Eᵢ ⋆ y)  or  gᵢ · sh_βᵢ(Eᵢ ⋆ y)   (⋆ cross-correlation, pad r)
 *            sh_β(v) = relu(v − β) − relu(−v − β)
 *   'autoencoder'  Z = Enc(y),   L = ½‖y − ŷ‖² + λ‖Z‖₁
 *   'psd'          Z* = FISTA on ½‖y − Σ Kᵢ ∗ Zᵢ‖² + λ‖Z‖₁ from Enc(y), held constant:
 *                    Zₖ = sh_{λ/L}(Xₖ + Kᵀ(y − K∗Xₖ)/L),  Xₖ₊₁ = Zₖ + ((tₖ − 1)/tₖ₊₁)(Zₖ − Zₖ₋₁)
 *                  L = ½‖y − K∗Z*‖² + λ‖Z*‖₁ + α‖Z* − Enc(y)‖²
 *   each term summed over pixels and maps, averaged over the batch; r = (k − 1)/2.
 *
 * Step: Adam, or normalised gradient descent (each tensor steps η along g/rms(g)); then the
 * decoder kernels go back to unit norm and the thresholds to β ≥ 0.
 * Shapes (NCHW): y [b, 1, S, S], Z [b, n, S, S], K = 'dec' and E = 'enc' [n, 1, k, k], g, β [n].
 * Feeds: y, lambda, and per optimizer adam.c1/c2 or lr; PSD also lipschitz (L ≥ ‖K‖²).
 */
import { appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { Program } from '../graph/program.js';
import { fistaMomentum } from '../sparse/sparse-graph.js';
import type { ConvSparseConfig } from './config.js';

export type ConvShape = Pick<
  ConvSparseConfig,
  'kernels' | 'kernelSize' | 'nonlinearity' | 'variant' | 'optimizer' | 'predictionWeight' | 'inferenceSteps'
>;

interface Params {
  readonly dec: Node;
  readonly enc: Node;
  readonly gain: Node;
  readonly threshold: Node;
}

function declare(g: GraphBuilder, s: ConvShape): Params {
  const kernel = [s.kernels, 1, s.kernelSize, s.kernelSize];
  return {
    dec: g.input('dec', kernel),
    enc: g.input('enc', kernel),
    gain: g.input('gain', [s.kernels]),
    threshold: g.input('threshold', [s.kernels]),
  };
}

/** sh_β(v) = relu(v − β) − relu(−v − β), β broadcast. */
const shrink = (g: GraphBuilder, v: Node, beta: Node): Node =>
  g.sub(g.relu(g.sub(v, beta)), g.relu(g.sub(g.neg(v), beta)));

const perMap = (g: GraphBuilder, v: Node, n: number): Node => g.reshape(v, [1, n, 1, 1]);

/** Enc(y) [b, n, S, S]. */
function encode(g: GraphBuilder, s: ConvShape, p: Params, y: Node): Node {
  const r = (s.kernelSize - 1) / 2;
  const v = g.conv(y, p.enc, r); // Eᵢ ⋆ y
  const squashed = s.nonlinearity === 'shrink' ? shrink(g, v, perMap(g, p.threshold, s.kernels)) : g.tanh(v);
  return g.mul(squashed, perMap(g, p.gain, s.kernels));
}

const decode = (g: GraphBuilder, s: ConvShape, p: Params, z: Node): Node =>
  g.convTranspose(z, p.dec, (s.kernelSize - 1) / 2); // Σᵢ Kᵢ ∗ Zᵢ, [b, 1, S, S]

/** FISTA's Z* from Enc(y), held constant (no gradient flows through the iterations). */
function optimalCode(g: GraphBuilder, s: ConvShape, p: Params, y: Node, start: Node): Node {
  const r = (s.kernelSize - 1) / 2;
  const invL = g.div(g.constant(1), g.input('lipschitz', []));
  const theta = g.mul(g.input('lambda', []), invL); // λ/L
  const dec = g.unary('detach', p.dec);
  let z = g.unary('detach', start);
  let x = z;
  for (const m of fistaMomentum(s.inferenceSteps)) {
    const residual = g.sub(y, g.convTranspose(x, dec, r)); // y − K∗X
    const zk = shrink(g, g.add(x, g.mul(g.conv(residual, dec, r), invL)), theta);
    x = g.add(zk, g.scale(g.sub(zk, z), m));
    z = zk;
  }
  return g.unary('detach', z);
}

/** The loss terms of a batch; Z is Enc(y) or Z*. */
function lossTerms(g: GraphBuilder, s: ConvShape, p: Params, y: Node, batch: number) {
  const prediction = encode(g, s, p, y);
  const z = s.variant === 'psd' ? optimalCode(g, s, p, y, prediction) : prediction;
  const lambda = g.inputs.get('lambda') ?? g.input('lambda', []);
  const perImage = 1 / batch;
  const recon = g.scale(g.sum(g.square(g.sub(y, decode(g, s, p, z)))), 0.5 * perImage);
  const sparsity = g.mul(g.scale(g.sum(g.abs(z)), perImage), lambda);
  const predict =
    s.variant === 'psd'
      ? g.scale(g.sum(g.square(g.sub(z, prediction))), s.predictionWeight * perImage)
      : null;
  const total = predict ? g.add(g.add(recon, sparsity), predict) : g.add(recon, sparsity);
  const size = z.shape.reduce((a, d) => a * d, 1);
  const zeros = g.sub(g.constant(1), g.scale(g.sum(g.unary('step', g.abs(z))), 1 / size));
  return { recon, sparsity, predict, total, zeros };
}

/** K / ‖K‖ per kernel (Frobenius norm over its pixels). */
const unitKernels = (g: GraphBuilder, k: Node): Node =>
  g.div(k, g.sqrt(g.add(g.sum(g.square(k), [1, 2, 3], true), g.constant(1e-24))));

/** Normalised gradient descent: θ − η·g/(rms(g) + 10⁻¹²), η fed as 'lr'. */
function normalisedStep(g: GraphBuilder, p: Node, grad: Node, lr: Node): Node {
  const size = grad.shape.reduce((a, d) => a * d, 1);
  const rms = g.add(g.sqrt(g.scale(g.sum(g.square(grad)), 1 / size)), g.constant(1e-12));
  return g.sub(p, g.mul(grad, g.div(lr, rms)));
}

/** The gradients of the loss, fetched as 'grad.<param>' with 'total' (no update): for tests and tools. */
export function convGradientProgram(s: ConvShape, batch: number, size: number): Program {
  const g = createGraph();
  const p = declare(g, s);
  const terms = lossTerms(g, s, p, g.input('y', [batch, 1, size, size]), batch);
  const names = ['dec', 'enc', 'gain', 'threshold'] as const;
  gradients(
    g,
    terms.total,
    names.map((name) => p[name]),
  ).forEach((grad, i) => g.output(`grad.${names[i]}`, grad));
  g.output('total', terms.total);
  const fetches = ['total', ...names.map((name) => `grad.${name}`)];
  return { name: `conv.gradients.n${s.kernels}.b${batch}`, graph: g, fetches, updates: new Map() };
}

/** One training step on y [batch, 1, S, S]; fetches recon, sparsity, prediction (PSD), total, zeros. */
export function convTrainProgram(s: ConvShape, batch: number, size: number): Program {
  const g = createGraph();
  const p = declare(g, s);
  const y = g.input('y', [batch, 1, size, size]);
  const terms = lossTerms(g, s, p, y, batch);
  const trained = new Map<string, Node>([
    ['dec', p.dec],
    ['enc', p.enc],
    ['gain', p.gain],
    ...(s.nonlinearity === 'shrink' ? ([['threshold', p.threshold]] as const) : []),
  ]);
  const grads = gradients(g, terms.total, [...trained.values()]);
  const project = (name: string, next: Node): Node =>
    name === 'dec' ? unitKernels(g, next) : name === 'threshold' ? g.relu(next) : next;
  let updates: Map<string, string>;
  if (s.optimizer === 'adam') updates = appendAdam(g, trained, grads, undefined, project);
  else {
    const lr = g.input('lr', []);
    updates = new Map();
    [...trained].forEach(([name, param], i) => {
      g.output(`new.${name}`, project(name, normalisedStep(g, param, grads[i] as Node, lr)));
      updates.set(`new.${name}`, name);
    });
  }
  g.output('recon', terms.recon);
  g.output('sparsity', terms.sparsity);
  if (terms.predict) g.output('prediction', terms.predict);
  g.output('total', terms.total);
  g.output('zeros', terms.zeros);
  const fetches = ['recon', 'sparsity', ...(terms.predict ? ['prediction'] : []), 'total', 'zeros'];
  return { name: `conv.train.n${s.kernels}.b${batch}`, graph: g, fetches, updates };
}

/** The code of y [m, 1, S, S]: Enc(y), or Z* for PSD (feeds lambda and lipschitz). */
export function convEncodeProgram(s: ConvShape, batch: number, size: number): Program {
  const g = createGraph();
  const p = declare(g, s);
  const y = g.input('y', [batch, 1, size, size]);
  const prediction = encode(g, s, p, y);
  g.output('z', s.variant === 'psd' ? optimalCode(g, s, p, y, prediction) : prediction);
  return { name: `conv.encode.n${s.kernels}.b${batch}`, graph: g, fetches: ['z'], updates: new Map() };
}

/** Σᵢ Kᵢ ∗ Zᵢ for Z [m, n, S, S] → [m, 1, S, S]. */
export function convDecodeProgram(s: ConvShape, batch: number, size: number): Program {
  const g = createGraph();
  const p = declare(g, s);
  g.output('yhat', decode(g, s, p, g.input('z', [batch, s.kernels, size, size])));
  return { name: `conv.decode.n${s.kernels}.b${batch}`, graph: g, fetches: ['yhat'], updates: new Map() };
}
