/**
 * Persistent contrastive divergence (Tieleman 2008), with a Langevin sampler and random
 * restarts (the replay buffer of Du & Mordatch 2019): a buffer of particles survives from one
 * update to the next. Each step
 *   1. re-initialises each particle with probability ρ, uniformly in the data's box;
 *   2. moves every particle by k steps of Langevin dynamics on the current E_θ;
 *   3. takes the buffer as the negatives y⁻ of the contrastive update (contrastive.ts).
 * Particles wander far from the data, find spurious low-energy places and get them raised.
 * The restarts (which particles, and where to) and the chain's noise are drawn on the host
 * from the model's seeded generator; the buffer [N, 2] is kept on the host, restarted there
 * (an exact copy of the fresh points) and fed as the chain's start; the chain, the loss and
 * Adam's update run on the engine.
 */
import { adamState } from '../graph/adam.js';
import { programCache, type EngineFactory, type NamedArray } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import { checkContrastiveConfig, createContrastiveStep, type ContrastiveConfig } from './contrastive.js';
import {
  defaultEnergyNetConfig,
  energyNetSpec,
  energyNetWeights,
  netEnergyProgram,
  type EnergyNetConfig,
} from './energy-net.js';
import { pointsIn } from './points.js';
import { readWeights } from './state.js';
import { uniformPoints } from './toy-data.js';
import type { Bounds, EnergyFunction, EnergyStepResult } from './types.js';

export interface PcdConfig extends ContrastiveConfig {
  /** ρ ∈ [0, 1], the probability that a particle restarts at a step. */
  readonly reinitRate: number;
}

export const defaultPcdConfig: PcdConfig = {
  learningRate: 1e-3,
  alpha: 0.1,
  langevin: { stepSize: 0.01, noiseScale: 1, steps: 20 },
  reinitRate: 0.05,
};

export interface PcdStepResult extends EnergyStepResult {
  /** How many particles restarted at this step. */
  readonly reinitialised: number;
}

export interface PcdModel extends EnergyFunction {
  /** What runs the programs. */
  readonly engine: string;
  /** One PCD update on the data batch y⁺ [b, 2] (interleaved). */
  step(batch: Float32Array, config: PcdConfig): Promise<PcdStepResult>;
  /** The particles now, interleaved [x₀, y₀, …]: the buffer to draw. */
  particles(): Float32Array;
  /** 1 for the particles restarted at the last step, 0 for the others. */
  lastRestarts(): Uint8Array;
  /** Where restarts land from now on (e.g. after the user draws new data). */
  setBounds(bounds: Bounds): void;
  /** E_θ's parameters by name (w0, b0, w1, b1, …), for checkpoints. */
  weights(): Record<string, NamedArray>;
  dispose(): void;
}

/** A PCD model whose `bufferSize` particles start uniformly in `bounds`. */
export function createPcd(
  seed: number,
  bufferSize: number,
  bounds: Bounds,
  netConfig: EnergyNetConfig = defaultEnergyNetConfig,
  engine: EngineFactory = tfjsEngine,
): PcdModel {
  if (!(Number.isInteger(bufferSize) && bufferSize >= 1)) {
    throw new Error(`The buffer size must be a positive integer, got ${bufferSize}.`);
  }
  const n = bufferSize;
  const rng = createRng(seed);
  const spec = energyNetSpec(netConfig);
  const initial = energyNetWeights(netConfig, rng.fork());
  const noise = rng.fork();
  const restarts = rng.fork();
  let box = bounds;
  let particles = uniformPoints(box, n, restarts); // [N, 2]
  const runner = engine({ ...initial, ...adamState(initial) });
  const update = createContrastiveStep(spec, runner);
  const energyAt = programCache((m: number) => netEnergyProgram(spec, m));
  let restarted = new Uint8Array(n);
  let t = 0;

  /** Step 1: each particle restarts with probability ρ, uniformly in the box. */
  function restart(rate: number): number {
    restarted = new Uint8Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (restarts.uniform() < rate) {
        restarted[i] = 1;
        count++;
      }
    }
    if (count === 0) return 0;
    const fresh = uniformPoints(box, n, restarts);
    particles = particles.map((v, j) => (restarted[j >> 1] ? (fresh[j] as number) : v));
    return count;
  }

  return {
    engine: runner.description,
    async energy(y) {
      const out = await runner.run(energyAt(pointsIn(y)), { points: y });
      return out.energy as Float32Array;
    },
    async step(batch, config) {
      checkContrastiveConfig(config);
      if (!(config.reinitRate >= 0 && config.reinitRate <= 1)) {
        throw new Error(`The re-initialisation rate must be between 0 and 1, got ${config.reinitRate}.`);
      }
      const reinitialised = restart(config.reinitRate);
      const { negatives, ...scalars } = await update(batch, particles, config, noise, t + 1);
      t += 1;
      particles = negatives;
      return { ...scalars, reinitialised };
    },
    particles: () => particles.slice(),
    lastRestarts: () => restarted.slice(),
    setBounds(next) {
      box = next;
    },
    weights: () => readWeights(runner, initial),
    dispose: () => runner.dispose(),
  };
}
