/**
 * LISTA, learned ISTA (Gregor & LeCun, "Learning Fast Approximations of Sparse Coding",
 * ICML 2010). In the paper's column notation, with the decoder W_d ∈ ℝ^{n×m} (our W), a sample
 * X ∈ ℝⁿ and a code Z ∈ ℝᵐ:
 *
 *   B = W_e X,   Z(0) = 0,   Z(k+1) = h_θ(B + S Z(k)),   k = 0..K−1
 *   W_e ∈ ℝ^{m×n} initialised to W_dᵀ/L,  S ∈ ℝ^{m×m} to I − W_dᵀW_d/L,  θ ∈ ℝᵐ to λ/L
 *
 * which, at initialisation, is exactly K steps of ISTA from zero. We store the row-batch
 * forms, so every product is untransposed: Y [batch, n]·We [n, atoms] (We = W/L = W_eᵀ) and
 * Z [batch, atoms]·St [atoms, atoms] (St = Sᵀ). W_e, S and θ are then trained by
 * backpropagation through the K unrolled steps and Adam (PyTorch's) to predict the optimal
 * codes Z* (by FISTA):
 *
 *   loss = batch mean of ½‖Z(K) − Z*‖²
 *
 * Thresholds are kept ≥ 0 after every step. For a dictionary learned with non-negative codes,
 * h_θ is the one-sided relu(v − θ) (config.nonNegative), as in the FISTA it imitates. The maths is sparse-graph.ts's lista programs, run
 * by a GraphEngine (ONNX Runtime, or TensorFlow.js on the lower rungs).
 */
import { adamScalars, adamState } from '../graph/adam.js';
import { programCache, type EngineFactory, type NamedArray } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { listaEncodeProgram, listaErrorsProgram, listaTrainProgram } from './sparse-graph.js';

export interface ListaConfig {
  /** K, the number of unrolled shrinkage steps (≥ 1). */
  readonly steps: number;
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** Codes by relu(v − θ), for a dictionary of non-negative sparse coding. Default false. */
  readonly nonNegative?: boolean;
}

export const defaultListaConfig: ListaConfig = { steps: 3, learningRate: 1e-3 };

export interface Lista {
  readonly config: ListaConfig;
  /** Z(k) [batch, atoms] for y [batch, n] after `steps` (default K) unrolled steps. */
  encode(y: Float32Array, steps?: number): Promise<Float32Array>;
  /** Batch-mean ½‖Z(k) − Z*‖² for k = 0..K. */
  codeErrors(y: Float32Array, target: Float32Array): Promise<Float32Array>;
  /** One Adam step on the batch-mean ½‖Z(K) − Z*‖²; returns that loss (before the step). */
  trainStep(y: Float32Array, target: Float32Array): Promise<number>;
  /** We [n, atoms], St [atoms, atoms] and θ [atoms] as they are now. */
  params(): { readonly We: Float32Array; readonly St: Float32Array; readonly theta: Float32Array };
  dispose(): void;
}

/** LISTA's start from a dictionary w [n, atoms]: We = W/L, St = I − WᵀW/L, θ = λ/L. */
export function listaStart(w: Float32Array, n: number, atoms: number, lambda: number, lipschitz: number) {
  const we = Float32Array.from(w, (v) => v / lipschitz);
  const st = new Float32Array(atoms * atoms);
  const row = new Float64Array(atoms);
  for (let i = 0; i < atoms; i++) {
    row.fill(0);
    for (let r = 0; r < n; r++) {
      const a = w[r * atoms + i] as number;
      if (a === 0) continue;
      for (let j = 0; j < atoms; j++) row[j] = (row[j] as number) + a * (w[r * atoms + j] as number);
    }
    for (let j = 0; j < atoms; j++) st[i * atoms + j] = (i === j ? 1 : 0) - (row[j] as number) / lipschitz;
  }
  return { We: we, St: st, theta: new Float32Array(atoms).fill(lambda / lipschitz) };
}

/** LISTA initialised from a dictionary w [n, atoms] (row-major), its λ and L = λ_max(WᵀW). */
export function createLista(
  w: Float32Array,
  n: number,
  lambda: number,
  lipschitz: number,
  config: ListaConfig,
  engine: EngineFactory = tfjsEngine,
): Lista {
  if (!Number.isInteger(config.steps) || config.steps < 1) {
    throw new Error(`LISTA needs K ≥ 1 unrolled steps, got ${config.steps}`);
  }
  if (!(lipschitz > 0) || !(lambda > 0)) throw new Error('LISTA needs λ > 0 and L > 0');
  if (n < 1 || w.length % n !== 0)
    throw new Error(`expected a dictionary of ${n} rows, got ${w.length} values`);
  const atoms = w.length / n;
  const start = listaStart(w, n, atoms, lambda, lipschitz);
  const params: Record<string, NamedArray> = {
    We: { shape: [n, atoms], data: start.We },
    St: { shape: [atoms, atoms], data: start.St },
    theta: { shape: [atoms], data: start.theta },
  };
  const runner = engine({ ...params, ...adamState(params) });
  const K = config.steps;
  const nn = config.nonNegative ?? false;
  const shape = (batch: number, steps = K) => ({ n, atoms, batch, steps, nonNegative: nn });
  const encoder = programCache((batch: number, steps: number) => listaEncodeProgram(shape(batch, steps)));
  const errors = programCache((batch: number) => listaErrorsProgram(shape(batch)));
  const train = programCache((batch: number) => listaTrainProgram(shape(batch)));
  const batchOf = (y: Float32Array, target?: Float32Array): number => {
    if (y.length === 0 || y.length % n !== 0)
      throw new Error(`expected samples of size ${n}, got ${y.length} values`);
    const batch = y.length / n;
    if (target && target.length !== batch * atoms)
      throw new Error(`expected ${batch}×${atoms} target codes, got ${target.length} values`);
    return batch;
  };
  let t = 0;

  return {
    config,
    async encode(y, steps = K) {
      if (!Number.isInteger(steps) || steps < 0 || steps > K)
        throw new Error(`LISTA was built with K = ${K}; asked for ${steps} steps`);
      const batch = batchOf(y);
      if (steps === 0) return new Float32Array(batch * atoms);
      return (await runner.run(encoder(batch, steps), { y })).z as Float32Array;
    },
    async codeErrors(y, target) {
      return (await runner.run(errors(batchOf(y, target)), { y, target })).errors as Float32Array;
    },
    async trainStep(y, target) {
      const batch = batchOf(y, target);
      t += 1;
      const out = await runner.run(train(batch), { y, target, ...adamScalars(t, config.learningRate) });
      return (out.loss as Float32Array)[0] as number;
    },
    params: () => ({ We: runner.read('We'), St: runner.read('St'), theta: runner.read('theta') }),
    dispose: () => runner.dispose(),
  };
}
