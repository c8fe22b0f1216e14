/**
 * What every lab gives the trainer: `load` reads what a run needs (while the backend
 * initialises), `create` builds the model and its experiment on the chosen backend.
 * The labs themselves are registered in trainer/labs.ts.
 */
import type { EngineFactory } from '../models/graph/program.js';
import type { FieldError } from '../protocol/fields.js';
import type { BackendInfo, DoneEvent, RunCommand, TrainerEvent } from '../protocol/messages.js';
import type { StreamTiming } from './run-control.js';

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
  /** Wraps a lab's data loading (e.g. to make it slow). */
  readonly wrapLoad?: (loading: Promise<unknown>) => Promise<unknown>;
}

export interface TrainerLab<C, D> {
  /** Reads data; a rejection is reported as an error of the config's `data` field. */
  load(config: C): Promise<D>;
  /** The experiment, or the field error that makes this config impossible with this data. */
  create(ctx: ExperimentContext<C>, data: D, overrides: LabOverrides): Experiment | FieldError;
}
