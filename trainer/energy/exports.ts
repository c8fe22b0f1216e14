/**
 * The last landscape of an energy run as files numpy loads (issue 12): exports/landscape.npy
 * (float32 [rows, cols], row 0 at the top (yMax), column 0 at xMin; cell centres), exports/data.npy (float32 [n, 2], the
 * training points) and exports/landscape.json (the extent and what the grid shows), written when
 * the run ends (completed or stopped):
 *
 *   E = np.load('landscape.npy'); meta = json.load(open('landscape.json'))
 *   plt.imshow(E, origin='upper', extent=[meta['xMin'], meta['xMax'], meta['yMin'], meta['yMax']])
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArraysEvent } from '../../protocol/messages.js';
import { encodeNpy } from '../../protocol/npy.js';
import { writeFilesAtomic } from '../atomic-write.js';

export const LANDSCAPE_FILES = ['landscape.npy', 'data.npy', 'landscape.json'] as const;

/** Writes the three files of a landscape event; returns their paths. */
export async function writeLandscapeExports(runDir: string, view: ArraysEvent): Promise<string[]> {
  const energy = view.arrays.energy as Float32Array;
  const points = view.arrays.data as Float32Array;
  const [rows, cols] = view.shapes.energy as [number, number];
  const dir = join(runDir, 'exports');
  await mkdir(dir, { recursive: true });
  const files = LANDSCAPE_FILES.map((name) => join(dir, name));
  const meta = { rows, cols, step: view.step, origin: 'upper', ...view.info };
  await writeFilesAtomic([
    [files[0]!, encodeNpy(energy, [rows, cols])],
    [files[1]!, encodeNpy(points, [points.length / 2, 2])],
    [files[2]!, `${JSON.stringify(meta, null, 2)}\n`],
  ]);
  return files;
}
