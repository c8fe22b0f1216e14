/**
 * The part of every run loop that is not the model: run state (running ⇄ paused, stop),
 * live parameters, scalar metrics batched into MetricsEvents, status at a steady cadence,
 * the rate of heavy views, and the final done event. A lab's experiment owns its maths and
 * calls, per optimisation step:
 *
 *   if ((await control.gate()) === 'stop') return control.finish('stopped', …);
 *   …one step…
 *   control.stepped(samples, { loss, … });
 *   if (control.viewsDue()) { …post views…; control.viewsSent(ms); }
 *
 * Streaming budget (DESIGN.md): scalars leave every `metricsMs`, status every `statusMs`,
 * views at most every `viewsMs` and never more than 10 % of the time.
 */
import type { FieldError } from '../protocol/fields.js';
import type {
  BackendInfo,
  DoneEvent,
  DoneReason,
  MetricsEvent,
  RunCommand,
  RunState,
  TrainerEvent,
} from '../protocol/messages.js';
import { trainerMemory } from './memory.js';
import { createThroughputMeter } from './throughput.js';

export interface StreamTiming {
  readonly metricsMs: number;
  readonly statusMs: number;
  readonly viewsMs: number;
}
export const defaultTiming: StreamTiming = { metricsMs: 200, statusMs: 1000, viewsMs: 1000 };

export interface RunControlOptions {
  readonly runId: string;
  readonly backend: BackendInfo;
  readonly post: (event: TrainerEvent) => void;
  readonly totalSteps: number;
  /** Steps per epoch (or per "round" for labs without epochs); ≥ 1. */
  readonly stepsPerEpoch: number;
  readonly timing?: Partial<StreamTiming>;
  /** Milliseconds clock (performance.now by default). */
  readonly now?: () => number;
  /** Initial values of the parameters the user may change while it trains. */
  readonly params?: Readonly<Record<string, number>>;
  /** Checks a live parameter; an error names the parameter and its range. */
  readonly checkParam?: (name: string, value: number) => FieldError | null;
  /** 'request-decoder' (or any "send the views now" request). */
  readonly onRequestViews?: () => void;
}

export interface RunControl {
  readonly runId: string;
  readonly params: Readonly<Record<string, number>>;
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
  error(message: string, field?: string): void;
  /** A file of the run could not be written (e.g. the checkpoint on a full disk): the host ends the run. */
  writeFailed(message: string): void;
  /** Posts the last metrics, the final status and done. */
  finish(reason: DoneReason, message: string): DoneEvent;
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

export function createRunControl(options: RunControlOptions): RunControl {
  const { runId, backend, post } = options;
  const timing = { ...defaultTiming, ...options.timing };
  const now = options.now ?? (() => performance.now());
  const perEpoch = Math.max(1, options.stepsPerEpoch);
  const params: Record<string, number> = { ...options.params };
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

  const control: RunControl = {
    runId,
    params,
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
      if (command.runId !== runId) return control.error(`This trainer runs ${runId}, not ${command.runId}.`);
      if (finished)
        return control.error(`Run ${runId} has finished; it no longer takes ${command.type} commands.`);
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
          if (!(command.name in params)) {
            const names = Object.keys(params);
            return control.error(
              `${command.name} cannot be changed while this run trains${names.length ? `; live parameters: ${names.join(', ')}` : ''}.`,
              command.name,
            );
          }
          const bad = options.checkParam?.(command.name, command.value) ?? null;
          if (bad) return control.error(bad.message, bad.field);
          params[command.name] = command.value;
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
    error(message, field) {
      post({ type: 'error', runId, message, ...(field === undefined ? {} : { field }) });
    },
    writeFailed(message) {
      post({ type: 'error', runId, message, fatal: true });
    },
    finish(reason, message) {
      finished = true;
      control.flush();
      control.status(finalState[reason]);
      const done: DoneEvent = { type: 'done', runId, reason, message };
      post(done);
      return done;
    },
  };
  return control;
}
