/**
 * The linear probe (Zhang, Isola & Efros 2016; SimCLR §4): multinomial logistic regression
 * on frozen features, trained on the labels, scored on held-out images.
 *
 *   x̂ = (x − μ) / σ             per feature, μ and σ from the training features (host)
 *   logits = x̂·W + b            W [d, C], b [C], both from zero (the problem is convex)
 *   L = mean(logSumExp(logits) − logit_y) + ½λ‖W‖²,   full-batch Adam for `steps` steps
 *
 * The step and the logits are programs on the graph (models/graph/), run by the same kind of
 * engine as the encoder; accuracies and the final cross-entropy are read on the host.
 * Also the 2-D PCA map of embeddings (../pca.ts) that the lab draws coloured by digit.
 */
import { adamScalars, adamState, appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import { programCache, type EngineFactory, type NamedArray, type Program } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { pca2, type Pca2 } from '../pca.js';
import { rowLogSumExp } from './info-nce.js';

export interface ProbeConfig {
  /** Full-batch Adam steps. */
  readonly steps: number;
  readonly learningRate: number;
  /** λ, weight decay on W. */
  readonly weightDecay: number;
  /** Number of classes C. */
  readonly classes: number;
}

export const defaultProbeConfig: ProbeConfig = {
  steps: 300,
  learningRate: 0.05,
  weightDecay: 1e-4,
  classes: 10,
};

/** Features [count, dim] row-major with one label per row. */
export interface LabelledFeatures {
  readonly features: Float32Array;
  readonly labels: ArrayLike<number>;
  readonly dim: number;
}

export interface ProbeResult {
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** Final training cross-entropy (without the decay term). */
  readonly trainLoss: number;
}

/** A probe of `dim` features whose engine (and compiled programs) serve every fit. */
export interface LinearProbe {
  /** Fits from zero on `train` (the config's steps) and scores on `test`. */
  fit(train: LabelledFeatures, test: LabelledFeatures): Promise<ProbeResult>;
  dispose(): void;
}

const linear = (g: GraphBuilder, x: Node, w: Node, b: Node): Node => g.add(g.matmul(x, w), b); // [n, C]

/** One Adam step of the probe on x̂ [n, d] and one-hot targets [n, C]; fetches 'ce'. */
export function probeTrainProgram(dim: number, classes: number, n: number, weightDecay: number): Program {
  const g = createGraph();
  const params = new Map([
    ['probe.w', g.input('probe.w', [dim, classes])],
    ['probe.b', g.input('probe.b', [classes])],
  ]);
  const [w, b] = [params.get('probe.w') as Node, params.get('probe.b') as Node];
  const logits = linear(g, g.input('x', [n, dim]), w, b); // [n, C]
  const picked = g.sum(g.mul(logits, g.input('targets', [n, classes])), [1]); // [n]
  const ce = g.scale(g.sum(g.sub(rowLogSumExp(g, logits), picked)), 1 / n);
  const loss = g.add(ce, g.scale(g.sum(g.square(w)), 0.5 * weightDecay));
  const updates = appendAdam(g, params, gradients(g, loss, [w, b]));
  g.output('ce', ce);
  return { name: `probe.train.d${dim}.n${n}`, graph: g, fetches: ['ce'], updates };
}

/** logits [m, C] of x̂ [m, d]. */
export function probeLogitsProgram(dim: number, classes: number, m: number): Program {
  const g = createGraph();
  const w = g.input('probe.w', [dim, classes]);
  const b = g.input('probe.b', [classes]);
  g.output('logits', linear(g, g.input('x', [m, dim]), w, b));
  return { name: `probe.logits.d${dim}.m${m}`, graph: g, fetches: ['logits'], updates: new Map() };
}

/** Per-feature mean and standard deviation (σ floored at 1e-6) of [count, dim]. */
function standardizer(x: Float32Array, dim: number): { mean: Float32Array; std: Float32Array } {
  const count = x.length / dim;
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  const sum = new Float64Array(dim);
  const squares = new Float64Array(dim);
  for (let i = 0; i < count; i++)
    for (let j = 0; j < dim; j++) {
      const v = x[i * dim + j] as number;
      sum[j] = (sum[j] as number) + v;
      squares[j] = (squares[j] as number) + v * v;
    }
  for (let j = 0; j < dim; j++) {
    const m = (sum[j] as number) / count;
    mean[j] = m;
    std[j] = Math.max(Math.sqrt(Math.max((squares[j] as number) / count - m * m, 0)), 1e-6);
  }
  return { mean, std };
}

/** (x − μ) / σ per feature, in float32. */
function standardize(
  x: Float32Array,
  dim: number,
  s: { mean: Float32Array; std: Float32Array },
): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++)
    out[i] = ((x[i] as number) - (s.mean[i % dim] as number)) / (s.std[i % dim] as number);
  return out;
}

function oneHot(labels: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + (labels[i] as number)] = 1;
  return out;
}

/** Share of rows whose largest logit (the first, on ties) is at the label. */
function accuracy(logits: Float32Array, labels: ArrayLike<number>, classes: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++)
      if ((logits[i * classes + c] as number) > (logits[i * classes + best] as number)) best = c;
    if (best === labels[i]) right++;
  }
  return right / Math.max(labels.length, 1);
}

/** mean(logSumExp(logits) − logit_y) in float64. */
function crossEntropy(logits: Float32Array, labels: ArrayLike<number>, classes: number): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const row = logits.subarray(i * classes, (i + 1) * classes);
    const top = Math.max(...row);
    const lse = top + Math.log(row.reduce((s, v) => s + Math.exp(v - top), 0));
    total += lse - (row[labels[i] as number] as number);
  }
  return total / Math.max(labels.length, 1);
}

export function createLinearProbe(
  dim: number,
  config: ProbeConfig = defaultProbeConfig,
  engine: EngineFactory = tfjsEngine,
): LinearProbe {
  const { classes } = config;
  const zeros: Record<string, NamedArray> = {
    'probe.w': { shape: [dim, classes], data: new Float32Array(dim * classes) },
    'probe.b': { shape: [classes], data: new Float32Array(classes) },
  };
  const state = { ...zeros, ...adamState(zeros) };
  const runner = engine(state);
  const train = programCache((n: number) => probeTrainProgram(dim, classes, n, config.weightDecay));
  const logitsOf = programCache((m: number) => probeLogitsProgram(dim, classes, m));
  const logits = async (x: Float32Array, m: number) =>
    (await runner.run(logitsOf(m), { x })).logits as Float32Array;

  return {
    async fit(trainSet, test) {
      if (trainSet.dim !== dim || test.dim !== dim)
        throw new Error(`This probe reads ${dim} features, got ${trainSet.dim} and ${test.dim}.`);
      for (const [name, entry] of Object.entries(state))
        runner.write(name, new Float32Array(entry.data.length));
      const scale = standardizer(trainSet.features, dim);
      const [n, m] = [trainSet.labels.length, test.labels.length];
      const xTrain = standardize(trainSet.features, dim, scale); // [n, d]
      const xTest = standardize(test.features, dim, scale); // [m, d]
      const targets = oneHot(trainSet.labels, classes); // [n, C]
      for (let t = 1; t <= config.steps; t++)
        await runner.run(train(n), { x: xTrain, targets, ...adamScalars(t, config.learningRate) });
      const trainLogits = await logits(xTrain, n);
      const testLogits = await logits(xTest, m);
      return {
        trainAccuracy: accuracy(trainLogits, trainSet.labels, classes),
        testAccuracy: accuracy(testLogits, test.labels, classes),
        trainLoss: crossEntropy(trainLogits, trainSet.labels, classes),
      };
    },
    dispose: () => runner.dispose(),
  };
}

/** Trains a probe on `train` and scores it on `test` (an engine made and freed for the call). */
export async function linearProbe(
  train: LabelledFeatures,
  test: LabelledFeatures,
  config: ProbeConfig = defaultProbeConfig,
  engine: EngineFactory = tfjsEngine,
): Promise<ProbeResult> {
  const probe = createLinearProbe(train.dim, config, engine);
  try {
    return await probe.fit(train, test);
  } finally {
    probe.dispose();
  }
}

/** The 2-D PCA map of embeddings [count, dim] (points [count, 2]). */
export function embeddingMap(embeddings: Float32Array, dim: number): Pca2 {
  return pca2(embeddings, embeddings.length / dim, dim);
}
