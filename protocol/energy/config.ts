/**
 * The energy-landscape lab's configuration (issue 5; NYU Deep Learning week 8, parts A and B):
 * an energy E_θ: R² → R shaped on 2-D toy data (or points the user draws) by one of
 *   dae     a denoising autoencoder g, E(y) = ‖y − g(y)‖², corruption N(0, σ²I)
 *   cd      contrastive divergence, CD-k with k Langevin steps from the data
 *   pcd     persistent CD: a buffer of particles moved between updates, ρ restarted per step
 *   latent  E(y) = min_z ‖y − Dec(z)‖² + λR(z), R(z) = min_k ‖z − e_k‖² (distance to the
 *           nearest corner of K), z inferred by gradient descent from each corner
 *   conditional  E(x, y) = min_z ‖y − Dec(Pred(x), z)‖² + λR(z) with x = y₁ (the horizontal
 *           coordinate): for one x several y are right (the branches of the data above x);
 *           Pred(x) says where, the corner the code sits near picks the branch. The landscape
 *           drawn is E(x₀, ·) for a chosen x₀.
 * Models live in models/energy; this file only says what a run may ask for.
 */
import { adamLearningRate, choiceError, invalid, openConfig, pickFields } from '../fields.js';
import type { Said } from '../texts.js';
import { sayEnergy } from './texts.js';
import type { NumberField, Validation } from '../fields.js';

export const energyMethods = ['dae', 'cd', 'pcd', 'latent', 'conditional'] as const;
export type EnergyMethod = (typeof energyMethods)[number];

/** The generated data sets (models/energy/toy-data.ts toyDataNames), and 'drawn' for the user's points. */
export const energyDataNames = ['moons', 'spiral', 'rings', 'gaussians', 'drawn'] as const;
export type EnergyDataName = (typeof energyDataNames)[number];

/** The fewest points a user may draw (models/energy/toy-data.ts minUserPoints). */
export const minDrawnPoints = 5;
/** The most points a user may draw. */
export const maxDrawnPoints = 4000;
/** Drawn points must lie in this square (the drawing pad's plane). */
export const drawnLimit = 10;

export const methodTitles: Readonly<Record<EnergyMethod, string>> = {
  dae: 'Denoising AE',
  cd: 'Contrastive divergence',
  pcd: 'Persistent CD',
  latent: 'Latent-variable EBM',
  conditional: 'Conditional latent EBM',
};

export interface EnergyConfig {
  /** How the energy is shaped. */
  readonly method: EnergyMethod;
  /** Which data: a generated set or the user's drawn points. */
  readonly data: EnergyDataName;
  /** The drawn points, interleaved [x₀, y₀, x₁, y₁, …] (only with data 'drawn'). */
  readonly points?: readonly number[];
  /** Points generated for a named data set. */
  readonly dataPoints: number;
  /** Points per update (the data batch y⁺). */
  readonly batchSize: number;
  /** Training steps (updates). */
  readonly steps: number;
  /** Adam's learning rate; live. */
  readonly learningRate: number;
  /** DAE: σ of the Gaussian corruption; live. */
  readonly sigma: number;
  /** CD/PCD: Langevin step size η; live. */
  readonly stepSize: number;
  /** CD/PCD: Langevin noise scale s (1 = exact Langevin, 0 = gradient descent); live. */
  readonly noiseScale: number;
  /** CD/PCD: Langevin steps per update, k; live. */
  readonly k: number;
  /** CD/PCD: weight α of the energy-magnitude penalty; live. */
  readonly alpha: number;
  /** PCD: particles in the buffer. */
  readonly bufferSize: number;
  /** PCD: probability ρ that a particle restarts at random each step; live. */
  readonly reinitRate: number;
  /** Latent EBMs: λ, weight of R(z) = min_k ‖z − e_k‖² (the distance to the nearest corner); live. */
  readonly lambda: number;
  /** Latent EBMs: dimension K of the code z, and so its K corners (default 8, conditional 2). */
  readonly latentDim: number;
  /** Conditional latent EBM: the x₀ whose landscape E(x₀, ·) is drawn; live. */
  readonly condition: number;
  /** Seed of every random choice (data, initialisation, noise). */
  readonly seed: number;
}

type NumericKey = Exclude<keyof EnergyConfig, 'method' | 'data' | 'points'>;

export const energyFields: Readonly<Record<NumericKey, NumberField>> = {
  dataPoints: {
    kind: 'int',
    label: 'data points',
    help: 'Points generated for the chosen data set.',
    min: 16,
    max: 20000,
  },
  batchSize: { kind: 'int', label: 'batch size', help: 'Data points y⁺ per update.', min: 1, max: 4096 },
  steps: { kind: 'int', label: 'training steps', help: 'Updates of the energy.', min: 1, max: 1000000 },
  learningRate: adamLearningRate,
  sigma: {
    kind: 'float',
    label: 'σ (corruption)',
    help: 'DAE: std of the noise added to y before denoising; live.',
    min: 0,
    max: 5,
    minExclusive: true,
  },
  stepSize: {
    kind: 'float',
    label: 'Langevin step η',
    help: 'CD/PCD: y ← y − (η/2)∇E(y) + s√η ε; live.',
    min: 0,
    max: 1,
    minExclusive: true,
  },
  noiseScale: {
    kind: 'float',
    label: 'Langevin noise s',
    help: 'CD/PCD: 1 samples exp(−E), 0 is plain gradient descent; live.',
    min: 0,
    max: 5,
  },
  k: {
    kind: 'int',
    label: 'Langevin steps k',
    help: 'CD/PCD: sampler steps per update; live.',
    min: 0,
    max: 500,
  },
  alpha: {
    kind: 'float',
    label: 'energy penalty α',
    help: 'CD/PCD: α(E⁺² + E⁻²) keeps energies bounded; live.',
    min: 0,
    max: 10,
  },
  bufferSize: {
    kind: 'int',
    label: 'buffer size',
    help: 'PCD: particles kept and moved between updates.',
    min: 1,
    max: 20000,
  },
  reinitRate: {
    kind: 'float',
    label: 're-init rate ρ',
    help: 'PCD: share of particles restarted at random each step; live.',
    min: 0,
    max: 1,
  },
  lambda: {
    kind: 'float',
    label: 'λ (latent penalty)',
    help: 'Latent EBMs: weight of the code’s distance to its nearest corner; 0 makes the energy flat; live.',
    min: 0,
    max: 10,
  },
  latentDim: {
    kind: 'int',
    label: 'latent size K',
    help: 'Latent EBMs: dimension of z and number of corners (cheap codes); conditional: branches per x.',
    min: 2,
    max: 32,
  },
  condition: {
    kind: 'float',
    label: 'condition x₀',
    help: 'Conditional latent EBM: draw E(x₀, y) for this x = y₁; live.',
    min: -10,
    max: 10,
  },
  seed: {
    kind: 'int',
    label: 'seed',
    help: 'Same seed, same data, initialisation and noise.',
    min: 0,
    max: 4294967295,
  },
};

export const defaultEnergyConfig: EnergyConfig = {
  method: 'cd',
  data: 'moons',
  dataPoints: 1000,
  batchSize: 128,
  steps: 3000,
  learningRate: 2e-3,
  sigma: 0.3,
  stepSize: 0.01,
  noiseScale: 1,
  k: 20,
  alpha: 0.1,
  bufferSize: 512,
  reinitRate: 0.05,
  lambda: 1,
  latentDim: 8,
  condition: 0,
  seed: 1,
};

/** A tiny configuration for tests and smoke runs. */
export const tinyEnergyConfig: EnergyConfig = {
  ...defaultEnergyConfig,
  dataPoints: 200,
  batchSize: 32,
  steps: 30,
  k: 5,
  bufferSize: 64,
};

/** Parameters a running energy lab accepts through set-param, and the methods they act on. */
export const energyLiveParams = pickFields(
  energyFields,
  'learningRate',
  'sigma',
  'stepSize',
  'noiseScale',
  'k',
  'alpha',
  'reinitRate',
  'lambda',
  'condition',
);
export type EnergyLiveParam = keyof typeof energyLiveParams;

/** set-param 'step' while paused: train this many steps, then pause again (no live value of the model). */
export const energySingleStep: NumberField = {
  kind: 'int',
  label: 'single steps',
  help: 'While paused: train this many steps, then pause again.',
  min: 1,
  max: 1000,
};

function parsePoints(input: unknown): Validation<number[]> {
  const bad = (said: Said): Validation<number[]> => invalid('points', said);
  if (!Array.isArray(input)) return bad(sayEnergy('energyDrawAtLeast', { min: minDrawnPoints }));
  if (input.length % 2 !== 0) return bad(sayEnergy('energyPairs', { count: input.length }));
  const count = input.length / 2;
  if (count < minDrawnPoints) return bad(sayEnergy('energyTooFew', { min: minDrawnPoints, count }));
  if (count > maxDrawnPoints) return bad(sayEnergy('energyTooMany', { max: maxDrawnPoints, count }));
  for (let i = 0; i < input.length; i++) {
    const v: unknown = input[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > drawnLimit) {
      return bad(
        sayEnergy('energyPointRange', {
          index: Math.floor(i / 2) + 1,
          limit: drawnLimit,
          got: JSON.stringify(v),
        }),
      );
    }
  }
  return { ok: true, value: input as number[] };
}

/** K when the config does not say: 8 corners on the plane, 2 branches per x for the conditional model. */
export function defaultLatentDim(method: EnergyMethod): number {
  return method === 'conditional' ? 2 : defaultEnergyConfig.latentDim;
}

/**
 * Adam's step when the config does not say: 2e-3 for the energy nets (larger makes CD's energy
 * run away), 1e-2 for the latent EBMs' decoders (measured on moons: the grid's lowest cell 0.03
 * from the data after 600 steps, against 0.31 after 1,500 steps at 2e-3).
 */
export function defaultLearningRate(method: EnergyMethod): number {
  return method === 'latent' || method === 'conditional' ? 1e-2 : defaultEnergyConfig.learningRate;
}

/** The defaults that depend on the method (K, the learning rate), by field. */
export const methodDefaults = (method: EnergyMethod) =>
  ({ latentDim: defaultLatentDim(method), learningRate: defaultLearningRate(method) }) as const;

/**
 * Validates an energy-lab configuration from an untrusted source (the renderer, the CLI).
 * Missing fields take their defaults (K and the learning rate: the method's); every wrong field
 * is reported with its allowed range.
 */
export function parseEnergyConfig(raw: unknown): Validation<EnergyConfig> {
  const opened = openConfig('energy-lab configuration', energyFields, raw, defaultEnergyConfig);
  if (!opened.ok) return opened;
  const { input, errors, numbers } = opened;
  const method = input.method ?? defaultEnergyConfig.method;
  const data = input.data ?? defaultEnergyConfig.data;
  for (const error of [
    choiceError('method', energyMethods, method),
    choiceError('data', energyDataNames, data),
  ])
    if (error) errors.push(error);
  let points: number[] | undefined;
  if (data === 'drawn') {
    const parsed = parsePoints(input.points);
    if (parsed.ok) points = parsed.value;
    else errors.push(...parsed.errors);
  }
  if (errors.length || !numbers) return { ok: false, errors };
  // K and the learning rate the method needs, unless asked (the conditional model's corners are
  // the branches a column may have).
  const byMethod = methodDefaults(method as EnergyMethod);
  return {
    ok: true,
    value: {
      ...numbers,
      latentDim: input.latentDim === undefined ? byMethod.latentDim : numbers.latentDim,
      learningRate: input.learningRate === undefined ? byMethod.learningRate : numbers.learningRate,
      method: method as EnergyMethod,
      data: data as EnergyDataName,
      ...(points ? { points } : {}),
    },
  };
}

/** Run-id slug, e.g. "energy-cd-moons". */
export const energySlug = (c: EnergyConfig): string => `energy-${c.method}-${c.data}`;

/** Run-list label, e.g. "Contrastive divergence · moons". */
const methodCodes = {
  dae: 'energyMethodDae',
  cd: 'energyMethodCd',
  pcd: 'energyMethodPcd',
  latent: 'energyMethodLatent',
  conditional: 'energyMethodConditional',
} as const satisfies Readonly<Record<EnergyMethod, string>>;

const dataCodes = {
  moons: 'energyDataMoons',
  spiral: 'energyDataSpiral',
  rings: 'energyDataRings',
  gaussians: 'energyDataGaussians',
} as const satisfies Readonly<Record<Exclude<EnergyDataName, 'drawn'>, string>>;

export const energyLabel = (c: EnergyConfig): Said =>
  sayEnergy('energyLabel', {
    method: sayEnergy(methodCodes[c.method]),
    data:
      c.data === 'drawn'
        ? sayEnergy('energyDrawnPoints', { count: (c.points?.length ?? 0) / 2 })
        : sayEnergy(dataCodes[c.data]),
  });

export const describeEnergy = (c: EnergyConfig): string => energyLabel(c).message;
