/**
 * The energy lab's four methods behind one face, so the run loop does not care which it
 * drives: a step on a data batch with the live parameters, the energy for the grid, the
 * points to draw over the landscape (CD's negatives, PCD's particles) and, for the DAE, the
 * field y → g(y). The maths is in models/energy, as programs that the run's engine (ONNX
 * Runtime or TensorFlow.js) runs; points travel interleaved [x₀, y₀, …].
 */
import {
  createCd,
  createDae,
  createLatentEbm,
  createPcd,
  defaultEnergyNetConfig,
  defaultLatentEbmConfig,
  defaultLatentShape,
  type Bounds,
  type EnergyFunction,
  type PointMap,
} from '../../models/energy/index.js';
import type { EngineFactory, NamedArray } from '../../models/graph/program.js';
import type { NamedWeights } from '../../models/weights.js';
import type { EnergyConfig, EnergyLiveParam, EnergyMethod } from '../../protocol/energy/config.js';

export type LiveValues = Readonly<Record<EnergyLiveParam, number>>;

export interface MethodStep {
  readonly loss: number;
  /** Mean E on the data batch. */
  readonly energyData: number;
  /** Mean E on the negatives / particles (NaN for DAE and latent). */
  readonly energyNeg: number;
  /** Particles restarted at this step (PCD), else NaN. */
  readonly restarted: number;
}

export interface LandscapeModel extends EnergyFunction {
  readonly method: EnergyMethod;
  /** What runs the programs, e.g. 'onnxruntime cpu, 2 threads'. */
  readonly engine: string;
  /** One update on a data batch [b, 2] (interleaved). */
  step(batch: Float32Array, live: LiveValues): Promise<MethodStep>;
  /** CD's last negatives or PCD's particles, interleaved; null for the others. */
  samples(): Float32Array | null;
  /** DAE: g(y) [n, 2]; null for the others. */
  readonly denoise: PointMap | null;
  weights(): NamedWeights;
  dispose(): void;
}

const langevinOf = (live: LiveValues, clip: Bounds) => ({
  stepSize: live.stepSize,
  noiseScale: live.noiseScale,
  steps: live.k,
  clip,
});

/** Checkpoint names as before the graph: w0, w1, … in the parameters' order. */
function named(weights: Readonly<Record<string, NamedArray>>): NamedWeights {
  return Object.fromEntries(
    Object.values(weights).map((w, i) => [`w${i}`, { shape: [...w.shape], data: w.data }]),
  );
}

const stepOf = (r: { loss: number; energyPos: number }): MethodStep => ({
  loss: r.loss,
  energyData: r.energyPos,
  energyNeg: Number.NaN,
  restarted: Number.NaN,
});

/** The model of `config.method` on `engine`; negatives and particles stay inside `bounds`. */
export function createLandscapeModel(
  config: EnergyConfig,
  bounds: Bounds,
  engine: EngineFactory,
): LandscapeModel {
  const seed = config.seed;
  switch (config.method) {
    case 'cd': {
      const m = createCd(seed, defaultEnergyNetConfig, engine);
      return {
        method: 'cd',
        engine: m.engine,
        energy: (y) => m.energy(y),
        async step(batch, live) {
          const r = await m.step(batch, {
            learningRate: live.learningRate,
            alpha: live.alpha,
            langevin: langevinOf(live, bounds),
          });
          return { ...stepOf(r), energyNeg: r.energyNeg };
        },
        samples: () => m.negatives(),
        denoise: null,
        weights: () => named(m.weights()),
        dispose: () => m.dispose(),
      };
    }
    case 'pcd': {
      const m = createPcd(seed, config.bufferSize, bounds, defaultEnergyNetConfig, engine);
      return {
        method: 'pcd',
        engine: m.engine,
        energy: (y) => m.energy(y),
        async step(batch, live) {
          const r = await m.step(batch, {
            learningRate: live.learningRate,
            alpha: live.alpha,
            langevin: langevinOf(live, bounds),
            reinitRate: live.reinitRate,
          });
          return { ...stepOf(r), energyNeg: r.energyNeg, restarted: r.reinitialised };
        },
        samples: () => m.particles(),
        denoise: null,
        weights: () => named(m.weights()),
        dispose: () => m.dispose(),
      };
    }
    case 'dae': {
      const m = createDae(seed, defaultEnergyNetConfig, engine);
      return {
        method: 'dae',
        engine: m.engine,
        energy: (y) => m.energy(y),
        step: async (batch, live) =>
          stepOf(await m.step(batch, { learningRate: live.learningRate, sigma: live.sigma })),
        samples: () => null,
        denoise: (y) => m.denoise(y),
        weights: () => named(m.weights()),
        dispose: () => m.dispose(),
      };
    }
    case 'latent': {
      const m = createLatentEbm(
        seed,
        { ...defaultLatentShape, latentDim: config.latentDim },
        {
          lambda: config.lambda,
          learningRate: config.learningRate,
          inferenceSteps: defaultLatentEbmConfig.inferenceSteps,
        },
        engine,
      );
      return {
        method: 'latent',
        engine: m.engine,
        energy: (y) => m.energy(y),
        step: async (batch, live) =>
          stepOf(
            await m.step(batch, {
              lambda: live.lambda,
              learningRate: live.learningRate,
              inferenceSteps: m.config.inferenceSteps,
            }),
          ),
        samples: () => null,
        denoise: null,
        weights: () => named(m.weights()),
        dispose: () => m.dispose(),
      };
    }
    case 'conditional': {
      // x = y₁: the decoder learns Dec(Pred(x), z); the landscape is E(x₀, ·) at the live x₀.
      const m = createLatentEbm(
        seed,
        { ...defaultLatentShape, latentDim: config.latentDim, conditionDim: 1 },
        {
          lambda: config.lambda,
          learningRate: config.learningRate,
          inferenceSteps: defaultLatentEbmConfig.inferenceSteps,
        },
        engine,
      );
      let x0 = config.condition;
      return {
        method: 'conditional',
        engine: m.engine,
        energy: (y) => m.conditionedOn([x0]).energy(y),
        async step(batch, live) {
          x0 = live.condition;
          const x = batch.filter((_, i) => i % 2 === 0); // y₁ of each point, [b, 1]
          const config = {
            lambda: live.lambda,
            learningRate: live.learningRate,
            inferenceSteps: m.config.inferenceSteps,
          };
          return stepOf(await m.step(batch, config, x));
        },
        samples: () => null,
        denoise: null,
        weights: () => named(m.weights()),
        dispose: () => m.dispose(),
      };
    }
  }
}
