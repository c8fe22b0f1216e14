/** The contrastive lab's coded sentences (protocol/texts.ts): its config's errors, its run's sentences. */
import { speaker, type TextTable } from '../texts.js';

export const contrastiveTexts = {
  contrastiveAugmentObject: 'augment must be an object of switches.',
  contrastiveAugmentSwitch: 'augment.{name} must be {shape}.',
  contrastiveAugmentUnknown: 'augment has no {unknown}; the augmentations are {names}.',
  contrastiveBankTooBig:
    "PIRL's NCE draws its {bank} negatives from the bank entries of images outside the batch; {digits} training digits with batches of {batch} leave {others}. Lower the memory bank (memoryBankSize) to at most {others}.",
} as const satisfies TextTable;

export const sayContrastive = speaker(contrastiveTexts);
