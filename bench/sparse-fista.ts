/**
 * Sparse coding speed (issue 3 "Speed", issue 11), per rung and thread count:
 *   - FISTA on a batch of 256 embedded digits with 256 atoms, 100 iterations (Gram-matrix form,
 *     models/sparse/sparse-graph.ts): solves per second, each forming G = WᵀW and B = Y·W and
 *     running the iterations (L = λ_max(G) known, as the lab keeps it per dictionary), with the
 *     same in numpy (bench/numpy_fista.py, OpenBLAS at the same thread count) side by side;
 *   - dictionary learning with the lab's MNIST preset (protocol/sparse/config.ts: 256 atoms, codes
 *     and atoms ≥ 0, λ = 0.08, η = 2, batch 100, 50 FISTA iterations per batch): seconds per epoch
 *     over the 10,000 embedded digits (measured on a few batches).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../models/rng.js';
import { gaussianDictionary } from '../models/sparse/dictionary-init.js';
import { createDictionaryLearner } from '../models/sparse/dictionary-learning.js';
import { createSparseCoder } from '../models/sparse/sparse-coder.js';
import { defaultSparseConfig as lab } from '../protocol/sparse/config.js';
import { embeddedDigits, PIXELS } from './data.js';
import { compareWithPytorch, measuredRate, measureRate, rungs, type MeasuredRate } from './engines.js';
import type { Benchmark } from './harness.js';
import { referenceScript } from './python.js';

const BENCH = 'sparse-fista';
const ATOMS = 256;
const BATCH = 256;
const ITERATIONS = 100;
const LAMBDA = 1;

export const sparseFista: Benchmark = {
  name: BENCH,
  description: 'FISTA 256 digits × 256 atoms × 100 iterations per rung vs numpy; dictionary-learning epoch',
  optIn: false,
  async run(ctx) {
    const digits = await embeddedDigits();
    const y = digits.pixels.subarray(0, BATCH * PIXELS);
    const rates: MeasuredRate[] = [];
    for await (const rung of rungs(ctx)) {
      const slow = rung.backend === 'cpu';
      ctx.log(`${BENCH}: ${rung.backend}, ${rung.threads} thread(s), FISTA…`);
      const w = gaussianDictionary(PIXELS, ATOMS, createRng(1));
      const coder = createSparseCoder(w, PIXELS, ATOMS, { lambda: LAMBDA, rng: createRng(2) }, rung.engine);
      let zeros = 0;
      const solve = async () => {
        const { codes } = await coder.solve(y, { method: 'fista', iterations: ITERATIONS });
        zeros = codes.reduce((s, v) => s + (v === 0 ? 1 : 0), 0) / codes.length;
      };
      const m = await measureRate(solve, 1, 1, slow ? 2 : 7);
      coder.dispose();
      rates.push(measuredRate(rung, m));
      ctx.emit({
        bench: BENCH,
        backend: rung.backend,
        threads: rung.threads,
        metric: 'solves_per_second',
        value: m.median,
        unit: 'solves/s',
        ...m,
        batch: BATCH,
        atoms: ATOMS,
        iterations: ITERATIONS,
        zeroFraction: zeros,
      });
      if (slow) continue;
      ctx.log(`${BENCH}: ${rung.backend}, ${rung.threads} thread(s), dictionary-learning epoch…`);
      const learner = createDictionaryLearner(
        PIXELS,
        {
          atoms: lab.atoms,
          lambda: lab.lambda,
          learningRate: lab.learningRate,
          codeIterations: lab.codeIterations,
          init: 'samples',
          nonNegative: lab.codes === 'non-negative',
          seed: 1,
        },
        digits.pixels,
        undefined,
        rung.engine,
      );
      const size = lab.batchSize;
      const batch = (i: number) =>
        digits.pixels.subarray((i % 30) * size * PIXELS, ((i % 30) + 1) * size * PIXELS);
      const steps = rung.backend.startsWith('onnxruntime') ? 10 : 3;
      const epoch = await measureRate((i) => learner.step(batch(i)), steps, 1, 3);
      learner.dispose();
      const perEpoch = Math.ceil(digits.count / size) / epoch.median;
      ctx.emit({
        bench: BENCH,
        backend: rung.backend,
        threads: rung.threads,
        metric: 'dictionary_epoch_seconds',
        value: perEpoch,
        unit: 's',
        runs: epoch.runs,
        median: perEpoch,
        min: Math.ceil(digits.count / size) / epoch.max,
        max: Math.ceil(digits.count / size) / epoch.min,
        digits: digits.count,
        batch: size,
        atoms: lab.atoms,
        codes: lab.codes,
        lambda: lab.lambda,
        codeIterations: lab.codeIterations,
        estimatedFrom: `${epoch.runs} × ${steps} batches`,
      });
    }
    const dir = mkdtempSync(join(tmpdir(), 'sparse-fista-'));
    try {
      const file = join(dir, 'digits.f32');
      writeFileSync(file, y);
      const args = [
        '--data',
        file,
        '--atoms',
        `${ATOMS}`,
        '--batch',
        `${BATCH}`,
        '--iterations',
        `${ITERATIONS}`,
      ];
      compareWithPytorch(ctx, BENCH, rates, referenceScript('numpy_fista.py'), [
        ...args,
        '--lam',
        `${LAMBDA}`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
