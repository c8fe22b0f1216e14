/**
 * Geometry of the augmentations on a square grey image (side n, pixels in [0, 1], row-major).
 * Coordinates are centred: pixel (col, row) sits at (col − (n−1)/2, row − (n−1)/2).
 *
 * Every geometric augmentation composes into one map from an output point o to the source
 * point q that it shows, q = M·(o + d(o)) + m, with
 *
 *   crop window:  centre c, relative size (f_w, f_h)    → p = c + diag(f_w, f_h)·o
 *   zoom z, rotation θ, shift t of the content           → q = R(−θ)·(p − t) / z
 *   elastic field d (Simard, Steinkraus & Platt 2003)    → o replaced by o + d(o)
 *
 * and the image is sampled once, bilinearly, with zeros outside (warpImage).
 */

/** q = M·o + m: M = [[a, b], [c, d]], m = (tx, ty). */
export interface Affine {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly tx: number;
  readonly ty: number;
}

export const identityAffine: Affine = { a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0 };

export interface Geometry {
  /** Rotation θ of the content, radians. */
  readonly angle: number;
  /** Zoom z of the content (> 0). */
  readonly zoom: number;
  /** Shift t of the content, pixels. */
  readonly shiftX: number;
  readonly shiftY: number;
  /** Crop window: centre (pixels, centred coordinates) and size relative to the image (≤ 1). */
  readonly cropX: number;
  readonly cropY: number;
  readonly cropWidth: number;
  readonly cropHeight: number;
}

/** The map q = R(−θ)·(c + diag(f_w, f_h)·o − t) / z as M and m. */
export function geometryAffine(g: Geometry): Affine {
  const cos = Math.cos(g.angle) / g.zoom;
  const sin = Math.sin(g.angle) / g.zoom;
  // R(−θ) = [[cos, sin], [−sin, cos]]
  const px = g.cropX - g.shiftX;
  const py = g.cropY - g.shiftY;
  return {
    a: cos * g.cropWidth,
    b: sin * g.cropHeight,
    c: -sin * g.cropWidth,
    d: cos * g.cropHeight,
    tx: cos * px + sin * py,
    ty: -sin * px + cos * py,
  };
}

/** src[row·n + col], or 0 outside the image. */
function pixel(src: Float32Array, n: number, col: number, row: number): number {
  return col < 0 || row < 0 || col >= n || row >= n ? 0 : (src[row * n + col] as number);
}

/** Bilinear sample of `src` [n·n] at source pixel coordinates (x, y); zero outside. */
function bilinear(src: Float32Array, n: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  if (x0 >= 0 && y0 >= 0 && x0 < n - 1 && y0 < n - 1) {
    const i = y0 * n + x0; // all four neighbours inside
    const top = (src[i] as number) * (1 - fx) + (src[i + 1] as number) * fx;
    const bottom = (src[i + n] as number) * (1 - fx) + (src[i + n + 1] as number) * fx;
    return top * (1 - fy) + bottom * fy;
  }
  const top = pixel(src, n, x0, y0) * (1 - fx) + pixel(src, n, x0 + 1, y0) * fx;
  const bottom = pixel(src, n, x0, y0 + 1) * (1 - fx) + pixel(src, n, x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * out[o] = src(M·(o + d(o)) + m), bilinear, clamped to [0, 1]. `field` holds the elastic
 * displacements (dx [n·n] then dy [n·n]) or is null.
 */
export function warpImage(
  src: Float32Array,
  n: number,
  affine: Affine,
  field: Float32Array | null,
  out: Float32Array,
): Float32Array {
  const half = (n - 1) / 2;
  const { a, b, c, d, tx, ty } = affine;
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const i = row * n + col;
      let ox = col - half;
      let oy = row - half;
      if (field !== null) {
        ox += field[i] as number;
        oy += field[n * n + i] as number;
      }
      const value = bilinear(src, n, a * ox + b * oy + tx + half, c * ox + d * oy + ty + half);
      out[i] = value < 0 ? 0 : value > 1 ? 1 : value;
    }
  }
  return out;
}

/** A normalised 1-D Gaussian kernel of standard deviation σ, radius ⌈3σ⌉. */
function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.ceil(3 * sigma);
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] = (k[i] as number) / sum;
  return k;
}

/**
 * One pass of the 1-D blur along the rows of two interleaved n×n planes (zero outside), written
 * transposed: to[2(t·n + r) + q] = Σ_j k[j]·from[2(r·n + t + j) + q] for planes q = 0, 1. Two
 * passes blur rows, then columns, and leave the planes the right way round; both read memory
 * in order, and one loop serves both planes (the hot loop of the augmentations).
 */
function blurRowsTransposed(from: Float64Array, to: Float64Array, n: number, kernel: Float64Array): void {
  const radius = (kernel.length - 1) >> 1;
  for (let r = 0; r < n; r++) {
    const base = r * n;
    for (let t = 0; t < n; t++) {
      const lo = t < radius ? -t : -radius;
      const hi = n - 1 - t < radius ? n - 1 - t : radius;
      const at = 2 * (base + t);
      let s0 = 0;
      let s1 = 0;
      for (let j = lo; j <= hi; j++) {
        const w = kernel[radius + j] as number;
        s0 += w * (from[at + 2 * j] as number);
        s1 += w * (from[at + 2 * j + 1] as number);
      }
      const out = 2 * (t * n + r);
      to[out] = s0;
      to[out + 1] = s1;
    }
  }
}

const kernels = new Map<number, Float64Array>();

/** The Gaussian kernel of σ, made once. */
function kernelOf(sigma: number): Float64Array {
  let k = kernels.get(sigma);
  if (!k) {
    k = gaussianKernel(sigma);
    kernels.set(sigma, k);
  }
  return k;
}

/**
 * Simard's elastic field: uniform noise in [−1, 1] per pixel and axis, blurred by a Gaussian
 * of σ pixels, scaled so that the displacement's RMS length is `rms` pixels. [2·n·n]: dx, dy.
 */
export function elasticField(n: number, rms: number, sigma: number, uniform: () => number): Float32Array {
  const kernel = kernelOf(sigma);
  const planes = new Float64Array(2 * n * n); // dx, dy interleaved
  for (let i = 0; i < n * n; i++) {
    planes[2 * i] = 2 * uniform() - 1;
    planes[2 * i + 1] = 2 * uniform() - 1;
  }
  const tmp = new Float64Array(2 * n * n);
  blurRowsTransposed(planes, tmp, n, kernel); // rows
  blurRowsTransposed(tmp, planes, n, kernel); // columns
  let power = 0;
  for (let i = 0; i < 2 * n * n; i++) power += (planes[i] as number) ** 2;
  const gain = power > 0 ? rms / Math.sqrt(power / (n * n)) : 0;
  const field = new Float32Array(2 * n * n);
  for (let i = 0; i < n * n; i++) {
    field[i] = (planes[2 * i] as number) * gain;
    field[n * n + i] = (planes[2 * i + 1] as number) * gain;
  }
  return field;
}
