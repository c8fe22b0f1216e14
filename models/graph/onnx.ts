/**
 * Lowers a graph (nodes.ts) to an ONNX model (opset 17, IR 8) as protobuf bytes, for ONNX
 * Runtime to compile and run. Field numbers follow onnx/onnx.proto:
 *   ModelProto      ir_version 1, producer_name 2, graph 7, opset_import 8
 *   GraphProto      node 1, name 2, initializer 5, input 11, output 12
 *   NodeProto       input 1, output 2, name 3, op_type 4, attribute 5
 *   AttributeProto  name 1, f 2, i 3, ints 8, type 20 (FLOAT 1, INT 2, INTS 7)
 *   TensorProto     dims 1, data_type 2 (FLOAT 1, INT64 7), name 8, raw_data 9
 *   ValueInfoProto  name 1, type 2 → TypeProto.tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1
 *
 * Every node becomes one or two ONNX nodes: a matmul is Gemm with its transpose flags (MLAS
 * reads stored transposes without copying), `step` is Cast(Greater(x, 0)), `square` is
 * Mul(x, x), softplus is relu(x) − log σ(|x|). A node that is a graph output is named after
 * it; only a second name for the same node (or a fed input returned as is) costs an Identity.
 */
import { neededNodes, type Graph } from './builder.js';
import { ProtoWriter } from './protobuf.js';
import type { Node, Shape, UnaryOp } from './nodes.js';

const FLOAT = 1;
const INT64 = 7;
const OPSET = 17;
const IR_VERSION = 8;

type Attribute =
  | { readonly name: string; readonly int: number }
  | { readonly name: string; readonly ints: readonly number[] };

interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: readonly Attribute[];
}

interface Initializer {
  readonly name: string;
  readonly dims: Shape;
  readonly type: typeof FLOAT | typeof INT64;
  readonly raw: Uint8Array;
}

const unaryOnnx: Readonly<Record<Exclude<UnaryOp, 'square' | 'step' | 'softplus' | 'sign'>, string>> = {
  detach: 'Identity',
  neg: 'Neg',
  relu: 'Relu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  exp: 'Exp',
  log: 'Log',
  abs: 'Abs',
  sqrt: 'Sqrt',
};
const binaryOnnx = { add: 'Add', sub: 'Sub', mul: 'Mul', div: 'Div' } as const;

/** Collects ONNX nodes and initializers while walking the graph. */
class Lowering {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: Initializer[] = [];
  private ints = new Map<string, string>();

  /** `named`: node id → the graph output it produces under its own name (no Identity copy). */
  constructor(private readonly named: ReadonlyMap<number, string>) {}

  name(node: Node): string {
    return node.op === 'input' ? node.name : (this.named.get(node.id) ?? `n${node.id}`);
  }

  /** A float scalar initializer. */
  scalar(name: string, value: number): string {
    const raw = new Uint8Array(4);
    new DataView(raw.buffer).setFloat32(0, value, true);
    this.initializers.push({ name, dims: [], type: FLOAT, raw });
    return name;
  }

  /** An int64 initializer (shapes, axes), shared between nodes that use the same values. */
  int64s(values: readonly number[]): string {
    const key = values.join(',');
    const known = this.ints.get(key);
    if (known) return known;
    const name = `i64_${this.ints.size}`;
    const raw = new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);
    this.initializers.push({ name, dims: [values.length], type: INT64, raw });
    this.ints.set(key, name);
    return name;
  }

  emit(op: string, inputs: readonly string[], output: string, attributes?: readonly Attribute[]): void {
    this.nodes.push({ op, inputs, outputs: [output], ...(attributes ? { attributes } : {}) });
  }

  lower(node: Node): void {
    const out = this.name(node);
    switch (node.op) {
      case 'input':
        return;
      case 'const': {
        const raw = new Uint8Array(
          node.data.buffer.slice(node.data.byteOffset, node.data.byteOffset + node.data.byteLength),
        );
        this.initializers.push({ name: out, dims: node.shape, type: FLOAT, raw });
        return;
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
        return this.emit(binaryOnnx[node.op], [this.name(node.a), this.name(node.b)], out);
      case 'matmul':
        return this.emit('Gemm', [this.name(node.a), this.name(node.b)], out, [
          { name: 'transA', int: node.transA ? 1 : 0 },
          { name: 'transB', int: node.transB ? 1 : 0 },
        ]);
      case 'square':
        return this.emit('Mul', [this.name(node.x), this.name(node.x)], out);
      case 'step': {
        this.emit('Greater', [this.name(node.x), this.scalar(`${out}_zero`, 0)], `${out}_gt`);
        return this.emit('Cast', [`${out}_gt`], out, [{ name: 'to', int: FLOAT }]);
      }
      case 'sign': {
        // [x > 0] − [x < 0]: ONNX Runtime's Sign kernel costs as much as a convolution on 2M values.
        const [x, zero] = [this.name(node.x), this.scalar(`${out}_zero`, 0)];
        this.emit('Greater', [x, zero], `${out}_gt`);
        this.emit('Less', [x, zero], `${out}_lt`);
        this.emit('Cast', [`${out}_gt`], `${out}_pos`, [{ name: 'to', int: FLOAT }]);
        this.emit('Cast', [`${out}_lt`], `${out}_neg`, [{ name: 'to', int: FLOAT }]);
        return this.emit('Sub', [`${out}_pos`, `${out}_neg`], out);
      }
      case 'softplus': {
        // relu(x) − log σ(|x|): exact for every x, and MLAS's vectorised Sigmoid makes it
        // several times faster than ONNX Runtime's Softplus kernel.
        const x = this.name(node.x);
        this.emit('Abs', [x], `${out}_abs`);
        this.emit('Sigmoid', [`${out}_abs`], `${out}_sig`);
        this.emit('Log', [`${out}_sig`], `${out}_log`);
        this.emit('Relu', [x], `${out}_relu`);
        return this.emit('Sub', [`${out}_relu`, `${out}_log`], out);
      }
      case 'conv':
      case 'convTranspose': {
        const p = node.pad;
        const attributes: Attribute[] = [{ name: 'pads', ints: [p, p, p, p] }];
        if (node.stride > 1) attributes.push({ name: 'strides', ints: [node.stride, node.stride] });
        if (node.op === 'convTranspose' && node.outputPadding.some((q) => q > 0))
          attributes.push({ name: 'output_padding', ints: node.outputPadding });
        return this.emit(
          node.op === 'conv' ? 'Conv' : 'ConvTranspose',
          [this.name(node.x), this.name(node.k)],
          out,
          attributes,
        );
      }
      case 'max':
        // Opset 17's ReduceMax takes its axes as an attribute (ReduceSum's are an input).
        return this.emit('ReduceMax', [this.name(node.x)], out, [
          { name: 'axes', ints: node.axes },
          { name: 'keepdims', int: node.keepDims ? 1 : 0 },
        ]);
      case 'sum':
        return this.emit('ReduceSum', [this.name(node.x), this.int64s(node.axes)], out, [
          { name: 'keepdims', int: node.keepDims ? 1 : 0 },
        ]);
      case 'broadcast':
        return this.emit('Expand', [this.name(node.x), this.int64s(node.shape)], out);
      case 'reshape':
        return this.emit('Reshape', [this.name(node.x), this.int64s(node.shape)], out);
      case 'transpose':
        return this.emit('Transpose', [this.name(node.x)], out, [{ name: 'perm', ints: node.perm }]);
      case 'slice':
        return this.emit(
          'Slice',
          [this.name(node.x), this.int64s([node.start]), this.int64s([node.end]), this.int64s([node.axis])],
          out,
        );
      case 'pad': {
        const rank = node.shape.length;
        const pads = new Array<number>(2 * rank).fill(0);
        pads[node.axis] = node.before;
        pads[rank + node.axis] = node.after;
        return this.emit('Pad', [this.name(node.x), this.int64s(pads)], out);
      }
      case 'concat':
        return this.emit(
          'Concat',
          node.xs.map((x) => this.name(x)),
          out,
          [{ name: 'axis', int: node.axis }],
        );
      default:
        return this.emit(unaryOnnx[node.op], [this.name(node.x)], out);
    }
  }
}

function writeValueInfo(w: ProtoWriter, name: string, shape: Shape): void {
  w.string(1, name).message(2, (type) =>
    type.message(1, (tensor) =>
      tensor.varint(1, FLOAT).message(2, (s) => {
        for (const d of shape) s.message(1, (dim) => dim.varint(1, d));
      }),
    ),
  );
}

function writeNode(w: ProtoWriter, node: OnnxNode, index: number): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, `${node.op}_${index}`).string(4, node.op);
  for (const a of node.attributes ?? []) {
    w.message(5, (attr) => {
      attr.string(1, a.name);
      if ('int' in a) attr.varint(3, a.int).varint(20, 2);
      else attr.packedVarints(8, a.ints).varint(20, 7);
    });
  }
}

/**
 * The ONNX model of `graph` for the named `outputs` (all by default): only the nodes and
 * inputs they need, inputs in graph order.
 */
export function toOnnx(graph: Graph, outputs: readonly string[] = [...graph.outputs.keys()]): Uint8Array {
  // A node that is an output takes the output's name; a second name for it, or an input
  // returned as is, or a constant (an initializer), leaves through an Identity.
  const named = new Map<number, string>();
  for (const name of outputs) {
    const node = graph.outputs.get(name) as Node;
    if (node.op !== 'input' && node.op !== 'const' && !named.has(node.id)) named.set(node.id, name);
  }
  const lowering = new Lowering(named);
  const needed = neededNodes(graph, outputs);
  for (const node of needed) lowering.lower(node);
  for (const name of outputs) {
    const node = graph.outputs.get(name) as Node;
    if (named.get(node.id) !== name) lowering.emit('Identity', [lowering.name(node)], name);
  }
  const inputs = needed.filter((n): n is Extract<Node, { op: 'input' }> => n.op === 'input');
  const model = new ProtoWriter();
  model.varint(1, IR_VERSION).string(2, 'ebm-lab');
  model.message(7, (g) => {
    lowering.nodes.forEach((node, i) => g.message(1, (w) => writeNode(w, node, i)));
    g.string(2, 'step');
    for (const init of lowering.initializers) {
      g.message(5, (t) => {
        for (const d of init.dims) t.varint(1, d);
        t.varint(2, init.type).string(8, init.name).bytes(9, init.raw);
      });
    }
    for (const input of inputs) g.message(11, (w) => writeValueInfo(w, input.name, input.shape));
    for (const name of outputs)
      g.message(12, (w) => writeValueInfo(w, name, (graph.outputs.get(name) as Node).shape));
  });
  model.message(8, (op) => op.string(1, '').varint(2, OPSET));
  return model.finish();
}
