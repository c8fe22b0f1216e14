/**
 * A sparse coder: a dictionary W [n, atoms] with its precomputed shrinkage operator
 * (G = WᵀW, L = λ_max(G) by power iteration, S = I − G/L; iterative-shrinkage.ts), ready to
 * infer the codes of many batches by ISTA or FISTA. Build one per dictionary; rebuild (or
 * use dictionary learning's own) when W changes. λ may change without rebuilding.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';
import {
  solveLasso,
  type ShrinkageOperator,
  type SolveOptions,
  type SolveResult,
} from './iterative-shrinkage.js';
import { largestEigenpair, randomUnitVector, type PowerIterationOptions } from './power-iteration.js';

export interface SparseCoderOptions {
  /** λ > 0, the weight of ‖z‖₁. */
  readonly lambda: number;
  /** L, when known; otherwise found by power iteration from a start drawn from `rng`. */
  readonly lipschitz?: number;
  readonly rng?: Rng;
  readonly powerIteration?: PowerIterationOptions;
}

export interface SparseCoder {
  /** The dictionary [n, atoms] (borrowed: the caller keeps and disposes it). */
  readonly dictionary: tf.Tensor2D;
  readonly lambda: number;
  /** L = λ_max(WᵀW). */
  readonly lipschitz: number;
  /** G = WᵀW [atoms, atoms]. */
  readonly gram: tf.Tensor2D;
  /** Codes of y [batch, n] by ISTA or FISTA; `lambda` overrides the coder's λ for this call. */
  solve(y: tf.Tensor2D, options: SolveOptions & { readonly lambda?: number }): SolveResult;
  dispose(): void;
}

export function checkLambda(lambda: number): void {
  if (!(lambda > 0) || !Number.isFinite(lambda))
    throw new Error(`λ must be a positive number, got ${lambda}`);
}

export function createSparseCoder(w: tf.Tensor2D, options: SparseCoderOptions): SparseCoder {
  checkLambda(options.lambda);
  const [, atoms] = w.shape;
  if (atoms < 1) throw new Error('the dictionary has no atoms');
  const gram = tf.tidy(() => tf.matMul(tf.transpose(w), w) as tf.Tensor2D); // G = WᵀW [atoms, atoms]
  let lipschitz = options.lipschitz;
  if (lipschitz === undefined) {
    if (!options.rng)
      throw new Error('createSparseCoder: pass either lipschitz or an rng for power iteration');
    const start = randomUnitVector(atoms, options.rng);
    const pair = largestEigenpair(gram, start, options.powerIteration);
    lipschitz = pair.value;
    tf.dispose([start, pair.vector]);
  }
  if (!(lipschitz > 0)) throw new Error('the dictionary is zero (L = 0)');
  const L = lipschitz;
  const step = tf.tidy(() => tf.sub(tf.eye(atoms), tf.div(gram, L)) as tf.Tensor2D); // S = I − G/L
  const operator = (lambda: number): ShrinkageOperator => ({ gram, step, lambda, lipschitz: L });

  return {
    dictionary: w,
    lambda: options.lambda,
    lipschitz: L,
    gram,
    solve(y, solveOptions) {
      const lambda = solveOptions.lambda ?? options.lambda;
      checkLambda(lambda);
      if (y.shape[1] !== w.shape[0]) {
        throw new Error(`expected samples of size ${w.shape[0]}, got [${y.shape.join(', ')}]`);
      }
      return solveLasso(operator(lambda), w, y, solveOptions);
    },
    dispose() {
      tf.dispose([gram, step]);
    },
  };
}
