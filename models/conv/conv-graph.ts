/**
 * The convolutional sparse coder written once as a graph (models/graph/), for ONNX Runtime and
 * TensorFlow.js alike (Kavukcuoglu, Sermanet, Boureau, Gregor, Mathieu & LeCun 2010):
 *
 *   decoder  ŷ = Σᵢ Kᵢ ∗ Zᵢ            (each code pixel stamps Kᵢ: convTranspose with pad r)
 *   encoder  Enc(y)ᵢ = gᵢ · tanh(Eᵢ ⋆ y)  or  gᵢ · sh_βᵢ(Eᵢ ⋆ y)   (⋆ cross-correlation, pad r)
 *            sh_β(v) = relu(v − β) − relu(−v − β)
 *   'autoencoder'  Z = Enc(y),   L = ½‖y − ŷ‖² + λ‖Z‖₁
 *   'psd'          Z* = K FISTA steps from Enc(y) on PSD's whole energy (Kavukcuoglu et al.:
 *                  inference minimises the same E as learning), held constant:
 *                    E(Z) = ½‖y − K∗Z‖² + λ‖Z‖₁ + α‖Z − Enc(y)‖²,  smooth part's Lipschitz L + 2α
 *                    Zₖ = sh_{λ/(L+2α)}(Xₖ + (Kᵀ(y − K∗Xₖ) − 2α(Xₖ − Enc(y)))/(L + 2α)),
 *                    Xₖ₊₁ = Zₖ + ((tₖ − 1)/tₖ₊₁)(Zₖ − Zₖ₋₁)
 *                  L = E(Z*)
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
import { fistaMomentum } from '../fista.js';
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

/**
 * PSD's Z*: K FISTA steps on E(Z) from Enc(y), held constant (no gradient flows through the
 * iterations); with `trace`, also E(Zₖ) for k = 0..K (batch means) as 'inference' [K + 1].
 */
function optimalCode(g: GraphBuilder, s: ConvShape, p: Params, y: Node, start: Node, trace = false): Node {
  const r = (s.kernelSize - 1) / 2;
  const alpha = s.predictionWeight;
  const lambda = g.inputs.get('lambda') ?? g.input('lambda', []);
  const invL = g.div(g.constant(1), g.add(g.input('lipschitz', []), g.constant(2 * alpha))); // 1/(L + 2α)
  const theta = g.mul(lambda, invL);
  const dec = g.unary('detach', p.dec);
  const prediction = g.unary('detach', start);
  const batch = y.shape[0] as number;
  const energies: Node[] = [];
  const energy = (z: Node) =>
    g.reshape(
      g.scale(
        g.add(
          g.add(
            g.scale(g.sum(g.square(g.sub(y, g.convTranspose(z, dec, r)))), 0.5),
            g.mul(g.sum(g.abs(z)), lambda),
          ),
          g.scale(g.sum(g.square(g.sub(z, prediction))), alpha),
        ),
        1 / batch,
      ),
      [1],
    );
  let z = prediction;
  let x = z;
  if (trace) energies.push(energy(z));
  for (const m of fistaMomentum(s.inferenceSteps)) {
    const residual = g.sub(y, g.convTranspose(x, dec, r)); // y − K∗X
    const descent = g.sub(g.conv(residual, dec, r), g.scale(g.sub(x, prediction), 2 * alpha)); // −∇ of the smooth part
    const zk = shrink(g, g.add(x, g.mul(descent, invL)), theta);
    x = g.add(zk, g.scale(g.sub(zk, z), m));
    z = zk;
    if (trace) energies.push(energy(z));
  }
  if (trace) g.output('inference', g.concat(energies, 0));
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

/**
 * PSD's inference on y [m, 1, S, S], watched: fetches Z* ('z') and E(Zₖ) for k = 0..K
 * ('inference' [K + 1], batch means) from Enc(y). Feeds lambda and lipschitz.
 */
export function convInferenceProgram(s: ConvShape, batch: number, size: number): Program {
  if (s.variant !== 'psd')
    throw new Error('Only PSD infers its code by FISTA; the auto-encoder takes Enc(y).');
  const g = createGraph();
  const p = declare(g, s);
  const y = g.input('y', [batch, 1, size, size]);
  g.output('z', optimalCode(g, s, p, y, encode(g, s, p, y), true));
  return {
    name: `conv.inference.n${s.kernels}.b${batch}`,
    graph: g,
    fetches: ['z', 'inference'],
    updates: new Map(),
  };
}

/** Σᵢ Kᵢ ∗ Zᵢ for Z [m, n, S, S] → [m, 1, S, S]. */
export function convDecodeProgram(s: ConvShape, batch: number, size: number): Program {
  const g = createGraph();
  const p = declare(g, s);
  g.output('yhat', decode(g, s, p, g.input('z', [batch, s.kernels, size, size])));
  return { name: `conv.decode.n${s.kernels}.b${batch}`, graph: g, fetches: ['yhat'], updates: new Map() };
}
