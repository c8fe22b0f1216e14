import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, test } from 'vitest';
import { createGraph } from '../../../models/graph/builder.js';
import type { EngineFactory, Program } from '../../../models/graph/program.js';
import { evaluateReference } from '../../../models/graph/reference.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { shrink } from '../../../models/sparse/sparse-graph.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { useBackend } from '../backends.js';

/** [x, θ, sh_θ(x) = sign(x)·max(|x| − θ, 0)] */
const table: readonly (readonly [number, number, number])[] = [
  [3, 1, 2],
  [-3, 1, -2],
  [0.5, 1, 0],
  [-0.5, 1, 0],
  [1, 1, 0], // exactly at the threshold
  [-1, 1, 0],
  [0, 1, 0],
  [2.5, 0, 2.5], // θ = 0 is the identity
  [-2.5, 0, -2.5],
  [1e-3, 1e-4, 9e-4],
  [-7, 2.5, -4.5],
];

/** sh_θ(x) for x [1, m] with per-entry thresholds θ [m] (broadcast, as LISTA's) and with a scalar θ = 1. */
function shrinkProgram(): Program {
  const g = createGraph();
  const x = g.input('x', [1, table.length]);
  g.output('perAtom', shrink(g, x, g.input('theta', [table.length])));
  g.output('scalar', shrink(g, x, g.constant(1)));
  return { name: 'shrink', graph: g, fetches: ['perAtom', 'scalar'], updates: new Map() };
}

const feeds = { x: Float32Array.from(table, ([x]) => x), theta: Float32Array.from(table, ([, t]) => t) };
const expected = table.map(([, , want]) => want);

beforeAll(() => useBackend('wasm'));

describe('the soft threshold sh_θ(v) = relu(v − θ) − relu(−v − θ)', () => {
  test('maps the table exactly in float64, and a scalar θ equals a broadcast one', () => {
    const out = evaluateReference(shrinkProgram().graph, {
      x: Float64Array.from(feeds.x),
      theta: Float64Array.from(feeds.theta),
    });
    Array.from(out.perAtom as Float64Array).forEach((v, i) =>
      expect(v).toBeCloseTo(expected[i] as number, 6),
    );
    const scalar = Array.from(out.scalar as Float64Array);
    expect(scalar.map((v) => Math.abs(v))).toEqual(table.map(([x]) => Math.max(Math.abs(x) - 1, 0)));
  });

  test.each([
    ['onnxruntime', ((state) => createOnnxEngine(ort, state, { threads: 1 })) as EngineFactory],
    ['tfjs wasm', tfjsEngine],
  ] as const)('gives exact zeros inside [−θ, θ] and the table elsewhere on %s', async (_, engine) => {
    const runner = engine({});
    const out = await runner.run(shrinkProgram(), feeds);
    Array.from(out.perAtom as Float32Array).forEach((v, i) => {
      const want = expected[i] as number;
      if (want === 0) expect(Math.abs(v)).toBe(0);
      else expect(v).toBeCloseTo(want, 6);
    });
    runner.dispose();
  });
});
