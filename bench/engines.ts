/**
 * What the benchmarks of compiled labs share: the rungs to measure (ONNX Runtime at one
 * thread and at every core, then each TensorFlow.js rung running the same graph), a rate
 * measured as the median of repeats after a warm-up, and the ratios to a PyTorch reference
 * run in the same invocation at the same thread count.
 */
import type { EngineFactory } from '../models/graph/program.js';
import { tfjsEngine } from '../models/graph/tfjs-engine.js';
import type { BackendName } from '../protocol/messages.js';
import { availableParallelism } from 'node:os';
import { GPU_ENV, gpuSetting, probeGpu } from '../trainer/engine/gpu.js';
import { createOnnxEngine, loadOrt } from '../trainer/engine/onnx-engine.js';
import { summary, threadCounts, useBackend, type BenchContext, type Measurement } from './harness.js';
import { runPytorch, torchPython } from './python.js';

export interface Rung {
  readonly backend: BackendName;
  /** ONNX Runtime's intra-op threads; TensorFlow.js rungs run one thread. */
  readonly threads: number;
  readonly engine: EngineFactory;
  /** Said in every line measured on it (the GPU rung's provider and adapter). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Whether the rung runs the compiled programs on ONNX Runtime (CPU or GPU). */
export const onOnnxRuntime = (rung: Rung): boolean => rung.backend.startsWith('onnxruntime');

/**
 * The GPU rung where an adapter runs here (the trainer's probe, trainer/engine/gpu.ts; software
 * adapters only with EBM_LAB_GPU=software, and then every line says so). Programs run on the
 * GPU unchecked (the check is the trainer's; a bench measures speed); any the provider cannot
 * take run on the CPU, said on stderr. Its ONNX Runtime threads serve only such programs.
 */
async function gpuRung(ctx: BenchContext): Promise<Rung | null> {
  const ort = await loadOrt();
  const setting = gpuSetting();
  if (setting === 'off') {
    ctx.log(`skipping backend onnxruntime-gpu: ${GPU_ENV}=off`);
    return null;
  }
  const probe = await probeGpu(ort, setting);
  if (!probe.ok) {
    ctx.log(`skipping backend onnxruntime-gpu: ${probe.why.message}`);
    return null;
  }
  const threads = availableParallelism();
  const adapter = probe.softwareAllowed
    ? `software adapters allowed (${GPU_ENV}=software): likely a software rasteriser, not a GPU`
    : 'hardware (software adapters hidden)';
  ctx.log(`onnxruntime-gpu: ${probe.provider}, ${adapter}`);
  return {
    backend: 'onnxruntime-gpu',
    threads,
    details: { provider: probe.provider, adapter },
    engine: (state) =>
      createOnnxEngine(ort, state, {
        threads,
        gpu: {
          provider: probe.provider,
          onCpu: (program, why) => ctx.log(`onnxruntime-gpu: ${program} runs on the CPU: ${why}`),
        },
      }),
  };
}

/** Every rung that loads here, in ladder order; each is made active just before it is yielded. */
export async function* rungs(ctx: BenchContext): AsyncGenerator<Rung> {
  for (const backend of ctx.backends) {
    if (!(await useBackend(backend, ctx))) continue;
    if (backend === 'onnxruntime-gpu') {
      const gpu = await gpuRung(ctx);
      if (gpu) yield gpu;
      continue;
    }
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
  return { bench, backend: rung.backend, threads: rung.threads, ...line, ...rung.details, ...details };
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
