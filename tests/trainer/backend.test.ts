import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { adamState } from '../../models/graph/adam.js';
import { createGraph } from '../../models/graph/builder.js';
import { selectBackend, selectEngine } from '../../trainer/backend.js';
import { probeBackend, probeTfjs } from '../../trainer/backend-probe.js';

// On this machine tfjs-node(-gpu) cannot be installed (libtensorflow cannot be downloaded),
// so the TensorFlow.js ladder must come down to wasm and say why.
const tfjsGuess = probeTfjs();
const nativeMissing = tfjsGuess.name === 'wasm';
const missingReason =
  'tfjs-node is not installed (its install downloads libtensorflow, which failed or was skipped)';

describe('the backend ladder', () => {
  it.runIf(nativeMissing)('falls back to wasm when tfjs-node is not installed, and says why', async () => {
    const info = await selectBackend();
    expect(info).toMatchObject({ name: 'wasm', reason: `${missingReason}; using wasm` });
    expect(info.why).toMatchObject({ code: 'backendUsing', message: info.reason });
    expect(tf.getBackend()).toBe('wasm');
  });

  it.runIf(nativeMissing)(
    'refuses an explicit backend that is not installed, in one clear sentence',
    async () => {
      await expect(selectBackend('tensorflow')).rejects.toThrow(
        `The backend 'tensorflow' was asked for but is unavailable: ${missingReason}.`,
      );
    },
  );

  it('honours an explicit cpu backend', async () => {
    expect(await selectBackend('cpu')).toMatchObject({
      name: 'cpu',
      reason: 'cpu was asked for (--backend cpu)',
      why: { code: 'backendAsked', params: { name: 'cpu' } },
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('probes without loading anything and agrees with the ladder here', () => {
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(tfjsGuess.name);
    expect(probeBackend()).toMatchObject({
      name: 'onnxruntime',
      reason: 'onnxruntime-node is installed: the training step and views run on ONNX Runtime',
    });
    expect(probeBackend('cpu')).toMatchObject({ name: 'cpu', reason: 'cpu was asked for (--backend cpu)' });
  });
});

describe('the engine of a run', () => {
  it("puts a lab on ONNX Runtime's CPU rung with the thread count in the reason", async () => {
    // The GPU rung above it: tests/trainer/engine/gpu*.test.ts.
    const { backend, engine } = await selectEngine({ lab: 'vae', threads: 1, requested: 'onnxruntime' });
    expect(backend.name).toBe('onnxruntime');
    expect(backend.reason).toMatch(
      /^onnxruntime-node \d+\.\d+\.\d+ runs the compiled training step and views on the CPU, 1 thread \(asked for with --backend onnxruntime\)$/,
    );
    const runner = engine({ w: { shape: [2], data: Float32Array.of(1, 2) } });
    expect(runner.description).toBe('onnxruntime cpu, 1 thread');
    const g = createGraph();
    g.output('twice', g.scale(g.input('w', [2]), 2));
    const out = await runner.run({ name: 'twice', graph: g, fetches: ['twice'], updates: new Map() }, {});
    expect(Array.from(out.twice ?? [])).toEqual([2, 4]);
    runner.dispose();
  });

  it('honours an explicit TensorFlow.js rung', async () => {
    const { backend } = await selectEngine({ lab: 'vae', requested: 'cpu' });
    expect(backend).toMatchObject({ name: 'cpu', reason: 'cpu was asked for (--backend cpu)' });
  });

  it('runs the same graphs on an explicit TensorFlow.js rung', async () => {
    const { backend, engine } = await selectEngine({ lab: 'contrastive', requested: 'wasm' });
    expect(backend.name).toBe('wasm');
    const runner = engine({ ...adamState({ w: { shape: [1], data: new Float32Array(1) } }) });
    expect(runner.description).toMatch(/^tfjs /);
    runner.dispose();
  });
});
