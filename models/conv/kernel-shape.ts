/**
 * How much a kernel looks like a centre-surround (the lecture's one-filter result), measured on
 * its radial profile about its own centre, so a blob learned off the middle still counts:
 *
 *   centre c = Σ p·K(p)² / Σ K(p)²                      (energy centroid)
 *   K̄(r)     = mean of K(p) over the pixels with round(|p − c|) = r
 *   isotropy = 1 − Σ (K(p) − K̄(r(p)))² / Σ K(p)²        (1: a function of the radius alone)
 *   centre value   = K̄ over r ≤ 1,   surround value = K̄ over 2 ≤ r ≤ 4
 *
 * A centre-surround is isotropic with centre and surround of opposite signs; an edge or a
 * grating has isotropy near 0.
 */

export interface KernelShape {
  /** 1 − (energy off the radial profile) / (energy): 1 for a radially symmetric kernel. */
  readonly isotropy: number;
  /** Mean value within one pixel of the centre. */
  readonly centre: number;
  /** Mean value two to four pixels from the centre. */
  readonly surround: number;
  /** The energy centroid (x, y), in pixels from the top-left pixel's centre. */
  readonly at: readonly [number, number];
}

/** The radial shape of a k×k row-major kernel (see the header). */
export function kernelShape(kernel: ArrayLike<number>, k: number): KernelShape {
  if (kernel.length !== k * k)
    throw new Error(`A ${k}×${k} kernel has ${k * k} values, got ${kernel.length}.`);
  let sx = 0;
  let sy = 0;
  let energy = 0;
  for (let p = 0; p < k * k; p++) {
    const w = (kernel[p] as number) ** 2;
    sx += w * (p % k);
    sy += w * Math.floor(p / k);
    energy += w;
  }
  if (energy === 0) return { isotropy: 0, centre: 0, surround: 0, at: [(k - 1) / 2, (k - 1) / 2] };
  const cx = sx / energy;
  const cy = sy / energy;
  // Each pixel's distance from the centroid, rounded to a whole radius (its bin).
  const radii = Array.from({ length: k * k }, (_, p) =>
    Math.round(Math.hypot((p % k) - cx, Math.floor(p / k) - cy)),
  );
  const sums = new Map<number, { sum: number; count: number }>();
  radii.forEach((r, p) => {
    const bin = sums.get(r) ?? { sum: 0, count: 0 };
    bin.sum += kernel[p] as number;
    bin.count += 1;
    sums.set(r, bin);
  });
  let residual = 0;
  radii.forEach((r, p) => {
    const bin = sums.get(r) as { sum: number; count: number };
    residual += ((kernel[p] as number) - bin.sum / bin.count) ** 2;
  });
  const meanOver = (lo: number, hi: number): number => {
    let sum = 0;
    let count = 0;
    for (const [r, bin] of sums) {
      if (r >= lo && r <= hi) {
        sum += bin.sum;
        count += bin.count;
      }
    }
    return count ? sum / count : 0;
  };
  return { isotropy: 1 - residual / energy, centre: meanOver(0, 1), surround: meanOver(2, 4), at: [cx, cy] };
}
