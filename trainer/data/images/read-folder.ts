/**
 * Reads a folder of the user's photos for the patch labs: every file named *.png, *.jpg or
 * *.jpeg (any case), in name order, decoded to grey in [0, 1] and, if `maxSide` is given,
 * shrunk by area averaging until its long side is at most maxSide pixels.
 *
 * Other entries are skipped with a note, not an error: photo folders routinely hold
 * sidecar files (.xmp, .DS_Store, Thumbs.db, raw files) the user did not mean to feed in;
 * the notes say what was left out. Subfolders are not entered. But a file that *claims* to
 * be an image by its name and is not one, or cannot be read, is an error naming the file
 * and the reason: the user meant it to be used, and silently losing it would be worse.
 * Errors: a missing folder, a path that is not a folder, a folder with no PNG or JPEG.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { GreyImage } from '../../../models/images/image.js';
import { fitLongSide } from '../../../models/images/resize.js';
import { SaidError, sayShared } from '../../../protocol/texts.js';
import { readGreyImage } from './decode.js';

export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg'];

export interface ReadFolderOptions {
  /** Shrink so that the long side is at most this many pixels; default: keep the size. */
  readonly maxSide?: number;
}

export interface FolderImage {
  /** The file's path (folder joined with its name). */
  readonly file: string;
  readonly image: GreyImage;
  /** The size of the photo before any downscaling. */
  readonly originalWidth: number;
  readonly originalHeight: number;
}

export interface ImageFolder {
  readonly folder: string;
  /** In file-name order. */
  readonly images: readonly FolderImage[];
  /** One sentence per entry left out, e.g. "notes.txt (not a .png, .jpg or .jpeg file)". */
  readonly skipped: readonly string[];
}

async function checkFolder(folder: string): Promise<void> {
  let info;
  try {
    info = await stat(folder);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? sayShared('noSuchFolder')
        : code === 'EACCES'
          ? sayShared('permissionDenied')
          : String(error);
    throw new SaidError(sayShared('folderUnreadable', { folder, why }));
  }
  if (!info.isDirectory()) throw new SaidError(sayShared('folderIsFile', { folder }));
}

/** Splits the folder's entries into image files to read and notes on the rest. */
async function listImageFiles(folder: string): Promise<{ files: string[]; skipped: string[] }> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    const isImageName = IMAGE_EXTENSIONS.includes(extname(entry.name).toLowerCase());
    if (entry.isDirectory()) skipped.push(`${entry.name} (a subfolder; subfolders are not read)`);
    else if (!isImageName) skipped.push(`${entry.name} (not a .png, .jpg or .jpeg file)`);
    else files.push(entry.name);
  }
  return { files, skipped };
}

/** Reads every PNG/JPEG in `folder` as grey images in [0, 1]. */
export async function readImageFolder(folder: string, options: ReadFolderOptions = {}): Promise<ImageFolder> {
  const { maxSide } = options;
  if (maxSide !== undefined && !(Number.isInteger(maxSide) && maxSide >= 1)) {
    throw new Error(`The longest side must be a whole number of pixels ≥ 1; got ${maxSide}.`);
  }
  await checkFolder(folder);
  const { files, skipped } = await listImageFiles(folder);
  if (files.length === 0) {
    const count = skipped.length;
    const others =
      count > 0 ? sayShared(count === 1 ? 'folderOtherEntry' : 'folderOtherEntries', { count }) : '';
    throw new SaidError(sayShared('folderNoImages', { folder, others }));
  }
  const images: FolderImage[] = [];
  for (const name of files) {
    const file = join(folder, name);
    const original = await readGreyImage(file);
    const image = maxSide === undefined ? original : fitLongSide(original, maxSide);
    images.push({ file, image, originalWidth: original.width, originalHeight: original.height });
  }
  return { folder, images, skipped };
}
