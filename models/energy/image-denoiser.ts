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
 * The network, its loss and Adam are one graph (mlp-graph.ts, graph/adam.ts) that a
 * GraphEngine runs: ONNX Runtime or TensorFlow.js. The corruption is drawn on the host from
 * the run's seeded generator, so every engine sees the same x̃.
 */
import { adamScalars, adamState, appendAdam } from '../graph/adam.js';
import { gradients } from '../graph/autodiff.js';
import { createGraph } from '../graph/builder.js';
import type { EngineFactory, NamedArray, Program } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import { fillNormal } from '../ziggurat.js';
import { mlpForward, mlpInitialWeights, mlpParams, type MlpSpec } from './mlp-graph.js';

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
  /** x̃ for images x [n, d] (row-major), noise drawn from `seed`. */
  corrupt(x: Float32Array, noise: ImageNoise, strength: number, seed: number): Float32Array;
  /** g(x) [n, d] in (0, 1). */
  denoise(x: Float32Array): Promise<Float32Array>;
  /** Mean over the images of Σ_pixels (g(x̃) − x)². */
  loss(noisy: Float32Array, clean: Float32Array): Promise<number>;
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

/** x̃ = clip(x + s·ε, 0, 1) or x ⊙ [u ≥ s], from a generator seeded with `seed`. */
export function corruptImages(
  x: Float32Array,
  noise: ImageNoise,
  strength: number,
  seed: number,
): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(x.length);
  if (noise === 'gaussian') {
    fillNormal(rng, out, 0, strength); // s·ε
    for (let i = 0; i < x.length; i++) {
      const v = (x[i] as number) + (out[i] as number);
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v; // clip to [0, 1]
    }
    return out;
  }
  // Pixel i is dropped when its uniform u = bitsᵢ / 2³² falls below s.
  const bits = rng.fillBits(new Uint32Array(x.length));
  const threshold = strength * 2 ** 32;
  for (let i = 0; i < x.length; i++) out[i] = (bits[i] as number) >= threshold ? (x[i] as number) : 0;
  return out;
}

/** The network, loss and (for training) Adam's update as programs for `m` images. */
function programs(spec: MlpSpec, d: number) {
  const build = (m: number, train: boolean): Program => {
    const g = createGraph();
    const params = mlpParams(g, spec);
    const noisy = g.input('noisy', [m, d]);
    const out = g.sigmoid(mlpForward(g, spec, params, noisy)); // [m, d]
    const clean = g.input('clean', [m, d]);
    const loss = g.scale(g.sum(g.square(g.sub(out, clean))), 1 / m); // mean of Σ pixels
    g.output('loss', loss);
    if (!train) return { name: `dae.eval.b${m}`, graph: g, fetches: ['loss'], updates: new Map() };
    const updates = appendAdam(g, params, gradients(g, loss, [...params.values()]));
    return { name: `dae.train.b${m}`, graph: g, fetches: ['loss'], updates };
  };
  const denoiser = (m: number): Program => {
    const g = createGraph();
    g.output('denoised', g.sigmoid(mlpForward(g, spec, mlpParams(g, spec), g.input('noisy', [m, d]))));
    return { name: `dae.denoise.b${m}`, graph: g, fetches: ['denoised'], updates: new Map() };
  };
  return { train: (m: number) => build(m, true), eval: (m: number) => build(m, false), denoise: denoiser };
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
  const make = programs(spec, inputDim);
  const cache = new Map<string, Program>();
  const program = (kind: 'train' | 'eval' | 'denoise', m: number): Program => {
    const key = `${kind}.${m}`;
    const known = cache.get(key);
    if (known) return known;
    const p = make[kind](m);
    cache.set(key, p);
    return p;
  };
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
    corrupt: corruptImages,
    async denoise(x) {
      return (await runner.run(program('denoise', rows(x)), { noisy: x })).denoised as Float32Array;
    },
    async loss(noisy, clean) {
      return (await runner.run(program('eval', rows(clean)), { noisy, clean })).loss?.[0] ?? NaN;
    },
    async step(x, config, noiseSeed) {
      checkImageDenoiserStep(config);
      const noisy = corruptImages(x, config.noise, config.strength, noiseSeed);
      t += 1;
      const out = await runner.run(program('train', rows(x)), {
        noisy,
        clean: x,
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
