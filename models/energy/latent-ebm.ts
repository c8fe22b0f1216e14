/**
 * A regularised latent-variable EBM on the plane (LeCun, NYU Deep Learning week 8, part B):
 *
 *   E(y) = min_z ‖y − Dec(z)‖² + λ‖z‖₁                (unconditional)
 *   E(x, y) = min_z ‖y − Dec(Pred(x), z)‖² + λ‖z‖₁    (conditional)
 *
 * z is inferred by ISTA (proximal gradient; Daubechies, Defrise & De Mol 2004) from z = 0:
 *   z ← shrink(z − η·∇_z‖y − Dec‖², η·λ),   shrink(v, t) = sign(v)·relu(|v| − t),
 * with η = 1/(2G²), G ≥ Dec's Lipschitz constant in z (latent-decoder.ts). Training lowers E on
 * the data with respect to Dec's (and Pred's) weights at the inferred code: one Adam step on
 * mean ‖y − Dec(z*)‖² (the penalty does not depend on the weights), then the norm constraints.
 *
 * The ISTA steps are unrolled in one graph (∇_z by reverse mode, z* detached for the update),
 * run by a GraphEngine; λ is fed, so it can change live without a new program.
 *
 * The lecture's point, measurable with energyGrid: at λ = 0 the code explains every y and E is
 * zero everywhere; as λ grows, only points that cheap (sparse) codes reach keep low energy, and
 * training puts those on the data.
 */
import { adamScalars, adamState, appendAdam, pytorchAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import {
  programCache,
  type EngineFactory,
  type Feeds,
  type NamedArray,
  type Program,
} from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import {
  defaultLatentShape,
  latentContext,
  latentDecode,
  latentInitialWeights,
  latentLipschitz,
  latentParams,
  projectLatent,
  type LatentShape,
} from './latent-decoder.js';
import { pointsIn } from './points.js';
import { readWeights } from './state.js';
import type { EnergyFunction, EnergyStepResult } from './types.js';

export interface LatentEbmConfig {
  /** λ ≥ 0, weight of the L1 penalty on the code. */
  readonly lambda: number;
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** ISTA steps per inference. */
  readonly inferenceSteps: number;
}

export const defaultLatentEbmConfig: LatentEbmConfig = {
  lambda: 0.1,
  learningRate: 3e-3,
  inferenceSteps: 60,
};

export interface LatentStepResult extends EnergyStepResult {
  /** Mean ‖y − Dec(z*)‖² on the batch. */
  readonly reconstruction: number;
  /** Mean ‖z*‖₁ on the batch. */
  readonly codeNorm: number;
}

export interface LatentInference {
  /** z* [n, K]. */
  readonly z: Float32Array;
  /** E at z*: ‖y − Dec(z*)‖² + λ‖z*‖₁, [n]. */
  readonly energy: Float32Array;
  /** ‖y − Dec(z*)‖², [n]. */
  readonly recon: Float32Array;
}

export interface LatentEbm extends EnergyFunction {
  readonly shape: LatentShape;
  /** What runs the programs. */
  readonly engine: string;
  /** The λ, learning rate and ISTA steps in force (set by configure and by step). */
  readonly config: LatentEbmConfig;
  configure(config: LatentEbmConfig): void;
  /** z* and E for y [n, 2] (and x [n, d] when conditional), interleaved / row-major. */
  infer(y: Float32Array, x?: Float32Array | null): Promise<LatentInference>;
  /** E(x, y) [n]; energy(y) is energyAt(y, null) (unconditional models only). */
  energyAt(y: Float32Array, x: Float32Array | null): Promise<Float32Array>;
  /** E(x, ·) at one fixed x, for energyGrid. */
  conditionedOn(x: readonly number[]): EnergyFunction;
  /** One training step on y [b, 2] (and x [b, d]) with `config` (which becomes the one in force). */
  step(y: Float32Array, config: LatentEbmConfig, x?: Float32Array | null): Promise<LatentStepResult>;
  /** The parameters by name (w, b, aW, bW, then a or Pred's), for checkpoints. */
  weights(): Record<string, NamedArray>;
  dispose(): void;
}

export function checkLatentEbmConfig(config: LatentEbmConfig): void {
  if (!(Number.isFinite(config.lambda) && config.lambda >= 0)) {
    throw new Error(`λ must be a finite number ≥ 0, got ${config.lambda}.`);
  }
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    throw new Error(`The learning rate must be a finite number > 0, got ${config.learningRate}.`);
  }
  if (!(Number.isInteger(config.inferenceSteps) && config.inferenceSteps >= 1)) {
    throw new Error(
      `The number of inference steps must be a positive integer, got ${config.inferenceSteps}.`,
    );
  }
}

type Kind = 'infer' | 'train';

/**
 * ISTA's `steps` iterations for n points, then E, ‖y − Dec(z*)‖² and ‖z*‖₁ at z*; for 'train'
 * also Adam's step on mean ‖y − Dec(z*)‖² with z* held constant, and the batch means
 * ('energy', 'recon', 'codeNorm'). Fed: 'y' [n, 2], 'x' [n, dx] (conditional), 'lambda'.
 */
function latentProgram(shape: LatentShape, kind: Kind, n: number, steps: number): Program {
  const g = createGraph();
  const params = latentParams(g, shape);
  const y = g.input('y', [n, 2]);
  const x = shape.conditionDim > 0 ? g.input('x', [n, shape.conditionDim]) : null;
  const lambda = g.input('lambda', []);
  const c = latentContext(g, params, x); // [1 or n, H]
  const lip = latentLipschitz(g, params); // G
  const eta = g.div(g.constant(1), g.scale(g.square(lip), 2)); // η = 1/(2G²)
  const threshold = g.mul(eta, lambda); // ηλ
  const residual = (z: Node): Node => g.sub(y, latentDecode(g, params, c, z)); // y − Dec(c, z), [n, 2]
  let z = g.broadcast(g.constant(0), [n, shape.latentDim]); // [n, K]
  for (let t = 0; t < steps; t++) {
    const grad = gradients(g, g.sum(g.square(residual(z))), [z])[0] as Node; // ∇_z ‖y − Dec‖², [n, K]
    const v = g.sub(z, g.mul(grad, eta));
    z = g.mul(g.unary('sign', v), g.relu(g.sub(g.abs(v), threshold))); // shrink(v, ηλ)
  }
  const zStar = g.unary('detach', z); // no gradient flows through inference
  const recon = g.sum(g.square(residual(zStar)), [1]); // [n]
  const l1 = g.sum(g.abs(zStar), [1]); // ‖z*‖₁, [n]
  const energy = g.add(recon, g.mul(l1, lambda)); // [n]
  const name = `latent${x ? '.conditional' : ''}.${kind}.n${n}.t${steps}`;
  if (kind === 'infer') {
    g.output('z', zStar);
    g.output('energy', energy);
    g.output('recon', recon);
    return { name, graph: g, fetches: ['z', 'energy', 'recon'], updates: new Map() };
  }
  const mean = (v: Node) => g.scale(g.sum(v), 1 / n);
  const loss = mean(recon);
  g.output('energy', mean(energy));
  g.output('recon', loss);
  g.output('codeNorm', mean(l1));
  const grads = gradients(g, loss, [...params.values()]);
  const updates = appendAdam(g, params, grads, pytorchAdam, (p, next) => projectLatent(g, p, next));
  return { name, graph: g, fetches: ['energy', 'recon', 'codeNorm'], updates };
}

export function createLatentEbm(
  seed: number,
  shape: LatentShape = defaultLatentShape,
  initial: LatentEbmConfig = defaultLatentEbmConfig,
  engine: EngineFactory = tfjsEngine,
): LatentEbm {
  checkLatentEbmConfig(initial);
  const weights = latentInitialWeights(shape, createRng(seed));
  const runner = engine({ ...weights, ...adamState(weights) });
  const program = programCache((kind: Kind, n: number, steps: number) =>
    latentProgram(shape, kind, n, steps),
  );
  const dx = shape.conditionDim;
  let config = initial;
  let t = 0;

  /** The feeds for y (and x), with λ in force; checks that the model gets the x it needs. */
  function feedsFor(y: Float32Array, x: Float32Array | null): { n: number; feeds: Feeds } {
    const n = pointsIn(y);
    if (dx > 0 && (!x || x.length !== n * dx)) {
      throw new Error(`The conditional model needs x of shape [n, ${dx}].`);
    }
    const feeds: Record<string, Float32Array> = { y, lambda: Float32Array.of(config.lambda) };
    if (dx > 0) feeds.x = x as Float32Array;
    return { n, feeds };
  }

  async function infer(y: Float32Array, x: Float32Array | null = null): Promise<LatentInference> {
    const { n, feeds } = feedsFor(y, x);
    const out = await runner.run(program('infer', n, config.inferenceSteps), feeds);
    return { z: out.z as Float32Array, energy: out.energy as Float32Array, recon: out.recon as Float32Array };
  }

  const energyAt = async (y: Float32Array, x: Float32Array | null) => (await infer(y, x)).energy;

  return {
    shape,
    engine: runner.description,
    get config() {
      return config;
    },
    configure(next) {
      checkLatentEbmConfig(next);
      config = next;
    },
    infer,
    energyAt,
    energy: (y) => energyAt(y, null),
    conditionedOn(xValue) {
      return {
        energy: (y) => {
          const n = pointsIn(y);
          const x = new Float32Array(n * xValue.length); // [n, d], x repeated
          for (let i = 0; i < n; i++) x.set(xValue, i * xValue.length);
          return energyAt(y, x);
        },
      };
    },
    async step(y, next, x = null) {
      checkLatentEbmConfig(next);
      config = next;
      const { n, feeds } = feedsFor(y, x);
      const out = await runner.run(program('train', n, next.inferenceSteps), {
        ...feeds,
        ...adamScalars(t + 1, next.learningRate),
      });
      t += 1;
      const e = out.energy?.[0] ?? Number.NaN;
      return {
        loss: e,
        energyPos: e,
        energyNeg: Number.NaN,
        reconstruction: out.recon?.[0] ?? Number.NaN,
        codeNorm: out.codeNorm?.[0] ?? Number.NaN,
      };
    },
    weights: () => readWeights(runner, weights),
    dispose: () => runner.dispose(),
  };
}
