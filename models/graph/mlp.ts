/**
 * The lab's small multilayer perceptron written as a graph (models/graph/): layers
 * y = x·W + b, smooth activations between them (so that Langevin dynamics sees a smooth
 * ∇ₓf), none after the last; e.g. the energy 2 → 64 → 64 → 1 or the MNIST denoiser
 * 784 → 256 → 784:
 *   softplus(a) = log(1 + eᵃ)      swish(a) = a·σ(a)   (Ramachandran et al. 2017)
 * Gradients, with respect to the parameters or to the input x, are the graph's reverse mode
 * (graph/autodiff.ts). Parameters are graph inputs named '<prefix>w<l>' [in, out] and
 * '<prefix>b<l>' [out]; their initialisation is nn.Linear's, U(−1/√fan_in, 1/√fan_in), drawn
 * layer by layer (weights, then biases) from the seeded generator passed in.
 */
import type { GraphBuilder } from './builder.js';
import type { Node } from './nodes.js';
import type { NamedArray } from './program.js';
import type { Rng } from '../rng.js';

export const mlpActivations = ['swish', 'softplus'] as const;
export type MlpActivation = (typeof mlpActivations)[number];

export interface MlpSpec {
  /** Layer widths, input first: e.g. [784, 256, 784]. */
  readonly sizes: readonly number[];
  readonly activation: MlpActivation;
  /** Prefix of the parameter names (several MLPs can share one graph). */
  readonly prefix: string;
}

const names = (spec: MlpSpec, l: number): [string, string] => [`${spec.prefix}w${l}`, `${spec.prefix}b${l}`];

/** Initial parameters by name. */
export function mlpInitialWeights(spec: MlpSpec, rng: Rng): Record<string, NamedArray> {
  const { sizes } = spec;
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new Error(`An MLP needs at least two positive integer layer widths, got [${sizes.join(', ')}].`);
  }
  const out: Record<string, NamedArray> = {};
  for (let l = 1; l < spec.sizes.length; l++) {
    const [nIn, nOut] = [spec.sizes[l - 1] as number, spec.sizes[l] as number];
    const bound = 1 / Math.sqrt(nIn);
    const uniform = (n: number) => Float32Array.from({ length: n }, () => (2 * rng.uniform() - 1) * bound);
    const [w, b] = names(spec, l - 1);
    out[w] = { shape: [nIn, nOut], data: uniform(nIn * nOut) };
    out[b] = { shape: [nOut], data: uniform(nOut) };
  }
  return out;
}

/** The parameters as graph inputs, in layer order (W₀, b₀, W₁, b₁, …). */
export function mlpParams(g: GraphBuilder, spec: MlpSpec): Map<string, Node> {
  const params = new Map<string, Node>();
  for (let l = 1; l < spec.sizes.length; l++) {
    const [w, b] = names(spec, l - 1);
    params.set(w, g.input(w, [spec.sizes[l - 1] as number, spec.sizes[l] as number]));
    params.set(b, g.input(b, [spec.sizes[l] as number]));
  }
  return params;
}

/** f(x) for x [m, sizes₀] → [m, sizes_last]. */
export function mlpForward(g: GraphBuilder, spec: MlpSpec, params: ReadonlyMap<string, Node>, x: Node): Node {
  let h = x;
  const layers = spec.sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    const [w, b] = names(spec, l);
    const a = g.add(g.matmul(h, params.get(w) as Node), params.get(b) as Node); // [m, sizes[l+1]]
    if (l === layers - 1) return a;
    h = spec.activation === 'softplus' ? g.softplus(a) : g.mul(a, g.sigmoid(a));
  }
  return h;
}
