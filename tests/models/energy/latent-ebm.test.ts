/**
 * The regularised latent-variable EBM: at λ = 0 the code explains every point (E ≈ 0
 * everywhere); as λ grows, energy away from the data rises above that on the data. Its ISTA
 * steps take ∇_z by the graph's reverse mode: held here to the closed form, in float64.
 */
import { describe, expect, test } from 'vitest';
import { energyGrid, gridPoints } from '../../../models/energy/grid.js';
import { createLatentEbm } from '../../../models/energy/latent-ebm.js';
import {
  defaultLatentShape,
  latentContext,
  latentDecode,
  latentInitialWeights,
  latentParams,
} from '../../../models/energy/latent-decoder.js';
import { dataBounds, toyData } from '../../../models/energy/toy-data.js';
import { gradients } from '../../../models/graph/autodiff.js';
import { createGraph } from '../../../models/graph/builder.js';
import type { Node } from '../../../models/graph/nodes.js';
import { evaluateReference } from '../../../models/graph/reference.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError } from '../backends.js';
import { mean, nearestDistances, onnx, trainOn } from './helpers.js';

describe('latent-variable EBM on two moons', () => {
  test('mean energy away from the data is ≈ 0 at λ = 0 and grows with λ; data stay below it', async () => {
    const data = toyData('moons', 500, createRng(1));
    const bounds = dataBounds(data);
    const size = 24;
    const cells = gridPoints(bounds, size);
    const away = nearestDistances(cells, data).map((d) => d > 0.5); // ≈ 60 % of the cells
    const farMeans: number[] = [];
    const dataMeans: number[] = [];
    for (const lambda of [0, 0.05, 0.2]) {
      const model = createLatentEbm(3, undefined, undefined, onnx);
      const config = { lambda, learningRate: 1e-2, inferenceSteps: 60 };
      await trainOn(data, 150, 128, createRng(5), (b) => model.step(b, config));
      const grid = await energyGrid(model, bounds, size);
      farMeans.push(mean(Array.from(grid).filter((_, i) => away[i])));
      dataMeans.push(mean(await model.energy(data)));
      model.dispose();
    }
    expect(farMeans[0]).toBeLessThan(1e-4); // λ = 0: flat, zero everywhere
    expect(farMeans[1]).toBeGreaterThan(farMeans[0]! + 0.02);
    expect(farMeans[2]).toBeGreaterThan(2 * farMeans[1]!);
    // With λ > 0 the data sit lower than the places away from them.
    expect(dataMeans[1]).toBeLessThan(0.75 * farMeans[1]!);
    expect(dataMeans[2]).toBeLessThan(0.75 * farMeans[2]!);
  });

  test('conditional: E(x, y) is lower where the data for x lie than where those of another x lie', async () => {
    // x uniform in [−1, 1]; y = (2x, ±1) + noise: the code has to pick the branch, Pred(x) the place.
    const rng = createRng(7);
    const sample = (count: number) => {
      const x = Float32Array.from({ length: count }, () => 2 * rng.uniform() - 1);
      const y = Float32Array.from(
        Array.from(x).flatMap((v) => [
          2 * v + 0.05 * rng.normal(),
          (rng.uniform() < 0.5 ? -1 : 1) + 0.05 * rng.normal(),
        ]),
      );
      return { x, y };
    };
    const model = createLatentEbm(4, { latentDim: 8, hidden: 32, conditionDim: 1 }, undefined, onnx);
    const config = { lambda: 0.1, learningRate: 1e-2, inferenceSteps: 60 };
    for (let s = 0; s < 200; s++) {
      const batch = sample(128);
      await model.step(batch.y, config, batch.x);
    }
    const branches = (x: number) => Float32Array.from([2 * x, 1, 2 * x, -1]);
    const at = async (x: number, pts: Float32Array) => mean(await model.conditionedOn([x]).energy(pts));
    expect(await at(-0.5, branches(-0.5))).toBeLessThan(0.5 * (await at(-0.5, branches(0.5))));
    expect(await at(0.5, branches(0.5))).toBeLessThan(0.5 * (await at(0.5, branches(-0.5))));
    await expect(model.energy(new Float32Array(2))).rejects.toThrow(/needs x/);
    model.dispose();
  });

  test('the decoder starts within its norm constraints and keeps them after a step (rows of W of norm 1, A ≤ 1, ‖B‖ ≤ 1)', async () => {
    const rows = (m: Float32Array, cols: number) =>
      Array.from({ length: m.length / cols }, (_, r) => Math.hypot(...m.subarray(r * cols, (r + 1) * cols)));
    const check = (weights: Record<string, { data: Float32Array }>) => {
      for (const norm of rows(weights.w!.data, 2)) expect(norm).toBeCloseTo(1, 5);
      for (const norm of rows(weights.aW!.data, 32)) expect(norm).toBeLessThanOrEqual(1 + 1e-6);
      expect(Math.hypot(...weights.bW!.data)).toBeLessThanOrEqual(1 + 1e-6);
    };
    // Drawn, rows of W have norms ≈ 0.8 (U(−1, 1)) and rows of A ≈ 1.15 (U(±1/√K)): projected.
    check(latentInitialWeights(defaultLatentShape, createRng(5)));
    const model = createLatentEbm(5, undefined, { lambda: 0.1, learningRate: 0.3, inferenceSteps: 5 }, onnx);
    await model.step(toyData('moons', 64, createRng(1)), model.config);
    check(model.weights());
    model.dispose();
  });

  test('inference returns z* of K entries per point, and E = ‖y − Dec(z*)‖² + λ‖z*‖₁', async () => {
    const model = createLatentEbm(
      6,
      undefined,
      { lambda: 0.2, learningRate: 1e-3, inferenceSteps: 30 },
      onnx,
    );
    const y = toyData('moons', 20, createRng(3));
    const { z, energy, recon } = await model.infer(y);
    expect(z).toHaveLength(20 * 8);
    energy.forEach((e, i) => {
      const l1 = z.subarray(8 * i, 8 * i + 8).reduce((s, v) => s + Math.abs(v), 0);
      expect(e).toBeCloseTo(recon[i]! + 0.2 * l1, 5);
    });
    expect(z.some((v) => v === 0)).toBe(true); // the shrinkage sets some entries exactly to zero
    model.dispose();
  });

  test('rejects λ < 0 and a non-integer number of inference steps', () => {
    expect(() =>
      createLatentEbm(1, undefined, { lambda: -1, learningRate: 1e-3, inferenceSteps: 10 }),
    ).toThrow(/λ/);
    const model = createLatentEbm(1, undefined, undefined, onnx);
    expect(() => model.configure({ lambda: 0.1, learningRate: 1e-3, inferenceSteps: 2.5 })).toThrow(
      /inference steps/,
    );
    model.dispose();
  });
});

describe("the latent EBM's code gradient", () => {
  test('∇_z‖y − Dec(c, z)‖² by reverse mode equals −2(r·Wᵀ + ((r·Bᵀ) ⊙ (1 − h²))·Aᵀ) in float64', () => {
    const [n, k, h] = [5, defaultLatentShape.latentDim, defaultLatentShape.hidden];
    const weights = latentInitialWeights(defaultLatentShape, createRng(2));
    const g = createGraph();
    const params = latentParams(g, defaultLatentShape);
    const y = g.input('y', [n, 2]);
    const z = g.input('z', [n, k]);
    const f = g.sum(g.square(g.sub(y, latentDecode(g, params, latentContext(g, params, null), z))));
    g.output('grad', gradients(g, f, [z])[0] as Node);
    const rng = createRng(3);
    const feeds = {
      ...Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, w.data])),
      y: Float64Array.from({ length: 2 * n }, () => rng.normal()),
      z: Float64Array.from({ length: n * k }, () => 0.5 * rng.normal()),
    };
    const got = evaluateReference(g, feeds).grad as Float64Array;

    // The closed form, loop by loop.
    const at = (name: string, i: number) => (weights[name]?.data[i] as number) ?? NaN;
    const want = new Float64Array(n * k);
    for (let r = 0; r < n; r++) {
      const zr = (j: number) => feeds.z[r * k + j] as number;
      const hid = Array.from({ length: h }, (_, u) => {
        let a = at('a', u);
        for (let j = 0; j < k; j++) a += zr(j) * at('aW', j * h + u);
        return Math.tanh(a);
      });
      const res = [0, 1].map((d) => {
        let dec = at('b', d);
        for (let j = 0; j < k; j++) dec += zr(j) * at('w', 2 * j + d);
        for (let u = 0; u < h; u++) dec += (hid[u] as number) * at('bW', 2 * u + d);
        return (feeds.y[2 * r + d] as number) - dec;
      });
      const back = hid.map(
        (hu, u) => (res[0]! * at('bW', 2 * u) + res[1]! * at('bW', 2 * u + 1)) * (1 - hu * hu),
      );
      for (let j = 0; j < k; j++) {
        let s = res[0]! * at('w', 2 * j) + res[1]! * at('w', 2 * j + 1);
        for (let u = 0; u < h; u++) s += (back[u] as number) * at('aW', j * h + u);
        want[r * k + j] = -2 * s;
      }
    }
    expect(maxRelativeError(got, want)).toBeLessThan(1e-12);
  });
});
