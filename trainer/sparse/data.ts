/**
 * The samples a sparse-coding run learns from, as rows y [count, n] of one square side:
 *   - MNIST: the 10,000 embedded digits (28×28, pixels in [0, 1]), as the lecture;
 *   - patches: p×p patches of generated dead-leaves images or of a folder of the user's
 *     photos, whitened (O&F's R(f) on whole images, or ZCA) and normalised per patch
 *     (models/images/patch-data.ts).
 * A patch size larger than the smallest photo is a field error of `patchSize` (reported by
 * create); unreadable folders and files are errors naming them (read-folder.ts).
 */
import { generateDeadLeaves, makePatchData, type GreyImage } from '../../models/images/index.js';
import { createRng } from '../../models/rng.js';
import type { FieldError } from '../../protocol/fields.js';
import { sayShared, type Said } from '../../protocol/texts.js';
import {
  checkPatchAgainstImages,
  DEAD_LEAVES_SIZE,
  type SparseConfig,
} from '../../protocol/sparse/config.js';
import { loadEmbeddedDigits } from '../data/embedded.js';
import { readImageFolder } from '../data/images/read-folder.js';

export interface SparseSamples {
  /** [count, side²] row-major. */
  readonly values: Float32Array;
  readonly count: number;
  readonly side: number;
  /** Where they came from, in words. */
  readonly description: string;
}

/** Photos are shrunk so that their long side is at most this many pixels. */
const PHOTO_MAX_SIDE = 512;
const DEAD_LEAVES_IMAGES = 12;

export async function loadSparseSamples(config: SparseConfig): Promise<SparseSamples | FieldError> {
  if (config.data.kind === 'mnist') {
    const digits = await loadEmbeddedDigits();
    return {
      values: digits.pixels,
      count: digits.count,
      side: digits.width,
      description: `the ${digits.count} embedded MNIST digits`,
    };
  }
  const { source, whitening } = config.data;
  let images: GreyImage[];
  let where: Said;
  if (source === 'folder') {
    const folder = await readImageFolder(config.data.folder ?? '', { maxSide: PHOTO_MAX_SIDE });
    images = folder.images.map((f) => f.image);
    where = sayShared(images.length === 1 ? 'photoOf' : 'photosOf', {
      count: images.length,
      folder: folder.folder,
    });
  } else {
    images = generateDeadLeaves(
      { size: DEAD_LEAVES_SIZE, count: DEAD_LEAVES_IMAGES },
      createRng(config.seed ^ 0xdead),
    );
    where = sayShared('deadLeavesImages', { count: images.length, size: DEAD_LEAVES_SIZE });
  }
  const smallest = Math.min(...images.map((i) => Math.min(i.width, i.height)));
  const tooBig = checkPatchAgainstImages(config, smallest, where);
  if (tooBig) return tooBig;
  const data = makePatchData(
    images,
    { size: config.patchSize, count: config.patchCount, whitening, minStd: 1e-3 },
    createRng(config.seed ^ 0x9a7c),
  );
  return {
    values: data.patches,
    count: data.count,
    side: data.size,
    description: `${data.count} patches of ${data.size}×${data.size} from ${where.message} (whitening: ${whitening})`,
  };
}
