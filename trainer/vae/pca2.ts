/**
 * The two leading principal axes of n points in d dimensions (Pearson 1901): the top
 * eigenvectors of the covariance C = (X − x̄)ᵀ(X − x̄) / n, found by power iteration with
 * deflation (d ≤ 64 here, so C is small and plain arrays suffice).
 * A private stand-in until models/pca.ts is available to the trainer.
 */

export function principalAxes(
  values: Float32Array,
  n: number,
  d: number,
): { readonly center: Float32Array; readonly axes: Float32Array } {
  const center = new Float32Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) center[j]! += (values[i * d + j] as number) / n;
  const cov = new Float64Array(d * d); // [d, d]
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const a = (values[i * d + j] as number) - (center[j] as number);
      for (let k = j; k < d; k++)
        cov[j * d + k]! += (a * ((values[i * d + k] as number) - (center[k] as number))) / n;
    }
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) cov[j * d + k] = cov[k * d + j] as number;
  const axes = new Float32Array(2 * d);
  for (let a = 0; a < 2; a++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 + j / d); // a fixed, generic start
    let lambda = 0;
    for (let iter = 0; iter < 200; iter++) {
      const w = new Float64Array(d);
      for (let j = 0; j < d; j++)
        for (let k = 0; k < d; k++) w[j]! += (cov[j * d + k] as number) * (v[k] as number);
      if (a === 1) orthogonalize(w, axes.subarray(0, d));
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      for (let j = 0; j < d; j++) w[j]! /= norm;
      const change = w.reduce((s, x, j) => s + Math.abs(x - (v[j] as number)), 0);
      v = w;
      lambda = norm;
      if (change < 1e-9) break;
    }
    if (a === 1) orthogonalize(v, axes.subarray(0, d));
    const length = Math.hypot(...v) || 1;
    for (let j = 0; j < d; j++) axes[a * d + j] = (v[j] as number) / length;
    // Deflate: C ← C − λ v vᵀ, so the next iteration finds the second axis.
    for (let j = 0; j < d; j++)
      for (let k = 0; k < d; k++) cov[j * d + k]! -= lambda * (v[j] as number) * (v[k] as number);
  }
  return { center, axes };
}

/** w ← w − (w·u) u for a unit vector u. */
function orthogonalize(w: Float64Array, u: Float32Array): void {
  let dot = 0;
  for (let j = 0; j < w.length; j++) dot += (w[j] as number) * (u[j] as number);
  for (let j = 0; j < w.length; j++) w[j]! -= dot * (u[j] as number);
}
