/**
 * Contrastive divergence, CD-k (Hinton 2002), with Langevin negatives: each update starts k
 * steps of Langevin dynamics (langevin.ts) at the data batch y⁺, takes where they end as the
 * negatives y⁻, and applies the contrastive update of contrastive.ts. Short chains from the
 * data raise the energy just around the data; far regions are never visited. The chain, the
 * loss and Adam run as programs on a GraphEngine (ONNX Runtime or TensorFlow.js); the chain's
 * noise is drawn on the host from the model's seeded generator.
 */
import { adamState } from '../graph/adam.js';
import { programCache, type EngineFactory, type NamedArray } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import { createContrastiveStep, type ContrastiveConfig } from './contrastive.js';
import {
  defaultEnergyNetConfig,
  energyNetSpec,
  energyNetWeights,
  netEnergyProgram,
  type EnergyNetConfig,
} from './energy-net.js';
import { pointsIn } from './points.js';
import { readWeights } from './state.js';
import type { EnergyFunction, EnergyStepResult } from './types.js';

export interface CdModel extends EnergyFunction {
  /** What runs the programs. */
  readonly engine: string;
  /** One CD-k update on the data batch y⁺ [b, 2] (interleaved). */
  step(batch: Float32Array, config: ContrastiveConfig): Promise<EnergyStepResult>;
  /** The negatives of the last step, interleaved [x₀, y₀, …] (empty before the first). */
  negatives(): Float32Array;
  /** E_θ's parameters by name (w0, b0, w1, b1, …), for checkpoints. */
  weights(): Record<string, NamedArray>;
  dispose(): void;
}

export function createCd(
  seed: number,
  netConfig: EnergyNetConfig = defaultEnergyNetConfig,
  engine: EngineFactory = tfjsEngine,
): CdModel {
  const rng = createRng(seed);
  const spec = energyNetSpec(netConfig);
  const initial = energyNetWeights(netConfig, rng.fork());
  const noise = rng.fork();
  const runner = engine({ ...initial, ...adamState(initial) });
  const update = createContrastiveStep(spec, runner);
  const energyAt = programCache((n: number) => netEnergyProgram(spec, n));
  let lastNegatives: Float32Array = new Float32Array(0);
  let t = 0;

  return {
    engine: runner.description,
    async energy(y) {
      const out = await runner.run(energyAt(pointsIn(y)), { points: y });
      return out.energy as Float32Array;
    },
    async step(batch, config) {
      const { negatives, ...scalars } = await update(batch, batch, config, noise, t + 1);
      t += 1;
      lastNegatives = negatives;
      return scalars;
    },
    negatives: () => lastNegatives.slice(),
    weights: () => readWeights(runner, initial),
    dispose: () => runner.dispose(),
  };
}
