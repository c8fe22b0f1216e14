import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, test } from 'vitest';
import { adamScalars, adamState, appendAdam, pytorchAdam } from '../../../models/graph/adam.js';
import { gradients } from '../../../models/graph/autodiff.js';
import { createGraph } from '../../../models/graph/builder.js';
import type { EngineFactory, Program } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { maxRelativeError, useBackend } from '../backends.js';

/** L(w) = ½ Σ (w ⊙ a − t)², one Adam step per run. */
function program(n: number): Program {
  const g = createGraph();
  const w = g.input('w', [n]);
  const a = g.input('a', [n]);
  const t = g.input('t', [n]);
  const r = g.sub(g.mul(w, a), t);
  const loss = g.scale(g.sum(g.square(r)), 0.5);
  g.output('loss', loss);
  const updates = appendAdam(g, new Map([['w', w]]), gradients(g, loss, [w]));
  return { name: 'quadratic', graph: g, fetches: ['loss'], updates };
}

/** torch.optim.Adam, step by step, in float64: the oracle. */
function torchAdam(
  w0: Float64Array,
  a: Float64Array,
  t: Float64Array,
  rates: readonly number[],
): Float64Array {
  const { beta1, beta2, epsilon } = pytorchAdam;
  const w = Float64Array.from(w0);
  const m = new Float64Array(w.length);
  const v = new Float64Array(w.length);
  rates.forEach((lr, k) => {
    const step = k + 1;
    for (let i = 0; i < w.length; i++) {
      const grad = ((w[i] as number) * (a[i] as number) - (t[i] as number)) * (a[i] as number);
      m[i] = beta1 * (m[i] as number) + (1 - beta1) * grad;
      v[i] = beta2 * (v[i] as number) + (1 - beta2) * grad * grad;
      const mHat = (m[i] as number) / (1 - beta1 ** step);
      const vHat = (v[i] as number) / (1 - beta2 ** step);
      w[i] = (w[i] as number) - (lr * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  });
  return w;
}

const engines: readonly [string, EngineFactory][] = [
  ['onnxruntime', (state) => createOnnxEngine(ort, state, { threads: 1 })],
  ['tfjs wasm', tfjsEngine],
];

describe.each(engines)('Adam inside the graph on %s', (_, engine) => {
  beforeAll(() => useBackend('wasm'));

  test('follows torch.optim.Adam step for step, with the learning rate changed between steps', async () => {
    const n = 6;
    const w0 = Float32Array.of(0.5, -1, 2, 0.1, -0.3, 1.5);
    const a = Float32Array.of(1, 2, -0.5, 3, 0.7, -1.2);
    const t = Float32Array.of(0.2, 1, -1, 0.5, 0, 2);
    const rates = [0.1, 0.1, 0.05, 0.2, 0.01, 0.1, 0.1];
    const runner = engine({ w: { shape: [n], data: w0 }, ...adamState({ w: { shape: [n], data: w0 } }) });
    const p = program(n);
    for (const [k, lr] of rates.entries()) await runner.run(p, { a, t, ...adamScalars(k + 1, lr) });
    const want = torchAdam(Float64Array.from(w0), Float64Array.from(a), Float64Array.from(t), rates);
    expect(maxRelativeError(runner.read('w'), want)).toBeLessThan(1e-6);
    runner.dispose();
  });

  test('a run missing a feed is refused with its name and shape', async () => {
    const runner = engine({
      w: { shape: [2], data: new Float32Array(2) },
      ...adamState({ w: { shape: [2], data: new Float32Array(2) } }),
    });
    await expect(runner.run(program(2), { a: new Float32Array(2), ...adamScalars(1, 0.1) })).rejects.toThrow(
      /'t' \[2\]/,
    );
    runner.dispose();
  });
});
