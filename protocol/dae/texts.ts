/** The denoising lab's coded sentences (protocol/texts.ts): its run's closing sentence. */
import { speaker, type TextTable } from '../texts.js';

export const denoiserTexts = {
  daeLabel: 'Denoising AE · {noise} {strength}',
  daeNoiseGaussian: 'gaussian',
  daeNoiseMask: 'mask',
  daeDone: 'Trained {epochs} ({steps} steps); test loss {loss} per digit.',
} as const satisfies TextTable;

export const sayDenoiser = speaker(denoiserTexts);
