/**
 * Adam (Kingma & Ba 2015, algorithm 1) with PyTorch's update, appended to a graph so that
 * the optimizer runs inside the compiled step:
 *
 *   m ← β₁m + (1 − β₁)g        v ← β₂v + (1 − β₂)g²
 *   θ ← θ − c₁ · m / (√v + c₂),   c₁ = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ),  c₂ = ε·√(1 − β₂ᵗ)
 *
 * which is torch.optim.Adam's θ − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε) rearranged. c₁ and
 * c₂ change every step (t, and a learning rate the user may move live): they are fed as
 * scalars named 'adam.c1' and 'adam.c2'. The moments are state entries 'adam.m.<param>'
 * and 'adam.v.<param>', zero at the start.
 */
import type { GraphBuilder } from './builder.js';
import type { Node } from './nodes.js';
import type { NamedArray } from './program.js';

export interface AdamConfig {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** torch.optim.Adam's defaults. */
export const pytorchAdam: AdamConfig = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

export const adamMomentNames = (param: string): readonly [string, string] => [
  `adam.m.${param}`,
  `adam.v.${param}`,
];

/**
 * Appends Adam's update of each parameter; returns output name → state name for the new
 * parameters and moments (outputs 'new.<state name>'). `project` may map a parameter's
 * updated value before it is stored (e.g. back to unit norm).
 */
export function appendAdam(
  g: GraphBuilder,
  params: ReadonlyMap<string, Node>,
  grads: readonly Node[],
  config: AdamConfig = pytorchAdam,
  project: (name: string, next: Node) => Node = (_, next) => next,
): Map<string, string> {
  const c1 = g.input('adam.c1', []);
  const c2 = g.input('adam.c2', []);
  const [b1, b2] = [g.constant(config.beta1), g.constant(config.beta2)];
  const [a1, a2] = [g.constant(1 - config.beta1), g.constant(1 - config.beta2)];
  const updates = new Map<string, string>();
  [...params].forEach(([name, p], i) => {
    const grad = grads[i] as Node;
    const [mName, vName] = adamMomentNames(name);
    const m = g.add(g.mul(g.input(mName, p.shape), b1), g.mul(grad, a1)); // β₁m + (1 − β₁)g
    const v = g.add(g.mul(g.input(vName, p.shape), b2), g.mul(g.square(grad), a2)); // β₂v + (1 − β₂)g²
    const next = project(name, g.sub(p, g.mul(g.div(m, g.add(g.sqrt(v), c2)), c1))); // θ − c₁ m / (√v + c₂)
    for (const [node, state] of [
      [next, name],
      [m, mName],
      [v, vName],
    ] as const) {
      g.output(`new.${state}`, node);
      updates.set(`new.${state}`, state);
    }
  });
  return updates;
}

/** The two scalars of step t (1-based) at learning rate lr. */
export function adamScalars(
  t: number,
  learningRate: number,
  config: AdamConfig = pytorchAdam,
): Record<string, Float32Array> {
  const bc1 = 1 - config.beta1 ** t;
  const root = Math.sqrt(1 - config.beta2 ** t);
  return {
    'adam.c1': Float32Array.of((learningRate * root) / bc1),
    'adam.c2': Float32Array.of(config.epsilon * root),
  };
}

/** Zero moments for every parameter. */
export function adamState(params: Readonly<Record<string, NamedArray>>): Record<string, NamedArray> {
  const out: Record<string, NamedArray> = {};
  for (const [name, p] of Object.entries(params)) {
    for (const moment of adamMomentNames(name))
      out[moment] = { shape: p.shape, data: new Float32Array(p.data.length) };
  }
  return out;
}
