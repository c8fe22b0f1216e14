/**
 * The GPU rung without a GPU: the setting, the providers per platform, the check of a GPU
 * engine against the CPU (with stand-in engines, one of them wrong on purpose), and the
 * ladder's reasons where the rung is off or finds no adapter. The GPU path itself, on a
 * software adapter: gpu-labs.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createGraph } from '../../../models/graph/builder.js';
import type { EngineFactory, GraphEngine, Program, StateInit } from '../../../models/graph/program.js';
import { selectEngine } from '../../../trainer/backend.js';
import {
  checkedEngine,
  relativeDifference,
  type CheckVerdict,
} from '../../../trainer/engine/checked-engine.js';
import { GPU_ENV, gpuProviders, gpuSetting } from '../../../trainer/engine/gpu.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import * as ort from 'onnxruntime-node';

const saved = process.env[GPU_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[GPU_ENV];
  else process.env[GPU_ENV] = saved;
});

describe('the GPU setting and providers', () => {
  it('reads EBM_LAB_GPU: off in several spellings, software, else auto', () => {
    for (const off of ['off', 'OFF', '0', 'no', 'false', 'cpu'])
      expect(gpuSetting({ [GPU_ENV]: off })).toBe('off');
    expect(gpuSetting({ [GPU_ENV]: 'software' })).toBe('software');
    expect(gpuSetting({ [GPU_ENV]: 'cuda' })).toBe('cuda');
    expect(gpuSetting({})).toBe('auto');
    expect(gpuSetting({ [GPU_ENV]: 'on' })).toBe('auto');
  });

  it('tries DirectML then WebGPU on Windows, WebGPU then CoreML on macOS, WebGPU on Linux, among those bundled', () => {
    const all = ['cpu', 'webgpu', 'dml', 'coreml', 'cuda'];
    expect(gpuProviders('win32', all)).toEqual(['dml', 'webgpu']);
    expect(gpuProviders('darwin', all)).toEqual(['webgpu', 'coreml']);
    expect(gpuProviders('linux', all)).toEqual(['webgpu']);
    expect(gpuProviders('linux', ['cpu', 'cuda'])).toEqual([]);
    expect(gpuProviders('darwin', ['cpu', 'coreml'])).toEqual(['coreml']);
    expect(gpuProviders('freebsd', all)).toEqual([]);
    // CUDA only when asked for (its binaries are a separate download), and never on macOS.
    expect(gpuProviders('linux', ['cpu', 'webgpu'], true)).toEqual(['cuda', 'webgpu']);
    expect(gpuProviders('win32', ['cpu', 'dml'], true)).toEqual(['cuda', 'dml']);
    expect(gpuProviders('darwin', ['cpu', 'webgpu'], true)).toEqual(['webgpu']);
  });
});

describe('relative differences', () => {
  it('measures the largest difference against the largest value, NaN only where both are NaN', () => {
    expect(relativeDifference(Float32Array.of(10, 1), Float32Array.of(10, 2))).toBeCloseTo(0.1);
    expect(relativeDifference(Float32Array.of(0), Float32Array.of(0))).toBe(0);
    expect(relativeDifference(Float32Array.of(1e-6), Float32Array.of(0))).toBeCloseTo(1e-3); // floor 1e-3
    expect(relativeDifference(Float32Array.of(NaN), Float32Array.of(NaN))).toBe(0);
    expect(relativeDifference(Float32Array.of(NaN), Float32Array.of(1))).toBe(Infinity);
    expect(relativeDifference(Float32Array.of(1), Float32Array.of(1, 2))).toBe(Infinity);
  });
});

/** w ← w + 1, fetching Σw: a program that updates the state. */
function counter(): Program {
  const g = createGraph();
  const w = g.input('w', [2]);
  g.output('new.w', g.add(w, g.constant(1)));
  g.output('sum', g.sum(w));
  return { name: 'count', graph: g, fetches: ['sum'], updates: new Map([['new.w', 'w']]) };
}

/** 2w, without updates. */
function doubler(): Program {
  const g = createGraph();
  g.output('twice', g.scale(g.input('w', [2]), 2));
  return { name: 'twice', graph: g, fetches: ['twice'], updates: new Map() };
}

const init: StateInit = { w: { shape: [2], data: Float32Array.of(1, 2) } };
const cpu: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });

/** A stand-in GPU engine: the CPU's, with `skew` applied to the fetches of its run `at` (1-based) on. */
function skewed(at: number, skew: number, log: string[]): EngineFactory {
  return (state) => {
    const inner = cpu(state);
    let runs = 0;
    const engine: GraphEngine = {
      description: 'stand-in gpu',
      async run(program, feeds) {
        runs++;
        log.push(program.name);
        const out = await inner.run(program, feeds);
        if (runs >= at)
          for (const name of Object.keys(out)) out[name] = out[name]!.map((v) => v * (1 + skew));
        return out;
      },
      read: (name) => inner.read(name),
      write: (name, data) => inner.write(name, data),
      dispose: () => inner.dispose(),
    };
    return engine;
  };
}

describe('a GPU engine checked against the CPU', () => {
  it('runs both while a program is checked, then the GPU alone from the CPU state; a later program is checked again', async () => {
    const verdicts: CheckVerdict[] = [];
    const onGpu: string[] = [];
    // A difference of 1e-5 is within the tolerance: the check passes and the GPU goes on.
    const engine = checkedEngine(skewed(1, 1e-5, onGpu), cpu, { onVerdict: (v) => verdicts.push(v) })(init);
    const count = counter();
    const sums: number[] = [];
    for (let i = 0; i < 5; i++) sums.push((await engine.run(count, {})).sum![0]!);
    // The first three runs return the CPU's sums exactly; the GPU's own (skewed) from the fourth.
    expect(sums.slice(0, 3)).toEqual([3, 5, 7]);
    expect(sums[3]).toBeCloseTo(9 * (1 + 1e-5), 6);
    expect(sums[3]).not.toBe(9);
    expect(verdicts).toEqual([{ kind: 'matched', worst: expect.closeTo(1e-5, 6) }]);
    expect(engine.description).toBe('stand-in gpu, checked against the CPU');
    expect(Array.from(engine.read('w'))).toEqual([6, 7]);
    // A program first run now is checked on its own first run.
    const twice = (await engine.run(doubler(), {})).twice!;
    expect(Array.from(twice)).toEqual([12, 14]);
    expect(verdicts).toHaveLength(2);
    expect(onGpu).toEqual(['count', 'count', 'count', 'count', 'count', 'twice']);
    engine.dispose();
  });

  it('goes back to the CPU, with its numbers, when a later check run differs', async () => {
    const verdicts: CheckVerdict[] = [];
    const onGpu: string[] = [];
    const engine = checkedEngine(skewed(2, 0.03, onGpu), cpu, { onVerdict: (v) => verdicts.push(v) })(init);
    const count = counter();
    const sums: number[] = [];
    for (let i = 0; i < 5; i++) sums.push((await engine.run(count, {})).sum![0]!);
    expect(sums).toEqual([3, 5, 7, 9, 11]);
    expect(verdicts).toEqual([
      {
        kind: 'differs',
        why: "'sum' of count differed from the CPU's by 3.0e-2 at its run 2 (tolerance 0.001)",
      },
    ]);
    expect(onGpu).toEqual(['count', 'count']);
    expect(engine.description).toBe('onnxruntime cpu, 1 thread');
    engine.write('w', Float32Array.of(0, 0));
    expect((await engine.run(count, {})).sum![0]).toBe(0);
    engine.dispose();
  });

  it('goes back to the CPU when the GPU engine throws', async () => {
    const verdicts: CheckVerdict[] = [];
    const broken: EngineFactory = (state) => ({
      ...cpu(state),
      description: 'broken',
      run: () => Promise.reject(new Error('device lost\nmore')),
    });
    const engine = checkedEngine(broken, cpu, { onVerdict: (v) => verdicts.push(v) })(init);
    expect((await engine.run(counter(), {})).sum![0]).toBe(3);
    expect(verdicts).toEqual([{ kind: 'differs', why: 'count failed on the GPU (device lost)' }]);
    engine.dispose();
  });
});

describe('the ladder without the GPU rung', () => {
  it('says the rung is off when EBM_LAB_GPU=off, and still honours --backend onnxruntime-gpu as a request', async () => {
    process.env[GPU_ENV] = 'off';
    const { backend } = await selectEngine({ lab: 'vae', threads: 1 });
    expect(backend.name).toBe('onnxruntime');
    expect(backend.reason).toMatch(
      /on the CPU, 1 thread \(not on the GPU: the GPU rung is off \(EBM_LAB_GPU=off\)\)$/,
    );
  });

  it('says why where no adapter runs (software adapters hidden), and fails an explicit request with that reason', async () => {
    // This process never set EBM_LAB_GPU=software, so Mesa's software driver stays hidden.
    delete process.env[GPU_ENV];
    const { backend } = await selectEngine({ lab: 'energy', threads: 1 });
    if (backend.name === 'onnxruntime-gpu') {
      console.log(`a hardware GPU adapter is present here: ${backend.reason}`);
      return;
    }
    expect(backend.name).toBe('onnxruntime');
    expect(backend.reason).toMatch(
      /\(not on the GPU: (no GPU adapter|no GPU device|onnxruntime-node bundles no GPU)/,
    );
    await expect(selectEngine({ lab: 'energy', requested: 'onnxruntime-gpu' })).rejects.toThrow(
      /^The backend 'onnxruntime-gpu' was asked for but is unavailable: (no GPU adapter|no GPU device|onnxruntime-node bundles no GPU)/,
    );
  });
});
