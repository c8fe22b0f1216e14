/**
 * The VAE's training step written out by hand: forward pass, loss totals and gradients,
 * as a short list of fast wasm kernels instead of the autodiff tape. The tests check
 * every gradient against tf.grad of the same loss (vae-tape.ts).
 *
 * Forward (x [b, n]; W₁ [n, h], W₂ [h, 2d] stored [in, out]; U = W₃ᵀ [h, d], V = W₄ᵀ [n, h]
 * stored [out, in], see vae-params.ts):
 *   h₁ = relu(x W₁ + b₁)                 e = h₁ W₂ + b₂ = [μ | log σ²]
 *   z = μ + ε ⊙ σ,  σ = exp(½ log σ²)     ('ae': z = e, no KL)
 *   h₂ = relu(z Uᵀ + b₃)                 lᵀ = V h₂ᵀ + b₄      (logits, computed transposed)
 * Loss, a sum over the batch (Adam rescales by 1/b):
 *   L = Σ [relu(l) − l⊙x − log σ(|l|)] + β · (−½) Σ (1 + log σ² − μ² − σ²)
 * Backward:
 *   ∂L/∂lᵀ = σ(lᵀ) − xᵀ                   ∂L/∂V = ∂L/∂lᵀ h₂,          ∂L/∂b₄ = ∂L/∂lᵀ 1
 *   ∂L/∂h₂ᵀ = (Vᵀ ∂L/∂lᵀ) ⊙ [h₂ᵀ > 0]      ∂L/∂U = ∂L/∂h₂ᵀ z,          ∂L/∂b₃ = ∂L/∂h₂ᵀ 1
 *   ∂L/∂z = ∂L/∂h₂ U
 *   ∂L/∂μ = ∂L/∂z + βμ                    ∂L/∂log σ² = ½ ∂L/∂z ⊙ ε ⊙ σ + ½β(σ² − 1)
 *   ∂L/∂W₂ = h₁ᵀ ∂L/∂e                    ∂L/∂b₂ = 1ᵀ ∂L/∂e
 *   ∂L/∂h₁ = (∂L/∂e W₂ᵀ) ⊙ [h₁ > 0]       ∂L/∂W₁ = xᵀ ∂L/∂h₁,         ∂L/∂b₁ = 1ᵀ ∂L/∂h₁
 *
 * Why these layouts. On wasm a matMul goes to XNNPACK only with both operands
 * untransposed (else a naive loop, 12× slower), and XNNPACK first repacks its right operand
 * (≈ 3 ns per element, paid again for every new tensor) while the left one is free.
 * Transposes cost ≈ 0.6 ns per element, or ≈ 2 ns for [b, ·] → [·, b]. Running the last layer
 * transposed makes the packed operands h₂ᵀ, h₂ and ∂L/∂lᵀ (100 K + 100 K + 200 K elements)
 * instead of W₄, ∂L/∂l and W₄ᵀ (313 K + 200 K + 313 K), and xᵀ serves both the loss and
 * ∂L/∂W₁. Bias gradients are products with a constant ones vector, whose packing XNNPACK
 * caches, or with an operand it has just packed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { linearForward, reluBackward } from './linear.js';
import { logChunk } from './losses.js';
import type { VaeParams } from './vae-params.js';

/** Constant ones of the batch size, kept across steps (XNNPACK caches their packing). */
export interface BatchOnes {
  /** [1, b] */ readonly row: tf.Tensor2D;
  /** [b, 1] */ readonly col: tf.Tensor2D;
}

/** Kept (tf.keep), so that they survive the caller's tf.tidy; the caller disposes them. */
export function createBatchOnes(b: number): BatchOnes {
  return { row: tf.keep(tf.ones([1, b])), col: tf.keep(tf.ones([b, 1])) };
}

/** What the backward pass needs from the forward pass. */
export interface TrainForward {
  readonly x: tf.Tensor2D; // [b, n]
  readonly xT: tf.Tensor2D; // [n, b]
  readonly h1: tf.Tensor2D; // [b, h]
  readonly mu: tf.Tensor2D; // [b, d] (the code itself for the autoencoder)
  readonly logvar: tf.Tensor2D | null; // [b, d]
  readonly variance: tf.Tensor2D | null; // [b, d]
  readonly epsStd: tf.Tensor2D | null; // [b, d], ε ⊙ σ (null at z = μ)
  readonly z: tf.Tensor2D; // [b, d]
  readonly h2: tf.Tensor2D; // [b, h]
  readonly h2T: tf.Tensor2D; // [h, b]
  readonly logitsT: tf.Tensor2D; // [n, b]
  readonly probsT: tf.Tensor2D; // [n, b], σ(logitsT)
}

/** μ and log σ² (null for the autoencoder), [b, d] each, with the hidden layer. */
export function encodeParts(p: VaeParams, x: tf.Tensor2D, variational: boolean) {
  const h1 = linearForward(x, p.enc1w, p.enc1b, 'relu'); // [b, h]
  const e = linearForward(h1, p.enc2w, p.enc2b); // [b, 2d] or [b, d]
  if (!variational) return { h1, mu: e, logvar: null };
  const d = e.shape[1] / 2;
  const mu = tf.slice(e, [0, 0], [-1, d]); // [b, d]
  const logvar = tf.slice(e, [0, d], [-1, d]); // [b, d]
  return { h1, mu, logvar };
}

/** The decoder's hidden layer h₂ = relu(z Uᵀ + b₃) [m, h]. */
export function decodeHidden(p: VaeParams, z: tf.Tensor2D): tf.Tensor2D {
  return linearForward(z, tf.transpose(p.dec1wT), p.dec1b, 'relu'); // [m, d]·[d, h]
}

/** Pixel probabilities σ(h₂ Vᵀ + b₄) [m, n] for codes z [m, d] (row-major, for callers). */
export function decodeProbs(p: VaeParams, z: tf.Tensor2D): tf.Tensor2D {
  const logits = linearForward(decodeHidden(p, z), tf.transpose(p.dec2wT), p.dec2b); // [m, n]
  return tf.sigmoid(logits);
}

/** The forward pass of a step; `eps` [b, d] samples z, null means z = μ. */
export function trainForward(
  p: VaeParams,
  x: tf.Tensor2D,
  variational: boolean,
  eps: tf.Tensor2D | null,
): TrainForward {
  const xT = tf.transpose(x); // [n, b]
  const { h1, mu, logvar } = encodeParts(p, x, variational);
  let z: tf.Tensor2D = mu;
  let variance: tf.Tensor2D | null = null;
  let epsStd: tf.Tensor2D | null = null;
  if (logvar) {
    const std = tf.exp(tf.mul(logvar, 0.5)) as tf.Tensor2D; // [b, d]
    variance = tf.square(std); // [b, d]
    if (eps) {
      const noise = tf.mul(eps, std) as tf.Tensor2D; // [b, d]
      epsStd = noise;
      z = tf.add(mu, noise); // [b, d]
    }
  }
  const h2 = decodeHidden(p, z); // [b, h]
  const h2T = tf.transpose(h2); // [h, b]
  const n = p.dec2b.shape[0];
  const logitsT = tf.add(tf.matMul(p.dec2wT, h2T), tf.reshape(p.dec2b, [n, 1])) as tf.Tensor2D; // [n, h]·[h, b] + [n, 1]
  const probsT = tf.sigmoid(logitsT); // [n, b]
  return { x, xT, h1, mu, logvar, variance, epsStd, z, h2, h2T, logitsT, probsT };
}

/**
 * Σ over every pixel of the batch of BCE(x, p) = relu(l) − l⊙x − log σ(|l|), from logits l,
 * their probabilities p = σ(l) and targets x of the same shape (any layout).
 * σ(|l|) = max(p, 1 − p) = ½ + |p − ½|, and Σ log σ(|l|) is the logarithm of products of up
 * to 32 factors in [½, 1] (no underflow): one slow logarithm per chunk.
 */
export function bceTotal(logits: tf.Tensor, probs: tf.Tensor, x: tf.Tensor): tf.Scalar {
  const linear = tf.sum(tf.sub(tf.relu(logits), tf.mul(logits, x))); // []
  const s = tf.add(tf.abs(tf.sub(probs, 0.5)), 0.5); // σ(|l|), in [½, 1]
  const c = logChunk(s.size);
  const products = c === 1 ? s : tf.prod(tf.reshape(s, [s.size / c, c]), 1); // [size / c], ≥ 2⁻³²
  return tf.sub(linear, tf.sum(tf.log(products)));
}

/** Totals over the batch: BCE and KL (0 for the autoencoder). */
export function lossTotals(f: TrainForward): { recon: tf.Scalar; kl: tf.Scalar } {
  const recon = bceTotal(f.logitsT, f.probsT, f.xT);
  if (!f.logvar || !f.variance) return { recon, kl: tf.scalar(0) };
  const terms = tf.sub(tf.add(f.logvar, 1), tf.add(tf.square(f.mu), f.variance)); // [b, d]
  return { recon, kl: tf.mul(tf.sum(terms), -0.5) }; // −½ Σ (1 + log σ² − μ² − σ²)
}

/** ∂L/∂V = ∂L/∂lᵀ h₂, and the gradient ∂L/∂h₂ᵀ flowing down, for the transposed last layer. */
function dec2Backward(p: VaeParams, f: TrainForward, ones: BatchOnes) {
  const dLogitsT = tf.sub(f.probsT, f.xT) as tf.Tensor2D; // [n, b]
  const gDec2wT = tf.matMul(dLogitsT, f.h2); // [n, b]·[b, h] → [n, h]
  const gDec2b = tf.reshape(tf.matMul(dLogitsT, ones.col), [-1]); // [n, b]·[b, 1] → [n]
  const dH2T = reluBackward(tf.matMul(tf.transpose(p.dec2wT), dLogitsT), f.h2T); // [h, n]·[n, b] → [h, b]
  return { gDec2wT, gDec2b, dH2T };
}

/**
 * Gradients of L = Σ_batch (BCE + β·KL), in paramNames order (storage layout).
 * Call inside tf.tidy.
 */
export function trainBackward(p: VaeParams, f: TrainForward, beta: number, ones: BatchOnes): tf.Tensor[] {
  const { gDec2wT, gDec2b, dH2T } = dec2Backward(p, f, ones);
  const gDec1wT = tf.matMul(dH2T, f.z); // [h, b]·[b, d] → [h, d]
  const gDec1b = tf.reshape(tf.matMul(dH2T, ones.col), [-1]); // [h]
  const dZ = tf.matMul(tf.transpose(dH2T), p.dec1wT); // [b, h]·[h, d] → [b, d]

  let dE = dZ; // [b, 2d] or [b, d]
  if (f.logvar && f.variance) {
    const dMu = tf.add(dZ, tf.mul(f.mu, beta)); // [b, d]
    const fromKl = tf.mul(tf.sub(f.variance, 1), 0.5 * beta); // [b, d]
    const dLogvar = f.epsStd ? tf.add(tf.mul(tf.mul(dZ, f.epsStd), 0.5), fromKl) : fromKl; // [b, d]
    dE = tf.concat([dMu, dLogvar], 1); // [b, 2d]
  }
  const gEnc2w = tf.matMul(tf.transpose(f.h1), dE); // [h, b]·[b, 2d]
  const gEnc2b = tf.reshape(tf.matMul(ones.row, dE), [-1]); // [2d]
  const dH1 = reluBackward(tf.matMul(dE, tf.transpose(p.enc2w)), f.h1); // [b, 2d]·[2d, h]
  const gEnc1w = tf.matMul(f.xT, dH1); // [n, b]·[b, h]
  const gEnc1b = tf.reshape(tf.matMul(ones.row, dH1), [-1]); // [h]
  return [gEnc1w, gEnc1b, gEnc2w, gEnc2b, gDec1wT, gDec1b, gDec2wT, gDec2b];
}
