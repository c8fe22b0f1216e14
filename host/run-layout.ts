/**
 * The layout of a run folder (host/run-store.ts): the file names, the shapes of
 * config.json and status.json, and the one way whole files are written (a temporary name,
 * then rename, so a crash leaves the old file whole: trainer/atomic-write.ts).
 */
import type { BackendInfo, DoneReason, RunState, StartSpec } from '../protocol/messages.js';
import type { Said } from '../protocol/texts.js';

export interface StoredConfig {
  readonly lab: StartSpec['lab'];
  readonly config: StartSpec['config'];
  readonly createdAt: string;
  readonly backend: BackendInfo | null;
}

export const CONFIG_FILE = 'config.json';
export const METRICS_FILE = 'metrics.jsonl';
export const STATUS_FILE = 'status.json';
/** The name the user gave the run: { "name": "…" } (absent until renamed). */
export const NAME_FILE = 'name.json';
/** The live values the user set while the run trained, one per line: { name, value, step, epoch, at }. */
export const PARAMS_FILE = 'params.jsonl';
export const VIEWS_DIR = 'views';
/** Snapshots kept for stepping back through training, inside VIEWS_DIR. */
export const HISTORY_DIR = 'history';
export const EXPORTS_DIR = 'exports';

export interface StoredStatus {
  readonly state: RunState;
  readonly lastStep: number;
  readonly epoch: number;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly samplesPerSecond: number;
  readonly lastTestLoss: number | null;
  readonly backend: BackendInfo | null;
  readonly checkpointStep: number | null;
  readonly doneReason: DoneReason | null;
  readonly doneMessage: string | null;
  /** The closing sentence as a code with parameters (protocol/texts.ts); absent in older folders. */
  readonly doneSaid?: Said;
  readonly lastError: string | null;
  readonly updatedAt: string;
  /** The process that records the run (the host); absent in folders written before it was kept. */
  readonly hostPid?: number;
}

export const initialStatus = (): StoredStatus => ({
  hostPid: process.pid,
  state: 'starting',
  lastStep: 0,
  epoch: 0,
  stepsPerEpoch: 0,
  totalSteps: 0,
  samplesPerSecond: 0,
  lastTestLoss: null,
  backend: null,
  checkpointStep: null,
  doneReason: null,
  doneMessage: null,
  lastError: null,
  updatedAt: new Date().toISOString(),
});

/** Whole files of a run folder are written as the trainer writes its own (temporary name, then rename). */
export { writeFileAtomic } from '../trainer/atomic-write.js';
