/** The sparse-coding lab's coded sentences (protocol/texts.ts): its config's errors, its run's sentences. */
import { speaker, type TextTable } from '../texts.js';

export const sparseTexts = {
  sparseDataObject: 'data must be an object with kind "mnist" or "patches".',
  sparseTheImages: 'the images',
  sparsePatchTooBig:
    'patch size p (patchSize) must be at most {max} pixels (the smallest side of {where}); got {got}.',
} as const satisfies TextTable;

export const saySparse = speaker(sparseTexts);
