/**
 * The contrastive run loop (issue 6; SimCLR, Chen et al. 2020; PIRL, Misra & van der Maaten
 * 2020). Per step: N training digits, two augmented views each (models/contrastive/augment.ts,
 * from a seed drawn per batch, made ahead by augmentation workers while the engine trains:
 * view-maker.ts), one Adam step on InfoNCE / NT-Xent with cosine similarity / τ
 * (negatives: the rest of the batch and the memory bank) as a compiled program on the run's
 * engine (ONNX Runtime or TensorFlow.js); the loss and the mean positive and negative
 * similarities go out as metrics. Labels are never used for training: only the linear probe
 * (on the same engine) reads them.
 *
 * At the start the probe is fitted on the encoder at initialisation and on raw pixels (the two
 * baselines); after every epoch on the learned representation h. Those accuracies are test
 * points (columns probe, random, pixels), and at the end they are written to exports/probe.json.
 * Views (views.ts): the pairs of the current batch, the similarity histograms and the PCA map
 * of the test set's normalised embeddings z (the map where the digits separate best; the probe
 * still reads h), at the rate run-control allows and at every epoch end (kept as
 * snapshots). τ and the learning rate change live. A NaN loss, or NaN weights at an epoch end
 * or on Stop, stop the run ('diverged', keeping the last good checkpoint).
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import {
  createContrastiveModel,
  type ContrastiveModel,
  type ContrastiveStepResult,
} from '../../models/contrastive/contrastive-model.js';
import { createLinearProbe, defaultProbeConfig } from '../../models/contrastive/linear-probe.js';
import type { EngineFactory } from '../../models/graph/program.js';
import { tfjsEngine } from '../../models/graph/tfjs-engine.js';
import { createRng } from '../../models/rng.js';
import {
  contrastiveLiveParams,
  contrastiveModelConfig,
  contrastiveLabel,
  type ContrastiveLabConfig,
} from '../../protocol/contrastive/config.js';
import type { BackendInfo, DoneEvent, TrainerEvent } from '../../protocol/messages.js';
import { augmentWorkers } from '../../protocol/engines.js';
import { sayContrastive } from '../../protocol/contrastive/texts.js';
import { epochsWord, nanWord, sayShared, type Said } from '../../protocol/texts.js';
import { firstDigits, pickDigits, type DataSplit } from '../data/digits.js';
import type { Experiment } from '../lab.js';
import { createRunControl, type StreamTiming } from '../run-control.js';
import { withStatusDetail } from '../status-detail.js';
import { allFinite, nanOrInfinite } from '../divergence.js';
import { probeAccuracy, writeProbeRecord, type ProbePoint, type ProbeRecord } from './probe.js';
import { createInlineViewMaker, createWorkerViewMaker, type ViewMaker } from './view-maker.js';
import { embeddingView, pairsView, similaritiesView } from './views.js';
import { describeFsError } from '../data/read-file.js';

export interface ContrastiveExperimentOptions {
  readonly runId: string;
  readonly runDir: string;
  readonly config: ContrastiveLabConfig;
  readonly data: DataSplit;
  readonly backend: BackendInfo;
  /** What runs the model's and the probe's programs (ONNX Runtime or TensorFlow.js). */
  readonly engine?: EngineFactory;
  /**
   * Augmentation workers (default: protocol/engines.ts augmentWorkers, about half the cores;
   * 0: the views are made on the trainer thread, the same views).
   */
  readonly viewWorkers?: number;
  readonly post: (event: TrainerEvent) => void;
  readonly timing?: Partial<StreamTiming>;
}

/** Views requested ahead of training at most (bytes: both views of every queued batch). */
const AHEAD_BYTES = 32 * 1024 * 1024;
const MAX_AHEAD = 32;
const PIXELS = 28 * 28;

const mean = (v: Float32Array): number => v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
/** A share as a percentage with one decimal, e.g. "93.2" (the sentence adds " %"). */
const percent = (x: number): string => (100 * x).toFixed(1);

export function createContrastiveExperiment(options: ContrastiveExperimentOptions): Experiment {
  const { runId, runDir, config, data, post } = options;
  const { train, test } = data;
  const batchSize = Math.min(config.batchSize, train.count);
  const perEpoch = config.stepsPerEpoch > 0 ? config.stepsPerEpoch : Math.ceil(train.count / batchSize);
  const totalSteps = perEpoch * config.epochs;
  const probeTrain = firstDigits(train, config.probeDigits);
  const engine = options.engine ?? tfjsEngine;
  const model: ContrastiveModel = createContrastiveModel(contrastiveModelConfig(config), config.seed, engine);
  const probeConfig = { ...defaultProbeConfig, steps: config.probeSteps };
  const probeOfH = createLinearProbe(config.representationDim, probeConfig, engine);
  const workers = options.viewWorkers ?? augmentWorkers(availableParallelism());
  const viewMaker: ViewMaker =
    workers > 0 ? createWorkerViewMaker(config.augment, workers) : createInlineViewMaker(config.augment);
  const rng = createRng(config.seed ^ 0xc0a7);
  const order = Array.from({ length: train.count }, (_, i) => i);
  let cursor = order.length;
  let viewsNow = false;
  /** What the run does while it takes no steps (the status says it). */
  let phase: Said | undefined;
  const control = createRunControl(
    { ...options, post: withStatusDetail(options.post, () => (phase ? { phase } : {})) },
    {
      totalSteps,
      stepsPerEpoch: perEpoch,
      live: contrastiveLiveParams,
      onRequestViews: () => (viewsNow = true),
    },
  );
  const learned: ProbePoint[] = [];
  let baselines: Pick<ProbeRecord, 'randomEncoder' | 'pixels'> | null = null;
  const started = performance.now();

  /** The next N training indices (a fresh shuffle whenever the order runs out). */
  function nextBatch(): number[] {
    const out: number[] = [];
    while (out.length < batchSize) {
      if (cursor >= order.length) {
        rng.shuffle(order);
        cursor = 0;
      }
      out.push(order[cursor++] as number);
    }
    return out;
  }

  /** The next batch: its digits, and its views (being made from a seed drawn now). */
  function nextViews() {
    const indices = nextBatch();
    const picked = pickDigits(train, indices);
    const seed = rng.nextSeed();
    return { indices, picked, views: viewMaker.make({ pixels: picked.pixels, count: picked.count, seed }) };
  }

  // Batches requested ahead: with workers, up to AHEAD_BYTES of views (so that they keep
  // working through the probes and maps at epoch ends), never past the run's last step.
  const ahead: ReturnType<typeof nextViews>[] = [];
  const depth =
    viewMaker.workers > 0
      ? Math.max(viewMaker.workers, Math.min(MAX_AHEAD, Math.floor(AHEAD_BYTES / (8 * batchSize * PIXELS))))
      : 1;
  let requested = 0;
  function fillAhead(): void {
    while (ahead.length < depth && requested < totalSteps) {
      ahead.push(nextViews());
      requested += 1;
    }
  }

  const probeH = () =>
    probeAccuracy((x) => model.embed(x), config.representationDim, probeOfH, probeTrain, test);

  async function sendMap(keep: boolean): Promise<void> {
    const epoch = control.step / perEpoch;
    const z = await model.project(test.pixels);
    post(embeddingView(runId, control.step, epoch, z, config.projectionDim, test.labels, keep, 'z'));
  }

  async function sendViews(
    batch: { views1: Float32Array; views2: Float32Array; labels: Uint8Array },
    result: ContrastiveStepResult,
    keep: boolean,
  ): Promise<void> {
    const t0 = performance.now();
    const tau = control.params.temperature;
    post(pairsView(runId, control.step, batch.views1, batch.views2, batch.labels));
    post(similaritiesView(runId, control.step, result.posSim, result.negSim, tau, keep));
    await sendMap(keep);
    control.viewsSent(performance.now() - t0);
  }

  async function measureBaselines(): Promise<void> {
    const random = await probeH();
    const dim = test.width * test.height;
    const ofPixels = createLinearProbe(dim, probeConfig, engine);
    const pixels = await probeAccuracy((x) => x, dim, ofPixels, probeTrain, test).finally(() =>
      ofPixels.dispose(),
    );
    baselines = {
      randomEncoder: { testAccuracy: random.testAccuracy, trainAccuracy: random.trainAccuracy },
      pixels: { testAccuracy: pixels.testAccuracy, trainAccuracy: pixels.trainAccuracy },
    };
    control.point('test', {
      probe: random.testAccuracy,
      random: random.testAccuracy,
      pixels: pixels.testAccuracy,
    });
  }

  async function probeEpoch(): Promise<ProbePoint> {
    const result = await probeH();
    const point: ProbePoint = {
      epoch: control.step / perEpoch,
      step: control.step,
      testAccuracy: result.testAccuracy,
      trainAccuracy: result.trainAccuracy,
    };
    learned.push(point);
    control.point('test', {
      probe: result.testAccuracy,
      probeTrain: result.trainAccuracy,
      random: baselines?.randomEncoder.testAccuracy ?? Number.NaN,
      pixels: baselines?.pixels.testAccuracy ?? Number.NaN,
    });
    return point;
  }

  /** The weights' checkpoint at this step (the caller has checked that they are finite). */
  const checkpoint = (): Promise<boolean> => control.checkpoint(model.getWeights());

  /** Writes exports/probe.json; returns a clause for the done message. */
  async function exportProbe(): Promise<Said | ''> {
    if (!baselines) return '';
    const record: ProbeRecord = {
      lab: 'contrastive',
      probeTrainDigits: probeTrain.count,
      probeTestDigits: test.count,
      probeSteps: config.probeSteps,
      ...baselines,
      learned,
      final: learned.at(-1) ?? null,
    };
    try {
      const file = await writeProbeRecord(runDir, record);
      return sayContrastive('contrastiveProbeIn', { file: file.split('/').slice(-2).join('/') });
    } catch (e) {
      control.writeFailed(sayContrastive('contrastiveProbeFailed', { error: describeFsError(e) }));
      return '';
    }
  }

  function summary(): Said {
    const last = learned.at(-1);
    if (!last || !baselines) return sayContrastive('contrastiveNoProbe');
    return sayContrastive('contrastiveSummary', {
      accuracy: percent(last.testAccuracy),
      random: percent(baselines.randomEncoder.testAccuracy),
      pixels: percent(baselines.pixels.testAccuracy),
    });
  }

  const diverged = (what: Said): DoneEvent =>
    control.diverged(what, { tip: sayContrastive('contrastiveTip') });

  /** The weights' divergence at an epoch end or on Stop (a loss is checked at its step). */
  const weightsDiverged = (): DoneEvent | null =>
    allFinite(model.getWeights()) ? null : diverged(sayShared('weightsNotFinite'));

  async function run(): Promise<DoneEvent> {
    try {
      return await trainAll();
    } finally {
      await viewMaker.close();
    }
  }

  /** Says what the run does now (undefined: training) in a status at once. */
  function enter(next: Said | undefined): void {
    phase = next;
    control.status();
  }

  async function trainAll(): Promise<DoneEvent> {
    await mkdir(runDir, { recursive: true });
    phase = sayContrastive('contrastivePhaseBaselines');
    control.begin();
    fillAhead(); // the workers start on the first batches while the baselines are probed
    await measureBaselines();
    if (config.loss === 'pirl-nce') {
      enter(sayContrastive('contrastivePhaseBank', { count: train.count }));
      await model.initBank(train.pixels);
    }
    enter(sayContrastive('contrastivePhaseAugment'));
    await sendMap(true);
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      for (let s = 0; s < perEpoch; s++) {
        if ((await control.gate()) === 'stop') {
          const bad = weightsDiverged();
          if (bad) return bad;
          const where = await exportProbe();
          return control.finish(
            'stopped',
            sayContrastive('contrastiveStopped', {
              step: control.step,
              steps: totalSteps,
              summary: summary(),
              where,
            }),
          );
        }
        const next = ahead.shift() as ReturnType<typeof nextViews>;
        fillAhead(); // made while this batch trains
        const { picked } = next;
        const both = await next.views; // [2N·784]: first views, then second views
        if (phase) enter(undefined);
        const size = picked.count * PIXELS;
        const views = { views1: both.subarray(0, size), views2: both.subarray(size) };
        const result = await model.trainStep(
          views.views1,
          views.views2,
          control.params.learningRate,
          control.params.temperature,
          next.indices,
        );
        if (!Number.isFinite(result.loss)) {
          control.steppedAstray(picked.count); // counted, but no NaN in the metrics
          return diverged(sayShared('lossBecame', { how: nanWord(nanOrInfinite(result.loss)) }));
        }
        control.stepped(picked.count, {
          loss: result.loss,
          positive: mean(result.posSim),
          negative: mean(result.negSim),
        });
        const last = s === perEpoch - 1;
        if (last || viewsNow || control.viewsDue()) {
          viewsNow = false;
          await sendViews({ ...views, labels: picked.labels }, result, last);
        }
      }
      control.flush();
      const bad = weightsDiverged();
      if (bad) return bad;
      enter(sayContrastive('contrastivePhaseProbe', { epoch: epoch + 1 }));
      await probeEpoch();
      await checkpoint();
      phase = undefined;
      control.status();
    }
    const where = await exportProbe();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return control.finish(
      'completed',
      sayContrastive('contrastiveDone', {
        run: contrastiveLabel(config),
        epochs: epochsWord(config.epochs),
        steps: control.step,
        seconds,
        summary: summary(),
        where,
      }),
    );
  }

  return {
    handle: (command) => control.handle(command),
    run,
    dispose: () => {
      void viewMaker.close();
      probeOfH.dispose();
      model.dispose();
    },
  };
}
