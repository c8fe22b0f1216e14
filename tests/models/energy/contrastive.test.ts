/**
 * Contrastive divergence shapes an energy that is low on the data and high away from it;
 * persistent CD keeps its particles between steps and restarts them at the requested rate.
 * Trained on ONNX Runtime (engines.test.ts holds TensorFlow.js to the same numbers).
 */
import { describe, expect, test } from 'vitest';
import { createCd } from '../../../models/energy/cd.js';
import {
  defaultEnergyNetConfig,
  energyNetSpec,
  energyNetWeights,
  energyOf,
} from '../../../models/energy/energy-net.js';
import { LANGEVIN_CHUNK, langevinFeeds, langevinProgram } from '../../../models/energy/langevin.js';
import { createPcd, type PcdConfig } from '../../../models/energy/pcd.js';
import { toyData, uniformPoints } from '../../../models/energy/toy-data.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError } from '../backends.js';
import { nearestDistances, onnx, trainOn } from './helpers.js';

const concat = (parts: readonly Float32Array[]): Float32Array => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

const box = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };

describe('CD-k on a ring of 8 Gaussians', () => {
  test('after 300 updates, E(data) + 1 < E(far) for ≥ 90 % of (data, far) pairs', async () => {
    const data = toyData('gaussians', 1000, createRng(1));
    const model = createCd(3, undefined, onnx);
    const config = { learningRate: 3e-3, alpha: 0.1, langevin: { stepSize: 0.01, noiseScale: 1, steps: 10 } };
    const results = await trainOn(data, 300, 128, createRng(5), (b) => model.step(b, config));
    expect(results.every((r) => Number.isFinite(r.loss))).toBe(true);
    expect(model.negatives()).toHaveLength(256);

    // "Far": uniform in [−4, 4]² and more than 1 (ten standard deviations) from every data point.
    const candidates = uniformPoints({ xMin: -4, xMax: 4, yMin: -4, yMax: 4 }, 800, createRng(9));
    const dist = nearestDistances(candidates, data);
    const far = Float32Array.from(
      dist.flatMap((d, i) => (d > 1 ? [candidates[2 * i]!, candidates[2 * i + 1]!] : [])),
    );
    expect(far.length / 2).toBeGreaterThan(200);
    const eData = await model.energy(data.subarray(0, 400));
    const eFar = await model.energy(far);
    let good = 0;
    for (const d of eData) for (const f of eFar) if (d + 1 < f) good++;
    expect(good / (eData.length * eFar.length)).toBeGreaterThanOrEqual(0.9);
    model.dispose();
  });

  test('the negatives are the data batch moved by k Langevin steps (k = 0: the batch itself)', async () => {
    const model = createCd(2, undefined, onnx);
    const batch = toyData('moons', 64, createRng(3));
    await model.step(batch, {
      learningRate: 1e-3,
      alpha: 0.1,
      langevin: { stepSize: 0.01, noiseScale: 1, steps: 0 },
    });
    expect(model.negatives()).toEqual(batch);
    await model.step(batch, {
      learningRate: 1e-3,
      alpha: 0.1,
      langevin: { stepSize: 0.01, noiseScale: 1, steps: 3 },
    });
    const moved = nearestDistances(model.negatives(), batch);
    // 3 steps of noise √η·ε (√η = 0.1): about 0.17 per point, never across the plane.
    expect(Math.max(...moved)).toBeLessThan(1);
    expect(moved.filter((d) => d > 0).length).toBe(64);
    model.dispose();
  });

  test('a chain longer than LANGEVIN_CHUNK, run in chunks, is the chain unrolled in one program', async () => {
    const [seed, k, n] = [4, LANGEVIN_CHUNK + 7, 50];
    const clip = { xMin: -1.5, xMax: 2.5, yMin: -1, yMax: 1.5 };
    const langevin = { stepSize: 0.05, noiseScale: 1, steps: k, clip };
    const batch = toyData('moons', n, createRng(3));
    const model = createCd(seed, undefined, onnx);
    await model.step(batch, { learningRate: 1e-3, alpha: 0.1, langevin });

    // The same chain from the initial weights (cd.ts: weights from the seed's first fork, noise
    // from its second, drawn chunk by chunk), unrolled in one program.
    const rng = createRng(seed);
    const weights = energyNetWeights(defaultEnergyNetConfig, rng.fork());
    const noise = rng.fork();
    const draws = [LANGEVIN_CHUNK, k - LANGEVIN_CHUNK].map(
      (steps) => langevinFeeds({ ...langevin, steps }, n, 2, noise)['langevin.noise'] as Float32Array,
    );
    const feeds = { ...langevinFeeds(langevin, n, 2, createRng(0)), 'langevin.noise': concat(draws) };
    const spec = energyNetSpec(defaultEnergyNetConfig);
    const program = langevinProgram('one', (g) => energyOf(g, spec).energy, n, k, true);
    const runner = onnx(weights);
    const end = (await runner.run(program, { start: batch, ...feeds })).end as Float32Array;
    runner.dispose();
    expect(maxRelativeError(model.negatives(), end)).toBeLessThan(1e-5);
    expect(maxRelativeError(model.negatives(), batch)).toBeGreaterThan(0.1); // it did move
    model.dispose();
  });

  test('rejects a bad learning rate, α or sampler with a sentence', async () => {
    const model = createCd(1, undefined, onnx);
    const batch = new Float32Array(8);
    const langevin = { stepSize: 0.01, noiseScale: 1, steps: 1 };
    await expect(model.step(batch, { learningRate: 0, alpha: 0.1, langevin })).rejects.toThrow(
      /learning rate/,
    );
    await expect(model.step(batch, { learningRate: 1e-3, alpha: -1, langevin })).rejects.toThrow(/α/);
    await expect(
      model.step(batch, { learningRate: 1e-3, alpha: 0.1, langevin: { ...langevin, steps: 1.5 } }),
    ).rejects.toThrow(/Langevin steps/);
    await expect(
      model.step(new Float32Array(3), { learningRate: 1e-3, alpha: 0.1, langevin }),
    ).rejects.toThrow(/x, y pairs/);
    model.dispose();
  });
});

describe('persistent CD', () => {
  const data = toyData('moons', 500, createRng(2));
  const frozen = { stepSize: 1e-12, noiseScale: 0, steps: 1 }; // particles stay put unless restarted

  test('particles not restarted move continuously from where they were', async () => {
    const model = createPcd(4, 300, box, undefined, onnx);
    const config: PcdConfig = {
      learningRate: 1e-3,
      alpha: 0.1,
      reinitRate: 0.1,
      langevin: { stepSize: 0.01, noiseScale: 1, steps: 5 },
    };
    let before = model.particles();
    await trainOn(data, 10, 64, createRng(3), async (b) => {
      await model.step(b, config);
      const after = model.particles();
      const restarted = model.lastRestarts();
      let moved = 0;
      for (let i = 0; i < 300; i++) {
        const d = Math.hypot(after[2 * i]! - before[2 * i]!, after[2 * i + 1]! - before[2 * i + 1]!);
        // 5 steps of noise √η·ε (√η = 0.1) and a small drift: far below a box of side 6.
        if (!restarted[i]) expect(d).toBeLessThan(1);
        if (!restarted[i] && d > 0) moved++;
      }
      expect(moved).toBeGreaterThan(250);
      before = after;
    });
    model.dispose();
  });

  test('with ρ = 0 and a frozen sampler the buffer is exactly kept', async () => {
    const model = createPcd(5, 100, box, undefined, onnx);
    const before = model.particles();
    await trainOn(data, 3, 32, createRng(4), (b) =>
      model.step(b, { learningRate: 1e-3, alpha: 0.1, reinitRate: 0, langevin: frozen }),
    );
    const after = model.particles();
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i]!, 5);
    model.dispose();
  });

  test('ρ = 0.2 restarts 20 % of 200 particles over 50 steps (within 4 binomial sd), exactly those', async () => {
    const model = createPcd(6, 200, box, undefined, onnx);
    const config: PcdConfig = { learningRate: 1e-3, alpha: 0.1, reinitRate: 0.2, langevin: frozen };
    let total = 0;
    let before = model.particles();
    await trainOn(data, 50, 32, createRng(5), async (b) => {
      const { reinitialised } = await model.step(b, config);
      const restarted = model.lastRestarts();
      const after = model.particles();
      let changed = 0;
      for (let i = 0; i < 200; i++) {
        const jumped =
          Math.hypot(after[2 * i]! - before[2 * i]!, after[2 * i + 1]! - before[2 * i + 1]!) > 1e-4;
        if (jumped) {
          changed++;
          expect(restarted[i]).toBe(1);
          expect(after[2 * i]).toBeGreaterThanOrEqual(box.xMin);
          expect(after[2 * i]).toBeLessThanOrEqual(box.xMax);
        }
      }
      expect(changed).toBe(reinitialised); // a uniform restart never lands on the old spot
      total += reinitialised;
      before = after;
    });
    const trials = 50 * 200;
    const sd = Math.sqrt(trials * 0.2 * 0.8); // 40
    expect(Math.abs(total - 0.2 * trials)).toBeLessThan(4 * sd);
    model.dispose();
  });

  test('with a box, Langevin keeps the particles inside it', async () => {
    const small = { xMin: -0.1, xMax: 0.1, yMin: -0.2, yMax: 0.05 };
    const model = createPcd(7, 500, small, undefined, onnx);
    const langevin = { stepSize: 1, noiseScale: 1, steps: 5, clip: small };
    await model.step(data.subarray(0, 64), { learningRate: 1e-3, alpha: 0.1, reinitRate: 0.1, langevin });
    const p = model.particles();
    for (let i = 0; i < 500; i++) {
      expect(p[2 * i]).toBeGreaterThanOrEqual(-0.1 - 1e-7);
      expect(p[2 * i]).toBeLessThanOrEqual(0.1 + 1e-7);
      expect(p[2 * i + 1]).toBeGreaterThanOrEqual(-0.2 - 1e-7);
      expect(p[2 * i + 1]).toBeLessThanOrEqual(0.05 + 1e-7);
    }
    // Steps of √η = 1 against a box 0.2 wide: most particles end on its edges.
    const near = (v: number, edge: number) => Math.abs(v - edge) < 1e-6;
    const onEdge = Array.from(
      { length: 500 },
      (_, i) => near(Math.abs(p[2 * i]!), 0.1) || near(p[2 * i + 1]!, -0.2) || near(p[2 * i + 1]!, 0.05),
    );
    expect(onEdge.filter(Boolean).length).toBeGreaterThan(250);
    model.dispose();
  });

  test('a rate outside [0, 1] and a bad buffer size get a sentence', async () => {
    expect(() => createPcd(1, 0, box)).toThrow(/buffer size/);
    const model = createPcd(1, 10, box, undefined, onnx);
    await expect(
      model.step(new Float32Array(8), { learningRate: 1e-3, alpha: 0.1, reinitRate: 1.5, langevin: frozen }),
    ).rejects.toThrow(/re-initialisation rate/);
    model.dispose();
  });
});
