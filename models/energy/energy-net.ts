/**
 * The energy E_θ: R² → R of the contrastive methods, a small MLP (default 2 → 64 → 64 → 1,
 * swish) written as a graph (models/graph/mlp.ts), and the programs that evaluate it. Its input
 * gradient ∇_y E_θ, which Langevin dynamics follows, is the graph's reverse mode
 * (langevin.ts): ∇_y Σᵢ E(yᵢ) has row i = ∇E(yᵢ), since row i of the sum depends on yᵢ only.
 */
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { NamedArray, Program } from '../graph/program.js';
import type { Rng } from '../rng.js';
import { mlpForward, mlpInitialWeights, mlpParams, type MlpActivation, type MlpSpec } from '../graph/mlp.js';

export interface EnergyNetConfig {
  /** Widths of the hidden layers. Default [64, 64]. */
  readonly hidden: readonly number[];
  /** Default 'swish'. */
  readonly activation: MlpActivation;
}

export const defaultEnergyNetConfig: EnergyNetConfig = { hidden: [64, 64], activation: 'swish' };

/** The network as an MLP: 2 → hidden… → 1, parameters w0, b0, w1, b1, … */
export const energyNetSpec = (config: EnergyNetConfig): MlpSpec => ({
  sizes: [2, ...config.hidden, 1],
  activation: config.activation,
  prefix: '',
});

/** Initial weights, nn.Linear's, drawn from `rng`. */
export const energyNetWeights = (config: EnergyNetConfig, rng: Rng): Record<string, NamedArray> =>
  mlpInitialWeights(energyNetSpec(config), rng);

/** E as a function of graph nodes: its parameters become inputs of `g` once; y [n, 2] → [n]. */
export function energyOf(
  g: GraphBuilder,
  spec: MlpSpec,
): {
  readonly params: Map<string, Node>;
  readonly energy: (y: Node) => Node;
} {
  const params = mlpParams(g, spec);
  const energy = (y: Node): Node => g.reshape(mlpForward(g, spec, params, y), [y.shape[0] as number]);
  return { params, energy };
}

/** E at n points: feed 'points' [n, 2], fetch 'energy' [n]. */
export function netEnergyProgram(spec: MlpSpec, n: number): Program {
  const g = createGraph();
  const { energy } = energyOf(g, spec);
  g.output('energy', energy(g.input('points', [n, 2])));
  return { name: `energy-net.energy.n${n}`, graph: g, fetches: ['energy'], updates: new Map() };
}
