/**
 * Measuring a model on a set of digits: the per-sample losses at z = μ (no sampling), as
 * the notebook's test loop, in batches so memory stays bounded; and the fixed digits shown
 * as originals and reconstructions.
 */
import type { VaeLosses, VaeModel } from '../../models/vae/vae-api.js';
import { pickDigits, type Digits } from '../data/digits.js';

/** Per-sample means of recon, kl and total over all of `digits`. */
export async function evaluateDigits(
  model: VaeModel,
  digits: Digits,
  beta: number,
  batch = 500,
): Promise<VaeLosses> {
  const sums = { recon: 0, kl: 0, total: 0 };
  const size = digits.width * digits.height;
  for (let from = 0; from < digits.count; from += batch) {
    const n = Math.min(batch, digits.count - from);
    const losses = await model.evaluate(digits.pixels.subarray(from * size, (from + n) * size), beta); // [n, 784]
    sums.recon += losses.recon * n;
    sums.kl += losses.kl * n;
    sums.total += losses.total * n;
  }
  const n = digits.count;
  return { recon: sums.recon / n, kl: sums.kl / n, total: sums.total / n };
}

/** Up to 16 test digits, one of each class first, as the notebook's comparison grid. */
export function chooseShown(digits: Digits, count = 16): Digits {
  const byLabel = new Map<number, number[]>();
  digits.labels.forEach((label, i) => {
    const list = byLabel.get(label) ?? [];
    list.push(i);
    byLabel.set(label, list);
  });
  const groups = [...byLabel.entries()].sort(([a], [b]) => a - b).map(([, list]) => list);
  const chosen: number[] = [];
  for (let round = 0; chosen.length < Math.min(count, digits.count); round++) {
    for (const list of groups) {
      const i = list[round];
      if (i !== undefined && chosen.length < count) chosen.push(i);
    }
  }
  return pickDigits(digits, chosen);
}
