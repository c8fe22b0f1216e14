/**
 * The VAE lab's configuration (the course's 11-VAE notebook):
 *   encoder 784 → h → 2d (μ and log σ²), decoder d → h → 784 with a sigmoid,
 *   z = μ + ε·σ, loss = BCE (summed over pixels) + β·KL, Adam.
 * The same network with a deterministic code and no KL term is the classic autoencoder.
 * A β = 0 twin (same data, seed and settings, β = 0) can train beside a VAE to show what the KL
 * term does: without it the posterior bubbles shrink and fly apart (08-3).
 */
import { adamLearningRate, booleanError, openConfig, pickFields, quotedChoiceError } from '../fields.js';
import type { NumberField, Validation } from '../fields.js';
import type { Said } from '../texts.js';
import { sayVae } from './texts.js';
import {
  checkBatchAgainstData,
  EMBEDDED_DIGITS,
  parseDataSource,
  trainSplitSize,
  type DataSource,
} from '../digits.js';

export type VaeVariant = 'vae' | 'ae';

export interface VaeConfig {
  /** 'vae': stochastic code and KL term; 'ae': the classic autoencoder (z = μ, no KL). */
  readonly variant: VaeVariant;
  /** Latent size d. 2 suits dragging; the course uses 20. */
  readonly latentDim: number;
  /** Hidden layer width h (the course: 400). */
  readonly hiddenDim: number;
  /** Samples per optimisation step. */
  readonly batchSize: number;
  /** Adam's learning rate; may be changed while the run trains. */
  readonly learningRate: number;
  /** Passes over the training set. */
  readonly epochs: number;
  /** Weight of the KL term (β-VAE); may be changed while the run trains. */
  readonly beta: number;
  /** Seed of every random choice (initialisation, shuffling, ε); reproduces the curves. */
  readonly seed: number;
  /** Fraction of the data held out as the test set (when no test files are given). */
  readonly testFraction: number;
  readonly data: DataSource;
  /**
   * One of a pair started together to compare β: this run and a twin with the same settings
   * and β = 0 (false: a run on its own). Each run of the pair trains alone; the flag lets the
   * page show them side by side again when either is reopened.
   */
  readonly betaZeroTwin: boolean;
}

type NumericKey = Exclude<keyof VaeConfig, 'variant' | 'data' | 'betaZeroTwin'>;

export const vaeFields: Readonly<Record<NumericKey, NumberField>> = {
  latentDim: {
    kind: 'int',
    label: 'latent size d',
    help: 'Dimensions of z; 2 lets you drag points in the latent plane.',
    min: 1,
    max: 64,
  },
  hiddenDim: {
    kind: 'int',
    label: 'hidden width h',
    help: 'Units in the hidden layer of encoder and decoder.',
    min: 8,
    max: 2048,
  },
  batchSize: {
    kind: 'int',
    label: 'batch size',
    help: 'Digits per Adam step.',
    min: 1,
    max: 60000,
  },
  learningRate: adamLearningRate,
  epochs: { kind: 'int', label: 'epochs', help: 'Passes over the training set.', min: 1, max: 1000 },
  beta: {
    kind: 'float',
    label: 'β (KL weight)',
    help: 'β = 1 is the VAE; larger pulls codes towards N(0, I); change it live.',
    min: 0,
    max: 100,
  },
  seed: {
    kind: 'int',
    label: 'seed',
    help: 'Same seed, same initialisation, batches and curves.',
    min: 0,
    max: 4294967295,
  },
  testFraction: {
    kind: 'float',
    label: 'test fraction',
    help: 'Share of the digits held out to measure test loss.',
    min: 0.01,
    max: 0.5,
  },
};

/** A default that suits dragging: a 2-D latent plane. */
export const defaultVaeConfig: VaeConfig = {
  variant: 'vae',
  latentDim: 2,
  hiddenDim: 400,
  batchSize: 128,
  learningRate: 1e-3,
  epochs: 20,
  beta: 1,
  seed: 1,
  testFraction: 0.1,
  data: { kind: 'embedded' },
  betaZeroTwin: false,
};

export const vaePresets = {
  /** Dragging-friendly: d = 2. */
  default: defaultVaeConfig,
  /** The course notebook: d = 20, h = 400, batch 256, lr 1e-3, 10 epochs, β = 1. */
  course: {
    ...defaultVaeConfig,
    latentDim: 20,
    hiddenDim: 400,
    batchSize: 256,
    learningRate: 1e-3,
    epochs: 10,
    beta: 1,
  },
  /** A tiny configuration for tests and smoke runs. */
  tiny: { ...defaultVaeConfig, hiddenDim: 32, batchSize: 64, epochs: 1 },
} as const satisfies Record<string, VaeConfig>;

export type VaePresetName = keyof typeof vaePresets;

/** The β = 0 run of a pair (protocol/vae/config.ts, betaZeroTwin). */
export const isBetaZeroTwin = (c: VaeConfig): boolean =>
  c.betaZeroTwin && c.variant === 'vae' && c.beta === 0;

/** A short slug for run ids, e.g. "vae-d2", "ae-d2", "vae-b0-d2" (the β = 0 twin). */
export const vaeSlug = (c: VaeConfig): string =>
  `${c.variant === 'ae' ? 'ae' : isBetaZeroTwin(c) ? 'vae-b0' : 'vae'}-d${c.latentDim}`;

/** The run's label in the runs list, e.g. "VAE · d = 2", "VAE β = 0 · d = 2". */
export const vaeLabel = (c: VaeConfig): Said =>
  sayVae('vaeLabel', {
    model: c.variant === 'ae' ? 'AE' : isBetaZeroTwin(c) ? 'VAE β = 0' : 'VAE',
    d: c.latentDim,
  });

export const describeVae = (c: VaeConfig): string => vaeLabel(c).message;

/** Live parameters a running VAE accepts, with their ranges (protocol/live-params.ts checks them). */
export const vaeLiveParams = pickFields(vaeFields, 'beta', 'learningRate');
export type VaeLiveParam = keyof typeof vaeLiveParams;

/**
 * Validates a VAE configuration from an untrusted source (the renderer, the CLI, a file).
 * Missing fields take their defaults; every wrong field is reported with its allowed range.
 */
export function parseVaeConfig(raw: unknown): Validation<VaeConfig> {
  const opened = openConfig('VAE configuration', vaeFields, raw, defaultVaeConfig);
  if (!opened.ok) return opened;
  const { input, errors, numbers } = opened;
  const variant = input.variant ?? defaultVaeConfig.variant;
  const variantError = quotedChoiceError('variant', ['vae', 'ae'], variant);
  if (variantError) errors.push(variantError);
  const twin = input.betaZeroTwin ?? defaultVaeConfig.betaZeroTwin;
  const twinError = booleanError('betaZeroTwin', twin);
  if (twinError) errors.push(twinError);
  const data = parseDataSource(input.data);
  if (!data.ok) errors.push(...data.errors);
  if (errors.length || !numbers || !data.ok) return { ok: false, errors };
  const config: VaeConfig = {
    ...numbers,
    variant: variant as VaeVariant,
    data: data.value,
    betaZeroTwin: twin === true,
  };
  if (config.data.kind === 'embedded') {
    const train = trainSplitSize(EMBEDDED_DIGITS, config.testFraction);
    const error = checkBatchAgainstData(config.batchSize, train);
    if (error) return { ok: false, errors: [error] };
  }
  return { ok: true, value: config };
}
