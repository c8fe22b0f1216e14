import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, test } from 'vitest';
import { gradients } from '../../../models/graph/autodiff.js';
import { createGraph, type GraphBuilder } from '../../../models/graph/builder.js';
import type { Node, Shape } from '../../../models/graph/nodes.js';
import { unaryOps } from '../../../models/graph/nodes.js';
import { toOnnx } from '../../../models/graph/onnx.js';
import { utf8 } from '../../../models/graph/protobuf.js';
import { evaluateReference } from '../../../models/graph/reference.js';
import { runTfjs } from '../../../models/graph/tfjs-exec.js';
import { createRng } from '../../../models/rng.js';
import { maxRelativeError, testBackends, useBackend } from '../backends.js';

/**
 * One op under test: its inputs' shapes, how to draw their values (away from kinks and
 * outside domains), and the op applied to them.
 */
interface OpCase {
  readonly name: string;
  readonly inputs: readonly Shape[];
  readonly draw?: (rng: () => number) => number;
  readonly apply: (g: GraphBuilder, xs: readonly Node[]) => Node;
}

const size = (s: Shape) => s.reduce((n, d) => n * d, 1);
/** |x| in [0.2, 1.7] with a random sign: no value near the kinks of relu, abs, sign, step. */
const awayFromZero = (u: () => number) => (u() < 0.5 ? -1 : 1) * (0.2 + 1.5 * u());
const positive = (u: () => number) => 0.3 + 2 * u();

// detach is the identity with no gradient by definition: finite differences disagree on purpose
// (its own test is below).
const unaryCases: OpCase[] = unaryOps
  .filter((op) => op !== 'detach')
  .map((op) => ({
    name: op,
    inputs: [[3, 4]],
    draw: op === 'log' || op === 'sqrt' ? positive : awayFromZero,
    apply: (g, [x]) => g.unary(op, x as Node),
  }));

const cases: readonly OpCase[] = [
  ...unaryCases,
  ...(['add', 'sub', 'mul', 'div'] as const).flatMap((op): OpCase[] => [
    {
      name: `${op} same shape`,
      inputs: [
        [3, 4],
        [3, 4],
      ],
      draw: positive,
      apply: (g, [a, b]) => g.binary(op, a as Node, b as Node),
    },
    {
      name: `${op} row broadcast`,
      inputs: [[3, 4], [4]],
      draw: positive,
      apply: (g, [a, b]) => g.binary(op, a as Node, b as Node),
    },
    {
      name: `${op} column broadcast`,
      inputs: [
        [3, 1],
        [3, 4],
      ],
      draw: positive,
      apply: (g, [a, b]) => g.binary(op, a as Node, b as Node),
    },
    {
      name: `${op} scalar`,
      inputs: [[2, 3], []],
      draw: positive,
      apply: (g, [a, b]) => g.binary(op, a as Node, b as Node),
    },
  ]),
  ...([false, true] as const).flatMap((transA) =>
    ([false, true] as const).map((transB): OpCase => ({
      name: `matmul transA=${transA} transB=${transB}`,
      inputs: [transA ? [4, 3] : [3, 4], transB ? [5, 4] : [4, 5]],
      apply: (g, [a, b]) => g.matmul(a as Node, b as Node, transA, transB),
    })),
  ),
  { name: 'sum over all axes', inputs: [[2, 3, 4]], apply: (g, [x]) => g.sum(x as Node) },
  { name: 'sum over axis 1', inputs: [[2, 3, 4]], apply: (g, [x]) => g.sum(x as Node, [1]) },
  {
    name: 'sum over axes 0, 2 keeping dims',
    inputs: [[2, 3, 4]],
    apply: (g, [x]) => g.sum(x as Node, [0, 2], true),
  },
  { name: 'max over axis 1', inputs: [[2, 3, 4]], apply: (g, [x]) => g.max(x as Node, [1]) },
  {
    name: 'max over axes 0, 2 keeping dims',
    inputs: [[2, 3, 4]],
    apply: (g, [x]) => g.max(x as Node, [0, 2], true),
  },
  { name: 'broadcast', inputs: [[3, 1]], apply: (g, [x]) => g.broadcast(x as Node, [2, 3, 4]) },
  { name: 'reshape', inputs: [[2, 6]], apply: (g, [x]) => g.reshape(x as Node, [3, 4]) },
  { name: 'transpose', inputs: [[2, 3, 4]], apply: (g, [x]) => g.transpose(x as Node, [2, 0, 1]) },
  { name: 'slice', inputs: [[3, 5]], apply: (g, [x]) => g.slice(x as Node, 1, 1, 4) },
  { name: 'pad', inputs: [[3, 2]], apply: (g, [x]) => g.pad(x as Node, 0, 1, 2) },
  {
    name: 'concat',
    inputs: [
      [2, 3],
      [2, 1],
      [2, 2],
    ],
    apply: (g, xs) => g.concat(xs, 1),
  },
  ...(
    [
      ['3×3 same', [2, 2, 5, 5], [3, 2, 3, 3], 1],
      ['3×3 valid', [2, 2, 5, 5], [3, 2, 3, 3], 0],
      ['5×5 same, one channel', [3, 1, 6, 6], [2, 1, 5, 5], 2],
    ] as const
  ).flatMap(([what, x, k, pad]): OpCase[] => [
    { name: `conv ${what}`, inputs: [x, k], apply: (g, [a, b]) => g.conv(a as Node, b as Node, pad) },
    {
      name: `convTranspose ${what}`,
      inputs: [[x[0], k[0], x[2] + 2 * pad - k[2] + 1, x[3] + 2 * pad - k[3] + 1], k],
      apply: (g, [a, b]) => g.convTranspose(a as Node, b as Node, pad),
    },
  ]),
  // Stride 2, pad 1 as in the contrastive encoder: odd sides are read to the last row, even
  // sides leave one row unread (the adjoint's output padding gives it back).
  ...(
    [
      ['3×3 stride 2 pad 1, odd side', [2, 2, 7, 7], [3, 2, 3, 3], 1, 2],
      ['3×3 stride 2 pad 1, even and odd sides', [2, 1, 6, 5], [2, 1, 3, 3], 1, 2],
      ['2×2 stride 3 valid', [1, 2, 8, 7], [2, 2, 2, 2], 0, 3],
    ] as const
  ).flatMap(([what, x, k, pad, stride]): OpCase[] => {
    const out = (n: number, kn: number) => Math.floor((n + 2 * pad - kn) / stride) + 1;
    const [ho, wo] = [out(x[2], k[2]), out(x[3], k[3])];
    const dropped = (n: number, m: number, kn: number) => n - (stride * (m - 1) + kn - 2 * pad);
    const padding = [dropped(x[2], ho, k[2]), dropped(x[3], wo, k[3])] as const;
    return [
      {
        name: `conv ${what}`,
        inputs: [x, k],
        apply: (g, [a, b]) => g.conv(a as Node, b as Node, pad, stride),
      },
      {
        name: `convTranspose ${what}, output padding [${padding.join(', ')}]`,
        inputs: [[x[0], k[0], ho, wo], k],
        apply: (g, [a, b]) => g.convTranspose(a as Node, b as Node, pad, stride, padding),
      },
    ];
  }),
];

/**
 * The graph of a case: out = op(inputs), loss = Σ out ⊙ r with fixed random r (so every
 * output element matters differently), and ∂loss/∂input for every input.
 */
function build(c: OpCase, seed: number) {
  const rng = createRng(seed);
  const u = () => rng.uniform();
  const g = createGraph();
  const xs = c.inputs.map((shape, i) => g.input(`x${i}`, shape));
  const out = c.apply(g, xs);
  const r = g.constant(
    Float32Array.from({ length: size(out.shape) }, () => rng.normal()),
    out.shape,
  );
  const loss = g.sum(g.mul(out, r));
  g.output('out', out);
  g.output('loss', loss);
  gradients(g, loss, xs).forEach((grad, i) => g.output(`grad${i}`, grad));
  const draw = c.draw ?? ((v: () => number) => 2 * v() - 1);
  const feeds = Object.fromEntries(
    c.inputs.map((shape, i) => [`x${i}`, Float32Array.from({ length: size(shape) }, () => draw(u))]),
  );
  return { g, feeds, names: ['out', ...c.inputs.map((_, i) => `grad${i}`)] };
}

describe('every op of the graph', () => {
  test.each(cases)('$name: the gradient equals central finite differences (float64)', (c) => {
    const { g, feeds } = build(c, 1);
    const f64 = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, Float64Array.from(v)]));
    const exact = evaluateReference(g, f64);
    const h = 1e-6;
    c.inputs.forEach((_, i) => {
      const x = f64[`x${i}`] as Float64Array;
      const numeric = Array.from(x, (v, j) => {
        x[j] = v + h;
        const up = evaluateReference(g, f64, ['loss']).loss?.[0] as number;
        x[j] = v - h;
        const down = evaluateReference(g, f64, ['loss']).loss?.[0] as number;
        x[j] = v;
        return (up - down) / (2 * h);
      });
      expect(maxRelativeError(exact[`grad${i}`] as Float64Array, numeric), `input ${i}`).toBeLessThan(1e-6);
    });
  });

  test.each(cases)('$name: ONNX Runtime computes what the float64 reference does', async (c) => {
    const { g, feeds, names } = build(c, 2);
    const session = await ort.InferenceSession.create(toOnnx(g, names), { intraOpNumThreads: 1 });
    const inputs = Object.fromEntries(
      session.inputNames.map((name) => [
        name,
        new ort.Tensor('float32', feeds[name] as Float32Array, [...(g.inputs.get(name)?.shape ?? [])]),
      ]),
    );
    const got = await session.run(inputs);
    const want = evaluateReference(g, feeds);
    for (const name of names) {
      expect(got[name]?.dims, name).toEqual(g.outputs.get(name)?.shape);
      expect(
        maxRelativeError(got[name]?.data as Float32Array, want[name] as Float64Array),
        name,
      ).toBeLessThan(1e-5);
    }
    await session.release();
  });

  describe.each(testBackends)('on TensorFlow.js %s', (backend) => {
    beforeAll(() => useBackend(backend));

    test.each(cases)('$name: TensorFlow.js computes what the float64 reference does', (c) => {
      const { g, feeds, names } = build(c, 3);
      const want = evaluateReference(g, feeds);
      tf.tidy(() => {
        const inputs = Object.fromEntries(
          [...g.inputs].map(([name, node]) => [
            name,
            tf.tensor(feeds[name] as Float32Array, [...node.shape]),
          ]),
        );
        const got = runTfjs(g, inputs, names);
        for (const name of names) {
          expect(got[name]?.shape, name).toEqual(g.outputs.get(name)?.shape);
          expect(
            maxRelativeError(got[name]?.dataSync() as Float32Array, want[name] as Float64Array),
            name,
          ).toBeLessThan(1e-5);
        }
      });
    });
  });

  test.each([
    { x: 100, softplus: 100, sigmoid: 1 },
    { x: -100, softplus: 0, sigmoid: 0 },
    { x: 0, softplus: Math.LN2, sigmoid: 0.5 },
  ])(
    'softplus($x) and its gradient stay finite and exact on every engine',
    async ({ x, softplus, sigmoid }) => {
      const g = createGraph();
      const input = g.input('x', [1]);
      const y = g.softplus(input);
      g.output('y', y);
      g.output('dy', gradients(g, g.sum(y), [input])[0] as Node);
      const session = await ort.InferenceSession.create(toOnnx(g));
      const got = await session.run({ x: new ort.Tensor('float32', Float32Array.of(x), [1]) });
      expect(got.y?.data[0]).toBeCloseTo(softplus, 5);
      expect(got.dy?.data[0]).toBeCloseTo(sigmoid, 6);
      await session.release();
      const tfGot = tf.tidy(() => {
        const out = runTfjs(g, { x: tf.tensor1d([x]) }, ['y', 'dy']);
        return [out.y?.dataSync()[0], out.dy?.dataSync()[0]];
      });
      expect(tfGot[0]).toBeCloseTo(softplus, 4);
      expect(tfGot[1]).toBeCloseTo(sigmoid, 6);
    },
  );
});

describe('detach', () => {
  test('passes its value on and stops the gradient: d/dx [x·detach(x)] = x, not 2x', () => {
    const g = createGraph();
    const x = g.input('x', [3]);
    const y = g.sum(g.mul(x, g.unary('detach', x)));
    g.output('y', y);
    g.output('dx', gradients(g, y, [x])[0] as Node);
    const got = evaluateReference(g, { x: [1, -2, 3] });
    expect(Array.from(got.y ?? [])).toEqual([14]);
    expect(Array.from(got.dx ?? [])).toEqual([1, -2, 3]);
  });
});

describe('the graph builder', () => {
  test.each([
    [
      'matmul inner sizes',
      (g: GraphBuilder) => g.matmul(g.input('a', [2, 3]), g.input('b', [4, 5])),
      /inner sizes differ.*\[2, 3\]·\[4, 5\]/,
    ],
    [
      'broadcast mismatch',
      (g: GraphBuilder) => g.add(g.input('a', [2, 3]), g.input('b', [4])),
      /\[2, 3\] and \[4\] do not broadcast/,
    ],
    ['reshape size', (g: GraphBuilder) => g.reshape(g.input('a', [2, 3]), [4]), /6 values, not 4/],
    ['slice range', (g: GraphBuilder) => g.slice(g.input('a', [2, 3]), 1, 2, 5), /out of range/],
    [
      'an output padding as large as the stride',
      (g: GraphBuilder) =>
        g.convTranspose(g.input('a', [1, 2, 3, 3]), g.input('k', [2, 1, 3, 3]), 1, 2, [2, 0]),
      /\[1, 2, 3, 3\] with \[2, 1, 3, 3\], pad 1, stride 2 and output padding \[2, 0\] does not fit/,
    ],
    [
      'a stride of 0',
      (g: GraphBuilder) => g.conv(g.input('a', [1, 1, 5, 5]), g.input('k', [1, 1, 3, 3]), 1, 0),
      /stride 0 must be whole numbers/,
    ],
    [
      'duplicate input',
      (g: GraphBuilder) => (g.input('a', [1]), g.input('a', [1])),
      /already has an input 'a'/,
    ],
  ] as const)('refuses %s with both shapes in the sentence', (_, make, message) => {
    expect(() => make(createGraph())).toThrow(message);
  });

  test('the ONNX model holds only what the asked-for outputs need', () => {
    const g = createGraph();
    const a = g.input('a', [2]);
    g.input('unused', [3]);
    g.output('double', g.scale(a, 2));
    g.output('other', g.exp(g.input('b', [2])));
    const text = new TextDecoder('latin1').decode(toOnnx(g, ['double']));
    expect(text).toContain('double');
    expect(text).not.toContain('unused');
    expect(text).not.toContain('Exp');
  });
});

describe('the protobuf writer', () => {
  test.each(['step', 'ε σ²', '∑', '😀'])('writes %s as UTF-8 exactly as the platform does', (text) => {
    expect(Array.from(utf8(text))).toEqual(Array.from(new TextEncoder().encode(text)));
  });
});
