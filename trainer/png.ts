/** PNG files the trainer writes into a run's exports/ (compressed by pngjs). */
import { PNG } from 'pngjs';

/** PNG bytes of an 8-bit grey picture, compressed. */
export function greyPng(width: number, height: number, pixels: Uint8Array): Uint8Array {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(pixels);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}
