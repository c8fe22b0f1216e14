/**
 * The convolutional lab's kernel pictures in the window: rows of kernels from the trainer's
 * 'kernels' and 'sweep' views, painted on a canvas with the layout of protocol/conv-picture.ts
 * (so the PNG and SVG saved from it look the same), and PNG bytes of a picture.
 */
import {
  kernelPanelPicture,
  kernelPanelPrintOptions,
  type KernelPanelOptions,
  type KernelRow,
} from '../../../protocol/conv/picture.js';
import type { ArraysEvent } from '../../../protocol/messages.js';
import { t } from '../../lib/i18n/translate.js';
import { canvasToPng } from '../../lib/export.js';
import { paintPicture } from '../../lib/filter-picture.js';

const floats = (event: ArraysEvent, name: string): Float32Array | null => {
  const a = event.arrays[name];
  return a instanceof Float32Array ? a : null;
};

/** The kernel side k of a view ([n, k, k] arrays). */
export const kernelSideOf = (event: ArraysEvent): number => event.shapes.decoder?.[1] ?? 0;

/** One row (the current model) from a 'kernels' view. */
export function kernelRowsOf(event: ArraysEvent | null): KernelRow[] {
  if (!event) return [];
  const encoder = floats(event, 'encoder');
  const decoder = floats(event, 'decoder');
  const count = event.shapes.decoder?.[0] ?? 0;
  if (!encoder || !decoder || !count) return [];
  return [{ label: `n = ${count}`, count, encoder, decoder }];
}

/** One row per finished model from a 'sweep' view. */
export function sweepRowsOf(event: ArraysEvent | null): KernelRow[] {
  if (!event) return [];
  const counts = floats(event, 'counts');
  const encoder = floats(event, 'encoder');
  const decoder = floats(event, 'decoder');
  const k = kernelSideOf(event);
  if (!counts || !encoder || !decoder || !k) return [];
  const rows: KernelRow[] = [];
  let at = 0;
  for (const c of counts) {
    const size = c * k * k;
    rows.push({
      label: `n = ${c}`,
      count: c,
      encoder: encoder.subarray(at, at + size),
      decoder: decoder.subarray(at, at + size),
    });
    at += size;
  }
  return rows;
}

/** The panels' headings in the window's language (the picture on screen, the PNG and SVG saved from it). */
export const kernelHeadings = (): NonNullable<KernelPanelOptions['headings']> => ({
  encoder: t('conv.picture.encoder'),
  decoder: t('conv.picture.decoder'),
});

/** PNG bytes of the rows' picture (the exported look: white paper, black labels), printable: ≥ 1,000 px. */
export async function kernelPanelPng(
  rows: readonly KernelRow[],
  k: number,
  options: KernelPanelOptions = {},
): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  const worded = { headings: kernelHeadings(), ...options };
  paintPicture(canvas, kernelPanelPicture(rows, k, kernelPanelPrintOptions(rows, k, worded)));
  return canvasToPng(canvas);
}
