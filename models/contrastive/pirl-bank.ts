/**
 * PIRL's memory bank (Misra & van der Maaten 2020, §3.2; after Wu et al. 2018): one entry m_I
 * per training image I, a running average of the image's normalised embeddings f(v_I),
 *
 *   m_I ← (1 − μ)·m_I + μ·z_I, then renormalised        (μ = ½ in PIRL)
 *
 * kept on the host (the step feeds the rows it needs). It starts as the untrained encoder's
 * embedding of every image. Each step takes the batch's own entries as the positives m_I and
 * `count` entries of other images as the negatives m_I′, drawn uniformly without replacement
 * from the images not in the batch, so an anchor's own entry is never one of its negatives.
 */
import type { Rng } from '../rng.js';

export interface ImageBank {
  /** Entries [images, dim], row-major, each of unit length. */
  readonly entries: Float32Array;
  readonly images: number;
  readonly dim: number;
}

/** A bank whose entry I is the normalised row I of z [images, dim]. */
export function createImageBank(z: Float32Array, dim: number): ImageBank {
  if (dim < 1 || z.length % dim !== 0)
    throw new Error(`A bank of ${dim}-vectors cannot hold ${z.length} values.`);
  const entries = Float32Array.from(z);
  const images = z.length / dim;
  for (let i = 0; i < images; i++) normalizeRow(entries, i, dim);
  return { entries, images, dim };
}

function normalizeRow(m: Float32Array, row: number, dim: number): void {
  let sum = 0;
  for (let j = 0; j < dim; j++) sum += m[row * dim + j]! ** 2;
  const scale = 1 / Math.sqrt(sum + 1e-12);
  for (let j = 0; j < dim; j++) m[row * dim + j]! *= scale;
}

function checkIndex(bank: ImageBank, index: number): void {
  if (!(Number.isInteger(index) && index >= 0 && index < bank.images))
    throw new Error(`Image ${index} has no entry in a bank of ${bank.images} images.`);
}

/** The entries of `indices`, [indices.length, dim]. */
export function bankRows(bank: ImageBank, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * bank.dim);
  indices.forEach((index, r) => {
    checkIndex(bank, index);
    out.set(bank.entries.subarray(index * bank.dim, (index + 1) * bank.dim), r * bank.dim);
  });
  return out;
}

/**
 * `count` image indices drawn uniformly without replacement among those not in `batch`
 * (a partial Fisher–Yates shuffle of the rest).
 */
export function negativeIndices(
  bank: ImageBank,
  batch: readonly number[],
  count: number,
  rng: Rng,
): number[] {
  const inBatch = new Set(batch);
  const rest: number[] = [];
  for (let i = 0; i < bank.images; i++) if (!inBatch.has(i)) rest.push(i);
  if (count > rest.length)
    throw new Error(
      `${count} negatives were asked for, but only ${rest.length} images are outside the batch.`,
    );
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(rest.length - i);
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return rest.slice(0, count);
}

/** m_I ← normalise((1 − μ)·m_I + μ·z_I) for each image of the batch; z [batch, dim] normalised. */
export function updateBank(
  bank: ImageBank,
  indices: readonly number[],
  z: Float32Array,
  momentum = 0.5,
): void {
  const { dim, entries } = bank;
  indices.forEach((index, r) => {
    checkIndex(bank, index);
    for (let j = 0; j < dim; j++)
      entries[index * dim + j] = (1 - momentum) * entries[index * dim + j]! + momentum * z[r * dim + j]!;
    normalizeRow(entries, index, dim);
  });
}
