/**
 * Initial dictionaries W [n, atoms] with unit-norm columns, from a seeded generator:
 * Gaussian columns (directions uniform on the sphere), or randomly chosen training samples
 * (a common start for dictionary learning: the atoms begin on the data).
 */
import type { Rng } from '../rng.js';

export type DictionaryInit = 'gaussian' | 'samples';

/** Scales every column of w [n, atoms] (row-major) to unit L2 norm, in place. Zero columns stay zero. */
export function normalizeColumns(w: Float32Array, n: number, atoms: number): Float32Array {
  for (let j = 0; j < atoms; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w[i * atoms + j] as number) ** 2;
    const scale = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let i = 0; i < n; i++) w[i * atoms + j] = (w[i * atoms + j] as number) * scale;
  }
  return w;
}

/** Gaussian columns, normalised: W [n, atoms] row-major. */
export function gaussianDictionary(n: number, atoms: number, rng: Rng): Float32Array {
  return normalizeColumns(
    Float32Array.from({ length: n * atoms }, () => rng.normal()),
    n,
    atoms,
  );
}

/**
 * `atoms` distinct samples of `samples` [count, n] (row-major), chosen at random, as unit
 * columns of W [n, atoms]. Needs count ≥ atoms and no all-zero chosen sample.
 */
export function sampleDictionary(samples: Float32Array, n: number, atoms: number, rng: Rng): Float32Array {
  const count = Math.floor(samples.length / n);
  if (count < atoms) throw new Error(`need at least ${atoms} samples to start ${atoms} atoms, got ${count}`);
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const w = new Float32Array(n * atoms);
  let j = 0;
  for (const index of order) {
    if (j === atoms) break;
    const row = samples.subarray(index * n, (index + 1) * n);
    if (!row.some((v) => v !== 0)) continue; // an all-zero sample makes no atom
    row.forEach((v, i) => (w[i * atoms + j] = v));
    j += 1;
  }
  if (j < atoms) throw new Error(`fewer than ${atoms} non-zero samples to start the atoms from`);
  return normalizeColumns(w, n, atoms);
}
