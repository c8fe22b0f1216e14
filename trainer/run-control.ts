/**
 * The part of every run loop that is not the model, for every lab: run state (running ⇄
 * paused, stop), live parameters (checked against the lab's table, protocol/live-params.ts),
 * scalar metrics batched into MetricsEvents, status at a steady cadence, the rate of heavy
 * views, checkpoints, the divergence sentence and the final done event. A lab's experiment
 * owns its maths and calls, per optimisation step:
 *
 *   if ((await control.gate()) === 'stop') return control.finish('stopped', …);
 *   …one step…
 *   if (!Number.isFinite(loss)) { control.steppedAstray(samples); return control.diverged(…); }
 *   control.stepped(samples, { loss, … });
 *   if (control.viewsDue()) { …post views…; control.viewsSent(ms); }
 *
 * and `await control.checkpoint(weights)` where it keeps its weights (an epoch end, Stop).
 *
 * Streaming budget: scalars leave every `metricsMs`, status every `statusMs`, views at most
 * every `viewsMs` and never more than 10 % of the time.
 */
import type { NamedWeights } from '../models/weights.js';
import type { FieldTable } from '../protocol/fields.js';
import { checkLiveParamIn, isLiveParam, liveValues } from '../protocol/live-params.js';
import type {
  BackendInfo,
  DoneEvent,
  DoneReason,
  MetricsEvent,
  RunCommand,
  RunState,
  TrainerEvent,
} from '../protocol/messages.js';
import { CHECKPOINT_JSON, firstNonFinite, writeCheckpoint } from './checkpoint.js';
import { divergedSentence, type DivergedAdvice } from './divergence.js';
import { sayShared, type Said } from '../protocol/texts.js';
import { trainerMemory } from './memory.js';
import { createThroughputMeter } from './throughput.js';

export interface StreamTiming {
  readonly metricsMs: number;
  readonly statusMs: number;
  readonly viewsMs: number;
}
export const defaultTiming: StreamTiming = { metricsMs: 200, statusMs: 1000, viewsMs: 1000 };

/** The run, as every lab's experiment is given it (trainer/lab.ts ExperimentContext). */
export interface RunContext<P extends string = never> {
  readonly runId: string;
  /** Absolute path of the run folder (checkpoints go there). */
  readonly runDir: string;
  readonly backend: BackendInfo;
  readonly post: (event: TrainerEvent) => void;
  /** The run's config: the live parameters' values at the start. */
  readonly config: Readonly<Record<P, number>>;
  readonly timing?: Partial<StreamTiming>;
  /** Milliseconds clock (performance.now by default). */
  readonly now?: () => number;
}

export interface RunControlOptions<P extends string = never> {
  readonly totalSteps: number;
  /** Steps per epoch (or per "round" for labs without epochs); ≥ 1. */
  readonly stepsPerEpoch: number;
  /**
   * The parameters the user may change while it trains, with their ranges: the lab's table in
   * protocol/<lab>/config.ts.
   */
  readonly live?: FieldTable<P>;
  /** 'request-decoder' (or any "send the views now" request). */
  readonly onRequestViews?: () => void;
}

export interface RunControl<P extends string = never> {
  readonly runId: string;
  /** The live parameters' current values. */
  readonly params: Readonly<Record<P, number>>;
  readonly step: number;
  readonly state: RunState;
  readonly stopRequested: boolean;
  handle(command: RunCommand): void;
  /** Status 'running' and the start of the throughput window. */
  begin(): void;
  /** Waits while paused, yields to the event loop, then says whether to go on. */
  gate(): Promise<'go' | 'stop'>;
  /** One step done on `samples` samples with these scalars (NaN allowed: it is logged as null). */
  stepped(samples: number, scalars: Readonly<Record<string, number>>): void;
  /**
   * One step done whose loss came out NaN or infinite: counted (the run stops at it, and its
   * status names it), but its scalars stay out of the metrics, which hold only good steps.
   */
  steppedAstray(samples: number): void;
  /** One point of another series now (e.g. the test split at the end of an epoch). */
  point(split: 'train' | 'test', scalars: Readonly<Record<string, number>>): void;
  /** Sends the batched scalars now. */
  flush(): void;
  /** Whether the heavy views are due now. */
  viewsDue(): boolean;
  /** Call after sending views; `costMs` is the time they took. */
  viewsSent(costMs: number): void;
  status(next?: RunState): void;
  error(said: Said, field?: string): void;
  /** A file of the run could not be written (e.g. the checkpoint on a full disk): the host ends the run. */
  writeFailed(said: Said): void;
  /**
   * Writes a checkpoint of `weights` at this step and announces it. Weights that are not all
   * finite are not written (false). A write that fails ends the run (writeFailed) and still
   * answers true: the weights were fine.
   */
  checkpoint(weights: NamedWeights): Promise<boolean>;
  /** The step of the last checkpoint written, or null. */
  readonly checkpointStep: number | null;
  /**
   * Ends the run as diverged with the sentence every lab shares, e.g. "The loss became NaN at
   * step 12; training stopped and kept the checkpoint of step 9. Try a smaller learning rate.",
   * posted as an error too. `what` opens it; `advice` ends it (trainer/divergence.ts).
   */
  diverged(what: Said, advice: DivergedAdvice): DoneEvent;
  /** Posts the last metrics, the final status and done with its closing sentence. */
  finish(reason: DoneReason, said: Said): DoneEvent;
  readonly finished: boolean;
}

const SHARE = 0.1;
const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const finalState: Readonly<Record<DoneReason, RunState>> = {
  completed: 'done',
  stopped: 'stopped',
  diverged: 'failed',
  failed: 'failed',
};

export function createRunControl<P extends string = never>(
  run: RunContext<NoInfer<P>>,
  options: RunControlOptions<P>,
): RunControl<P> {
  const { runId, runDir, backend, post } = run;
  const timing = { ...defaultTiming, ...run.timing };
  const now = run.now ?? (() => performance.now());
  const perEpoch = Math.max(1, options.stepsPerEpoch);
  const table: FieldTable<P> = options.live ?? ({} as FieldTable<P>);
  const params: Record<P, number> = liveValues(table, run.config);
  const meter = createThroughputMeter();
  let state: RunState = 'starting';
  let step = 0;
  let samples = 0;
  let stopRequested = false;
  let finished = false;
  let wake: (() => void) | null = null;
  let lastStatus = -Infinity;
  let lastFlush = -Infinity;
  let lastViews = -Infinity;
  let viewCost = 0;
  let checkpointStep: number | null = null;
  let buffer: { step: number; scalars: Readonly<Record<string, number>> }[] = [];

  const epochOf = (s: number): number => s / perEpoch;

  function metricsEvent(
    split: 'train' | 'test',
    points: readonly { step: number; scalars: Readonly<Record<string, number>> }[],
  ): MetricsEvent {
    const names = [...new Set(points.flatMap((p) => Object.keys(p.scalars)))];
    const columns: Record<string, Float32Array> = {};
    for (const name of names) columns[name] = Float32Array.from(points, (p) => p.scalars[name] ?? Number.NaN);
    return {
      type: 'metrics',
      runId,
      split,
      steps: Float64Array.from(points, (p) => p.step),
      epochs: Float64Array.from(points, (p) => epochOf(p.step)),
      columns,
    };
  }

  const control: RunControl<P> = {
    runId,
    params,
    get checkpointStep() {
      return checkpointStep;
    },
    get step() {
      return step;
    },
    get state() {
      return state;
    },
    get stopRequested() {
      return stopRequested;
    },
    get finished() {
      return finished;
    },
    handle(command) {
      if (command.runId !== runId)
        return control.error(sayShared('wrongRun', { runId, other: command.runId }));
      if (finished) return control.error(sayShared('runFinished', { runId, command: command.type }));
      switch (command.type) {
        case 'pause':
          if (state === 'running') control.status('paused');
          return;
        case 'resume':
          if (state === 'paused') {
            meter.reset();
            meter.mark(samples, now());
            control.status('running');
            wake?.();
          }
          return;
        case 'stop':
          stopRequested = true;
          wake?.();
          return;
        case 'set-param': {
          const { name, value } = command;
          const bad = checkLiveParamIn(table, name, value);
          if (bad) return control.error(bad, bad.field);
          if (isLiveParam(table, name)) params[name] = value;
          return;
        }
        case 'request-decoder':
          options.onRequestViews?.();
          return;
      }
    },
    begin() {
      meter.mark(0, now());
      control.status('running');
    },
    async gate() {
      await nextTick();
      while (state === 'paused' && !stopRequested) {
        control.flush();
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return stopRequested ? 'stop' : 'go';
    },
    stepped(n, scalars) {
      step++;
      samples += n;
      buffer.push({ step, scalars });
      const t = now();
      meter.mark(samples, t);
      if (step === 1 || t - lastFlush >= timing.metricsMs) control.flush();
      if (t - lastStatus >= timing.statusMs) control.status();
    },
    steppedAstray(n) {
      step++;
      samples += n;
    },
    point(split, scalars) {
      post(metricsEvent(split, [{ step, scalars }]));
    },
    flush() {
      lastFlush = now();
      if (buffer.length === 0) return;
      const points = buffer;
      buffer = [];
      post(metricsEvent('train', points));
    },
    viewsDue() {
      return now() - lastViews >= Math.max(timing.viewsMs, viewCost / SHARE);
    },
    viewsSent(costMs) {
      viewCost = costMs;
      lastViews = now();
    },
    status(next = state) {
      state = next;
      lastStatus = now();
      post({
        type: 'status',
        runId,
        state,
        backend,
        epoch: Math.floor(epochOf(step)),
        step,
        stepsPerEpoch: perEpoch,
        totalSteps: options.totalSteps,
        samplesPerSecond: meter.perSecond(),
        memory: trainerMemory(),
      });
    },
    error(said, field) {
      post({ type: 'error', runId, ...said, ...(field === undefined ? {} : { field }) });
    },
    writeFailed(said) {
      post({ type: 'error', runId, ...said, fatal: true }); // the host ends the run (host/lab-host.ts)
    },
    async checkpoint(weights) {
      if (firstNonFinite(weights) !== null) return false;
      const at = { step, epoch: epochOf(step) };
      try {
        await writeCheckpoint(runDir, weights, at);
        checkpointStep = at.step;
        post({ type: 'checkpoint', runId, ...at, file: CHECKPOINT_JSON });
      } catch (e) {
        control.writeFailed(
          sayShared('checkpointFailed', { step: at.step, error: e instanceof Error ? e.message : String(e) }),
        );
      }
      return true;
    },
    diverged(what, advice) {
      const said = divergedSentence(what, step, checkpointStep, advice);
      control.error(said);
      return control.finish('diverged', said);
    },
    finish(reason, said) {
      finished = true;
      control.flush();
      control.status(finalState[reason]);
      const done: DoneEvent = { type: 'done', runId, reason, ...said };
      post(done);
      return done;
    },
  };
  return control;
}
