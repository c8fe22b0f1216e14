/**
 * The contrastive-embedding lab's configuration (issue 6; SimCLR, Chen et al. 2020; PIRL,
 * Misra & van der Maaten 2020): two augmented views of each digit through a small convnet
 * and a projection head, cosine similarity divided by τ, then SimCLR's NT-Xent or InfoNCE with
 * the other images of the batch (and optionally a queue of past embeddings) as negatives, or
 * PIRL's NCE against a per-image memory bank; a linear probe on the frozen representation after
 * every epoch. The ranges are the models' (models/contrastive).
 */
import {
  augmentNames,
  augmentRanges,
  defaultAugmentConfig,
  type AugmentConfig,
  type AugmentName,
  type AugmentSwitch,
} from '../../models/contrastive/augment-config.js';
import {
  checkContrastiveConfig,
  contrastiveLosses,
  defaultContrastiveConfig,
  projectionHeadKinds,
  type ContrastiveConfig,
  type ContrastiveLoss,
  type ProjectionHeads,
} from '../../models/contrastive/config.js';
import {
  adamLearningRate,
  checkNumber,
  booleanError,
  choiceError,
  fieldError,
  invalid,
  isRecord,
  openConfig,
  pickFields,
} from '../fields.js';
import type { FieldError, NumberField, Validation } from '../fields.js';
import { saidAsIs, type Said } from '../texts.js';
import { sayContrastive } from './texts.js';

export interface ContrastiveLabConfig {
  /** The six augmentations that make the two views, each on or off with a strength. */
  readonly augment: AugmentConfig;
  /** τ: cosine similarities are divided by it before the softmax; change it live. */
  readonly temperature: number;
  /** Images per step: each has one positive and 2N − 2 (NT-Xent) or N − 1 (InfoNCE) negatives. */
  readonly batchSize: number;
  /**
   * NT-Xent and InfoNCE: past embeddings queued as extra negatives (MoCo), 0: the batch only;
   * PIRL's NCE: bank entries of other images drawn as negatives each step.
   */
  readonly memoryBankSize: number;
  readonly heads: ProjectionHeads;
  readonly loss: ContrastiveLoss;
  /** Adam's learning rate; change it live. */
  readonly learningRate: number;
  /** Epochs; the linear probe and the embedding map are computed after each. */
  readonly epochs: number;
  /** Steps per epoch; 0: one pass over the training digits. */
  readonly stepsPerEpoch: number;
  /** Training digits the linear probe is fitted on (its test accuracy is on the held-out split). */
  readonly probeDigits: number;
  /** Full-batch Adam steps of the linear probe. */
  readonly probeSteps: number;
  readonly conv1Channels: number;
  readonly conv2Channels: number;
  /** Size of the representation h the probe reads. */
  readonly representationDim: number;
  /** Size of the normalised embedding z the loss compares. */
  readonly projectionDim: number;
  /** Seed of every random choice (initialisation, batches, augmentations). */
  readonly seed: number;
}

type NumericKey = Exclude<keyof ContrastiveLabConfig, 'augment' | 'heads' | 'loss'>;

export const contrastiveFields: Readonly<Record<NumericKey, NumberField>> = {
  temperature: {
    kind: 'float',
    label: 'temperature τ',
    help: 'Similarities are divided by τ: small τ weighs the hardest negatives; change it live.',
    min: 0.01,
    max: 10,
  },
  batchSize: {
    kind: 'int',
    label: 'batch size N',
    help: 'Images per step; the other images of the batch are the negatives.',
    min: 2,
    max: 1024,
  },
  memoryBankSize: {
    kind: 'int',
    label: 'memory bank',
    help: 'Negatives from a memory bank: a queue of past embeddings (NT-Xent, InfoNCE; 0: the batch only), or entries of other images drawn per step (PIRL).',
    min: 0,
    max: 65536,
  },
  learningRate: adamLearningRate,
  epochs: {
    kind: 'int',
    label: 'epochs',
    help: 'The probe and the map are computed after each.',
    min: 1,
    max: 1000,
  },
  stepsPerEpoch: {
    kind: 'int',
    label: 'steps per epoch',
    help: '0: one pass over the training digits.',
    min: 0,
    max: 100000,
  },
  probeDigits: {
    kind: 'int',
    label: 'probe digits',
    help: 'Training digits the linear probe learns from (labels used only here).',
    min: 20,
    max: 60000,
  },
  probeSteps: {
    kind: 'int',
    label: 'probe steps',
    help: 'Adam steps of the logistic regression on frozen features.',
    min: 1,
    max: 5000,
  },
  conv1Channels: {
    kind: 'int',
    label: 'conv 1 channels',
    help: '3×3 stride-2 convolution, 28×28 → 14×14.',
    min: 1,
    max: 128,
  },
  conv2Channels: {
    kind: 'int',
    label: 'conv 2 channels',
    help: '3×3 stride-2 convolution, 14×14 → 7×7.',
    min: 1,
    max: 256,
  },
  representationDim: {
    kind: 'int',
    label: 'representation h',
    help: 'Size of the features the linear probe reads.',
    min: 2,
    max: 1024,
  },
  projectionDim: {
    kind: 'int',
    label: 'embedding z',
    help: 'Size of the L2-normalised embedding the loss compares.',
    min: 2,
    max: 512,
  },
  seed: {
    kind: 'int',
    label: 'seed',
    help: 'Same seed, same initialisation, batches, views and curves.',
    min: 0,
    max: 4294967295,
  },
};

/** Labels of the augmentations in the UI and in messages. */
export const augmentLabels: Readonly<Record<AugmentName, { label: string; help: string }>> = {
  rotation: { label: 'rotation', help: 'Turn by up to ± s degrees.' },
  scale: { label: 'scale', help: 'Zoom by a factor in [1 − s, 1 + s].' },
  translation: { label: 'translation', help: 'Shift by up to s pixels.' },
  crop: { label: 'crop', help: 'Keep a window of ≥ 1 − s of the area, resized.' },
  elastic: { label: 'elastic', help: 'Smooth random warp of s pixels RMS.' },
  noise: { label: 'noise', help: 'Add Gaussian noise of standard deviation s.' },
};

/** The field spec of an augmentation's strength (the models' range). */
export function augmentField(name: AugmentName): NumberField {
  const { min, max, unit } = augmentRanges[name];
  return {
    kind: 'float',
    label: `${augmentLabels[name].label} strength (${unit})`,
    help: augmentLabels[name].help,
    min,
    max,
  };
}

/** A small MNIST SimCLR: the models' defaults, batch 128, 10 epochs of one pass each. */
export const defaultContrastiveLabConfig: ContrastiveLabConfig = {
  augment: defaultAugmentConfig,
  temperature: defaultContrastiveConfig.temperature,
  batchSize: 128,
  memoryBankSize: defaultContrastiveConfig.memoryBankSize,
  heads: defaultContrastiveConfig.heads,
  loss: defaultContrastiveConfig.loss,
  learningRate: defaultContrastiveConfig.learningRate,
  epochs: 10,
  stepsPerEpoch: 0,
  probeDigits: 9000,
  probeSteps: 300,
  conv1Channels: defaultContrastiveConfig.conv1Channels,
  conv2Channels: defaultContrastiveConfig.conv2Channels,
  representationDim: defaultContrastiveConfig.representationDim,
  projectionDim: defaultContrastiveConfig.projectionDim,
  seed: 1,
};

export const contrastivePresets = {
  default: defaultContrastiveLabConfig,
  /** Short epochs of 40 steps: the map and the probe move every half minute or so. */
  quick: { ...defaultContrastiveLabConfig, batchSize: 64, stepsPerEpoch: 40, epochs: 8, probeDigits: 3000 },
  /** PIRL: NCE against a per-image memory bank (4,096 other images' entries per step), heads f and g. */
  pirl: { ...defaultContrastiveLabConfig, loss: 'pirl-nce', heads: 'separate', memoryBankSize: 4096 },
  /** Seconds: tests and smoke runs. */
  tiny: {
    ...defaultContrastiveLabConfig,
    batchSize: 16,
    epochs: 2,
    stepsPerEpoch: 3,
    probeDigits: 200,
    probeSteps: 20,
    conv1Channels: 4,
    conv2Channels: 8,
    representationDim: 16,
    projectionDim: 8,
  },
} as const satisfies Record<string, ContrastiveLabConfig>;

export type ContrastivePresetName = keyof typeof contrastivePresets;

/** Live parameters a running contrastive run accepts, with their ranges (protocol/live-params.ts). */
export const contrastiveLiveParams = pickFields(contrastiveFields, 'temperature', 'learningRate');

function parseChoice<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T | FieldError {
  if (value === undefined) return fallback;
  return choiceError(field, allowed, value) ?? (value as T);
}

function parseAugment(input: unknown): Validation<AugmentConfig> {
  if (input === undefined) return { ok: true, value: defaultAugmentConfig };
  if (!isRecord(input)) return invalid('augment', sayContrastive('contrastiveAugmentObject'));
  const errors: FieldError[] = [];
  const out = {} as Record<AugmentName, AugmentSwitch>;
  for (const name of augmentNames) {
    const raw = input[name] ?? defaultAugmentConfig[name];
    if (!isRecord(raw)) {
      errors.push(
        fieldError(
          `augment.${name}`,
          sayContrastive('contrastiveAugmentSwitch', { name, shape: '{ on, strength }' }),
        ),
      );
      continue;
    }
    const on = raw.on ?? defaultAugmentConfig[name].on;
    const onError = booleanError(`augment.${name}.on`, on);
    if (onError) errors.push(onError);
    const strength = raw.strength ?? defaultAugmentConfig[name].strength;
    const bad = checkNumber(`augment.${name}.strength`, augmentField(name), strength);
    if (bad) errors.push(bad);
    out[name] = { on: on === true, strength: strength as number };
  }
  const unknown = Object.keys(input).filter((k) => !(augmentNames as readonly string[]).includes(k));
  if (unknown.length)
    errors.push(
      fieldError(
        'augment',
        sayContrastive('contrastiveAugmentUnknown', {
          unknown: unknown.join(', '),
          names: augmentNames.join(', '),
        }),
      ),
    );
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/**
 * Validates a contrastive configuration from an untrusted source (the renderer, the CLI, a
 * file). Missing fields take their defaults; every wrong field is named with its range.
 */
export function parseContrastiveConfig(raw: unknown): Validation<ContrastiveLabConfig> {
  const opened = openConfig('contrastive configuration', contrastiveFields, raw, defaultContrastiveLabConfig);
  if (!opened.ok) return opened;
  const { input, errors, numbers } = opened;
  const heads = parseChoice('heads', input.heads, projectionHeadKinds, defaultContrastiveLabConfig.heads);
  const loss = parseChoice('loss', input.loss, contrastiveLosses, defaultContrastiveLabConfig.loss);
  for (const c of [heads, loss]) if (typeof c !== 'string') errors.push(c);
  const augment = parseAugment(input.augment);
  if (!augment.ok) errors.push(...augment.errors);
  if (!numbers || !augment.ok || typeof heads !== 'string' || typeof loss !== 'string' || errors.length)
    return { ok: false, errors };
  const config: ContrastiveLabConfig = { ...numbers, heads, loss, augment: augment.value };
  // The model's own check, as a backstop for the ranges both sides state.
  const issues = checkContrastiveConfig({ ...config, projectionHidden: config.representationDim });
  if (issues.length)
    return { ok: false, errors: issues.map((i) => fieldError(i.field, saidAsIs(i.message))) };
  return { ok: true, value: config };
}

/** The model a run of this configuration trains: its projection head as wide as the representation. */
export function contrastiveModelConfig(config: ContrastiveLabConfig): ContrastiveConfig {
  return {
    conv1Channels: config.conv1Channels,
    conv2Channels: config.conv2Channels,
    representationDim: config.representationDim,
    projectionHidden: config.representationDim,
    projectionDim: config.projectionDim,
    heads: config.heads,
    loss: config.loss,
    temperature: config.temperature,
    memoryBankSize: config.memoryBankSize,
    learningRate: config.learningRate,
  };
}

/** "contrastive-t0.2-b128" (letters, digits, '-', '.'). */
export function contrastiveSlug(config: ContrastiveLabConfig): string {
  const tau = String(config.temperature).replace(/[^0-9]/g, '');
  return `contrastive-t${tau}-b${config.batchSize}${config.memoryBankSize ? `-k${config.memoryBankSize}` : ''}`;
}

/** Each loss as the run list names it. */
export const lossNames: Readonly<Record<ContrastiveLoss, string>> = {
  'nt-xent': 'SimCLR',
  'info-nce': 'InfoNCE',
  'pirl-nce': 'PIRL NCE',
};

export function contrastiveLabel(config: ContrastiveLabConfig): Said {
  return sayContrastive('contrastiveLabel', {
    loss: lossNames[config.loss],
    tau: config.temperature,
    n: config.batchSize,
    bank: config.memoryBankSize
      ? sayContrastive('contrastiveLabelBank', { size: config.memoryBankSize })
      : '',
  });
}

export const describeContrastive = (config: ContrastiveLabConfig): string => contrastiveLabel(config).message;
