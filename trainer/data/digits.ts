/**
 * A set of grey images with labels, as the trainer holds them: pixels in [0, 1], row-major,
 * image after image ([count, height·width]); one label per image.
 */
export interface Digits {
  readonly count: number;
  readonly width: number;
  readonly height: number;
  /** [count, height·width], values in [0, 1]. */
  readonly pixels: Float32Array;
  /** [count] */
  readonly labels: Uint8Array;
}

/** The training and test digits of a run. */
export interface DataSplit {
  readonly train: Digits;
  readonly test: Digits;
  /** Where they came from, in words (for the log). */
  readonly description: string;
}

/** The images `indices` of `digits`, in that order. */
export function pickDigits(digits: Digits, indices: ArrayLike<number>): Digits {
  const size = digits.width * digits.height;
  const pixels = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] as number;
    pixels.set(digits.pixels.subarray(from * size, (from + 1) * size), i * size);
    labels[i] = digits.labels[from] as number;
  }
  return { count: indices.length, width: digits.width, height: digits.height, pixels, labels };
}

/** The first `n` digits (a view, no copy). */
export function firstDigits(digits: Digits, n: number): Digits {
  const count = Math.min(n, digits.count);
  const size = digits.width * digits.height;
  return {
    count,
    width: digits.width,
    height: digits.height,
    pixels: digits.pixels.subarray(0, count * size),
    labels: digits.labels.subarray(0, count),
  };
}

/** Pixels in [0, 1] → bytes 0..255 (for images sent to the renderer). */
export function toBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255);
  }
  return out;
}
