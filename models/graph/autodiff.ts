/**
 * Reverse-mode differentiation on the graph (Griewank & Walther, "Evaluating Derivatives",
 * ch. 3): walking the nodes from the loss back to the parameters, each op turns the
 * gradient of its output ȳ into gradients of its inputs, written as new nodes of the same
 * graph, so the backward pass is compiled and run exactly like the forward pass.
 *
 *   y = a ± b, a ⊙ b, a / b     ā = reduce(ȳ ⊙ …) over the axes a was broadcast along
 *   C = A·B                     Ā = C̄·Bᵀ,  B̄ = Aᵀ·C̄   (stored transposes handled by flags)
 *   y = f(x) element-wise       x̄ = ȳ ⊙ f′(x), with f′ from y where cheaper (σ, tanh, exp, √)
 *   y = Σ_axes x                x̄ = broadcast(ȳ)
 *   slice ↔ pad, concat → slices, reshape/transpose → their inverses
 *   y = max_axes x              x̄ = broadcast(ȳ) ⊙ [x = y]  (every tied entry gets ȳ)
 *   y = x ⋆ k (conv, stride 1)  x̄ = convTranspose(ȳ, k),  k̄ = (xᵀ ⋆ ȳᵀ)ᵀ  (batch ↔ channels)
 *   y = x ⋆ₛ k (stride s > 1)   x̄ = convTranspose(ȳ, k, stride s, the rows it dropped back),
 *                               k̄[o, c, u, v] = Σ_b,i,j ȳ[b, o, i, j] · x[b, c, s·i + u − p, s·j + v − p]
 *                                 = a stride-1 conv of x's s² phases with ȳ (batch ↔ channels),
 *                                   interleaved back (kernelGradient: no zeros multiplied)
 */
import type { GraphBuilder } from './builder.js';
import { operands, sizeOf, type Node, type Shape } from './nodes.js';

/** Sums `dy` down to `shape` (undoing a broadcast). */
export function reduceTo(g: GraphBuilder, dy: Node, shape: Shape): Node {
  if (dy.shape.length === shape.length && dy.shape.every((d, i) => d === shape[i])) return dy;
  const lead = dy.shape.length - shape.length;
  const axes = dy.shape.flatMap((d, i) => (i < lead || (shape[i - lead] === 1 && d !== 1) ? [i] : []));
  const summed = axes.length > 0 ? g.sum(dy, axes) : dy;
  return summed.shape.length === shape.length && summed.shape.every((d, i) => d === shape[i])
    ? summed
    : g.reshape(summed, shape);
}

/**
 * k̄ [o, c, kh, kw] of y = conv(image, k, pad, stride s) given map = ȳ [b, o, H′, W′] (or, for a
 * convTranspose, of its output's gradient against its input), by polyphase decomposition:
 * with u = s·q + a, x[s·i + u] = xₐ[i + q] where xₐ[I] = x[s·I + a] (phase a of the padded
 * image), so k̄[o, c, s·q + a, s·r + a′] = Σ_b,i,j xₐₐ′[b, c, q + i, r + j] · ȳ[b, o, i, j]: one
 * stride-1 conv of the s² phases (batch ↔ channels) with ȳ, its output interleaved back.
 */
function kernelGradient(g: GraphBuilder, image: Node, map: Node, k: Node, pad: number, s: number): Node {
  const [b, c, h, w] = image.shape as [number, number, number, number];
  const [, o] = map.shape as [number, number, number, number];
  const [, , kh, kw] = k.shape as [number, number, number, number];
  // Zeros: pad on every side, then up to whole phases (rows past the last read add nothing).
  const [hq, wq] = [Math.ceil((h + 2 * pad) / s), Math.ceil((w + 2 * pad) / s)];
  const rows = g.pad(image, 2, pad, s * hq - h - pad);
  const padded = g.pad(rows, 3, pad, s * wq - w - pad); // [b, c, s·Hq, s·Wq]
  const split = g.reshape(padded, [b, c, hq, s, wq, s]);
  const phases = g.reshape(g.transpose(split, [1, 3, 5, 0, 2, 4]), [c * s * s, b, hq, wq]); // [(c, a, a′), b, Hq, Wq]
  const corr = g.conv(phases, g.transpose(map, [1, 0, 2, 3])); // [(c, a, a′), o, Qh, Qw]
  const [qh, qw] = [corr.shape[2] as number, corr.shape[3] as number];
  const byPhase = g.reshape(corr, [c, s, s, o, qh, qw]);
  const full = g.reshape(g.transpose(byPhase, [3, 0, 4, 1, 5, 2]), [o, c, qh * s, qw * s]); // [o, c, s·q + a, s·r + a′]
  return g.slice(g.slice(full, 2, 0, kh), 3, 0, kw); // [o, c, kh, kw]
}

/** The output padding that makes convTranspose(·, k, pad, stride) of `map` as large as `image`. */
function dropped(image: Node, map: Node, k: Node, pad: number, stride: number): [number, number] {
  const at = (axis: 2 | 3) =>
    (image.shape[axis] as number) -
    (stride * ((map.shape[axis] as number) - 1) + (k.shape[axis] as number) - 2 * pad);
  return [at(2), at(3)];
}

/** Gradients of one node's operands (null where none flows), given the gradient dy of its output. */
function operandGrads(g: GraphBuilder, y: Node, dy: Node): readonly (Node | null)[] {
  switch (y.op) {
    case 'input':
    case 'const':
      return [];
    case 'neg':
      return [g.neg(dy)];
    case 'relu':
      return [g.mul(dy, g.unary('step', y))];
    case 'sigmoid': // σ′ = σ(1 − σ)
      return [g.mul(dy, g.sub(y, g.square(y)))];
    case 'tanh': // 1 − tanh²
      return [g.sub(dy, g.mul(dy, g.square(y)))];
    case 'exp':
      return [g.mul(dy, y)];
    case 'log':
      return [g.div(dy, y.x)];
    case 'abs':
      return [g.mul(dy, g.unary('sign', y.x))];
    case 'sign':
    case 'step':
    case 'detach':
      return [null];
    case 'sqrt': // 1 / (2√x)
      return [g.div(dy, g.scale(y, 2))];
    case 'square':
      return [g.mul(dy, g.scale(y.x, 2))];
    case 'softplus':
      return [g.mul(dy, g.sigmoid(y.x))];
    case 'add':
      return [reduceTo(g, dy, y.a.shape), reduceTo(g, dy, y.b.shape)];
    case 'sub':
      return [reduceTo(g, dy, y.a.shape), reduceTo(g, g.neg(dy), y.b.shape)];
    case 'mul':
      return [reduceTo(g, g.mul(dy, y.b), y.a.shape), reduceTo(g, g.mul(dy, y.a), y.b.shape)];
    case 'div': // ∂(a/b)/∂b = −(a/b)/b
      return [
        reduceTo(g, g.div(dy, y.b), y.a.shape),
        reduceTo(g, g.neg(g.div(g.mul(dy, y), y.b)), y.b.shape),
      ];
    case 'matmul': {
      const { a, b, transA, transB } = y;
      const da = transA ? g.matmul(b, dy, transB, true) : g.matmul(dy, b, false, !transB);
      const db = transB ? g.matmul(dy, a, true, transA) : g.matmul(a, dy, !transA, false);
      return [da, db];
    }
    case 'conv': {
      if (y.stride > 1) {
        const padding = dropped(y.x, y, y.k, y.pad, y.stride);
        return [
          g.convTranspose(dy, y.k, y.pad, y.stride, padding),
          kernelGradient(g, y.x, dy, y.k, y.pad, y.stride),
        ];
      }
      // dx is the adjoint; dk correlates x with dy, the batch as the summed channel axis.
      const t = [1, 0, 2, 3];
      const dk = g.transpose(g.conv(g.transpose(y.x, t), g.transpose(dy, t), y.pad), t);
      return [g.convTranspose(dy, y.k, y.pad), dk];
    }
    case 'convTranspose': {
      // y = Cᵀx for C = conv(·, k): dx = C dy, and dk as for conv with dy and x swapped.
      if (y.stride > 1)
        return [g.conv(dy, y.k, y.pad, y.stride), kernelGradient(g, dy, y.x, y.k, y.pad, y.stride)];
      const t = [1, 0, 2, 3];
      const dk = g.transpose(g.conv(g.transpose(dy, t), g.transpose(y.x, t), y.pad), t);
      return [g.conv(dy, y.k, y.pad), dk];
    }
    case 'sum': {
      const kept = y.x.shape.map((d, i) => (y.axes.includes(i) ? 1 : d));
      const dyKept = y.keepDims ? dy : g.reshape(dy, kept);
      return [g.broadcast(dyKept, y.x.shape)];
    }
    case 'max': {
      const kept = y.x.shape.map((d, i) => (y.axes.includes(i) ? 1 : d));
      const [dyKept, yKept] = y.keepDims ? [dy, y] : [g.reshape(dy, kept), g.reshape(y, kept)];
      const isMax = g.sub(g.constant(1), g.unary('step', g.sub(yKept, y.x))); // [x = max] (x ≤ max)
      return [g.mul(g.broadcast(dyKept, y.x.shape), isMax)];
    }
    case 'broadcast':
      return [reduceTo(g, dy, y.x.shape)];
    case 'reshape':
      return [g.reshape(dy, y.x.shape)];
    case 'transpose': {
      const inverse = y.perm.map((_, i) => y.perm.indexOf(i));
      return [g.transpose(dy, inverse)];
    }
    case 'slice':
      return [g.pad(dy, y.axis, y.start, (y.x.shape[y.axis] as number) - y.end)];
    case 'pad':
      return [g.slice(dy, y.axis, y.before, y.before + (y.x.shape[y.axis] as number))];
    case 'concat': {
      let at = 0;
      return y.xs.map((x) => {
        const size = x.shape[y.axis] as number;
        at += size;
        return g.slice(dy, y.axis, at - size, at);
      });
    }
  }
}

/**
 * ∂loss/∂w for every w in `wrt`, as nodes appended to `g` (a zero constant where the loss
 * does not depend on w). `loss` must be a scalar.
 */
export function gradients(g: GraphBuilder, loss: Node, wrt: readonly Node[]): Node[] {
  if (sizeOf(loss.shape) !== 1) throw new Error(`gradients: the loss must be a scalar, got [${loss.shape}].`);
  // Only nodes that depend on some w carry a gradient worth computing.
  const live = new Set<number>(wrt.map((w) => w.id));
  for (const node of g.nodes.slice(0, loss.id + 1)) {
    if (operands(node).some((x) => live.has(x.id))) live.add(node.id);
  }
  const grads = new Map<number, Node>([[loss.id, g.constant(1, loss.shape)]]);
  const end = loss.id;
  for (let id = end; id >= 0; id--) {
    const y = g.nodes[id] as Node;
    const dy = grads.get(id);
    if (!dy || !live.has(id)) continue;
    operandGrads(g, y, dy).forEach((dx, i) => {
      const x = operands(y)[i] as Node;
      if (!dx || !live.has(x.id)) return;
      const prior = grads.get(x.id);
      grads.set(x.id, prior ? g.add(prior, dx) : dx);
    });
  }
  return wrt.map((w) => grads.get(w.id) ?? g.constant(new Float32Array(sizeOf(w.shape)), w.shape));
}
