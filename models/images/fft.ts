/**
 * The discrete Fourier transform in plain TypeScript (TensorFlow.js's wasm backend has no
 * FFT kernels). Iterative radix-2 Cooley–Tukey, decimation in time
 * (Cooley & Tukey 1965; Press et al., Numerical Recipes §12.2):
 *
 *   X[k] = Σₙ x[n] · exp(∓2πi·kn/N),   N a power of two
 *
 * bit-reversal permutation, then log₂N passes of butterflies
 *   (a, b) ← (a + w·b, a − w·b),  w = exp(∓2πi·j/len).
 * The inverse uses the + sign and divides by N, so ifft(fft(x)) = x.
 * 2-D transforms run the 1-D one over rows, then columns; sizes must be powers of two
 * (callers pad: see whiten.ts). Double precision, in place on separate re/im arrays.
 */

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function requirePowerOfTwo(n: number, what: string): void {
  if (!isPowerOfTwo(n)) throw new Error(`FFT: ${what} ${n} is not a power of two.`);
}

/** Swaps entries into bit-reversed index order. */
function bitReverse(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i] as number;
      re[i] = re[j] as number;
      re[j] = tr;
      const ti = im[i] as number;
      im[i] = im[j] as number;
      im[j] = ti;
    }
  }
}

/** In-place 1-D FFT of length N = re.length (a power of two); `inverse` includes the 1/N. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  requirePowerOfTwo(n, 'length');
  if (im.length !== n) throw new Error(`FFT: real part has ${n} values, imaginary part ${im.length}.`);
  bitReverse(re, im);
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len *= 2) {
    const half = len / 2;
    const angle = (sign * 2 * Math.PI) / len;
    for (let j = 0; j < half; j++) {
      const wr = Math.cos(angle * j);
      const wi = Math.sin(angle * j);
      for (let start = 0; start < n; start += len) {
        const a = start + j;
        const b = a + half;
        const br = re[b] as number;
        const bi = im[b] as number;
        const tr = wr * br - wi * bi; // w·b
        const ti = wr * bi + wi * br;
        const ar = re[a] as number;
        const ai = im[a] as number;
        re[a] = ar + tr;
        im[a] = ai + ti;
        re[b] = ar - tr;
        im[b] = ai - ti;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) / n;
      im[i] = (im[i] as number) / n;
    }
  }
}

/** In-place 2-D FFT of a row-major [height, width] complex array; both sizes powers of two. */
export function fft2d(
  re: Float64Array,
  im: Float64Array,
  height: number,
  width: number,
  inverse = false,
): void {
  requirePowerOfTwo(width, 'width');
  requirePowerOfTwo(height, 'height');
  if (re.length !== width * height || im.length !== width * height) {
    throw new Error(`FFT: a ${width}×${height} transform needs ${width * height} values per part.`);
  }
  const rowRe = new Float64Array(width);
  const rowIm = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    rowRe.set(re.subarray(y * width, (y + 1) * width));
    rowIm.set(im.subarray(y * width, (y + 1) * width));
    fft(rowRe, rowIm, inverse);
    re.set(rowRe, y * width);
    im.set(rowIm, y * width);
  }
  const colRe = new Float64Array(height);
  const colIm = new Float64Array(height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      colRe[y] = re[y * width + x] as number;
      colIm[y] = im[y * width + x] as number;
    }
    fft(colRe, colIm, inverse);
    for (let y = 0; y < height; y++) {
      re[y * width + x] = colRe[y] as number;
      im[y * width + x] = colIm[y] as number;
    }
  }
}

/** Signed frequency of DFT bin k of an N-point transform, in cycles per sample: k/N or (k − N)/N. */
export function binFrequency(k: number, n: number): number {
  return (k < n / 2 ? k : k - n) / n;
}
