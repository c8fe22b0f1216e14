/**
 * A sparse coder: a dictionary W [n, atoms] held by a GraphEngine (ONNX Runtime on the top
 * rung, TensorFlow.js below) with the programs of sparse-graph.ts: codes of many batches by
 * ISTA or FISTA (Gram-matrix form, L = λ_max(WᵀW) by power iteration), and the dictionary-
 * learning step that changes W in place (dictionary-learning.ts drives it).
 *
 * L is found by power iteration from a seeded random unit vector, in runs of 20 multiplications
 * until the Rayleigh quotient changes by less than `tolerance` (relative), and kept until W
 * changes. Long solves run in chunks of at most CHUNK unrolled iterations (one program per
 * chunk size), the iterate carried between them on the host.
 */
import { programCache, type EngineFactory, type Fetched } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import type { Rng } from '../rng.js';
import { fistaMomentum } from '../fista.js';
import { learnProgram, powerProgram, solveProgram, type ShrinkageMethod } from './sparse-graph.js';

export type { ShrinkageMethod } from './sparse-graph.js';

/** Unrolled iterations per solve program. */
const CHUNK = 100;
/** Multiplications by G per power-iteration run (and convergence check). */
const POWER_RUN = 20;
/** Warm multiplications inside a learning step. */
const POWER_IN_STEP = 10;

export interface PowerIterationOptions {
  /** Relative change of the Rayleigh quotient between runs at which to stop. Default 1e-6. */
  readonly tolerance?: number;
  /** At most this many multiplications by G. Default 1000. */
  readonly maxIterations?: number;
}

export interface SolveOptions {
  readonly method: ShrinkageMethod;
  /** K, the number of shrinkage steps. */
  readonly iterations: number;
  /** λ for this solve; the coder's own when absent. */
  readonly lambda?: number;
  /** Record the batch-mean energy F(z_k) of every iterate (k = 0..K). */
  readonly recordEnergy?: boolean;
  /** Record the batch-mean code error ½‖z_k − z*‖² against these codes [batch, atoms]. */
  readonly target?: Float32Array;
  /** z₀ [batch, atoms]; zeros when absent. */
  readonly initialCodes?: Float32Array;
  /** Also report the statistics of z_K (SolveResult.stats). */
  readonly stats?: boolean;
}

export interface CodeStats {
  /** Batch mean of ½‖y − Wz‖². */
  readonly reconstruction: number;
  /** Batch mean of ‖z‖₁. */
  readonly l1: number;
  /** Fraction of code entries that are exactly zero. */
  readonly zeros: number;
  /** Per atom, the share of samples whose code uses it [atoms]. */
  readonly usage: Float32Array;
}

export interface SolveResult {
  /** z_K [batch, atoms]. */
  readonly codes: Float32Array;
  /** F(z_k), k = 0..K, batch means; null unless recordEnergy. */
  readonly energies: Float32Array | null;
  /** ½‖z_k − z*‖², k = 0..K, batch means; null unless a target was given. */
  readonly codeErrors: Float32Array | null;
  readonly stats: CodeStats | null;
}

export interface LearnStepStats {
  /** Batch mean of F(z) = ½‖y − Wz‖² + λ‖z‖₁ at the inferred codes. */
  readonly energy: number;
  /** Batch mean of ½‖y − Wz‖². */
  readonly reconstruction: number;
  /** Fraction of code entries that are exactly zero. */
  readonly sparsity: number;
  /** L = λ_max(WᵀW) used for the codes. */
  readonly lipschitz: number;
}

export interface SparseCoderOptions {
  /** λ > 0, the weight of ‖z‖₁ (a solve may override it). */
  readonly lambda: number;
  /** Draws the power iteration's start vector. */
  readonly rng: Rng;
  readonly powerIteration?: PowerIterationOptions;
  /**
   * Non-negative sparse coding (Hoyer 2002): codes z ≥ 0 (shrinkage sh⁺_θ(v) = relu(v − θ)) and,
   * in learning steps, atoms W ≥ 0. Default false: the lecture's signed codes.
   */
  readonly nonNegative?: boolean;
}

export interface SparseCoder {
  readonly inputDim: number;
  readonly atoms: number;
  readonly lambda: number;
  /** Codes (and learned atoms) kept ≥ 0 (SparseCoderOptions.nonNegative). */
  readonly nonNegative: boolean;
  /** What runs the programs, e.g. 'onnxruntime (cpu, 2 threads)'. */
  readonly engine: string;
  /** L = λ_max(WᵀW) of the current W. */
  lipschitz(): Promise<number>;
  /** Codes of y [batch, n] (row-major) by ISTA or FISTA. */
  solve(y: Float32Array, options: SolveOptions): Promise<SolveResult>;
  /**
   * One dictionary-learning step on y [batch, n]: codes by `iterations` FISTA steps from zero,
   * W ← W + η·Rᵀ·Z/batch (clipped at 0 when non-negative), unit columns (sparse-graph.ts learnProgram).
   */
  learn(y: Float32Array, lambda: number, learningRate: number, iterations: number): Promise<LearnStepStats>;
  /** A copy of W [n, atoms], row-major. */
  dictionary(): Float32Array;
  dispose(): void;
}

export function checkLambda(lambda: number): void {
  if (!(lambda > 0) || !Number.isFinite(lambda))
    throw new Error(`λ must be a positive number, got ${lambda}`);
}

/** A random unit vector [size] from `rng`. */
export function randomUnitVector(size: number, rng: Rng): Float32Array {
  const v = Float64Array.from({ length: size }, () => rng.normal());
  const norm = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / norm);
}

/** A coder for the dictionary w [n, atoms] (row-major; copied into the engine). */
export function createSparseCoder(
  w: Float32Array,
  n: number,
  atoms: number,
  options: SparseCoderOptions,
  engine: EngineFactory = tfjsEngine,
): SparseCoder {
  checkLambda(options.lambda);
  if (!Number.isInteger(atoms) || atoms < 1) throw new Error('the dictionary has no atoms');
  if (w.length !== n * atoms)
    throw new Error(`expected a dictionary of ${n}×${atoms} values, got ${w.length}`);
  if (!w.some((v) => v !== 0)) throw new Error('the dictionary is zero (L = 0)');
  const { tolerance = 1e-6, maxIterations = 1000 } = options.powerIteration ?? {};
  const nonNegative = options.nonNegative ?? false;
  const runner = engine({
    W: { shape: [n, atoms], data: w.slice() },
    v: { shape: [atoms, 1], data: randomUnitVector(atoms, options.rng) },
  });
  const power = programCache((count: number) => powerProgram(n, atoms, count));
  const shape = (batch: number) => ({ n, atoms, batch, nonNegative });
  const learn = programCache((batch: number, k: number) => learnProgram(shape(batch), k, POWER_IN_STEP));
  const solver = programCache(
    (method: ShrinkageMethod, batch: number, chunk: number, energy: number, error: number, stats: number) =>
      solveProgram(method, shape(batch), chunk, { energy: !!energy, error: !!error, stats: !!stats }),
  );
  let known: number | null = null; // L of the current W

  async function lipschitz(): Promise<number> {
    if (known !== null) return known;
    let previous = Number.NaN;
    let value = 0;
    for (let done = 0; done < maxIterations;) {
      const count = Math.min(POWER_RUN, maxIterations - done);
      value = ((await runner.run(power(count), {})).lipschitz as Float32Array)[0] as number;
      done += count;
      if (Math.abs(value - previous) <= tolerance * Math.abs(value)) break;
      previous = value;
    }
    if (!(value > 0)) throw new Error('the dictionary is zero (L = 0)');
    known = value;
    return value;
  }

  const batchOf = (y: Float32Array): number => {
    if (y.length === 0 || y.length % n !== 0)
      throw new Error(`expected samples of size ${n}, got ${y.length} values`);
    return y.length / n;
  };

  return {
    inputDim: n,
    atoms,
    lambda: options.lambda,
    nonNegative,
    engine: runner.description,
    lipschitz,
    async solve(y, solve) {
      const { method, iterations, recordEnergy = false, target, initialCodes, stats = false } = solve;
      const lambda = solve.lambda ?? options.lambda;
      checkLambda(lambda);
      const batch = batchOf(y);
      const size = batch * atoms;
      for (const [name, a] of [
        ['target', target],
        ['initial codes', initialCodes],
      ] as const) {
        if (a && a.length !== size)
          throw new Error(`${name}: expected ${batch}×${atoms} values, got ${a.length}`);
      }
      if (!Number.isInteger(iterations) || iterations < 0)
        throw new Error(`iterations must be a whole number ≥ 0, got ${iterations}`);
      const L = await lipschitz();
      let z: Float32Array = initialCodes ? initialCodes.slice() : new Float32Array(size);
      let x: Float32Array = z;
      const energies: number[] = [];
      const errors: number[] = [];
      let last: Fetched = {};
      // At least one chunk (of zero iterations when asked for none) gives the traces and stats of z₀.
      for (let done = 0; done < iterations || done === 0;) {
        const chunk = Math.min(CHUNK, iterations - done);
        const lastChunk = done + chunk === iterations;
        const kind = chunk === 0 ? 'ista' : method; // no iteration, no momentum
        const program = solver(kind, batch, chunk, +recordEnergy, +!!target, +(stats && lastChunk));
        last = await runner.run(program, {
          y,
          'from.z': z,
          lambda: Float32Array.of(lambda),
          lipschitz: Float32Array.of(L),
          ...(kind === 'fista'
            ? { 'from.x': x, momentum: Float32Array.from(fistaMomentum(chunk, done)) }
            : {}),
          ...(target ? { target } : {}),
        });
        const skip = done === 0 ? 0 : 1; // z of a later chunk was the last iterate of the one before
        if (last.energies) energies.push(...last.energies.subarray(skip));
        if (last.errors) errors.push(...last.errors.subarray(skip));
        z = last.z as Float32Array;
        x = last.x ?? z;
        done += chunk;
        if (chunk === 0) break;
      }
      const value = (name: string): number => last[name]?.[0] ?? Number.NaN;
      return {
        codes: z,
        energies: recordEnergy ? Float32Array.from(energies) : null,
        codeErrors: target ? Float32Array.from(errors) : null,
        stats: stats
          ? {
              reconstruction: value('recon'),
              l1: value('l1'),
              zeros: value('zeros'),
              usage: last.usage as Float32Array,
            }
          : null,
      };
    },
    async learn(y, lambda, learningRate, iterations) {
      checkLambda(lambda);
      const out = await runner.run(learn(batchOf(y), iterations), {
        y,
        lambda: Float32Array.of(lambda),
        lr: Float32Array.of(learningRate),
      });
      known = null;
      const value = (name: string): number => out[name]?.[0] ?? Number.NaN;
      return {
        energy: value('energy'),
        reconstruction: value('recon'),
        sparsity: value('sparsity'),
        lipschitz: value('lipschitz'),
      };
    },
    dictionary: () => runner.read('W'),
    dispose: () => runner.dispose(),
  };
}
