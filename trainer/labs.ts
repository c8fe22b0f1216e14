/**
 * How the trainer runs each lab: `load` reads what the run needs (while the backend
 * initialises), `create` builds the model and its experiment on the chosen backend. A new lab
 * adds one entry here (and its config in protocol/labs.ts).
 */
import { createVae } from '../models/vae.js';
import type { VaeModel, VaeShape } from '../models/vae-api.js';
import type { EngineFactory } from '../models/graph/program.js';
import type { FieldError } from '../protocol/fields.js';
import type { LabConfigs, LabName } from '../protocol/labs.js';
import type { BackendInfo, DoneEvent, RunCommand, TrainerEvent } from '../protocol/messages.js';
import { checkBatchAgainstData } from '../protocol/vae-config.js';
import { loadDataSplit } from './data/load.js';
import type { StreamTiming } from './run-control.js';
import { createVaeExperiment } from './vae-experiment.js';
import { sparseTrainerLab } from './sparse/lab.js';
import { convTrainerLab } from './conv/lab.js';
import { denoiserTrainerLab, energyTrainerLab } from './energy/labs.js';
import { contrastiveTrainerLab } from './contrastive/lab.js';

/** A run in progress: takes commands, trains to the end, frees its tensors. */
export interface Experiment {
  handle(command: RunCommand): void;
  /** Trains to the end (or stop, or divergence); resolves with the done event it posted. */
  run(): Promise<DoneEvent>;
  dispose(): void;
}

export interface ExperimentContext<C> {
  readonly runId: string;
  /** Absolute path of the run folder (checkpoints and snapshots go there). */
  readonly runDir: string;
  readonly config: C;
  readonly backend: BackendInfo;
  /** What runs the lab's compiled programs (ONNX Runtime or TensorFlow.js). */
  readonly engine: EngineFactory;
  readonly post: (event: TrainerEvent) => void;
  readonly timing?: Partial<StreamTiming>;
}

/** Test hooks (e.g. a model that diverges on purpose). */
export interface LabOverrides {
  readonly createVae?: (shape: VaeShape, seed: number, engine: EngineFactory) => VaeModel;
  /** Wraps a lab's data loading (e.g. to make it slow). */
  readonly wrapLoad?: (loading: Promise<unknown>) => Promise<unknown>;
}

export interface TrainerLab<C, D> {
  /** Reads data; a rejection is reported as an error of the config's `data` field. */
  load(config: C): Promise<D>;
  /** The experiment, or the field error that makes this config impossible with this data. */
  create(ctx: ExperimentContext<C>, data: D, overrides: LabOverrides): Experiment | FieldError;
}

export type TrainerLabs = { readonly [L in LabName]: TrainerLab<LabConfigs[L], unknown> };

const vae: TrainerLab<LabConfigs['vae'], Awaited<ReturnType<typeof loadDataSplit>>> = {
  load: (config) => loadDataSplit(config.data, config.testFraction),
  create(ctx, data, overrides) {
    const { config } = ctx;
    const tooBig = checkBatchAgainstData(config.batchSize, data.train.count);
    if (tooBig) return tooBig;
    const shape: VaeShape = {
      variant: config.variant,
      inputDim: data.train.width * data.train.height,
      hiddenDim: config.hiddenDim,
      latentDim: config.latentDim,
    };
    const model = (overrides.createVae ?? createVae)(shape, config.seed, ctx.engine);
    const experiment = createVaeExperiment({ ...ctx, data, model });
    return { ...experiment, dispose: () => model.dispose() };
  },
};

export const trainerLabs: TrainerLabs = {
  vae: vae as TrainerLab<LabConfigs['vae'], unknown>,
  sparse: sparseTrainerLab as TrainerLab<LabConfigs['sparse'], unknown>,
  conv: convTrainerLab as TrainerLab<LabConfigs['conv'], unknown>,
  energy: energyTrainerLab as TrainerLab<LabConfigs['energy'], unknown>,
  dae: denoiserTrainerLab as TrainerLab<LabConfigs['dae'], unknown>,
  contrastive: contrastiveTrainerLab as TrainerLab<LabConfigs['contrastive'], unknown>,
};
