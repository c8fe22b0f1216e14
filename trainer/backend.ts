/**
 * The backend ladder (docs/ARCHITECTURE.md; README, "Backends and the fast engine"), chosen once per trainer process:
 *   'onnxruntime' (the lab's compiled programs, training step and views, on ONNX Runtime's CPU
 *   kernels; no TensorFlow.js backend is started then) → 'tensorflow-gpu' (@tensorflow/tfjs-node-gpu,
 *   CUDA) → 'tensorflow' (@tensorflow/tfjs-node, native CPU) → 'wasm'
 *   (@tensorflow/tfjs-backend-wasm, SIMD) → 'cpu' (plain JS).
 * onnxruntime-node is a dependency with its CPU binaries inside the npm package; the two
 * tfjs-node packages are optionalDependencies whose install downloads libtensorflow; where
 * that failed npm skips them and importing them throws MODULE_NOT_FOUND, so each rung is a
 * dynamic import in try/catch. An explicit choice (--backend) wins and fails clearly.
 * The host's cheap guess, without loading anything, is in backend-probe.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { availableParallelism } from 'node:os';
import type { EngineFactory } from '../models/graph/program.js';
import { tfjsEngine } from '../models/graph/tfjs-engine.js';
import { defaultEngineThreads } from '../protocol/engines.js';
import type { LabName } from '../protocol/labs.js';
import type { BackendInfo, BackendName, TfjsBackendName } from '../protocol/messages.js';
import { checkedEngine, CHECK_TOLERANCE, formatDifference } from './engine/checked-engine.js';
import { GPU_ENV, gpuSetting, probeGpu, providerLabel } from './engine/gpu.js';
import { createOnnxEngine, loadOrt, type Ort } from './engine/onnx-engine.js';
import { sayBackend, threadsWord } from '../protocol/backend-reasons.js';
import { saidAsIs, type Said } from '../protocol/texts.js';

/** The npm package behind each TensorFlow.js rung, and the name it registers with tfjs-core. */
export const rungs: Readonly<Record<TfjsBackendName, { readonly pkg: string; readonly tfName: string }>> = {
  'tensorflow-gpu': { pkg: '@tensorflow/tfjs-node-gpu', tfName: 'tensorflow' },
  tensorflow: { pkg: '@tensorflow/tfjs-node', tfName: 'tensorflow' },
  wasm: { pkg: '@tensorflow/tfjs-backend-wasm', tfName: 'wasm' },
  cpu: { pkg: '@tensorflow/tfjs-backend-cpu', tfName: 'cpu' },
};

/** The TensorFlow.js rungs, best first (ONNX Runtime sits above them, for compiled labs). */
export const ladder: readonly TfjsBackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

const firstLine = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
};

/** Why a rung could not be used, in words. */
function whyNot(name: TfjsBackendName, error: unknown): string {
  const { pkg } = rungs[name];
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && text.includes(pkg);
  if (missing && (name === 'tensorflow' || name === 'tensorflow-gpu')) {
    return `${pkg.slice('@tensorflow/'.length)} is not installed (its install downloads libtensorflow, which failed or was skipped)`;
  }
  if (missing) return `${pkg} is not installed`;
  return `${pkg} failed to load (${firstLine(error)})`;
}

/** Loads one rung and makes it the active backend; throws with the reason on failure. */
async function activate(name: TfjsBackendName): Promise<void> {
  const { pkg, tfName } = rungs[name];
  // A variable specifier: the native packages are optional and may be absent at compile time.
  const specifier: string = pkg;
  await import(specifier);
  const ok = await tf.setBackend(tfName);
  if (!ok) throw new Error(`${pkg} loaded but its backend '${tfName}' did not initialise`);
  await tf.ready();
}

/**
 * Picks and activates a TensorFlow.js backend. With `requested` only that rung is tried, and
 * failure throws an Error whose message says why; otherwise the ladder is walked from the top.
 */
export async function selectBackend(requested?: TfjsBackendName): Promise<BackendInfo> {
  if (requested) {
    try {
      await activate(requested);
    } catch (error) {
      throw new Error(
        `The backend '${requested}' was asked for but is unavailable: ${whyNot(requested, error)}.`,
      );
    }
    return withWhy(requested, sayBackend('backendAsked', { name: requested }));
  }
  const skipped: string[] = [];
  for (const name of ladder) {
    try {
      await activate(name);
      return withWhy(name, describe(name, skipped));
    } catch (error) {
      skipped.push(whyNot(name, error));
    }
  }
  throw new Error(`No TensorFlow.js backend could be loaded: ${skipped.join('; ')}.`);
}

/** The reason shown to the user: what was skipped on the way down, then the rung in use. */
function describe(name: TfjsBackendName, skipped: readonly string[]): Said {
  if (name === 'tensorflow-gpu') return sayBackend('backendGpuLoaded');
  // A missing GPU package is the normal case; mention it only when tfjs-node is missing too
  // (then one sentence covers both) or when it was installed but failed to load.
  const gpuMissing = skipped[0]?.startsWith('tfjs-node-gpu is not installed') ?? false;
  const notes = gpuMissing ? skipped.slice(1) : skipped;
  const what = name === 'tensorflow' ? sayBackend('backendNativeCpu') : name;
  if (name === 'tensorflow' && notes.length === 0) return sayBackend('backendNodeInstalled');
  return sayBackend('backendUsing', { notes: notes.join('; '), what });
}

/** A rung and why: the English reason and its code together (protocol/backend-reasons.ts). */
const withWhy = <N extends BackendName>(name: N, why: Said): BackendInfo & { name: N } => ({
  name,
  reason: why.message,
  why,
});

/** What a run trains with: the rung shown to the user, and the engine that runs its graphs. */
export interface EngineChoice {
  readonly backend: BackendInfo;
  readonly engine: EngineFactory;
  /** The rung as it stands now, where it can change during the run (the GPU rung's checks). */
  readonly current?: () => BackendInfo;
}

export interface EngineRequest {
  readonly lab: LabName;
  /** --backend */
  readonly requested?: BackendName;
  /** --threads; by default every core but those the lab keeps busy beside the engine (protocol/engines.ts). */
  readonly threads?: number;
}

/**
 * Picks the rung of a run: ONNX Runtime (unless another rung was asked for), which then runs
 * all of the lab's compiled programs, so no TensorFlow.js backend is started; when
 * onnxruntime-node fails to load (or another rung was asked for), the TensorFlow.js ladder,
 * which runs the same graphs. Throws a sentence when an explicit choice cannot be honoured.
 */
export async function selectEngine(request: EngineRequest): Promise<EngineChoice> {
  const { lab, requested } = request;
  let skipped = '';
  if (requested === undefined || requested === 'onnxruntime' || requested === 'onnxruntime-gpu') {
    const threads = request.threads ?? defaultEngineThreads(lab, availableParallelism());
    const ort = await loadOrt().catch((error: unknown) => {
      skipped = `onnxruntime-node failed to load (${firstLine(error)})`;
      if (requested === undefined) return null;
      throw new Error(`The backend '${requested}' was asked for but is unavailable: ${skipped}.`);
    });
    if (ort) return onnxRuntimeRung(ort, requested, threads);
  }
  const tfjs = await selectBackend(requested as TfjsBackendName | undefined);
  const backend = skipped
    ? withWhy(
        tfjs.name,
        sayBackend('backendAfterSkip', { skipped, reason: tfjs.why ?? saidAsIs(tfjs.reason) }),
      )
    : tfjs;
  return { backend, engine: tfjsEngine };
}

/** ONNX Runtime's rungs: the GPU (unless 'onnxruntime' was asked for), else the CPU. */
async function onnxRuntimeRung(
  ort: Ort,
  requested: 'onnxruntime' | 'onnxruntime-gpu' | undefined,
  threads: number,
): Promise<EngineChoice> {
  const asked = requested === 'onnxruntime' ? sayBackend('backendOrtAsked') : '';
  const version = ort.env.versions.common;
  const cpu = sayBackend('backendOrt', { version, threads: threadsWord(threads), asked });
  let noGpu: Said | null = null;
  if (requested !== 'onnxruntime') {
    const gpu = await gpuRung(ort, requested, threads, cpu);
    if ('engine' in gpu) return gpu;
    if (requested === 'onnxruntime-gpu') {
      throw new Error(`The backend 'onnxruntime-gpu' was asked for but is unavailable: ${gpu.why.message}.`);
    }
    noGpu = gpu.why;
  }
  return {
    backend: withWhy('onnxruntime', noGpu ? sayBackend('backendNotOnGpu', { cpu, why: noGpu }) : cpu),
    engine: (state) => createOnnxEngine(ort, state, { threads }),
  };
}

/**
 * The GPU rung (trainer/engine/gpu.ts, checked-engine.ts): ONNX Runtime on the platform's GPU
 * provider where an adapter really runs a program, every program checked against the CPU over
 * its first runs; or why not. `cpuReason` is the CPU rung's reason, for a run that falls back.
 */
async function gpuRung(
  ort: Ort,
  requested: BackendName | undefined,
  threads: number,
  cpuReason: Said,
): Promise<EngineChoice | { why: Said }> {
  const setting = gpuSetting();
  if (setting === 'off' && requested !== 'onnxruntime-gpu') {
    return { why: sayBackend('gpuOff', { env: GPU_ENV, value: process.env[GPU_ENV] ?? '' }) };
  }
  const probe = await probeGpu(ort, setting === 'off' ? 'auto' : setting);
  if (!probe.ok) return { why: probe.why };
  const ep = providerLabel[probe.provider];
  const version = `onnxruntime-node ${ort.env.versions.common}`;
  const asked = requested === 'onnxruntime-gpu' ? sayBackend('gpuAsked') : '';
  const software = probe.softwareAllowed ? sayBackend('gpuSoftware', { env: GPU_ENV }) : '';
  let check = sayBackend('gpuChecking', { tolerance: CHECK_TOLERANCE });
  const onCpu: string[] = [];
  let differs: string | null = null;
  const current = (): BackendInfo => {
    if (differs) return withWhy('onnxruntime', sayBackend('gpuWentBack', { cpu: cpuReason, ep, differs }));
    const mixed = onCpu.length ? sayBackend('gpuMixed', { programs: onCpu.join('; ') }) : '';
    return withWhy('onnxruntime-gpu', sayBackend('gpuOn', { version, ep, asked, check, mixed, software }));
  };
  let worst = 0;
  const cpu: EngineFactory = (state) => createOnnxEngine(ort, state, { threads });
  const gpu: EngineFactory = (state) =>
    createOnnxEngine(ort, state, {
      threads,
      gpu: { provider: probe.provider, onCpu: (program, why) => onCpu.push(`${program}: ${why}`) },
    });
  const checked = checkedEngine(gpu, cpu, {
    onVerdict(verdict) {
      if (verdict.kind === 'differs') differs ??= verdict.why;
      else {
        worst = Math.max(worst, verdict.worst);
        check = sayBackend('gpuMatched', { worst: formatDifference(worst), tolerance: CHECK_TOLERANCE });
      }
    },
  });
  return {
    backend: current(),
    // After a run's model went back to the CPU, the models it makes later start there.
    engine: (state) => (differs ? cpu(state) : checked(state)),
    current,
  };
}
