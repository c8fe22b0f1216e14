/**
 * The VAE run loop (the course's 11-VAE notebook, streamed): for each epoch, shuffle the
 * training digits, take one Adam step per minibatch (models/vae/vae.ts), then evaluate the test
 * split at z = μ and checkpoint. The run control (trainer/run-control.ts) does the rest, as for
 * every lab: pause, resume, stop, set-param (β and the learning rate, protocol/vae/config.ts)
 * and request-decoder arrive between steps; train losses (recon, kl, total) leave in batches,
 * test losses once per epoch, status at a steady cadence and on each change of state, heavy
 * views (views.ts: reconstructions, samples, scatter, decoder, manifold) within its view
 * budget, and always at the end of the run. A NaN or infinite loss stops the run ('diverged')
 * and never overwrites the last good checkpoint.
 */
import { mkdir } from 'node:fs/promises';
import { createRng } from '../../models/rng.js';
import type { VaeLosses, VaeModel } from '../../models/vae/vae-api.js';
import type { BackendInfo, DoneEvent, RunCommand, TrainerEvent } from '../../protocol/messages.js';
import { vaeLiveParams, type VaeConfig } from '../../protocol/vae/config.js';
import { sayVae } from '../../protocol/vae/texts.js';
import { epochsWord, nanWord, sayShared, type Said } from '../../protocol/texts.js';
import { batchPixels, epochOrder, stepsPerEpoch } from '../batches.js';
import { firstDigits, type DataSplit } from '../data/digits.js';
import { nanOrInfinite } from '../divergence.js';
import { createRunControl, type StreamTiming } from '../run-control.js';
import { chooseShown, evaluateDigits } from './evaluate.js';
import { createViewSender, datasetEvent, decoderEvent, originalsEvent, type ViewContext } from './views.js';

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
/** The metric columns of a VAE run, in this order. */
const columns = (l: VaeLosses) => ({ recon: l.recon, kl: l.kl, total: l.total });

export function createVaeExperiment(options: VaeExperimentOptions): VaeExperiment {
  const { runId, runDir, config, data, model, post } = options;
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
  const control = createRunControl(options, {
    totalSteps,
    stepsPerEpoch: perEpoch,
    live: vaeLiveParams,
    onRequestViews: (): void => post(decoderEvent(ctx, control.step)),
  });
  const sendAll = createViewSender(ctx, config.variant, post);
  const epochAt = (s: number): number => s / perEpoch;

  /** Every heavy view now, its cost counted against the view budget. */
  async function sendViews(): Promise<void> {
    const t0 = performance.now();
    await sendAll(control.step, epochAt(control.step));
    control.viewsSent(performance.now() - t0);
  }

  /** `what` opens the sentence, e.g. "The loss became NaN". */
  const diverged = (what: Said): DoneEvent =>
    control.diverged(what, {
      where: sayShared('atEpoch', { epoch: Math.floor(epochAt(control.step)) + 1 }),
      tip: sayShared('tipLearningRate'),
    });

  async function stopNow(): Promise<DoneEvent> {
    control.flush();
    if (!(await control.checkpoint(model.getWeights()))) return diverged(sayShared('weightsNotFinite'));
    await sendViews();
    const { step } = control;
    return control.finish('stopped', sayVae('vaeStopped', { step, steps: totalSteps }));
  }

  async function run(): Promise<DoneEvent> {
    await mkdir(runDir, { recursive: true });
    post(datasetEvent(ctx));
    post(originalsEvent(ctx));
    // The first heavy views go out right after the first loss point (views are due at step 1),
    // so the first point is not held up by them.
    control.begin();
    const started = now();
    let test: VaeLosses | null = null;
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const order = epochOrder(data.train.count, orderRng);
      for (let b = 0; b < perEpoch; b++) {
        if ((await control.gate()) === 'stop') return stopNow();
        const pixels = batchPixels(data.train, order, b, config.batchSize); // [b, 784]
        const n = pixels.length / (data.train.width * data.train.height);
        const { beta, learningRate } = control.params;
        const losses = await model.trainStep(pixels, beta, learningRate, noiseRng.nextSeed());
        if (!isFiniteLoss(losses)) {
          control.steppedAstray(n); // the last batch of an epoch may be smaller
          return diverged(
            sayShared('lossBecame', { how: nanWord(nanOrInfinite(losses.total, losses.recon, losses.kl)) }),
          );
        }
        control.stepped(n, columns(losses));
        if (control.viewsDue()) await sendViews();
      }
      control.flush();
      test = await evaluateDigits(model, data.test, control.params.beta);
      if (!isFiniteLoss(test))
        return diverged(
          sayShared('testLossBecame', { how: nanWord(nanOrInfinite(test.total, test.recon, test.kl)) }),
        );
      control.point('test', columns(test));
      if (!(await control.checkpoint(model.getWeights()))) return diverged(sayShared('weightsNotFinite'));
      // Epoch ends keep to the view budget too (a fast engine ends an epoch every second or
      // so); the last one always refreshes every view.
      if (epoch === config.epochs - 1 || control.viewsDue()) await sendViews();
      control.status();
    }
    const seconds = ((now() - started) / 1000).toFixed(1);
    const summary = test
      ? sayVae('vaeDoneSummary', {
          loss: test.total.toFixed(1),
          recon: test.recon.toFixed(1),
          kl: test.kl.toFixed(1),
        })
      : '';
    return control.finish(
      'completed',
      sayVae('vaeDone', { epochs: epochsWord(config.epochs), steps: control.step, seconds, summary }),
    );
  }

  return { handle: (command) => control.handle(command), run };
}
