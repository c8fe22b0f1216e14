import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  bceSum,
  bceSumFromLogits,
  bceSumFromLogitsReference,
  klDivergence,
  reparameterize,
} from '../../../models/vae/losses.js';
import { createRng } from '../../../models/rng.js';
import { testBackends, useBackend } from '../backends.js';

const row = (values: number[]) => tf.tensor2d([values]);
const value = (t: tf.Tensor) => (t.dataSync() as Float32Array)[0] as number;

/** BCE of one pixel by its definition, in double precision. */
const bceOf = (p: number, x: number) => -(x * Math.log(p) + (1 - x) * Math.log(1 - p));
const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));

describe.each(testBackends)('losses on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  test.each([
    // [μ, log σ², KL by hand: ½(σ² + μ² − 1 − log σ²)]
    { mu: [0, 0], logvar: [0, 0], kl: 0 },
    { mu: [1, 0], logvar: [0, 0], kl: 0.5 },
    { mu: [0, 0], logvar: [Math.log(4), 0], kl: 0.5 * (4 - 1 - Math.log(4)) },
    { mu: [2, -1], logvar: [-1, 1], kl: 0.5 * (Math.exp(-1) + 4 - 1 + 1) + 0.5 * (Math.exp(1) + 1 - 1 - 1) },
  ])('KL(N($mu, e^$logvar) ‖ N(0, I)) = $kl (closed form)', ({ mu, logvar, kl }) => {
    const got = tf.tidy(() => value(klDivergence(row(mu), row(logvar))));
    expect(got).toBeCloseTo(kl, 5);
  });

  test('KL matches a Monte-Carlo estimate E_q[log q(z) − log p(z)] within 4 standard errors', () => {
    const mu = [0.7, -1.2, 0.1];
    const logvar = [-0.5, 0.8, -2];
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      let logRatio = 0;
      for (let k = 0; k < mu.length; k++) {
        const sigma = Math.exp(0.5 * (logvar[k] as number));
        const eps = rng.normal();
        const z = (mu[k] as number) + sigma * eps;
        // log q − log p for one dimension; the ½ log 2π terms cancel.
        logRatio += -Math.log(sigma) - 0.5 * eps * eps + 0.5 * z * z;
      }
      sum += logRatio;
      sumSq += logRatio * logRatio;
    }
    const mean = sum / n;
    const stderr = Math.sqrt((sumSq / n - mean * mean) / n);
    const closed = tf.tidy(() => value(klDivergence(row(mu), row(logvar))));
    expect(Math.abs(mean - closed)).toBeLessThan(4 * stderr);
    expect(stderr).toBeLessThan(0.01);
  });

  test.each([
    { p: 0.5, x: 1 },
    { p: 0.5, x: 0 },
    { p: 0.9, x: 1 },
    { p: 0.9, x: 0 },
    { p: 0.2, x: 0.3 },
    { p: 0.999, x: 0.75 },
  ])('BCE(p = $p, x = $x) matches its definition', ({ p, x }) => {
    const got = tf.tidy(() => value(bceSum(row([p]), row([x]))));
    expect(got).toBeCloseTo(bceOf(p, x), 4);
    const l = Math.log(p / (1 - p));
    const fromLogits = tf.tidy(() => value(bceSumFromLogits(row([l]), row([x]))));
    expect(fromLogits).toBeCloseTo(bceOf(p, x), 4);
  });

  test('BCE sums over pixels, per sample', () => {
    const got = tf.tidy(() =>
      Array.from(
        bceSum(
          tf.tensor2d([
            [0.5, 0.9],
            [0.2, 0.7],
          ]),
          tf.tensor2d([
            [1, 0],
            [0, 1],
          ]),
        ).dataSync(),
      ),
    );
    expect(got[0]).toBeCloseTo(bceOf(0.5, 1) + bceOf(0.9, 0), 4);
    expect(got[1]).toBeCloseTo(bceOf(0.2, 0) + bceOf(0.7, 1), 4);
  });

  test.each([
    { p: 0, x: 0, expected: 0 },
    { p: 0, x: 1, expected: 100 },
    { p: 1, x: 0, expected: 100 },
    { p: 1e-30, x: 0.5, expected: 0.5 * 69.0776 },
  ])('BCE stays finite for p = $p (logs clamped at −100 like PyTorch)', ({ p, x, expected }) => {
    const got = tf.tidy(() => value(bceSum(row([p]), row([x]))));
    expect(Number.isFinite(got)).toBe(true);
    expect(got).toBeCloseTo(expected, 2);
  });

  test.each([
    { l: 100, x: 0, expected: 100 },
    { l: -100, x: 1, expected: 100 },
    { l: 100, x: 1, expected: 0 },
    { l: -100, x: 0, expected: 0 },
    { l: 30, x: 0.5, expected: 15 },
  ])('BCE from logits l = $l stays finite and exact: $expected', ({ l, x, expected }) => {
    const got = tf.tidy(() => value(bceSumFromLogits(row([l]), row([x]))));
    expect(got).toBeCloseTo(expected, 4);
    const reference = tf.tidy(() => value(bceSumFromLogitsReference(row([l]), row([x]))));
    expect(reference).toBeCloseTo(expected, 4);
  });

  test('the fast BCE forms agree with the textbook formula on random logits', () => {
    const rng = createRng(3);
    const [b, n] = [6, 784];
    const logits = Float32Array.from({ length: b * n }, () => 8 * rng.normal());
    const x = Float32Array.from({ length: b * n }, () => (rng.uniform() < 0.8 ? 0 : rng.uniform()));
    let exact = 0;
    for (let i = 0; i < b * n; i++) exact += bceOf(sigmoid(logits[i] as number), x[i] as number) || 0;
    tf.tidy(() => {
      const l = tf.tensor2d(logits, [b, n]);
      const t = tf.tensor2d(x, [b, n]);
      const perSample = Array.from(bceSumFromLogits(l, t).dataSync());
      const reference = Array.from(bceSumFromLogitsReference(l, t).dataSync());
      perSample.forEach((v, i) => expect(v).toBeCloseTo(reference[i] as number, 1));
      const total = perSample.reduce((s, v) => s + v, 0);
      expect(Math.abs(total - exact) / exact).toBeLessThan(1e-5);
    });
  });

  test('reparameterize gives z = μ + ε·exp(½ log σ²)', () => {
    const z = tf.tidy(() =>
      Array.from(reparameterize(row([1, -2]), row([0, Math.log(9)]), row([0.5, -1])).dataSync()),
    );
    expect(z[0]).toBeCloseTo(1.5, 5);
    expect(z[1]).toBeCloseTo(-5, 5);
  });

  test('the reparameterisation gradient of E[z²] matches d/dμ = 2μ, d/dlog σ² = σ² (Monte Carlo)', () => {
    // E[z²] = μ² + σ²: ∂/∂μ = 2μ and ∂/∂log σ² = σ². Per-sample estimates are 2z and z·ε·σ.
    const mu = 0.8;
    const logvar = Math.log(0.25);
    const sigma = 0.5;
    const n = 100_000;
    const rng = createRng(11);
    const eps = Float32Array.from({ length: n }, () => rng.normal());
    const [gMu, gLogvar] = tf.tidy(() => {
      const e = tf.tensor2d(eps, [n, 1]);
      const column = (s: tf.Tensor) => tf.add(tf.zeros([n, 1]), s) as tf.Tensor2D; // [n, 1], differentiable in s
      const f = (m: tf.Tensor, lv: tf.Tensor) => tf.mean(tf.square(reparameterize(column(m), column(lv), e)));
      const grads = tf.grads((m: tf.Tensor, lv: tf.Tensor) => f(m, lv))([tf.scalar(mu), tf.scalar(logvar)]);
      return grads.map(value);
    }) as [number, number];
    // tf.grad equals the ε-based formula exactly (same samples).
    let formulaMu = 0;
    let formulaLogvar = 0;
    for (const e of eps) {
      const z = mu + sigma * e;
      formulaMu += 2 * z;
      formulaLogvar += z * e * sigma;
    }
    expect(gMu).toBeCloseTo(formulaMu / n, 3);
    expect(gLogvar).toBeCloseTo(formulaLogvar / n, 3);
    // And the analytic value within Monte-Carlo error (sd of 2z is 2σ = 1, of zεσ is < 0.6).
    expect(Math.abs(gMu - 2 * mu)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(gLogvar - sigma * sigma)).toBeLessThan((4 * 0.6) / Math.sqrt(n));
  });
});
