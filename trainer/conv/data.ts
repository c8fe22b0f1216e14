/**
 * The images a convolutional sparse-coding run crops its batches from (issue 4, "Data"):
 *   - 'dead-leaves': generated natural-like images (models/images/dead-leaves.ts), 128×128,
 *     with disc radii from 12 to 64 px: at a 9×9 kernel's scale their borders are nearly
 *     straight edges (with radii down to 1 px, tiny discs and sharp arcs dominate and the
 *     kernels learn blobs and corners; with 6 px, curved edges);
 *   - 'textured-leaves': the same discs, each filled with its grey plus a grating of random
 *     orientation, period (3–10 px) and contrast (models/images/textured-leaves.ts): edges
 *     between objects and periodic texture inside them;
 *   - 'folder': the user's photos (PNG/JPEG), shrunk to a long side of at most 256 px;
 *   - 'mnist': embedded digits, 28×28 (a subset: the crops are whole digits or parts).
 * Preprocessing (config.data.preprocessing): 'whiten' = Olshausen & Field's R(f) on whole
 * images (models/images/whiten.ts), which leaves edges and removes flat areas, then local
 * contrast normalisation; 'lcn' = local contrast normalisation only (Jarrett et al. 2009);
 * 'none' = each image centred and scaled to unit standard deviation.
 * Crops larger than the smallest image, or a kernel larger than the crops, are field errors;
 * unreadable folders and files are errors naming them (read-folder.ts).
 */
import { localContrastNormalise } from '../../models/conv/images.js';
import { generateDeadLeaves } from '../../models/images/dead-leaves.js';
import { createGreyImage, type GreyImage } from '../../models/images/image.js';
import { generateTexturedLeaves } from '../../models/images/textured-leaves.js';
import { whitenImage } from '../../models/images/whiten.js';
import { createRng } from '../../models/rng.js';
import {
  checkConvSizes,
  CONV_DEAD_LEAVES_SIZE,
  type ConvLabConfig,
  type ConvPreprocessing,
} from '../../protocol/conv/config.js';
import type { FieldError } from '../../protocol/fields.js';
import { sayConv } from '../../protocol/conv/texts.js';
import { sayShared, type Said } from '../../protocol/texts.js';
import { loadEmbeddedDigits } from '../data/embedded.js';
import { readImageFolder } from '../data/images/read-folder.js';

export interface ConvImages {
  /** Preprocessed images, at least `imageSize` on each side. */
  readonly images: readonly GreyImage[];
  /** Where they came from, in words. */
  readonly description: string;
}

const DEAD_LEAVES_IMAGES = 16;
const DEAD_LEAVES_RADII = { minRadius: 12, maxRadius: 64 };
const PHOTO_MAX_SIDE = 256;
const MNIST_IMAGES = 2000;

/** Zero mean, unit standard deviation. */
function standardise(image: GreyImage): GreyImage {
  const { pixels } = image;
  const mean = pixels.reduce((a, b) => a + b, 0) / pixels.length;
  const variance = pixels.reduce((a, b) => a + (b - mean) ** 2, 0) / pixels.length;
  const scale = variance > 0 ? 1 / Math.sqrt(variance) : 1;
  return createGreyImage(
    image.width,
    image.height,
    pixels.map((p) => (p - mean) * scale),
  );
}

export function preprocess(image: GreyImage, how: ConvPreprocessing): GreyImage {
  if (how === 'whiten') return localContrastNormalise(whitenImage(image));
  if (how === 'lcn') return localContrastNormalise(image);
  return standardise(image);
}

async function rawImages(config: ConvLabConfig): Promise<{ images: GreyImage[]; where: Said }> {
  const { data } = config;
  if (data.source === 'mnist') {
    const digits = await loadEmbeddedDigits();
    const side = digits.width * digits.height;
    const count = Math.min(MNIST_IMAGES, digits.count);
    const images = Array.from({ length: count }, (_, i) =>
      createGreyImage(digits.width, digits.height, digits.pixels.slice(i * side, (i + 1) * side)),
    );
    return { images, where: sayConv('convMnistCount', { count }) };
  }
  if (data.source === 'folder') {
    const folder = await readImageFolder(data.folder ?? '', { maxSide: PHOTO_MAX_SIDE });
    const n = folder.images.length;
    return {
      images: folder.images.map((f) => f.image),
      where: sayShared(n === 1 ? 'photoOf' : 'photosOf', { count: n, folder: folder.folder }),
    };
  }
  if (data.source === 'textured-leaves') {
    const images = generateTexturedLeaves(
      { size: CONV_DEAD_LEAVES_SIZE, count: DEAD_LEAVES_IMAGES, ...DEAD_LEAVES_RADII },
      createRng(config.seed ^ 0x7e47),
    );
    return {
      images,
      where: sayConv('convTexturedLeaves', { count: images.length, size: CONV_DEAD_LEAVES_SIZE }),
    };
  }
  const images = generateDeadLeaves(
    { size: CONV_DEAD_LEAVES_SIZE, count: DEAD_LEAVES_IMAGES, ...DEAD_LEAVES_RADII },
    createRng(config.seed ^ 0xdead),
  );
  return {
    images,
    where: sayShared('deadLeavesImages', { count: images.length, size: CONV_DEAD_LEAVES_SIZE }),
  };
}

/** Reads (or generates) and preprocesses the run's images; a size clash is a field error. */
export async function loadConvImages(config: ConvLabConfig): Promise<ConvImages | FieldError> {
  const { images, where } = await rawImages(config);
  const smallest = Math.min(...images.map((i) => Math.min(i.width, i.height)));
  const clash = checkConvSizes(config, smallest, where);
  if (clash) return clash;
  const how = config.data.preprocessing;
  return {
    images: images.map((image) => preprocess(image, how)),
    description: `${where.message}, ${how === 'whiten' ? 'whitened and contrast-normalised' : how === 'lcn' ? 'contrast-normalised' : 'standardised'}`,
  };
}
