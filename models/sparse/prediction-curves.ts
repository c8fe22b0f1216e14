/**
 * The figure of Gregor & LeCun (2010): code prediction error ½‖z_k − z*‖² (batch mean)
 * against the number of iterations k for ISTA, FISTA and a trained LISTA, on samples whose
 * optimal codes z* are known, and the equivalence it shows: "LISTA with K steps reaches the
 * error FISTA reaches after m iterations", m = min{k : FISTA_k ≤ LISTA_K}.
 */
import type { Lista } from './lista.js';
import type { SparseCoder } from './sparse-coder.js';

export interface PredictionErrorCurves {
  /** ISTA's error after k = 0..N iterations. */
  readonly ista: Float32Array;
  /** FISTA's error after k = 0..N iterations. */
  readonly fista: Float32Array;
  /** LISTA's error after k = 0..K of its unrolled steps (trained for the last one). */
  readonly lista: Float32Array;
  /** K. */
  readonly listaSteps: number;
  /** Iterations FISTA needs to reach LISTA's error at K; null if more than N. */
  readonly fistaEquivalent: number | null;
  /** Iterations ISTA needs to reach LISTA's error at K; null if more than N. */
  readonly istaEquivalent: number | null;
}

/** The first k with errors[k] ≤ reached, or null if none. */
export function equivalentIterations(errors: ArrayLike<number>, reached: number): number | null {
  for (let k = 0; k < errors.length; k++) if ((errors[k] as number) <= reached) return k;
  return null;
}

/**
 * Curves on samples y [batch, n] with optimal codes target [batch, atoms] (row-major), ISTA and
 * FISTA run for N iterations at λ.
 */
export async function predictionErrorCurves(
  coder: SparseCoder,
  lista: Lista,
  y: Float32Array,
  target: Float32Array,
  iterations: number,
  lambda = coder.lambda,
): Promise<PredictionErrorCurves> {
  const run = async (method: 'ista' | 'fista') =>
    (await coder.solve(y, { method, iterations, target, lambda })).codeErrors as Float32Array;
  const ista = await run('ista');
  const fista = await run('fista');
  const listaErrors = await lista.codeErrors(y, target);
  const K = lista.config.steps;
  const reached = listaErrors[K] as number;
  return {
    ista,
    fista,
    lista: listaErrors,
    listaSteps: K,
    fistaEquivalent: equivalentIterations(fista, reached),
    istaEquivalent: equivalentIterations(ista, reached),
  };
}

/** "LISTA with K = 3 reaches the error FISTA reaches after 25 iterations" (or "… more than N"). */
export function equivalenceSentence(curves: PredictionErrorCurves): string {
  const { listaSteps, fistaEquivalent, fista } = curves;
  const after =
    fistaEquivalent === null ? `more than ${fista.length - 1} iterations` : `${fistaEquivalent} iterations`;
  return `LISTA with K = ${listaSteps} reaches the error FISTA reaches after ${after}`;
}
