/**
 * The contrastive update shared by CD-k and persistent CD: push the energy down on the data
 * y⁺ and up on the negatives y⁻, with a penalty on the energies' magnitude that keeps them
 * bounded (Du & Mordatch 2019, "Implicit generation and generalization in EBMs", eq. 4):
 *
 *   L(θ) = mean E_θ(y⁺) − mean E_θ(y⁻) + α·(mean E_θ(y⁺)² + mean E_θ(y⁻)²)
 *
 * The negatives come out of the Langevin chain (langevin.ts) detached: no gradient flows
 * through the sampler. One Adam step on θ. The update — the chain on the current E_θ, the
 * loss, its gradient and Adam — is one program (graph/program.ts), preceded by chunks of the
 * chain when k is long (langevin.ts). The chain starts where the method says: CD at the data
 * batch, PCD at its particles (cd.ts, pcd.ts).
 * Fed: 'batch' [b, 2], 'start' [n, 2], 'alpha', Adam's scalars, the Langevin feeds.
 */
import { adamScalars, appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import { programCache, type GraphEngine, type Program } from '../graph/program.js';
import type { Rng } from '../rng.js';
import { energyOf } from './energy-net.js';
import {
  appendLangevin,
  checkLangevinConfig,
  LANGEVIN_CHUNK,
  langevinFeeds,
  langevinProgram,
  splitChain,
} from './langevin.js';
import type { MlpSpec } from '../graph/mlp.js';
import { pointsIn } from './points.js';
import type { EnergyStepResult, LangevinConfig } from './types.js';

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

/** Throws an Error naming the first field out of range (the sampler: checkLangevinConfig). */
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

/**
 * One update for a batch of b points and n negatives whose chain starts at the fed 'start'
 * [n, 2] (CD: the batch; PCD: the particles, some restarted) and runs its last k steps here;
 * fetches 'loss', 'energyPos', 'energyNeg' and 'negatives' [n, 2].
 */
export function contrastiveTrainProgram(
  spec: MlpSpec,
  b: number,
  n: number,
  k: number,
  clip: boolean,
): Program {
  const g = createGraph();
  const { params, energy } = energyOf(g, spec);
  const pos = g.input('batch', [b, 2]); // y⁺
  const neg = appendLangevin(g, energy, g.input('start', [n, 2]), k, clip); // y⁻, [n, 2], detached
  const { loss, meanPos, meanNeg } = appendContrastiveLoss(g, energy, pos, neg);
  g.output('loss', loss);
  g.output('energyPos', meanPos);
  g.output('energyNeg', meanNeg);
  g.output('negatives', neg);
  const updates = appendAdam(g, params, gradients(g, loss, [...params.values()]));
  const name = `contrastive.train.b${b}.n${n}.k${k}${clip ? '.clip' : ''}`;
  return { name, graph: g, fetches: ['loss', 'energyPos', 'energyNeg', 'negatives'], updates };
}

export interface ContrastiveStepResult extends EnergyStepResult {
  /** y⁻, interleaved [n, 2]. */
  readonly negatives: Float32Array;
}

/**
 * The contrastive update of a model whose E_θ (parameters and Adam's moments) is state of
 * `engine`: the chain from `start` on the current E_θ — LANGEVIN_CHUNK-step programs first
 * when k is long, the rest inside the train program — then the loss and Adam's step t (≥ 1).
 * The chain's noise is drawn from `noise`, chunk by chunk.
 */
export type ContrastiveStep = (
  batch: Float32Array,
  start: Float32Array,
  config: ContrastiveConfig,
  noise: Rng,
  t: number,
) => Promise<ContrastiveStepResult>;

export function createContrastiveStep(spec: MlpSpec, engine: GraphEngine): ContrastiveStep {
  const train = programCache((b: number, n: number, k: number, clip: number) =>
    contrastiveTrainProgram(spec, b, n, k, clip === 1),
  );
  const chunk = programCache((n: number, clip: number) =>
    langevinProgram('energy-net', (g) => energyOf(g, spec).energy, n, LANGEVIN_CHUNK, clip === 1),
  );
  return async (batch, start, config, noise, t) => {
    checkContrastiveConfig(config);
    checkLangevinConfig(config.langevin);
    const [b, n] = [pointsIn(batch), pointsIn(start)];
    const clip = config.langevin.clip ? 1 : 0;
    const { chunks, rest } = splitChain(config.langevin.steps);
    let y = start;
    for (let c = 0; c < chunks; c++) {
      const chain = langevinFeeds({ ...config.langevin, steps: LANGEVIN_CHUNK }, n, 2, noise);
      y = (await engine.run(chunk(n, clip), { start: y, ...chain })).end as Float32Array;
    }
    const out = await engine.run(train(b, n, rest, clip), {
      batch,
      start: y,
      alpha: Float32Array.of(config.alpha),
      ...langevinFeeds({ ...config.langevin, steps: rest }, n, 2, noise),
      ...adamScalars(t, config.learningRate),
    });
    return {
      loss: out.loss?.[0] ?? Number.NaN,
      energyPos: out.energyPos?.[0] ?? Number.NaN,
      energyNeg: out.energyNeg?.[0] ?? Number.NaN,
      negatives: out.negatives as Float32Array,
    };
  };
}
