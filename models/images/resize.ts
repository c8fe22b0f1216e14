/**
 * Downscaling by area averaging (a box filter matched to the scale): output pixel (i, j)
 * is the mean of the input over the rectangle it covers, with partial pixels weighted by
 * their overlap. Separable: rows first, then columns. No aliasing beyond the box's own, and
 * exact for integer factors (2×2 → 1 is the plain mean).
 */
import { createGreyImage, type GreyImage } from './image.js';

/** Weights of an n → m (m ≤ n) area resampling: for each output, [start index, weights…]. */
function areaWeights(n: number, m: number): { start: number; weights: number[] }[] {
  const scale = n / m;
  return Array.from({ length: m }, (_, i) => {
    const lo = i * scale;
    const hi = (i + 1) * scale;
    const start = Math.floor(lo);
    const weights: number[] = [];
    for (let k = start; k < Math.min(Math.ceil(hi), n); k++) {
      weights.push((Math.min(hi, k + 1) - Math.max(lo, k)) / scale);
    }
    return { start, weights };
  });
}

/** The image resampled to outWidth×outHeight (each ≤ the input's) by area averaging. */
export function downscale(image: GreyImage, outWidth: number, outHeight: number): GreyImage {
  const { width, height, pixels } = image;
  if (outWidth > width || outHeight > height || outWidth < 1 || outHeight < 1) {
    throw new Error(`downscale: cannot resample ${width}×${height} to ${outWidth}×${outHeight}.`);
  }
  const cols = areaWeights(width, outWidth);
  const rows = areaWeights(height, outHeight);
  const mid = new Float32Array(outWidth * height); // [height, outWidth]
  for (let y = 0; y < height; y++) {
    cols.forEach(({ start, weights }, x) => {
      let s = 0;
      weights.forEach((w, k) => (s += w * (pixels[y * width + start + k] as number)));
      mid[y * outWidth + x] = s;
    });
  }
  const out = new Float32Array(outWidth * outHeight); // [outHeight, outWidth]
  rows.forEach(({ start, weights }, y) => {
    for (let x = 0; x < outWidth; x++) {
      let s = 0;
      weights.forEach((w, k) => (s += w * (mid[(start + k) * outWidth + x] as number)));
      out[y * outWidth + x] = s;
    }
  });
  return createGreyImage(outWidth, outHeight, out);
}

/** The image shrunk (aspect kept) so that its long side is at most maxSide; unchanged if it already is. */
export function fitLongSide(image: GreyImage, maxSide: number): GreyImage {
  const long = Math.max(image.width, image.height);
  if (!(maxSide >= 1)) throw new Error(`The longest side must be at least 1 pixel; got ${maxSide}.`);
  if (long <= maxSide) return image;
  const factor = maxSide / long;
  const w = Math.max(1, Math.round(image.width * factor));
  const h = Math.max(1, Math.round(image.height * factor));
  return downscale(image, Math.min(w, maxSide), Math.min(h, maxSide));
}
