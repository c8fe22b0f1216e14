/**
 * The convolutional sparse-coding lab's configuration (issue 4; Kavukcuoglu, Sermanet,
 * Boureau, Gregor, Mathieu & LeCun 2010): Y = Σᵢ Kᵢ ∗ Zᵢ learned by a convolutional sparse
 * auto-encoder (or PSD with FISTA), one model of n kernels ('single') or the lecture's sweep
 * n = 1, 2, 4 … up to `kernels`, one small model after another ('sweep').
 * The ranges of the model's own settings come from models/conv/config.ts.
 */
import {
  inferenceStepsRange,
  kernelCounts,
  kernelSizeRange,
  lambdaRange,
  learningRateRange,
  predictionWeightRange,
  type ConvNonlinearity,
  type ConvOptimizer,
  type ConvVariant,
  type KernelCount,
} from '../../models/conv/config.js';
import {
  fieldError,
  invalid,
  isRecord,
  listChoice,
  openConfig,
  pickFields,
  quotedChoiceError,
} from '../fields.js';
import { sayShared, type Said } from '../texts.js';
import { sayConv } from './texts.js';
import type { FieldError, NumberField, Validation } from '../fields.js';

export type ConvMode = 'single' | 'sweep';
/** 'textured-leaves': dead leaves whose discs carry a grating (the default); 'dead-leaves': flat discs. */
export type ConvImageSource = 'dead-leaves' | 'textured-leaves' | 'folder' | 'mnist';
/**
 * 'lcn': local contrast normalisation (Jarrett et al. 2009; the default); 'whiten':
 * Olshausen & Field's R(f) on whole images (edges become thin lines, flat areas vanish), then
 * local contrast normalisation; 'none': zero mean, unit standard deviation.
 */
export type ConvPreprocessing = 'whiten' | 'lcn' | 'none';

export interface ConvData {
  readonly source: ConvImageSource;
  /** For source 'folder': a folder of PNG/JPEG photos on the host (read only). */
  readonly folder?: string;
  readonly preprocessing: ConvPreprocessing;
}

export interface ConvLabConfig {
  /** 'single': one model of `kernels` kernels; 'sweep': n = 1, 2, 4 … `kernels`, in sequence. */
  readonly mode: ConvMode;
  /** n (single) or the largest n of the sweep: one of 1, 2, 4, 8, 16, 32, 64. */
  readonly kernels: KernelCount;
  /** k: kernels are k×k (odd). */
  readonly kernelSize: number;
  /** λ, the weight of ‖Z‖₁; change it live. */
  readonly lambda: number;
  /** The optimizer's step size; change it live. */
  readonly learningRate: number;
  /** 'adam' or 'sgd' (normalised gradient steps; models/conv/config.ts says when each suits). */
  readonly optimizer: ConvOptimizer;
  /** Training steps per model (a sweep trains one model per n). */
  readonly steps: number;
  /** Images per step. */
  readonly batchSize: number;
  /** Side of the square crops the model trains on (MNIST digits are 28×28). */
  readonly imageSize: number;
  readonly variant: ConvVariant;
  readonly nonlinearity: ConvNonlinearity;
  /** α, the weight of the prediction term (PSD). */
  readonly predictionWeight: number;
  /** FISTA iterations for the optimal code Z* (PSD). */
  readonly inferenceSteps: number;
  readonly seed: number;
  readonly data: ConvData;
}

type NumericKey = Exclude<keyof ConvLabConfig, 'mode' | 'variant' | 'nonlinearity' | 'optimizer' | 'data'>;

/** (Textured) dead-leaves images the lab generates are this many pixels square; MNIST digits are 28. */
export const CONV_DEAD_LEAVES_SIZE = 128;
export const MNIST_SIDE = 28;

export const convFields: Readonly<Record<NumericKey, NumberField>> = {
  kernels: {
    kind: 'int',
    label: 'kernels n',
    help: 'Feature maps Zᵢ (1, 2, 4 … 64); in a sweep, the largest n.',
    min: kernelCounts[0],
    max: kernelCounts[kernelCounts.length - 1] as number,
  },
  kernelSize: {
    kind: 'int',
    label: 'kernel size k',
    help: 'Kernels are k×k (odd); the lecture uses 9.',
    min: kernelSizeRange.min,
    max: kernelSizeRange.max,
  },
  lambda: {
    kind: 'float',
    label: 'λ (sparsity)',
    help: 'Weight of ‖Z‖₁ per image: larger gives sparser maps; change it live.',
    min: lambdaRange.min,
    max: lambdaRange.max,
  },
  learningRate: {
    kind: 'float',
    label: 'learning rate',
    help: "The optimizer's step size (Adam ≈ 0.02, normalised SGD ≈ 0.005); change it live.",
    min: learningRateRange.min,
    max: learningRateRange.max,
    minExclusive: true,
  },
  steps: {
    kind: 'int',
    label: 'steps per model',
    help: 'Training steps for each model (a sweep trains one model per n).',
    min: 1,
    max: 100000,
  },
  batchSize: { kind: 'int', label: 'batch size', help: 'Image crops per training step.', min: 1, max: 256 },
  imageSize: {
    kind: 'int',
    label: 'image size',
    help: 'Side of the square crops; kernels slide over them (MNIST: at most 28).',
    min: 4,
    max: 256,
  },
  predictionWeight: {
    kind: 'float',
    label: 'prediction weight α',
    help: "PSD only: weight of ‖Z* − Enc(y)‖², the encoder's prediction error.",
    min: predictionWeightRange.min,
    max: predictionWeightRange.max,
  },
  inferenceSteps: {
    kind: 'int',
    label: 'FISTA iterations',
    help: 'PSD only: iterations to find the optimal code Z*.',
    min: inferenceStepsRange.min,
    max: inferenceStepsRange.max,
  },
  seed: {
    kind: 'int',
    label: 'seed',
    help: 'Same seed, same images, kernels and curves.',
    min: 0,
    max: 4294967295,
  },
};

/**
 * The lecture's sweep (issue 4) with the model the lecture describes: a convolutional sparse
 * auto-encoder (conv, tanh, per-map gain; squared error + λ‖Z‖₁), 9×9 kernels, λ = 1, trained
 * by normalised gradient descent (models/conv/config.ts; η = 0.005, 2,000 steps of 32 crops
 * per model) on locally contrast-normalised 32×32 crops of textured leaves (dead leaves whose
 * discs carry a grating, models/images/textured-leaves.ts). Its picture: a centre-surround at
 * n = 1, two bars at 2, oriented bars at 4 and 8, more orientations beside a few centre-surrounds
 * at 16, gratings of many orientations and frequencies at 32 and 64 (about 23 minutes on a
 * 2-core machine, wasm). With Adam the one-kernel model learns a noisy blob (Adam moves every
 * weight at the same pace, filling a kernel's quiet rim with noise); with PSD (FISTA codes) it
 * learns a corner, since FISTA can place many spikes along an edge of any orientation (preset
 * 'psd' keeps that sweep: sharp edges and gratings from n = 2 on). On flat dead leaves the
 * sweep gives no gratings, since nothing in those images is periodic.
 */
export const defaultConvLabConfig: ConvLabConfig = {
  mode: 'sweep',
  kernels: 64,
  kernelSize: 9,
  lambda: 1,
  learningRate: 0.005,
  optimizer: 'sgd',
  steps: 2000,
  batchSize: 32,
  imageSize: 32,
  variant: 'autoencoder',
  nonlinearity: 'tanh',
  predictionWeight: 1,
  inferenceSteps: 20,
  seed: 1,
  data: { source: 'textured-leaves', preprocessing: 'lcn' },
};

export const convPresets = {
  /** The lecture's figure: one model per n = 1 … 64 (see defaultConvLabConfig). */
  sweep: defaultConvLabConfig,
  /** One model of 16 kernels, to watch live. */
  single: { ...defaultConvLabConfig, mode: 'single', kernels: 16 },
  /**
   * The lecture's one-filter result alone (about 45 s): one kernel learns a centre-surround.
   * The auto-encoder's code is one filter's response, so to answer edges of every orientation
   * that filter turns isotropic.
   */
  centre: { ...defaultConvLabConfig, mode: 'single', kernels: 1, steps: 3000 },
  /**
   * The sweep with predictive sparse decomposition and Adam (about 15–17 minutes): sharp edges
   * in both polarities, eight orientations at n = 8 and gratings from 16 on, but a blob beside an
   * edge at n = 1.
   */
  psd: {
    ...defaultConvLabConfig,
    variant: 'psd',
    nonlinearity: 'shrink',
    optimizer: 'adam',
    lambda: 1.5,
    learningRate: 0.02,
    steps: 600,
    batchSize: 8,
  },
  /** A tiny configuration for tests and smoke runs. */
  tiny: {
    ...defaultConvLabConfig,
    variant: 'autoencoder',
    kernels: 4,
    kernelSize: 5,
    steps: 3,
    batchSize: 2,
    imageSize: 16,
  },
} as const satisfies Record<string, ConvLabConfig>;

export type ConvPresetName = keyof typeof convPresets;

/** The kernel counts a run trains, in order: [n] or 1, 2, 4 … n. */
export function convKernelCounts(config: Pick<ConvLabConfig, 'mode' | 'kernels'>): KernelCount[] {
  if (config.mode === 'single') return [config.kernels];
  return kernelCounts.filter((n) => n <= config.kernels);
}

export const convSlug = (c: ConvLabConfig): string =>
  c.mode === 'sweep' ? `conv-sweep-${c.kernels}` : `conv-n${c.kernels}`;

export function convLabel(c: ConvLabConfig): Said {
  const what = c.mode === 'sweep' ? sayConv('convLabelSweep', { n: c.kernels }) : `n = ${c.kernels}`;
  return sayConv('convLabel', { what, k: c.kernelSize, lambda: c.lambda });
}

export const describeConv = (c: ConvLabConfig): string => convLabel(c).message;

/** Live parameters a running convolutional sparse-coding run accepts, with their ranges (protocol/live-params.ts). */
export const convLiveParams = pickFields(convFields, 'lambda', 'learningRate');

const sources: readonly ConvImageSource[] = ['dead-leaves', 'textured-leaves', 'folder', 'mnist'];
const preprocessings: readonly ConvPreprocessing[] = ['whiten', 'lcn', 'none'];

function parseConvData(input: unknown): Validation<ConvData> {
  if (input === undefined) return { ok: true, value: defaultConvLabConfig.data };
  const bad = (said: Said) => invalid('data', said);
  if (!isRecord(input)) return bad(sayConv('convDataObject'));
  const source = input.source ?? defaultConvLabConfig.data.source;
  if (!sources.includes(source as ConvImageSource)) return bad(listChoice('data.source', sources, source));
  const preprocessing = input.preprocessing ?? 'lcn';
  if (!preprocessings.includes(preprocessing as ConvPreprocessing))
    return bad(listChoice('data.preprocessing', preprocessings, preprocessing));
  const base = { source: source as ConvImageSource, preprocessing: preprocessing as ConvPreprocessing };
  if (source !== 'folder') return { ok: true, value: base };
  const folder = input.folder;
  if (typeof folder !== 'string' || folder.trim() === '') return bad(sayShared('dataFolder'));
  return { ok: true, value: { ...base, folder } };
}

/**
 * Sizes that clash: a kernel larger than the crops, crops larger than the images. `imageSide`
 * is the smallest side of the images (known for dead-leaves and MNIST at once, for a folder
 * once it is read); `where` names the images.
 */
export function checkConvSizes(
  config: Pick<ConvLabConfig, 'kernelSize' | 'imageSize'>,
  imageSide: number,
  where: Said,
): FieldError | null {
  const { kernelSize: k, imageSize: s } = config;
  if (k > s) return fieldError('kernelSize', sayConv('convKernelTooBig', { k, s }));
  if (s > imageSide)
    return fieldError('imageSize', sayConv('convCropsTooBig', { s, where, side: imageSide }));
  return null;
}

/**
 * Validates a convolutional sparse-coding configuration from an untrusted source (renderer,
 * CLI, a file). Missing fields take their defaults (in a sweep, kernels defaults to 64); every
 * wrong field is reported with its allowed range.
 */
export function parseConvConfig(raw: unknown): Validation<ConvLabConfig> {
  const defaultsFor = (input: Readonly<Record<string, unknown>>) => ({
    ...defaultConvLabConfig,
    kernels: (input.mode ?? defaultConvLabConfig.mode) === 'single' ? 16 : 64,
  });
  const opened = openConfig('convolutional sparse-coding configuration', convFields, raw, defaultsFor);
  if (!opened.ok) return opened;
  const { input, errors, numbers } = opened;
  const mode = input.mode ?? defaultConvLabConfig.mode;
  const defaults = defaultsFor(input);
  for (const e of [
    quotedChoiceError('mode', ['single', 'sweep'], mode),
    quotedChoiceError('variant', ['autoencoder', 'psd'], input.variant ?? defaults.variant),
    quotedChoiceError('nonlinearity', ['shrink', 'tanh'], input.nonlinearity ?? defaults.nonlinearity),
    quotedChoiceError('optimizer', ['adam', 'sgd'], input.optimizer ?? defaults.optimizer),
  ])
    if (e) errors.push(e);
  const data = parseConvData(input.data);
  if (!data.ok) errors.push(...data.errors);
  if (numbers) {
    const { kernels, kernelSize } = numbers;
    if (!(kernelCounts as readonly number[]).includes(kernels))
      errors.push(
        fieldError('kernels', sayConv('convKernelCount', { allowed: kernelCounts.join(', '), got: kernels })),
      );
    if (kernelSize % 2 === 0)
      errors.push(fieldError('kernelSize', sayConv('convKernelOdd', { got: kernelSize })));
  }
  if (errors.length || !numbers || !data.ok) return { ok: false, errors };
  const config: ConvLabConfig = {
    ...numbers,
    kernels: numbers.kernels as KernelCount,
    mode: mode as ConvMode,
    variant: (input.variant ?? defaults.variant) as ConvVariant,
    nonlinearity: (input.nonlinearity ?? defaults.nonlinearity) as ConvNonlinearity,
    optimizer: (input.optimizer ?? defaults.optimizer) as ConvOptimizer,
    data: data.value,
  };
  const known =
    config.data.source === 'mnist'
      ? { side: MNIST_SIDE, where: sayConv('convTheMnist') }
      : config.data.source === 'dead-leaves'
        ? { side: CONV_DEAD_LEAVES_SIZE, where: sayConv('convTheDeadLeaves') }
        : config.data.source === 'textured-leaves'
          ? { side: CONV_DEAD_LEAVES_SIZE, where: sayConv('convTheTextured') }
          : { side: Infinity, where: sayConv('convThePhotos') };
  const sizes = checkConvSizes(config, known.side, known.where);
  if (sizes) return { ok: false, errors: [sizes] };
  return { ok: true, value: config };
}
