/**
 * FISTA for one sample in plain TypeScript (Beck & Teboulle 2009), so the λ slider re-infers
 * the shown sample at once from the dictionary the window already holds:
 *   min_z ½‖y − Wz‖² + λ‖z‖₁,  atoms A [m, n] (the columns of W as rows),
 *   z_k = sh_{λ/L}(x_k − Aᵀ… ) written as z_k = sh_{λ/L}(x_k + A(y − Aᵀx_k)/L),
 *   t_{k+1} = (1 + √(1 + 4t_k²))/2,  x_{k+1} = z_k + ((t_k − 1)/t_{k+1})(z_k − z_{k−1}),
 * with L = λ_max(WᵀW) from a few power iterations. With `nonNegative` the codes stay ≥ 0
 * (sh⁺_θ(u) = max(u − θ, 0), as the trainer's non-negative sparse coding).
 */

export interface SparseSolution {
  readonly code: Float32Array;
  readonly reconstruction: Float32Array;
  /** ½‖y − Wz‖² + λ‖z‖₁ at the returned code. */
  readonly energy: number;
  readonly nonzero: number;
}

/** r = Aᵀz ([n]) for atoms A [m, n]. */
function synthesize(
  atoms: Float32Array,
  m: number,
  n: number,
  z: Float32Array,
  out: Float32Array,
): Float32Array {
  out.fill(0);
  for (let j = 0; j < m; j++) {
    const c = z[j] as number;
    if (c === 0) continue;
    const row = j * n;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + c * (atoms[row + i] as number);
  }
  return out;
}

/** g = A r ([m]). */
function analyze(
  atoms: Float32Array,
  m: number,
  n: number,
  r: Float32Array,
  out: Float32Array,
): Float32Array {
  for (let j = 0; j < m; j++) {
    let s = 0;
    const row = j * n;
    for (let i = 0; i < n; i++) s += (atoms[row + i] as number) * (r[i] as number);
    out[j] = s;
  }
  return out;
}

/** λ_max(WᵀW) = ‖W‖₂² by power iteration on AAᵀ. */
export function lipschitzOf(atoms: Float32Array, m: number, n: number, iterations = 30): number {
  let v = new Float32Array(m).fill(1 / Math.sqrt(m));
  const r = new Float32Array(n);
  let value = 0;
  for (let k = 0; k < iterations; k++) {
    const next = analyze(atoms, m, n, synthesize(atoms, m, n, v, r), new Float32Array(m));
    value = Math.hypot(...next);
    if (!(value > 0)) return 0;
    v = next.map((x) => x / value);
  }
  return value;
}

export function fistaOne(
  atoms: Float32Array,
  m: number,
  n: number,
  y: Float32Array,
  lambda: number,
  iterations: number,
  lipschitz = lipschitzOf(atoms, m, n),
  nonNegative = false,
): SparseSolution {
  let z = new Float32Array(m);
  let x = new Float32Array(m);
  const r = new Float32Array(n);
  const g = new Float32Array(m);
  const theta = lambda / lipschitz;
  let t = 1;
  for (let k = 0; k < iterations && lipschitz > 0; k++) {
    synthesize(atoms, m, n, x, r);
    for (let i = 0; i < n; i++) r[i] = (y[i] as number) - (r[i] as number); // y − Wx
    analyze(atoms, m, n, r, g);
    const next = new Float32Array(m);
    for (let j = 0; j < m; j++) {
      const u = (x[j] as number) + (g[j] as number) / lipschitz;
      next[j] = nonNegative ? Math.max(u - theta, 0) : Math.sign(u) * Math.max(Math.abs(u) - theta, 0);
    }
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const beta = (t - 1) / tNext;
    x = next.map((v, j) => v + beta * (v - (z[j] as number)));
    z = next;
    t = tNext;
  }
  const reconstruction = synthesize(atoms, m, n, z, new Float32Array(n));
  let residual = 0;
  for (let i = 0; i < n; i++) residual += ((y[i] as number) - (reconstruction[i] as number)) ** 2;
  let l1 = 0;
  let nonzero = 0;
  for (const v of z) {
    l1 += Math.abs(v);
    if (v !== 0) nonzero++;
  }
  return { code: z, reconstruction, energy: 0.5 * residual + lambda * l1, nonzero };
}
