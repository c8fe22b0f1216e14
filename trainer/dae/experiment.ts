/**
 * The MNIST denoising autoencoder's run loop (models/dae/denoiser.ts): epochs of
 * shuffled minibatches of the embedded digits, one Adam step each on freshly corrupted
 * copies; live noise strength and learning rate. Views (images events, at the bounded view
 * rate and at every epoch end): 12 fixed test digits 'clean', their 'corrupted' copies (a
 * fixed noise draw, so only the strength changes them) and the 'denoised' outputs. The test
 * loss (per digit, Σ pixels squared error) is one point per epoch, followed by a checkpoint.
 * A NaN or infinite loss (or test loss), or weights that are no longer finite at an epoch end,
 * stop the run ('diverged'); the step that diverged posts no metrics, and the last good
 * checkpoint is kept.
 */
import { mkdir } from 'node:fs/promises';
import { createImageDenoiser } from '../../models/dae/denoiser.js';
import { createRng } from '../../models/rng.js';
import { denoiserLiveParams, type DenoiserConfig } from '../../protocol/dae/config.js';
import type { DoneEvent, ImagesEvent } from '../../protocol/messages.js';
import { sayDenoiser } from '../../protocol/dae/texts.js';
import { epochsWord, nanWord, sayShared, type Said } from '../../protocol/texts.js';
import { firstDigits, toBytes, type DataSplit } from '../data/digits.js';
import { nanOrInfinite } from '../divergence.js';
import type { Experiment, ExperimentContext } from '../lab.js';
import { createRunControl } from '../run-control.js';
import { batchPixels, epochOrder, stepsPerEpoch } from '../batches.js';

const SHOWN = 12;
const SHOWN_NOISE_SEED = 8080;
const TEST_DIGITS = 1000;

export function createDenoiserExperiment(
  ctx: ExperimentContext<DenoiserConfig>,
  data: DataSplit,
): Experiment {
  const { runId, runDir, config, post } = ctx;
  const { width, height } = data.train;
  const size = width * height;
  const model = createImageDenoiser(size, config.hiddenDim, config.seed, ctx.engine);
  const rng = createRng(config.seed ^ 0xdae);
  const orderRng = rng.fork();
  const noiseRng = rng.fork();
  const perEpoch = stepsPerEpoch(data.train.count, config.batchSize);
  const shown = firstDigits(data.test, SHOWN);
  const test = firstDigits(data.test, TEST_DIGITS);
  const control = createRunControl(ctx, {
    totalSteps: perEpoch * config.epochs,
    stepsPerEpoch: perEpoch,
    live: denoiserLiveParams,
  });
  const live = () => ({ noise: config.noise, ...control.params });

  const images = (view: string, step: number, pixels: Float32Array): ImagesEvent => ({
    type: 'images',
    runId,
    view,
    step,
    width,
    height,
    count: SHOWN,
    columns: SHOWN,
    pixels: toBytes(pixels),
  });

  async function sendViews(step: number): Promise<void> {
    const started = performance.now();
    const { strength, noise } = live();
    const noisy = await model.corrupt(shown.pixels, noise, strength, SHOWN_NOISE_SEED);
    const clean = await model.denoise(noisy);
    post(images('clean', step, shown.pixels));
    post(images('corrupted', step, noisy));
    post(images('denoised', step, clean));
    control.viewsSent(performance.now() - started);
  }

  function testLoss(): Promise<number> {
    const { strength, noise } = live();
    return model.loss(test.pixels, noise, strength, SHOWN_NOISE_SEED + 1);
  }

  /** Writes a checkpoint of finite weights; returns false when the weights are not finite. */
  const checkpoint = (): Promise<boolean> =>
    // Checkpoint names as before the graph: w0, w1 … in layer order (W₀, b₀, W₁, b₁).
    control.checkpoint(Object.fromEntries(Object.values(model.weights()).map((w, i) => [`w${i}`, w])));

  /** `what` opens the sentence, e.g. "The loss became NaN". */
  const diverged = (what: Said): DoneEvent => control.diverged(what, { tip: sayShared('tipLearningRate') });

  async function run(): Promise<DoneEvent> {
    await mkdir(runDir, { recursive: true });
    control.begin();
    await sendViews(0);
    let lastTest = Number.NaN;
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const order = epochOrder(data.train.count, orderRng);
      for (let b = 0; b < perEpoch; b++) {
        if ((await control.gate()) === 'stop') {
          if (!(await checkpoint())) return diverged(sayShared('weightsNotFinite'));
          return control.finish('stopped', sayShared('stoppedAtStep', { step: control.step }));
        }
        const pixels = batchPixels(data.train, order, b, config.batchSize); // [b, 784]
        const n = pixels.length / size;
        const loss = await model.step(pixels, live(), noiseRng.nextSeed());
        if (!Number.isFinite(loss)) {
          control.steppedAstray(n);
          return diverged(sayShared('lossBecame', { how: nanWord(nanOrInfinite(loss)) }));
        }
        control.stepped(n, { loss });
        if (control.viewsDue()) await sendViews(control.step);
      }
      control.flush();
      // A step's loss is that of the weights before its update: the last update shows only here.
      lastTest = await testLoss();
      if (!Number.isFinite(lastTest))
        return diverged(sayShared('testLossBecame', { how: nanWord(nanOrInfinite(lastTest)) }));
      control.point('test', { loss: lastTest });
      await sendViews(control.step);
      if (!(await checkpoint())) return diverged(sayShared('weightsNotFinite'));
    }
    return control.finish(
      'completed',
      sayDenoiser('daeDone', {
        epochs: epochsWord(config.epochs),
        steps: control.step,
        loss: lastTest.toFixed(2),
      }),
    );
  }

  return { handle: (command) => control.handle(command), run, dispose: () => model.dispose() };
}
