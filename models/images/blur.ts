/**
 * Separable Gaussian blur: G_σ(x, y) = g_σ(x)·g_σ(y), g_σ(t) ∝ exp(−t²/2σ²), truncated at
 * ±⌈3σ⌉ and renormalised to sum 1; edges by mirror reflection. Used to anti-alias the
 * dead-leaves discs (its power gain exp(−(2πσf)²) only bends the top of the spectrum).
 */
import { createGreyImage, type GreyImage } from './image.js';

/** The normalised 1-D kernel [2·radius + 1]. */
export function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let t = -radius; t <= radius; t++) {
    const w = Math.exp(-(t * t) / (2 * sigma * sigma));
    kernel[t + radius] = w;
    sum += w;
  }
  return kernel.map((w) => w / sum);
}

function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  let k = i;
  while (k < 0 || k >= n) k = k < 0 ? -k : 2 * (n - 1) - k;
  return k;
}

/** One 1-D pass along x (stepX = 1) or y (stepX = 0) of a [height, width] array. */
function blurPass(
  src: Float32Array,
  width: number,
  height: number,
  kernel: Float64Array,
  alongX: boolean,
): Float32Array {
  const radius = (kernel.length - 1) / 2;
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let t = -radius; t <= radius; t++) {
        const sx = alongX ? reflect(x + t, width) : x;
        const sy = alongX ? y : reflect(y + t, height);
        acc += (kernel[t + radius] as number) * (src[sy * width + sx] as number);
      }
      out[y * width + x] = acc;
    }
  }
  return out;
}

/** The image blurred by a Gaussian of standard deviation `sigma` pixels (σ ≤ 0: a copy). */
export function gaussianBlur(image: GreyImage, sigma: number): GreyImage {
  if (!(sigma > 0)) return createGreyImage(image.width, image.height, image.pixels.slice());
  const kernel = gaussianKernel(sigma);
  const rows = blurPass(image.pixels, image.width, image.height, kernel, true);
  return createGreyImage(image.width, image.height, blurPass(rows, image.width, image.height, kernel, false));
}
