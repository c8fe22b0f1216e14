/**
 * The registry of labs: each lab's config type, its parser (untrusted input → typed config
 * or field errors) and how a run of it is named. A new lab adds one line to `LabConfigs` and
 * one entry to `labs`; validation, run folders, the run list and the CLI follow from here.
 */
import { fieldError, type FieldError, type FieldTable, type Validation } from './fields.js';
import { sayShared, sharedTexts, type Said } from './texts.js';
import { backendTexts } from './backend-reasons.js';
import { vaeTexts } from './vae/texts.js';
import { energyTexts } from './energy/texts.js';
import { sparseTexts } from './sparse/texts.js';
import { denoiserTexts } from './dae/texts.js';
import { convTexts } from './conv/texts.js';
import { contrastiveTexts } from './contrastive/texts.js';
import type { MetricColumns } from './metrics.js';
import {
  describeVae,
  vaeLabel,
  parseVaeConfig,
  vaeLiveParams,
  vaeSlug,
  type VaeConfig,
} from './vae/config.js';
import {
  describeEnergy,
  energyLabel,
  energyLiveParams,
  energySingleStep,
  energySlug,
  parseEnergyConfig,
  type EnergyConfig,
} from './energy/config.js';
import {
  describeDenoiser,
  denoiserLabel,
  denoiserLiveParams,
  denoiserSlug,
  parseDenoiserConfig,
  type DenoiserConfig,
} from './dae/config.js';
import {
  describeSparse,
  sparseLabel,
  parseSparseConfig,
  sparseLiveParams,
  sparseSlug,
  type SparseConfig,
} from './sparse/config.js';
import {
  convLiveParams,
  convSlug,
  describeConv,
  convLabel,
  parseConvConfig,
  type ConvLabConfig,
} from './conv/config.js';
import {
  contrastiveLiveParams,
  contrastiveSlug,
  describeContrastive,
  contrastiveLabel,
  parseContrastiveConfig,
  type ContrastiveLabConfig,
} from './contrastive/config.js';
import { vaeMetrics } from './vae/metrics.js';
import { energyMetrics } from './energy/metrics.js';
import { denoiserMetrics } from './dae/metrics.js';
import { sparseMetrics } from './sparse/metrics.js';
import { convMetrics } from './conv/metrics.js';
import { contrastiveMetrics } from './contrastive/metrics.js';

/** The config type of each lab, by lab name. */
export interface LabConfigs {
  readonly vae: VaeConfig;
  readonly energy: EnergyConfig;
  readonly dae: DenoiserConfig;
  readonly sparse: SparseConfig;
  readonly conv: ConvLabConfig;
  readonly contrastive: ContrastiveLabConfig;
}

export type LabName = keyof LabConfigs;

/** Starting a run: one variant per lab, so the config type follows the lab. */
export type StartSpec = {
  readonly [L in LabName]: { readonly lab: L; readonly config: LabConfigs[L] };
}[LabName];

export interface LabEntry<C> {
  /** Title shown in the sidebar and the run list, e.g. "Variational autoencoder". */
  readonly title: string;
  readonly parse: (input: unknown) => Validation<C>;
  /** A short slug for run ids, e.g. "vae-d2" (letters, digits and '-'). */
  readonly slug: (config: C) => string;
  /** A short human label for the run list, e.g. "VAE · d = 2". */
  readonly describe: (config: C) => string;
  /** The same label as a code with parameters (protocol/texts.ts), for the window to word. */
  readonly label: (config: C) => Said;
  /** What set-param may change while a run trains, with the ranges (protocol/live-params.ts). */
  readonly liveParams: FieldTable;
  /** The metric columns its runs emit, and the headline one (protocol/<lab>/metrics.ts). */
  readonly metrics: MetricColumns;
}

export const labs = {
  vae: {
    title: 'Variational autoencoder',
    parse: parseVaeConfig,
    slug: vaeSlug,
    describe: describeVae,
    label: vaeLabel,
    liveParams: vaeLiveParams,
    metrics: vaeMetrics,
  },
  energy: {
    title: 'Energy landscapes',
    parse: parseEnergyConfig,
    slug: energySlug,
    describe: describeEnergy,
    label: energyLabel,
    liveParams: { ...energyLiveParams, step: energySingleStep },
    metrics: energyMetrics,
  },
  dae: {
    title: 'Denoising autoencoder (MNIST)',
    parse: parseDenoiserConfig,
    slug: denoiserSlug,
    describe: describeDenoiser,
    label: denoiserLabel,
    liveParams: denoiserLiveParams,
    metrics: denoiserMetrics,
  },
  sparse: {
    title: 'Sparse coding · LISTA',
    parse: parseSparseConfig,
    slug: sparseSlug,
    describe: describeSparse,
    label: sparseLabel,
    liveParams: sparseLiveParams,
    metrics: sparseMetrics,
  },
  conv: {
    title: 'Convolutional sparse coding',
    parse: parseConvConfig,
    slug: convSlug,
    describe: describeConv,
    label: convLabel,
    liveParams: convLiveParams,
    metrics: convMetrics,
  },
  contrastive: {
    title: 'Contrastive embeddings',
    parse: parseContrastiveConfig,
    slug: contrastiveSlug,
    describe: describeContrastive,
    label: contrastiveLabel,
    liveParams: contrastiveLiveParams,
    metrics: contrastiveMetrics,
  },
} satisfies { readonly [L in LabName]: LabEntry<LabConfigs[L]> };

export const labNames = Object.keys(labs) as LabName[];

export const isLabName = (value: unknown): value is LabName =>
  typeof value === 'string' && (labNames as string[]).includes(value);

function entryOf<L extends LabName>(lab: L): LabEntry<LabConfigs[L]> {
  return labs[lab] as LabEntry<LabConfigs[L]>;
}

/** Validates a lab name and its config; errors name the field at fault. */
export function parseStartSpec(lab: unknown, config: unknown): Validation<StartSpec> {
  if (!isLabName(lab)) {
    const error: FieldError = fieldError(
      'lab',
      sayShared('labChoice', { allowed: labNames.map((n) => `"${n}"`).join(', '), got: JSON.stringify(lab) }),
    );
    return { ok: false, errors: [error] };
  }
  const parsed = entryOf(lab).parse(config);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { lab, config: parsed.value } as StartSpec };
}

export function runSlug(spec: StartSpec): string {
  return (entryOf(spec.lab).slug as (c: StartSpec['config']) => string)(spec.config);
}

export function describeRun(spec: StartSpec): string {
  return (entryOf(spec.lab).describe as (c: StartSpec['config']) => string)(spec.config);
}

/** A run's label as a code with parameters (the window words it; describeRun is its English). */
export function runLabel(spec: StartSpec): Said {
  return (entryOf(spec.lab).label as (c: StartSpec['config']) => Said)(spec.config);
}

/**
 * Every code the protocol can carry (protocol/texts.ts), with its English: the shared codes
 * and each lab's. The window's catalogues word each one (`msg.<code>`).
 */
export const protocolTexts = {
  ...sharedTexts,
  ...backendTexts,
  ...vaeTexts,
  ...energyTexts,
  ...denoiserTexts,
  ...sparseTexts,
  ...convTexts,
  ...contrastiveTexts,
} as const;

export type ProtocolCode = keyof typeof protocolTexts;
