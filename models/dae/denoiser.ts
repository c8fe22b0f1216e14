/**
 * A denoising autoencoder on images (Vincent et al. 2008, "Extracting and composing robust
 * features with denoising autoencoders"): corrupt a clean image x into x̃, and train
 * g(x̃) = sigmoid(MLP(x̃)) (default 784 → 256 → 784, swish) to give x back:
 *
 *   L = mean over the batch of Σ_pixels (g(x̃) − x)²
 *   gaussian:  x̃ = clip(x + s·ε, 0, 1),   ε ~ N(0, I)
 *   mask:      x̃ = x ⊙ m,                 m_i ~ Bernoulli(1 − s)   (pixels dropped with probability s)
 *
 * Its reconstruction energy E(x) = ‖x − g(x)‖² is low on images the denoiser leaves alone.
 * The network, its loss and Adam are one graph (graph/mlp.ts, graph/adam.ts) that a
 * GraphEngine runs: ONNX Runtime or TensorFlow.js. The corruption is part of the graph; its
 * random draw (ε, or the kept pixels) comes from the run's seeded generator on the host, so
 * every engine sees the same x̃.
 */
import { adamScalars, adamState, appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import { programCache, type EngineFactory, type NamedArray, type Program } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import { fillNormal } from '../ziggurat.js';
import { mlpForward, mlpInitialWeights, mlpParams, type MlpSpec } from '../graph/mlp.js';

export type ImageNoise = 'gaussian' | 'mask';

export interface ImageDenoiserStep {
  /** Adam's learning rate. */
  readonly learningRate: number;
  readonly noise: ImageNoise;
  /** σ of the Gaussian noise, or the masking probability, in [0, 1]. */
  readonly strength: number;
}

export interface ImageDenoiser {
  readonly inputDim: number;
  /** What runs the training step. */
  readonly engine: string;
  /** x̃ for clean images x [n, d] (row-major), the noise drawn from `seed`. */
  corrupt(x: Float32Array, noise: ImageNoise, strength: number, seed: number): Promise<Float32Array>;
  /** g(x) [n, d] in (0, 1). */
  denoise(x: Float32Array): Promise<Float32Array>;
  /** Mean over the images of Σ_pixels (g(x̃) − x)², x̃ the corruption of x drawn from `seed`. */
  loss(clean: Float32Array, noise: ImageNoise, strength: number, seed: number): Promise<number>;
  /** One Adam step on a clean batch x [b, d]; resolves with the batch's mean loss. */
  step(x: Float32Array, config: ImageDenoiserStep, seed: number): Promise<number>;
  /** The parameters by name (W₀ [d, h], b₀, W₁ [h, d], b₁), for checkpoints. */
  weights(): Record<string, NamedArray>;
  dispose(): void;
}

export function checkImageDenoiserStep(config: ImageDenoiserStep): void {
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    throw new Error(`The learning rate must be a finite number > 0, got ${config.learningRate}.`);
  }
  if (!(config.strength >= 0 && config.strength <= 1)) {
    throw new Error(`The noise strength must be between 0 and 1, got ${config.strength}.`);
  }
}

/**
 * The random part of a corruption of `count` pixels, drawn on the host from `seed` so that
 * every engine sees the same: ε ~ N(0, 1) for 'gaussian', the kept pixels [u ≥ s] as 0/1 for
 * 'mask' (u = 32 random bits / 2³²).
 */
export function drawNoise(noise: ImageNoise, strength: number, count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  if (noise === 'gaussian') return fillNormal(rng, new Float32Array(count));
  const bits = rng.fillBits(new Uint32Array(count));
  const threshold = strength * 2 ** 32;
  const keep = new Float32Array(count);
  for (let i = 0; i < count; i++) keep[i] = (bits[i] as number) >= threshold ? 1 : 0;
  return keep;
}

/** x̃ from clean x, the drawn noise and the strength s: clip(x + s·ε, 0, 1), or x ⊙ keep. */
function corrupted(g: GraphBuilder, noise: ImageNoise, clean: Node, m: number, d: number): Node {
  const draw = g.input('noise', [m, d]);
  if (noise === 'mask') return g.mul(clean, draw);
  const v = g.add(clean, g.mul(draw, g.input('strength', []))); // x + s·ε
  return g.sub(g.relu(v), g.relu(g.sub(v, g.constant(1)))); // clip to [0, 1]
}

type ProgramKind = 'train' | 'eval' | 'corrupt' | 'denoise';

/** The network, loss and (for training) Adam's update as programs for `m` images. */
function makeProgram(spec: MlpSpec, d: number, kind: ProgramKind, noise: ImageNoise, m: number): Program {
  const g = createGraph();
  const name = `dae.${kind}.${noise}.b${m}`;
  if (kind === 'denoise') {
    g.output('denoised', g.sigmoid(mlpForward(g, spec, mlpParams(g, spec), g.input('noisy', [m, d]))));
    return { name, graph: g, fetches: ['denoised'], updates: new Map() };
  }
  const clean = g.input('clean', [m, d]);
  const noisy = corrupted(g, noise, clean, m, d);
  if (kind === 'corrupt') {
    g.output('noisy', noisy);
    return { name, graph: g, fetches: ['noisy'], updates: new Map() };
  }
  const params = mlpParams(g, spec);
  const out = g.sigmoid(mlpForward(g, spec, params, noisy)); // [m, d]
  const loss = g.scale(g.sum(g.square(g.sub(out, clean))), 1 / m); // mean of Σ pixels
  g.output('loss', loss);
  if (kind === 'eval') return { name, graph: g, fetches: ['loss'], updates: new Map() };
  const updates = appendAdam(g, params, gradients(g, loss, [...params.values()]));
  return { name, graph: g, fetches: ['loss'], updates };
}

export function createImageDenoiser(
  inputDim: number,
  hiddenDim: number,
  seed: number,
  engine: EngineFactory = tfjsEngine,
): ImageDenoiser {
  const spec: MlpSpec = { sizes: [inputDim, hiddenDim, inputDim], activation: 'swish', prefix: '' };
  const initial = mlpInitialWeights(spec, createRng(seed).fork());
  const runner = engine({ ...initial, ...adamState(initial) });
  const program = programCache((kind: ProgramKind, noise: ImageNoise, m: number) =>
    makeProgram(spec, inputDim, kind, noise, m),
  );
  const rows = (x: Float32Array): number => {
    if (x.length === 0 || x.length % inputDim !== 0) {
      throw new Error(`Expected images of ${inputDim} pixels each, got ${x.length} values.`);
    }
    return x.length / inputDim;
  };
  let t = 0;

  return {
    inputDim,
    engine: runner.description,
    async corrupt(x, noise, strength, seed) {
      const feeds = {
        clean: x,
        noise: drawNoise(noise, strength, x.length, seed),
        strength: Float32Array.of(strength),
      };
      return (await runner.run(program('corrupt', noise, rows(x)), feeds)).noisy as Float32Array;
    },
    async denoise(x) {
      return (await runner.run(program('denoise', 'gaussian', rows(x)), { noisy: x }))
        .denoised as Float32Array;
    },
    async loss(clean, noise, strength, seed) {
      const feeds = {
        clean,
        noise: drawNoise(noise, strength, clean.length, seed),
        strength: Float32Array.of(strength),
      };
      return (await runner.run(program('eval', noise, rows(clean)), feeds)).loss?.[0] ?? NaN;
    },
    async step(x, config, noiseSeed) {
      checkImageDenoiserStep(config);
      const { noise, strength } = config;
      t += 1;
      const out = await runner.run(program('train', noise, rows(x)), {
        clean: x,
        noise: drawNoise(noise, strength, x.length, noiseSeed),
        strength: Float32Array.of(strength),
        ...adamScalars(t, config.learningRate),
      });
      return out.loss?.[0] ?? NaN;
    },
    weights: () =>
      Object.fromEntries(
        Object.entries(initial).map(([name, w]) => [name, { shape: w.shape, data: runner.read(name) }]),
      ),
    dispose: () => runner.dispose(),
  };
}
