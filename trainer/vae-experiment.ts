/**
 * The VAE run loop (the course's 11-VAE notebook, streamed): for each epoch, shuffle the
 * training digits, take one Adam step per minibatch (models/vae.ts), then evaluate the test
 * split at z = μ and checkpoint. Every step yields to the event loop, so pause, resume, stop,
 * set-param and request-decoder arrive between steps.
 *
 * Streaming budget (DESIGN.md): train losses leave in batches (every `metricsMs`), test
 * losses once per epoch, status every `statusMs` and on each change of state, heavy views
 * (reconstructions, samples, scatter, decoder, manifold) at most every `viewsMs` — stretched
 * so they take ≤ 10 % of the time — and always at epoch end. A NaN or infinite loss stops
 * the run ('diverged') and never overwrites the last good checkpoint.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdir } from 'node:fs/promises';
import { createRng } from '../models/rng.js';
import type { VaeLosses, VaeModel } from '../models/vae-api.js';
import type { BackendInfo, DoneEvent, RunCommand, RunState, TrainerEvent } from '../protocol/messages.js';
import type { VaeConfig } from '../protocol/vae-config.js';
import { firstDigits, pickDigits, type DataSplit, type Digits } from './data/digits.js';
import { batchPixels, epochOrder, stepsPerEpoch } from './vae/batches.js';
import { firstNonFinite, writeCheckpoint, CHECKPOINT_JSON } from './vae/checkpoint.js';
import { checkLiveParam, type LiveParams } from './vae/live-params.js';
import { createMetricsBuffer } from './vae/metrics-buffer.js';
import { createThroughputMeter } from './vae/throughput.js';
import { createViewStreamer } from './vae/view-streamer.js';
import { datasetEvent, originalsEvent, type ViewContext } from './vae/views.js';

export interface StreamTiming {
  readonly metricsMs: number;
  readonly statusMs: number;
  readonly viewsMs: number;
}
export const defaultTiming: StreamTiming = { metricsMs: 200, statusMs: 1000, viewsMs: 1000 };

export interface VaeExperimentOptions {
  readonly runId: string;
  readonly runDir: string;
  readonly config: VaeConfig;
  readonly data: DataSplit;
  readonly model: VaeModel;
  readonly backend: BackendInfo;
  readonly post: (event: TrainerEvent) => void;
  readonly timing?: Partial<StreamTiming>;
  /** Milliseconds clock (performance.now by default). */
  readonly now?: () => number;
}

export interface VaeExperiment {
  /** A command for this run; answers with events through `post`. */
  handle(command: RunCommand): void;
  /** Trains to the end (or stop, or divergence); resolves with the done event it posted. */
  run(): Promise<DoneEvent>;
}

/** Up to 16 test digits, one of each class first, as the notebook's comparison grid. */
function chooseShown(digits: Digits, count = 16): Digits {
  const byLabel = new Map<number, number[]>();
  digits.labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
  const groups = [...byLabel.entries()].sort(([a], [b]) => a - b).map(([, list]) => list);
  const chosen: number[] = [];
  for (let round = 0; chosen.length < Math.min(count, digits.count); round++) {
    for (const list of groups) {
      const i = list[round];
      if (i !== undefined && chosen.length < count) chosen.push(i);
    }
  }
  return pickDigits(digits, chosen);
}

const EVAL_BATCH = 500;
const SCATTER_POINTS = 1000;
const isFiniteLoss = (l: VaeLosses): boolean =>
  Number.isFinite(l.total) && Number.isFinite(l.recon) && Number.isFinite(l.kl);
const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createVaeExperiment(options: VaeExperimentOptions): VaeExperiment {
  const { runId, runDir, config, data, model, backend, post } = options;
  const timing = { ...defaultTiming, ...options.timing };
  const now = options.now ?? (() => performance.now());
  const perEpoch = stepsPerEpoch(data.train.count, config.batchSize);
  const totalSteps = perEpoch * config.epochs;
  const rng = createRng(config.seed ^ 0x5eed);
  const sampleRng = rng.fork();
  const orderRng = rng.fork();
  const noiseRng = rng.fork();
  const scatterDigits = firstDigits(data.test, SCATTER_POINTS);
  const ctx: ViewContext = {
    runId,
    model,
    shown: chooseShown(scatterDigits),
    scatterDigits,
    sampleZ: Float32Array.from({ length: 16 * config.latentDim }, () => sampleRng.normal()),
  };
  const params: LiveParams = { beta: config.beta, learningRate: config.learningRate };
  const train = createMetricsBuffer(runId, 'train');
  const meter = createThroughputMeter();
  const views = createViewStreamer(ctx, config.variant, timing.viewsMs, post);
  let state: RunState = 'starting';
  let step = 0;
  let stopRequested = false;
  let finished = false;
  let wake: (() => void) | null = null;
  let lastStatus = -Infinity;
  let lastFlush = -Infinity;
  let checkpointStep: number | null = null;

  const epochAt = (s: number): number => s / perEpoch;
  const status = (next: RunState = state): void => {
    state = next;
    lastStatus = now();
    post({
      type: 'status',
      runId,
      state,
      backend,
      epoch: Math.floor(epochAt(step)),
      step,
      stepsPerEpoch: perEpoch,
      totalSteps,
      samplesPerSecond: meter.perSecond(),
    });
  };
  const flush = (): void => {
    const event = train.take();
    lastFlush = now();
    if (event) post(event);
  };
  const error = (message: string, field?: string): void =>
    post({ type: 'error', runId, message, ...(field === undefined ? {} : { field }) });

  function handle(command: RunCommand): void {
    if (command.runId !== runId) return error(`This trainer runs ${runId}, not ${command.runId}.`);
    if (finished) return error(`Run ${runId} has finished; it no longer takes ${command.type} commands.`);
    switch (command.type) {
      case 'pause':
        if (state === 'running') status('paused');
        return;
      case 'resume':
        if (state === 'paused') {
          meter.reset();
          status('running');
          wake?.();
        }
        return;
      case 'stop':
        stopRequested = true;
        wake?.();
        return;
      case 'set-param': {
        const bad = checkLiveParam(command.name, command.value);
        if (bad) return error(bad.message, bad.field);
        params[command.name as keyof LiveParams] = command.value;
        return;
      }
      case 'request-decoder':
        views.decoderNow(step);
        return;
    }
  }

  /** Per-sample means of the losses over the test split, at z = μ, in batches. */
  function evaluateTest(): VaeLosses {
    const sums = { recon: 0, kl: 0, total: 0 };
    const size = data.test.width * data.test.height;
    for (let from = 0; from < data.test.count; from += EVAL_BATCH) {
      const n = Math.min(EVAL_BATCH, data.test.count - from);
      const x = tf.tensor2d(data.test.pixels.subarray(from * size, (from + n) * size), [n, size]); // [n, 784]
      const losses = model.evaluate(x, params.beta);
      x.dispose();
      sums.recon += losses.recon * n;
      sums.kl += losses.kl * n;
      sums.total += losses.total * n;
    }
    const n = data.test.count;
    return { recon: sums.recon / n, kl: sums.kl / n, total: sums.total / n };
  }

  /** Writes a checkpoint of finite weights; returns false when the weights are not finite. */
  async function checkpoint(): Promise<boolean> {
    const weights = model.getWeights();
    if (firstNonFinite(weights) !== null) return false;
    try {
      await writeCheckpoint(runDir, weights, { step, epoch: epochAt(step) });
      checkpointStep = step;
      post({ type: 'checkpoint', runId, step, epoch: epochAt(step), file: CHECKPOINT_JSON });
    } catch (e) {
      error(`Could not write the checkpoint of step ${step}: ${e instanceof Error ? e.message : String(e)}.`);
    }
    return true;
  }

  function finish(reason: DoneEvent['reason'], message: string, final: RunState): DoneEvent {
    finished = true;
    flush();
    status(final);
    const done: DoneEvent = { type: 'done', runId, reason, message };
    post(done);
    return done;
  }

  function diverged(what: string): DoneEvent {
    const kept =
      checkpointStep === null
        ? 'no checkpoint had been written yet'
        : `kept the checkpoint of step ${checkpointStep}`;
    const message = `The loss became ${what} at step ${step} (epoch ${Math.floor(epochAt(step)) + 1}); training stopped and ${kept}. Try a smaller learning rate.`;
    error(message);
    return finish('diverged', message, 'failed');
  }

  async function stopNow(): Promise<DoneEvent> {
    flush();
    if (!(await checkpoint())) return diverged('NaN in the weights');
    views.all(step, epochAt(step));
    return finish(
      'stopped',
      `Stopped at step ${step} of ${totalSteps}; kept the checkpoint of step ${step}.`,
      'stopped',
    );
  }

  async function run(): Promise<DoneEvent> {
    await mkdir(runDir, { recursive: true });
    post(datasetEvent(ctx));
    post(originalsEvent(ctx));
    // The first heavy views go out right after the first loss point (views.maybe at step 1),
    // so the first point is not held up by them.
    meter.mark(0, now());
    status('running');
    const started = now();
    let test: VaeLosses | null = null;
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const order = epochOrder(data.train.count, orderRng);
      for (let b = 0; b < perEpoch; b++) {
        while (state === 'paused' && !stopRequested) await new Promise<void>((r) => (wake = r));
        if (stopRequested) return stopNow();
        const pixels = batchPixels(data.train, order, b, config.batchSize);
        const n = pixels.length / (data.train.width * data.train.height);
        const x = tf.tensor2d(pixels, [n, data.train.width * data.train.height]); // [b, 784]
        const losses = model.trainStep(x, params.beta, params.learningRate, noiseRng.nextSeed());
        x.dispose();
        step++;
        if (!isFiniteLoss(losses)) return diverged(Number.isNaN(losses.total) ? 'NaN' : 'infinite');
        train.push(step, epochAt(step), losses);
        const t = now();
        meter.mark(step * config.batchSize, t);
        if (step === 1 || t - lastFlush >= timing.metricsMs) flush();
        if (t - lastStatus >= timing.statusMs) status();
        views.maybe(step, epochAt(step), t);
        await nextTick();
      }
      flush();
      test = evaluateTest();
      if (!isFiniteLoss(test))
        return diverged(`${Number.isNaN(test.total) ? 'NaN' : 'infinite'} on the test split`);
      post(createTestEvent(runId, step, epochAt(step), test));
      if (!(await checkpoint())) return diverged('NaN in the weights');
      views.all(step, epochAt(step));
      status();
    }
    const seconds = ((now() - started) / 1000).toFixed(1);
    const summary = test
      ? `; test loss ${test.total.toFixed(1)} (reconstruction ${test.recon.toFixed(1)}, KL ${test.kl.toFixed(1)})`
      : '';
    return finish(
      'completed',
      `Trained ${config.epochs} epoch${config.epochs > 1 ? 's' : ''} (${step} steps) in ${seconds} s${summary}.`,
      'done',
    );
  }

  return { handle, run };
}

function createTestEvent(runId: string, step: number, epoch: number, losses: VaeLosses): TrainerEvent {
  const buffer = createMetricsBuffer(runId, 'test');
  buffer.push(step, epoch, losses);
  return buffer.take() as TrainerEvent;
}
