/**
 * Exports: a view as PNG (canvas → toBlob; SVG charts serialised with their computed styles
 * inlined, loaded as an image and drawn onto a canvas), metrics as CSV. Every export is
 * downloaded by the browser and a copy is sent to the run folder (save-export).
 */

import { PRINT_LONG_SIDE } from '../../protocol/filter-picture.js';

/** Device pixels per CSS pixel of an exported view: 2, or more until the long side is printable. */
export function printScale(width: number, height: number): number {
  const long = Math.max(width, height, 1);
  return Math.max(2, Math.ceil(PRINT_LONG_SIDE / long));
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Style properties an SVG needs to look the same outside the page's style sheets. */
const SVG_STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/** A standalone copy of `svg` with each element's computed style written inline. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((el, i) => {
    const out = target[i] as SVGElement | HTMLElement | undefined;
    if (!out) return;
    const style = getComputedStyle(el);
    const inline = SVG_STYLE_PROPS.map((p) => {
      const v = style.getPropertyValue(p);
      return v ? `${p}:${v}` : '';
    })
      .filter(Boolean)
      .join(';');
    if (inline) out.setAttribute('style', inline);
  });
  const box = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('could not rasterise the SVG'));
    img.src = src;
  });
}

/**
 * Rasterises a view: its canvases and SVGs, stacked in document order at their on-screen
 * positions, over the background colour, at `scale` × CSS pixels (by default 2×, more for a
 * small view, so that the long side reaches PRINT_LONG_SIDE: printable).
 */
export async function rasterizeView(
  root: HTMLElement,
  background: string,
  scale?: number,
): Promise<HTMLCanvasElement> {
  const box = root.getBoundingClientRect();
  scale ??= printScale(box.width, box.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(box.width * scale));
  canvas.height = Math.max(1, Math.round(box.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas context');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  for (const layer of root.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg')) {
    if (layer.closest('[data-export-skip]')) continue;
    const r = layer.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const x = r.left - box.left;
    const y = r.top - box.top;
    if (layer instanceof HTMLCanvasElement) {
      ctx.imageSmoothingEnabled = layer.dataset.pixelated === undefined;
      ctx.drawImage(layer, x, y, r.width, r.height);
    } else {
      const url = URL.createObjectURL(new Blob([standaloneSvg(layer)], { type: 'image/svg+xml' }));
      try {
        ctx.drawImage(await loadImage(url), x, y, r.width, r.height);
      } finally {
        URL.revokeObjectURL(url);
      }
    }
  }
  return canvas;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) return reject(new Error('the canvas could not be encoded as PNG'));
      blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
    }, 'image/png');
  });
}

/** Lets the browser download `bytes` as `name`. */
export function downloadBytes(name: string, bytes: Uint8Array, mime: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A bare, safe export file name: letters, digits, '-', '_', '.', as the host requires. */
export function exportName(base: string, extension: 'png' | 'csv' | 'svg' | 'json' | 'npy'): string {
  const slug =
    base
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|-+$/g, '') || 'export';
  return `${slug}.${extension}`;
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}
