/**
 * A grey image as plain data: row-major pixels, [height, width], usually in [0, 1]
 * (whitened images are zero-mean instead). Shared by the dead-leaves generator, patch
 * extraction, whitening and the photo reader; no tensors, so it crosses process
 * boundaries and files as one Float32Array.
 */

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** [height, width], row-major: pixel (y, x) is pixels[y * width + x]. */
  readonly pixels: Float32Array;
}

export function createGreyImage(width: number, height: number, pixels?: Float32Array): GreyImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`An image must be at least 1×1 pixels with whole sizes; got ${width}×${height}.`);
  }
  const data = pixels ?? new Float32Array(width * height);
  if (data.length !== width * height) {
    throw new Error(`An image of ${width}×${height} needs ${width * height} pixels; got ${data.length}.`);
  }
  return { width, height, pixels: data };
}

/** "W×H", the way every error names an image size. */
export function describeSize(image: { readonly width: number; readonly height: number }): string {
  return `${image.width}×${image.height}`;
}

/**
 * Grey level of 8-bit RGBA pixels in [0, 1] by ITU-R BT.601 luma,
 * Y = 0.299 R + 0.587 G + 0.114 B (what JPEG's YCbCr and most "to grey" tools use).
 * Alpha is ignored: a transparent pixel keeps its colour.
 */
export function rgbaToGrey(rgba: Uint8Array, width: number, height: number): GreyImage {
  const count = width * height;
  if (rgba.length < 4 * count) {
    throw new Error(`RGBA data of ${width}×${height} needs ${4 * count} bytes; got ${rgba.length}.`);
  }
  const pixels = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const r = rgba[4 * i] ?? 0;
    const g = rgba[4 * i + 1] ?? 0;
    const b = rgba[4 * i + 2] ?? 0;
    pixels[i] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
  }
  return createGreyImage(width, height, pixels);
}
