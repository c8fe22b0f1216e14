/**
 * The course VAE (NYU Deep Learning, practicum 11-VAE; Kingma & Welling 2014) and the
 * classic autoencoder beside it, written once as a graph (models/graph/): the training step
 * that ONNX Runtime compiles and the one TensorFlow.js runs are both this file.
 *
 *   encoder  h₁ = relu(x W₁ + b₁),  [μ | log σ²] = h₁ W₂ + b₂      ('ae': z = h₁ W₂ + b₂)
 *   sample   z = μ + ε ⊙ exp(½ log σ²),  ε ~ N(0, I) fed from the run's seeded generator
 *   decoder  h₂ = relu(z W₃ + b₃),  l = h₂ W₄ + b₄,  p = σ(l)
 *   loss     (1/b) Σ_batch [Σ_pixels (softplus(l) − l ⊙ x) + β · (−½) Σ_k (1 + log σ² − μ² − σ²)]
 *            = the mean over the batch of BCE(x, p) + β·KL(q(z|x) ‖ N(0, I))
 *   update   Adam (PyTorch's), inside the same graph (graph/adam.ts)
 *
 * Weights are [in, out] (y = x·W + b), the layout of checkpoints (vae-params.ts).
 */
import { appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { Program } from '../graph/program.js';
import type { VaeShape } from './vae-api.js';
import { paramNames, paramShapes, type ParamName } from './vae-params.js';

type Params = Readonly<Record<ParamName, Node>>;

function declareParams(g: GraphBuilder, shape: VaeShape): Params {
  const shapes = paramShapes(shape);
  return Object.fromEntries(paramNames.map((name) => [name, g.input(name, shapes[name])])) as Params;
}

const dense = (g: GraphBuilder, x: Node, w: Node, b: Node): Node => g.add(g.matmul(x, w), b); // [m, out]

/** μ and log σ² [m, d] (log σ² null for the autoencoder) of pixels x [m, n]. */
function encode(g: GraphBuilder, p: Params, x: Node, shape: VaeShape): { mu: Node; logvar: Node | null } {
  const h1 = g.relu(dense(g, x, p['enc1.w'], p['enc1.b'])); // [m, h]
  const e = dense(g, h1, p['enc2.w'], p['enc2.b']); // [m, 2d] ('ae': [m, d])
  if (shape.variant === 'ae') return { mu: e, logvar: null };
  const d = shape.latentDim;
  return { mu: g.slice(e, 1, 0, d), logvar: g.slice(e, 1, d, 2 * d) };
}

/** Logits [m, n] of the pixels decoded from codes z [m, d]. */
function decodeLogits(g: GraphBuilder, p: Params, z: Node): Node {
  const h2 = g.relu(dense(g, z, p['dec1.w'], p['dec1.b'])); // [m, h]
  return dense(g, h2, p['dec2.w'], p['dec2.b']); // [m, n]
}

/** Σ over the batch of BCE and of KL (KL 0 for the autoencoder); `eps` null means z = μ. */
function lossSums(g: GraphBuilder, p: Params, x: Node, eps: Node | null, shape: VaeShape) {
  const { mu, logvar } = encode(g, p, x, shape);
  let z = mu;
  let kl: Node = g.constant(0);
  if (logvar) {
    if (eps) z = g.add(mu, g.mul(eps, g.exp(g.scale(logvar, 0.5)))); // μ + ε ⊙ σ
    const terms = g.sub(g.add(logvar, g.constant(1)), g.add(g.square(mu), g.exp(logvar))); // [m, d]
    kl = g.scale(g.sum(terms), -0.5); // −½ Σ (1 + log σ² − μ² − σ²)
  }
  const l = decodeLogits(g, p, z); // [m, n]
  const recon = g.sum(g.sub(g.softplus(l), g.mul(l, x))); // Σ BCE from logits
  return { recon, kl };
}

/** The batch-mean loss of a training step and its gradients (paramNames order). */
function lossAndGradients(g: GraphBuilder, shape: VaeShape, batch: number) {
  const p = declareParams(g, shape);
  const x = g.input('x', [batch, shape.inputDim]);
  const eps = shape.variant === 'vae' ? g.input('eps', [batch, shape.latentDim]) : null;
  const beta = g.input('beta', []);
  const { recon, kl } = lossSums(g, p, x, eps, shape);
  const loss = g.scale(g.add(recon, g.mul(beta, kl)), 1 / batch); // mean over the batch
  const params = new Map(paramNames.map((name) => [name, p[name]]));
  g.output('recon', recon);
  g.output('kl', kl);
  return { params, grads: gradients(g, loss, [...params.values()]) };
}

/** One Adam step on a batch of `batch`: feeds x [b, n], eps [b, d] (VAE only), beta, adam.c1/c2. */
export function vaeTrainProgram(shape: VaeShape, batch: number): Program {
  const g = createGraph();
  const { params, grads } = lossAndGradients(g, shape, batch);
  const updates = appendAdam(g, params, grads);
  return { name: `vae.train.b${batch}`, graph: g, fetches: ['recon', 'kl'], updates };
}

/** The gradients of the batch-mean loss, fetched as 'grad.<param>' (no update): for tests and tools. */
export function vaeGradientProgram(shape: VaeShape, batch: number): Program {
  const g = createGraph();
  const { grads } = lossAndGradients(g, shape, batch);
  paramNames.forEach((name, i) => g.output(`grad.${name}`, grads[i] as Node));
  const fetches = ['recon', 'kl', ...paramNames.map((name) => `grad.${name}`)];
  return { name: `vae.gradients.b${batch}`, graph: g, fetches, updates: new Map() };
}

/** Loss sums at z = μ for x [m, n] (no sampling, no update). */
export function vaeEvalProgram(shape: VaeShape, batch: number): Program {
  const g = createGraph();
  const p = declareParams(g, shape);
  const { recon, kl } = lossSums(g, p, g.input('x', [batch, shape.inputDim]), null, shape);
  g.output('recon', recon);
  g.output('kl', kl);
  return { name: `vae.eval.b${batch}`, graph: g, fetches: ['recon', 'kl'], updates: new Map() };
}

/** μ [m, d] and, for the VAE, log σ² [m, d] of x [m, n]. */
export function vaeEncodeProgram(shape: VaeShape, batch: number): Program {
  const g = createGraph();
  const { mu, logvar } = encode(g, declareParams(g, shape), g.input('x', [batch, shape.inputDim]), shape);
  g.output('mu', mu);
  if (logvar) g.output('logvar', logvar);
  return {
    name: `vae.encode.b${batch}`,
    graph: g,
    fetches: logvar ? ['mu', 'logvar'] : ['mu'],
    updates: new Map(),
  };
}

/** Pixel probabilities σ(l) [m, n] of codes z [m, d]; with `fromPixels`, of z = μ(x) instead. */
export function vaeDecodeProgram(shape: VaeShape, batch: number, fromPixels = false): Program {
  const g = createGraph();
  const p = declareParams(g, shape);
  const z = fromPixels
    ? encode(g, p, g.input('x', [batch, shape.inputDim]), shape).mu
    : g.input('z', [batch, shape.latentDim]);
  g.output('probs', g.sigmoid(decodeLogits(g, p, z)));
  const what = fromPixels ? 'reconstruct' : 'decode';
  return { name: `vae.${what}.b${batch}`, graph: g, fetches: ['probs'], updates: new Map() };
}
