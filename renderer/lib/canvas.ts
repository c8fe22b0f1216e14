/**
 * Drawing helpers shared by the canvas views: a context cleared to the card's background,
 * and a grid of grey images (digits, views) painted at native resolution.
 */
import { paintGreyGrid, type GridLayout, type Rgb } from './images.js';

/** The canvas's 2-D context scaled by `dpr` and cleared to `background`; null while there is none. */
export function clearedContext(
  canvas: HTMLCanvasElement | undefined,
  background: string,
  dpr = 1,
): CanvasRenderingContext2D | null {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width / dpr, canvas.height / dpr);
  return ctx;
}

/** Grey images: `count` images of width × height bytes (0..255), image after image. */
export interface GreyImages {
  readonly pixels: Uint8Array;
  readonly count: number;
  readonly width: number;
  readonly height: number;
}

/** Ink on paper, and the colour between images (the theme's). */
export interface GreyColors {
  readonly ink: Rgb;
  readonly paper: Rgb;
  readonly gap: Rgb;
}

/** Paints `images` as `layout`, `gap` pixels apart, with its top-left corner at (x, y) of `ctx`. */
export function drawGreyGrid(
  ctx: CanvasRenderingContext2D,
  images: GreyImages,
  layout: GridLayout,
  gap: number,
  colors: GreyColors,
  x = 0,
  y = 0,
): void {
  const image = ctx.createImageData(layout.width, layout.height);
  const { pixels, count, width, height } = images;
  paintGreyGrid(pixels, count, width, height, layout, gap, colors.ink, colors.paper, colors.gap, image.data);
  ctx.putImageData(image, x, y);
}

/** Device pixels per CSS pixel for the sharp canvases (at most 2, to bound their memory). */
export const canvasPixelRatio = (): number =>
  typeof devicePixelRatio === 'number' ? Math.min(2, devicePixelRatio) : 1;

/** A canvas's attributes to show width × height CSS pixels drawn with `dpr` device pixels each. */
export const sharpCanvasSize = (width: number, height: number, dpr: number) => ({
  width: Math.round(width * dpr),
  height: Math.round(height * dpr),
  style: `width: ${width}px; height: ${height}px`,
});

/** A canvas's attributes for a picture of width × height image pixels scaled up sharp (app.css .pixels). */
export const pixelCanvas = (width: number, height: number) => ({
  class: 'pixels',
  width,
  height,
  'data-pixelated': '',
  style: `aspect-ratio: ${width} / ${height}`,
});
