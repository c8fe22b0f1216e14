/** The contrastive lab's coded sentences (protocol/texts.ts): its config's errors, its run's sentences. */
import { speaker, type TextTable } from '../texts.js';

export const contrastiveTexts = {
  contrastiveLabel: '{loss} · τ = {tau} · N = {n}{bank}',
  contrastiveLabelBank: ' · bank {size}',
  contrastiveAugmentObject: 'augment must be an object of switches.',
  contrastiveAugmentSwitch: 'augment.{name} must be {shape}.',
  contrastiveAugmentUnknown: 'augment has no {unknown}; the augmentations are {names}.',
  contrastiveBankTooBig:
    "PIRL's NCE draws its {bank} negatives from the bank entries of images outside the batch; {digits} training digits with batches of {batch} leave {others}. Lower the memory bank (memoryBankSize) to at most {others}.",
  contrastiveProbeIn: '; probe accuracies in {file}',
  contrastiveProbeFailed: 'Could not write the probe accuracies: {error}.',
  contrastiveNoProbe: 'no epoch finished, so no probe of the learned encoder',
  contrastiveSummary:
    'linear probe test accuracy {accuracy} % (random encoder {random} %, pixels {pixels} %)',
  contrastiveTip: 'Try a smaller learning rate or a larger τ.',
  contrastiveStopped: 'Stopped at step {step} of {steps}: {summary}{where}.',
  contrastiveDone: 'Trained {run} for {epochs} ({steps} steps, {seconds} s): {summary}{where}.',
  contrastivePhaseBaselines: 'measuring the baselines: linear probes on a random encoder and on raw pixels',
  contrastivePhaseBank:
    "filling PIRL's memory bank: the untrained encoder's embedding of each of {count} digits",
  contrastivePhaseAugment: 'augmenting the first batches (two random views of each digit)',
  contrastivePhaseProbe: 'linear probe of the encoder after epoch {epoch}',
} as const satisfies TextTable;

export const sayContrastive = speaker(contrastiveTexts);
