/**
 * Kernels in the frequency domain, in plain TypeScript (wasm has no FFT kernels):
 *
 *   P(ω) = |K̂(ω)|²,  K̂ the 2-D DFT of the mean-removed k×k kernel zero-padded to N×N
 *          (N the smallest power of two ≥ 4k, so the continuous spectrum is finely sampled).
 *
 * Orientation: θ(ω) = atan2(ω_y, ω_x) taken modulo π. The orientation concentration is the
 * length of the doubled-angle resultant (the circular statistics of axial data, Mardia &
 * Jupp 2000, §9.3.1):
 *
 *   c = |Σ_ω P(ω)·e^{2iθ(ω)}| / Σ_ω P(ω) ∈ [0, 1],   θ̄ = ½·arg Σ_ω P(ω)·e^{2iθ(ω)}
 *
 * c = 1 for a kernel that varies along one direction only (an infinite grating), 0 for an
 * isotropic one (a centre-surround). The kernel's square support leaks energy along the axes,
 * so even an ideal 9×9 step edge scores c ≈ 0.55 when vertical or horizontal and ≈ 0.45 at 45°,
 * while Gaussian random 9×9 kernels score a median of 0.12 (99th percentile 0.29; 7×7: 0.14,
 * 0.37). `window` multiplies the kernel by a radial Hann window first: no axis bias (an edge
 * scores 0.60 at every angle), but random kernels then score higher (median 0.19, p99 0.49). θ̄ is the direction across the stripes (the frequency
 * direction): 0 for a vertical edge (varying along x), π/2 for a horizontal one.
 *
 * Lipschitz constant of the decoder Z ↦ Σᵢ Kᵢ ∗ Zᵢ: on the whole plane its operator norm²
 * is max_ω Σᵢ |K̂ᵢ(ω)|² (Parseval); a 'same' crop can only lower it. Sampled on the N×N
 * grid, the maximum is raised by a 10 % margin to cover the peaks between samples.
 */
import { fft2d, nextPowerOfTwo } from '../images/fft.js';

export interface KernelOrientation {
  /** θ̄ in [0, π): the dominant frequency direction (stripes run perpendicular to it). */
  readonly angle: number;
  /** c in [0, 1]: how much of the spectral energy lies along θ̄. */
  readonly concentration: number;
  /** Spectral energy per orientation bin over [0, π), summing to 1 (zeros for a flat kernel). */
  readonly histogram: Float64Array;
}

/** The grid side N used for a k×k kernel. */
export function spectrumSize(k: number): number {
  return nextPowerOfTwo(4 * k);
}

/** P(ω) [N, N] (row-major, bin (ky, kx)) of a k×k kernel, optionally with its mean removed. */
export function kernelPowerSpectrum(
  kernel: ArrayLike<number>,
  k: number,
  { removeMean = true, window = false }: { removeMean?: boolean; window?: boolean } = {},
): Float64Array {
  if (kernel.length !== k * k)
    throw new Error(`a ${k}×${k} kernel needs ${k * k} values, got ${kernel.length}`);
  const size = spectrumSize(k);
  let mean = 0;
  if (removeMean) {
    for (let i = 0; i < k * k; i++) mean += kernel[i] as number;
    mean /= k * k;
  }
  const re = new Float64Array(size * size);
  const im = new Float64Array(size * size);
  const c = (k - 1) / 2;
  const radius = k / 2 + 0.5;
  for (let y = 0; y < k; y++) {
    for (let x = 0; x < k; x++) {
      const r = Math.hypot(x - c, y - c);
      const w = window ? 0.5 + 0.5 * Math.cos((Math.PI * Math.min(r, radius)) / radius) : 1;
      re[y * size + x] = w * ((kernel[y * k + x] as number) - mean);
    }
  }
  fft2d(re, im, size, size);
  return re.map((r, i) => r * r + (im[i] as number) ** 2);
}

/** θ̄, c and the orientation histogram (`bins` bins over [0, π)) of a k×k kernel. */
export function kernelOrientation(
  kernel: ArrayLike<number>,
  k: number,
  { bins = 8, window = false }: { bins?: number; window?: boolean } = {},
): KernelOrientation {
  const power = kernelPowerSpectrum(kernel, k, { window });
  const size = spectrumSize(k);
  const histogram = new Float64Array(bins);
  let total = 0;
  let sumCos = 0;
  let sumSin = 0;
  for (let ky = 0; ky < size; ky++) {
    const fy = ky < size / 2 ? ky : ky - size;
    for (let kx = 0; kx < size; kx++) {
      const fx = kx < size / 2 ? kx : kx - size;
      const p = power[ky * size + kx] as number;
      if ((fx === 0 && fy === 0) || p === 0) continue;
      const theta = Math.atan2(fy, fx); // (−π, π]
      total += p;
      sumCos += p * Math.cos(2 * theta);
      sumSin += p * Math.sin(2 * theta);
      const axial = ((theta % Math.PI) + Math.PI) % Math.PI; // [0, π)
      const bin = Math.min(bins - 1, Math.floor((axial / Math.PI) * bins));
      histogram[bin] = (histogram[bin] as number) + p;
    }
  }
  if (total === 0) return { angle: 0, concentration: 0, histogram };
  for (let b = 0; b < bins; b++) histogram[b] = (histogram[b] as number) / total;
  const angle = (((Math.atan2(sumSin, sumCos) / 2) % Math.PI) + Math.PI) % Math.PI;
  return { angle, concentration: Math.hypot(sumCos, sumSin) / total, histogram };
}

/** An upper bound on ‖Z ↦ Σᵢ Kᵢ ∗ Zᵢ‖² for kernels given one k×k array each. */
export function decoderLipschitz(kernels: readonly ArrayLike<number>[], k: number): number {
  const size = spectrumSize(k);
  const sum = new Float64Array(size * size);
  for (const kernel of kernels) {
    const power = kernelPowerSpectrum(kernel, k, { removeMean: false, window: false });
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (power[i] as number);
  }
  let peak = 0;
  for (const v of sum) peak = Math.max(peak, v);
  return 1.1 * peak;
}
