/**
 * A dense layer y = act(x·W + b) whose gradient runs fast on the wasm backend.
 *
 * Backward pass (W [in, out], x [b, in], g = dL/d(x·W + b) [b, out]):
 *   dL/dx = g·Wᵀ,  dL/dW = xᵀ·g,  dL/db = 1ᵀ·g
 * TensorFlow.js's stock gradient writes these as matMul(…, transposeA/B = true). The wasm
 * backend hands a matMul to XNNPACK only when neither operand is transposed and runs the
 * other cases in a naive loop (≈ 2.8 GFLOP/s instead of ≈ 35). Here every product is an
 * explicit tf.transpose followed by a plain matMul, and the bias gradient is the product
 * 1ᵀ·g (an XNNPACK call) rather than a column sum (a slow strided reduction on wasm).
 * The maths is unchanged; only the order of float additions differs.
 */
import * as tf from '@tensorflow/tfjs-core';

export type LinearActivation = 'linear' | 'relu';

/** a·b for a [m, k], b [k, n] → [m, n]: the XNNPACK path on wasm. */
export function matMulNN(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(a, b);
}

/** aᵀ·b for a [k, m], b [k, n] → [m, n], by an explicit transpose. */
export function matMulTN(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.transpose(a), b)); // [m, k]·[k, n]
}

/** a·bᵀ for a [m, k], b [n, k] → [m, n], by an explicit transpose. */
export function matMulNT(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(a, tf.transpose(b))); // [m, k]·[k, n]
}

/** Column sums 1ᵀ·g of g [b, n] → [n], as a matrix product (fast on wasm). */
export function columnSums(g: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [rows, cols] = g.shape;
    return tf.reshape(tf.matMul(tf.ones([1, rows]), g), [cols]); // [1, b]·[b, n] → [n]
  });
}

/** ReLU's backward: g ⊙ [y > 0], from the layer's output y = relu(·). */
export function reluBackward(g: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(g, tf.step(y));
}

/** The forward pass alone: act(x·W + b) in one fused kernel. x [b, in], W [in, out], b [out] → [b, out]. */
export function linearForward(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  activation: LinearActivation = 'linear',
): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: w, bias: b, activation }) as tf.Tensor2D;
}

/**
 * y = act(x·W + b) with the wasm-friendly custom gradient above, differentiable by
 * tf.grad / tf.variableGrads with respect to x, W and b.
 */
export function linear(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  activation: LinearActivation = 'linear',
): tf.Tensor2D {
  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, bIn, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const y = linearForward(xIn, wIn, bIn, activation); // [b, out]
    save([xIn, wIn, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const g = activation === 'relu' ? reluBackward(dy, ys) : dy; // [b, out]
        return [matMulNT(g, ws), matMulTN(xs, g), columnSums(g)]; // [b, in], [in, out], [out]
      },
    };
  });
  return layer(x, w, b) as tf.Tensor2D;
}
