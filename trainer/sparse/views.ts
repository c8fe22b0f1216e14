/**
 * The heavy views of a sparse-coding run, as generic `arrays` events (protocol/messages.ts):
 *   'dictionary'  atoms [atoms, side, side] (columns of W as images) and usage [atoms] (the
 *                 share of the view samples whose code uses each atom); kept as snapshots;
 *   'sample'      one fixed sample: input [side, side], reconstruction Wz, code z [atoms];
 *   'convergence' ISTA vs FISTA on the view samples: F(z_k) − F* for k = 0..K, F* from a
 *                 long FISTA run (Beck & Teboulle 2009: O(1/k) vs O(1/k²));
 *   'lista'       code prediction error ½‖z_k − z*‖² vs k for ISTA, FISTA and LISTA
 *                 (Gregor & LeCun 2010) and the sentence of their equivalence.
 */
import type { Lista } from '../../models/sparse/lista.js';
import { equivalenceSentence, predictionErrorCurves } from '../../models/sparse/prediction-curves.js';
import type { SparseCoder } from '../../models/sparse/sparse-coder.js';
import { atomsOfDictionary } from '../../protocol/filter-picture.js';
import type { ArraysEvent } from '../../protocol/messages.js';

export interface ViewSamples {
  /** [count, n], row-major */
  readonly y: Float32Array;
  readonly side: number;
}

/** Iterations drawn in the ISTA vs FISTA chart, and of the reference run for F*. */
export const CONVERGENCE_ITERATIONS = 300;
const REFERENCE_ITERATIONS = 1500;

/** The dictionary view and the sample view from the current W and its coder. */
export async function dictionaryViews(
  runId: string,
  step: number,
  epoch: number,
  w: Float32Array,
  coder: SparseCoder,
  samples: ViewSamples,
  codeIterations: number,
  lambda: number,
  keep: boolean,
): Promise<ArraysEvent[]> {
  const { inputDim: n, atoms } = coder;
  const { side } = samples;
  const { codes, stats } = await coder.solve(samples.y, {
    method: 'fista',
    iterations: codeIterations,
    lambda,
    stats: true,
  });
  const usageValues = (stats as { usage: Float32Array }).usage;
  const code = codes.slice(0, atoms); // z of the first sample
  const input = samples.y.slice(0, n);
  const reconValues = new Float32Array(n); // Wz
  for (let j = 0; j < atoms; j++) {
    const c = code[j] as number;
    if (c !== 0)
      for (let i = 0; i < n; i++)
        reconValues[i] = (reconValues[i] as number) + (w[i * atoms + j] as number) * c;
  }
  const nonzero = code.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0);
  let residual = 0;
  let l1 = 0;
  for (let i = 0; i < n; i++) residual += ((input[i] as number) - (reconValues[i] as number)) ** 2;
  for (const v of code) l1 += Math.abs(v);
  return [
    {
      type: 'arrays',
      runId,
      view: 'dictionary',
      step,
      arrays: { atoms: atomsOfDictionary(w, n, atoms), usage: usageValues },
      shapes: { atoms: [atoms, side, side], usage: [atoms] },
      info: { epoch, lambda },
      keep,
    },
    {
      type: 'arrays',
      runId,
      view: 'sample',
      step,
      arrays: { input, reconstruction: reconValues, code },
      shapes: { input: [side, side], reconstruction: [side, side], code: [atoms] },
      info: {
        lambda,
        nonzero,
        energy: 0.5 * residual + lambda * l1,
        reconstruction: 0.5 * residual,
      },
    },
  ];
}

/** ISTA vs FISTA energy gaps on the view samples y [count, n]. */
export async function convergenceView(
  runId: string,
  step: number,
  coder: SparseCoder,
  y: Float32Array,
  lambda: number,
): Promise<ArraysEvent> {
  const run = (method: 'ista' | 'fista', iterations: number) =>
    coder.solve(y, { method, iterations, lambda, recordEnergy: true });
  const ista = await run('ista', CONVERGENCE_ITERATIONS);
  const fista = await run('fista', CONVERGENCE_ITERATIONS);
  const reference = await run('fista', REFERENCE_ITERATIONS);
  const energies = [ista.energies, fista.energies, reference.energies] as Float32Array[];
  const best = Math.min(...energies.map((e) => Math.min(...e)));
  const gap = (e: Float32Array) => Float32Array.from(e, (v) => Math.max(v - best, 0));
  return {
    type: 'arrays',
    runId,
    view: 'convergence',
    step,
    arrays: { ista: gap(energies[0]!), fista: gap(energies[1]!) },
    shapes: { ista: [CONVERGENCE_ITERATIONS + 1], fista: [CONVERGENCE_ITERATIONS + 1] },
    info: {
      optimum: best,
      lipschitz: await coder.lipschitz(),
      lambda,
      samples: y.length / coder.inputDim,
      referenceIterations: REFERENCE_ITERATIONS,
    },
  };
}

/** LISTA's figure on held-out samples with their optimal codes (row-major). */
export async function listaView(
  runId: string,
  step: number,
  coder: SparseCoder,
  lista: Lista,
  y: Float32Array,
  target: Float32Array,
  iterations: number,
  lambda: number,
): Promise<ArraysEvent> {
  const curves = await predictionErrorCurves(coder, lista, y, target, iterations, lambda);
  return {
    type: 'arrays',
    runId,
    view: 'lista',
    step,
    arrays: { ista: curves.ista, fista: curves.fista, lista: curves.lista },
    shapes: { ista: [curves.ista.length], fista: [curves.fista.length], lista: [curves.lista.length] },
    info: {
      steps: curves.listaSteps,
      fistaEquivalent: curves.fistaEquivalent ?? -1,
      istaEquivalent: curves.istaEquivalent ?? -1,
      sentence: equivalenceSentence(curves),
    },
  };
}
