/**
 * The sparse-coding run loop (issue 3). Dictionary learning as in the lecture
 * (models/sparse/dictionary-learning.ts): per mini-batch, codes by FISTA, a gradient step on
 * W, unit columns. For the 'lista' task, LISTA (Gregor & LeCun 2010) is then trained on the
 * learned W to predict FISTA's optimal codes of a pool of training samples in K steps.
 *
 * Per step: energy, reconstruction, sparsity (fraction of zeros) and the active atoms per
 * sample (non-zero code entries) go out as metrics; at
 * each epoch end a held-out point and a checkpoint of W. Views (views.ts) go out at the rate
 * run-control allows; dictionary snapshots are kept at steps 1, 2, 4, 8 … and at every epoch
 * end. λ and η may change live (the compiled step takes them as inputs). At the end (or on
 * stop) the dictionary is written to exports/ as PNG, SVG and .npy. A NaN or infinite energy
 * (or LISTA loss), or a dictionary that is no longer finite at an epoch end, stops the run
 * ('diverged'); the step that diverged posts no metrics, and the last good checkpoint is kept.
 */
import { mkdir } from 'node:fs/promises';
import type { EngineFactory } from '../../models/graph/program.js';
import { createRng } from '../../models/rng.js';
import {
  createDictionaryLearner,
  type DictionaryLearner,
  type DictionaryStepStats,
} from '../../models/sparse/dictionary-learning.js';
import { createLista, type Lista } from '../../models/sparse/lista.js';
import { predictionErrorCurves } from '../../models/sparse/prediction-curves.js';
import { atomsOfDictionary } from '../../protocol/filter-picture.js';
import type { BackendInfo, DoneEvent, TrainerEvent } from '../../protocol/messages.js';
import { describeSparse, sparseLiveParams, type SparseConfig } from '../../protocol/sparse/config.js';
import { listaEquivalence, saySparse } from '../../protocol/sparse/texts.js';
import { epochsWord, nanWord, sayShared, type Said } from '../../protocol/texts.js';
import { nanOrInfinite } from '../divergence.js';
import type { Experiment } from '../lab.js';
import { createRunControl, type StreamTiming } from '../run-control.js';
import type { SparseSamples } from './data.js';
import { writeDictionaryExports } from './exports.js';
import { convergenceView, dictionaryViews, listaView } from './views.js';
import { describeFsError } from '../data/read-file.js';

export interface SparseExperimentOptions {
  readonly runId: string;
  readonly runDir: string;
  readonly config: SparseConfig;
  readonly samples: SparseSamples;
  readonly backend: BackendInfo;
  readonly post: (event: TrainerEvent) => void;
  readonly timing?: Partial<StreamTiming>;
  /** What runs the compiled programs (ONNX Runtime or TensorFlow.js); TensorFlow.js when absent. */
  readonly engine?: EngineFactory;
}

/** Samples held out for the test point and the views. */
const HELD_OUT = 256;
/** Samples whose ISTA/FISTA convergence is drawn. */
const CONVERGENCE_SAMPLES = 32;
/** Training samples whose optimal codes LISTA learns to predict. */
const LISTA_POOL = 1000;
/** FISTA iterations for the "optimal" codes z*. */
const OPTIMAL_ITERATIONS = 300;
/** ISTA/FISTA iterations drawn in LISTA's figure. */
const LISTA_CURVE_ITERATIONS = 100;

const isFiniteStats = (s: DictionaryStepStats): boolean =>
  Number.isFinite(s.energy) && Number.isFinite(s.reconstruction);

function rows(
  values: Float32Array,
  n: number,
  indices: ArrayLike<number>,
  from = 0,
  to = indices.length,
): Float32Array {
  const out = new Float32Array((to - from) * n);
  for (let i = from; i < to; i++) {
    const r = indices[i] as number;
    out.set(values.subarray(r * n, (r + 1) * n), (i - from) * n);
  }
  return out;
}

export function createSparseExperiment(options: SparseExperimentOptions): Experiment {
  const { runId, runDir, config, samples, post } = options;
  const n = samples.side * samples.side;
  const heldOut = Math.min(HELD_OUT, Math.max(1, Math.floor(samples.count / 5)));
  const trainCount = samples.count - heldOut;
  if (trainCount < 1) throw new Error(`need at least 2 samples, got ${samples.count}`);
  const batchSize = Math.min(config.batchSize, trainCount);
  const perEpoch = Math.ceil(trainCount / batchSize);
  const dictionarySteps = perEpoch * config.epochs;
  const listaSteps = config.task === 'lista' ? config.listaIterations : 0;
  const totalSteps = dictionarySteps + listaSteps;
  const rng = createRng(config.seed ^ 0x5ba5);
  const order = rng.shuffle(Array.from({ length: samples.count }, (_, i) => i));
  const testIndices = order.slice(trainCount); // held out, fixed
  const trainIndices = order.slice(0, trainCount);
  const test = rows(samples.values, n, testIndices); // [heldOut, n]
  const convergenceY = test.slice(0, Math.min(CONVERGENCE_SAMPLES, heldOut) * n);
  let viewsNow = false;
  const control = createRunControl(options, {
    totalSteps,
    stepsPerEpoch: perEpoch,
    live: sparseLiveParams,
    onRequestViews: () => (viewsNow = true),
  });
  const dictionaryConfig = {
    ...control.params,
    atoms: config.atoms,
    codeIterations: config.codeIterations,
    init: config.data.kind === 'mnist' ? ('samples' as const) : ('gaussian' as const),
    nonNegative: config.codes === 'non-negative',
    seed: config.seed,
  };
  // MNIST atoms start on training digits (they then break into strokes); patch atoms on Gaussian noise.
  const learner: DictionaryLearner = createDictionaryLearner(
    n,
    dictionaryConfig,
    rows(samples.values, n, trainIndices, 0, Math.min(trainCount, 4 * config.atoms)),
    undefined,
    options.engine,
  );
  let lista: Lista | null = null;
  let nextKeep = 1;
  const started = performance.now();

  /** λ and η as the run's live parameters say. */
  const followParams = (): void => learner.setParams(control.params);

  async function sendDictionary(keep: boolean, withConvergence: boolean): Promise<void> {
    const t0 = performance.now();
    const coder = learner.coder;
    const w = learner.readDictionary();
    const epoch = Math.min(config.epochs, control.step / perEpoch);
    for (const e of await dictionaryViews(
      runId,
      control.step,
      epoch,
      w,
      coder,
      { y: test, side: samples.side },
      config.codeIterations,
      learner.config.lambda,
      keep,
    ))
      post(e);
    if (withConvergence)
      post(await convergenceView(runId, control.step, coder, convergenceY, learner.config.lambda));
    control.viewsSent(performance.now() - t0);
  }

  /** Held-out energy, reconstruction and sparsity with the current W. */
  async function testPoint(): Promise<{ energy: number; reconstruction: number; sparsity: number }> {
    const { lambda, codeIterations } = learner.config;
    const { stats } = await learner.coder.solve(test, {
      method: 'fista',
      iterations: codeIterations,
      lambda,
      stats: true,
    });
    const { reconstruction, l1, zeros } = stats as { reconstruction: number; l1: number; zeros: number };
    return { energy: reconstruction + lambda * l1, reconstruction, sparsity: zeros };
  }

  const checkpoint = (): Promise<boolean> =>
    control.checkpoint({ dictionary: { shape: [n, config.atoms], data: learner.readDictionary() } });

  async function exportDictionary(): Promise<Said | ''> {
    const w = learner.readDictionary();
    try {
      const files = await writeDictionaryExports(
        runDir,
        {
          values: atomsOfDictionary(w, n, config.atoms),
          count: config.atoms,
          height: samples.side,
          width: samples.side,
        },
        `Dictionary · ${describeSparse(config)} · step ${control.step}`,
      );
      return saySparse('sparseDictionaryIn', {
        files: files.map((f) => f.split('/').slice(-2).join('/')).join(', '),
      });
    } catch (e) {
      control.writeFailed(saySparse('sparseExportFailed', { error: describeFsError(e) }));
      return '';
    }
  }

  /** `what` opens the sentence, e.g. "The energy became NaN"; `tip` ends it. */
  const diverged = (what: Said, tip = sayShared('tipLearningRate')): DoneEvent =>
    control.diverged(what, { tip });

  const dictionaryFinite = (): boolean => learner.readDictionary().every(Number.isFinite);

  async function stopped(): Promise<DoneEvent> {
    if (!dictionaryFinite()) return diverged(saySparse('sparseDictionaryNotFinite'));
    await sendDictionary(true, false);
    await checkpoint();
    const where = await exportDictionary();
    return control.finish(
      'stopped',
      sayShared('stoppedAtWhere', { step: control.step, steps: totalSteps, where }),
    );
  }

  /** Dictionary learning; returns a done event when the run ends early. */
  async function learnDictionary(): Promise<DoneEvent | null> {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      rng.shuffle(trainIndices);
      for (let b = 0; b < perEpoch; b++) {
        if ((await control.gate()) === 'stop') return stopped();
        followParams();
        const from = b * batchSize;
        const to = Math.min(trainCount, from + batchSize);
        const stats = await learner.step(rows(samples.values, n, trainIndices, from, to)); // y [batch, n]
        if (!isFiniteStats(stats)) {
          control.steppedAstray(to - from);
          return diverged(
            saySparse('sparseEnergyBecame', {
              how: nanWord(nanOrInfinite(stats.energy, stats.reconstruction)),
            }),
          );
        }
        control.stepped(to - from, {
          energy: stats.energy,
          reconstruction: stats.reconstruction,
          sparsity: stats.sparsity,
          active: (1 - stats.sparsity) * config.atoms, // atoms a code uses, per sample
        });
        const keep = control.step >= nextKeep;
        if (keep) nextKeep *= 2;
        if (keep || viewsNow || control.viewsDue()) {
          viewsNow = false;
          await sendDictionary(keep, keep);
        }
      }
      control.flush();
      // The energy of a step is that of the dictionary before its update: the last update of
      // the epoch shows only here.
      if (!dictionaryFinite()) return diverged(saySparse('sparseDictionaryNotFinite'));
      const point = await testPoint();
      control.point('test', { ...point, active: (1 - point.sparsity) * config.atoms });
      await sendDictionary(true, true);
      await checkpoint();
      control.status();
    }
    return null;
  }

  /** LISTA on the learned dictionary; returns the sentence of its figure. */
  async function trainLista(): Promise<DoneEvent | Said> {
    const coder = learner.coder;
    const { lambda } = learner.config;
    const poolSize = Math.min(LISTA_POOL, trainCount);
    const pool = rows(samples.values, n, trainIndices, 0, poolSize); // [pool, n]
    const optimal = async (y: Float32Array) =>
      (await coder.solve(y, { method: 'fista', iterations: OPTIMAL_ITERATIONS, lambda })).codes;
    const poolTarget = await optimal(pool); // z* [pool, atoms]
    const testTarget = await optimal(test);
    const model = createLista(
      learner.readDictionary(),
      n,
      lambda,
      await coder.lipschitz(),
      {
        steps: config.listaSteps,
        learningRate: config.listaLearningRate,
        nonNegative: config.codes === 'non-negative',
      },
      options.engine,
    );
    lista = model;
    const batch = Math.min(batchSize, poolSize);
    const view = async () => {
      const t0 = performance.now();
      post(
        await listaView(runId, control.step, coder, model, test, testTarget, LISTA_CURVE_ITERATIONS, lambda),
      );
      control.viewsSent(performance.now() - t0);
    };
    await view();
    for (let i = 0; i < config.listaIterations; i++) {
      if ((await control.gate()) === 'stop') return await stopped();
      const from = (i * batch) % (poolSize - batch + 1);
      const y = pool.subarray(from * n, (from + batch) * n);
      const z = poolTarget.subarray(from * config.atoms, (from + batch) * config.atoms);
      const loss = await model.trainStep(y, z);
      if (!Number.isFinite(loss)) {
        control.steppedAstray(batch);
        return diverged(
          saySparse('sparseListaLossBecame', { how: nanWord(nanOrInfinite(loss)) }),
          saySparse('sparseListaTip'),
        );
      }
      control.stepped(batch, { lista: loss });
      if (viewsNow || control.viewsDue()) {
        viewsNow = false;
        await view();
      }
    }
    const curves = await predictionErrorCurves(
      coder,
      model,
      test,
      testTarget,
      LISTA_CURVE_ITERATIONS,
      lambda,
    );
    const K = config.listaSteps;
    const error = curves.lista[K] as number;
    if (!Number.isFinite(error))
      return diverged(
        saySparse('sparseListaErrorBecame', { how: nanWord(nanOrInfinite(error)) }),
        saySparse('sparseListaTip'),
      );
    await view();
    control.point('test', {
      lista: curves.lista[K] as number,
      ista: curves.ista[K] as number,
      fista: curves.fista[K] as number,
    });
    return listaEquivalence(curves.listaSteps, curves.fistaEquivalent, curves.fista.length - 1);
  }

  async function run(): Promise<DoneEvent> {
    await mkdir(runDir, { recursive: true });
    control.begin();
    await sendDictionary(true, true);
    const early = await learnDictionary();
    if (early) return early;
    let listaClause: Said | '' = '';
    if (config.task === 'lista') {
      const result = await trainLista();
      if ('type' in result) return result;
      listaClause = saySparse('sparseListaClause', { sentence: result });
    }
    const point = await testPoint();
    const where = await exportDictionary();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return control.finish(
      'completed',
      saySparse('sparseDone', {
        atoms: config.atoms,
        epochs: epochsWord(config.epochs),
        steps: control.step,
        seconds,
        energy: point.energy.toFixed(3),
        recon: point.reconstruction.toFixed(3),
        zeros: (100 * point.sparsity).toFixed(1),
        where,
        lista: listaClause,
      }),
    );
  }

  return {
    handle: (command) => control.handle(command),
    run,
    dispose() {
      learner.dispose();
      lista?.dispose();
    },
  };
}
