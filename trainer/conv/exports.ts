/**
 * The kernels as files in the run folder's exports/ (issue 4, "Saving filter visualizations"):
 * kernels.png / kernels.svg (the last model's encoder and decoder side by side) and, for a
 * sweep, sweep.png / sweep.svg (one row per n). The layout is protocol/conv-picture.ts, the
 * one the screen shows; the PNG, scaled up to at least 1,000 px on its long side, is compressed
 * by pngjs. Each file is written to a temporary name and renamed (trainer/atomic-write.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { greyPng } from '../png.js';
import {
  kernelPanelPicture,
  kernelPanelPrintOptions,
  kernelPanelSvg,
  type KernelRow,
} from '../../protocol/conv/picture.js';

/** Writes `<name>.png` and `<name>.svg` of the rows; returns their paths. */
export async function writeKernelExports(
  runDir: string,
  name: 'kernels' | 'sweep',
  rows: readonly KernelRow[],
  k: number,
  title: string,
): Promise<string[]> {
  const dir = join(runDir, 'exports');
  await mkdir(dir, { recursive: true });
  const picture = kernelPanelPicture(rows, k, kernelPanelPrintOptions(rows, k)); // ≥ 1,000 px: printable
  const png = join(dir, `${name}.png`);
  const svg = join(dir, `${name}.svg`);
  await writeFileAtomic(png, greyPng(picture.width, picture.height, picture.pixels));
  await writeFileAtomic(svg, kernelPanelSvg(rows, k, { title }));
  return [png, svg];
}
