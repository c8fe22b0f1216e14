/**
 * The sparse-coding lab's configuration (issue 3; NYU DL week 8, Olshausen & Field 1996,
 * Gregor & LeCun 2010): E(y, z) = ½‖y − Wz‖² + λ‖z‖₁, codes by FISTA, dictionary learning
 * with unit-norm atoms, and — for the 'lista' task — LISTA trained afterwards on the learned
 * dictionary to predict FISTA's optimal codes in K unrolled steps.
 */
import {
  choiceError,
  fieldError,
  invalid,
  isRecord,
  listChoice,
  openConfig,
  pickFields,
  quotedChoice,
  quotedChoiceError,
} from '../fields.js';
import { sayShared, type Said } from '../texts.js';
import { saySparse } from './texts.js';
import type { FieldError, NumberField, Validation } from '../fields.js';

export type SparseTask = 'dictionary' | 'lista';
/**
 * 'signed': the lecture's codes z ∈ ℝᵐ; 'non-negative': z ≥ 0 and W ≥ 0 (non-negative sparse
 * coding, Hoyer 2002), a sample then a sum of atoms, never atoms minus atoms.
 */
export type SparseCodes = 'signed' | 'non-negative';
export const sparseCodeChoices: readonly SparseCodes[] = ['signed', 'non-negative'];
export type PatchSource = 'dead-leaves' | 'folder';
/** As models/images/presets.ts: O&F's R(f) on whole images, ZCA on patches, or none. */
export type PatchWhitening = 'olshausen-field' | 'zca' | 'none';

export type SparseData =
  | {
      /** The 10,000 embedded MNIST digits (28×28, pixels in [0, 1]). */
      readonly kind: 'mnist';
    }
  | {
      /** Patches of generated dead-leaves images or of a folder of the user's photos. */
      readonly kind: 'patches';
      readonly source: PatchSource;
      /** For source 'folder': a folder of PNG/JPEG photos on the host (read only). */
      readonly folder?: string;
      readonly whitening: PatchWhitening;
    };

export interface SparseConfig {
  /** 'dictionary': learn W; 'lista': learn W, then train LISTA on it. */
  readonly task: SparseTask;
  readonly data: SparseData;
  /** Signed codes (the lecture's E) or codes and atoms kept ≥ 0. */
  readonly codes: SparseCodes;
  /** Number of atoms (columns of W). */
  readonly atoms: number;
  /** λ, the weight of ‖z‖₁; change it live. */
  readonly lambda: number;
  /** η, the step on W per batch-mean gradient; change it live. */
  readonly learningRate: number;
  /** Samples per dictionary step. */
  readonly batchSize: number;
  /** Passes over the training samples. */
  readonly epochs: number;
  /** FISTA iterations to infer the codes of a batch. */
  readonly codeIterations: number;
  /** p: patches are p×p pixels (patch data only). */
  readonly patchSize: number;
  /** How many patches to cut (patch data only); MNIST uses all its digits. */
  readonly patchCount: number;
  /** K, LISTA's unrolled steps (task 'lista'). */
  readonly listaSteps: number;
  /** Adam steps of LISTA training (task 'lista'). */
  readonly listaIterations: number;
  /** Adam's learning rate for LISTA (task 'lista'). */
  readonly listaLearningRate: number;
  /** Seed of every random choice (init, patches, shuffling). */
  readonly seed: number;
}

type NumericKey = Exclude<keyof SparseConfig, 'task' | 'data' | 'codes'>;

/** Dead-leaves images the lab generates are this many pixels square. */
export const DEAD_LEAVES_SIZE = 128;

export const sparseFields: Readonly<Record<NumericKey, NumberField>> = {
  atoms: { kind: 'int', label: 'atoms', help: 'Columns of the dictionary W.', min: 1, max: 1024 },
  lambda: {
    kind: 'float',
    label: 'λ (sparsity)',
    help: 'Weight of ‖z‖₁: larger gives sparser codes; change it live.',
    min: 0,
    max: 100,
    minExclusive: true,
  },
  learningRate: {
    kind: 'float',
    label: 'learning rate η',
    help: 'Step on W per batch; atoms are renormalised after it; change it live.',
    min: 0,
    max: 10,
    minExclusive: true,
  },
  batchSize: { kind: 'int', label: 'batch size', help: 'Samples per dictionary step.', min: 1, max: 4096 },
  epochs: { kind: 'int', label: 'epochs', help: 'Passes over the training samples.', min: 1, max: 1000 },
  codeIterations: {
    kind: 'int',
    label: 'FISTA iterations',
    help: 'Shrinkage steps to infer the codes of each batch.',
    min: 1,
    max: 2000,
  },
  patchSize: {
    kind: 'int',
    label: 'patch size p',
    help: `Patches are p×p pixels (dead-leaves images are ${DEAD_LEAVES_SIZE} px).`,
    min: 2,
    max: 64,
  },
  patchCount: {
    kind: 'int',
    label: 'patches',
    help: 'How many patches to cut from the images.',
    min: 1,
    max: 200000,
  },
  listaSteps: {
    kind: 'int',
    label: 'LISTA steps K',
    help: 'Unrolled shrinkage steps of the learned encoder.',
    min: 1,
    max: 50,
  },
  listaIterations: {
    kind: 'int',
    label: 'LISTA training steps',
    help: 'Adam steps of backprop through time after the dictionary.',
    min: 1,
    max: 100000,
  },
  listaLearningRate: {
    kind: 'float',
    label: 'LISTA learning rate',
    help: "Adam's step size for W_e, S and θ.",
    min: 0,
    max: 1,
    minExclusive: true,
  },
  seed: {
    kind: 'int',
    label: 'seed',
    help: 'Same seed, same atoms, patches and curves.',
    min: 0,
    max: 4294967295,
  },
};

/**
 * MNIST, the lecture's stroke dictionary: 256 atoms started on training digits, codes and atoms
 * kept ≥ 0. Tuned by looking at the atoms and the active atoms per digit (10,000 digits,
 * 2026-12-04): with signed codes the atoms stay whole-digit templates at every λ tried
 * (λ = 0.1: ~100 active atoms per digit; λ = 0.5: ~26, each a whole digit), since one template
 * costs less ‖z‖₁ than several strokes; with z ≥ 0 and W ≥ 0, λ = 0.08 gives pen strokes with
 * ~40 active atoms per digit (~26 carry 90 % of ‖z‖₁) within a few epochs, while λ ≥ 0.15 lets
 * whole digits grow back. LISTA's Adam step 5e-4: at 3e-3 the one-sided LISTA never got below
 * ISTA's code error at the same K (8.4 vs 7.6); at 5e-4 it reaches 2.8 (signed codes: 1.8).
 */
export const defaultSparseConfig: SparseConfig = {
  task: 'dictionary',
  data: { kind: 'mnist' },
  codes: 'non-negative',
  atoms: 256,
  lambda: 0.08,
  learningRate: 2,
  batchSize: 100,
  epochs: 10,
  codeIterations: 50,
  patchSize: 8,
  patchCount: 20000,
  listaSteps: 3,
  listaIterations: 400,
  listaLearningRate: 5e-4,
  seed: 1,
};

export const sparsePresets = {
  /** MNIST strokes: 256 atoms. */
  mnist: defaultSparseConfig,
  /** 8×8 whitened dead-leaves patches, 64 atoms: fast enough to watch live. */
  patches8: {
    ...defaultSparseConfig,
    data: { kind: 'patches', source: 'dead-leaves', whitening: 'olshausen-field' },
    codes: 'signed',
    atoms: 64,
    patchSize: 8,
    lambda: 0.5,
    learningRate: 0.5,
    epochs: 5,
  },
  /** Olshausen & Field 1996: 16×16 patches, 192 atoms. */
  patches16: {
    ...defaultSparseConfig,
    data: { kind: 'patches', source: 'dead-leaves', whitening: 'olshausen-field' },
    codes: 'signed',
    atoms: 192,
    patchSize: 16,
    lambda: 1,
    learningRate: 0.5,
    epochs: 5,
  },
  /** LISTA after a short dictionary on MNIST. */
  lista: { ...defaultSparseConfig, task: 'lista', epochs: 2 },
  /** A tiny configuration for tests and smoke runs. */
  tiny: {
    ...defaultSparseConfig,
    data: { kind: 'patches', source: 'dead-leaves', whitening: 'olshausen-field' },
    codes: 'signed',
    atoms: 16,
    patchSize: 6,
    patchCount: 400,
    batchSize: 50,
    epochs: 2,
    codeIterations: 20,
    lambda: 0.5,
    listaIterations: 20,
  },
} as const satisfies Record<string, SparseConfig>;

export type SparsePresetName = keyof typeof sparsePresets;

/** Live parameters a running sparse-coding run accepts, with their ranges (protocol/live-params.ts). */
export const sparseLiveParams = pickFields(sparseFields, 'lambda', 'learningRate');

const whitenings: readonly PatchWhitening[] = ['olshausen-field', 'zca', 'none'];

function parseSparseData(input: unknown): Validation<SparseData> {
  if (input === undefined) return { ok: true, value: { kind: 'mnist' } };
  const bad = (said: Said) => invalid('data', said);
  if (!isRecord(input)) return bad(saySparse('sparseDataObject'));
  if (input.kind === 'mnist') return { ok: true, value: { kind: 'mnist' } };
  if (input.kind !== 'patches') return bad(quotedChoice('data.kind', ['mnist', 'patches'], input.kind));
  const source = input.source ?? 'dead-leaves';
  if (source !== 'dead-leaves' && source !== 'folder')
    return bad(quotedChoice('data.source', ['dead-leaves', 'folder'], source));
  const whitening = input.whitening ?? 'olshausen-field';
  if (!whitenings.includes(whitening as PatchWhitening))
    return bad(listChoice('data.whitening', whitenings, whitening));
  if (source === 'dead-leaves')
    return { ok: true, value: { kind: 'patches', source, whitening: whitening as PatchWhitening } };
  const folder = input.folder;
  if (typeof folder !== 'string' || folder.trim() === '') return bad(sayShared('dataFolder'));
  return { ok: true, value: { kind: 'patches', source, folder, whitening: whitening as PatchWhitening } };
}

/**
 * Validates a sparse-coding configuration from an untrusted source (renderer, CLI, a file).
 * Missing fields take their defaults; every wrong field is reported with its allowed range.
 */
export function parseSparseConfig(raw: unknown): Validation<SparseConfig> {
  const opened = openConfig('sparse-coding configuration', sparseFields, raw, defaultSparseConfig);
  if (!opened.ok) return opened;
  const { input, errors, numbers } = opened;
  const task = input.task ?? defaultSparseConfig.task;
  const taskError = quotedChoiceError('task', ['dictionary', 'lista'], task);
  if (taskError) errors.push(taskError);
  const codes = input.codes ?? defaultSparseConfig.codes;
  const codesError = choiceError('codes', sparseCodeChoices, codes);
  if (codesError) errors.push(codesError);
  const data = parseSparseData(input.data);
  if (!data.ok) errors.push(...data.errors);
  if (errors.length || !numbers || !data.ok) return { ok: false, errors };
  const config: SparseConfig = {
    ...numbers,
    task: task as SparseTask,
    codes: codes as SparseCodes,
    data: data.value,
  };
  const sizeError = checkPatchAgainstImages(config, DEAD_LEAVES_SIZE);
  if (config.data.kind === 'patches' && config.data.source === 'dead-leaves' && sizeError)
    return { ok: false, errors: [sizeError] };
  return { ok: true, value: config };
}

/** Patches must fit in the smallest image (known once a folder is read). */
export function checkPatchAgainstImages(
  config: Pick<SparseConfig, 'patchSize'>,
  smallestSide: number,
  where: Said = saySparse('sparseTheImages'),
): FieldError | null {
  if (config.patchSize <= smallestSide) return null;
  return fieldError(
    'patchSize',
    saySparse('sparsePatchTooBig', { max: smallestSide, where, got: config.patchSize }),
  );
}

/** The side of the square samples: 28 for MNIST, p for patches. */
export function sampleSide(config: SparseConfig): number {
  return config.data.kind === 'mnist' ? 28 : config.patchSize;
}

export function sparseLabel(config: SparseConfig): Said {
  const data =
    config.data.kind === 'mnist'
      ? 'MNIST'
      : saySparse('sparseLabelPatches', {
          p: config.patchSize,
          source: saySparse(config.data.source === 'folder' ? 'sparseLabelPhoto' : 'sparseLabelDeadLeaves'),
        });
  return saySparse('sparseLabel', {
    lista: config.task === 'lista' ? saySparse('sparseLabelLista', { k: config.listaSteps }) : '',
    atoms: config.atoms,
    codes: config.codes === 'non-negative' ? ' · z ≥ 0' : '',
    data,
  });
}

export const describeSparse = (config: SparseConfig): string => sparseLabel(config).message;

export function sparseSlug(config: SparseConfig): string {
  const data = config.data.kind === 'mnist' ? 'mnist' : `p${config.patchSize}`;
  return `${config.task === 'lista' ? 'lista' : 'sparse'}-${data}-${config.atoms}`;
}
