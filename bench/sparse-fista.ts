/**
 * Sparse coding speed (issue 3, "Speed"):
 *   - FISTA on a batch of 256 embedded digits with 256 atoms, 100 iterations (Gram-matrix form,
 *     models/sparse), seconds per solve including G = WᵀW, L by power iteration, S and C;
 *     median of ≥ 5 repeats after a warm-up, on every backend available;
 *   - the same in numpy (bench/numpy_fista.py, OpenBLAS, one thread) where /usr/bin/python3 has
 *     numpy, and the ratio numpy time / our time (≥ 1 means parity or better);
 *   - dictionary learning (256 atoms, batch 256, 50 FISTA iterations per batch) seconds per
 *     epoch over the 10,000 embedded digits (measured on a few batches and scaled).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../protocol/messages.js';
import { createRng } from '../models/rng.js';
import { createDictionaryLearner } from '../models/sparse/dictionary-learning.js';
import { gaussianDictionary } from '../models/sparse/dictionary-init.js';
import { createSparseCoder } from '../models/sparse/sparse-coder.js';
import { embeddedDigits, PIXELS } from './data.js';
import {
  summary,
  tfjsBackends,
  useBackend,
  type BenchContext,
  type Benchmark,
  type Measurement,
} from './harness.js';

const BENCH = 'sparse-fista';
const ATOMS = 256;
const BATCH = 256;
const ITERATIONS = 100;
const LAMBDA = 1;
const SCRIPT = fileURLToPath(new URL('./numpy_fista.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const ENV = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function fistaSeconds(backend: BackendName, pixels: Float32Array): { times: number[]; zeros: number } {
  const repeats = backend === 'cpu' ? 2 : 7;
  const w = tf.tensor2d(gaussianDictionary(PIXELS, ATOMS, createRng(1)), [PIXELS, ATOMS]);
  const y = tf.tensor2d(pixels.subarray(0, BATCH * PIXELS), [BATCH, PIXELS]);
  const times: number[] = [];
  let zeros = 0;
  for (let r = 0; r <= repeats; r++) {
    const start = performance.now();
    const coder = createSparseCoder(w, { lambda: LAMBDA, rng: createRng(2) });
    const { codes } = coder.solve(y, { method: 'fista', iterations: ITERATIONS });
    const values = codes.dataSync() as Float32Array; // wait for the result
    if (r > 0) times.push((performance.now() - start) / 1000); // r = 0 warms up
    zeros = values.reduce((s, v) => s + (v === 0 ? 1 : 0), 0) / values.length;
    codes.dispose();
    coder.dispose();
  }
  tf.dispose([w, y]);
  return { times, zeros };
}

function epochSeconds(
  backend: BackendName,
  pixels: Float32Array,
  count: number,
): { perEpoch: number; batches: number } {
  const batches = backend === 'cpu' ? 1 : 6;
  const learner = createDictionaryLearner(PIXELS, {
    atoms: ATOMS,
    lambda: LAMBDA,
    learningRate: 0.5,
    codeIterations: 50,
    init: 'gaussian',
    seed: 1,
  });
  const batch = (i: number) =>
    tf.tensor2d(pixels.subarray(i * BATCH * PIXELS, (i + 1) * BATCH * PIXELS), [BATCH, PIXELS]);
  const warm = batch(0);
  learner.step(warm);
  warm.dispose();
  const start = performance.now();
  for (let i = 1; i <= batches; i++) {
    const y = batch(i);
    learner.step(y);
    y.dispose();
  }
  const perBatch = (performance.now() - start) / 1000 / batches;
  learner.dispose();
  return { perEpoch: perBatch * Math.ceil(count / BATCH), batches };
}

function numpyReference(pixels: Float32Array, ctx: BenchContext): Measurement | null {
  if (spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore', env: ENV }).status !== 0) {
    ctx.log(`${BENCH}: no numpy for ${PYTHON}; skipping the numpy reference`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sparse-fista-'));
  try {
    const file = join(dir, 'digits.f32');
    writeFileSync(file, pixels.subarray(0, BATCH * PIXELS));
    const args = [SCRIPT, '--data', file, '--atoms', `${ATOMS}`, '--batch', `${BATCH}`];
    const run = spawnSync(PYTHON, [...args, '--iterations', `${ITERATIONS}`, '--lam', `${LAMBDA}`], {
      env: ENV,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.status !== 0) throw new Error(`numpy_fista.py failed: ${run.stderr || run.error?.message}`);
    const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
    return line ? (JSON.parse(line) as Measurement) : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const sparseFista: Benchmark = {
  name: BENCH,
  description:
    'FISTA 256 digits × 256 atoms × 100 iterations per backend vs numpy; dictionary-learning epoch',
  optIn: false,
  async run(ctx) {
    const digits = await embeddedDigits();
    const ours = new Map<string, number>();
    for (const backend of tfjsBackends(ctx)) {
      if (!(await useBackend(backend, ctx))) continue;
      ctx.log(`${BENCH}: ${backend} FISTA…`);
      const { times, zeros } = fistaSeconds(backend, digits.pixels);
      const s = summary(times);
      ours.set(backend, s.median);
      ctx.emit({
        bench: BENCH,
        backend,
        metric: 'seconds',
        value: s.median,
        unit: 's',
        ...s,
        batch: BATCH,
        atoms: ATOMS,
        iterations: ITERATIONS,
        zeroFraction: zeros,
      });
      ctx.log(`${BENCH}: ${backend} dictionary-learning epoch…`);
      const epoch = epochSeconds(backend, digits.pixels, digits.count);
      ctx.emit({
        bench: BENCH,
        backend,
        metric: 'dictionary_epoch_seconds',
        value: epoch.perEpoch,
        unit: 's',
        runs: epoch.batches,
        median: epoch.perEpoch,
        digits: digits.count,
        batch: BATCH,
        atoms: ATOMS,
        codeIterations: 50,
        estimatedFrom: `${epoch.batches} batches`,
      });
    }
    const reference = numpyReference(digits.pixels, ctx);
    if (!reference) return;
    ctx.emit(reference);
    for (const [backend, seconds] of ours) {
      const ratio = reference.median / seconds;
      ctx.emit({
        bench: BENCH,
        backend,
        metric: 'ratio_numpy_time_to_ours',
        value: ratio,
        unit: 'ratio',
        runs: 1,
        median: ratio,
        numpySeconds: reference.median,
        oursSeconds: seconds,
      });
    }
  },
};
