/**
 * A denoising autoencoder on the plane (Vincent et al. 2008): a denoiser g: R² → R²
 * (default 2 → 64 → 64 → 2, swish) trained to send corrupted points back to clean ones,
 *
 *   L = mean ‖g(y + σε) − y‖²,   ε ~ N(0, I),
 *
 * and read as an energy, E(y) = ‖y − g(y)‖²: low where g leaves points in place. Where two
 * branches of the data are both near, g sends points to their average, between them: the
 * energy has low, flat spots there that hold no data (the lecture's ambiguity). The field
 * y → g(y) (grid.ts) draws this as arrows.
 *
 * The network, the loss and Adam are one program on a GraphEngine; ε is drawn on the host
 * from the model's seeded generator and fed. A step reports mean E on the clean batch after
 * its update.
 */
import { adamScalars, adamState, appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import { programCache, type EngineFactory, type NamedArray, type Program } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import { fillNormal } from '../ziggurat.js';
import type { EnergyNetConfig } from './energy-net.js';
import { mlpForward, mlpInitialWeights, mlpParams, type MlpSpec } from '../graph/mlp.js';
import { pointsIn } from './points.js';
import { readWeights } from './state.js';
import type { EnergyFunction, EnergyStepResult } from './types.js';

export interface DaeConfig {
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** σ > 0, the standard deviation of the corruption. */
  readonly sigma: number;
}

export const defaultDaeConfig: DaeConfig = { learningRate: 1e-3, sigma: 0.3 };

export interface DaeModel extends EnergyFunction {
  /** What runs the programs. */
  readonly engine: string;
  /** One Adam step on a batch of clean points y [b, 2]; energyPos is mean E on the clean batch. */
  step(batch: Float32Array, config: DaeConfig): Promise<EnergyStepResult>;
  /** g(y) for y [n, 2] → [n, 2] (interleaved). */
  denoise(y: Float32Array): Promise<Float32Array>;
  /** g's parameters by name (w0, b0, w1, b1, …), for checkpoints. */
  weights(): Record<string, NamedArray>;
  dispose(): void;
}

/** ‖y − g(y)‖² per row: y [n, 2] → [n]. */
function reconstructionEnergy(
  g: ReturnType<typeof createGraph>,
  spec: MlpSpec,
  params: ReadonlyMap<string, Node>,
  y: Node,
): Node {
  return g.sum(g.square(g.sub(y, mlpForward(g, spec, params, y))), [1]);
}

type Kind = 'train' | 'energy' | 'denoise';

function daeProgram(spec: MlpSpec, kind: Kind, n: number): Program {
  const g = createGraph();
  const params = mlpParams(g, spec);
  const name = `dae2d.${kind}.n${n}`;
  if (kind !== 'train') {
    const y = g.input('points', [n, 2]);
    const out = kind === 'energy' ? reconstructionEnergy(g, spec, params, y) : mlpForward(g, spec, params, y);
    g.output(kind, out);
    return { name, graph: g, fetches: [kind], updates: new Map() };
  }
  const batch = g.input('batch', [n, 2]); // y
  const corrupted = g.add(batch, g.mul(g.input('noise', [n, 2]), g.input('sigma', []))); // y + σε
  const residual = g.sub(mlpForward(g, spec, params, corrupted), batch); // g(y + σε) − y, [n, 2]
  const loss = g.scale(g.sum(g.square(residual)), 1 / n);
  g.output('loss', loss);
  const updates = appendAdam(g, params, gradients(g, loss, [...params.values()]));
  // Mean E on the clean batch with the updated weights.
  const next = new Map([...params.keys()].map((p) => [p, g.outputs.get(`new.${p}`) as Node]));
  g.output('energyPos', g.scale(g.sum(reconstructionEnergy(g, spec, next, batch)), 1 / n));
  return { name, graph: g, fetches: ['loss', 'energyPos'], updates };
}

export function createDae(
  seed: number,
  netConfig: EnergyNetConfig = { hidden: [64, 64], activation: 'swish' },
  engine: EngineFactory = tfjsEngine,
): DaeModel {
  const rng = createRng(seed);
  const spec: MlpSpec = { sizes: [2, ...netConfig.hidden, 2], activation: netConfig.activation, prefix: '' };
  const initial = mlpInitialWeights(spec, rng.fork());
  const noise = rng.fork();
  const runner = engine({ ...initial, ...adamState(initial) });
  const program = programCache((kind: Kind, n: number) => daeProgram(spec, kind, n));
  let t = 0;

  return {
    engine: runner.description,
    async energy(y) {
      return (await runner.run(program('energy', pointsIn(y)), { points: y })).energy as Float32Array;
    },
    async denoise(y) {
      return (await runner.run(program('denoise', pointsIn(y)), { points: y })).denoise as Float32Array;
    },
    async step(batch, config) {
      if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
        throw new Error(`The learning rate must be a finite number > 0, got ${config.learningRate}.`);
      }
      if (!(Number.isFinite(config.sigma) && config.sigma > 0)) {
        throw new Error(`The corruption σ must be a finite number > 0, got ${config.sigma}.`);
      }
      const feeds = {
        batch,
        noise: fillNormal(noise, new Float32Array(batch.length)), // ε, [b, 2]
        sigma: Float32Array.of(config.sigma),
        ...adamScalars(t + 1, config.learningRate),
      };
      const out = await runner.run(program('train', pointsIn(batch)), feeds);
      t += 1;
      return {
        loss: out.loss?.[0] ?? Number.NaN,
        energyPos: out.energyPos?.[0] ?? Number.NaN,
        energyNeg: Number.NaN,
      };
    },
    weights: () => readWeights(runner, initial),
    dispose: () => runner.dispose(),
  };
}
