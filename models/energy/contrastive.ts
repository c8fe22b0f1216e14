/**
 * The contrastive update shared by CD-k and persistent CD: push the energy down on the data
 * y⁺ and up on the negatives y⁻, with a penalty on the energies' magnitude that keeps them
 * bounded (Du & Mordatch 2019, "Implicit generation and generalization in EBMs", eq. 4):
 *
 *   L(θ) = mean E_θ(y⁺) − mean E_θ(y⁻) + α·(mean E_θ(y⁺)² + mean E_θ(y⁻)²)
 *
 * The negatives come out of the Langevin chain (langevin.ts) detached: no gradient flows
 * through the sampler. One Adam step on θ. The whole update — the chain on the current E_θ,
 * the loss, its gradient and Adam — is one program (graph/program.ts):
 *   cd:   the chain starts at the data batch;  fetches the negatives
 *   pcd:  it starts at the particles (state 'particles' [N, 2]), those marked in the fed
 *         'restart' [N, 1] replaced by the fed 'fresh' [N, 2] first; the chain's end becomes
 *         the new particles
 * Fed: 'batch' [b, 2], 'alpha', Adam's scalars, the Langevin feeds.
 */
import { appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { Program } from '../graph/program.js';
import { energyOf } from './energy-net.js';
import { appendLangevin } from './langevin.js';
import type { MlpSpec } from './mlp-graph.js';
import type { LangevinConfig } from './types.js';

export interface ContrastiveConfig {
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** α ≥ 0, weight of the energy-magnitude penalty. */
  readonly alpha: number;
  /** The sampler that produces the negatives. */
  readonly langevin: LangevinConfig;
}

export const defaultContrastiveConfig: ContrastiveConfig = {
  learningRate: 1e-3,
  alpha: 0.1,
  langevin: { stepSize: 0.01, noiseScale: 1, steps: 20 },
};

/** Throws an Error naming the first field out of range (the sampler is checked by langevinFeeds). */
export function checkContrastiveConfig(config: ContrastiveConfig): void {
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    throw new Error(`The learning rate must be a finite number > 0, got ${config.learningRate}.`);
  }
  if (!(Number.isFinite(config.alpha) && config.alpha >= 0)) {
    throw new Error(`The energy penalty α must be a finite number ≥ 0, got ${config.alpha}.`);
  }
}

/** L(θ) and the two mean energies for data `pos` [b, 2] and negatives `neg` [n, 2]; α fed as 'alpha'. */
export function appendContrastiveLoss(
  g: GraphBuilder,
  energy: (y: Node) => Node,
  pos: Node,
  neg: Node,
): { readonly loss: Node; readonly meanPos: Node; readonly meanNeg: Node } {
  const [b, n] = [pos.shape[0] as number, neg.shape[0] as number];
  const ePos = energy(pos); // [b]
  const eNeg = energy(neg); // [n]
  const meanPos = g.scale(g.sum(ePos), 1 / b);
  const meanNeg = g.scale(g.sum(eNeg), 1 / n);
  const squares = g.add(g.scale(g.sum(g.square(ePos)), 1 / b), g.scale(g.sum(g.square(eNeg)), 1 / n));
  const loss = g.add(g.sub(meanPos, meanNeg), g.mul(squares, g.input('alpha', [])));
  return { loss, meanPos, meanNeg };
}

export type ContrastiveMethod = 'cd' | 'pcd';

/**
 * One update of `method` for a batch of b points and n negatives (n = b for CD, the buffer
 * size for PCD) with k Langevin steps; fetches 'loss', 'energyPos', 'energyNeg' (and CD's
 * 'negatives' [b, 2]).
 */
export function contrastiveTrainProgram(
  spec: MlpSpec,
  method: ContrastiveMethod,
  b: number,
  n: number,
  k: number,
  clip: boolean,
): Program {
  const g = createGraph();
  const { params, energy } = energyOf(g, spec);
  const pos = g.input('batch', [b, 2]); // y⁺
  let start = pos;
  if (method === 'pcd') {
    // r ⊙ fresh + (1 − r) ⊙ particles: exactly one or the other, r ∈ {0, 1}.
    const restart = g.input('restart', [n, 1]); // r, [n, 1]
    const stay = g.sub(g.constant(1), restart);
    start = g.add(g.mul(restart, g.input('fresh', [n, 2])), g.mul(stay, g.input('particles', [n, 2]))); // [n, 2]
  }
  const neg = appendLangevin(g, energy, start, k, clip); // y⁻, [n, 2], detached
  const { loss, meanPos, meanNeg } = appendContrastiveLoss(g, energy, pos, neg);
  g.output('loss', loss);
  g.output('energyPos', meanPos);
  g.output('energyNeg', meanNeg);
  const updates = appendAdam(g, params, gradients(g, loss, [...params.values()]));
  const fetches = ['loss', 'energyPos', 'energyNeg'];
  if (method === 'cd') {
    g.output('negatives', neg);
    fetches.push('negatives');
  } else {
    g.output('new.particles', neg);
    updates.set('new.particles', 'particles');
  }
  const name = `${method}.train.b${b}.n${n}.k${k}${clip ? '.clip' : ''}`;
  return { name, graph: g, fetches, updates };
}
