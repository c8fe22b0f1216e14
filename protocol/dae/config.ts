/**
 * The MNIST denoising autoencoder's configuration (issue 5; Vincent et al. 2008): digits are
 * corrupted (Gaussian noise of standard deviation `strength`, or masking: each pixel set to 0
 * with probability `strength`), a 784 → h → 784 network with a sigmoid output learns to give
 * the clean digit back, loss = Σ pixels (g(x̃) − x)² per digit, averaged over the batch; its
 * reconstruction energy is ‖x − g(x)‖².
 */
import { adamLearningRate, choiceError, openConfig, pickFields } from '../fields.js';
import type { NumberField, Validation } from '../fields.js';
import type { Said } from '../texts.js';
import { sayDenoiser } from './texts.js';

export const noiseKinds = ['gaussian', 'mask'] as const;
export type NoiseKind = (typeof noiseKinds)[number];

export interface DenoiserConfig {
  /** 'gaussian': x + strength·ε; 'mask': each pixel zeroed with probability strength. */
  readonly noise: NoiseKind;
  /** σ of the Gaussian noise, or the masking probability; live. */
  readonly strength: number;
  /** Hidden width h. */
  readonly hiddenDim: number;
  readonly batchSize: number;
  /** Adam's learning rate; live. */
  readonly learningRate: number;
  readonly epochs: number;
  readonly seed: number;
}

type NumericKey = Exclude<keyof DenoiserConfig, 'noise'>;

export const denoiserFields: Readonly<Record<NumericKey, NumberField>> = {
  strength: {
    kind: 'float',
    label: 'noise strength',
    help: 'Gaussian: σ of the added noise; mask: share of pixels zeroed; live.',
    min: 0,
    max: 1,
  },
  hiddenDim: { kind: 'int', label: 'hidden width h', help: 'Units in the hidden layer.', min: 8, max: 2048 },
  batchSize: { kind: 'int', label: 'batch size', help: 'Digits per Adam step.', min: 1, max: 9000 },
  learningRate: adamLearningRate,
  epochs: { kind: 'int', label: 'epochs', help: 'Passes over the training digits.', min: 1, max: 1000 },
  seed: {
    kind: 'int',
    label: 'seed',
    help: 'Same seed, same initialisation, batches and noise.',
    min: 0,
    max: 4294967295,
  },
};

export const defaultDenoiserConfig: DenoiserConfig = {
  noise: 'gaussian',
  strength: 0.5,
  hiddenDim: 256,
  batchSize: 128,
  learningRate: 1e-3,
  epochs: 5,
  seed: 1,
};

/** Parameters a running MNIST denoiser accepts through set-param, with their ranges (protocol/live-params.ts). */
export const denoiserLiveParams = pickFields(denoiserFields, 'strength', 'learningRate');

export function parseDenoiserConfig(raw: unknown): Validation<DenoiserConfig> {
  const opened = openConfig(
    'denoising-autoencoder configuration',
    denoiserFields,
    raw,
    defaultDenoiserConfig,
  );
  if (!opened.ok) return opened;
  const { input, errors, numbers } = opened;
  const noise = input.noise ?? defaultDenoiserConfig.noise;
  const noiseError = choiceError('noise', noiseKinds, noise);
  if (noiseError) errors.push(noiseError);
  if (errors.length || !numbers) return { ok: false, errors };
  return { ok: true, value: { ...numbers, noise: noise as NoiseKind } };
}

/** Run-id slug, e.g. "dae-gaussian-h256". */
export const denoiserSlug = (c: DenoiserConfig): string => `dae-${c.noise}-h${c.hiddenDim}`;

/** Run-list label, e.g. "Denoising AE · gaussian 0.5". */
export const denoiserLabel = (c: DenoiserConfig): Said =>
  sayDenoiser('daeLabel', {
    noise: sayDenoiser(c.noise === 'mask' ? 'daeNoiseMask' : 'daeNoiseGaussian'),
    strength: c.strength,
  });

export const describeDenoiser = (c: DenoiserConfig): string => denoiserLabel(c).message;
