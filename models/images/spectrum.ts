/**
 * The radially averaged power spectrum of an image and its log-log slope: the measure of
 * "natural-like" (natural images have P(f) ∝ 1/f^(2−η) with η ≈ 0 … 0.3; Field 1987,
 * van der Schaaf & van Hateren 1996) and of how flat whitening leaves it.
 *
 *   P(fx, fy) = |F{w · (x − mean)}|²,   w a 2-D Hann window (cuts the wrap-around edges
 *                                      whose cross would add its own 1/f² streaks)
 *   P(f) = mean of P over the ring |f| ∈ [f − Δ/2, f + Δ/2),  Δ = 1/size cycles/pixel
 *   slope = least-squares slope of log P(f) against log f over [fMin, fMax]
 * Frequencies are in cycles per pixel (Nyquist = 0.5). Sizes must be powers of two.
 */
import { binFrequency, fft2d } from './fft.js';
import type { GreyImage } from './image.js';

export interface RadialSpectrum {
  /** [bins] ring centres in cycles/pixel: 1/size, 2/size, … up to Nyquist. */
  readonly frequency: Float64Array;
  /** [bins] mean power in each ring. */
  readonly power: Float64Array;
}

/** The complex 2-D spectrum of a mean-removed, optionally Hann-windowed image. */
function imageSpectrum(image: GreyImage, hann: boolean): { re: Float64Array; im: Float64Array } {
  const { width, height, pixels } = image;
  let mean = 0;
  for (const v of pixels) mean += v;
  mean /= pixels.length;
  const re = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const wy = hann ? 0.5 - 0.5 * Math.cos((2 * Math.PI * y) / height) : 1;
    for (let x = 0; x < width; x++) {
      const wx = hann ? 0.5 - 0.5 * Math.cos((2 * Math.PI * x) / width) : 1;
      re[y * width + x] = wy * wx * ((pixels[y * width + x] as number) - mean);
    }
  }
  const im = new Float64Array(width * height);
  fft2d(re, im, height, width);
  return { re, im };
}

export function radialPowerSpectrum(image: GreyImage, options: { hann?: boolean } = {}): RadialSpectrum {
  const { width, height } = image;
  const { re, im } = imageSpectrum(image, options.hann ?? true);
  const size = Math.max(width, height);
  const bins = Math.floor(size / 2);
  const sum = new Float64Array(bins + 1);
  const count = new Float64Array(bins + 1);
  for (let ky = 0; ky < height; ky++) {
    const fy = binFrequency(ky, height);
    for (let kx = 0; kx < width; kx++) {
      const fx = binFrequency(kx, width);
      const ring = Math.round(Math.hypot(fx, fy) * size);
      if (ring < 1 || ring > bins) continue;
      const i = ky * width + kx;
      sum[ring] = (sum[ring] as number) + (re[i] as number) ** 2 + (im[i] as number) ** 2;
      count[ring] = (count[ring] as number) + 1;
    }
  }
  const frequency = new Float64Array(bins);
  const power = new Float64Array(bins);
  for (let r = 1; r <= bins; r++) {
    frequency[r - 1] = r / size;
    power[r - 1] = (sum[r] as number) / Math.max(count[r] as number, 1);
  }
  return { frequency, power };
}

/** Least-squares slope of log P against log f for rings with fMin ≤ f ≤ fMax and P > 0. */
export function logLogSlope(spectrum: RadialSpectrum, fMin: number, fMax: number): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  spectrum.frequency.forEach((f, i) => {
    const p = spectrum.power[i] as number;
    if (f < fMin || f > fMax || !(p > 0)) return;
    const lx = Math.log(f);
    const ly = Math.log(p);
    n++;
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
  });
  if (n < 2) throw new Error(`logLogSlope: fewer than two rings between ${fMin} and ${fMax} cycles/pixel.`);
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}
