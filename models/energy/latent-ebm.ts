/**
 * A regularised latent-variable EBM on the plane (LeCun, NYU Deep Learning week 8, part B):
 *
 *   E(y) = min_z ‖y − Dec(z)‖² + λR(z)                (unconditional)
 *   E(x, y) = min_z ‖y − Dec(Pred(x), z)‖² + λR(z)    (conditional)
 *
 * with R(z) = min_k ‖z − e_k‖², the squared distance from the code z ∈ Rᴷ to the nearest
 * corner e_k (one-hot vector). The regulariser limits "the volume of space of z which takes a
 * small value" (the lecture), and unlike ‖z‖₁ it leaves no code free but the K corners: with
 * ‖z‖₁ the zero code costs nothing, so the point Dec(0) has zero energy whatever the data (with
 * a decoder bias, on two moons it sits between them). Here λ → 0 lets every code be cheap
 * (Dec is onto the plane: E = 0 everywhere); λ → ∞ allows only the corners, E(y) = min_k
 * ‖y − Dec(e_k)‖², K-means with a decoder; in between, the low energy is the region that codes
 * near the corners reach, shrinking onto the K decoded corners as λ grows.
 *
 * Inference is gradient descent from each corner (z = e_k, `steps` steps of size
 * 1/(2G² + 2λ), G ≥ Dec's Lipschitz constant in z, latent-decoder.ts), E_k the energy at the code
 * reached and E = min_k E_k: the minimum over z is taken within each corner's basin. Training
 * lowers energies on the data only, with respect to Dec's (and Pred's) weights at the inferred
 * codes: one Adam step on mean_i E(y_i) + mean_k min_i ‖y_i − Dec(e_k)‖² (the second term moves
 * every decoded corner onto the data point nearest to it, so no corner — a point of zero
 * energy — is left where no data are), then the decoder's norm constraints, which keep it from
 * making every code cheap by growing.
 *
 * The steps are unrolled in one graph (∇_z by reverse mode, the codes detached for the update),
 * run by a GraphEngine; λ is fed, so it can change live without a new program.
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
  /** λ ≥ 0, weight of R(z) = min_k ‖z − e_k‖². */
  readonly lambda: number;
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** Gradient steps per inference (from each corner). */
  readonly inferenceSteps: number;
}

export const defaultLatentEbmConfig: LatentEbmConfig = {
  lambda: 1,
  learningRate: 3e-3,
  inferenceSteps: 30,
};

export interface LatentStepResult extends EnergyStepResult {
  /** mean_k min_i ‖y_i − Dec(e_k)‖²: how far each decoded corner is from its nearest data point. */
  readonly coverage: number;
}

export interface LatentInference {
  /** z* [n, K], the code of the corner with the least energy. */
  readonly z: Float32Array;
  /** That corner k*, [n]. */
  readonly corner: Int32Array;
  /** E = min_k E_k = ‖y − Dec(z*)‖² + λ‖z* − e_k*‖², [n]. */
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
 * For n points and each of the K corners e_k: `steps` gradient steps on
 * ‖y − Dec(z)‖² + λ‖z − e_k‖² from z = e_k, then E_k = that energy at the code reached, and
 * E = min_k E_k. For 'train' also Adam's step on mean_i E(y_i) + mean_k min_i ‖y_i − Dec(e_k)‖²
 * with the codes held constant, and the two means ('energy', 'coverage'). Fed: 'y' [n, 2], 'x' [n, dx]
 * (conditional), 'lambda'.
 */
function latentProgram(shape: LatentShape, kind: Kind, n: number, steps: number): Program {
  const k = shape.latentDim;
  const dx = shape.conditionDim;
  const rows = n * k; // row i·K + k pairs point i with corner k
  const g = createGraph();
  const params = latentParams(g, shape);
  const y = g.input('y', [n, 2]);
  const x = dx > 0 ? g.input('x', [n, dx]) : null;
  const lambda = g.input('lambda', []);
  const perCorner = (v: Node, d: number): Node =>
    g.reshape(g.broadcast(g.reshape(v, [n, 1, d]), [n, k, d]), [rows, d]);
  const yk = perCorner(y, 2); // [nK, 2]
  const identity = new Float32Array(k * k);
  for (let i = 0; i < k; i++) identity[i * k + i] = 1;
  const corners = g.reshape(g.broadcast(g.constant(identity, [1, k, k]), [n, k, k]), [rows, k]); // e_k per row
  const c = latentContext(g, params, x ? perCorner(x, dx) : null); // [1 or nK, H]
  const lip = latentLipschitz(g, params); // G ≥ Dec's Lipschitz constant in z
  // η = 1/(2G² + 2λ): the step of gradient descent on a 2G² + 2λ smooth function.
  const eta = g.div(g.constant(1), g.add(g.scale(g.square(lip), 2), g.scale(lambda, 2)));
  const residual = (z: Node): Node => g.sub(yk, latentDecode(g, params, c, z)); // [nK, 2]
  let z = corners;
  for (let t = 0; t < steps; t++) {
    const grad = gradients(g, g.sum(g.square(residual(z))), [z])[0] as Node; // ∇_z ‖y − Dec‖²
    const pull = g.mul(g.sub(z, corners), g.scale(lambda, 2)); // ∇_z λ‖z − e_k‖²
    z = g.sub(z, g.mul(g.add(grad, pull), eta));
  }
  const zStar = g.unary('detach', z); // no gradient flows through inference
  const recon = g.sum(g.square(residual(zStar)), [1]); // [nK]
  const distance = g.sum(g.square(g.sub(zStar, corners)), [1]); // ‖z* − e_k‖², [nK]
  const perCornerEnergy = g.reshape(g.add(recon, g.mul(distance, lambda)), [n, k]); // E_k(y_i)
  const minimum = (v: Node, axis: number): Node => g.neg(g.max(g.neg(v), [axis]));
  const energy = minimum(perCornerEnergy, 1); // E(y_i) = min_k E_k(y_i), [n]
  const name = `latent${x ? '.conditional' : ''}.${kind}.n${n}.k${k}.t${steps}`;
  if (kind === 'infer') {
    g.output('z', zStar);
    g.output('energy', energy);
    g.output('energies', perCornerEnergy);
    g.output('recon', recon);
    return { name, graph: g, fetches: ['z', 'energy', 'energies', 'recon'], updates: new Map() };
  }
  const meanEnergy = g.scale(g.sum(energy), 1 / n);
  // mean_k min_i ‖y_i − Dec(e_k)‖²: each decoded corner to its nearest data point of the batch
  const cornerGaps = g.reshape(g.sum(g.square(residual(corners)), [1]), [n, k]);
  const coverage = g.scale(g.sum(minimum(cornerGaps, 0)), 1 / k);
  g.output('energy', meanEnergy);
  g.output('coverage', coverage);
  const grads = gradients(g, g.add(meanEnergy, coverage), [...params.values()]);
  const updates = appendAdam(g, params, grads, pytorchAdam, (p, next) => projectLatent(g, p, next));
  return { name, graph: g, fetches: ['energy', 'coverage'], updates };
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

  /** The inference program's outputs for y (and x). */
  async function run(y: Float32Array, x: Float32Array | null) {
    const { n, feeds } = feedsFor(y, x);
    return { n, out: await runner.run(program('infer', n, config.inferenceSteps), feeds) };
  }

  async function infer(y: Float32Array, x: Float32Array | null = null): Promise<LatentInference> {
    const { n, out } = await run(y, x);
    const [codes, energies, recons] = [out.z, out.energies, out.recon] as Float32Array[];
    const k = shape.latentDim;
    const z = new Float32Array(n * k);
    const corner = new Int32Array(n);
    const recon = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (energies![i * k + j]! < energies![i * k + best]!) best = j;
      corner[i] = best;
      recon[i] = recons![i * k + best]!;
      z.set(codes!.subarray((i * k + best) * k, (i * k + best + 1) * k), i * k);
    }
    return { z, corner, energy: out.energy as Float32Array, recon };
  }

  // The landscape needs E only: no picking of each point's best corner on the host.
  const energyAt = async (y: Float32Array, x: Float32Array | null) =>
    (await run(y, x)).out.energy as Float32Array;

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
      return { loss: e, energyPos: e, energyNeg: Number.NaN, coverage: out.coverage?.[0] ?? Number.NaN };
    },
    weights: () => readWeights(runner, weights),
    dispose: () => runner.dispose(),
  };
}
