/**
 * Each method of the energy lab is one set of graphs that either engine runs: the same seed
 * gives the same first steps on ONNX Runtime and on TensorFlow.js (wasm), and the same energy
 * afterwards. Tolerance: 1e-5 of the energies' scale (1 + |E⁺| + |E⁻|), since CD's loss is a
 * difference of nearly equal means; float32 op orders differ between the engines, and the
 * Langevin chain and ISTA carry those differences through 20 and 60 steps.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createCd } from '../../../models/energy/cd.js';
import { createDae } from '../../../models/energy/dae.js';
import { createLatentEbm } from '../../../models/energy/latent-ebm.js';
import { createPcd } from '../../../models/energy/pcd.js';
import { sampleBatch, toyData } from '../../../models/energy/toy-data.js';
import type { EnergyFunction } from '../../../models/energy/types.js';
import type { EngineFactory } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError, useBackend } from '../backends.js';
import { onnx } from './helpers.js';

beforeAll(() => useBackend('wasm'));

const data = toyData('moons', 1000, createRng(1));
const box = { xMin: -2, xMax: 3, yMin: -2, yMax: 2 };
const langevin = { stepSize: 0.01, noiseScale: 1, steps: 20, clip: box };

interface Scalars {
  readonly loss: number;
  readonly energyPos: number;
  readonly energyNeg: number;
}

/** A method with the lab's defaults, on `engine`: its step on a batch, and its energy. */
type Method = (engine: EngineFactory) => {
  step(batch: Float32Array): Promise<Scalars>;
  model: EnergyFunction & { dispose(): void };
  /** What else a step leaves to compare (negatives, particles), interleaved. */
  extra(): Float32Array;
};

const methods: Record<string, Method> = {
  cd: (engine) => {
    const model = createCd(3, undefined, engine);
    const config = { learningRate: 2e-3, alpha: 0.1, langevin };
    return { model, step: (b) => model.step(b, config), extra: () => model.negatives() };
  },
  'cd, k = 60 (two chunks and the rest)': (engine) => {
    const model = createCd(4, undefined, engine);
    const config = { learningRate: 2e-3, alpha: 0.1, langevin: { ...langevin, steps: 60 } };
    return { model, step: (b) => model.step(b, config), extra: () => model.negatives() };
  },
  pcd: (engine) => {
    const model = createPcd(3, 512, box, undefined, engine);
    const config = { learningRate: 2e-3, alpha: 0.1, langevin, reinitRate: 0.05 };
    return { model, step: (b) => model.step(b, config), extra: () => model.particles() };
  },
  dae: (engine) => {
    const model = createDae(3, undefined, engine);
    return {
      model,
      step: (b) => model.step(b, { learningRate: 2e-3, sigma: 0.3 }),
      extra: () => new Float32Array(0),
    };
  },
  latent: (engine) => {
    const model = createLatentEbm(3, undefined, undefined, engine);
    return { model, step: (b) => model.step(b, model.config), extra: () => new Float32Array(0) };
  },
  conditional: (engine) => {
    const latent = createLatentEbm(3, { latentDim: 8, hidden: 32, conditionDim: 1 }, undefined, engine);
    const model = { ...latent.conditionedOn([0.5]), dispose: () => latent.dispose() };
    const step = (b: Float32Array) =>
      latent.step(
        b,
        latent.config,
        b.filter((_, i) => i % 2 === 0),
      );
    return { model, step, extra: () => new Float32Array(0) };
  },
};

describe('the energy lab on ONNX Runtime and on TensorFlow.js', () => {
  test.each(Object.keys(methods))(
    '%s: the same seed gives the same first 3 steps and energies',
    async (name) => {
      const make = methods[name] as Method;
      const [a, b] = [make(onnx), make(tfjsEngine)];
      const [ra, rb] = [createRng(5), createRng(5)];
      for (let step = 0; step < 3; step++) {
        const [sa, sb] = [await a.step(sampleBatch(data, 128, ra)), await b.step(sampleBatch(data, 128, rb))];
        const scale =
          1 + Math.abs(sb.energyPos) + (Number.isFinite(sb.energyNeg) ? Math.abs(sb.energyNeg) : 0);
        expect(Math.abs(sa.loss - sb.loss) / scale, `loss at step ${step}`).toBeLessThan(1e-5);
        expect(Math.abs(sa.energyPos - sb.energyPos) / scale, `E⁺ at step ${step}`).toBeLessThan(1e-5);
        if (Number.isFinite(sb.energyNeg)) {
          expect(Math.abs(sa.energyNeg - sb.energyNeg) / scale, `E⁻ at step ${step}`).toBeLessThan(1e-5);
        } else expect(sa.energyNeg).toBeNaN();
        expect(maxRelativeError(a.extra(), b.extra())).toBeLessThan(1e-5);
      }
      const points = data.subarray(0, 200);
      expect(maxRelativeError(await a.model.energy(points), await b.model.energy(points))).toBeLessThan(1e-5);
      a.model.dispose();
      b.model.dispose();
    },
  );
});
