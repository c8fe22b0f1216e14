/**
 * Olshausen & Field's whitening of whole images, applied in the frequency domain:
 *
 *   R(f) = f · exp(−(f/f₀)⁴),   f = |(fx, fy)|
 *
 * The factor f flattens the ≈ 1/f amplitude spectrum of natural images; the quartic
 * exponential rolls off the highest frequencies, where noise and aliasing live.
 * Source: Olshausen & Field 1996 (Nature 381) and 1997 (Vision Research 37, "Sparse coding
 * with an overcomplete basis set: a strategy employed by V1?"), f₀ = 200 cycles/picture on
 * their 512×512 images; their sparsenet code (make-your-own-images) sets f_0 = 0.4·N for an
 * N×N image. N/2 cycles/picture is Nyquist, so f₀ = 0.4 cycles/pixel = 0.8 × Nyquist
 * (not 0.4 × Nyquist); that is the default here, in cycles/pixel so it holds for any size.
 *
 * The filter is zero-phase (real, symmetric), so the output is real. Sizes that are not
 * powers of two are mirror-padded to the next power of two, filtered, and cropped back: the
 * FFT treats the picture as periodic, and mirroring keeps most of the wrap-around seam
 * smooth (a faint artefact can remain along the far edges of a padded image).
 * Like sparsenet, the result is rescaled: zero mean and standard deviation `targetStd`.
 */
import { binFrequency, fft2d, nextPowerOfTwo } from './fft.js';
import { createGreyImage, type GreyImage } from './image.js';

/** f₀ of Olshausen & Field in cycles/pixel (0.4·N cycles/picture for an N×N image). */
export const OLSHAUSEN_FIELD_CUTOFF = 0.4;

export interface WhitenOptions {
  /** f₀ in cycles/pixel; default 0.4 (Olshausen & Field). */
  readonly cutoff?: number;
  /** Standard deviation of the whitened image; default 1. */
  readonly targetStd?: number;
}

/** R(f) = f·exp(−(f/f₀)⁴), f and f₀ in the same unit. */
export function olshausenFieldResponse(f: number, f0: number): number {
  return f * Math.exp(-((f / f0) ** 4));
}

/** Mirror index: …2 1 | 0 1 … n−1 | n−2 n−3… (reflection without repeating the edge). */
function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const k = ((i % period) + period) % period;
  return k < n ? k : period - k;
}

/** The image mirror-padded to [ph, pw] in float64 (the real part of an FFT input). */
function padMirror(image: GreyImage, pw: number, ph: number): Float64Array {
  const out = new Float64Array(pw * ph);
  for (let y = 0; y < ph; y++) {
    const sy = mirror(y, image.height);
    for (let x = 0; x < pw; x++) {
      out[y * pw + x] = image.pixels[sy * image.width + mirror(x, image.width)] as number;
    }
  }
  return out;
}

/** The filtered picture (uncropped), in place on the padded real array. */
function filterPadded(re: Float64Array, pw: number, ph: number, f0: number): void {
  const im = new Float64Array(pw * ph);
  fft2d(re, im, ph, pw);
  for (let ky = 0; ky < ph; ky++) {
    const fy = binFrequency(ky, ph);
    for (let kx = 0; kx < pw; kx++) {
      const gain = olshausenFieldResponse(Math.hypot(binFrequency(kx, pw), fy), f0);
      const i = ky * pw + kx;
      re[i] = (re[i] as number) * gain;
      im[i] = (im[i] as number) * gain;
    }
  }
  fft2d(re, im, ph, pw, true);
}

/** Crops [height, width] from the padded picture and rescales to zero mean, std `targetStd`. */
function cropAndScale(
  re: Float64Array,
  pw: number,
  width: number,
  height: number,
  targetStd: number,
): Float32Array {
  let mean = 0;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) mean += re[y * pw + x] as number;
  mean /= width * height;
  let variance = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) variance += ((re[y * pw + x] as number) - mean) ** 2;
  const std = Math.sqrt(variance / (width * height));
  const scale = std > 0 ? targetStd / std : 0;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) out[y * width + x] = ((re[y * pw + x] as number) - mean) * scale;
  return out;
}

/** One image whitened by R(f); the same size as the input. */
export function whitenImage(image: GreyImage, options: WhitenOptions = {}): GreyImage {
  const f0 = options.cutoff ?? OLSHAUSEN_FIELD_CUTOFF;
  const targetStd = options.targetStd ?? 1;
  if (!(f0 > 0)) throw new Error(`The whitening cut-off f₀ must be > 0 cycles/pixel; got ${f0}.`);
  const pw = nextPowerOfTwo(image.width);
  const ph = nextPowerOfTwo(image.height);
  const re = padMirror(image, pw, ph); // [ph, pw]
  filterPadded(re, pw, ph, f0);
  const pixels = cropAndScale(re, pw, image.width, image.height, targetStd);
  return createGreyImage(image.width, image.height, pixels);
}

export function whitenImages(images: readonly GreyImage[], options: WhitenOptions = {}): GreyImage[] {
  return images.map((image) => whitenImage(image, options));
}
