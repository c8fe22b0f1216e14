/**
 * The one protocol of EBM Lab. Commands go renderer → host → trainer; events go
 * trainer → host → renderer. Every message is a readonly object with a `type` tag;
 * heavy payloads are typed arrays (structured clone over IPC, the binary codec over
 * WebSocket), never JSON arrays of numbers.
 */
import type { LabConfigs, LabName, StartSpec } from './labs.js';
import type { Said } from './texts.js';

export type { LabConfigs, LabName, StartSpec } from './labs.js';

/**
 * A rung of the backend ladder. 'onnxruntime-gpu' runs a lab's compiled programs on ONNX
 * Runtime's GPU execution provider (WebGPU, DirectML or CoreML), 'onnxruntime' on its CPU
 * kernels; 'tensorflow-gpu' and 'tensorflow' are tfjs-node(-gpu).
 */
export type BackendName = 'onnxruntime-gpu' | 'onnxruntime' | TfjsBackendName;
export type TfjsBackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export const backendNames: readonly BackendName[] = [
  'onnxruntime-gpu',
  'onnxruntime',
  'tensorflow-gpu',
  'tensorflow',
  'wasm',
  'cpu',
];

/** The most intra-op threads a run may ask ONNX Runtime for. */
export const MAX_THREADS = 256;

export interface BackendInfo {
  readonly name: BackendName;
  /** Why this rung, in English: e.g. "tfjs-node is not installed (libtensorflow could not be downloaded)". */
  readonly reason: string;
  /**
   * The same as a code with parameters (protocol/backend-reasons.ts), for the window to word;
   * absent from older runs and rungs that do not say it yet (the window shows `reason`).
   */
  readonly why?: Said;
}

// ---------------------------------------------------------------------------------------
// Commands that act on a run (renderer → host → trainer)

export type RunCommand =
  | { readonly type: 'pause'; readonly runId: string }
  | { readonly type: 'resume'; readonly runId: string }
  | { readonly type: 'stop'; readonly runId: string }
  /** Change a live parameter (for the VAE: 'beta' or 'learningRate'). */
  | { readonly type: 'set-param'; readonly runId: string; readonly name: string; readonly value: number }
  /** Ask for a fresh decoder snapshot now (otherwise sent at a bounded rate). */
  | { readonly type: 'request-decoder'; readonly runId: string };

/** Commands from the renderer (or any client) to the host. */
export type ClientCommand =
  | RunCommand
  | ({ readonly type: 'start'; readonly requestId: string } & StartSpec)
  | { readonly type: 'list-runs'; readonly requestId: string }
  /** Replay a run from disk (config, metrics, latest views) as events for that run. */
  | { readonly type: 'open-run'; readonly requestId: string; readonly runId: string }
  /** Delete a run's folder, and nothing else (refused while the run trains); answered with `runs`. */
  | { readonly type: 'delete-run'; readonly requestId: string; readonly runId: string }
  /** Give a run a name of its own (1–80 characters, no control characters); answered with `runs`. */
  | {
      readonly type: 'rename-run';
      readonly requestId: string;
      readonly runId: string;
      readonly name: string;
    }
  /** Save an export (PNG, SVG, CSV) under the run's exports/ folder; `name` is a bare file name. */
  | {
      readonly type: 'save-export';
      readonly requestId: string;
      readonly runId: string;
      readonly name: string;
      readonly bytes: Uint8Array;
    };

/** Commands from the host to a trainer process. */
export type TrainerCommand =
  | RunCommand
  | ({
      readonly type: 'start';
      readonly runId: string;
      /** Absolute path of the run folder (the trainer writes checkpoints there). */
      readonly runDir: string;
      /** Explicit backend (--backend); without it the ladder decides. */
      readonly backend?: BackendName;
      /** ONNX Runtime's intra-op threads (--threads); all cores without it. */
      readonly threads?: number;
    } & StartSpec);

// ---------------------------------------------------------------------------------------
// Events (trainer → host → renderer)

export type RunState = 'starting' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

/** A trainer's memory when it sent a status (trainer/memory.ts). */
export interface TrainerMemory {
  /** The process's resident set size, bytes. */
  readonly rssBytes: number;
  /** Live TensorFlow.js tensors. */
  readonly tensors: number;
}

export interface StatusEvent {
  readonly type: 'status';
  readonly runId: string;
  readonly state: RunState;
  readonly backend: BackendInfo | null;
  readonly epoch: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  /** Training throughput over the last few seconds (0 when unknown). */
  readonly samplesPerSecond: number;
  /** The trainer's memory, when the trainer sent it (to watch long runs for leaks). */
  readonly memory?: TrainerMemory;
  /**
   * What the run is doing while it takes no training steps (data, a warm-up, a probe), as a
   * coded sentence, e.g. "measuring the baselines: linear probes on a random encoder and on
   * raw pixels"; absent while it trains.
   */
  readonly phase?: Said;
  /** For a sweep of models trained one after another (the conv lab's n = 1 … 64): where it is. */
  readonly sweep?: SweepPosition;
}

/** The model a sweep trains now, e.g. model 3 of 7 (n = 4), at step 120 of its 2000. */
export interface SweepPosition {
  /** 1-based. */
  readonly model: number;
  readonly models: number;
  /** What sets this model apart, e.g. "n = 4". */
  readonly label: string;
  /** Steps this model has taken, and will take in all. */
  readonly modelStep: number;
  readonly modelSteps: number;
}

/** A batch of scalar points; each column has one value per step. */
export interface MetricsEvent {
  readonly type: 'metrics';
  readonly runId: string;
  readonly split: 'train' | 'test';
  /** Global optimisation step of each point. */
  readonly steps: Float64Array;
  /** Fractional epoch of each point (step / stepsPerEpoch). */
  readonly epochs: Float64Array;
  /** For the VAE: recon (BCE per sample), kl (per sample), total (recon + β·kl). */
  readonly columns: Readonly<Record<string, Float32Array>>;
}

/** A grid of grey images, pixels in 0..255, row-major, image after image. */
export interface ImagesEvent {
  readonly type: 'images';
  readonly runId: string;
  /** VAE views: 'originals', 'reconstructions', 'samples', 'manifold'. */
  readonly view: string;
  readonly step: number;
  readonly width: number;
  readonly height: number;
  readonly count: number;
  /** Images per row in the intended layout. */
  readonly columns: number;
  readonly pixels: Uint8Array;
  /** For the manifold: the latent rectangle the grid spans. */
  readonly extent?: {
    readonly xMin: number;
    readonly xMax: number;
    readonly yMin: number;
    readonly yMax: number;
  };
}

/** The test set's latent codes, for the 2-D scatter. */
export interface ScatterEvent {
  readonly type: 'scatter';
  readonly runId: string;
  readonly step: number;
  readonly epoch: number;
  readonly latentDim: number;
  readonly labels: Uint8Array;
  /** Latent means μ, [n, d]. */
  readonly means: Float32Array;
  /** σ of each code, [n, d]; null for the classic autoencoder. */
  readonly sigmas: Float32Array | null;
  /** The 2-D points drawn, [n, 2]: μ itself for d = 2, its PCA projection for d > 2. */
  readonly points: Float32Array;
  /** σ along the two drawn axes, [n, 2] (bubbles); null for the classic autoencoder. */
  readonly spreads: Float32Array | null;
  /** For d > 2: z = center + x·axes[0] + y·axes[1] (axes [2, d], orthonormal); null for d ≤ 2. */
  readonly projection: { readonly center: Float32Array; readonly axes: Float32Array } | null;
}

/**
 * A snapshot of the decoder, for decoding under the pointer in the renderer:
 *   x̂ = sigmoid(relu(z·w1 + b1)·w2 + b2), w1 [d, h], w2 [h, outputDim], row-major.
 */
export interface DecoderEvent {
  readonly type: 'decoder';
  readonly runId: string;
  readonly step: number;
  readonly latentDim: number;
  readonly hiddenDim: number;
  readonly outputDim: number;
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

/** The test digits of a run, sent once, so the renderer can show chosen ones. */
export interface DatasetEvent {
  readonly type: 'dataset';
  readonly runId: string;
  readonly width: number;
  readonly height: number;
  readonly labels: Uint8Array;
  readonly pixels: Uint8Array;
}

/** A typed array a generic view carries (pixels, grids, curves, codes, weights). */
export type ViewArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/**
 * A generic heavy view of any lab: named typed arrays with their shapes, and a few scalars.
 * E.g. the sparse lab's dictionary ({ atoms: [n, h, w] }), the energy lab's landscape
 * ({ energy: [128, 128], particles: [m, 2] }), convergence curves ({ ista: [k], fista: [k] }).
 * The latest of each `view` is kept in the run folder; with `keep` it is also kept as a
 * snapshot (views/history/) so the user can step back through training.
 */
export interface ArraysEvent {
  readonly type: 'arrays';
  readonly runId: string;
  /** Lower-case name: letters, digits and '-', at most 40 characters. */
  readonly view: string;
  readonly step: number;
  readonly arrays: Readonly<Record<string, ViewArray>>;
  /** The shape of each array, row-major (product = length). */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** Scalars and short strings that go with the arrays (extent, λ, a sentence…). */
  readonly info?: Readonly<Record<string, number | string | boolean>>;
  /** Also keep this one as a snapshot in the run's history. */
  readonly keep?: boolean;
}

export interface CheckpointEvent {
  readonly type: 'checkpoint';
  readonly runId: string;
  readonly step: number;
  readonly epoch: number;
  /** File name inside the run folder. */
  readonly file: string;
}

/** An error: a coded sentence (protocol/texts.ts) the window words; `message` is its English. */
export interface ErrorEvent extends Said {
  readonly type: 'error';
  readonly runId: string | null;
  /** The config field at fault, when the error is about one. */
  readonly field?: string;
  /** Echoed when the error answers a request. */
  readonly requestId?: string;
  /**
   * The run cannot go on (a file of its folder could not be written, e.g. a full disk): the
   * host ends it as failed with this message and stops its trainer.
   */
  readonly fatal?: boolean;
}

export type DoneReason = 'completed' | 'stopped' | 'diverged' | 'failed';

/**
 * The end of a run, with its closing sentence as a code with parameters (protocol/texts.ts),
 * e.g. "The loss became NaN at step 412; …"; `message` is its English (the CLI, done.json).
 */
export interface DoneEvent extends Said {
  readonly type: 'done';
  readonly runId: string;
  readonly reason: DoneReason;
}

export type TrainerEvent =
  | StatusEvent
  | MetricsEvent
  | ImagesEvent
  | ScatterEvent
  | DecoderEvent
  | DatasetEvent
  | ArraysEvent
  | CheckpointEvent
  | ErrorEvent
  | DoneEvent;

// ---------------------------------------------------------------------------------------
// Host events (host → renderer)

export interface RunSummary {
  readonly runId: string;
  readonly lab: LabName;
  readonly config: LabConfigs[LabName];
  /** A short label, e.g. "VAE · d = 2" (protocol/labs.ts describeRun). */
  readonly label: string;
  /** The name the user gave the run (rename-run), if any. */
  readonly name?: string;
  /** ISO time the run was created. */
  readonly createdAt: string;
  readonly state: RunState;
  readonly lastStep: number;
  /** The headline column of the last test point (protocol/<lab>/metrics.ts), when known. */
  readonly lastTestLoss: number | null;
}

/** A folder of the runs folder that looks like a run but cannot be read as one. */
export interface DamagedRun {
  /** The folder's name. */
  readonly runId: string;
  /** What is wrong, e.g. "config.json is not valid JSON (it may be cut short)". */
  readonly problem: string;
}

export type HostEvent =
  | {
      readonly type: 'hello';
      readonly version: string;
      /** The rung a new trainer would pick, probed without loading TensorFlow. */
      readonly backend: BackendInfo;
      readonly runsDir: string;
    }
  | ({ readonly type: 'run-created'; readonly requestId: string; readonly runId: string } & StartSpec)
  | {
      readonly type: 'runs';
      readonly requestId: string;
      readonly runs: readonly RunSummary[];
      /** Folders in the runs folder that cannot be read as runs, and why. */
      readonly damaged: readonly DamagedRun[];
    }
  | ({
      readonly type: 'run-opened';
      readonly requestId: string;
      readonly runId: string;
      /** The values set live while it trained, oldest first (the run folder's params.jsonl). */
      readonly params?: readonly LiveChange[];
    } & StartSpec)
  | {
      readonly type: 'export-saved';
      readonly requestId: string;
      readonly runId: string;
      readonly file: string;
    };

/** A live value a run took while it trained: set at `step` (epoch `epoch`), at `at` (ms since 1970). */
export interface LiveChange {
  readonly name: string;
  readonly value: number;
  readonly step: number;
  readonly epoch: number;
  readonly at: number;
}

export type LabEvent = TrainerEvent | HostEvent;
