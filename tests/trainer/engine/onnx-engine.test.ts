import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { adamState } from '../../../models/graph/adam.js';
import { createGraph } from '../../../models/graph/builder.js';
import type { Program } from '../../../models/graph/program.js';
import { createRng } from '../../../models/rng.js';
import { createVae } from '../../../models/vae/vae.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';

const MB = 1024 * 1024;

describe('the ONNX Runtime engine', () => {
  it('keeps native memory flat over a long run (the course VAE, 600 steps)', async () => {
    const shape = { variant: 'vae', inputDim: 784, hiddenDim: 400, latentDim: 20 } as const;
    const model = createVae(shape, 1, (state) => createOnnxEngine(ort, state, { threads: 1 }));
    const rng = createRng(3);
    const x = Float32Array.from({ length: 64 * 784 }, () => rng.uniform());
    const steps = async (n: number) => {
      for (let i = 0; i < n; i++) await model.trainStep(x, 1, 1e-3, i);
    };
    await steps(100); // sessions, arenas and the JIT settle
    const before = process.memoryUsage().rss;
    await steps(500);
    const grown = (process.memoryUsage().rss - before) / MB;
    // Each step moves ≈ 7.6 MB of weights and moments: a leak of one copy per step would be ≈ 3.8 GB.
    expect(grown).toBeLessThan(64);
    model.dispose();
  });

  it('double-buffers the state: reads see the last finished run, and a run never reads its own output', async () => {
    const g = createGraph();
    const w = g.input('w', [3]);
    g.output('new.w', g.add(w, g.constant(1)));
    g.output('sum', g.sum(w));
    const program: Program = {
      name: 'count',
      graph: g,
      fetches: ['sum'],
      updates: new Map([['new.w', 'w']]),
    };
    const runner = createOnnxEngine(
      ort,
      { w: { shape: [3], data: Float32Array.of(0, 10, 20) } },
      { threads: 1 },
    );
    const sums: number[] = [];
    for (let i = 0; i < 4; i++) sums.push((await runner.run(program, {})).sum?.[0] as number);
    expect(sums).toEqual([30, 33, 36, 39]);
    expect(Array.from(runner.read('w'))).toEqual([4, 14, 24]);
    runner.write('w', Float32Array.of(1, 1, 1));
    expect((await runner.run(program, {})).sum?.[0]).toBe(3);
    runner.dispose();
    await expect(runner.run(program, {})).rejects.toThrow(/disposed before count ran/);
  });

  it('runs queued calls one after another, in order', async () => {
    const g = createGraph();
    const w = g.input('w', [1]);
    g.output('new.w', g.scale(w, 2));
    g.output('seen', g.scale(w, 1));
    expect(() => g.output('w', w)).toThrow(/name of an input/);
    const program: Program = {
      name: 'double',
      graph: g,
      fetches: ['seen'],
      updates: new Map([['new.w', 'w']]),
    };
    const runner = createOnnxEngine(
      ort,
      { w: { shape: [1], data: Float32Array.of(1) }, ...adamState({}) },
      { threads: 1 },
    );
    const seen = await Promise.all([1, 2, 3, 4].map(() => runner.run(program, {})));
    expect(seen.map((s) => s.seen?.[0])).toEqual([1, 2, 4, 8]);
    runner.dispose();
  });
});
