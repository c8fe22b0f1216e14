/**
 * What the benchmarks of compiled labs share: the rungs to measure (ONNX Runtime at one
 * thread and at every core, then each TensorFlow.js rung running the same graph), a rate
 * measured as the median of repeats after a warm-up, and the ratios to a PyTorch reference
 * run in the same invocation at the same thread count.
 */
import type { EngineFactory } from '../models/graph/program.js';
import { tfjsEngine } from '../models/graph/tfjs-engine.js';
import type { BackendName } from '../protocol/messages.js';
import { createOnnxEngine, loadOrt } from '../trainer/engine/onnx-engine.js';
import { summary, threadCounts, useBackend, type BenchContext, type Measurement } from './harness.js';
import { runPytorch, torchPython } from './python.js';

export interface Rung {
  readonly backend: BackendName;
  /** ONNX Runtime's intra-op threads; TensorFlow.js rungs run one thread. */
  readonly threads: number;
  readonly engine: EngineFactory;
}

/** Every rung that loads here, in ladder order; each is made active just before it is yielded. */
export async function* rungs(ctx: BenchContext): AsyncGenerator<Rung> {
  for (const backend of ctx.backends) {
    if (!(await useBackend(backend, ctx))) continue;
    if (backend !== 'onnxruntime') {
      yield { backend, threads: 1, engine: tfjsEngine };
      continue;
    }
    const ort = await loadOrt();
    for (const threads of threadCounts()) {
      yield { backend, threads, engine: (state) => createOnnxEngine(ort, state, { threads }) };
    }
  }
}

/** Median (min, max) of `repeats` rates, each over `steps` calls of `step`, after 3 warm-up calls. */
export async function measureRate(
  step: (i: number) => Promise<unknown>,
  steps: number,
  samplesPerStep: number,
  repeats = 7,
): Promise<ReturnType<typeof summary> & { steps: number }> {
  let k = 0;
  for (let i = 0; i < 3; i++) await step(k++);
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    for (let s = 0; s < steps; s++) await step(k++);
    rates.push((steps * samplesPerStep * 1000) / (performance.now() - start));
  }
  return { steps, ...summary(rates) };
}

export interface MeasuredRate {
  readonly backend: BackendName;
  readonly threads: number;
  readonly median: number;
}

/** What compareWithPytorch needs of a rate measured on `rung`. */
export const measuredRate = (rung: Rung, m: { readonly median: number }): MeasuredRate => ({
  backend: rung.backend,
  threads: rung.threads,
  median: m.median,
});

/** Samples per second measured on `rung` (measureRate's `m`) as one line: the median rounded, then `details`. */
export function samplesPerSecond(
  bench: string,
  rung: Rung,
  m: Awaited<ReturnType<typeof measureRate>>,
  details: Readonly<Record<string, unknown>>,
): Measurement {
  const line = { metric: 'samples_per_s', value: Math.round(m.median), unit: 'samples/s', ...m };
  return { bench, backend: rung.backend, threads: rung.threads, ...line, ...details };
}

/**
 * Runs the PyTorch reference `script` at each thread count and emits its lines, then the
 * ratio of every measured rate to the reference at the same thread count.
 */
export function compareWithPytorch(
  ctx: BenchContext,
  bench: string,
  rates: readonly MeasuredRate[],
  script: string,
  args: readonly string[] = [],
): void {
  if (!torchPython()) {
    ctx.log(`${bench}: no python with torch here (apt-get install python3-torch); skipping PyTorch`);
    return;
  }
  for (const threads of threadCounts()) {
    ctx.log(`${bench}: PyTorch, ${threads} thread(s)…`);
    for (const line of runPytorch(args, 300_000, threads, script)) {
      ctx.emit(line);
      for (const rate of rates.filter((r) => r.threads === threads)) {
        const ratio = rate.median / line.median;
        const m: Measurement = {
          bench,
          backend: rate.backend,
          threads,
          metric: 'ratio_to_pytorch',
          value: ratio,
          unit: 'ratio',
          runs: 1,
          median: ratio,
          pytorch: line.median,
          pytorch_threads: threads,
        };
        ctx.emit(m);
      }
    }
  }
}
