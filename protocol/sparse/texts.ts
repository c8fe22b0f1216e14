/** The sparse-coding lab's coded sentences (protocol/texts.ts): its config's errors, its run's sentences. */
import { speaker, type Said, type TextTable } from '../texts.js';

export const sparseTexts = {
  sparseLabel: '{lista}{atoms} atoms{codes} · {data}',
  sparseLabelLista: 'LISTA K = {k} · ',
  sparseLabelPatches: '{p}×{p} {source} patches',
  sparseLabelPhoto: 'photo',
  sparseLabelDeadLeaves: 'dead-leaves',
  sparseDataObject: 'data must be an object with kind "mnist" or "patches".',
  sparseTheImages: 'the images',
  sparsePatchTooBig:
    'patch size p (patchSize) must be at most {max} pixels (the smallest side of {where}); got {got}.',
  sparseExportFailed: 'Could not export the dictionary: {error}.',
  sparseDictionaryIn: '; the dictionary is in {files}',
  sparseDictionaryNotFinite: 'The dictionary became NaN or infinite',
  sparseEnergyBecame: 'The energy became {how}',
  sparseListaLossBecame: 'The LISTA loss became {how}',
  sparseListaErrorBecame: "LISTA's held-out error became {how}",
  sparseListaTip: 'Try a smaller LISTA learning rate.',
  sparseDone:
    'Learned {atoms} atoms in {epochs} ({steps} steps, {seconds} s); held-out energy {energy}, reconstruction {recon}, {zeros} % zeros{where}.{lista}',
  sparseListaClause: ' {sentence}.',
  sparseListaEquivalence: 'LISTA with K = {steps} reaches the error FISTA reaches after {after}',
  sparseIterations: '{count} iterations',
  sparseMoreIterations: 'more than {count} iterations',
} as const satisfies TextTable;

export const saySparse = speaker(sparseTexts);

/**
 * "LISTA with K = 3 reaches the error FISTA reaches after 25 iterations" (or "… more than N"):
 * `fistaEquivalent` null (or negative, as a view's info has it) when FISTA never gets there in
 * its `fistaIterations`.
 */
export function listaEquivalence(
  steps: number,
  fistaEquivalent: number | null,
  fistaIterations: number,
): Said {
  const after =
    fistaEquivalent === null || fistaEquivalent < 0
      ? saySparse('sparseMoreIterations', { count: fistaIterations })
      : saySparse('sparseIterations', { count: fistaEquivalent });
  return saySparse('sparseListaEquivalence', { steps, after });
}
