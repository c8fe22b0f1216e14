/**
 * The dictionary as files in the run folder's exports/: dictionary.png and dictionary.svg
 * (protocol/filter-picture.ts: the layout and contrast the screen shows; the PNG scaled up to at
 * least 1,000 px on its long side and compressed by pngjs) and dictionary.npy (float32
 * [atoms, side, side], `np.load` reads it). Each file is written to a temporary name and
 * renamed (trainer/atomic-write.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { greyPng } from '../png.js';
import {
  atomGridOptions,
  atomPrintOptions,
  filterPicture,
  filterSvg,
  type FilterSet,
} from '../../protocol/filter-picture.js';
import { encodeNpy } from '../../protocol/npy.js';

export const EXPORT_FILES = ['dictionary.png', 'dictionary.svg', 'dictionary.npy'] as const;

/** Writes the three dictionary files; returns their paths. */
export async function writeDictionaryExports(
  runDir: string,
  atoms: FilterSet,
  title: string,
): Promise<string[]> {
  const dir = join(runDir, 'exports');
  await mkdir(dir, { recursive: true });
  const options = atomGridOptions(atoms.height, atoms.count);
  const picture = filterPicture(atoms, atomPrintOptions(atoms.height, atoms.count)); // ≥ 1,000 px: printable
  const files = EXPORT_FILES.map((name) => join(dir, name));
  await writeFileAtomic(files[0]!, greyPng(picture.width, picture.height, picture.pixels));
  await writeFileAtomic(files[1]!, filterSvg(atoms, { ...options, title }));
  await writeFileAtomic(files[2]!, encodeNpy(atoms.values, [atoms.count, atoms.height, atoms.width]));
  return files;
}
