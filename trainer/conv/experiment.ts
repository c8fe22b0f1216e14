/**
 * The convolutional sparse-coding run loop (issue 4). One model (mode 'single') or the
 * lecture's sweep: n = 1, 2, 4 … kernels, one small model after another, each trained for
 * `steps` steps on random crops (models/conv/conv-sparse-coder.ts, its programs on the run's
 * engine: ONNX Runtime or TensorFlow.js):
 *
 *   L = ½‖y − Σᵢ Kᵢ ∗ Zᵢ‖² + λ‖Z‖₁ (+ α‖Z* − Enc(y)‖² for PSD),  ‖Kᵢ‖ = 1
 *
 * Adam's step decays linearly over the second half of each model's steps to 5 % of the
 * chosen rate: a constant rate leaves Adam's sign-like steps jittering the kernel pixels that
 * carry no signal, which shows as speckle in the pictures.
 * Decoder kernels start as Gaussian noise under a centred Gaussian window of σ = 2k/9 px
 * (models/conv ConvInitOptions): without it features grow at arbitrary offsets in the k×k
 * support, and the pictures show half-edges in corners rather than centred filters.
 * Per step the losses go out as metrics (recon, sparsity, prediction, total, zeros, n); views
 * (views.ts) go out at the rate run-control allows; after each model its kernels join the
 * sweep picture (kept as a snapshot) and are checkpointed. At the end (or on stop) the kernels
 * and the sweep are written to exports/ as PNG and SVG. λ and the learning rate may change
 * live. A NaN or infinite loss, or kernels that are no longer finite at a model's end, stop the
 * run ('diverged'); the step that diverged posts no metrics, and the last good checkpoint (of
 * the last model that finished) is kept.
 */
import { mkdir } from 'node:fs/promises';
import {
  createConvSparseCoder,
  imageBatch,
  randomCrops,
  type ConvSparseCoder,
  type KernelCount,
} from '../../models/conv/index.js';
import type { EngineFactory } from '../../models/graph/program.js';
import { createRng } from '../../models/rng.js';
import {
  convKernelCounts,
  convLiveParams,
  describeConv,
  type ConvLabConfig,
} from '../../protocol/conv/config.js';
import type { KernelRow } from '../../protocol/conv/picture.js';
import type { BackendInfo, DoneEvent, SweepPosition, TrainerEvent } from '../../protocol/messages.js';
import { sayConv } from '../../protocol/conv/texts.js';
import { nanWord, sayShared, type Said } from '../../protocol/texts.js';
import { nanOrInfinite } from '../divergence.js';
import type { Experiment } from '../lab.js';
import { createRunControl, type StreamTiming } from '../run-control.js';
import type { ConvImages } from './data.js';
import { writeKernelExports } from './exports.js';
import { kernelsView, mapsView, stackKernels, sweepRowOf, sweepView, type SweepRow } from './views.js';
import { describeFsError } from '../data/read-file.js';
import { withStatusDetail } from '../status-detail.js';

export interface ConvExperimentOptions {
  readonly runId: string;
  readonly runDir: string;
  readonly config: ConvLabConfig;
  readonly images: ConvImages;
  readonly backend: BackendInfo;
  /** What runs the coder's programs (ONNX Runtime or TensorFlow.js). */
  readonly engine?: EngineFactory;
  readonly post: (event: TrainerEvent) => void;
  readonly timing?: Partial<StreamTiming>;
}

/** σ of the centred window of the initial kernels, per pixel of kernel size. */
const INIT_SIGMA_PER_PIXEL = 2 / 9;

/** The learning rate at step `s` of `steps`: constant, then a linear decay to 5 %. */
export function scheduledRate(rate: number, s: number, steps: number): number {
  const half = steps / 2;
  if (s < half) return rate;
  return rate * Math.max(0.05, 1 - (s - half) / half);
}

const rowLabel = (n: number): string => `n = ${n}`;

export function createConvExperiment(options: ConvExperimentOptions): Experiment {
  const { runId, runDir, config, post } = options;
  const { images } = options.images;
  const counts = convKernelCounts(config);
  const k = config.kernelSize;
  const totalSteps = counts.length * config.steps;
  const rng = createRng(config.seed ^ 0xc0de);
  const size = config.imageSize;
  const viewImage = imageBatch(randomCrops(images, size, 1, createRng(config.seed ^ 0x1ea4))); // [1, S, S]
  let viewsNow = false;
  let model = 0;
  let modelStep = 0;
  let phase: Said | undefined;
  /** The model training now (the last one once the loop has run past it). */
  const sweepPosition = (): SweepPosition => {
    const at = Math.min(model, counts.length - 1);
    const label = rowLabel(counts[at] ?? 0);
    return { model: at + 1, models: counts.length, label, modelStep, modelSteps: config.steps };
  };
  const control = createRunControl(
    {
      ...options,
      // Status says which model of a sweep trains ("model 3 of 7"), and what the run does between steps.
      post: withStatusDetail(options.post, () => ({
        ...(phase ? { phase } : {}),
        ...(config.mode === 'sweep' ? { sweep: sweepPosition() } : {}),
      })),
    },
    {
      totalSteps,
      stepsPerEpoch: config.steps,
      live: convLiveParams,
      onRequestViews: () => (viewsNow = true),
    },
  );
  const sweep: SweepRow[] = [];
  let coder: ConvSparseCoder | null = null;
  const started = performance.now();

  async function sendViews(keep: boolean): Promise<void> {
    if (!coder) return;
    const t0 = performance.now();
    const info = { model, models: counts.length, lambda: coder.config.lambda };
    post(kernelsView(runId, control.step, coder.getKernels(), k, info, keep));
    post(await mapsView(runId, control.step, coder, viewImage, size, info));
    control.viewsSent(performance.now() - t0);
  }

  async function checkpoint(): Promise<void> {
    if (!coder) return;
    const kernels = coder.getKernels();
    const n = kernels.decoder.length;
    await control.checkpoint({
      decoder: { shape: [n, k, k], data: stackKernels(kernels.decoder, k) },
      encoder: { shape: [n, k, k], data: stackKernels(kernels.encoder, k) },
      gain: { shape: [n], data: kernels.gain },
      threshold: { shape: [n], data: kernels.threshold },
    });
  }

  const rowsOf = (rows: readonly SweepRow[]): KernelRow[] =>
    rows.map((r) => ({ label: rowLabel(r.count), count: r.count, encoder: r.encoder, decoder: r.decoder }));

  /** kernels.* of the current (or last) model and, for a sweep, sweep.*; a clause for the done sentence. */
  async function exportPictures(): Promise<Said | ''> {
    const written: string[] = [];
    try {
      const last = coder ? sweepRowOf(coder.getKernels(), k) : sweep[sweep.length - 1];
      if (last) {
        const title = `Kernels · ${describeConv({ ...config, mode: 'single', kernels: last.count as KernelCount })}`;
        written.push(...(await writeKernelExports(runDir, 'kernels', rowsOf([last]), k, title)));
      }
      if (config.mode === 'sweep' && sweep.length > 0)
        written.push(
          ...(await writeKernelExports(
            runDir,
            'sweep',
            rowsOf(sweep),
            k,
            `Filter sweep · ${describeConv(config)}`,
          )),
        );
    } catch (e) {
      control.writeFailed(sayConv('convExportFailed', { error: describeFsError(e) }));
    }
    return written.length
      ? sayConv('convPicturesIn', { files: written.map((f) => f.split('/').slice(-2).join('/')).join(', ') })
      : '';
  }

  /** `what` opens the sentence, e.g. "The loss became NaN". */
  const diverged = (what: Said): DoneEvent =>
    control.diverged(what, { where: sayConv('convAtN', { n: counts[model] ?? 0 }), tip: sayConv('convTip') });

  /** Whether the current model's kernels (gains and thresholds too) are all finite. */
  function kernelsFinite(): boolean {
    if (!coder) return true;
    const { decoder, encoder, gain, threshold } = coder.getKernels();
    return [...decoder, ...encoder, gain, threshold].every((a) => a.every(Number.isFinite));
  }

  async function stopped(): Promise<DoneEvent> {
    if (!kernelsFinite()) return diverged(sayConv('convKernelsNotFinite'));
    await sendViews(true);
    await checkpoint();
    const where = await exportPictures();
    return control.finish(
      'stopped',
      sayShared('stoppedAtWhere', { step: control.step, steps: totalSteps, where }),
    );
  }

  /** Trains one model of n kernels; returns a done event when the run ends early. */
  async function trainModel(n: KernelCount): Promise<DoneEvent | null> {
    const { variant, nonlinearity, optimizer, predictionWeight, inferenceSteps } = config;
    const settings = { lambda: control.params.lambda, learningRate: config.learningRate };
    modelStep = 0;
    phase = sayConv('convPhaseBuild', { n });
    control.status();
    coder = createConvSparseCoder(
      {
        kernels: n,
        kernelSize: k,
        variant,
        nonlinearity,
        optimizer,
        predictionWeight,
        inferenceSteps,
        ...settings,
      },
      config.seed + n,
      { centredSigma: INIT_SIGMA_PER_PIXEL * k },
      options.engine,
    );
    await sendViews(true);
    phase = undefined;
    for (let s = 0; s < config.steps; s++) {
      if ((await control.gate()) === 'stop') return stopped();
      const rate = scheduledRate(control.params.learningRate, s, config.steps);
      coder.setParams({ lambda: control.params.lambda, learningRate: rate });
      const y = imageBatch(randomCrops(images, size, config.batchSize, rng)); // [b, S, S]
      const stats = await coder.trainStep(y, size);
      if (!Number.isFinite(stats.total)) {
        control.steppedAstray(config.batchSize);
        return diverged(sayShared('lossBecame', { how: nanWord(nanOrInfinite(stats.total)) }));
      }
      modelStep = s + 1;
      control.stepped(config.batchSize, {
        recon: stats.recon,
        sparsity: stats.sparsity,
        prediction: stats.prediction,
        total: stats.total,
        zeros: stats.zeroFraction,
        kernels: n,
      });
      if (viewsNow || control.viewsDue()) {
        viewsNow = false;
        await sendViews(false);
      }
    }
    control.flush();
    // A step's loss is that of the kernels before its update: the last update shows only here.
    if (!kernelsFinite()) return diverged(sayConv('convKernelsNotFinite'));
    await sendViews(true);
    sweep.push(sweepRowOf(coder.getKernels(), k));
    if (config.mode === 'sweep') post(sweepView(runId, control.step, sweep, k, counts.length));
    await checkpoint();
    control.status();
    return null;
  }

  async function run(): Promise<DoneEvent> {
    await mkdir(runDir, { recursive: true });
    control.begin();
    for (model = 0; model < counts.length; model++) {
      const early = await trainModel(counts[model] as KernelCount);
      if (early) return early;
      if (model < counts.length - 1) {
        coder?.dispose();
        coder = null;
      }
    }
    const where = await exportPictures();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const first = counts[0] ?? 0;
    const one = sayConv(first === 1 ? 'convOneKernel' : 'convKernels', { count: first });
    const sweeping = config.mode === 'sweep';
    const what = sweeping
      ? sayConv('convModels', { count: counts.length, counts: counts.join(', ') })
      : sayConv('convOneModel', { kernels: one });
    const oriented = sweep.map((r) => `${r.concentration.toFixed(2)}`).join(', ');
    const isotropic = sweep.map((r) => `${r.isotropy.toFixed(2)}`).join(', ');
    return control.finish(
      'completed',
      sayConv('convDone', {
        what,
        k,
        steps: config.steps,
        each: sweeping ? sayConv('convEach') : '',
        total: control.step,
        seconds,
        oriented,
        isotropic,
        where,
      }),
    );
  }

  return {
    handle: (command) => control.handle(command),
    run,
    dispose() {
      coder?.dispose();
    },
  };
}
