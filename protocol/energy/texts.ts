/** The energy lab's coded sentences (protocol/texts.ts): the drawing pad's errors, the run's closing sentence. */
import { speaker, type TextTable } from '../texts.js';

export const energyTexts = {
  energyDrawAtLeast: 'Draw at least {min} points on the pad to train on your own data.',
  energyPairs: 'Points come as x, y pairs, but {count} coordinates were given.',
  energyTooFew: 'Draw at least {min} points to train on (got {count}).',
  energyTooMany: 'Draw at most {max} points (got {count}).',
  energyPointRange: 'Point {index} must have coordinates between −{limit} and {limit}; got {got}.',
  energyLabel: '{method} · {data}',
  energyMethodDae: 'Denoising AE',
  energyMethodCd: 'Contrastive divergence',
  energyMethodPcd: 'Persistent CD',
  energyMethodLatent: 'Latent-variable EBM',
  energyMethodConditional: 'Conditional latent EBM',
  energyDataMoons: 'moons',
  energyDataSpiral: 'spiral',
  energyDataRings: 'rings',
  energyDataGaussians: 'gaussians',
  energyDrawnPoints: '{count} drawn points',
  energyPauseFirst: 'Pause the run before stepping it.',
  energyExportFailed: 'Could not write the landscape exports: {error}.',
  energyKeptNone: 'with no checkpoint (this lab writes one only at the end or on Stop)',
  energyTip: 'Try a smaller learning rate or Langevin step, or a larger α.',
  energyDone: 'Trained {steps} steps in {seconds} s; mean energy of the data {data}{neg}.',
  energyDoneNeg: ', of the negatives {neg}',
} as const satisfies TextTable;

export const sayEnergy = speaker(energyTexts);
