/**
 * Filter pictures in the window (protocol/filter-picture.ts gives the layout and contrast):
 * the atoms of an `arrays` view as a FilterSet, a grey picture painted on a canvas, and the
 * PNG of it (canvas.toBlob compresses); the SVG comes from protocol/filter-picture.ts as is.
 */
import type { FilterSet, GreyPicture } from '../../protocol/filter-picture.js';
import type { ArraysEvent } from '../../protocol/messages.js';
import { canvasToPng } from './export.js';

/** The filters of an arrays view: `key` of shape [count, height, width]. */
export function filterSetOf(event: ArraysEvent, key = 'atoms'): FilterSet | null {
  const values = event.arrays[key];
  const shape = event.shapes[key];
  if (!(values instanceof Float32Array) || !shape || shape.length !== 3) return null;
  const [count, height, width] = shape as [number, number, number];
  return { values, count, height, width };
}

/** Paints a grey picture onto `canvas` at its own size (1 canvas pixel per picture pixel). */
export function paintPicture(canvas: HTMLCanvasElement, picture: GreyPicture): void {
  canvas.width = picture.width;
  canvas.height = picture.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(picture.width, picture.height);
  for (let i = 0; i < picture.pixels.length; i++) {
    const g = picture.pixels[i] as number;
    image.data[4 * i] = g;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = g;
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

export function picturePng(picture: GreyPicture): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  paintPicture(canvas, picture);
  return canvasToPng(canvas);
}
