/**
 * The GPU rung on a real adapter: here Mesa's software Vulkan driver (lavapipe) under Dawn, which
 * EBM_LAB_GPU=software admits (CI installs it: .ci/run). Every lab's tiny run trains on the GPU
 * rung and on ONNX Runtime's CPU rung from the same seed: the GPU rung's check passes, and its
 * first six losses, the last three computed by the GPU alone, are the CPU's to 1e-3 (relative
 * to the loss). A program whose op the provider lacks runs on the CPU, named. Skipped, with the
 * reason printed, only where no adapter at all can be created.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGraph } from '../../../models/graph/builder.js';
import { contrastivePresets } from '../../../protocol/contrastive/config.js';
import { convPresets } from '../../../protocol/conv/config.js';
import { defaultDenoiserConfig } from '../../../protocol/dae/config.js';
import { tinyEnergyConfig } from '../../../protocol/energy/config.js';
import type { StartSpec } from '../../../protocol/labs.js';
import type {
  BackendInfo,
  BackendName,
  MetricsEvent,
  StatusEvent,
  TrainerEvent,
} from '../../../protocol/messages.js';
import { sparsePresets } from '../../../protocol/sparse/config.js';
import { vaePresets } from '../../../protocol/vae/config.js';
import { GPU_ENV, probeGpu, type GpuProbe } from '../../../trainer/engine/gpu.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { createTrainer } from '../../../trainer/trainer-core.js';

const STEPS = 6;

const specs: readonly [string, StartSpec][] = [
  ['vae', { lab: 'vae', config: vaePresets.tiny }],
  ['energy', { lab: 'energy', config: { ...tinyEnergyConfig, method: 'pcd' } }],
  ['dae', { lab: 'dae', config: { ...defaultDenoiserConfig, hiddenDim: 16, epochs: 1 } }],
  [
    'sparse',
    { lab: 'sparse', config: { ...sparsePresets.tiny, epochs: 1, task: 'lista', listaIterations: 4 } },
  ],
  ['conv', { lab: 'conv', config: { ...convPresets.tiny, steps: STEPS } }],
  ['contrastive', { lab: 'contrastive', config: { ...contrastivePresets.tiny, epochs: 2 } }],
];

let probe: GpuProbe;
beforeAll(async () => {
  process.env[GPU_ENV] = 'software'; // before the first probe of this process: Dawn keeps its first answer
  probe = await probeGpu(ort, 'software');
  if (!probe.ok) console.log(`GPU rung tests skipped: ${probe.why.message}`);
});

/** The first STEPS training points of a run on `backend` (stopped after them), and its backend lines. */
async function firstSteps(spec: StartSpec, backend: BackendName) {
  const runDir = await mkdtemp(join(tmpdir(), 'ebm-gpu-'));
  const events: TrainerEvent[] = [];
  let deliver: (message: unknown) => void = () => {};
  let stopped = false;
  const trainer = createTrainer(
    {
      post(event) {
        events.push(event);
        const steps = event.type === 'metrics' && event.split === 'train' ? event.steps : null;
        if (steps && !stopped && (steps.at(-1) ?? 0) >= STEPS) {
          stopped = true;
          deliver({ type: 'stop', runId: 'run-1' });
        }
      },
      onMessage: (l) => (deliver = l),
    },
    { timing: { metricsMs: 0, statusMs: 0 } },
  );
  deliver({ type: 'start', runId: 'run-1', runDir, backend, ...spec });
  const done = await trainer.finished;
  expect(['completed', 'stopped'], done.message).toContain(done.reason);
  const train = events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.split === 'train');
  const column = Object.keys(train[0]!.columns)[0]!;
  const losses = train.flatMap((e) => Array.from(e.columns[column]!)).slice(0, STEPS);
  expect(losses).toHaveLength(STEPS);
  const lines = events
    .filter((e): e is StatusEvent => e.type === 'status' && !!e.backend)
    .map((e) => e.backend as BackendInfo);
  return { losses, lines };
}

describe('the GPU rung on a software adapter', () => {
  it.each(specs)('%s: the same first losses as the CPU rung, its check passed', async (_, spec) => {
    if (!probe.ok) return;
    const cpu = await firstSteps(spec, 'onnxruntime');
    const gpu = await firstSteps(spec, 'onnxruntime-gpu');
    expect(gpu.lines[0]?.reason).toMatch(/through WebGPU .*its first steps are checked against the CPU's/);
    const last = gpu.lines.at(-1)!;
    expect(last.name).toBe('onnxruntime-gpu');
    expect(last.reason).toMatch(
      /its first steps matched the CPU's \(largest difference \d\.\de-\d+ relative/,
    );
    expect(last.reason).not.toMatch(/on the CPU instead/);
    for (let i = 0; i < STEPS; i++) {
      const [a, b] = [gpu.losses[i]!, cpu.losses[i]!];
      expect(Math.abs(a - b), `step ${i + 1}: ${a} vs ${b}`).toBeLessThanOrEqual(
        1e-3 * Math.max(Math.abs(b), 1e-3),
      );
    }
  });

  it('runs a program whose op WebGPU lacks on the CPU, naming the node and op', async () => {
    if (!probe.ok) return;
    const g = createGraph();
    const w = g.input('w', [3]);
    g.output('y', g.exp(g.add(w, g.constant(1))));
    const program = { name: 'exp-plus-one', graph: g, fetches: ['y'], updates: new Map() };
    const said: string[] = [];
    const engine = createOnnxEngine(
      ort,
      { w: { shape: [3], data: Float32Array.of(-1, 0, 1) } },
      {
        threads: 1,
        gpu: {
          provider: 'webgpu',
          onCpu: (name, why) => said.push(`${name}: ${why}`),
          // As if WebGPU had no kernel for the Exp node (toOnnx names nodes op_index).
          forceCpuNodeNames: ['Exp_1'],
        },
      },
    );
    const y = (await engine.run(program, {})).y!;
    expect(Array.from(y)).toEqual(
      [1, Math.fround(Math.E), Math.fround(Math.E ** 2)].map((v) => expect.closeTo(v, 5)),
    );
    expect(said).toEqual(['exp-plus-one: no WebGPU kernel for Exp (Exp_1)']);
    engine.dispose();
  });
});
