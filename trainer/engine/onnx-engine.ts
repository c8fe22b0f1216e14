/**
 * The ONNX Runtime engine, the top rung of the ladder: each program (models/graph/program.ts)
 * is lowered to an ONNX model once (models/graph/onnx.ts), compiled into an InferenceSession
 * on the CPU execution provider (MLAS kernels, `threads` intra-op threads), and run with the
 * model's state fed from JS memory and the updated state written by ONNX Runtime straight
 * into preallocated buffers: each state entry has two, and they swap after every run, so a
 * training step copies no weights on the JS side.
 *
 * onnxruntime-node ships prebuilt CPU binaries for linux/win/darwin × x64/arm64 inside its
 * npm package; loading it is still a dynamic import so that a broken install falls back.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { toOnnx } from '../../models/graph/onnx.js';
import {
  checkFeeds,
  type Feeds,
  type Fetched,
  type GraphEngine,
  type Program,
  type StateInit,
} from '../../models/graph/program.js';
import {
  cpuPlacedNodes,
  gpuSessionOptions,
  ortMessage,
  providerLabel,
  type GpuProvider,
  type Ort,
} from './gpu.js';

export type { Ort };

export interface OnnxEngineOptions {
  /** Intra-op threads (1 … cores). */
  readonly threads: number;
  /**
   * A GPU execution provider (gpu.ts): each program compiles wholly on it, or, where the
   * provider lacks one of its ops, wholly on the CPU, said through `onCpu` with ONNX Runtime's
   * words (which name the node and op). Inputs and outputs stay in JS memory either way.
   */
  readonly gpu?: {
    readonly provider: GpuProvider;
    onCpu(program: string, why: string): void;
    /** Test hook (gpuSessionOptions). */
    readonly forceCpuNodeNames?: readonly string[];
  };
}

interface Buffers {
  current: Tensor;
  spare: Tensor;
}

let ortModule: Promise<Ort> | null = null;

/** Loads onnxruntime-node once per process; rejects with the loader's error. */
export function loadOrt(): Promise<Ort> {
  ortModule ??= import('onnxruntime-node');
  return ortModule;
}

/** An engine over `init`, with onnxruntime-node already loaded (loadOrt). */
export function createOnnxEngine(ort: Ort, init: StateInit, options: OnnxEngineOptions): GraphEngine {
  const { gpu } = options;
  const state = new Map<string, Buffers>();
  for (const [name, { shape, data }] of Object.entries(init)) {
    const dims = [...shape];
    state.set(name, {
      current: new ort.Tensor('float32', data.slice(), dims),
      spare: new ort.Tensor('float32', new Float32Array(data.length), dims),
    });
  }
  const names = new Set(state.keys());
  const sessions = new Map<Program, Promise<InferenceSession>>();
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const sessionOf = (program: Program): Promise<InferenceSession> => {
    let session = sessions.get(program);
    if (!session) {
      const bytes = toOnnx(program.graph, [...program.fetches, ...program.updates.keys()]);
      session = gpu ? onGpu(program, bytes, gpu) : onCpu(bytes);
      sessions.set(program, session);
    }
    return session;
  };

  const onCpu = (bytes: Uint8Array): Promise<InferenceSession> =>
    ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      intraOpNumThreads: options.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // Idle pool threads sleep instead of spinning: the window (and the browser in browser
      // mode) shares these cores, and spinning threads cost it frames (p95 33 ms instead of
      // 16.8 ms while the VAE trained on 2 cores) for no measurable gain in steps/s.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });

  const onGpu = async (
    program: Program,
    bytes: Uint8Array,
    { provider, onCpu: report, forceCpuNodeNames }: NonNullable<OnnxEngineOptions['gpu']>,
  ): Promise<InferenceSession> => {
    try {
      return await ort.InferenceSession.create(bytes, gpuSessionOptions(provider, forceCpuNodeNames));
    } catch (error) {
      const said = ortMessage(error);
      const lacking = /fallback to CPU EP has been explicitly disabled/.test(said)
        ? await cpuPlacedNodes(bytes, provider, forceCpuNodeNames)
        : [];
      report(
        program.name,
        lacking.length ? `no ${providerLabel[provider]} kernel for ${lacking.join(', ')}` : said,
      );
      return onCpu(bytes);
    }
  };

  async function runNow(program: Program, feeds: Feeds): Promise<Fetched> {
    if (disposed) throw new Error(`The ONNX Runtime engine was disposed before ${program.name} ran.`);
    const bad = checkFeeds(program, feeds, names);
    if (bad) throw new Error(bad);
    const session = await sessionOf(program);
    const inputs: Record<string, Tensor> = {};
    for (const name of session.inputNames) {
      const node = program.graph.inputs.get(name);
      inputs[name] =
        state.get(name)?.current ??
        new ort.Tensor('float32', feeds[name] as Float32Array, [...(node?.shape ?? [])]);
    }
    const fetches: Record<string, Tensor | null> = {};
    for (const name of program.fetches) fetches[name] = null;
    for (const [output, entry] of program.updates) fetches[output] = (state.get(entry) as Buffers).spare;
    const results = await session.run(inputs, fetches);
    for (const entry of program.updates.values()) {
      const b = state.get(entry) as Buffers;
      [b.current, b.spare] = [b.spare, b.current];
    }
    const fetched: Fetched = {};
    for (const name of program.fetches) fetched[name] = (results[name] as Tensor).data as Float32Array;
    return fetched;
  }

  const entry = (name: string): Buffers => {
    const b = state.get(name);
    if (!b) throw new Error(`The model has no state entry '${name}'.`);
    return b;
  };

  return {
    description: gpu
      ? `onnxruntime ${gpu.provider}`
      : `onnxruntime cpu, ${options.threads} thread${options.threads === 1 ? '' : 's'}`,
    run(program, feeds) {
      const result = queue.then(() => runNow(program, feeds));
      queue = result.catch(() => {});
      return result;
    },
    read: (name) => (entry(name).current.data as Float32Array).slice(),
    write(name, data) {
      const target = entry(name).current.data as Float32Array;
      if (target.length !== data.length)
        throw new Error(`'${name}' holds ${target.length} values, not ${data.length}.`);
      target.set(data);
    },
    dispose() {
      disposed = true;
      for (const session of sessions.values()) void session.then((s) => s.release()).catch(() => {});
      sessions.clear();
    },
  };
}
