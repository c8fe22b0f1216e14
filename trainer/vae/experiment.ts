/**
 * The VAE run loop (the course's 11-VAE notebook, streamed): for each epoch, shuffle the
 * training digits, take one Adam step per minibatch (models/vae.ts), then evaluate the test
 * split at z = μ and checkpoint. Every step yields to the event loop, so pause, resume, stop,
 * set-param and request-decoder arrive between steps.
 *
 * Streaming budget (DESIGN.md): train losses leave in batches (every `metricsMs`), test
 * losses once per epoch, status every `statusMs` and on each change of state, heavy views
 * (reconstructions, samples, scatter, decoder, manifold) at most every `viewsMs` — stretched
 * so they take ≤ 10 % of the time — and always at the end of the run. A NaN or infinite loss stops
 * the run ('diverged') and never overwrites the last good checkpoint.
 */
import { mkdir } from 'node:fs/promises';
import { createRng } from '../../models/rng.js';
import type { VaeLosses, VaeModel } from '../../models/vae/vae-api.js';
import type { BackendInfo, DoneEvent, RunCommand, RunState, TrainerEvent } from '../../protocol/messages.js';
import type { VaeConfig } from '../../protocol/vae/config.js';
import { firstDigits, type DataSplit } from '../data/digits.js';
import { trainerMemory } from '../memory.js';
import { defaultTiming, type StreamTiming } from '../run-control.js';
import { batchPixels, epochOrder, stepsPerEpoch } from '../batches.js';
import { firstNonFinite, writeCheckpoint, CHECKPOINT_JSON } from '../checkpoint.js';
import { checkLiveParam, type LiveParams } from './live-params.js';
import { createMetricsBuffer, singlePointEvent } from './metrics-buffer.js';
import { chooseShown, evaluateDigits } from './evaluate.js';
import { createThroughputMeter } from '../throughput.js';
import { createViewStreamer } from './view-streamer.js';
import { datasetEvent, originalsEvent, type ViewContext } from './views.js';

export { defaultTiming, type StreamTiming } from '../run-control.js';

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

const SCATTER_POINTS = 1000;
const isFiniteLoss = (l: VaeLosses): boolean =>
  Number.isFinite(l.total) && Number.isFinite(l.recon) && Number.isFinite(l.kl);
const nanOrInfinite = (l: VaeLosses): string =>
  [l.total, l.recon, l.kl].some(Number.isNaN) ? 'NaN' : 'infinite';
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
  let samplesSeen = 0;
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
      memory: trainerMemory(),
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

  /** Writes a checkpoint of finite weights; returns false when the weights are not finite. */
  async function checkpoint(): Promise<boolean> {
    const weights = model.getWeights();
    if (firstNonFinite(weights) !== null) return false;
    try {
      await writeCheckpoint(runDir, weights, { step, epoch: epochAt(step) });
      checkpointStep = step;
      post({ type: 'checkpoint', runId, step, epoch: epochAt(step), file: CHECKPOINT_JSON });
    } catch (e) {
      const message = `Could not write the checkpoint of step ${step}: ${e instanceof Error ? e.message : String(e)}.`;
      post({ type: 'error', runId, message, fatal: true }); // the host ends the run (lab-host.ts)
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

  /** `what` opens the sentence, e.g. "The loss became NaN". */
  function diverged(what: string): DoneEvent {
    const kept =
      checkpointStep === null
        ? 'no checkpoint had been written yet'
        : `kept the checkpoint of step ${checkpointStep}`;
    const message = `${what} at step ${step} (epoch ${Math.floor(epochAt(step)) + 1}); training stopped and ${kept}. Try a smaller learning rate.`;
    error(message);
    return finish('diverged', message, 'failed');
  }

  async function stopNow(): Promise<DoneEvent> {
    flush();
    if (!(await checkpoint())) return diverged('The weights became NaN or infinite');
    await views.all(step, epochAt(step));
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
        const pixels = batchPixels(data.train, order, b, config.batchSize); // [b, 784]
        const n = pixels.length / (data.train.width * data.train.height);
        const losses = await model.trainStep(pixels, params.beta, params.learningRate, noiseRng.nextSeed());
        step++;
        samplesSeen += n;
        if (!isFiniteLoss(losses)) return diverged(`The loss became ${nanOrInfinite(losses)}`);
        train.push(step, epochAt(step), losses);
        const t = now();
        meter.mark(samplesSeen, t); // the last batch of an epoch may be smaller
        if (step === 1 || t - lastFlush >= timing.metricsMs) flush();
        if (t - lastStatus >= timing.statusMs) status();
        await views.maybe(step, epochAt(step), t);
        await nextTick();
      }
      flush();
      test = await evaluateDigits(model, data.test, params.beta);
      if (!isFiniteLoss(test)) return diverged(`The test loss became ${nanOrInfinite(test)}`);
      post(singlePointEvent(runId, 'test', step, epochAt(step), test));
      if (!(await checkpoint())) return diverged('The weights became NaN or infinite');
      // Epoch ends keep to the view budget too (a fast engine ends an epoch every second or
      // so); the last one always refreshes every view.
      if (epoch === config.epochs - 1) await views.all(step, epochAt(step));
      else await views.maybe(step, epochAt(step), now());
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
